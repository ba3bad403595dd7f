//! The facts ([`ClauseFacts`]) of the clauses a request finds, grouped by document: what
//! `targets` and `agencies` print when they read an index.
//!
//! The request's filters and query find clauses exactly as `search` finds units (the same
//! tantivy query; where the index alone is not exact, as for ASCII words, each candidate
//! is checked on its stored text as `search` checks it). The facts and the document summary
//! of each clause found are then read from the index's columns, not from stored units, so
//! thousands of clauses cost milliseconds. Documents come in the order of their paths and
//! clauses in document order: the order reading the files gives.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tantivy::collector::DocSetCollector;
use tantivy::columnar::BytesColumn;
use tantivy::DocAddress;

use super::Request;
use crate::error::Error;
use crate::index::facts::{ClauseFacts, DocumentFacts};
use crate::index::{DocumentSummary, Index};

/// Path (ordered as paths are, component by component, as folders are walked) → the
/// document and its clauses, each with its place in the document.
type ByPath = BTreeMap<PathBuf, (DocumentSummary, Vec<(u64, ClauseFacts)>)>;

/// The documents with clauses that `request` finds, each with those clauses' facts; and
/// notes for the user (a filter that matches nothing in the index). Clauses without facts
/// (no agency, no target) are left out.
pub fn documents(
    index: &Index,
    request: &Request,
) -> Result<(Vec<DocumentFacts>, Vec<String>), Error> {
    index.guard(|| {
        let searcher = index.reader()?.searcher();
        let mut notes = Vec::new();
        let Some((candidates, exact)) = super::candidates(index, &searcher, request, &mut notes)?
        else {
            return Ok((Vec::new(), notes));
        };
        let mut found: Vec<DocAddress> = searcher
            .search(&candidates, &DocSetCollector)
            .map_err(|e| index.error(e))?
            .into_iter()
            .collect();
        found.sort();
        if !exact {
            let mut kept = Vec::with_capacity(found.len());
            for address in found {
                if super::hit(index, &searcher, request, address, None)?.is_some() {
                    kept.push(address);
                }
            }
            found = kept;
        }
        let mut by_path = ByPath::new();
        let mut at = 0;
        while at < found.len() {
            let segment_ord = found[at].segment_ord;
            let end = at
                + found[at..]
                    .iter()
                    .take_while(|a| a.segment_ord == segment_ord)
                    .count();
            let docs: Vec<u32> = found[at..end].iter().map(|a| a.doc_id).collect();
            at = end;
            read_segment(
                index,
                searcher.segment_reader(segment_ord),
                &docs,
                &mut by_path,
            )?;
        }
        let documents = by_path
            .into_values()
            .map(|(document, mut clauses)| {
                clauses.sort_by_key(|(order, _)| *order);
                DocumentFacts {
                    document,
                    clauses: clauses.into_iter().map(|(_, c)| c).collect(),
                }
            })
            .collect();
        Ok((documents, notes))
    })
}

/// Reads the facts, summary and order of `docs` (sorted) of one segment into `by_path`.
fn read_segment(
    index: &Index,
    segment: &tantivy::SegmentReader,
    docs: &[u32],
    by_path: &mut ByPath,
) -> Result<(), Error> {
    let e = |e| index.error(e);
    let columns = segment.fast_fields();
    // A segment where no clause has facts has no such column.
    let Some(facts) = columns.bytes("facts").map_err(e)? else {
        return Ok(());
    };
    let summaries = columns
        .bytes("summary")
        .map_err(e)?
        .ok_or_else(|| index.error("a segment has no document summaries"))?;
    let order = columns.u64("order").map_err(e)?;
    let mut rows = Vec::with_capacity(docs.len());
    for &doc in docs {
        let (Some(f), Some(s)) = (facts.ords().first(doc), summaries.ords().first(doc)) else {
            continue;
        };
        rows.push((f, s, order.first(doc).unwrap_or(0)));
    }
    let fact_ords = sorted_unique(rows.iter().map(|r| r.0));
    let summary_ords = sorted_unique(rows.iter().map(|r| r.1));
    let fact_values: Vec<ClauseFacts> = values(index, &facts, &fact_ords, "clause facts")?;
    let summary_values: Vec<DocumentSummary> =
        values(index, &summaries, &summary_ords, "document summary")?;
    // Grouped by document first: a path made and looked up per clause was most of the
    // time of `agencies` over a whole index.
    let position = |ords: &[u64], ord| ords.binary_search(&ord).expect("ord was collected");
    let mut by_document: Vec<Vec<(u64, ClauseFacts)>> = vec![Vec::new(); summary_ords.len()];
    for (f, s, place) in rows {
        let clause = fact_values[position(&fact_ords, f)].clone();
        by_document[position(&summary_ords, s)].push((place, clause));
    }
    for (summary, clauses) in summary_values.into_iter().zip(by_document) {
        by_path
            .entry(PathBuf::from(&summary.source))
            .or_insert_with(|| (summary, Vec::new()))
            .1
            .extend(clauses);
    }
    Ok(())
}

fn sorted_unique(ords: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut ords: Vec<u64> = ords.collect();
    ords.sort_unstable();
    ords.dedup();
    ords
}

/// The values of a column's terms `ords` (sorted), read as JSON, in the same order.
fn values<T: serde::de::DeserializeOwned>(
    index: &Index,
    column: &BytesColumn,
    ords: &[u64],
    what: &str,
) -> Result<Vec<T>, Error> {
    let mut read = Vec::with_capacity(ords.len());
    let complete = column
        .dictionary()
        .sorted_ords_to_term_cb(ords, |bytes| read.push(serde_json::from_slice::<T>(bytes)))
        .map_err(|e| index.error(e))?;
    if !complete || read.len() != ords.len() {
        return Err(index.error(format!("a {what} is missing from its column")));
    }
    read.into_iter()
        .map(|v| v.map_err(|e| index.error(format!("a {what}: {e}"))))
        .collect()
}
