//! `zhengce agencies`: which agencies lead, share or answer for how many clauses.
//!
//! By default one row per document and agency, counting clauses by role; agencies are
//! grouped under what they are today (the successor in the names file, else the canonical
//! name, else the name as written), so 省质监局 in 2018 and 省市场监管局 in 2020 add up.
//! `--clauses` prints one row per clause and agency instead, `--total` sums documents.
//! Agencies are read from the index (as `search` chooses it) or, given files, by parsing
//! them; `--query` counts only the clauses a search finds.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;

use clap::Args;
use serde::Serialize;

use crate::cli::inputs::{DocumentArgs, RowSource, RowSourceArgs};
use crate::cli::{
    agency_matches, cell, fail, finish, flag, stdout, ClauseRef, DocumentSummary, RoleChoice,
    RowOutput, YearRange,
};
use crate::index::facts::{ClauseFacts, Holding};
use crate::model::{Agency, AgencyRole, Span};
use crate::output::table::{Align, Table};
use crate::search::Filters;

#[derive(Debug, Args)]
pub struct AgenciesArgs {
    #[command(flatten)]
    pub documents: DocumentArgs,
    #[command(flatten)]
    pub source: RowSourceArgs,
    #[command(flatten)]
    pub output: RowOutput,
    /// One row per clause and agency instead of counts.
    #[arg(long)]
    pub clauses: bool,
    /// Sum over all documents instead of one row per document and agency.
    #[arg(long, conflicts_with = "clauses")]
    pub total: bool,
    /// Only agencies whose name, canonical name or successor contains TEXT.
    #[arg(long, value_name = "TEXT")]
    pub agency: Option<String>,
    /// Only this role.
    #[arg(long, value_enum, value_name = "ROLE")]
    pub role: Option<RoleChoice>,
    /// Only documents of these years: 2020, 2018..2023, 2020.., ..2020.
    #[arg(long, value_name = "YEARS")]
    pub year: Option<YearRange>,
    /// Leave out collective bodies (各有关部门, 领导小组成员单位).
    #[arg(long)]
    pub no_generic: bool,
}

/// One agency in one clause (`--clauses`).
#[derive(Debug, Serialize)]
pub struct AgencyInClause<'a> {
    pub document: &'a DocumentSummary,
    pub clause: ClauseRef,
    pub name: &'a str,
    pub canonical: Option<&'a str>,
    pub successor: Option<&'a str>,
    pub role: AgencyRole,
    pub generic: bool,
    pub span: Span,
}

/// Clause counts for one agency (default output).
#[derive(Debug, Serialize)]
pub struct AgencyCount {
    /// `null` with `--total`.
    pub document: Option<DocumentSummary>,
    /// With `--total`: how many documents name it.
    pub documents: usize,
    /// What the agency is today: successor, else canonical name, else the name as written.
    pub agency: String,
    /// The names it was written as.
    pub names: BTreeSet<String>,
    pub generic: bool,
    pub lead: usize,
    pub participant: usize,
    pub responsible: usize,
    pub mentioned: usize,
    /// Clauses naming it; each clause also counts once under the strongest role it has
    /// there (lead, then participant, then responsible), so the roles add up to this.
    pub clauses: usize,
}

pub fn run(args: AgenciesArgs) -> i32 {
    // The index only narrows what is read; every filter is applied below as well, so
    // rows from an index and from the files are the same.
    let filters = Filters {
        years: args.year.map(|y| (y.from, y.to)),
        agency: args.agency.clone(),
        role: args.role.map(RoleChoice::role),
        holding: Some(Holding::Agencies),
        ..Filters::default()
    };
    let source = match RowSource::open(args.documents, args.source, filters) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let mut counts: Vec<AgencyCount> = Vec::new();
    let mut positions: HashMap<String, usize> = HashMap::new();
    let mut table = clause_table();
    let mut data = clause_data_table();
    let mut rows = 0usize;
    let mut messages = match crate::cli::json_stream(args.output.json, "agencies") {
        Ok(m) => m,
        Err(e) => return finish(Err(e), false),
    };
    let mut errors = Vec::new();
    let result = source.for_each(
        |doc| {
            let info = &doc.document;
            if args.year.is_some_and(|y| !y.contains(info.year)) {
                return Ok(());
            }
            let keep = |a: &Agency| {
                args.agency.as_deref().is_none_or(|t| agency_matches(a, t))
                    && args.role.is_none_or(|r| a.role == r.role())
                    && !(args.no_generic && a.generic)
            };
            if args.clauses {
                for clause in &doc.clauses {
                    for a in clause.agencies.iter().filter(|a| keep(a)) {
                        rows += 1;
                        let row = AgencyInClause {
                            document: info,
                            clause: ClauseRef::of_facts(clause),
                            name: &a.name,
                            canonical: a.canonical.as_deref(),
                            successor: a.successor.as_deref(),
                            role: a.role,
                            generic: a.generic,
                            span: a.span,
                        };
                        if let Some(m) = messages.as_mut() {
                            m.send("agency_clause", &row)?;
                        } else {
                            table.push(clause_row(&row));
                            data.push(clause_data_row(&row));
                        }
                    }
                }
            } else {
                let before = counts.len();
                count(
                    &doc.clauses,
                    info,
                    &keep,
                    &mut counts,
                    &mut positions,
                    args.total,
                );
                if !args.total {
                    // Sorting moves this document's rows: the next one starts afresh.
                    sort_counts(&mut counts[before..]);
                    positions.clear();
                }
            }
            Ok(())
        },
        |message| {
            errors.push(message.to_owned());
            Ok(())
        },
    );
    let result = result.and_then(|failed| {
        if !args.clauses {
            if args.total {
                sort_counts(&mut counts);
            }
            rows = counts.len();
            if let Some(m) = messages.as_mut() {
                for c in &counts {
                    m.send("agency", c)?;
                }
            } else {
                table = count_table(&counts, args.total);
                data = count_data_table(&counts, args.total);
            }
        }
        if let Some(mut m) = messages.take() {
            for message in &errors {
                m.error(message)?;
            }
            m.end()?;
        } else {
            let mut out = stdout();
            args.output.write_table(&mut out, &table, &data)?;
            out.flush()?;
        }
        Ok(failed)
    });
    finish(result, rows > 0)
}

/// Adds the agencies of one document's `clauses` to `counts`: to the rows of this
/// document, or with `total` to the rows of all. `positions` says where each agency's row
/// is (a list searched row by row made `--total` quadratic: 60 s for 60,000 agencies);
/// without `total` it holds this document's rows only, and the caller empties it after.
fn count(
    clauses: &[ClauseFacts],
    info: &DocumentSummary,
    keep: &dyn Fn(&Agency) -> bool,
    counts: &mut Vec<AgencyCount>,
    positions: &mut HashMap<String, usize>,
    total: bool,
) {
    let mut seen_in_document: BTreeSet<usize> = BTreeSet::new();
    for clause in clauses {
        // One count per clause and agency, in its strongest role: three predecessors of
        // one agency in a clause are still one clause.
        let mut in_clause: Vec<(usize, AgencyRole)> = Vec::new();
        for a in clause.agencies.iter().filter(|a| keep(a)) {
            let at = entry(counts, positions, a.current_name(), a, info, total);
            counts[at].names.insert(a.name.clone());
            match in_clause.iter_mut().find(|(i, _)| *i == at) {
                Some((_, role)) => *role = (*role).min(a.role),
                None => in_clause.push((at, a.role)),
            }
        }
        for (at, role) in in_clause {
            let entry = &mut counts[at];
            entry.clauses += 1;
            match role {
                AgencyRole::Lead => entry.lead += 1,
                AgencyRole::Participant => entry.participant += 1,
                AgencyRole::Responsible => entry.responsible += 1,
                AgencyRole::Mentioned => entry.mentioned += 1,
            }
            if seen_in_document.insert(at) {
                entry.documents += 1;
            }
        }
    }
}

/// The index of the count of `key` (made if new).
fn entry(
    counts: &mut Vec<AgencyCount>,
    positions: &mut HashMap<String, usize>,
    key: &str,
    agency: &Agency,
    info: &DocumentSummary,
    total: bool,
) -> usize {
    if let Some(&at) = positions.get(key) {
        return at;
    }
    positions.insert(key.to_owned(), counts.len());
    counts.push(AgencyCount {
        document: (!total).then(|| info.clone()),
        documents: 0,
        agency: key.to_owned(),
        names: BTreeSet::new(),
        generic: agency.generic,
        lead: 0,
        participant: 0,
        responsible: 0,
        mentioned: 0,
        clauses: 0,
    });
    counts.len() - 1
}

/// Most clauses first, then leads, then by name.
fn sort_counts(counts: &mut [AgencyCount]) {
    counts.sort_by(|a, b| {
        b.clauses
            .cmp(&a.clauses)
            .then(b.lead.cmp(&a.lead))
            .then(a.agency.cmp(&b.agency))
    });
}

fn count_table(counts: &[AgencyCount], total: bool) -> Table {
    let mut columns = vec![];
    if total {
        columns.push(("DOCUMENTS", Align::Right));
    } else {
        columns.push(("DOCUMENT", Align::Left));
        columns.push(("YEAR", Align::Right));
    }
    columns.extend([
        ("AGENCY", Align::Left),
        ("GENERIC", Align::Left),
        ("CLAUSES", Align::Right),
        ("LEAD", Align::Right),
        ("PARTICIPANT", Align::Right),
        ("RESPONSIBLE", Align::Right),
        ("WRITTEN AS", Align::Left),
    ]);
    let mut table = Table::new(&columns)
        .optional("WRITTEN AS")
        .optional("GENERIC");
    for c in counts {
        let mut row = Vec::new();
        match &c.document {
            Some(info) => {
                row.push(info.name.clone());
                row.push(info.year.map(|y| y.to_string()).unwrap_or_default());
            }
            None => row.push(c.documents.to_string()),
        }
        row.extend([
            c.agency.clone(),
            if c.generic { "yes" } else { "" }.to_owned(),
            c.clauses.to_string(),
            c.lead.to_string(),
            c.participant.to_string(),
            c.responsible.to_string(),
            c.names.iter().cloned().collect::<Vec<_>>().join("、"),
        ]);
        table.push(row);
    }
    table
}

fn clause_table() -> Table {
    Table::new(&[
        ("DOCUMENT", Align::Left),
        ("YEAR", Align::Right),
        ("CLAUSE", Align::Left),
        ("ID", Align::Left),
        ("ROLE", Align::Left),
        ("AGENCY", Align::Left),
        ("CANONICAL", Align::Left),
        ("SUCCESSOR", Align::Left),
    ])
    .optional("CANONICAL")
    .optional("SUCCESSOR")
}

fn clause_row(row: &AgencyInClause) -> Vec<String> {
    vec![
        row.document.name.clone(),
        row.document.year.map(|y| y.to_string()).unwrap_or_default(),
        row.clause.labels.concat(),
        row.clause.id.to_owned(),
        row.role.as_str().to_owned(),
        row.name.to_owned(),
        row.canonical.unwrap_or_default().to_owned(),
        row.successor.unwrap_or_default().to_owned(),
    ]
}

/// `--csv` of the counts: one field a column.
fn count_data_table(counts: &[AgencyCount], total: bool) -> Table {
    let mut headers = vec![];
    if total {
        headers.push("documents");
    } else {
        headers.extend(["document", "source", "document_year"]);
    }
    headers.extend([
        "agency",
        "generic",
        "clauses",
        "lead",
        "participant",
        "responsible",
        "names",
    ]);
    let mut table = Table::new(
        &headers
            .iter()
            .map(|h| (*h, Align::Left))
            .collect::<Vec<_>>(),
    );
    for c in counts {
        let mut row = Vec::new();
        match &c.document {
            Some(info) => row.extend([info.name.clone(), info.source.clone(), cell(info.year)]),
            None => row.push(c.documents.to_string()),
        }
        row.extend([
            c.agency.clone(),
            flag(c.generic),
            c.clauses.to_string(),
            c.lead.to_string(),
            c.participant.to_string(),
            c.responsible.to_string(),
            c.names.iter().cloned().collect::<Vec<_>>().join("、"),
        ]);
        table.push(row);
    }
    table
}

/// `--csv --clauses`: one field a column.
fn clause_data_table() -> Table {
    Table::new(
        &[
            "document",
            "source",
            "document_year",
            "clause_id",
            "clause_labels",
            "role",
            "agency_name",
            "canonical",
            "successor",
            "generic",
        ]
        .map(|h| (h, Align::Left)),
    )
}

fn clause_data_row(row: &AgencyInClause) -> Vec<String> {
    vec![
        row.document.name.clone(),
        row.document.source.clone(),
        cell(row.document.year),
        row.clause.id.clone(),
        row.clause.labels.concat(),
        row.role.as_str().to_owned(),
        row.name.to_owned(),
        row.canonical.unwrap_or_default().to_owned(),
        row.successor.unwrap_or_default().to_owned(),
        flag(row.generic),
    ]
}
