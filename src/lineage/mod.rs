//! Lineage: which clauses of the index copy or adapt which others, and so which documents
//! derive from which (政策扩散: a provincial outline carried down into a city's plan).
//!
//! Clauses are compared by their runs of four content chars ([`measure`]): **copied**
//! when their text is the same once formatting is folded away, **adapted** when they are
//! similar above a threshold (a target changed, a local agency substituted, sentences
//! added or dropped), otherwise not related. Only numbered clauses of at least
//! [`measure::MIN_CHARS`] chars are compared.
//!
//! Nothing is compared all against all. For one clause or one document, the index's own
//! postings give the candidates ([`lookup`]); for the whole index, an inverted index of
//! sampled runs, built in memory in one pass over the stored clauses ([`edges`]). Two
//! documents given by name (`--against`) are small enough to compare every clause of one
//! with every clause of the other ([`against`]).
//!
//! Direction comes from dates: the older document is the source, the newer the target
//! ([`direction`]); documents of the same date or without one are left undirected.

pub mod edges;
pub mod lookup;
pub mod measure;

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::Searcher;

use crate::error::Error;
use crate::index::{DocumentSummary, Index, StoredUnit, UnitKind};
use measure::{compare, Comparison, Fingerprint, Relation};

/// A clause as lineage output names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClauseRef {
    pub id: String,
    pub labels: Vec<String>,
    pub heading: Option<String>,
}

impl ClauseRef {
    pub fn of(unit: &crate::index::Unit) -> ClauseRef {
        ClauseRef {
            id: unit.id.clone(),
            labels: unit.labels.clone(),
            heading: unit.heading.clone(),
        }
    }
}

/// Which of two documents is older, from their dates, else their years: `Less` when `a`
/// is. `None` when neither tells (same day or year, or unknown).
pub fn direction(a: &DocumentSummary, b: &DocumentSummary) -> Option<std::cmp::Ordering> {
    let by = match (&a.date, &b.date) {
        (Some(x), Some(y)) => x.cmp(y),
        _ => a.year?.cmp(&b.year?),
    };
    by.is_ne().then_some(by)
}

/// The numbered clauses of a document that are long enough to compare, with their
/// fingerprints.
fn comparable(units: Vec<StoredUnit>) -> Vec<(StoredUnit, Fingerprint)> {
    units
        .into_iter()
        .filter(|u| u.unit.kind == UnitKind::Clause)
        .map(|u| {
            let f = Fingerprint::of(&u.unit.text);
            (u, f)
        })
        .filter(|(_, f)| f.comparable())
        .collect()
}

/// The units of one indexed document, by name (the first source of that name if two
/// files share it).
pub fn units_named(
    index: &Index,
    searcher: &Searcher,
    name: &str,
) -> Result<Vec<StoredUnit>, Error> {
    let mut units = index.document_units(searcher, name)?;
    if let Some(first) = units.first().map(|u| u.document.source.clone()) {
        units.retain(|u| u.document.source == first);
    }
    Ok(units)
}

/// Another document that shares clauses with the one looked at.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub document: DocumentSummary,
    /// Clauses of the document looked at with a copy in this one.
    pub copied: usize,
    /// Clauses of the document looked at adapted in this one (no copy, a similar clause).
    pub adapted: usize,
    /// `copied + adapted`.
    pub shared: usize,
    /// `shared` over the clauses of the document looked at that were compared.
    pub share: f64,
    /// Mean similarity of each shared clause's closest counterpart.
    pub similarity: f64,
    /// Name of the older document of the two (the source), `null` when dates do not tell.
    pub source: Option<String>,
    /// Name of the newer one (the target).
    pub target: Option<String>,
}

/// One clause of the document looked at, with its related clauses elsewhere.
#[derive(Debug, Clone)]
pub struct ClauseLinks {
    pub clause: StoredUnit,
    pub found: Vec<lookup::Found>,
}

/// What `lineage DOC` computes.
#[derive(Debug, Clone)]
pub struct Lineage {
    pub document: DocumentSummary,
    /// Clauses compared (numbered, long enough).
    pub clauses: usize,
    pub links: Vec<Link>,
    pub per_clause: Vec<ClauseLinks>,
}

/// Every other document sharing clauses with the document `name`, most shared first.
/// Clauses are looked up on `threads` threads.
pub fn lineage(
    index: &Index,
    name: &str,
    options: &lookup::Options,
    threads: usize,
) -> Result<Lineage, Error> {
    index.guard(|| {
        let searcher = index.reader()?.searcher();
        let units = units_named(index, &searcher, name)?;
        let Some(document) = units.first().map(|u| u.document.clone()) else {
            return Err(Error::Query(format!("{name}: no units indexed")));
        };
        let clauses: Vec<StoredUnit> = comparable(units).into_iter().map(|(u, _)| u).collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        type Looked = (usize, Result<Vec<lookup::Found>, Error>);
        let results: std::sync::Mutex<Vec<Looked>> = std::sync::Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..threads.max(1) {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(clause) = clauses.get(i) else { break };
                    let found = lookup::related(
                        index,
                        &searcher,
                        &clause.unit.text,
                        Some((&clause.document.source, &clause.unit.id)),
                        options,
                    )
                    .map(|mut f| {
                        f.retain(|x| x.stored.document.source != document.source);
                        f
                    });
                    results
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push((i, found));
                });
            }
        });
        let mut results = results.into_inner().unwrap_or_else(|p| p.into_inner());
        results.sort_by_key(|(i, _)| *i);
        let mut per_clause = Vec::with_capacity(clauses.len());
        for ((_, found), clause) in results.into_iter().zip(clauses) {
            per_clause.push(ClauseLinks {
                clause,
                found: found?,
            });
        }
        let links = links(&document, &per_clause);
        Ok(Lineage {
            document,
            clauses: per_clause.len(),
            links,
            per_clause,
        })
    })
}

/// The per-document counts of [`Lineage::links`].
fn links(document: &DocumentSummary, per_clause: &[ClauseLinks]) -> Vec<Link> {
    // source → (summary, copied, adapted, similarity sum)
    let mut by_doc: BTreeMap<&str, (&DocumentSummary, usize, usize, f64)> = BTreeMap::new();
    for c in per_clause {
        // The closest clause of each other document.
        let mut best: BTreeMap<&str, &lookup::Found> = BTreeMap::new();
        for f in &c.found {
            let entry = best.entry(&f.stored.document.source).or_insert(f);
            if f.comparison.similarity > entry.comparison.similarity {
                *entry = f;
            }
        }
        for (source, f) in best {
            let e = by_doc
                .entry(source)
                .or_insert((&f.stored.document, 0, 0, 0.0));
            match f.comparison.relation {
                Relation::Copied => e.1 += 1,
                Relation::Adapted => e.2 += 1,
            }
            e.3 += f.comparison.similarity;
        }
    }
    let total = per_clause.len().max(1) as f64;
    let mut links: Vec<Link> = by_doc
        .into_values()
        .map(|(other, copied, adapted, sum)| {
            let shared = copied + adapted;
            let (source, target) = match direction(document, other) {
                Some(std::cmp::Ordering::Less) => {
                    (Some(document.name.clone()), Some(other.name.clone()))
                }
                Some(_) => (Some(other.name.clone()), Some(document.name.clone())),
                None => (None, None),
            };
            Link {
                document: other.clone(),
                copied,
                adapted,
                shared,
                share: shared as f64 / total,
                similarity: sum / shared.max(1) as f64,
                source,
                target,
            }
        })
        .collect();
    links.sort_by(|a, b| {
        b.shared
            .cmp(&a.shared)
            .then_with(|| b.similarity.total_cmp(&a.similarity))
            .then_with(|| a.document.name.cmp(&b.document.name))
    });
    links
}

/// What a row of the clause-by-clause table says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    /// A clause of the document with a copy in the other.
    Copied,
    /// A clause of the document adapted from (or into) the other.
    Adapted,
    /// A clause of the document with nothing like it in the other.
    Own,
    /// A clause of the other document that no clause of this one is like.
    Unmatched,
}

/// A related clause of the other document.
#[derive(Debug, Clone, Serialize)]
pub struct Counterpart {
    pub clause: ClauseRef,
    #[serde(flatten)]
    pub comparison: Comparison,
}

/// One row of `lineage DOC --against DOC2`.
#[derive(Debug, Clone)]
pub struct Row {
    pub kind: RowKind,
    /// The clause of the document (for `unmatched`, of the other document).
    pub clause: StoredUnit,
    /// The related clauses of the other document, most similar first (many-to-one and
    /// one-to-many are common: a city clause joins two of the province's).
    pub counterparts: Vec<(StoredUnit, Comparison)>,
}

/// The clause-by-clause comparison of two documents.
#[derive(Debug, Clone)]
pub struct Against {
    pub document: DocumentSummary,
    pub other: DocumentSummary,
    /// Of the document's compared clauses: copied, adapted, own; of the other's: unmatched.
    pub counts: BTreeMap<RowKind, usize>,
    /// Clauses compared on each side.
    pub clauses: (usize, usize),
    /// Older → newer, as in [`Link`].
    pub source: Option<String>,
    pub target: Option<String>,
    pub rows: Vec<Row>,
}

/// Every compared clause of `document` against every one of `other`: each clause's
/// counterparts, then the other's clauses that none took.
pub fn against(
    index: &Index,
    name: &str,
    other_name: &str,
    threshold: f64,
) -> Result<Against, Error> {
    index.guard(|| {
        let searcher = index.reader()?.searcher();
        let load = |n: &str| -> Result<(DocumentSummary, Vec<(StoredUnit, Fingerprint)>), Error> {
            let units = units_named(index, &searcher, n)?;
            let summary = units
                .first()
                .map(|u| u.document.clone())
                .ok_or_else(|| Error::Query(format!("{n}: no units indexed")))?;
            Ok((summary, comparable(units)))
        };
        let (document, mine) = load(name)?;
        let (other, theirs) = load(other_name)?;
        Ok(compare_documents(document, mine, other, theirs, threshold))
    })
}

fn compare_documents(
    document: DocumentSummary,
    mine: Vec<(StoredUnit, Fingerprint)>,
    other: DocumentSummary,
    theirs: Vec<(StoredUnit, Fingerprint)>,
    threshold: f64,
) -> Against {
    let mut taken = vec![false; theirs.len()];
    let mut rows = Vec::new();
    let mut counts: BTreeMap<RowKind, usize> = BTreeMap::new();
    for (unit, f) in &mine {
        let mut counterparts: Vec<(usize, Comparison)> = theirs
            .iter()
            .enumerate()
            .filter_map(|(j, (_, g))| compare(f, g, threshold).map(|c| (j, c)))
            .collect();
        counterparts.sort_by(|a, b| {
            b.1.similarity
                .total_cmp(&a.1.similarity)
                .then(a.0.cmp(&b.0))
        });
        for (j, _) in &counterparts {
            taken[*j] = true;
        }
        let kind = match counterparts.first() {
            Some((_, c)) if c.relation == Relation::Copied => RowKind::Copied,
            Some(_) => RowKind::Adapted,
            None => RowKind::Own,
        };
        *counts.entry(kind).or_default() += 1;
        rows.push(Row {
            kind,
            clause: unit.clone(),
            counterparts: counterparts
                .into_iter()
                .map(|(j, c)| (theirs[j].0.clone(), c))
                .collect(),
        });
    }
    for (j, (unit, _)) in theirs.iter().enumerate() {
        if !taken[j] {
            *counts.entry(RowKind::Unmatched).or_default() += 1;
            rows.push(Row {
                kind: RowKind::Unmatched,
                clause: unit.clone(),
                counterparts: Vec::new(),
            });
        }
    }
    let (source, target) = match direction(&document, &other) {
        Some(std::cmp::Ordering::Less) => (Some(document.name.clone()), Some(other.name.clone())),
        Some(_) => (Some(other.name.clone()), Some(document.name.clone())),
        None => (None, None),
    };
    Against {
        clauses: (mine.len(), theirs.len()),
        document,
        other,
        counts,
        source,
        target,
        rows,
    }
}
