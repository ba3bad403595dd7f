//! `zhengce search`: the units (clauses, titles, notice and preamble paragraphs, set-apart
//! text, …) that contain what the user typed, ranked, from the index (or from the bundled
//! corpus, indexed in memory, when no index has been made); or the documents they are in
//! (`-l`), with counts (`-l -c`); identical texts grouped (`--dedupe`); or the list of
//! indexed documents (`--files`).

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::cli::{fail, finish, ColorChoice, RoleChoice, YearRange};
use crate::error::Error;
use crate::index::{DocumentSummary, FileRecord, Index, Location, UnitKind};
use crate::model::{Agency, ExcludedReason, Target, SCHEMA_VERSION};
use crate::output::json;
use crate::output::style::{sanitize, Paint, Painter};
use crate::output::table::{Align, Table};
use crate::search::snippet::{snippet, MatchRange, Snippet};
use crate::search::{self, DocumentHits, Filters, Group, Hit, Pattern, Request, Sort};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to find: terms that must all occur, `A OR B`, `-term` to exclude, "quoted
    /// text" (see docs/search.md).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    /// Leave out clauses that contain TERM; `-TERM` in the query says the same.
    #[arg(long, value_name = "TERM")]
    pub exclude: Vec<String>,
    /// A regular expression the clause text must match (e.g. '到20\d\d年.{0,30}达到').
    #[arg(long, short = 'e', value_name = "PATTERN")]
    pub regex: Option<String>,
    /// The index folder [default: $ZHENGCE_INDEX, else the default folder if `zhengce
    /// index` has made it, else the bundled corpus].
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Only documents of these years: 2020, 2020..2025, 2020.., ..2020.
    #[arg(long, value_name = "YEARS")]
    pub year: Option<YearRange>,
    /// Only documents whose name (file name without extension) contains TEXT.
    #[arg(long, value_name = "TEXT")]
    pub doc: Option<String>,
    /// Only documents whose issuer contains TEXT.
    #[arg(long, value_name = "TEXT")]
    pub issuer: Option<String>,
    /// Only clauses naming an agency whose name, canonical name or successor contains TEXT.
    #[arg(long, value_name = "TEXT")]
    pub agency: Option<String>,
    /// With --agency: only where it has this role; alone: clauses with an agency in it.
    #[arg(long, value_enum, value_name = "ROLE")]
    pub role: Option<RoleChoice>,
    /// Only clauses at this depth of the tree (1: chapters 一、).
    #[arg(long, value_name = "N")]
    pub level: Option<usize>,
    /// Only units of these kinds (comma-separated): clause, title, notice, preamble,
    /// paragraph, excluded.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KINDS")]
    pub kind: Vec<KindChoice>,
    /// Best match first, or the oldest document first.
    #[arg(long, value_enum, default_value_t, value_name = "ORDER")]
    pub sort: SortChoice,
    /// Show at most N results.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Print only the number of matching units; with -l, each document's number.
    #[arg(long, short = 'c', conflicts_with = "json")]
    pub count: bool,
    /// Print each matching document once: its path (every one, no --limit).
    #[arg(long, short = 'l')]
    pub files_with_matches: bool,
    /// Show units whose texts are identical once, with how many there are and where.
    #[arg(long, conflicts_with = "files_with_matches")]
    pub dedupe: bool,
    /// List the indexed documents (name, date, units, title) instead of searching.
    #[arg(long, conflicts_with_all = [
        "query", "exclude", "regex", "agency", "role", "level", "kind", "sort", "count",
        "files_with_matches", "dedupe",
    ])]
    pub files: bool,
    /// Print JSON Lines, one clause per line (see docs/json.md).
    #[arg(long)]
    pub json: bool,
    /// Snippet length in characters [default: 60; on a terminal, as many as fit on a
    /// line, at most 60].
    #[arg(long, value_name = "CHARS")]
    pub width: Option<usize>,
    /// When to colour matches.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// The kinds of unit `--kind` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindChoice {
    Clause,
    Title,
    Notice,
    Preamble,
    Paragraph,
    Excluded,
}

impl KindChoice {
    fn kind(self) -> UnitKind {
        match self {
            KindChoice::Clause => UnitKind::Clause,
            KindChoice::Title => UnitKind::Title,
            KindChoice::Notice => UnitKind::Notice,
            KindChoice::Preamble => UnitKind::Preamble,
            KindChoice::Paragraph => UnitKind::Paragraph,
            KindChoice::Excluded => UnitKind::Excluded,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SortChoice {
    #[default]
    Score,
    Year,
}

/// One result of `search --json`.
#[derive(Debug, Serialize)]
pub struct HitRow<'a> {
    pub schema_version: u32,
    pub document: &'a DocumentSummary,
    pub clause: ClauseInfo<'a>,
    /// BM25 score; `null` with `--sort year` or `--regex` alone.
    pub score: Option<f32>,
    /// The clause's own text, heading included.
    pub text: &'a str,
    /// Where the query matches in `text`.
    pub matches: Vec<MatchRange>,
    /// Always `"char"`: the unit of `matches` and of the snippet's offsets.
    pub unit: &'static str,
    pub snippet: Snippet,
    pub agencies: &'a [Agency],
    pub targets: &'a [Target],
    /// With `--dedupe`: every unit with this text, this one first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicates: Option<Duplicates<'a>>,
}

/// The units that say the same as a `--dedupe` result.
#[derive(Debug, Serialize)]
pub struct Duplicates<'a> {
    /// How many units have this text (this one included).
    pub count: usize,
    /// How many documents they are in.
    pub documents: usize,
    pub units: Vec<UnitRef<'a>>,
}

/// One unit of a document, by name and id.
#[derive(Debug, Serialize)]
pub struct UnitRef<'a> {
    pub document: &'a str,
    pub source: &'a str,
    pub id: &'a str,
}

/// One result of `search -l --json`.
#[derive(Debug, Serialize)]
pub struct DocumentRow<'a> {
    pub schema_version: u32,
    pub document: &'a DocumentSummary,
    /// How many of its units match.
    pub count: usize,
    /// The same by kind of unit (kinds with none left out).
    pub kinds: std::collections::BTreeMap<&'static str, usize>,
}

/// One line of `search --files --json`.
#[derive(Debug, Serialize)]
pub struct FileRow<'a> {
    pub schema_version: u32,
    pub document: &'a DocumentSummary,
    /// How many units it is indexed as.
    pub units: usize,
    /// How many of them are numbered clauses.
    pub clauses: usize,
}

/// Where the unit sits in its document.
#[derive(Debug, Serialize)]
pub struct ClauseInfo<'a> {
    /// What part of the document it is: clause, title, notice, preamble, paragraph,
    /// excluded.
    pub kind: UnitKind,
    pub id: &'a str,
    pub parent: Option<&'a str>,
    pub labels: &'a [String],
    pub heading: Option<&'a str>,
    pub level: usize,
    /// Why an `excluded` unit was set apart; `null` for other kinds.
    pub reason: Option<ExcludedReason>,
}

impl<'a> HitRow<'a> {
    pub fn of(hit: &'a Hit, width: usize) -> HitRow<'a> {
        let c = &hit.stored.unit;
        HitRow {
            schema_version: SCHEMA_VERSION,
            document: &hit.stored.document,
            clause: ClauseInfo {
                kind: c.kind,
                id: &c.id,
                parent: c.parent.as_deref(),
                labels: &c.labels,
                heading: c.heading.as_deref(),
                level: c.level,
                reason: c.reason,
            },
            score: hit.score,
            text: &c.text,
            matches: hit
                .matches
                .iter()
                .map(|&(start, end)| MatchRange { start, end })
                .collect(),
            unit: "char",
            snippet: snippet(&c.text, &hit.matches, width),
            agencies: &c.agencies,
            targets: &c.targets,
            duplicates: None,
        }
    }

    fn of_group(group: &'a Group, width: usize) -> HitRow<'a> {
        let mut row = HitRow::of(&group.hit, width);
        let mut documents: Vec<&str> = group
            .members
            .iter()
            .map(|(d, _)| d.source.as_str())
            .collect();
        documents.sort_unstable();
        documents.dedup();
        row.duplicates = Some(Duplicates {
            count: group.members.len(),
            documents: documents.len(),
            units: group
                .members
                .iter()
                .map(|(d, id)| UnitRef {
                    document: &d.name,
                    source: &d.source,
                    id,
                })
                .collect(),
        });
        row
    }
}

/// Rewrites `-监管` after `search` into `--exclude=监管`, so an exclusion can sit among
/// the options (`search 质量 -监管 --limit 5`) without clap reading it as short flags.
/// What starts like one of search's short options (`-n 5`, `-c`, `-e PAT`, `-h`) stays an
/// option, so an ASCII term starting with e, n, c or h is excluded with `--exclude`.
pub fn rewrite_exclusions(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let Some(at) = args.iter().position(|a| a == "search") else {
        return args;
    };
    // Read from the command's own definition, so a new option needs no edit here: the
    // options whose value may itself start with `-` (`--regex '-\d'`), and the short
    // option letters (with clap's -h).
    let command = <super::Cli as clap::CommandFactory>::command();
    let search = command
        .find_subcommand("search")
        .expect("the search subcommand is defined");
    let options = || search.get_arguments().filter(|a| !a.is_positional());
    let takes_value: Vec<String> = options()
        .filter(|a| a.get_action().takes_values())
        .flat_map(|a| {
            let long = a.get_long().map(|l| format!("--{l}"));
            let short = a.get_short().map(|s| format!("-{s}"));
            long.into_iter().chain(short)
        })
        .collect();
    let mut shorts: Vec<char> = options().filter_map(|a| a.get_short()).collect();
    shorts.extend(['h', '-']);
    let mut options_end = false;
    let mut previous = std::ffi::OsString::new();
    args.into_iter()
        .enumerate()
        .map(|(i, arg)| {
            let after_option = takes_value.iter().any(|o| previous == o.as_str());
            previous = arg.clone();
            if i <= at || options_end || after_option {
                return arg;
            }
            if arg == "--" {
                options_end = true;
                return arg;
            }
            match arg.to_str().and_then(|a| a.strip_prefix('-')) {
                Some(rest) if !rest.is_empty() && !rest.starts_with(shorts.as_slice()) => {
                    format!("--exclude={rest}").into()
                }
                _ => arg,
            }
        })
        .collect()
}

/// The index a search or `show` reads: the one named, else the default one if it exists,
/// else the bundled corpus indexed in memory.
pub fn open_index(flag: Option<PathBuf>) -> Result<Index, Error> {
    match Location::resolve(flag) {
        Location::Named(dir) => Index::open(&dir),
        Location::Default(dir) if dir.join("meta.json").is_file() => Index::open(&dir),
        _ => Index::bundled(),
    }
}

pub fn run(args: SearchArgs) -> i32 {
    if args.files {
        return run_files(&args);
    }
    let request = match request(&args) {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    if args.files_with_matches {
        let documents =
            open_index(args.index.clone()).and_then(|i| search::documents(&i, &request));
        let (documents, notes) = match documents {
            Ok(d) => d,
            Err(e) => return fail(&e),
        };
        for note in &notes {
            crate::cli::report(note);
        }
        let mut out = BufWriter::new(io::stdout().lock());
        let result = write_documents(&mut out, &documents, &args)
            .and_then(|()| out.flush())
            .map(|()| false);
        return finish(result, !documents.is_empty());
    }
    let results = match open_index(args.index.clone()).and_then(|i| search::search(&i, &request)) {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    for note in &results.notes {
        crate::cli::report(note);
    }
    let painter = Painter {
        color: !args.json && args.color.use_color(),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let total = results.total.unwrap_or(0);
    let found = if args.count {
        total > 0
    } else {
        !results.hits.is_empty()
    };
    let started = std::time::Instant::now();
    let mut sent = 0usize;
    let result = (|| {
        if args.json {
            json::write_begin(&mut out, "search")?;
        }
        if args.dedupe {
            let groups = search::dedupe(results.hits);
            if args.count {
                writeln!(out, "{}", groups.len())?;
            }
            let shown = if args.count {
                &[][..]
            } else {
                &groups[..groups.len().min(args.limit)]
            };
            for group in shown {
                if args.json {
                    json::write_message(
                        &mut out,
                        "hit",
                        &HitRow::of_group(group, snippet_chars(&args)),
                    )?;
                    sent += 1;
                } else {
                    write_hit(&mut out, &group.hit, args.width, painter)?;
                    write_members(&mut out, group, painter)?;
                }
            }
            if !args.json && !args.count && crate::output::stdout_is_terminal() {
                write_footer(&mut out, shown.len(), Some(groups.len()), "texts")?;
            }
        } else if args.count {
            writeln!(out, "{total}")?;
        } else if args.json {
            for hit in &results.hits {
                json::write_message(&mut out, "hit", &HitRow::of(hit, snippet_chars(&args)))?;
                sent += 1;
            }
        } else {
            for hit in &results.hits {
                write_hit(&mut out, hit, args.width, painter)?;
            }
            if crate::output::stdout_is_terminal() {
                write_footer(&mut out, results.hits.len(), results.total, "units")?;
            }
        }
        if args.json {
            json::write_end(&mut out, "search", sent, 0, started)?;
        }
        out.flush()?;
        Ok(false)
    })();
    finish(result, found)
}

/// The snippet length of JSON hits: `--width`, else 60 chars.
fn snippet_chars(args: &SearchArgs) -> usize {
    args.width.unwrap_or(DEFAULT_SNIPPET_CHARS)
}

/// Snippet length in chars when `--width` is not given.
const DEFAULT_SNIPPET_CHARS: usize = 60;

/// `search -l`: each matching document once; with `-c`, its count after a tab.
fn write_documents<W: Write>(
    out: &mut W,
    docs: &[DocumentHits],
    args: &SearchArgs,
) -> io::Result<()> {
    let started = std::time::Instant::now();
    if args.json {
        json::write_begin(out, "search")?;
    }
    for d in docs {
        if args.json {
            let row = DocumentRow {
                schema_version: SCHEMA_VERSION,
                document: &d.document,
                count: d.count,
                kinds: d.kinds.iter().map(|(k, n)| (k.as_str(), *n)).collect(),
            };
            json::write_message(out, "document", &row)?;
        } else if args.count {
            writeln!(out, "{}\t{}", sanitize(&d.document.source), d.count)?;
        } else {
            writeln!(out, "{}", sanitize(&d.document.source))?;
        }
    }
    if args.json {
        json::write_end(out, "search", docs.len(), 0, started)?;
    }
    Ok(())
}

/// `search --files`: every indexed document, oldest first.
fn run_files(args: &SearchArgs) -> i32 {
    let records = match open_index(args.index.clone()).and_then(|i| i.files()) {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    let wanted = |r: &&FileRecord| {
        let d = &r.document;
        let doc = args
            .doc
            .as_ref()
            .is_none_or(|w| d.name.to_lowercase().contains(&w.to_lowercase()));
        let issuer = args.issuer.as_ref().is_none_or(|w| {
            let w = crate::normalize::fold_str(w);
            d.issuer
                .as_deref()
                .is_some_and(|i| crate::normalize::fold_str(i).contains(&w))
        });
        let year = args.year.is_none_or(|y| {
            d.year
                .is_some_and(|v| y.from.is_none_or(|f| v >= f) && y.to.is_none_or(|t| v <= t))
        });
        doc && issuer && year
    };
    let mut shown: Vec<&FileRecord> = records.iter().filter(wanted).collect();
    shown.sort_by(|a, b| {
        (a.document.year, &a.document.name).cmp(&(b.document.year, &b.document.name))
    });
    let painter = Painter {
        color: !args.json && args.color.use_color(),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let started = std::time::Instant::now();
    let result = (|| {
        if args.json {
            json::write_begin(&mut out, "search")?;
            for r in &shown {
                let row = FileRow {
                    schema_version: SCHEMA_VERSION,
                    document: &r.document,
                    units: r.units,
                    clauses: r.clauses,
                };
                json::write_message(&mut out, "file", &row)?;
            }
            json::write_end(&mut out, "search", shown.len(), 0, started)?;
        } else if !crate::output::stdout_is_terminal() {
            // Tab-separated for `cut` and `sort`.
            for r in &shown {
                let d = &r.document;
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    sanitize(&d.name),
                    d.date.as_deref().unwrap_or("-"),
                    r.units,
                    sanitize(d.title.as_deref().unwrap_or("-"))
                )?;
            }
        } else if !shown.is_empty() {
            let mut table = Table::new(&[
                ("NAME", Align::Left),
                ("DATE", Align::Left),
                ("UNITS", Align::Right),
                ("TITLE", Align::Left),
            ]);
            for r in &shown {
                let d = &r.document;
                table.push(vec![
                    d.name.clone(),
                    d.date.clone().unwrap_or_else(|| "-".into()),
                    r.units.to_string(),
                    d.title.clone().unwrap_or_else(|| "-".into()),
                ]);
            }
            table.write_plain(&mut out, painter, crate::output::terminal_width())?;
        }
        out.flush()?;
        Ok(false)
    })();
    finish(result, !shown.is_empty())
}

fn request(args: &SearchArgs) -> Result<Request, Error> {
    // Arguments that would silently find nothing are errors: an empty result must mean
    // the documents do not say it, never that the question could not match.
    if args.limit == 0 && !args.count && !args.files_with_matches {
        return Err(Error::Query(
            "--limit 0 shows nothing: give 1 or more, or --count for the number".into(),
        ));
    }
    if args.level == Some(0) {
        return Err(Error::Query(
            "--level 0: levels start at 1 (the top-level clauses)".into(),
        ));
    }
    if args.regex.as_deref() == Some("") {
        return Err(Error::Query(
            "--regex '': an empty pattern matches every clause; give a pattern".into(),
        ));
    }
    let query = if args.query.is_empty() {
        None
    } else {
        let mut text = args.query.join(" ");
        for term in &args.exclude {
            let term = term.trim_matches('"');
            text.push_str(&format!(" -\"{term}\""));
        }
        Some(search::query::parse(&text)?)
    };
    let pattern = args.regex.as_deref().map(Pattern::new).transpose()?;
    if query.is_none() && pattern.is_none() {
        return Err(Error::Query(
            "nothing to search for: give a query, or --regex PATTERN".into(),
        ));
    }
    Ok(Request {
        query,
        pattern,
        filters: Filters {
            years: args.year.map(|y| (y.from, y.to)),
            doc: args.doc.clone(),
            issuer: args.issuer.clone(),
            agency: args.agency.clone(),
            role: args.role.map(RoleChoice::role),
            level: args.level,
            kinds: args.kind.iter().map(|k| k.kind()).collect(),
            indicator: None,
            holding: None,
        },
        sort: match args.sort {
            SortChoice::Score => Sort::Score,
            SortChoice::Year => Sort::Year,
        },
        // Groups are made from every hit.
        limit: if args.dedupe {
            usize::MAX
        } else if args.count {
            0
        } else {
            args.limit
        },
        // The terminal footer says how many there are in all; scripts do not pay for it.
        count_all: args.count || args.dedupe || (!args.json && crate::output::stdout_is_terminal()),
    })
}

/// One result for people: where it is (a clause by its labels and heading, another unit
/// by its kind and id), then the snippet with its matches marked. On a terminal the
/// place is cut to its width and the snippet holds as many chars as fit on a line (at
/// most `--width`'s default); a `--width` asked for is wrapped instead.
fn write_hit<W: Write>(
    out: &mut W,
    hit: &Hit,
    asked: Option<usize>,
    painter: Painter,
) -> io::Result<()> {
    let fit = crate::output::terminal_width();
    let doc = &hit.stored.document;
    let clause = &hit.stored.unit;
    let year = doc.year.map(|y| format!(" {y}")).unwrap_or_default();
    let place = if clause.kind == UnitKind::Clause {
        let heading = clause
            .heading
            .as_deref()
            .map(|h| format!(" {}", painter.paint(Paint::Heading, &sanitize(h))))
            .unwrap_or_default();
        format!(
            "{}{heading}",
            painter.paint(Paint::Label, &sanitize(&clause.labels.concat()))
        )
    } else {
        let reason = clause
            .reason
            .map(|r| format!(" ({})", excluded_reason(r)))
            .unwrap_or_default();
        painter.paint(Paint::Dim, &format!("[{}{reason}]", clause.id))
    };
    let header = format!(
        "{}{}  {}",
        painter.paint(Paint::Name, &sanitize(&doc.name)),
        year,
        place
    );
    writeln!(out, "{}", crate::output::fit::truncate(&header, fit))?;
    let mut chars = asked.unwrap_or(DEFAULT_SNIPPET_CHARS);
    let mut line = snippet_line(clause, hit, chars, painter);
    if let (None, Some(limit)) = (asked, fit) {
        // Fewer chars until the line fits: Chinese chars take two columns, ASCII one.
        loop {
            let over = crate::output::fit::width(&line).saturating_sub(limit);
            if over == 0 || chars <= MIN_SNIPPET_CHARS {
                break;
            }
            chars = chars
                .saturating_sub(over.div_ceil(2))
                .max(MIN_SNIPPET_CHARS);
            line = snippet_line(clause, hit, chars, painter);
        }
    }
    for part in crate::output::fit::wrap(&line, SNIPPET_INDENT, fit) {
        writeln!(out, "{part}")?;
    }
    writeln!(out)
}

/// How snippets are indented under their place.
const SNIPPET_INDENT: &str = "    ";

/// The fewest chars a snippet shrinks to; a narrower terminal wraps it.
const MIN_SNIPPET_CHARS: usize = 10;

/// The indented snippet of `chars` chars, matches marked (`**…**` without colour).
fn snippet_line(clause: &crate::index::Unit, hit: &Hit, chars: usize, painter: Painter) -> String {
    let snip = snippet(&clause.text, &hit.matches, chars);
    let text: Vec<char> = snip.text.chars().collect();
    let mut line = String::from(SNIPPET_INDENT);
    if snip.start > 0 {
        line.push('…');
    }
    let mut at = 0;
    for m in &snip.matches {
        line.push_str(&sanitize(&text[at..m.start].iter().collect::<String>()));
        let matched: String = text[m.start..m.end].iter().collect();
        if painter.color {
            line.push_str(&painter.paint(Paint::Match, &matched));
        } else {
            line.push_str(&format!("**{}**", sanitize(&matched)));
        }
        at = m.end;
    }
    line.push_str(&sanitize(&text[at..].iter().collect::<String>()));
    if snip.end < clause.text.chars().count() {
        line.push('…');
    }
    line
}

/// The reason an excluded unit was set apart, as JSON spells it.
pub fn excluded_reason(reason: ExcludedReason) -> String {
    serde_json::to_value(reason)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Under a `--dedupe` result: how many units say the same, and where.
fn write_members<W: Write>(out: &mut W, group: &Group, painter: Painter) -> io::Result<()> {
    if group.members.len() > 1 {
        let places: Vec<String> = group
            .members
            .iter()
            .map(|(d, id)| format!("{} {id}", sanitize(&d.name)))
            .collect();
        let line = format!("    ×{} in: {}", group.members.len(), places.join(", "));
        for part in crate::output::fit::wrap(&line, "      ", crate::output::terminal_width()) {
            writeln!(out, "{}", painter.paint(Paint::Dim, &part))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_footer<W: Write>(
    out: &mut W,
    shown: usize,
    total: Option<usize>,
    what: &str,
) -> io::Result<()> {
    let line = match total {
        Some(total) if total > shown => format!(
            "{shown} of {total} matching {what} shown (--limit N for more, --count for the number)"
        ),
        None => format!("{shown} matching {what} shown; there are more (--count counts them)"),
        _ => return Ok(()),
    };
    for part in crate::output::fit::wrap(&line, "", crate::output::terminal_width()) {
        writeln!(out, "{part}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::rewrite_exclusions;

    #[test]
    fn exclusions_are_rewritten_and_options_kept() {
        let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        let given = args(&[
            "zhengce", "search", "质量", "-监管", "-GDPR", "-c", "-n", "5", "--regex", "-\\d",
            "-e", "-x", "--doc", "-y", "--", "-z",
        ]);
        let expected = args(&[
            "zhengce",
            "search",
            "质量",
            "--exclude=监管",
            "--exclude=GDPR",
            "-c",
            "-n",
            "5",
            "--regex",
            "-\\d",
            "-e",
            "-x",
            "--doc",
            "-y",
            "--",
            "-z",
        ]);
        assert_eq!(rewrite_exclusions(given), expected);
        // Other commands are left alone.
        let parse = args(&["zhengce", "parse", "-监管"]);
        assert_eq!(rewrite_exclusions(parse.clone()), parse);
    }
}
