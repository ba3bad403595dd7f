//! `zhengce lineage`: the documents of the index that share clauses with one document
//! (how many copied, how many adapted, which is older); with `--against`, the two
//! documents clause by clause; with `--edges`, every pair of documents of the index that
//! share clauses, as an edge list for network tools.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::cli::search::open_index;
use crate::cli::similar::round;
use crate::cli::{cell, fail, finish, flag, stdout, RowOutput};
use crate::diff::inline::{edits, Edit};
use crate::error::Error;
use crate::index::DocumentSummary;
use crate::lineage::edges::Edge;
use crate::lineage::measure::{Relation, PAIR_THRESHOLD, THRESHOLD};
use crate::lineage::{self, lookup, Against, ClauseRef, Link, RowKind};
use crate::model::SCHEMA_VERSION;
use crate::output::fit::wrap;
use crate::output::style::{sanitize, Paint};
use crate::output::table::{Align, Table};

#[derive(Debug, Args)]
pub struct LineageArgs {
    /// A document's name as search prints it (`zhengce search --files` lists them).
    #[arg(value_name = "DOCUMENT", required_unless_present = "edges")]
    pub document: Option<String>,
    /// Compare with this document clause by clause: which clauses are copied, adapted or
    /// the document's own, and which of the other's it does not take.
    #[arg(long, value_name = "DOCUMENT", conflicts_with = "edges")]
    pub against: Option<String>,
    /// Every pair of documents of the index that share clauses, as CSV (source, target,
    /// shared clauses, similarity …) for Gephi or networkx; JSON Lines with --json.
    #[arg(long, conflicts_with = "document")]
    pub edges: bool,
    /// The index folder (see `zhengce search --help`).
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// How similar two clauses must be to be related: the Dice coefficient of the runs of
    /// four chars they share, 0 to 1 [default: 0.2; 0.14 with --against, where the two
    /// documents are named as related].
    #[arg(long, value_name = "SIMILARITY")]
    pub threshold: Option<f64>,
    /// Threads [default: the cores, at most 4].
    #[arg(long, short = 'j', value_name = "N", value_parser = super::threads_arg())]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub output: RowOutput,
}

/// One `link` message: a document sharing clauses with the one looked at.
#[derive(Debug, Serialize)]
struct LinkRow<'a> {
    schema_version: u32,
    #[serde(flatten)]
    link: &'a Link,
}

/// One `row` message of `--against`.
#[derive(Debug, Serialize)]
struct AgainstRow<'a> {
    schema_version: u32,
    /// `copied`, `adapted`, `own` (a clause of the document), `unmatched` (a clause of the
    /// other document that no clause of this one is like).
    relation: RowKind,
    /// Which document the clause is in: `document` or `other`.
    side: &'static str,
    clause: ClauseRef,
    text: &'a str,
    counterparts: Vec<CounterpartRow<'a>>,
}

#[derive(Debug, Serialize)]
struct CounterpartRow<'a> {
    clause: ClauseRef,
    relation: Relation,
    similarity: f64,
    coverage: f64,
    text: &'a str,
    /// From the counterpart's text to the clause's.
    edits: Vec<Edit>,
}

#[derive(Debug, Serialize)]
struct EdgeRow<'a> {
    schema_version: u32,
    #[serde(flatten)]
    edge: &'a Edge,
}

impl LineageArgs {
    fn threshold(&self) -> f64 {
        let default = if self.against.is_some() {
            PAIR_THRESHOLD
        } else {
            THRESHOLD
        };
        self.threshold.unwrap_or(default)
    }
}

pub fn run(args: LineageArgs) -> i32 {
    let threshold = args.threshold();
    if !(0.0..=1.0).contains(&threshold) {
        return fail(&Error::Query(format!(
            "--threshold {threshold}: give a similarity from 0 to 1"
        )));
    }
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(4)));
    let index = match open_index(args.index.clone()) {
        Ok(i) => i,
        Err(e) => return fail(&e),
    };
    if args.edges {
        return run_edges(&index, &args, threshold, threads);
    }
    let wanted = args.document.as_deref().unwrap_or_default();
    let name = match crate::cli::show::resolve_name(&index, wanted) {
        Ok(n) => n,
        Err(e) => return fail(&e),
    };
    if let Some(other) = &args.against {
        let other = match crate::cli::show::resolve_name(&index, other) {
            Ok(n) => n,
            Err(e) => return fail(&e),
        };
        return match lineage::against(&index, &name, &other, threshold) {
            Ok(a) => write_against(&a, &args),
            Err(e) => fail(&e),
        };
    }
    let options = lookup::Options {
        threshold,
        ..lookup::Options::default()
    };
    let found = match lineage::lineage(&index, &name, &options, threads) {
        Ok(l) => l,
        Err(e) => return fail(&e),
    };
    let result = (|| {
        if args.output.json {
            #[derive(Serialize)]
            struct About<'a> {
                document: &'a DocumentSummary,
                clauses: usize,
            }
            let about = About {
                document: &found.document,
                clauses: found.clauses,
            };
            let mut m = crate::output::json::Messages::begin(stdout(), "lineage", about)?;
            for link in &found.links {
                m.send(
                    "link",
                    &LinkRow {
                        schema_version: SCHEMA_VERSION,
                        link: &rounded(link),
                    },
                )?;
            }
            m.end()?;
        } else {
            let mut out = stdout();
            if !args.output.csv {
                let painter = args.output.painter();
                let fit = crate::output::terminal_width();
                for line in wrap(&sanitize(title(&found.document)), "", fit) {
                    writeln!(out, "{}", painter.paint(Paint::Title, &line))?;
                }
                let sharing = match found.links.len() {
                    1 => "1 document shares clauses with it".to_string(),
                    n => format!("{n} documents share clauses with it"),
                };
                let facts = format!(
                    "{} · {} clauses compared · {sharing}",
                    sanitize(&found.document.name),
                    found.clauses,
                );
                for line in wrap(&facts, "", fit) {
                    writeln!(out, "{}", painter.paint(Paint::Dim, &line))?;
                }
                writeln!(out)?;
            }
            args.output
                .write_table(&mut out, &links_table(&found.links), &links_data(&found))?;
            out.flush()?;
        }
        Ok(false)
    })();
    finish(result, !found.links.is_empty())
}

fn title(d: &DocumentSummary) -> &str {
    d.title.as_deref().unwrap_or(&d.name)
}

fn rounded(link: &Link) -> Link {
    Link {
        share: round(link.share),
        similarity: round(link.similarity),
        ..link.clone()
    }
}

/// `older → newer` as a reader says it of the other document.
fn direction(link: &Link) -> &'static str {
    match &link.source {
        Some(s) if *s == link.document.name => "older",
        Some(_) => "newer",
        None => "",
    }
}

fn links_table(links: &[Link]) -> Table {
    let mut table = Table::new(&[
        ("DOCUMENT", Align::Left),
        ("DATE", Align::Left),
        ("IS", Align::Left),
        ("SHARED", Align::Right),
        ("COPIED", Align::Right),
        ("ADAPTED", Align::Right),
        ("SHARE", Align::Right),
        ("SIMILARITY", Align::Right),
        ("TITLE", Align::Left),
    ]);
    for l in links {
        table.push(vec![
            l.document.name.clone(),
            l.document
                .date
                .clone()
                .or_else(|| l.document.year.map(|y| y.to_string()))
                .unwrap_or_default(),
            direction(l).to_owned(),
            l.shared.to_string(),
            l.copied.to_string(),
            l.adapted.to_string(),
            format!("{:.0}%", l.share * 100.0),
            format!("{:.2}", l.similarity),
            title(&l.document).to_owned(),
        ]);
    }
    table
}

fn links_data(found: &lineage::Lineage) -> Table {
    let mut table = Table::new(
        &[
            "document",
            "other",
            "other_title",
            "other_date",
            "other_year",
            "source",
            "target",
            "shared",
            "copied",
            "adapted",
            "clauses",
            "share",
            "similarity",
        ]
        .map(|h| (h, Align::Left)),
    );
    for l in &found.links {
        table.push(vec![
            found.document.name.clone(),
            l.document.name.clone(),
            l.document.title.clone().unwrap_or_default(),
            l.document.date.clone().unwrap_or_default(),
            cell(l.document.year),
            l.source.clone().unwrap_or_default(),
            l.target.clone().unwrap_or_default(),
            l.shared.to_string(),
            l.copied.to_string(),
            l.adapted.to_string(),
            found.clauses.to_string(),
            round(l.share).to_string(),
            round(l.similarity).to_string(),
        ]);
    }
    table
}

fn labels(c: &crate::index::Unit) -> String {
    if c.labels.is_empty() {
        c.id.clone()
    } else {
        c.labels.concat()
    }
}

fn write_against(a: &Against, args: &LineageArgs) -> i32 {
    let count = |k| a.counts.get(&k).copied().unwrap_or(0);
    let shared = count(RowKind::Copied) + count(RowKind::Adapted);
    let result = (|| {
        if args.output.json {
            #[derive(Serialize)]
            struct About<'a> {
                document: &'a DocumentSummary,
                other: &'a DocumentSummary,
                clauses: usize,
                other_clauses: usize,
                source: Option<&'a str>,
                target: Option<&'a str>,
                counts: &'a std::collections::BTreeMap<RowKind, usize>,
            }
            let about = About {
                document: &a.document,
                other: &a.other,
                clauses: a.clauses.0,
                other_clauses: a.clauses.1,
                source: a.source.as_deref(),
                target: a.target.as_deref(),
                counts: &a.counts,
            };
            let mut m = crate::output::json::Messages::begin(stdout(), "lineage", about)?;
            for r in &a.rows {
                let row = AgainstRow {
                    schema_version: SCHEMA_VERSION,
                    relation: r.kind,
                    side: if r.kind == RowKind::Unmatched {
                        "other"
                    } else {
                        "document"
                    },
                    clause: ClauseRef::of(&r.clause.unit),
                    text: &r.clause.unit.text,
                    counterparts: r
                        .counterparts
                        .iter()
                        .map(|(u, c)| CounterpartRow {
                            clause: ClauseRef::of(&u.unit),
                            relation: c.relation,
                            similarity: round(c.similarity),
                            coverage: round(c.coverage),
                            text: &u.unit.text,
                            edits: edits(&u.unit.text, &r.clause.unit.text),
                        })
                        .collect(),
                };
                m.send("row", &row)?;
            }
            m.end()?;
            return Ok(false);
        }
        let mut out = stdout();
        if !args.output.csv {
            let painter = args.output.painter();
            let arrow = match (&a.source, &a.target) {
                (Some(s), Some(t)) => format!("{} → {}", sanitize(s), sanitize(t)),
                _ => "dates do not say which is older".to_owned(),
            };
            let fit = crate::output::terminal_width();
            let heading = format!(
                "{} against {}",
                sanitize(&a.document.name),
                sanitize(&a.other.name)
            );
            for line in wrap(&heading, "", fit) {
                writeln!(out, "{}", painter.paint(Paint::Title, &line))?;
            }
            let facts = format!(
                "{arrow} · {shared} of {} clauses shared ({} copied, {} adapted), {} its own · {} of the other's {} not taken",
                a.clauses.0,
                count(RowKind::Copied),
                count(RowKind::Adapted),
                count(RowKind::Own),
                count(RowKind::Unmatched),
                a.clauses.1
            );
            for line in wrap(&facts, "", fit) {
                writeln!(out, "{}", painter.paint(Paint::Dim, &line))?;
            }
            writeln!(out)?;
        }
        args.output
            .write_table(&mut out, &against_table(a), &against_data(a))?;
        out.flush()?;
        Ok(false)
    })();
    finish(result, shared > 0)
}

fn against_table(a: &Against) -> Table {
    let mut table = Table::new(&[
        ("CLAUSE", Align::Left),
        ("RELATION", Align::Left),
        ("OTHER", Align::Left),
        ("SIMILARITY", Align::Right),
        ("HEADING", Align::Left),
    ]);
    for r in &a.rows {
        let (clause, other) = if r.kind == RowKind::Unmatched {
            (String::new(), labels(&r.clause.unit))
        } else {
            let others: Vec<String> = r
                .counterparts
                .iter()
                .map(|(u, _)| labels(&u.unit))
                .collect();
            (labels(&r.clause.unit), others.join(" + "))
        };
        table.push(vec![
            clause,
            match r.kind {
                RowKind::Copied => "copied",
                RowKind::Adapted => "adapted",
                RowKind::Own => "own",
                RowKind::Unmatched => "not taken",
            }
            .to_owned(),
            other,
            r.counterparts
                .first()
                .map(|(_, c)| format!("{:.2}", c.similarity))
                .unwrap_or_default(),
            r.clause.unit.heading.clone().unwrap_or_default(),
        ]);
    }
    table
}

/// One CSV row per clause and counterpart (a clause adapted from two has two rows).
fn against_data(a: &Against) -> Table {
    let mut table = Table::new(
        &[
            "document",
            "clause_id",
            "clause_labels",
            "heading",
            "relation",
            "other",
            "other_clause_id",
            "other_clause_labels",
            "pair_relation",
            "similarity",
            "coverage",
        ]
        .map(|h| (h, Align::Left)),
    );
    for r in &a.rows {
        let relation = serde_json::to_value(r.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let (doc, other) = if r.kind == RowKind::Unmatched {
            (&a.other.name, &a.document.name)
        } else {
            (&a.document.name, &a.other.name)
        };
        let base = vec![
            doc.clone(),
            r.clause.unit.id.clone(),
            r.clause.unit.labels.concat(),
            r.clause.unit.heading.clone().unwrap_or_default(),
            relation,
            other.clone(),
        ];
        if r.counterparts.is_empty() {
            let mut row = base.clone();
            row.extend(std::iter::repeat_n(String::new(), 5));
            table.push(row);
        }
        for (u, c) in &r.counterparts {
            let mut row = base.clone();
            row.extend([
                u.unit.id.clone(),
                u.unit.labels.concat(),
                c.relation.as_str().to_owned(),
                round(c.similarity).to_string(),
                round(c.coverage).to_string(),
            ]);
            table.push(row);
        }
    }
    table
}

fn run_edges(
    index: &crate::index::Index,
    args: &LineageArgs,
    threshold: f64,
    threads: usize,
) -> i32 {
    let (edges, stats) = match lineage::edges::edges(index, threshold, threads) {
        Ok(e) => e,
        Err(e) => return fail(&e),
    };
    let result = (|| {
        if args.output.json {
            let mut m = crate::output::json::Messages::begin(
                stdout(),
                "lineage",
                crate::output::json::NoFields {},
            )?;
            for e in &edges {
                let e = Edge {
                    similarity: round(e.similarity),
                    ..e.clone()
                };
                m.send(
                    "edge",
                    &EdgeRow {
                        schema_version: SCHEMA_VERSION,
                        edge: &e,
                    },
                )?;
            }
            m.end()?;
        } else {
            let mut out = stdout();
            if args.output.bom {
                out.write_all("\u{feff}".as_bytes())?;
            }
            edges_table(&edges).write_csv(&mut out)?;
            out.flush()?;
        }
        Ok(false)
    })();
    crate::cli::report(format_args!(
        "{} clauses of {} documents read in {} ms; {} pairs compared, {} related, {} edges in {} ms",
        stats.clauses,
        stats.documents,
        stats.read_ms,
        stats.candidates,
        stats.related,
        edges.len(),
        stats.compare_ms
    ));
    finish(result, !edges.is_empty())
}

/// The edge list: `source` and `target` first, as Gephi and networkx expect, and
/// `weight` (the shared clauses) for the layout.
fn edges_table(edges: &[Edge]) -> Table {
    let mut table = Table::new(
        &[
            "source",
            "target",
            "weight",
            "directed",
            "copied",
            "adapted",
            "similarity",
            "source_clauses",
            "target_clauses",
        ]
        .map(|h| (h, Align::Left)),
    );
    for e in edges {
        table.push(vec![
            e.source.clone(),
            e.target.clone(),
            e.shared.to_string(),
            flag(e.directed),
            e.copied.to_string(),
            e.adapted.to_string(),
            round(e.similarity).to_string(),
            e.source_clauses.to_string(),
            e.target_clauses.to_string(),
        ]);
    }
    table
}
