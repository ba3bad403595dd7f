//! Finding the clauses of an index that may copy or adapt a given text, without comparing
//! it with every clause: the index's own postings give the candidates, and each is then
//! compared exactly ([`super::measure`]).
//!
//! The text's pairs of content chars are looked up in the index (the pairs `search`
//! indexes, see [`crate::index::text`]). Pairs found in a large share of the index
//! (质量, 发展) are dropped: they are in clauses of every subject. Of the rest, the
//! [`MAX_TERMS`] rarest become one query that a clause matches when it holds at least a
//! few of them ([`min_should_match`]); the best [`Options::candidates`] by BM25 are loaded
//! and compared. A copy keeps most of its pairs, and an adapted clause the pairs of what it
//! kept, so it holds several rare ones; a clause on the same subject in other words holds
//! few, and when it does, the exact comparison turns it away.

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::measure::{compare, Comparison, Fingerprint};
use crate::error::Error;
use crate::index::text::SearchForm;
use crate::index::{Index, StoredUnit, UnitKind, KIND_UNIT};

/// At most this many pairs are looked up per text.
pub const MAX_TERMS: usize = 48;

/// A pair in more than this share of the index's entries is left out (but never one in
/// fewer than [`COMMON_MIN`] entries: in a small index every pair is "common").
const COMMON_SHARE: u64 = 256;
const COMMON_MIN: u64 = 512;

/// How a lookup is run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// See [`super::measure::compare`].
    pub threshold: f64,
    /// How many candidates are loaded and compared per text.
    pub candidates: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threshold: super::measure::THRESHOLD,
            candidates: 200,
        }
    }
}

/// A clause of the index related to the text looked up.
#[derive(Debug, Clone)]
pub struct Found {
    pub stored: StoredUnit,
    pub comparison: Comparison,
}

/// How many of `terms` looked-up pairs a candidate must hold.
pub fn min_should_match(terms: usize) -> usize {
    (terms / 10).clamp(2, 5).min(terms)
}

/// The query that finds the candidates for `text`, or `None` when it has no pair rare
/// enough to look up. `own` counts the text's own entry, if it is in the index: a pair
/// found only there is of no use.
fn candidate_query(
    index: &Index,
    searcher: &Searcher,
    text: &str,
    own: bool,
) -> Result<Option<BooleanQuery>, Error> {
    let form = SearchForm::new(text);
    let mut pairs: Vec<String> = form
        .chars
        .windows(2)
        .filter(|w| w[0].is_alphanumeric() && w[1].is_alphanumeric())
        .map(|w| w.iter().collect())
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let common = (searcher.num_docs() / COMMON_SHARE).max(COMMON_MIN);
    let floor = u64::from(own);
    let mut rated = Vec::with_capacity(pairs.len());
    for pair in pairs {
        let term = Term::from_field_text(index.fields.body, &pair);
        let df = searcher.doc_freq(&term).map_err(|e| index.error(e))?;
        if df > floor && df <= common {
            rated.push((df, term));
        }
    }
    if rated.is_empty() {
        return Ok(None);
    }
    rated.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    rated.truncate(MAX_TERMS);
    let at_least = min_should_match(rated.len());
    let term = |field, text: &str| -> Box<dyn TantivyQuery> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = vec![
        (Occur::Must, term(index.fields.kind, KIND_UNIT)),
        (
            Occur::Must,
            term(index.fields.unit_kind, UnitKind::Clause.as_str()),
        ),
    ];
    for (_, t) in rated {
        clauses.push((
            Occur::Should,
            Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)),
        ));
    }
    Ok(Some(BooleanQuery::with_minimum_required_clauses(
        clauses, at_least,
    )))
}

/// The clauses of the index related to `text` (copied or adapted), most similar first.
/// `exclude` is a (source, unit id) left out: the text's own entry. Ties are ordered by
/// document name and id, so the order does not depend on how the index is segmented.
pub fn related(
    index: &Index,
    searcher: &Searcher,
    text: &str,
    exclude: Option<(&str, &str)>,
    options: &Options,
) -> Result<Vec<Found>, Error> {
    let fingerprint = Fingerprint::of(text);
    if !fingerprint.comparable() {
        return Ok(Vec::new());
    }
    let Some(query) = candidate_query(index, searcher, text, exclude.is_some())? else {
        return Ok(Vec::new());
    };
    let top = TopDocs::with_limit(options.candidates.max(1)).order_by_score();
    let addresses: Vec<DocAddress> = searcher
        .search(&query, &top)
        .map_err(|e| index.error(e))?
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    let mut found = Vec::new();
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| index.error(e))?;
        let stored = index.stored(&doc)?;
        if exclude
            .is_some_and(|(source, id)| stored.document.source == source && stored.unit.id == id)
        {
            continue;
        }
        let other = Fingerprint::of(&stored.unit.text);
        if let Some(comparison) = compare(&fingerprint, &other, options.threshold) {
            found.push(Found { stored, comparison });
        }
    }
    found.sort_by(|a, b| {
        b.comparison
            .similarity
            .total_cmp(&a.comparison.similarity)
            .then_with(|| a.stored.document.name.cmp(&b.stored.document.name))
            .then_with(|| a.stored.unit.id.cmp(&b.stored.unit.id))
    });
    Ok(found)
}
