//! Alignment: which clauses of the old document became which of the new, by content.
//!
//! Legislators and planners rewrite by subject: an article keeps its subject and core rule
//! while its wording, number and place change, is split in two, or absorbs a neighbour.
//! The steps follow how a reader pairs two versions:
//!
//! 1. Identical texts (after formatting is folded away) pair first, in order.
//! 2. The rest are compared by their **content**: pairs of chars of the text with
//!    punctuation and function chars (的、和、或、及 …) dropped, each pair weighted by how
//!    rare it is in the two documents (a weighted Dice coefficient), so 人民政府 and 应当,
//!    found in every article, count for little and 罚款 or 统计调查 for much. Candidates
//!    come from an inverted index: nothing is compared all against all, so 10,000 clauses
//!    a side stay fast. An article with items is also compared by its whole content (its
//!    text and its items'), the better of the two counting: a reader pairs articles by
//!    all they say, and a revision often turns an article's text into a list or back.
//!    Items of two paired articles pair as easily as longer clauses, however short.
//! 3. An old clause whose content is covered by two or more new ones was split; a new
//!    clause covering two or more old ones is a merge.
//! 4. The remaining candidates pair best first, above a threshold.
//! 5. **Order.** The pairs that keep their order (a longest increasing subsequence) are
//!    anchors; between two anchors, the clauses left over on both sides are compared all
//!    against all, at a lower threshold that drops further when much of the document
//!    changed: a clause between the same two neighbours on both sides that shares its
//!    subject is the same clause rewritten. Out of order, two articles left over that
//!    are each other's best match pair at a lower threshold too: an article rewritten
//!    and moved past its neighbours.
//! 6. A clause left over whose content is mostly the part of a neighbour's counterpart
//!    that the pairing left unexplained joins that pair: a split or merge found from its
//!    context. Anywhere in the document, a clause left over that explains a good part of
//!    what a pair leaves unexplained of its counterpart joins it too (a paragraph moved to
//!    another chapter with the article's other paragraphs staying).
//! 7. Chapters and sections pair only with chapters and sections: by heading, else with
//!    the one their articles mostly went to. A chapter whose articles went to a new
//!    chapter of their own was split; articles that went into sections of the chapter's
//!    counterpart stayed in it.
//!
//! Pinned groups (`--pairs`) are taken before everything and never questioned.

use std::collections::{HashMap, VecDeque};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::model::MarkerStyle;

/// Whether a clause is a heading of the document's outline (编, 章, 节: its text is its
/// title) or a clause with a body (article, item). The two never pair with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Heading,
    Body,
}

/// One alignment: old clauses (indices) with new clauses. One side is empty for an added
/// or removed clause; one side has several for a split or merge.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub old: Vec<usize>,
    pub new: Vec<usize>,
    /// Content similarity, 0 to 1 (weighted Dice coefficient, see [`Content`]); for
    /// splits and merges, of the joined parts.
    pub similarity: f64,
}

/// What alignment needs of each clause: its comparison form, its parent's index, its
/// labels and heading (folded), which break near-ties, and its kind.
pub struct Side<'a> {
    pub forms: &'a [Vec<char>],
    pub parents: &'a [Option<usize>],
    pub labels: &'a [String],
    pub headings: &'a [Option<Vec<char>>],
    pub kinds: &'a [Kind],
    /// Numbering style of each clause's own label: an old article splits into new
    /// articles, not into the items of one (those are new clauses drawn from its text).
    pub styles: &'a [MarkerStyle],
}

/// Between two texts about as similar, the one at the same number, or under the same
/// heading, is the counterpart: a plan rewritten in place keeps its numbering and titles.
const SAME_LABELS: f64 = 0.15;
const SAME_HEADING: f64 = 0.2;

/// Pairs are this similar or more to be the same clause reworded, wherever they are.
const THRESHOLD: f64 = 0.4;
/// Short texts (headings) need more: two shared pairs out of three is not much.
const THRESHOLD_SHORT: f64 = 0.55;
const SHORT: usize = 12;
/// Between the same two anchors, much less is enough: the place is evidence too. This
/// is the threshold when nothing changed; it falls towards [`GAP_THRESHOLD_LOW`] as the
/// share of clauses left unchanged falls (a full revision rewrites most sentences).
const GAP_THRESHOLD: f64 = 0.3;
const GAP_THRESHOLD_LOW: f64 = 0.1;
/// Gaps larger than this (old × new clauses) are not compared all against all.
const GAP_MAX: usize = 4096;
/// Two clauses left over that are each other's best candidate pair from this much.
const MUTUAL: f64 = 0.25;
/// ... and what they share must be half the content of the shorter: the old article is
/// inside the new one (or back), not a phrase such as 办理变更登记 found in both.
const MUTUAL_INSIDE: f64 = 0.5;
/// ... or each is this many times more like the other than like anything else, and they
/// share a passage, not a phrase: a plan's item rewritten and moved keeps its subject and
/// several of its terms (抗震设防工作, 抗震设防标准, 抗震设计和施工: 40 content pairs).
const MUTUAL_MARGIN: f64 = 2.5;
const PASSAGE_GRAMS: usize = 3 * PART_MIN_GRAMS;
/// How many candidates per clause are compared exactly.
const CANDIDATES: usize = 8;
/// A clause counts as a part of another when this much of its content is inside.
const PART: f64 = 0.7;
/// A clause left over joins a neighbour's pair when this much of its content is in the
/// part of the counterpart that the pair does not explain: the second half of a split
/// article is often mostly new words around the old paragraph it continues.
const JOIN: f64 = 0.25;
/// Anywhere in the document, a clause left over joins a pair when this much of its
/// content ([`FAR_PART`]) is in what the pair leaves unexplained of the counterpart, and
/// that is this much of the counterpart ([`FAR_WHOLE`]): a paragraph of an article that
/// went to another chapter, reworded around its old words.
const FAR_PART: f64 = 0.12;
const FAR_WHOLE: f64 = 0.15;
/// ... and the clause must explain half of what the pair leaves unexplained: a new item
/// that only shares a sentence with a reworded one is not the rest of it (in generated
/// plans, whose items reuse sentences, this halves such false splits).
const FAR_REST: f64 = 0.5;
/// ... or a sentence of the counterpart, this much of it unexplained by the pair, has this
/// much of what is unexplained in the clause.
const SENTENCE_UNEXPLAINED: f64 = 0.5;
const SENTENCE_INSIDE: f64 = 0.6;
/// How many paired neighbours on each side are looked at for that.
const NEIGHBOURS: usize = 3;
/// Parts need this many content pairs: a short phrase is not half an article.
const PART_MIN_GRAMS: usize = 8;
/// Each part of a split or merge must have this much of its content in what the other
/// parts leave of the whole: two penalty articles sharing their formula (责令停止经营；
/// 有违法所得的，没收违法所得 …) are not two halves of the one article that kept one of them.
const PART_DISTINCT: f64 = 0.25;

/// Function chars: they glue words, they do not say what a clause is about. Dropped so
/// 质量的提升 and 质量提升 share their content pair.
const FUNCTION_CHARS: &str = "的了和与及或等之其并而以于在对由将被把者也所";

type Gram = u64;

/// Letters and digits other than function chars: what a content pair is made of.
fn is_content_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // CJK Unified Ideographs, the common case, without the Unicode tables.
    let han = ('\u{4e00}'..='\u{9fff}').contains(&c);
    (han || c.is_alphanumeric()) && !FUNCTION_CHARS.contains(c)
}

/// Hashes a gram (already two chars packed in a u64) with one multiplication: SipHash,
/// the default, made weighing every pair of 20,000 clauses the slowest step of a diff.
#[derive(Default)]
struct GramHasher(u64);

impl std::hash::Hasher for GramHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type GramMap<V> = HashMap<Gram, V, std::hash::BuildHasherDefault<GramHasher>>;

fn grams(form: &[char]) -> Vec<Gram> {
    let mut g: Vec<Gram> = if form.len() == 1 {
        vec![(1 << 63) | form[0] as u64]
    } else {
        form.windows(2)
            .map(|w| ((w[0] as u64) << 32) | w[1] as u64)
            .collect()
    };
    g.sort_unstable();
    g
}

/// Size of the intersection of two sorted multisets (char pairs here, a clause's
/// shingles in lineage).
///
/// The steps are counted without branching on the comparison: which side moves is
/// as good as random, and a mispredicted branch per step was most of the cost of
/// `lineage --edges`, which merges hundreds of millions of pairs at 1 GB.
pub(crate) fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let order = a[i].cmp(&b[j]);
        n += usize::from(order.is_eq());
        i += usize::from(order.is_le());
        j += usize::from(order.is_ge());
    }
    n
}

/// The parts of a split or merge of `whole`, if `parts` (indexes into `contents`) make
/// one: two or more, each explaining some of it the others do not ([`distinct_parts`]),
/// together as large as 60% of it.
fn parts_of(whole: &Content, parts: Vec<usize>, contents: &[Content]) -> Option<Vec<usize>> {
    let enough = |parts: &[usize]| {
        let covered: f64 = parts.iter().map(|&p| contents[p].weight).sum();
        parts.len() >= 2 && covered >= 0.6 * whole.weight
    };
    if !enough(&parts) {
        return None;
    }
    let parts = distinct_parts(whole, parts, contents);
    enough(&parts).then_some(parts)
}

/// The `parts` (indexes into `contents`) that each explain [`PART_DISTINCT`] of themselves
/// in what the other parts leave of `whole`.
fn distinct_parts(whole: &Content, parts: Vec<usize>, contents: &[Content]) -> Vec<usize> {
    if parts.len() < 2 {
        return parts;
    }
    parts
        .iter()
        .copied()
        .filter(|&p| {
            let others = Content::joined(parts.iter().filter(|&&q| q != p).map(|&q| &contents[q]));
            whole.minus(&others).shared(&contents[p]) >= PART_DISTINCT * contents[p].weight
        })
        .collect()
}

/// Dice similarity of two texts' comparison forms, by their pairs of chars (unweighted,
/// punctuation kept): for short strings such as target indicators.
pub fn similarity(a: &[char], b: &[char]) -> f64 {
    let (a, b) = (grams(a), grams(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * shared(&a, &b) as f64 / (a.len() + b.len()) as f64
}

/// A clause's content: its content pairs (sorted, with repeats) with their weights, and
/// their total weight.
#[derive(Debug, Clone, Default)]
struct Content {
    grams: Vec<(Gram, f32)>,
    weight: f64,
}

impl Content {
    fn len(&self) -> usize {
        self.grams.len()
    }

    /// Weight of the intersection of two multisets.
    fn shared(&self, other: &Content) -> f64 {
        self.overlap(other).0
    }

    /// How many content pairs of the two are the same (multiset intersection).
    fn shared_grams(&self, other: &Content) -> usize {
        self.overlap(other).1
    }

    /// The weight and the size of the intersection of two multisets, from one merge.
    fn overlap(&self, other: &Content) -> (f64, usize) {
        let (a, b) = (&self.grams, &other.grams);
        let (mut i, mut j, mut w, mut n) = (0, 0, 0.0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    w += f64::from(a[i].1);
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        (w, n)
    }

    /// What of `self` is not in `other` (multiset difference).
    fn minus(&self, other: &Content) -> Content {
        let (a, b) = (&self.grams, &other.grams);
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while i < a.len() {
            if j < b.len() && a[i].0 > b[j].0 {
                j += 1;
            } else if j < b.len() && a[i].0 == b[j].0 {
                i += 1;
                j += 1;
            } else {
                out.push(a[i]);
                i += 1;
            }
        }
        Content::of(out)
    }

    fn joined<'a>(parts: impl Iterator<Item = &'a Content>) -> Content {
        let mut grams: Vec<(Gram, f32)> = parts.flat_map(|c| c.grams.iter().copied()).collect();
        // Runs already sorted, which the stable sort merges (a chapter's whole is a
        // thousand items in a long plan); a pair's weight is the same wherever it is.
        grams.sort_by_key(|g| g.0);
        Content::of(grams)
    }

    fn of(grams: Vec<(Gram, f32)>) -> Content {
        let weight = grams.iter().map(|g| f64::from(g.1)).sum();
        Content { grams, weight }
    }

    /// Weighted Dice coefficient.
    fn dice(&self, other: &Content) -> f64 {
        self.shared_and_dice(other).1
    }

    /// The weight the two share and their weighted Dice coefficient, from one merge.
    fn shared_and_dice(&self, other: &Content) -> (f64, f64) {
        let shared = self.shared(other);
        let total = self.weight + other.weight;
        let dice = if total > 0.0 {
            2.0 * shared / total
        } else {
            0.0
        };
        (shared, dice)
    }
}

/// Every clause's content, weighted by inverse document frequency over both documents'
/// clauses that are not skipped (those already paired as identical, left empty):
/// ln(1 + clauses / clauses containing the pair); and the content of its sentences.
fn contents(old: &[Vec<char>], new: &[Vec<char>], old_skip: &[bool], new_skip: &[bool]) -> Weighed {
    let content_grams = |form: &[char]| -> Vec<Gram> {
        let content: Vec<char> = form
            .iter()
            .copied()
            .filter(|&c| is_content_char(c))
            .collect();
        grams(&content)
    };
    // Clauses are weighed each on its own, so they are shared among the cores.
    let side = |forms: &[Vec<char>], skip: &[bool]| -> Vec<Vec<Gram>> {
        forms
            .par_iter()
            .zip(skip)
            .map(|(f, &skip)| if skip { Vec::new() } else { content_grams(f) })
            .collect()
    };
    let old_grams = side(old, old_skip);
    let new_grams = side(new, new_skip);
    let mut df: GramMap<u32> = GramMap::default();
    for g in old_grams.iter().chain(&new_grams) {
        let mut last = None;
        for &gram in g {
            if last != Some(gram) {
                *df.entry(gram).or_default() += 1;
                last = Some(gram);
            }
        }
    }
    let n = (old_skip.iter().chain(new_skip).filter(|s| !**s).count()).max(1) as f64;
    let weights: GramMap<f32> = df
        .into_iter()
        .map(|(gram, df)| (gram, (1.0 + n / f64::from(df)).ln() as f32))
        .collect();
    let weigh = |g: Vec<Gram>| {
        // A sentence's one-char gram may be in no clause's content: it weighs nothing.
        Content::of(
            g.into_iter()
                .map(|gram| (gram, weights.get(&gram).copied().unwrap_or(0.0)))
                .collect(),
        )
    };
    let sentences = |forms: &[Vec<char>], skip: &[bool]| -> Vec<Vec<Content>> {
        forms
            .par_iter()
            .zip(skip)
            .map(|(f, &skip)| {
                if skip {
                    return Vec::new();
                }
                f.split(|&c| c == '。')
                    .map(|s| weigh(content_grams(s)))
                    .filter(|c| c.len() >= PART_MIN_GRAMS)
                    .collect()
            })
            .collect()
    };
    Weighed {
        old: old_grams.into_par_iter().map(weigh).collect(),
        new: new_grams.into_par_iter().map(weigh).collect(),
        old_sentences: sentences(old, old_skip),
        new_sentences: sentences(new, new_skip),
    }
}

/// Every clause's content, and that of each of its sentences long enough to be a part.
struct Weighed {
    old: Vec<Content>,
    new: Vec<Content>,
    old_sentences: Vec<Vec<Content>>,
    new_sentences: Vec<Vec<Content>>,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    old: usize,
    new: usize,
    /// Weight of the content they share.
    shared: f64,
    dice: f64,
    /// `dice` plus the bonuses for the same labels and heading: what pairs are ranked by.
    score: f64,
    same_heading: bool,
    /// Their heading names only them on either side (see [`Aligner::titled`]): enough
    /// to pair them, however much their text was rewritten.
    same_title: bool,
    /// Their parents are paired with each other: an item of an article and an item of
    /// its counterpart, an article of a chapter and one of the chapter's counterpart.
    same_parent: bool,
}

/// The state of an alignment in progress.
struct Aligner<'a> {
    old: &'a Side<'a>,
    new: &'a Side<'a>,
    old_content: Vec<Content>,
    new_content: Vec<Content>,
    /// The content of each clause's sentences of [`PART_MIN_GRAMS`] or more.
    old_sentences: Vec<Vec<Content>>,
    new_sentences: Vec<Vec<Content>>,
    /// The content of each article with items: its own and its items' (see
    /// [`Aligner::candidate`]); `None` for a clause without body children.
    old_whole: Vec<Option<Content>>,
    new_whole: Vec<Option<Content>>,
    old_used: Vec<bool>,
    new_used: Vec<bool>,
    groups: Vec<Group>,
    /// Each clause's group in `groups` (`usize::MAX`: none yet), as [`Aligner::take`]
    /// made them: whether two clauses' parents are paired with each other.
    old_group: Vec<usize>,
    new_group: Vec<usize>,
    /// The first `pinned` groups were fixed by hand: nothing joins them.
    pinned: usize,
    /// For each old clause, the new clause with its heading when no other clause of
    /// either side has that heading (主要目标, 组织保障): the same section of two plans.
    titled: Vec<Option<usize>>,
}

impl Aligner<'_> {
    fn take(&mut self, old: Vec<usize>, new: Vec<usize>, similarity: f64) {
        let g = self.groups.len();
        for &i in &old {
            self.old_used[i] = true;
            self.old_group[i] = g;
        }
        for &j in &new {
            self.new_used[j] = true;
            self.new_group[j] = g;
        }
        self.groups.push(Group {
            old,
            new,
            similarity,
        });
    }

    fn candidate(&self, i: usize, j: usize) -> Candidate {
        let (o, n) = (&self.old_content[i], &self.new_content[j]);
        let (mut shared, mut dice) = o.shared_and_dice(n);
        // A reader pairs articles by their whole content: an article whose cases moved
        // from its text into a list of items (or back) is the same article.
        if self.old_whole[i].is_some() || self.new_whole[j].is_some() {
            let (o, n) = (
                self.old_whole[i].as_ref().unwrap_or(o),
                self.new_whole[j].as_ref().unwrap_or(n),
            );
            let (whole_shared, whole) = o.shared_and_dice(n);
            if whole > dice {
                (shared, dice) = (whole_shared, whole);
            }
        }
        let same_labels = self.old.labels[i] == self.new.labels[j];
        let same_heading =
            self.old.headings[i].is_some() && self.old.headings[i] == self.new.headings[j];
        let same_parent = match (self.old.parents[i], self.new.parents[j]) {
            (Some(p), Some(q)) => {
                self.old_group[p] != usize::MAX && self.old_group[p] == self.new_group[q]
            }
            _ => false,
        };
        Candidate {
            old: i,
            new: j,
            shared,
            dice,
            score: dice
                + if same_labels { SAME_LABELS } else { 0.0 }
                + if same_heading { SAME_HEADING } else { 0.0 },
            same_heading,
            same_title: self.titled[i] == Some(j),
            same_parent,
        }
    }

    fn similar_enough(&self, c: &Candidate, threshold: f64) -> bool {
        // Short clauses whose parents are paired (an item of an article and one of the
        // article's counterpart) need no more than longer ones: their place says they
        // may be the same list entry reworded (法律规定… → 法律、法规、规章规定…).
        let short = self.old.forms[c.old].len().min(self.new.forms[c.new].len()) < SHORT
            && !(c.same_parent && self.old.kinds[c.old] == Kind::Body);
        let threshold = if short {
            threshold.max(THRESHOLD_SHORT)
        } else {
            threshold
        };
        // The same number only breaks ties; the same heading is evidence of its own.
        c.dice >= threshold || (c.same_heading && c.score >= threshold) || c.same_title
    }

    /// 1. Identical texts of the same kind, in document order.
    fn identical(&mut self) {
        let mut by_text: FxHashMap<(&[char], Kind), VecDeque<usize>> = FxHashMap::default();
        for (j, form) in self.new.forms.iter().enumerate() {
            if !self.new_used[j] {
                by_text
                    .entry((form.as_slice(), self.new.kinds[j]))
                    .or_default()
                    .push_back(j);
            }
        }
        for i in 0..self.old.forms.len() {
            if self.old_used[i] {
                continue;
            }
            let key = (self.old.forms[i].as_slice(), self.old.kinds[i]);
            if let Some(j) = by_text.get_mut(&key).and_then(|q| q.pop_front()) {
                self.take(vec![i], vec![j], 1.0);
            }
        }
    }

    /// 2. Candidates through an inverted index of the new side's content pairs.
    fn candidates(&self) -> Vec<Candidate> {
        let postings = gram_postings(
            self.new_content
                .iter()
                .enumerate()
                .filter(|(j, _)| !self.new_used[*j]),
        );
        let open_new = self.new_used.iter().filter(|u| !**u).count();
        let too_common = (open_new / 20).max(50);
        // Each old clause's candidates are found on their own, so the clauses are shared
        // among the cores; each worker counts shared pairs in its own table.
        let fresh = || SharedCounts::new(self.new.forms.len());
        let candidates_of = |counts: &mut SharedCounts, i: usize| {
            if self.old_used[i] {
                return Vec::new();
            }
            let mut chosen = counts.most_shared(&self.old_content[i], &postings, too_common, |j| {
                self.new.kinds[j] == self.old.kinds[i]
            });
            // The same section of the other side is a candidate even when their texts
            // share little: a bare title (一、总体要求) never ranks among the clauses
            // sharing most with a long section.
            if let Some(j) = self.titled[i] {
                if !self.new_used[j] && !chosen.contains(&j) {
                    chosen.push(j);
                }
            }
            chosen.into_iter().map(|j| self.candidate(i, j)).collect()
        };
        (0..self.old_content.len())
            .into_par_iter()
            .map_init(fresh, candidates_of)
            .flatten()
            .collect()
    }

    /// 3. Splits and merges: several clauses of one side that are each mostly inside one
    ///    clause of the other, together covering 60% of it.
    fn splits_and_merges(&mut self, candidates: &[Candidate]) {
        let part_of = |part: &Content, shared: f64, whole: &Content| {
            part.len() >= PART_MIN_GRAMS
                && part.weight < 0.9 * whole.weight
                && shared >= PART * part.weight
        };
        // A part belongs to the whole it is most similar to: two boilerplate articles
        // (责令改正，给予警告 …) each inside a third do not make a merge when each has
        // its own counterpart.
        let (best_old, best_new) = self.best_of(candidates, |c| c.dice);
        let mut split_parts: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut merge_parts: HashMap<usize, Vec<usize>> = HashMap::new();
        for c in candidates {
            let (o, n) = (&self.old_content[c.old], &self.new_content[c.new]);
            if part_of(n, c.shared, o)
                && c.dice >= best_new[c.new]
                && self.old.styles[c.old] == self.new.styles[c.new]
            {
                split_parts.entry(c.old).or_default().push(c.new);
            }
            if part_of(o, c.shared, n) && c.dice >= best_old[c.old] {
                merge_parts.entry(c.new).or_default().push(c.old);
            }
        }
        let mut splits: Vec<(usize, Vec<usize>)> = split_parts.into_iter().collect();
        splits.sort_unstable();
        for (i, mut parts) in splits {
            parts.retain(|&j| !self.new_used[j]);
            parts.sort_unstable();
            let all = parts.clone();
            parts.retain(|&j| {
                !all.iter()
                    .any(|&k| k != j && related(self.new.parents, j, k))
                    || self.new.parents[j].is_none_or(|p| !all.contains(&p))
            });
            if self.old_used[i] {
                continue;
            }
            let Some(parts) = parts_of(&self.old_content[i], parts, &self.new_content) else {
                continue;
            };
            let joined = Content::joined(parts.iter().map(|&j| &self.new_content[j]));
            let sim = self.old_content[i].dice(&joined);
            self.take(vec![i], parts, sim);
        }
        let mut merges: Vec<(usize, Vec<usize>)> = merge_parts.into_iter().collect();
        merges.sort_unstable();
        for (j, mut parts) in merges {
            parts.retain(|&i| !self.old_used[i]);
            parts.sort_unstable();
            let all = parts.clone();
            parts.retain(|&i| {
                !all.iter()
                    .any(|&k| k != i && related(self.old.parents, i, k))
                    || self.old.parents[i].is_none_or(|p| !all.contains(&p))
            });
            if self.new_used[j] {
                continue;
            }
            let Some(parts) = parts_of(&self.new_content[j], parts, &self.old_content) else {
                continue;
            };
            let joined = Content::joined(parts.iter().map(|&i| &self.old_content[i]));
            let sim = self.new_content[j].dice(&joined);
            self.take(parts, vec![j], sim);
        }
    }

    /// Takes candidates best first (then nearest in relative position) above `threshold`.
    fn best_first(&mut self, mut candidates: Vec<Candidate>, threshold: f64) {
        let (old_len, new_len) = (
            self.old.forms.len().max(1) as f64,
            self.new.forms.len().max(1) as f64,
        );
        let distance = |c: &Candidate| (c.old as f64 / old_len - c.new as f64 / new_len).abs();
        candidates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(distance(a).total_cmp(&distance(b)))
                .then(a.old.cmp(&b.old))
        });
        for c in candidates {
            if self.old_used[c.old] || self.new_used[c.new] || !self.similar_enough(&c, threshold) {
                continue;
            }
            self.take(vec![c.old], vec![c.new], c.dice);
        }
    }

    /// 5b. Out of order, two articles (or a plan's items) left over that are each other's
    ///    most similar, and either one is half inside the other or they share a passage
    ///    and look like nothing else nearly as much: a provision rewritten and moved past
    ///    its neighbours. Not the items of an article: a short item that looks most like
    ///    an item of another article is a phrase reused, not that item moved (on real
    ///    revisions, such pairs were wrong).
    fn mutual_best(&mut self, threshold: f64) {
        let candidates: Vec<Candidate> = self
            .candidates()
            .into_iter()
            .filter(|c| {
                self.old.styles[c.old] == self.new.styles[c.new]
                    && !self.is_in_article(true, c.old)
                    && !self.is_in_article(false, c.new)
            })
            .collect();
        let (best_old, best_new) = self.best_of(&candidates, |c| c.score);
        let (mut second_old, mut second_new) =
            (vec![0.0f64; best_old.len()], vec![0.0f64; best_new.len()]);
        for c in &candidates {
            if c.score < best_old[c.old] {
                second_old[c.old] = second_old[c.old].max(c.dice);
            }
            if c.score < best_new[c.new] {
                second_new[c.new] = second_new[c.new].max(c.dice);
            }
        }
        for c in candidates {
            if c.score < best_old[c.old]
                || c.score < best_new[c.new]
                || self.old_used[c.old]
                || self.new_used[c.new]
                || !self.similar_enough(&c, threshold)
            {
                continue;
            }
            let (o, n) = (&self.old_content[c.old], &self.new_content[c.new]);
            let one_inside_other = c.shared >= MUTUAL_INSIDE * o.weight.min(n.weight);
            let a_passage_like_nothing_else = c.dice >= MUTUAL_MARGIN * second_old[c.old]
                && c.dice >= MUTUAL_MARGIN * second_new[c.new]
                && o.shared_grams(n) >= PASSAGE_GRAMS;
            if one_inside_other || a_passage_like_nothing_else {
                self.take(vec![c.old], vec![c.new], c.dice);
            }
        }
    }

    /// The highest `value` of any candidate of each old clause and of each new clause.
    fn best_of(
        &self,
        candidates: &[Candidate],
        value: impl Fn(&Candidate) -> f64,
    ) -> (Vec<f64>, Vec<f64>) {
        let mut best_old = vec![0.0f64; self.old.forms.len()];
        let mut best_new = vec![0.0f64; self.new.forms.len()];
        for c in candidates {
            best_old[c.old] = best_old[c.old].max(value(c));
            best_new[c.new] = best_new[c.new].max(value(c));
        }
        (best_old, best_new)
    }

    /// Whether a clause is inside an article (第X条): an item of its list, or deeper. A
    ///    plan's items (一、（一）) are its provisions, moved and rewritten as articles are.
    fn is_in_article(&self, old: bool, at: usize) -> bool {
        let side = if old { self.old } else { self.new };
        let mut parent = side.parents[at];
        while let Some(p) = parent {
            if side.styles[p] == MarkerStyle::Tiao {
                return true;
            }
            parent = side.parents[p];
        }
        false
    }

    /// The pairs that keep their order: a longest chain increasing on both sides, by the
    /// first clause of each group.
    fn anchors(&self) -> Vec<(usize, usize)> {
        let mut points: Vec<(usize, usize)> = self
            .groups
            .iter()
            .filter(|g| !g.old.is_empty() && !g.new.is_empty())
            .map(|g| (g.old[0], g.new[0]))
            .collect();
        points.sort_unstable();
        // Patience sorting: tails[k] = index of the smallest end of a chain of length k+1.
        let mut tails: Vec<usize> = Vec::new();
        let mut previous: Vec<Option<usize>> = vec![None; points.len()];
        for (p, &(_, j)) in points.iter().enumerate() {
            let k = tails.partition_point(|&t| points[t].1 < j);
            previous[p] = k.checked_sub(1).map(|k| tails[k]);
            if k == tails.len() {
                tails.push(p);
            } else {
                tails[k] = p;
            }
        }
        let mut chain = Vec::new();
        let mut at = tails.last().copied();
        while let Some(p) = at {
            chain.push(points[p]);
            at = previous[p];
        }
        chain.reverse();
        // Two groups may share a first old clause's position only once; keep it strict.
        chain.dedup_by_key(|p| p.0);
        chain
    }

    /// 5. Between consecutive anchors, the clauses left over on both sides (bodies of the
    ///    same numbering style), paired in order: the order-keeping matching with the
    ///    largest total of `similarity - threshold` (a weighted longest common
    ///    subsequence), so that a run of rewritten articles stays paired in sequence even
    ///    where one of them looks a little more like its neighbour's counterpart.
    fn fill_gaps(&mut self, threshold: f64) {
        let mut bounds = vec![(None, None)];
        bounds.extend(self.anchors().into_iter().map(|(i, j)| (Some(i), Some(j))));
        bounds.push((None, None));
        let (old_len, new_len) = (self.old.forms.len(), self.new.forms.len());
        let mut found = Vec::new();
        for w in bounds.windows(2) {
            let from_old = w[0].0.map_or(0, |i| i + 1);
            let from_new = w[0].1.map_or(0, |j| j + 1);
            let to_old = w[1].0.unwrap_or(old_len);
            let to_new = w[1].1.unwrap_or(new_len);
            let olds: Vec<usize> = (from_old..to_old.max(from_old))
                .filter(|&i| !self.old_used[i] && self.old.kinds[i] == Kind::Body)
                .collect();
            let news: Vec<usize> = (from_new..to_new.max(from_new))
                .filter(|&j| !self.new_used[j] && self.new.kinds[j] == Kind::Body)
                .collect();
            if olds.is_empty() || news.is_empty() || olds.len() * news.len() > GAP_MAX {
                continue;
            }
            found.extend(self.in_order(&olds, &news, threshold));
        }
        for c in found {
            if !self.old_used[c.old] && !self.new_used[c.new] {
                self.take(vec![c.old], vec![c.new], c.dice);
            }
        }
    }

    /// The order-keeping matching of `olds` with `news` of the largest total gain.
    fn in_order(&self, olds: &[usize], news: &[usize], threshold: f64) -> Vec<Candidate> {
        let (n, m) = (olds.len(), news.len());
        let gain: Vec<Option<Candidate>> = olds
            .iter()
            .flat_map(|&i| news.iter().map(move |&j| (i, j)))
            .map(|(i, j)| {
                let c = self.candidate(i, j);
                let fits =
                    self.old.styles[i] == self.new.styles[j] && self.similar_enough(&c, threshold);
                fits.then_some(c)
            })
            .collect();
        let value = |a: usize, b: usize| gain[a * m + b].map(|c| c.score - threshold);
        // best[a][b]: best total over olds[a..] and news[b..].
        let mut best = vec![0.0f64; (n + 1) * (m + 1)];
        let at = |a: usize, b: usize| a * (m + 1) + b;
        for a in (0..n).rev() {
            for b in (0..m).rev() {
                let mut v = best[at(a + 1, b)].max(best[at(a, b + 1)]);
                if let Some(g) = value(a, b) {
                    v = v.max(g + best[at(a + 1, b + 1)]);
                }
                best[at(a, b)] = v;
            }
        }
        let (mut a, mut b, mut out) = (0, 0, Vec::new());
        while a < n && b < m {
            if let Some(g) = value(a, b) {
                if (best[at(a, b)] - (g + best[at(a + 1, b + 1)])).abs() < 1e-12 {
                    out.push(gain[a * m + b].unwrap());
                    a += 1;
                    b += 1;
                    continue;
                }
            }
            if best[at(a, b)] == best[at(a + 1, b)] {
                a += 1;
            } else {
                b += 1;
            }
        }
        out
    }

    /// 6. A clause left over whose content is mostly in the part of a neighbour's
    ///    counterpart that its pair leaves unexplained joins that pair.
    fn join_neighbours(&mut self) {
        // Where each clause's group is.
        let mut group_of_old = vec![usize::MAX; self.old.forms.len()];
        let mut group_of_new = vec![usize::MAX; self.new.forms.len()];
        for (g, group) in self.groups.iter().enumerate() {
            for &i in &group.old {
                group_of_old[i] = g;
            }
            for &j in &group.new {
                group_of_new[j] = g;
            }
        }
        // New clauses left over: parts of a split.
        for j in 0..self.new.forms.len() {
            if self.new_used[j] || self.new.kinds[j] != Kind::Body || is_bare_title(self.new, j) {
                continue;
            }
            let part = &self.new_content[j];
            if part.len() < PART_MIN_GRAMS {
                continue;
            }
            let near = neighbours(j, &group_of_new, self.new.kinds);
            let best = near
                .into_iter()
                .filter(|&g| {
                    let group = &self.groups[g];
                    g >= self.pinned
                        && group.old.len() == 1
                        && !group.new.is_empty()
                        && self.old.styles[group.old[0]] == self.new.styles[j]
                })
                .filter(|&g| {
                    let group = &self.groups[g];
                    !group.new.iter().any(|&n| related(self.new.parents, n, j))
                })
                .map(|g| {
                    let group = &self.groups[g];
                    let explained =
                        Content::joined(group.new.iter().map(|&n| &self.new_content[n]));
                    let rest = self.old_content[group.old[0]].minus(&explained);
                    (g, part.shared(&rest))
                })
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((g, gain)) = best {
                if gain >= JOIN * part.weight {
                    let group = &mut self.groups[g];
                    group.new.push(j);
                    group.new.sort_unstable();
                    self.new_used[j] = true;
                    self.new_group[j] = g;
                    group_of_new[j] = g;
                }
            }
        }
        // Old clauses left over: parts of a merge.
        for i in 0..self.old.forms.len() {
            if self.old_used[i] || self.old.kinds[i] != Kind::Body || is_bare_title(self.old, i) {
                continue;
            }
            let part = &self.old_content[i];
            if part.len() < PART_MIN_GRAMS {
                continue;
            }
            let near = neighbours(i, &group_of_old, self.old.kinds);
            let best = near
                .into_iter()
                .filter(|&g| {
                    g >= self.pinned
                        && self.groups[g].new.len() == 1
                        && !self.groups[g].old.is_empty()
                })
                .filter(|&g| {
                    let group = &self.groups[g];
                    !group.old.iter().any(|&o| related(self.old.parents, o, i))
                })
                .map(|g| {
                    let group = &self.groups[g];
                    let explained =
                        Content::joined(group.old.iter().map(|&o| &self.old_content[o]));
                    let rest = self.new_content[group.new[0]].minus(&explained);
                    (g, part.shared(&rest))
                })
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((g, gain)) = best {
                if gain >= JOIN * part.weight {
                    let group = &mut self.groups[g];
                    group.old.push(i);
                    group.old.sort_unstable();
                    self.old_used[i] = true;
                    self.old_group[i] = g;
                    group_of_old[i] = g;
                }
            }
        }
        for g in &mut self.groups {
            if g.old.len() + g.new.len() > 2 {
                let o = Content::joined(g.old.iter().map(|&i| &self.old_content[i]));
                let n = Content::joined(g.new.iter().map(|&j| &self.new_content[j]));
                g.similarity = o.dice(&n);
            }
        }
    }

    /// 6b. Splits and merges across the document: a clause left over joins the pair whose
    ///     counterpart it explains the most of what the pair leaves unexplained, when
    ///     that is a good part of both and of what was unexplained ([`FAR_PART`],
    ///     [`FAR_WHOLE`], [`FAR_REST`]).
    fn join_far(&mut self) {
        for new_side in [true, false] {
            let (this, other) = if new_side {
                (self.new, self.old)
            } else {
                (self.old, self.new)
            };
            let (this_content, other_content, other_sentences) = if new_side {
                (&self.new_content, &self.old_content, &self.old_sentences)
            } else {
                (&self.old_content, &self.new_content, &self.new_sentences)
            };
            let this_used = if new_side {
                &self.new_used
            } else {
                &self.old_used
            };
            // The groups with one clause on the other side, by that clause.
            let mut group_of_other = vec![usize::MAX; other.forms.len()];
            for (g, group) in self.groups.iter().enumerate().skip(self.pinned) {
                let (mine, theirs) = if new_side {
                    (&group.new, &group.old)
                } else {
                    (&group.old, &group.new)
                };
                if theirs.len() == 1 && !mine.is_empty() {
                    group_of_other[theirs[0]] = g;
                }
            }
            let postings = gram_postings(other_content.iter().enumerate().filter(|(k, _)| {
                group_of_other[*k] != usize::MAX && other.kinds[*k] == Kind::Body
            }));
            // Built only when a sentence is asked about: most documents never are.
            let this_postings = std::sync::OnceLock::new();
            // Whether a clause of this side other than `x` also holds most of `content`:
            // then it is a formula several clauses share (a generator's pooled sentences
            // are), not a sentence that moved to `x`.
            let held_elsewhere = |x: usize, content: &Content| {
                let postings = this_postings.get_or_init(|| {
                    gram_postings(
                        this_content
                            .iter()
                            .enumerate()
                            .filter(|(x, _)| this.kinds[*x] == Kind::Body),
                    )
                });
                let mut held: FxHashMap<u32, f64> = FxHashMap::default();
                let mut last = None;
                for &(gram, weight) in &content.grams {
                    if last == Some(gram) {
                        continue;
                    }
                    last = Some(gram);
                    for &y in postings.get(&gram).into_iter().flatten() {
                        *held.entry(y).or_default() += f64::from(weight);
                    }
                }
                held.into_iter()
                    .any(|(y, w)| y as usize != x && w >= SENTENCE_INSIDE * content.weight)
            };
            let too_common = (other.forms.len() / 20).max(50);
            // Each clause left over is weighed on its own, so the clauses are shared among
            // the cores; each worker counts shared pairs in its own table.
            let fresh = || SharedCounts::new(other.forms.len());
            let join_of = |counts: &mut SharedCounts, x: usize| {
                let part = &this_content[x];
                if this_used[x]
                    || this.kinds[x] != Kind::Body
                    || part.len() < PART_MIN_GRAMS
                    || is_bare_title(this, x)
                {
                    return None;
                }
                let mut best: Option<(usize, f64)> = None;
                for k in counts.most_shared(part, &postings, too_common, |_| true) {
                    let g = group_of_other[k];
                    let group = &self.groups[g];
                    let mine = if new_side { &group.new } else { &group.old };
                    // The parts of a split have the whole's numbering style.
                    if this.styles[mine[0]] != this.styles[x]
                        || other.styles[k] != this.styles[x]
                        || mine.iter().any(|&m| related(this.parents, m, x))
                    {
                        continue;
                    }
                    let explained = Content::joined(mine.iter().map(|&m| &this_content[m]));
                    let whole = &other_content[k];
                    let rest = whole.minus(&explained);
                    let gain = part.shared(&rest);
                    let whole_rest =
                        gain >= FAR_WHOLE * whole.weight && gain >= FAR_REST * rest.weight;
                    // Or one sentence of the counterpart that the pair leaves unexplained
                    // is mostly in the clause: a sentence that went to another article
                    // while the rest of its own was rewritten (行政复议法 2017's 第三条
                    // opens with what is now 第四条; its pair, 第六条, has its last
                    // paragraph).
                    let sentence = || {
                        other_sentences[k].iter().any(|sentence| {
                            let unexplained = sentence.minus(&explained);
                            unexplained.len() >= PART_MIN_GRAMS
                                && unexplained.weight >= SENTENCE_UNEXPLAINED * sentence.weight
                                && part.shared(&unexplained) >= SENTENCE_INSIDE * unexplained.weight
                                && !held_elsewhere(x, &unexplained)
                        })
                    };
                    if gain >= FAR_PART * part.weight
                        && (whole_rest || sentence())
                        && best.is_none_or(|(_, b)| gain > b)
                    {
                        best = Some((g, gain));
                    }
                }
                best.map(|(g, _)| (x, g))
            };
            let joins: Vec<(usize, usize)> = (0..this.forms.len())
                .into_par_iter()
                .map_init(fresh, join_of)
                .flatten()
                .collect();
            for (x, g) in joins {
                let group = &mut self.groups[g];
                let mine = if new_side {
                    &mut group.new
                } else {
                    &mut group.old
                };
                mine.push(x);
                mine.sort_unstable();
                if new_side {
                    self.new_used[x] = true;
                    self.new_group[x] = g;
                } else {
                    self.old_used[x] = true;
                    self.old_group[x] = g;
                }
            }
        }
        for g in &mut self.groups {
            if g.old.len() + g.new.len() > 2 {
                let o = Content::joined(g.old.iter().map(|&i| &self.old_content[i]));
                let n = Content::joined(g.new.iter().map(|&j| &self.new_content[j]));
                g.similarity = o.dice(&n);
            }
        }
    }

    /// 7. Headings (chapters, sections) left over pair with the heading their clauses
    ///    mostly went to, deepest first.
    fn parents_follow_children(&mut self) {
        let mut new_of_old: HashMap<usize, Vec<usize>> = HashMap::new();
        for g in &self.groups {
            for &i in &g.old {
                new_of_old.insert(i, g.new.clone());
            }
        }
        let depth = |parents: &[Option<usize>], mut i: usize| {
            let mut d = 0;
            while let Some(p) = parents[i] {
                d += 1;
                i = p;
            }
            d
        };
        let mut open_old: Vec<usize> = (0..self.old.forms.len())
            .filter(|&i| !self.old_used[i])
            .collect();
        open_old.sort_by_key(|&i| std::cmp::Reverse(depth(self.old.parents, i)));
        for i in open_old {
            let mut votes: HashMap<usize, usize> = HashMap::new();
            let mut children = 0;
            for (child, parent) in self.old.parents.iter().enumerate() {
                if *parent != Some(i) {
                    continue;
                }
                children += 1;
                let Some(news) = new_of_old.get(&child) else {
                    continue;
                };
                if let Some(p) = news.first().and_then(|&j| self.new.parents[j]) {
                    *votes.entry(p).or_default() += 1;
                }
            }
            let best = votes
                .into_iter()
                .filter(|&(j, _)| self.new.kinds[j] == self.old.kinds[i])
                .max_by_key(|&(p, n)| (n, std::cmp::Reverse(p)));
            if let Some((j, n)) = best {
                if !self.new_used[j] && n * 2 >= children && n > 0 {
                    let sim = self.old_content[i].dice(&self.new_content[j]);
                    new_of_old.insert(i, vec![j]);
                    self.take(vec![i], vec![j], sim);
                }
            }
        }
        self.chapters_split_and_merged();
    }

    /// 7b. A chapter whose articles went to two new chapters was split (a third or more of
    ///     them, two at least, to a new chapter that has no counterpart); a chapter left
    ///     over whose articles mostly went to a paired chapter was merged into it.
    fn chapters_split_and_merged(&mut self) {
        let mut group_of_old = vec![usize::MAX; self.old.forms.len()];
        let mut group_of_new = vec![usize::MAX; self.new.forms.len()];
        for (g, group) in self.groups.iter().enumerate() {
            for &i in &group.old {
                group_of_old[i] = g;
            }
            for &j in &group.new {
                group_of_new[j] = g;
            }
        }
        // Where the children of each old heading went: new heading → count. A child that
        // went anywhere inside the heading's counterpart (a section of it, as when a
        // chapter is divided into sections) stayed; only the paired children count, since
        // where the others went is not known.
        let mut went: HashMap<usize, HashMap<usize, usize>> = HashMap::new();
        let mut children: HashMap<usize, usize> = HashMap::new();
        for (child, parent) in self.old.parents.iter().enumerate() {
            let Some(p) = *parent else { continue };
            if self.old.kinds[p] != Kind::Heading || self.old.kinds[child] != Kind::Body {
                continue;
            }
            let g = group_of_old[child];
            if g == usize::MAX {
                continue;
            }
            let Some(&j) = self.groups[g].new.first() else {
                continue;
            };
            *children.entry(p).or_default() += 1;
            let counterpart: &[usize] = match group_of_old[p] {
                usize::MAX => &[],
                h => &self.groups[h].new,
            };
            let mut up = self.new.parents[j];
            let mut inside = None;
            while let Some(a) = up {
                if counterpart.contains(&a) {
                    inside = Some(a);
                    break;
                }
                up = self.new.parents[a];
            }
            if let Some(q) = inside.or(self.new.parents[j]) {
                *went.entry(p).or_default().entry(q).or_default() += 1;
            }
        }
        let mut heads: Vec<usize> = went.keys().copied().collect();
        heads.sort_unstable();
        for i in heads {
            let total = children[&i];
            let mut targets: Vec<(usize, usize)> = went[&i]
                .iter()
                .map(|(&q, &n)| (q, n))
                .filter(|&(q, _)| self.new.kinds[q] == Kind::Heading)
                .collect();
            targets.sort_unstable_by_key(|&(q, n)| (std::cmp::Reverse(n), q));
            let g = group_of_old[i];
            if g != usize::MAX && g >= self.pinned {
                // Paired: a split when another new chapter, unpaired, got a third or more.
                let group = &self.groups[g];
                if group.old.len() != 1 || group.new.is_empty() {
                    continue;
                }
                let extra: Vec<usize> = targets
                    .iter()
                    .filter(|&&(q, n)| {
                        !self.new_used[q] && n >= 2 && 3 * n >= total && !group.new.contains(&q)
                    })
                    .map(|&(q, _)| q)
                    .collect();
                if !extra.is_empty() {
                    for &q in &extra {
                        self.new_used[q] = true;
                        self.new_group[q] = g;
                        group_of_new[q] = g;
                    }
                    let group = &mut self.groups[g];
                    group.new.extend(extra);
                    group.new.sort_unstable();
                }
            } else if g == usize::MAX {
                // Left over: merged into the paired chapter most of its articles went to.
                let Some(&(q, n)) = targets.first() else {
                    continue;
                };
                let h = group_of_new[q];
                if h == usize::MAX || h < self.pinned || 2 * n < total || n < 2 {
                    continue;
                }
                let group = &mut self.groups[h];
                if group.new.len() != 1 || group.old.is_empty() {
                    continue;
                }
                group.old.push(i);
                group.old.sort_unstable();
                self.old_used[i] = true;
                self.old_group[i] = h;
                group_of_old[i] = h;
            }
        }
    }
}

/// The content of each body clause with body descendants, joined with theirs.
fn wholes(side: &Side, content: &[Content]) -> Vec<Option<Content>> {
    let mut parts: Vec<Vec<usize>> = vec![Vec::new(); content.len()];
    for k in 0..content.len() {
        if side.kinds[k] != Kind::Body {
            continue;
        }
        let mut up = side.parents[k];
        while let Some(p) = up {
            if side.kinds[p] != Kind::Body {
                break;
            }
            parts[p].push(k);
            up = side.parents[p];
        }
    }
    parts
        .into_par_iter()
        .enumerate()
        .map(|(k, below)| {
            (!below.is_empty()).then(|| {
                Content::joined(
                    std::iter::once(&content[k]).chain(below.iter().map(|&b| &content[b])),
                )
            })
        })
        .collect()
}

/// Whether a clause's text is only its heading (一、总体要求 over its items): a title,
/// never a part of a split or merge, however many of its words a long clause has.
fn is_bare_title(side: &Side, at: usize) -> bool {
    side.headings[at].as_ref() == Some(&side.forms[at])
}

/// For each content pair, the clauses (of those given) that have it, each once.
fn gram_postings<'c>(contents: impl Iterator<Item = (usize, &'c Content)>) -> GramMap<Vec<u32>> {
    let mut postings: GramMap<Vec<u32>> = GramMap::default();
    for (at, c) in contents {
        let mut last = None;
        for &(gram, _) in &c.grams {
            if last != Some(gram) {
                postings.entry(gram).or_default().push(at as u32);
                last = Some(gram);
            }
        }
    }
    postings
}

/// See [`Aligner::titled`].
fn titled(old: &Side, new: &Side) -> Vec<Option<usize>> {
    let (old_titles, new_titles) = (unique_headings(old), unique_headings(new));
    old.headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = h.as_deref()?;
            (old_titles.get(h) == Some(&i))
                .then(|| new_titles.get(h).copied())
                .flatten()
        })
        .collect()
}

/// Counts of content pairs shared with the clauses of the other side, through an inverted
/// index; one table per worker, cleared after each clause.
struct SharedCounts {
    counts: Vec<u32>,
    touched: Vec<usize>,
}

impl SharedCounts {
    fn new(clauses: usize) -> SharedCounts {
        SharedCounts {
            counts: vec![0; clauses],
            touched: Vec::new(),
        }
    }

    /// The [`CANDIDATES`] clauses that `keep` accepts sharing the most distinct content
    /// pairs with `content`, through `postings`; a pair in more than `too_common` clauses
    /// says nothing and is left out.
    fn most_shared(
        &mut self,
        content: &Content,
        postings: &GramMap<Vec<u32>>,
        too_common: usize,
        keep: impl Fn(usize) -> bool,
    ) -> Vec<usize> {
        let (counts, touched) = (&mut self.counts, &mut self.touched);
        let mut last = None;
        for &(gram, _) in &content.grams {
            if last == Some(gram) {
                continue;
            }
            last = Some(gram);
            let Some(list) = postings.get(&gram).filter(|l| l.len() <= too_common) else {
                continue;
            };
            for &k in list {
                let k = k as usize;
                if !keep(k) {
                    continue;
                }
                if counts[k] == 0 {
                    touched.push(k);
                }
                counts[k] += 1;
            }
        }
        // The most shared without sorting them all (there can be thousands in a long
        // document of similar items).
        let key = |k: &usize| (std::cmp::Reverse(counts[*k]), *k);
        if touched.len() > CANDIDATES {
            touched.select_nth_unstable_by_key(CANDIDATES - 1, key);
        }
        let chosen = touched.iter().take(CANDIDATES).copied().collect();
        for k in touched.drain(..) {
            counts[k] = 0;
        }
        chosen
    }
}

/// The clauses whose heading no other clause of their side has, by heading.
fn unique_headings<'s>(side: &'s Side) -> FxHashMap<&'s [char], usize> {
    let mut seen: FxHashMap<&[char], Option<usize>> = FxHashMap::default();
    for (at, heading) in side.headings.iter().enumerate() {
        if let Some(h) = heading {
            seen.entry(h.as_slice())
                .and_modify(|one| *one = None)
                .or_insert(Some(at));
        }
    }
    seen.into_iter()
        .filter_map(|(h, one)| Some((h, one?)))
        .collect()
}

/// Whether `a` is `b`, or one is an ancestor of the other: an article and its own items
/// are never parts of one split or merge (items drawn out of an article's text are new
/// clauses, not a piece of it).
fn related(parents: &[Option<usize>], a: usize, b: usize) -> bool {
    let up = |mut x: usize, y: usize| loop {
        if x == y {
            return true;
        }
        match parents[x] {
            Some(p) => x = p,
            None => return false,
        }
    };
    up(a, b) || up(b, a)
}

/// The groups of the paired clauses nearest to `at` on its side (up to [`NEIGHBOURS`]
/// before and after), nearest first, skipping headings.
fn neighbours(at: usize, group_of: &[usize], kinds: &[Kind]) -> Vec<usize> {
    let mut out = Vec::new();
    let paired = |k: usize| kinds[k] == Kind::Body && group_of[k] != usize::MAX;
    let before = (0..at).rev().filter(|&k| paired(k)).take(NEIGHBOURS);
    let after = (at + 1..group_of.len())
        .filter(|&k| paired(k))
        .take(NEIGHBOURS);
    for k in before.chain(after) {
        if !out.contains(&group_of[k]) {
            out.push(group_of[k]);
        }
    }
    out
}

/// Aligns two documents' clauses. `pinned` groups (old indices, new indices) are taken
/// as given, before anything else.
pub fn align(old: &Side, new: &Side, pinned: &[(Vec<usize>, Vec<usize>)]) -> Vec<Group> {
    let mut a = Aligner {
        old,
        new,
        old_content: Vec::new(),
        new_content: Vec::new(),
        old_sentences: Vec::new(),
        new_sentences: Vec::new(),
        old_whole: Vec::new(),
        new_whole: Vec::new(),
        old_used: vec![false; old.forms.len()],
        new_used: vec![false; new.forms.len()],
        groups: Vec::new(),
        old_group: vec![usize::MAX; old.forms.len()],
        new_group: vec![usize::MAX; new.forms.len()],
        pinned: pinned.len(),
        titled: titled(old, new),
    };
    for (olds, news) in pinned {
        a.take(olds.clone(), news.clone(), 0.0);
    }
    let pinned_old = a.old_used.clone();
    let pinned_new = a.new_used.clone();
    a.identical();
    let unchanged =
        a.old_used.iter().filter(|u| **u).count() as f64 / old.forms.len().max(1) as f64;
    // Content is weighed over the clauses that are not identical on both sides: what is
    // left to pair, and in a long, lightly amended document a small part of it.
    let identical = |used: &[bool], pinned: &[bool]| -> Vec<bool> {
        used.iter().zip(pinned).map(|(u, p)| *u && !*p).collect()
    };
    let weighed = contents(
        old.forms,
        new.forms,
        &identical(&a.old_used, &pinned_old),
        &identical(&a.new_used, &pinned_new),
    );
    a.old_whole = wholes(old, &weighed.old);
    a.new_whole = wholes(new, &weighed.new);
    a.old_content = weighed.old;
    a.new_content = weighed.new;
    a.old_sentences = weighed.old_sentences;
    a.new_sentences = weighed.new_sentences;
    for (g, (olds, news)) in pinned.iter().enumerate() {
        if !olds.is_empty() && !news.is_empty() {
            let o = Content::joined(olds.iter().map(|&i| &a.old_content[i]));
            let n = Content::joined(news.iter().map(|&j| &a.new_content[j]));
            a.groups[g].similarity = o.dice(&n);
        }
    }
    let candidates = a.candidates();
    a.splits_and_merges(&candidates);
    a.best_first(candidates, THRESHOLD);
    let gap_threshold = GAP_THRESHOLD_LOW + (GAP_THRESHOLD - GAP_THRESHOLD_LOW) * unchanged;
    // Each round's pairs are anchors of the next: gaps shrink until nothing changes.
    loop {
        let before = a.groups.len();
        a.fill_gaps(gap_threshold);
        if a.groups.len() == before {
            break;
        }
    }
    a.mutual_best(MUTUAL);
    a.join_neighbours();
    a.join_far();
    a.parents_follow_children();

    let mut groups = a.groups;
    for (i, used) in a.old_used.iter().enumerate() {
        if !used {
            groups.push(Group {
                old: vec![i],
                new: Vec::new(),
                similarity: 0.0,
            });
        }
    }
    for (j, used) in a.new_used.iter().enumerate() {
        if !used {
            groups.push(Group {
                old: Vec::new(),
                new: vec![j],
                similarity: 0.0,
            });
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(texts: &[&str]) -> Vec<Vec<char>> {
        texts.iter().map(|t| t.chars().collect()).collect()
    }

    /// Each group's old and new clauses.
    fn pairs(groups: &[Group]) -> Vec<(Vec<usize>, Vec<usize>)> {
        groups
            .iter()
            .map(|g| (g.old.clone(), g.new.clone()))
            .collect()
    }

    /// Two unchanged articles, then `old` on the old side; `new` before the two on the
    /// new side: the pairs of an article that may have moved past its neighbours.
    fn moved_past_two(unchanged: [&str; 2], old: &str, new: &str) -> Vec<(Vec<usize>, Vec<usize>)> {
        let [a, b] = unchanged;
        pairs(&run(&[a, b, old], &[new, a, b]))
    }

    fn run(old: &[&str], new: &[&str]) -> Vec<Group> {
        let (old, new): (Vec<_>, Vec<_>) = (
            old.iter().map(|&t| (None, t)).collect(),
            new.iter().map(|&t| (None, t)).collect(),
        );
        run_titled(&old, &new)
    }

    /// Clauses as (heading, text): a plan's items.
    fn run_titled(old: &[(Option<&str>, &str)], new: &[(Option<&str>, &str)]) -> Vec<Group> {
        fn texts<'t>(side: &[(Option<&str>, &'t str)]) -> Vec<&'t str> {
            side.iter().map(|c| c.1).collect()
        }
        let headings = |side: &[(Option<&str>, &str)]| -> Vec<Option<Vec<char>>> {
            side.iter()
                .map(|c| c.0.map(|h| h.chars().collect()))
                .collect()
        };
        let (o, n) = (forms(&texts(old)), forms(&texts(new)));
        let (po, pn) = (vec![None; o.len()], vec![None; n.len()]);
        let (lo, ln): (Vec<String>, Vec<String>) = (
            (0..o.len()).map(|i| format!("o{i}")).collect(),
            (0..n.len()).map(|i| format!("n{i}")).collect(),
        );
        let (ho, hn) = (headings(old), headings(new));
        let (ko, kn) = (vec![Kind::Body; o.len()], vec![Kind::Body; n.len()]);
        let (so, sn) = (
            vec![MarkerStyle::Tiao; o.len()],
            vec![MarkerStyle::Tiao; n.len()],
        );
        let mut groups = align(
            &Side {
                forms: &o,
                parents: &po,
                labels: &lo,
                headings: &ho,
                kinds: &ko,
                styles: &so,
            },
            &Side {
                forms: &n,
                parents: &pn,
                labels: &ln,
                headings: &hn,
                kinds: &kn,
                styles: &sn,
            },
            &[],
        );
        groups.sort_by(|a, b| (a.old.first(), a.new.first()).cmp(&(b.old.first(), b.new.first())));
        groups
    }

    #[test]
    fn identical_reworded_added_removed() {
        let g = run(
            &[
                "加强质量人才培养，建立人才库。",
                "完善质量法规体系，推进地方立法。",
                "强化资金保障。",
            ],
            &[
                "完善质量法规体系，加快推进地方立法工作。",
                "加强质量人才培养，建立人才库。",
                "推动质量社会共治。",
            ],
        );
        let pairs = pairs(&g);
        assert_eq!(
            pairs,
            vec![
                (vec![], vec![2]),
                (vec![0], vec![1]),
                (vec![1], vec![0]),
                (vec![2], vec![]),
            ]
        );
        assert_eq!(g[1].similarity, 1.0);
        assert!(g[2].similarity > 0.5 && g[2].similarity < 1.0);
    }

    #[test]
    fn splits_and_merges() {
        let a = "建立产品伤害监测网络，逐步完善信息采集和风险评估机制";
        let b = "推行质量安全首负责任制，支持市场主体依法追偿";
        let whole = format!("{a}。{b}。");
        let g = run(&[&whole], &[a, b]);
        assert_eq!((g[0].old.clone(), g[0].new.clone()), (vec![0], vec![0, 1]));
        let g = run(&[a, b], &[&whole]);
        assert_eq!((g[0].old.clone(), g[0].new.clone()), (vec![0, 1], vec![0]));
    }

    #[test]
    fn parts_must_each_explain_some_of_the_whole() {
        // 国际海运条例, 2019 → 2023: old 第三十五条 became 第三十二条 with a paragraph
        // added; 第三十六条, abolished, shares only the penalty formula (f) that the new
        // article holds once. As content pairs, each of weight 1:
        let content = |grams: &[u64]| Content::of(grams.iter().map(|&g| (g, 1.0)).collect());
        let (f1, f2, f3, licence, ships, added, registration) = (1, 2, 3, 4, 5, 6, 7);
        let new_32 = content(&[f1, f2, f3, licence, ships, added]);
        let old_35 = content(&[f1, f2, f3, licence, ships]);
        let old_36 = content(&[f1, f2, f3, registration]);
        let olds = [old_35, old_36];
        assert_eq!(distinct_parts(&new_32, vec![0, 1], &olds), vec![0]);
        // Two articles that went into one each bring their own part of it.
        let whole = content(&[f1, f2, licence, ships]);
        let halves = [content(&[f1, licence]), content(&[f2, ships])];
        assert_eq!(distinct_parts(&whole, vec![0, 1], &halves), vec![0, 1]);
    }

    /// Two rewritten articles between unchanged neighbours: too little shared to pair
    /// anywhere, but in the same place, in the same order, sharing their subject words.
    #[test]
    fn rewritten_articles_between_anchors_pair_in_order() {
        let same_a = "本条例所称科学技术进步，是指科学研究、技术开发和成果转化活动。";
        let same_b = "本条例自发布之日起施行，原条例同时废止。";
        let g = run(
            &[
                same_a,
                "市人民政府应当加强对科学技术普及工作的领导，将科普经费列入财政预算。",
                "鼓励企业开展技术创新，对研究开发费用给予加计扣除。",
                same_b,
            ],
            &[
                same_a,
                "各级人民政府应当把科学技术普及纳入国民经济和社会发展规划，保障科普经费投入，推动全民科学素质提升。",
                "支持企业牵头组建创新联合体，研究开发费用按照国家规定享受加计扣除等优惠。",
                same_b,
            ],
        );
        let pairs = pairs(&g);
        assert_eq!(
            pairs,
            vec![
                (vec![0], vec![0]),
                (vec![1], vec![1]),
                (vec![2], vec![2]),
                (vec![3], vec![3]),
            ]
        );
    }

    #[test]
    fn an_article_rewritten_and_moved_past_its_neighbours_pairs() {
        // 农产品质量安全法, 2018 → 2022: old 第五条 became 第六条, before the old 第四条's
        // counterpart, with a paragraph added.
        let pairs = moved_past_two(
            [
                "国家建立健全农产品质量安全标准体系，确保严格实施。",
                "农产品生产经营者应当对其生产经营的农产品质量安全负责。",
            ],
            "县级以上地方人民政府统一领导、协调本行政区域内的农产品质量安全工作，并采取措施，建立健全农产品质量安全服务体系，提高农产品质量安全水平。",
            "县级以上地方人民政府对本行政区域的农产品质量安全工作负责，统一领导、组织、协调本行政区域的农产品质量安全工作，建立健全农产品质量安全工作机制，提高农产品质量安全水平。县级以上地方人民政府应当依照本法和有关规定，确定本级农业农村主管部门、市场监督管理部门和其他有关部门的农产品质量安全监督管理工作职责。",
        );
        assert_eq!(
            pairs,
            vec![(vec![0], vec![1]), (vec![1], vec![2]), (vec![2], vec![0])]
        );
    }

    #[test]
    fn a_plan_item_rewritten_and_moved_past_its_neighbours_pairs() {
        // 国办发〔1996〕2号 → 国办发〔1997〕11号 (the State Council's yearly 防震减灾 notices):
        // old 三、（四） became 二、（三）, before the counterpart of old 三、（五）. A third of
        // the words are shared, none of it a half of either, but it is a passage (40
        // content pairs) and neither looks like anything else.
        let pairs = moved_past_two(
            [
                "鉴于华北地区面临的震情形势和首都圈地区的特殊重要性，建议将首都圈地区建成我国防震减灾十年目标综合示范区。",
                "为了切实加强防震减灾工作，各级人民政府要加强防震减灾工作的领导，加大投入力度。",
            ],
            "进一步加强工程场地地震安全性评价工作，在此基础上，加强各类工程建设项目，特别是重大工程和重点监视防御区大中城市的抗震设防工作。各级政府、各有关部门要严格从抗震设防标准、抗震设计和施工质量三个环节上把好关，切实提高我国重要工程和大中城市的抗震能力。",
            "加强对工程抗震设防工作的管理，尽快将其纳入法制化轨道，地方各级人民政府、各有关部门要切实做好抗震设防标准确定、抗震设计和施工几个环节的工作。建议今年适当时候，由国务院组织有关部门，对地震重点监视防御区部分城市抗震设防工作进行一次检查，以促使工作的落实。",
        );
        assert_eq!(
            pairs,
            vec![(vec![0], vec![1]), (vec![1], vec![2]), (vec![2], vec![0])]
        );
    }

    #[test]
    fn the_section_of_the_same_heading_pairs_however_rewritten() {
        // 广东省 2020 实施方案 → 2023 纲要: 二、主要目标 became 一、（二）主要目标, with other
        // targets; 一、总体要求 kept its title, its text went to a new item.
        let g = run_titled(
            &[
                (
                    Some("总体要求"),
                    "总体要求以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中全会精神。",
                ),
                (
                    Some("主要目标"),
                    "主要目标到2025年，基本形成以市场主体责任落实为核心、消费者权益保护为基础、保险救济和社会救助为保障、质量基础设施建设为支撑的质量治理体系。",
                ),
            ],
            &[
                (Some("总体要求"), "总体要求"),
                (
                    Some("主要目标"),
                    "主要目标。到2025年，质量水平全面提高，影响力稳步提升，质量强省建设取得阶段性成效；制造业质量竞争力指数达到92，建成一批质量卓越产业集群。",
                ),
            ],
        );
        assert_eq!(pairs(&g), vec![(vec![0], vec![0]), (vec![1], vec![1])]);
    }

    #[test]
    fn a_bare_title_is_no_part_of_a_split() {
        // 广东省 2018 实施方案 → 东莞 2023: the old 一、总体要求 pairs with the new one, a
        // bare title; the new 二、's title shares 质量 and 发展 with the old text but is
        // no part of it.
        let g = run_titled(
            &[(
                Some("总体要求"),
                "总体要求以习近平新时代中国特色社会主义思想为指导，坚持质量第一、效益优先，加强质量认证体系建设，推进改革创新，促进全面质量管理，为我省经济高质量发展提供支撑。",
            )],
            &[
                (Some("总体要求"), "总体要求"),
                (Some("推动经济质量效益型发展"), "推动经济质量效益型发展"),
            ],
        );
        assert_eq!(pairs(&g), vec![(vec![], vec![1]), (vec![0], vec![0])]);
    }

    /// 行政复议法 2017 → 2023: 第三条 (its list of duties left out here) became 第六条's
    /// second paragraph and, its first sentence, the first paragraph of 第四条, whose
    /// other three paragraphs are new. `also` are more new clauses.
    fn third_article_of_2017(also: &[&str]) -> Vec<(Vec<usize>, Vec<usize>)> {
        let mut new = vec![
            "县级以上各级人民政府以及其他依照本法履行行政复议职责的行政机关是行政复议机关。行政复议机关办理行政复议事项的机构是行政复议机构。行政复议机构同时组织办理行政复议机关的行政应诉事项。行政复议机关应当加强行政复议工作，支持和保障行政复议机构依法履行职责。上级行政复议机构对下级行政复议机构的行政复议工作进行指导、监督。国务院行政复议机构可以发布行政复议指导性案例。",
            "行政复议机关办理行政复议案件，可以进行调解。",
            "国家建立专业化、职业化行政复议人员队伍。行政复议机构中初次从事行政复议工作的人员，应当通过国家统一法律职业资格考试取得法律职业资格，并参加统一职前培训。国务院行政复议机构应当会同有关部门制定行政复议人员工作规范，加强对行政复议人员的业务考核和管理。",
        ];
        new.extend_from_slice(also);
        pairs(&run(
            &["依照本法履行行政复议职责的行政机关是行政复议机关。行政复议机关负责法制工作的机构具体办理行政复议事项，履行下列职责：行政机关中初次从事行政复议的人员，应当通过国家统一法律职业资格考试取得法律职业资格。"],
            &new,
        ))
    }

    #[test]
    fn a_sentence_that_went_to_another_article_makes_a_split() {
        assert_eq!(
            third_article_of_2017(&[]),
            vec![(vec![], vec![1]), (vec![0], vec![0, 2])]
        );
    }

    #[test]
    fn a_sentence_two_clauses_hold_makes_no_split() {
        // The same sentence in a fourth clause: a formula, not a part that moved.
        assert_eq!(
            third_article_of_2017(&[
                "依照本法履行行政复议职责的行政机关是行政复议机关。行政复议机关应当确保行政复议机构的人员配备与所承担的工作任务相适应，提高行政复议人员专业素质，根据工作需要保障办案场所、装备等设施。县级以上各级人民政府应当将行政复议工作经费列入本级预算。"
            ]),
            vec![
                (vec![], vec![0]),
                (vec![], vec![1]),
                (vec![], vec![3]),
                (vec![0], vec![2])
            ]
        );
    }

    #[test]
    fn articles_out_of_order_sharing_a_phrase_do_not_pair() {
        // 公司法, 2018 → 2023: old 第一百三十六条 was dropped; new 第三十六条 is another
        // rule that also registers a change.
        let pairs = moved_past_two(
            [
                "公司可以设立子公司。子公司具有法人资格，依法独立承担民事责任。",
                "公司可以设立分公司。分公司不具有法人资格，其民事责任由公司承担。",
            ],
            "公司发行新股募足股款后，必须向公司登记机关办理变更登记，并公告。",
            "公司营业执照记载的事项发生变更的，公司办理变更登记后，由公司登记机关换发营业执照。",
        );
        assert_eq!(
            pairs,
            vec![
                (vec![], vec![0]),
                (vec![0], vec![1]),
                (vec![1], vec![2]),
                (vec![2], vec![])
            ]
        );
    }

    /// Boilerplate shared by every article (人民政府, 应当, 责令改正) is not evidence: the
    /// articles pair by what is particular to each.
    #[test]
    fn rare_words_weigh_more_than_boilerplate() {
        let g = run(
            &[
                "违反本条例规定，伪造统计资料的，由县级以上人民政府统计机构责令改正，给予警告。",
                "违反本条例规定，拒绝接受检查的，由县级以上人民政府统计机构责令改正，给予警告。",
            ],
            &[
                "违反本条例规定，拒绝、阻碍统计检查的，由县级以上人民政府统计机构责令改正，给予警告，可以予以通报。",
                "违反本条例规定，伪造、篡改统计资料的，由县级以上人民政府统计机构责令改正，给予警告，可以予以通报。",
            ],
        );
        let pairs = pairs(&g);
        assert_eq!(pairs, vec![(vec![0], vec![1]), (vec![1], vec![0])]);
    }

    #[test]
    fn pinned_pairs_are_kept() {
        let (o, n) = (
            forms(&["加强质量人才培养，建立人才库。", "强化资金保障。"]),
            forms(&["加强质量人才培养，建立人才库。", "推动质量社会共治。"]),
        );
        let labels: Vec<String> = vec!["0".into(), "1".into()];
        let (ko, so) = (vec![Kind::Body; 2], vec![MarkerStyle::Tiao; 2]);
        let parents: Vec<Option<usize>> = vec![None; 2];
        let headings: Vec<Option<Vec<char>>> = vec![None; 2];
        let old = Side {
            forms: &o,
            parents: &parents,
            labels: &labels,
            headings: &headings,
            kinds: &ko,
            styles: &so,
        };
        let new = Side { forms: &n, ..old };
        let g = align(&old, &new, &[(vec![0], vec![1]), (vec![1], vec![])]);
        let pairs = pairs(&g);
        // The identical texts are not paired: the analyst said otherwise.
        assert!(pairs.contains(&(vec![0], vec![1])));
        assert!(pairs.contains(&(vec![1], vec![])));
        assert!(pairs.contains(&(vec![], vec![0])));
        assert_eq!(pairs.len(), 3);
    }
}
