//! Search: a parsed query and filters become a tantivy query over the index; its hits are
//! checked against the stored text where the index alone cannot be exact, ranked, and
//! given the char offsets of their matches. Hits are units of every kind (clauses, titles,
//! notice and preamble paragraphs, …: see [`crate::index::units`]); [`by_document`] and
//! [`dedupe`] group them.
//!
//! Chinese terms are looked up as phrases of the grams [`crate::index::text`] indexes,
//! which is exact: the index finds a unit if and only if its text contains the term.
//! ASCII terms (matched as words), exclusions of them, and `--regex` are checked on the
//! stored text of every candidate. Ranking is tantivy's BM25 over the unit text, plus the
//! same query over the heading alone, so a clause whose heading names the term comes first.

pub mod facts;
pub mod pattern;
pub mod query;
pub mod snippet;

use std::ops::Bound;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, Occur, PhraseQuery, Query as TantivyQuery, RangeQuery,
    TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use crate::error::Error;
use crate::index::facts::Holding;
use crate::index::text::{Lookup, SearchForm};
use crate::index::{
    DocumentSummary, Index, StoredUnit, UnitKind, HAS_AGENCY, HAS_TARGET, KIND_UNIT, ROLE_SEPARATOR,
};
use crate::model::AgencyRole;
use crate::normalize::fold_str;

pub use pattern::Pattern;
pub use query::Query;

/// One clause of a tantivy boolean query.
type Clause = (Occur, Box<dyn TantivyQuery>);

/// How much more a match in a heading weighs than one in the text.
const HEADING_BOOST: f32 = 2.0;

/// Which clauses to consider, besides the query.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// The document's year, inclusive bounds.
    pub years: Option<(Option<i32>, Option<i32>)>,
    /// Documents whose name (file name without extension) contains this.
    pub doc: Option<String>,
    /// Documents whose issuer contains this.
    pub issuer: Option<String>,
    /// Clauses naming an agency whose name, canonical name or successor contains this.
    pub agency: Option<String>,
    /// With `agency`: only where it has this role. Alone: clauses with an agency in it.
    pub role: Option<AgencyRole>,
    /// Depth in the clause tree (1: chapters).
    pub level: Option<usize>,
    /// Only units of these kinds; empty: every kind.
    pub kinds: Vec<UnitKind>,
    /// Only clauses with a target whose indicator contains this.
    pub indicator: Option<String>,
    /// Only clauses that hold this: a target, or an agency.
    pub holding: Option<Holding>,
}

/// Order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first.
    #[default]
    Score,
    /// Oldest document first, then document order.
    Year,
}

/// One search.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub query: Option<Query>,
    pub pattern: Option<Pattern>,
    pub filters: Filters,
    pub sort: Sort,
    pub limit: usize,
    /// Count every match, even where that means checking every candidate. Without it,
    /// the total is known only when the candidates run out before `limit` hits.
    pub count_all: bool,
}

/// One matching unit.
#[derive(Debug, Clone)]
pub struct Hit {
    /// BM25 score; `None` when results are sorted by year or found by `--regex` alone.
    pub score: Option<f32>,
    pub stored: StoredUnit,
    /// Where the query matches in the unit's text (unit: char), sorted and merged. A
    /// match that lies wholly in a clause's label, which is searched but is not part of
    /// its text, has no range here.
    pub matches: Vec<(usize, usize)>,
}

/// The results of a search.
#[derive(Debug, Clone, Default)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// How many units match in all: always with `count_all`, else only when checking
    /// candidates ran through all of them.
    pub total: Option<usize>,
    /// Things worth telling the user (a filter that matches no document, say).
    pub notes: Vec<String>,
}

/// Runs a search. A panic inside tantivy, which some damaged files cause, is reported as
/// a damaged index.
pub fn search(index: &Index, request: &Request) -> Result<Results, Error> {
    index.guard(|| search_unguarded(index, request))
}

fn search_unguarded(index: &Index, request: &Request) -> Result<Results, Error> {
    let searcher = index.reader()?.searcher();
    // More hits than units indexed cannot be shown; clamping also keeps `--limit
    // 99999999999` from reserving memory for them.
    let limit = request.limit.min(searcher.num_docs() as usize);
    let mut notes = Vec::new();
    let Some((candidates, exact)) = candidates(index, &searcher, request, &mut notes)? else {
        return Ok(Results {
            hits: Vec::new(),
            total: Some(0),
            notes,
        });
    };
    let e = |e| index.error(e);

    if exact {
        // Counting and ranking are separate passes, each with tantivy's shortcut (counting
        // without scoring; skipping what cannot make the top), and the count only when
        // asked for: a phrase of common pairs costs as much to count as to rank.
        let total = if request.count_all {
            Some(searcher.search(&candidates, &Count).map_err(e)?)
        } else {
            None
        };
        let top = if limit > 0 {
            ranked(&searcher, &candidates, request, 0, limit).map_err(e)?
        } else {
            Vec::new()
        };
        let hits = top
            .into_iter()
            .map(|(score, address)| hit(index, &searcher, request, address, score))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect();
        return Ok(Results { hits, total, notes });
    }

    // Candidates must be checked on their text: go through them in pages, in rank order.
    let mut hits = Vec::new();
    let mut verified = 0;
    let mut offset = 0;
    // Pages start small (each candidate means reading its stored text) and grow.
    let mut page = (limit * 2).max(20);
    loop {
        let top = ranked(&searcher, &candidates, request, offset, page).map_err(e)?;
        let exhausted = top.len() < page;
        offset += top.len();
        page = (page * 2).min(16384);
        for (score, address) in top {
            if let Some(found) = hit(index, &searcher, request, address, score)? {
                verified += 1;
                if hits.len() < limit {
                    hits.push(found);
                }
            }
        }
        if exhausted {
            return Ok(Results {
                hits,
                total: Some(verified),
                notes,
            });
        }
        if hits.len() >= limit && !request.count_all {
            return Ok(Results {
                hits,
                total: None,
                notes,
            });
        }
    }
}

/// The query that finds the candidates of `request`, and whether every candidate is a hit
/// (else each must be checked on its stored text). `None` when a filter matches nothing.
fn candidates(
    index: &Index,
    searcher: &Searcher,
    request: &Request,
    notes: &mut Vec<String>,
) -> Result<Option<(BooleanQuery, bool)>, Error> {
    let Some(mut must) = filter_query(index, searcher, &request.filters, notes)? else {
        return Ok(None);
    };
    let f = index.fields;
    let mut finds_by_text = false;
    if let Some(query) = &request.query {
        for group in &query.groups {
            let alternatives: Vec<_> = group
                .iter()
                .map(|t| {
                    (
                        Occur::Should,
                        substring_query(f.body, f.body_chars, &t.form),
                    )
                })
                .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
            finds_by_text = true;
            for t in group {
                let boosted = BoostQuery::new(
                    substring_query(f.heading, f.heading_chars, &t.form),
                    HEADING_BOOST,
                );
                must.push((Occur::Should, Box::new(boosted)));
            }
        }
        for t in query.excluded.iter().filter(|t| t.exact()) {
            must.push((
                Occur::MustNot,
                substring_query(f.body, f.body_chars, &t.form),
            ));
        }
    }
    if let Some(pattern) = &request.pattern {
        for literal in &pattern.required {
            let form = SearchForm::new(literal).chars;
            if !form.is_empty() {
                must.push((Occur::Must, substring_query(f.body, f.body_chars, &form)));
                finds_by_text = true;
            }
        }
    }
    if !finds_by_text {
        // Only units have text; with nothing to look up, leave out the file records.
        must.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(f.kind, KIND_UNIT),
                IndexRecordOption::Basic,
            )),
        ));
    }
    let exact = request.pattern.is_none() && request.query.as_ref().is_none_or(Query::exact);
    Ok(Some((BooleanQuery::new(must), exact)))
}

/// The candidates ranked `offset..offset + limit`: by score, or chronologically (also for
/// a `--regex` alone, which has nothing to score), with `None` scores where not by score.
fn ranked(
    searcher: &Searcher,
    query: &dyn TantivyQuery,
    request: &Request,
    offset: usize,
    limit: usize,
) -> tantivy::Result<Vec<(Option<f32>, DocAddress)>> {
    if request.query.is_some() && request.sort == Sort::Score {
        return by_score(searcher, query, offset, limit.max(1));
    }
    let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
    let found = searcher.search(query, &top.order_by_u64_field("order", Order::Asc))?;
    Ok(found.into_iter().map(|(_, a)| (None, a)).collect())
}

/// A unit as ranked by score: a higher score first, then the lower `order` (year,
/// document, position), not where the unit sits among segments, which changes from build
/// to build; then the address, for units of one order.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    score: f32,
    order: u64,
    address: DocAddress,
}

impl Ranked {
    fn rank(&self, other: &Ranked) -> std::cmp::Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then(self.order.cmp(&other.order))
            .then(self.address.cmp(&other.address))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Ranked) -> bool {
        self.rank(other).is_eq()
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Ranked) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Later in the ranking is greater: the heap of the best keeps the worst on top.
impl Ord for Ranked {
    fn cmp(&self, other: &Ranked) -> std::cmp::Ordering {
        self.rank(other)
    }
}

/// The units ranked `offset..offset + limit` by score (see [`Ranked`]).
///
/// Through tantivy's pruning, as its own top-k by score does: once `offset + limit`
/// units are kept, only a unit scoring at least the worst kept one is handed over (the
/// threshold is just below that score, so a unit of equal score still is, to be ranked
/// by its order), and where the query allows it whole blocks of postings scoring less
/// are skipped. A tie-break read for every unit that matched made a common word's search
/// read the `order` column a million times at 1 GB.
fn by_score(
    searcher: &Searcher,
    query: &dyn TantivyQuery,
    offset: usize,
    limit: usize,
) -> tantivy::Result<Vec<(Option<f32>, DocAddress)>> {
    let wanted = offset + limit;
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut best: std::collections::BinaryHeap<Ranked> = std::collections::BinaryHeap::new();
    let mut threshold = f32::MIN;
    for (segment, reader) in searcher.segment_readers().iter().enumerate() {
        let order = reader
            .fast_fields()
            .u64("order")
            .map(|column| column.first_or_default_col(0));
        let alive = reader.alive_bitset();
        let start = threshold;
        weight.for_each_pruning(start, reader, &mut |doc, score| {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                return threshold;
            }
            let unit = Ranked {
                score,
                order: order.as_ref().map_or(0, |column| column.get_val(doc)),
                address: DocAddress::new(segment as u32, doc),
            };
            if best.len() < wanted {
                best.push(unit);
            } else if best.peek().is_some_and(|worst| unit < *worst) {
                best.pop();
                best.push(unit);
            }
            if best.len() == wanted {
                if let Some(worst) = best.peek() {
                    threshold = worst.score.next_down();
                }
            }
            threshold
        })?;
    }
    Ok(best
        .into_sorted_vec()
        .into_iter()
        .skip(offset)
        .map(|unit| (Some(unit.score), unit.address))
        .collect())
}

/// Loads a candidate, checks it against the query and pattern, and finds its matches.
fn hit(
    index: &Index,
    searcher: &Searcher,
    request: &Request,
    address: DocAddress,
    score: Option<f32>,
) -> Result<Option<Hit>, Error> {
    let doc: TantivyDocument = searcher.doc(address).map_err(|e| index.error(e))?;
    let stored = index.stored(&doc)?;
    let text = &stored.unit.text;
    let searched = stored.unit.searched_text();
    // Matches are given in `text`, which starts this far into what was searched.
    let shift = stored.unit.text_offset();
    let form = SearchForm::new(&searched);
    let mut matches = Vec::new();
    if let Some(query) = &request.query {
        if !query.matches(&form) {
            return Ok(None);
        }
        for term in query.positive_terms() {
            matches.extend(
                term.occurrences(&form)
                    .into_iter()
                    .map(|(s, e)| form.original_range(s, e))
                    .filter(|&(_, e)| e > shift)
                    .map(|(s, e)| (s.saturating_sub(shift), e - shift)),
            );
        }
    }
    if let Some(pattern) = &request.pattern {
        let found = pattern.matches(text);
        if found.is_empty() {
            return Ok(None);
        }
        matches.extend(found);
    }
    Ok(Some(Hit {
        score,
        stored,
        matches: snippet::merge(matches),
    }))
}

/// The query that finds `form` as a substring of a text field, by its pairs (in `pairs`,
/// at their offsets) and its lone chars (in `chars`). Exact when [`Lookup::exact`] is.
pub fn substring_query(pairs: Field, chars: Field, form: &[char]) -> Box<dyn TantivyQuery> {
    let lookup = Lookup::new(form);
    let term_query = |field, text: &str| -> Box<dyn TantivyQuery> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::WithFreqs,
        ))
    };
    let mut parts: Vec<Box<dyn TantivyQuery>> = lookup
        .chars
        .iter()
        .map(|c| -> Box<dyn TantivyQuery> {
            Box::new(TermQuery::new(
                Term::from_field_text(chars, c),
                IndexRecordOption::Basic,
            ))
        })
        .collect();
    match lookup.pairs.as_slice() {
        [] => {}
        [(_, pair)] => parts.push(term_query(pairs, pair)),
        many => parts.push(Box::new(PhraseQuery::new_with_offset(
            many.iter()
                .map(|(offset, pair)| (*offset, Term::from_field_text(pairs, pair)))
                .collect(),
        ))),
    }
    if parts.len() == 1 {
        parts.pop().expect("one part")
    } else {
        Box::new(BooleanQuery::intersection(parts))
    }
}

/// The filters as clauses of a boolean query. `None` when a filter matches nothing in
/// the index (with a note saying which).
fn filter_query(
    index: &Index,
    searcher: &Searcher,
    filters: &Filters,
    notes: &mut Vec<String>,
) -> Result<Option<Vec<Clause>>, Error> {
    let f = index.fields;
    let mut parts: Vec<Clause> = Vec::new();
    if let Some((from, to)) = filters.years {
        let year = |y: Option<i32>, default: u64| {
            Term::from_field_u64(f.year, y.map_or(default, |y| y.max(1) as u64))
        };
        parts.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                Bound::Included(year(from, 1)),
                Bound::Included(year(to, u64::from(u16::MAX))),
            )),
        ));
    }
    if !filters.kinds.is_empty() {
        let terms = filters
            .kinds
            .iter()
            .map(|k| Term::from_field_text(f.unit_kind, k.as_str()))
            .collect::<Vec<_>>();
        parts.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
    }
    if let Some(level) = filters.level {
        parts.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_u64(f.level, level as u64),
                IndexRecordOption::Basic,
            )),
        ));
    }
    if let Some(holding) = filters.holding {
        let has = match holding {
            Holding::Targets => HAS_TARGET,
            Holding::Agencies => HAS_AGENCY,
        };
        parts.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(f.has, has),
                IndexRecordOption::Basic,
            )),
        ));
    }
    let mut term_filter = |field: Field, flag: &str, wanted: &str, keep: &dyn Fn(&str) -> bool| {
        let terms = matching_terms(index, searcher, field, keep)?;
        if terms.is_empty() {
            notes.push(format!("{flag} {wanted}: nothing in the index matches it"));
            return Ok::<bool, Error>(false);
        }
        parts.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
        Ok(true)
    };
    if let Some(doc) = &filters.doc {
        let wanted = doc.to_lowercase();
        if !term_filter(f.doc, "--doc", doc, &|name| {
            name.to_lowercase().contains(&wanted)
        })? {
            return Ok(None);
        }
    }
    if let Some(indicator) = &filters.indicator {
        let wanted = fold_str(indicator);
        if !term_filter(f.indicator, "--indicator", indicator, &|i| {
            i.contains(&wanted)
        })? {
            return Ok(None);
        }
    }
    if let Some(issuer) = &filters.issuer {
        let wanted = fold_str(issuer);
        if !term_filter(f.issuer, "--issuer", issuer, &|i| i.contains(&wanted))? {
            return Ok(None);
        }
    }
    match (&filters.agency, filters.role) {
        (None, None) => {}
        (Some(agency), None) => {
            let wanted = fold_str(agency);
            if !term_filter(f.agency, "--agency", agency, &|n| n.contains(&wanted))? {
                return Ok(None);
            }
        }
        (agency, Some(role)) => {
            let wanted = agency.as_deref().map(fold_str).unwrap_or_default();
            let prefix = format!("{}{ROLE_SEPARATOR}", role.as_str());
            let shown = format!(
                "{} --role {}",
                agency.as_deref().unwrap_or(""),
                role.as_str()
            );
            let keep = |t: &str| t.strip_prefix(&prefix).is_some_and(|n| n.contains(&wanted));
            if !term_filter(f.agency_role, "--agency", shown.trim(), &keep)? {
                return Ok(None);
            }
        }
    }
    Ok(Some(parts))
}

/// Every term of a string field, over all segments, that `keep` accepts.
fn matching_terms(
    index: &Index,
    searcher: &Searcher,
    field: Field,
    keep: &dyn Fn(&str) -> bool,
) -> Result<Vec<Term>, Error> {
    Ok(index
        .terms_of(searcher, field)?
        .into_iter()
        .filter(|t| keep(t))
        .map(|t| Term::from_field_text(field, &t))
        .collect())
}

/// The hits of one document, for `search -l` and `-c`.
#[derive(Debug, Clone)]
pub struct DocumentHits {
    pub document: DocumentSummary,
    /// How many of its units match.
    pub count: usize,
    /// How many of them by kind, in [`UnitKind::ALL`] order; kinds with none left out.
    pub kinds: Vec<(UnitKind, usize)>,
}

/// The documents that have hits for `request`, best first (the best score of their units),
/// or by year with `--sort year` or with nothing to score; every one, whatever the limit.
/// Where the index alone is exact, units are counted in its columns without being loaded.
pub fn documents(
    index: &Index,
    request: &Request,
) -> Result<(Vec<DocumentHits>, Vec<String>), Error> {
    index.guard(|| {
        let searcher = index.reader()?.searcher();
        let mut notes = Vec::new();
        let Some((candidates, exact)) = candidates(index, &searcher, request, &mut notes)? else {
            return Ok((Vec::new(), notes));
        };
        if !exact {
            let all = Request {
                limit: usize::MAX,
                count_all: true,
                ..request.clone()
            };
            let results = search_unguarded(index, &all)?;
            return Ok((by_document(&results.hits), results.notes));
        }
        let by_score = request.query.is_some() && request.sort == Sort::Score;
        let tallies = searcher
            .search(&candidates, &PerDocument { by_score })
            .map_err(|e| index.error(e))?;
        let summaries: std::collections::HashMap<String, DocumentSummary> = index
            .files()?
            .into_iter()
            .map(|r| (r.document.source.clone(), r.document))
            .collect();
        let mut found: Vec<(Tally, DocumentHits)> = Vec::with_capacity(tallies.len());
        for (source, tally) in tallies {
            let document = summaries
                .get(&source)
                .cloned()
                .ok_or_else(|| index.error(format!("{source}: units without a file record")))?;
            let kinds = UnitKind::ALL
                .iter()
                .zip(tally.kinds)
                .filter(|(_, n)| *n > 0)
                .map(|(k, n)| (*k, n))
                .collect();
            let hits = DocumentHits {
                document,
                count: tally.count,
                kinds,
            };
            found.push((tally, hits));
        }
        if by_score {
            found.sort_by(|a, b| {
                b.0.best
                    .total_cmp(&a.0.best)
                    .then(a.0.first.cmp(&b.0.first))
            });
        } else {
            found.sort_by_key(|(t, _)| t.first);
        }
        Ok((found.into_iter().map(|(_, d)| d).collect(), notes))
    })
}

/// What [`PerDocument`] counts for one document.
#[derive(Debug, Clone, Copy)]
struct Tally {
    count: usize,
    /// In [`UnitKind::ALL`] order.
    kinds: [usize; UnitKind::ALL.len()],
    /// The best score of its units (0 when not scoring).
    best: f32,
    /// The `order` of its first unit: where the document sorts by year.
    first: u64,
}

impl Default for Tally {
    fn default() -> Tally {
        Tally {
            count: 0,
            kinds: [0; UnitKind::ALL.len()],
            best: f32::MIN,
            first: u64::MAX,
        }
    }
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.count += other.count;
        for (a, b) in self.kinds.iter_mut().zip(other.kinds) {
            *a += b;
        }
        self.best = self.best.max(other.best);
        self.first = self.first.min(other.first);
    }
}

/// A collector of matching units per document (by path), read from the index's columns.
struct PerDocument {
    by_score: bool,
}

struct PerDocumentSegment {
    paths: tantivy::columnar::StrColumn,
    kinds: tantivy::columnar::StrColumn,
    /// For each term of `kinds`, its place in [`UnitKind::ALL`].
    kind_at: Vec<Option<usize>>,
    order: tantivy::columnar::Column<u64>,
    tallies: std::collections::HashMap<u64, Tally>,
}

impl tantivy::collector::Collector for PerDocument {
    type Fruit = std::collections::HashMap<String, Tally>;
    type Child = PerDocumentSegment;

    fn for_segment(
        &self,
        _segment: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<PerDocumentSegment> {
        let columns = reader.fast_fields();
        let missing = |name: &str| tantivy::TantivyError::SchemaError(format!("no {name} column"));
        let paths = columns.str("path")?.ok_or_else(|| missing("path"))?;
        let kinds = columns
            .str("unit_kind")?
            .ok_or_else(|| missing("unit_kind"))?;
        let mut kind_at = Vec::new();
        let mut name = String::new();
        for ord in 0..kinds.num_terms() as u64 {
            name.clear();
            kinds.ord_to_str(ord, &mut name)?;
            kind_at.push(UnitKind::ALL.iter().position(|k| k.as_str() == name));
        }
        Ok(PerDocumentSegment {
            paths,
            kinds,
            kind_at,
            order: columns.u64("order")?,
            tallies: std::collections::HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.by_score
    }

    fn merge_fruits(
        &self,
        fruits: Vec<std::collections::HashMap<String, Tally>>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut all: std::collections::HashMap<String, Tally> = std::collections::HashMap::new();
        for fruit in fruits {
            for (path, tally) in fruit {
                all.entry(path).or_default().add(&tally);
            }
        }
        Ok(all)
    }
}

impl tantivy::collector::SegmentCollector for PerDocumentSegment {
    type Fruit = std::collections::HashMap<String, Tally>;

    fn collect(&mut self, doc: tantivy::DocId, score: tantivy::Score) {
        // File records have no unit kind: they are not units.
        let Some(kind) = self.kinds.ords().first(doc) else {
            return;
        };
        let Some(path) = self.paths.ords().first(doc) else {
            return;
        };
        let tally = self.tallies.entry(path).or_default();
        tally.count += 1;
        if let Some(Some(k)) = self.kind_at.get(kind as usize) {
            tally.kinds[*k] += 1;
        }
        tally.best = tally.best.max(score);
        tally.first = tally.first.min(self.order.first(doc).unwrap_or(u64::MAX));
    }

    fn harvest(self) -> Self::Fruit {
        let mut name = String::new();
        self.tallies
            .into_iter()
            .filter_map(|(ord, tally)| {
                name.clear();
                match self.paths.ord_to_str(ord, &mut name) {
                    Ok(true) => Some((name.clone(), tally)),
                    _ => None,
                }
            })
            .collect()
    }
}

/// The documents among `hits`, in the order of their first hit (best first, or oldest
/// first when the hits are sorted by year).
pub fn by_document(hits: &[Hit]) -> Vec<DocumentHits> {
    let mut order: Vec<DocumentHits> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for hit in hits {
        let source = hit.stored.document.source.as_str();
        let i = *at.entry(source).or_insert_with(|| {
            order.push(DocumentHits {
                document: hit.stored.document.clone(),
                count: 0,
                kinds: Vec::new(),
            });
            order.len() - 1
        });
        let entry = &mut order[i];
        entry.count += 1;
        match entry
            .kinds
            .iter_mut()
            .find(|(k, _)| *k == hit.stored.unit.kind)
        {
            Some((_, n)) => *n += 1,
            None => entry.kinds.push((hit.stored.unit.kind, 1)),
        }
    }
    for entry in &mut order {
        entry.kinds.sort();
    }
    order
}

/// Hits whose texts are identical once folded as search compares them (widths, case,
/// whitespace), kept as one: the first, with every unit that says the same.
#[derive(Debug, Clone)]
pub struct Group {
    pub hit: Hit,
    /// Every hit with this text, the first included, in result order.
    pub members: Vec<(DocumentSummary, String)>,
}

/// `hits` with identical texts grouped, in the order of each group's first hit.
pub fn dedupe(hits: Vec<Hit>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for hit in hits {
        let key = SearchForm::string_of(&hit.stored.unit.text);
        let member = (hit.stored.document.clone(), hit.stored.unit.id.clone());
        match at.get(&key) {
            Some(&i) => groups[i].members.push(member),
            None => {
                at.insert(key, groups.len());
                groups.push(Group {
                    hit,
                    members: vec![member],
                });
            }
        }
    }
    groups
}
