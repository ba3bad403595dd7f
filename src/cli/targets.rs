//! `zhengce targets`: every numeric target, sorted so one indicator reads as a timeline.
//!
//! Rows are sorted by indicator, then by the year of the document, so 食品抽检合格率 shows
//! the 98% of one plan above the 98.5% of a later one. Targets are read from the index
//! (as `search` chooses it) or, given files, by parsing them; `--query` keeps the clauses
//! a search finds.

use std::io::Write;

use clap::Args;
use serde::Serialize;

use crate::cli::inputs::{DocumentArgs, RowSource, RowSourceArgs};
use crate::cli::{
    agency_matches, cell, fail, finish, flag, stdout, ClauseRef, DocumentSummary, RoleChoice,
    RowOutput, YearRange,
};
use crate::index::facts::Holding;
use crate::model::Target;
use crate::normalize::fold_str;
use crate::output::table::{Align, Table};
use crate::output::{comparator_prefix, format_range};
use crate::search::Filters;

#[derive(Debug, Args)]
pub struct TargetsArgs {
    #[command(flatten)]
    pub documents: DocumentArgs,
    #[command(flatten)]
    pub source: RowSourceArgs,
    #[command(flatten)]
    pub output: RowOutput,
    /// Only targets whose indicator contains TEXT.
    #[arg(long, value_name = "TEXT")]
    pub indicator: Option<String>,
    /// Only targets due in these years: 2025, 2020..2025, 2025.., ..2020.
    #[arg(long, value_name = "YEARS")]
    pub year: Option<YearRange>,
    /// Only targets of clauses that name this agency (name, canonical name or successor).
    #[arg(long, value_name = "TEXT")]
    pub agency: Option<String>,
    /// With --agency: only where it has this role; alone: clauses with an agency in it.
    #[arg(long, value_enum, value_name = "ROLE")]
    pub role: Option<RoleChoice>,
}

/// One target with where it comes from (`--json`): the document, the clause, and the
/// target's own fields.
#[derive(Debug, Serialize)]
pub struct TargetRow {
    pub document: DocumentSummary,
    pub clause: ClauseRef,
    #[serde(flatten)]
    pub target: Target,
}

pub fn run(args: TargetsArgs) -> i32 {
    // The index only narrows what is read; every filter is applied below as well, so
    // rows from an index and from the files are the same.
    let filters = Filters {
        agency: args.agency.clone(),
        role: args.role.map(RoleChoice::role),
        indicator: args.indicator.clone(),
        holding: Some(Holding::Targets),
        ..Filters::default()
    };
    let source = match RowSource::open(args.documents, args.source, filters) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let wanted_indicator = args.indicator.as_deref().map(fold_str);
    let mut rows: Vec<TargetRow> = Vec::new();
    let mut messages = match crate::cli::json_stream(args.output.json, "targets") {
        Ok(m) => m,
        Err(e) => return finish(Err(e), false),
    };
    let mut errors = Vec::new();
    let result = source.for_each(
        |doc| {
            for clause in &doc.clauses {
                let agency_ok = match (&args.agency, args.role) {
                    (None, None) => true,
                    (agency, role) => clause.agencies.iter().any(|a| {
                        agency.as_deref().is_none_or(|t| agency_matches(a, t))
                            && role.is_none_or(|r| a.role == r.role())
                    }),
                };
                if !agency_ok {
                    continue;
                }
                for t in &clause.targets {
                    if wanted_indicator
                        .as_deref()
                        .is_some_and(|w| !fold_str(&t.indicator).contains(w))
                        || args.year.is_some_and(|y| !y.contains(t.year))
                    {
                        continue;
                    }
                    rows.push(TargetRow {
                        document: doc.document.clone(),
                        clause: ClauseRef::of_facts(clause),
                        target: t.clone(),
                    });
                }
            }
            Ok(())
        },
        |message| {
            errors.push(message.to_owned());
            Ok(())
        },
    );
    // Stable: rows of one document keep their order.
    rows.sort_by(|a, b| {
        fold_str(&a.target.indicator)
            .cmp(&fold_str(&b.target.indicator))
            .then(a.document.year.cmp(&b.document.year))
            .then(a.target.year.cmp(&b.target.year))
            .then(a.document.source.cmp(&b.document.source))
    });
    let result = result.and_then(|failed| {
        if let Some(mut m) = messages.take() {
            for message in &errors {
                m.error(message)?;
            }
            for row in &rows {
                m.send("target", row)?;
            }
            m.end()?;
        } else {
            let mut out = stdout();
            args.output
                .write_table(&mut out, &table(&rows), &data_table(&rows))?;
            out.flush()?;
        }
        Ok(failed)
    });
    finish(result, !rows.is_empty())
}

fn table(rows: &[TargetRow]) -> Table {
    let mut table = Table::new(&[
        ("INDICATOR", Align::Left),
        ("TARGET", Align::Right),
        ("UNIT", Align::Left),
        ("BY", Align::Right),
        ("DOCUMENT", Align::Left),
        ("YEAR", Align::Right),
        ("CLAUSE", Align::Left),
        ("ASPIRATIONAL", Align::Left),
    ])
    // The document's year is mostly in its name; few targets are aspirational.
    .optional("ASPIRATIONAL")
    .optional("YEAR");
    for TargetRow {
        document,
        clause,
        target,
    } in rows
    {
        let by = match (target.year, target.year_implied) {
            (Some(y), false) => y.to_string(),
            (Some(y), true) => format!("{y}*"),
            (None, _) => String::new(),
        };
        table.push(vec![
            target.indicator.clone(),
            format!(
                "{}{}",
                comparator_prefix(target.comparator),
                format_range(target.value, target.max)
            ),
            target.unit.clone(),
            by,
            document.name.clone(),
            document.year.map(|y| y.to_string()).unwrap_or_default(),
            clause.labels.concat(),
            if target.binding { "" } else { "力争" }.to_owned(),
        ]);
    }
    table
}

/// The rows for `--csv`: one field a column, as a database wants them.
fn data_table(rows: &[TargetRow]) -> Table {
    let mut table = Table::new(
        &[
            "document",
            "source",
            "document_title",
            "document_date",
            "document_year",
            "clause_id",
            "clause_labels",
            "indicator",
            "comparator",
            "target_value",
            "target_max",
            "unit",
            "target_year",
            "target_year_implied",
            "binding",
            "sentence",
        ]
        .map(|h| (h, Align::Left)),
    );
    for TargetRow {
        document,
        clause,
        target,
    } in rows
    {
        table.push(vec![
            document.name.clone(),
            document.source.clone(),
            document.title.clone().unwrap_or_default(),
            document.date.clone().unwrap_or_default(),
            cell(document.year),
            clause.id.clone(),
            clause.labels.concat(),
            target.indicator.clone(),
            target.comparator.word().to_owned(),
            target.value.to_string(),
            cell(target.max),
            target.unit.clone(),
            cell(target.year),
            flag(target.year_implied),
            flag(target.binding),
            target.text.clone(),
        ]);
    }
    table
}
