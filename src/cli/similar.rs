//! `zhengce similar`: the clauses of the index that copy or adapt one clause (given by
//! document and id, or as text on standard input), most similar first, each with what it
//! changed.

use std::io::{self, Read, Write};
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::cli::search::open_index;
use crate::cli::{fail, finish, stdout, ColorChoice};
use crate::diff::inline::{edits, Edit};
use crate::error::Error;
use crate::index::{DocumentSummary, StoredUnit};
use crate::lineage::lookup::{self, Found};
use crate::lineage::measure::{Relation, THRESHOLD};
use crate::lineage::ClauseRef;
use crate::model::SCHEMA_VERSION;
use crate::output::style::{sanitize, Paint, Painter};

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// A document's name as search prints it, or `-` to read the clause's text from
    /// standard input.
    #[arg(value_name = "DOCUMENT")]
    pub document: String,
    /// The clause: its id (3.5) or labels (三、（五）), as `show` prints them; none with `-`.
    #[arg(value_name = "ID")]
    pub clause: Option<String>,
    /// The index folder (see `zhengce search --help`).
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// How similar a clause must be to be shown: the Dice coefficient of the runs of four
    /// chars the two share, 0 to 1. Copies are 1.
    #[arg(long, default_value_t = THRESHOLD, value_name = "SIMILARITY")]
    pub threshold: f64,
    /// Show at most N clauses.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Print JSON Lines (see docs/json.md).
    #[arg(long)]
    pub json: bool,
    /// When to colour.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// What was looked up, in the `begin` message.
#[derive(Debug, Serialize)]
struct Looked<'a> {
    query: Query<'a>,
}

#[derive(Debug, Serialize)]
struct Query<'a> {
    /// The clause's document, `null` for text from standard input.
    document: Option<&'a DocumentSummary>,
    clause: Option<ClauseRef>,
    text: &'a str,
}

/// One `similar` message.
#[derive(Debug, Serialize)]
pub struct SimilarRow<'a> {
    pub schema_version: u32,
    pub document: &'a DocumentSummary,
    pub clause: ClauseRef,
    pub relation: Relation,
    pub similarity: f64,
    pub coverage: f64,
    pub text: &'a str,
    /// From the clause looked up to this one.
    pub edits: Vec<Edit>,
}

/// The clause looked up: its stored unit when it is in the index, and its text.
struct Wanted {
    unit: Option<StoredUnit>,
    text: String,
}

pub fn run(args: SimilarArgs) -> i32 {
    if !(0.0..=1.0).contains(&args.threshold) {
        return fail(&Error::Query(format!(
            "--threshold {}: give a similarity from 0 to 1",
            args.threshold
        )));
    }
    if args.clause.is_none() != (args.document == "-") {
        return fail(&Error::Query(if args.clause.is_none() {
            format!(
                "which clause of {}? give its id or labels (`zhengce show {}` lists them)",
                args.document, args.document
            )
        } else {
            "with `-` the clause is read from standard input: give no ID".into()
        }));
    }
    if args.limit == 0 {
        return fail(&Error::Query(
            "--limit 0 shows nothing: give 1 or more".into(),
        ));
    }
    let index = match open_index(args.index.clone()) {
        Ok(i) => i,
        Err(e) => return fail(&e),
    };
    let options = lookup::Options {
        threshold: args.threshold,
        ..lookup::Options::default()
    };
    let result = index.guard(|| {
        let searcher = index.reader()?.searcher();
        let wanted = wanted(&index, &searcher, &args)?;
        let exclude = wanted
            .unit
            .as_ref()
            .map(|u| (u.document.source.as_str(), u.unit.id.as_str()));
        let found = lookup::related(&index, &searcher, &wanted.text, exclude, &options)?;
        Ok((wanted, found))
    });
    let (wanted, mut found) = match result {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    if !crate::lineage::measure::Fingerprint::of(&wanted.text).comparable() {
        crate::cli::report(format_args!(
            "the clause has fewer than {} chars of text: too short to tell where it comes from",
            crate::lineage::measure::MIN_CHARS
        ));
    }
    found.truncate(args.limit);
    let painter = Painter {
        color: !args.json && args.color.use_color(),
    };
    let result = (|| {
        if args.json {
            let about = Looked {
                query: Query {
                    document: wanted.unit.as_ref().map(|u| &u.document),
                    clause: wanted.unit.as_ref().map(|u| ClauseRef::of(&u.unit)),
                    text: &wanted.text,
                },
            };
            let mut m = crate::output::json::Messages::begin(stdout(), "similar", about)?;
            for f in &found {
                m.send("similar", &row(&wanted.text, f))?;
            }
            m.end()?;
        } else {
            let mut out = stdout();
            for f in &found {
                write_found(&mut out, &wanted.text, f, painter)?;
            }
            out.flush()?;
        }
        Ok(false)
    })();
    finish(result, !found.is_empty())
}

fn wanted(
    index: &crate::index::Index,
    searcher: &tantivy::Searcher,
    args: &SimilarArgs,
) -> Result<Wanted, Error> {
    if args.document == "-" {
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Error::Query(format!("<stdin>: {e}")))?;
        return Ok(Wanted { unit: None, text });
    }
    let name = crate::cli::show::resolve_name(index, &args.document)?;
    let units = crate::lineage::units_named(index, searcher, &name)?;
    let wanted = args.clause.as_deref().unwrap_or_default();
    let folded = crate::normalize::fold_str(wanted);
    let unit = units
        .iter()
        .find(|u| {
            u.unit.id == wanted
                || (!u.unit.labels.is_empty()
                    && crate::normalize::fold_str(&u.unit.labels.concat()) == folded)
        })
        .cloned()
        .ok_or_else(|| {
            Error::Query(format!(
                "{name}: no unit {wanted} (`zhengce show {name}` lists them)"
            ))
        })?;
    Ok(Wanted {
        text: unit.unit.text.clone(),
        unit: Some(unit),
    })
}

fn row<'a>(query: &str, f: &'a Found) -> SimilarRow<'a> {
    SimilarRow {
        schema_version: SCHEMA_VERSION,
        document: &f.stored.document,
        clause: ClauseRef::of(&f.stored.unit),
        relation: f.comparison.relation,
        similarity: round(f.comparison.similarity),
        coverage: round(f.comparison.coverage),
        text: &f.stored.unit.text,
        edits: edits(query, &f.stored.unit.text),
    }
}

/// Similarities to four decimals: more says nothing and makes JSON harder to read.
pub(crate) fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Where the clause is, how it relates, then the looked-up text with what this clause
/// deleted and inserted marked.
fn write_found<W: Write>(out: &mut W, query: &str, f: &Found, painter: Painter) -> io::Result<()> {
    let doc = &f.stored.document;
    let unit = &f.stored.unit;
    let year = doc.year.map(|y| format!(" {y}")).unwrap_or_default();
    let heading = unit
        .heading
        .as_deref()
        .map(|h| format!(" {}", painter.paint(Paint::Heading, &sanitize(h))))
        .unwrap_or_default();
    // On a terminal, lines fit its width (see docs/cli.md).
    let fit = crate::output::terminal_width();
    let place = format!(
        "{}{year}  {}{heading}  {} {:.2}",
        painter.paint(Paint::Name, &sanitize(&doc.name)),
        painter.paint(Paint::Label, &sanitize(&unit.labels.concat())),
        f.comparison.relation.as_str(),
        f.comparison.similarity
    );
    for line in crate::output::fit::wrap(&place, "    ", fit) {
        writeln!(out, "{line}")?;
    }
    let text = if f.comparison.relation == Relation::Copied {
        sanitize(&unit.text).replace('\n', " ")
    } else {
        crate::output::diff::inline(query, &edits(query, &unit.text), painter)
    };
    for line in crate::output::fit::wrap(&format!("    {text}"), "    ", fit) {
        writeln!(out, "{line}")?;
    }
    writeln!(out)
}
