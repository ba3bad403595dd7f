//! Reading the tables back out of an index: `zhengce export --index`.
//!
//! An index stores, for every clause, the clause as `parse --json` gives it (quantities
//! left out) and a summary of its document ([`crate::index::StoredClause`]). This reads
//! them one document at a time: the document paths come from the index's term dictionary,
//! each document's entries from a query on its path, its clauses put back in document order
//! by their offsets. Memory holds one document's clauses and the list of paths, never the
//! whole index. Entries of another kind than a clause (an index may also hold titles,
//! paragraphs, set-apart text as searchable units) are left out, as are file records.
//!
//! What a summary does not hold is null in the tables: `issued_as`, `recipients`,
//! `format`, `encoding`, `notice`, `preamble`, `warnings`. A document without a clause has
//! a row in `documents` only if the index records its summary; otherwise it has none.

use serde::Deserialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use super::{ClauseParts, Tables};
use crate::error::Error;
use crate::index::{DocumentSummary, Index};
use crate::model::{Agency, Lines, MarkerStyle, Span, Target};

/// A stored entry, read leniently: a clause entry (`clause` set) or a record that carries
/// only a document summary.
#[derive(Debug, Deserialize)]
struct Entry {
    document: DocumentSummary,
    #[serde(default)]
    clause: Option<StoredUnit>,
}

/// A stored clause, or another kind of unit; fields a clause always has are optional here
/// so that other units read too and can be told apart by `kind`.
#[derive(Debug, Deserialize)]
struct StoredUnit {
    /// Absent in indexes that hold clauses only.
    #[serde(default)]
    kind: Option<String>,
    id: String,
    parent: Option<String>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    numbers: Vec<u32>,
    #[serde(default)]
    level: usize,
    style: Option<MarkerStyle>,
    heading: Option<String>,
    #[serde(default)]
    text: String,
    lines: Option<Lines>,
    span: Option<Span>,
    #[serde(default)]
    agencies: Vec<Agency>,
    #[serde(default)]
    targets: Vec<Target>,
}

/// A clause with what a clause always has.
struct IndexedClause {
    unit: StoredUnit,
    style: MarkerStyle,
    lines: Lines,
    span: Span,
}

impl IndexedClause {
    fn of(unit: StoredUnit) -> Option<IndexedClause> {
        if unit.kind.as_deref().is_some_and(|k| k != "clause") {
            return None;
        }
        Some(IndexedClause {
            style: unit.style?,
            lines: unit.lines?,
            span: unit.span?,
            unit,
        })
    }

    fn parts(&self) -> ClauseParts<'_> {
        let u = &self.unit;
        ClauseParts {
            id: &u.id,
            parent: u.parent.as_deref(),
            labels: &u.labels,
            numbers: &u.numbers,
            level: u.level,
            style: self.style,
            heading: u.heading.as_deref(),
            text: &u.text,
            lines: self.lines,
            span: self.span,
            agencies: &u.agencies,
            targets: &u.targets,
        }
    }
}

/// Hands the tables of every document of `index` to `each`, by path. Stops at the first
/// error, the index's or `each`'s.
pub fn for_each_document(
    index: &Index,
    mut each: impl FnMut(&Tables) -> Result<(), Error>,
) -> Result<(), Error> {
    let searcher = index.reader()?.searcher();
    let paths = index.guard(|| index.terms_of(&searcher, index.fields.path))?;
    for path in paths {
        let tables = index.guard(|| document(index, &searcher, &path))?;
        if let Some(tables) = tables {
            each(&tables)?;
        }
    }
    Ok(())
}

/// The tables of the document indexed from `path`; `None` when the index holds nothing
/// about it but its file record.
fn document(
    index: &Index,
    searcher: &tantivy::Searcher,
    path: &str,
) -> Result<Option<Tables>, Error> {
    let query = TermQuery::new(
        Term::from_field_text(index.fields.path, path),
        IndexRecordOption::Basic,
    );
    let mut found: Vec<_> = searcher
        .search(&query, &DocSetCollector)
        .map_err(|e| index.error(e))?
        .into_iter()
        .collect();
    // Store order: neighbouring entries share compressed blocks.
    found.sort();
    let mut summary = None;
    let mut clauses = Vec::new();
    for address in found {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| index.error(e))?;
        let Some(bytes) = doc
            .get_first(index.fields.stored)
            .and_then(|v| v.as_bytes())
        else {
            continue; // a file record with its hash only
        };
        let entry: Entry = serde_json::from_slice(bytes)
            .map_err(|e| index.error(format!("{path}: a stored entry: {e}")))?;
        summary.get_or_insert(entry.document);
        clauses.extend(entry.clause.and_then(IndexedClause::of));
    }
    clauses.sort_by_key(|c| (c.span.start, c.lines.start));
    Ok(summary.map(|s| Tables::new(&s, clauses.iter().map(IndexedClause::parts))))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An index that holds other units beside clauses (titles, paragraphs, set-apart text)
    /// stores them under the same key with a `kind`: only clauses become rows, and a file
    /// record that carries a summary still gives the document.
    #[test]
    fn units_of_other_kinds_are_left_out() {
        let summary = r#"{"source":"/d/a.txt","name":"a","title":"T","doc_number":null,"issuer":null,"date":null,"year":2020,"year_from":"file-name","status":null}"#;
        let title = format!(
            r#"{{"document":{summary},"clause":{{"kind":"title","id":"title","parent":null,"labels":[],"numbers":[],"level":0,"style":null,"heading":null,"text":"T","reason":null,"lines":null,"span":null,"agencies":[],"targets":[]}}}}"#
        );
        let clause = format!(
            r#"{{"document":{summary},"clause":{{"kind":"clause","id":"1","parent":null,"labels":["一、"],"numbers":[1],"level":1,"style":"chinese-comma","heading":null,"text":"总体要求","reason":null,"lines":{{"start":2,"end":2}},"span":{{"start":3,"end":9,"unit":"char"}},"agencies":[],"targets":[]}}}}"#
        );
        let record = format!(r#"{{"document":{summary},"units":2,"clauses":1}}"#);
        let kept: Vec<IndexedClause> = [&title, &clause, &record]
            .iter()
            .map(|json| serde_json::from_str::<Entry>(json).unwrap())
            .filter_map(|e| e.clause.and_then(IndexedClause::of))
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].unit.id, "1");
        assert_eq!(kept[0].span.start, 3);
    }

    #[test]
    fn the_bundled_index_gives_the_tables_of_its_files() {
        let index = Index::bundled().unwrap();
        let mut from_index = Vec::new();
        for_each_document(&index, |t| {
            from_index.push(t.clone());
            Ok(())
        })
        .unwrap();
        let mut from_files = Vec::new();
        for input in crate::input::expand(&[]).into_iter().flatten() {
            let doc =
                crate::input::read_document(&input, None, crate::extract::names::Names::builtin())
                    .unwrap();
            from_files.push(Tables::of_document(&doc));
        }
        from_files.sort_by(|a, b| a.document.document_id.cmp(&b.document.document_id));
        assert_eq!(from_index.len(), from_files.len());
        for (i, f) in from_index.iter().zip(&from_files) {
            assert_eq!(i.document.document_id, f.document.document_id);
            assert_eq!(i.document.title, f.document.title);
            assert_eq!(i.document.year, f.document.year);
            // Clause rows are the same, in the same order; agencies and targets too.
            assert_eq!(i.clauses, f.clauses);
            assert_eq!(i.agencies, f.agencies);
            assert_eq!(i.targets, f.targets);
        }
    }
}
