//! The corpus-wide edge list: every pair of documents that share clauses, with how many
//! and how closely, for network tools (Gephi, networkx).
//!
//! One pass reads every stored clause of the index (on several threads) and keeps its
//! fingerprint ([`super::measure`]). Candidates come from an inverted index, in memory, of
//! a sample of the shingles: those whose hash is divisible by [`SAMPLE`], a choice that
//! is the same in every document, so a passage two clauses share is sampled the same in
//! both. Each clause looks up the sampled shingles that another clause has too, rarest
//! first, until it has read [`BUDGET`] postings (at least [`RAREST`] shingles), and is
//! compared exactly with the clauses that share at least two of them
//! (one, for short clauses), or its whole content. A sampled shingle found in more than
//! [`COMMON`] clauses is boilerplate and never looked up. The work is bounded by the
//! number of clauses times the length of short postings: near linear in the size of the
//! index.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use tantivy::schema::Value;
use tantivy::TantivyDocument;

use super::direction;
use super::measure::{compare, Comparison, Fingerprint, Relation};
use crate::error::Error;
use crate::index::{DocumentSummary, Index, UnitKind};

/// One shingle in this many is sampled for candidates.
pub const SAMPLE: u32 = 4;
/// A sampled shingle in more clauses than this does not make candidates.
pub const COMMON: usize = 1000;
/// Clauses with fewer sampled shingles than this need only one in common.
const FEW: usize = 8;
/// A clause looks up its sampled shingles rarest first, as long as the postings read stay
/// under this many …
pub const BUDGET: usize = 4096;
/// … but at least this many shingles.
pub const RAREST: usize = 8;

/// One edge: two documents and the clauses they share.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    /// The older document's name; with `directed` false, the first by name.
    pub source: String,
    /// The newer document's name; with `directed` false, the second by name.
    pub target: String,
    /// Whether the dates say which is older.
    pub directed: bool,
    /// Clauses of the target with a related clause in the source.
    pub shared: usize,
    /// Of them, copied (same text after folding) …
    pub copied: usize,
    /// … and adapted.
    pub adapted: usize,
    /// Mean similarity of each shared clause's closest counterpart in the source.
    pub similarity: f64,
    /// Clauses compared in the source and in the target.
    pub source_clauses: usize,
    pub target_clauses: usize,
}

/// What the pass over the index keeps of a clause.
struct Clause {
    document: u32,
    fingerprint: Fingerprint,
}

impl Clause {
    /// Its shingles sampled for candidates, in order.
    fn sampled(&self) -> impl Iterator<Item = u32> + '_ {
        self.fingerprint
            .shingles
            .iter()
            .copied()
            .filter(|h| h % SAMPLE == 0)
    }
}

#[derive(Deserialize)]
struct StoredLight {
    document: DocumentSummary,
    clause: Option<UnitLight>,
}

#[derive(Deserialize)]
struct UnitLight {
    kind: UnitKind,
    text: String,
}

/// How long each step took, and how much there was.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub clauses: usize,
    pub documents: usize,
    pub read_ms: u64,
    pub candidates: usize,
    pub compare_ms: u64,
    pub related: usize,
}

/// Every edge of the index, by source then target name.
pub fn edges(index: &Index, threshold: f64, threads: usize) -> Result<(Vec<Edge>, Stats), Error> {
    index.guard(|| {
        let started = std::time::Instant::now();
        let (documents, clauses) = read_clauses(index, threads.max(1))?;
        let mut stats = Stats {
            clauses: clauses.len(),
            documents: documents.len(),
            read_ms: started.elapsed().as_millis() as u64,
            ..Stats::default()
        };
        let started = std::time::Instant::now();
        let (pairs, candidates) = related_pairs(&clauses, threshold, threads.max(1));
        stats.candidates = candidates;
        stats.related = pairs.len();
        let edges = aggregate(&documents, &clauses, &pairs);
        stats.compare_ms = started.elapsed().as_millis() as u64;
        Ok((edges, stats))
    })
}

/// Every comparable clause of the index, with its document's number in the list returned.
fn read_clauses(
    index: &Index,
    threads: usize,
) -> Result<(Vec<DocumentSummary>, Vec<Clause>), Error> {
    const CHUNK: u32 = 20_000;
    let searcher = index.reader()?.searcher();
    let mut chunks = Vec::new();
    for (s, segment) in searcher.segment_readers().iter().enumerate() {
        let mut start = 0;
        while start < segment.max_doc() {
            chunks.push((s, start, (start + CHUNK).min(segment.max_doc())));
            start += CHUNK;
        }
    }
    let next = AtomicUsize::new(0);
    type Part = (Vec<DocumentSummary>, Vec<(usize, Clause)>);
    let parts: Mutex<Vec<Result<Part, Error>>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut documents: Vec<DocumentSummary> = Vec::new();
                let mut by_source: HashMap<String, u32> = HashMap::new();
                let mut clauses = Vec::new();
                let result = (|| -> Result<(), Error> {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&(s, start, end)) = chunks.get(i) else {
                            return Ok(());
                        };
                        let segment = &searcher.segment_readers()[s];
                        let store = segment.get_store_reader(4).map_err(|e| index.error(e))?;
                        for doc_id in start..end {
                            if segment.alive_bitset().is_some_and(|a| a.is_deleted(doc_id)) {
                                continue;
                            }
                            let doc: TantivyDocument =
                                store.get(doc_id).map_err(|e| index.error(e))?;
                            let Some(bytes) = doc
                                .get_first(index.fields.stored)
                                .and_then(|v| v.as_bytes())
                            else {
                                continue;
                            };
                            let light: StoredLight = serde_json::from_slice(bytes)
                                .map_err(|e| index.error(format!("a stored unit: {e}")))?;
                            let Some(unit) = light.clause else { continue };
                            if unit.kind != UnitKind::Clause {
                                continue;
                            }
                            let fingerprint = Fingerprint::of(&unit.text);
                            if !fingerprint.comparable() {
                                continue;
                            }
                            let document = match by_source.get(&light.document.source) {
                                Some(&d) => d,
                                None => {
                                    let d = documents.len() as u32;
                                    by_source.insert(light.document.source.clone(), d);
                                    documents.push(light.document);
                                    d
                                }
                            };
                            // Ordered by where the clause is, so results do not depend on
                            // which thread read it.
                            let key = (s << 40) | doc_id as usize;
                            clauses.push((
                                key,
                                Clause {
                                    document,
                                    fingerprint,
                                },
                            ));
                        }
                    }
                })();
                parts
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(result.map(|()| (documents, clauses)));
            });
        }
    });
    // Merge the threads' document lists into one, by source.
    let mut documents: Vec<DocumentSummary> = Vec::new();
    let mut by_source: HashMap<String, u32> = HashMap::new();
    let mut all: Vec<(usize, Clause)> = Vec::new();
    for part in parts.into_inner().unwrap_or_else(|p| p.into_inner()) {
        let (docs, clauses) = part?;
        let renumber: Vec<u32> = docs
            .into_iter()
            .map(|d| match by_source.get(&d.source) {
                Some(&n) => n,
                None => {
                    let n = documents.len() as u32;
                    by_source.insert(d.source.clone(), n);
                    documents.push(d);
                    n
                }
            })
            .collect();
        all.extend(clauses.into_iter().map(|(k, mut c)| {
            c.document = renumber[c.document as usize];
            (k, c)
        }));
    }
    all.sort_unstable_by_key(|(k, _)| *k);
    Ok((documents, all.into_iter().map(|(_, c)| c).collect()))
}

/// Two clauses (by index, the first before the second) and how they are related.
type Related = (u32, u32, Comparison);

/// Best counterpart of each target clause: (similarity, copied).
type Best = HashMap<u32, (f64, bool)>;

/// Pairs (i < j) of clauses of different documents that are related, and how many pairs
/// were compared.
///
/// Each clause looks up its sampled shingles found in at least one other clause (a
/// shingle found in no other says nothing, one in many says little), rarest first, within
/// [`BUDGET`], and is compared with every clause holding at least two of them (one, for a clause with few
/// sampled shingles). A pair is found from either side.
fn related_pairs(clauses: &[Clause], threshold: f64, threads: usize) -> (Vec<Related>, usize) {
    let postings = Postings::of(clauses);
    // Read for every posting: one dense array rather than a field of each large `Clause`.
    let document: Vec<u32> = clauses.iter().map(|c| c.document).collect();
    // Same content: grouped by hash, so short copies with no sampled shingle are found.
    let mut by_content: Vec<(u64, u32)> = clauses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.fingerprint.content_hash, i as u32))
        .collect();
    by_content.sort_unstable();
    let same_content = |i: usize| -> &[(u64, u32)] {
        let h = clauses[i].fingerprint.content_hash;
        let start = by_content.partition_point(|&(x, _)| x < h);
        let end = by_content.partition_point(|&(x, _)| x <= h);
        &by_content[start..end]
    };
    let next = AtomicUsize::new(0);
    let found: Mutex<(Vec<Related>, usize)> = Mutex::new((Vec::new(), 0));
    const BATCH: usize = 1024;
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut counts = vec![0u16; clauses.len()];
                let mut touched: Vec<u32> = Vec::new();
                let mut lists: Vec<&[u32]> = Vec::new();
                let mut mine = Vec::new();
                let mut compared = 0usize;
                loop {
                    let from = next.fetch_add(BATCH, Ordering::Relaxed);
                    if from >= clauses.len() {
                        break;
                    }
                    for i in from..(from + BATCH).min(clauses.len()) {
                        let c = &clauses[i];
                        lists.clear();
                        lists.extend(
                            postings
                                .of_clause(i)
                                .filter(|l| l.len() >= 2 && l.len() <= COMMON),
                        );
                        // The rarest first, while the postings read stay within budget.
                        lists.sort_unstable_by_key(|l| l.len());
                        let mut read = 0;
                        let keep = lists
                            .iter()
                            .take_while(|l| {
                                read += l.len();
                                read <= BUDGET
                            })
                            .count()
                            .max(RAREST.min(lists.len()));
                        lists.truncate(keep);
                        for l in &lists {
                            for &j in *l {
                                let ju = j as usize;
                                if ju == i || document[ju] == c.document {
                                    continue;
                                }
                                if counts[ju] == 0 {
                                    touched.push(j);
                                }
                                counts[ju] = counts[ju].saturating_add(1);
                            }
                        }
                        let same = same_content(i);
                        if same.len() <= COMMON {
                            for &(_, j) in same {
                                let ju = j as usize;
                                if ju != i && document[ju] != c.document {
                                    if counts[ju] == 0 {
                                        touched.push(j);
                                    }
                                    counts[ju] = counts[ju].saturating_add(FEW as u16);
                                }
                            }
                        }
                        let few = lists.len() < FEW;
                        for j in touched.drain(..) {
                            let ju = j as usize;
                            let need = if few || postings.sampled(ju) < FEW {
                                1
                            } else {
                                2
                            };
                            if usize::from(counts[ju]) >= need {
                                compared += 1;
                                let (a, b) = (i.min(ju), i.max(ju));
                                let (fa, fb) = (&clauses[a].fingerprint, &clauses[b].fingerprint);
                                if let Some(cmp) = compare(fa, fb, threshold) {
                                    mine.push((a as u32, b as u32, cmp));
                                }
                            }
                            counts[ju] = 0;
                        }
                    }
                }
                let mut f = found.lock().unwrap_or_else(|p| p.into_inner());
                f.0.extend(mine);
                f.1 += compared;
            });
        }
    });
    let (mut pairs, compared) = found.into_inner().unwrap_or_else(|p| p.into_inner());
    // Found from both sides: once each.
    pairs.sort_unstable_by_key(|&(i, j, _)| (i, j));
    pairs.dedup_by_key(|&mut (i, j, _)| (i, j));
    (pairs, compared)
}

/// The clauses holding each sampled shingle, reached from each clause without a search:
/// at 1 GB, two binary searches per shingle looked up in one sorted list of postings
/// were most of the time spent finding candidates.
struct Postings {
    /// The clauses of each sampled shingle (numbered in hash order): `clauses[starts[k]..
    /// starts[k + 1]]`, in clause order.
    starts: Vec<u32>,
    clauses: Vec<u32>,
    /// The numbers of each clause's sampled shingles: `shingles[of[i]..of[i + 1]]`.
    of: Vec<u32>,
    shingles: Vec<u32>,
}

impl Postings {
    fn of(clauses: &[Clause]) -> Postings {
        let mut of = Vec::with_capacity(clauses.len() + 1);
        of.push(0u32);
        let mut entries: Vec<u64> = Vec::new();
        for (i, c) in clauses.iter().enumerate() {
            entries.extend(c.sampled().map(|h| (u64::from(h) << 32) | i as u64));
            of.push(entries.len() as u32);
        }
        entries.sort_unstable();
        let mut starts = Vec::new();
        let mut posting_clauses = Vec::with_capacity(entries.len());
        let mut shingles = vec![0u32; entries.len()];
        // Where the next shingle of each clause goes: a clause's sampled shingles are in
        // hash order, as the entries are.
        let mut next: Vec<u32> = of[..clauses.len()].to_vec();
        let mut previous = None;
        for entry in entries {
            let (hash, clause) = ((entry >> 32) as u32, entry as u32);
            if previous != Some(hash) {
                starts.push(posting_clauses.len() as u32);
                previous = Some(hash);
            }
            let at = &mut next[clause as usize];
            shingles[*at as usize] = (starts.len() - 1) as u32;
            *at += 1;
            posting_clauses.push(clause);
        }
        starts.push(posting_clauses.len() as u32);
        Postings {
            starts,
            clauses: posting_clauses,
            of,
            shingles,
        }
    }

    /// The postings of clause `i`'s sampled shingles.
    fn of_clause(&self, i: usize) -> impl Iterator<Item = &[u32]> + '_ {
        self.shingles[self.of[i] as usize..self.of[i + 1] as usize]
            .iter()
            .map(|&k| {
                &self.clauses
                    [self.starts[k as usize] as usize..self.starts[k as usize + 1] as usize]
            })
    }

    /// How many sampled shingles clause `i` has.
    fn sampled(&self, i: usize) -> usize {
        (self.of[i + 1] - self.of[i]) as usize
    }
}

/// Related clause pairs → one edge per pair of documents.
fn aggregate(documents: &[DocumentSummary], clauses: &[Clause], pairs: &[Related]) -> Vec<Edge> {
    let mut per_document = vec![0usize; documents.len()];
    for c in clauses {
        per_document[c.document as usize] += 1;
    }
    // (source doc, target doc) → target clause → best (similarity, copied).
    // (source, target) → (directed, best counterpart of each target clause).
    let mut by_pair: HashMap<(u32, u32), (bool, Best)> = HashMap::new();
    for &(i, j, cmp) in pairs {
        let (a, b) = (clauses[i as usize].document, clauses[j as usize].document);
        let (da, db) = (&documents[a as usize], &documents[b as usize]);
        let (source, target, target_clause, directed) = match direction(da, db) {
            Some(std::cmp::Ordering::Less) => (a, b, j, true),
            Some(_) => (b, a, i, true),
            None if (&da.name, &da.source) <= (&db.name, &db.source) => (a, b, j, false),
            None => (b, a, i, false),
        };
        let entry = by_pair
            .entry((source, target))
            .or_insert_with(|| (directed, HashMap::new()));
        let copied = cmp.relation == Relation::Copied;
        let best = entry
            .1
            .entry(target_clause)
            .or_insert((cmp.similarity, copied));
        if cmp.similarity > best.0 {
            *best = (cmp.similarity, copied);
        }
    }
    let mut edges: Vec<Edge> = by_pair
        .into_iter()
        .map(|((s, t), (directed, clauses))| {
            let copied = clauses.values().filter(|(_, c)| *c).count();
            let sum: f64 = clauses.values().map(|(s, _)| s).sum();
            Edge {
                source: documents[s as usize].name.clone(),
                target: documents[t as usize].name.clone(),
                directed,
                shared: clauses.len(),
                copied,
                adapted: clauses.len() - copied,
                similarity: sum / clauses.len().max(1) as f64,
                source_clauses: per_document[s as usize],
                target_clauses: per_document[t as usize],
            }
        })
        .collect();
    edges.sort_by(|a, b| (&a.source, &a.target).cmp(&(&b.source, &b.target)));
    edges
}
