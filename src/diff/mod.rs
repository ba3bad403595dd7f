//! Diff: two parsed documents compared clause by clause.
//!
//! [`align`] pairs clauses by content, whatever their numbers. Each pair gets a status:
//! unchanged, renumbered, moved (to another parent), modified, split, merged, added,
//! removed. Modified clauses get [`inline`] edits. [`changes`] reports what changed in
//! substance: targets and agencies. Formatting (widths, punctuation variants, line
//! wrapping, spaces) is folded away before anything is compared, so it is never a change.

pub mod align;
pub mod changes;
pub mod inline;
pub mod pairs;
pub(crate) mod words;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Clause, Document, MarkerStyle};
pub use changes::{AgencyChange, TargetChange};
pub use inline::Edit;

/// A clause as diff output names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClauseRef {
    pub id: String,
    pub labels: Vec<String>,
}

impl ClauseRef {
    pub fn of(c: &Clause) -> ClauseRef {
        ClauseRef {
            id: c.id.clone(),
            labels: c.labels.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Same text, same number, same place.
    Unchanged,
    /// Same text under a different number.
    Renumbered,
    /// Same text under another parent (another chapter).
    Moved,
    /// Reworded: see `edits`.
    Modified,
    /// One old clause became several new ones.
    Split,
    /// Several old clauses became one.
    Merged,
    Added,
    Removed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Renumbered => "renumbered",
            Status::Moved => "moved",
            Status::Modified => "modified",
            Status::Split => "split",
            Status::Merged => "merged",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }
}

impl Status {
    /// The edit as a lawyer or analyst names it in a 修改对照 table: 条文新增, 条文删除,
    /// 修改, 合并, 拆分, 顺序调整 (same text, other number or place), 未变.
    pub fn edit_type(self) -> &'static str {
        match self {
            Status::Unchanged => "未变",
            Status::Renumbered | Status::Moved => "顺序调整",
            Status::Modified => "修改",
            Status::Split => "拆分",
            Status::Merged => "合并",
            Status::Added => "条文新增",
            Status::Removed => "条文删除",
        }
    }
}

/// A heading that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadingChange {
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One aligned pair (or group) of clauses.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub status: Status,
    /// The status in a reader's words: 条文新增, 条文删除, 修改, 合并, 拆分, 顺序调整, 未变.
    pub edit_type: &'static str,
    /// Similarity of the texts, 0 to 1 (Dice coefficient of their pairs of chars).
    pub similarity: f64,
    /// The old clause; for a merge, the first of the merged ones.
    pub old: Option<ClauseRef>,
    /// The new clause; for a split, the first of the parts.
    pub new: Option<ClauseRef>,
    /// For a merge: every old clause merged, in order. Otherwise empty.
    pub old_parts: Vec<ClauseRef>,
    /// For a split: every new part, in order. Otherwise empty.
    pub new_parts: Vec<ClauseRef>,
    /// The clause now sits under another parent.
    pub moved: bool,
    /// Its labels changed (三、（二） → 四、（二）).
    pub renumbered: bool,
    pub heading: Option<HeadingChange>,
    /// For a modified clause: the changes from the old text to the new, offsets in chars of
    /// each clause's `text`.
    pub edits: Vec<Edit>,
    /// Indices into the documents' clauses.
    #[serde(skip)]
    pub old_index: Vec<usize>,
    #[serde(skip)]
    pub new_index: Vec<usize>,
}

/// Counts of what changed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Pairs by status.
    pub statuses: BTreeMap<&'static str, usize>,
    /// Target changes by kind: raised, lowered, changed, added, removed.
    pub targets: BTreeMap<&'static str, usize>,
    /// Agency changes by kind: added, removed, role.
    pub agencies: BTreeMap<&'static str, usize>,
    /// Whether the documents differ in anything but formatting.
    pub differ: bool,
}

/// What changed in one chapter (a top-level clause with clauses under it), counted over
/// the pairs of the chapter and everything in it.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterSummary {
    /// The chapter in the old document, if it has one there.
    pub old: Option<ClauseRef>,
    /// The chapter in the new document, if it has one there.
    pub new: Option<ClauseRef>,
    /// Its heading, the new one if it has one.
    pub heading: Option<String>,
    /// Pairs by edit type (条文新增, 修改 …), unchanged ones included.
    pub edit_types: BTreeMap<&'static str, usize>,
    /// Chars inserted and deleted by its edits (an added clause inserts all of its text).
    pub inserted: usize,
    pub deleted: usize,
}

/// The comparison of two documents.
#[derive(Debug, Clone)]
pub struct DocumentDiff {
    /// In the order of the new document; removed clauses after the pair of the old clause
    /// before them.
    pub pairs: Vec<Pair>,
    pub target_changes: Vec<TargetChange>,
    pub agency_changes: Vec<AgencyChange>,
    pub summary: Summary,
    /// One per chapter, in the new document's order (chapters only in the old one after
    /// the chapter before them); empty for a document without chapters.
    pub chapters: Vec<ChapterSummary>,
    /// Each pair's chars inserted and deleted (see [`churn`]), in the order of `pairs`.
    pub churns: Vec<(usize, usize)>,
}

/// Compares two documents.
pub fn diff(old: &Document, new: &Document) -> DocumentDiff {
    diff_pinned(old, new, &[])
}

/// A pair with what the document-wide lists need of it: where it goes in the new
/// document's order, its churn, and its target and agency changes.
struct Placed {
    position: f64,
    pair: Pair,
    churn: (usize, usize),
    targets: Vec<TargetChange>,
    agencies: Vec<AgencyChange>,
}

/// The two documents as the pairs are made from the groups: each clause's parent and
/// comparison form, and the new clauses of each old clause.
struct Compared<'a> {
    old: &'a Document,
    new: &'a Document,
    old_parents: &'a [Option<usize>],
    new_parents: &'a [Option<usize>],
    old_forms: &'a [Vec<char>],
    new_forms: &'a [Vec<char>],
    new_of_old: &'a HashMap<usize, Vec<usize>>,
}

impl Compared<'_> {
    /// A group as a pair: its status, flags and edits, and where it goes.
    fn placed(&self, g: &align::Group) -> Placed {
        let olds: Vec<&Clause> = g.old.iter().map(|&i| &self.old.clauses[i]).collect();
        let news: Vec<&Clause> = g.new.iter().map(|&j| &self.new.clauses[j]).collect();
        let mut pair = Pair {
            status: Status::Unchanged,
            edit_type: "",
            similarity: g.similarity,
            old: olds.first().map(|c| ClauseRef::of(c)),
            new: news.first().map(|c| ClauseRef::of(c)),
            old_parts: Vec::new(),
            new_parts: Vec::new(),
            moved: false,
            renumbered: false,
            heading: None,
            edits: Vec::new(),
            old_index: g.old.clone(),
            new_index: g.new.clone(),
        };
        pair.status = match (olds.len(), news.len()) {
            (0, _) => Status::Added,
            (_, 0) => Status::Removed,
            (1, 1) => {
                let (i, j) = (g.old[0], g.new[0]);
                let (o, n) = (olds[0], news[0]);
                pair.moved = match (self.old_parents[i], self.new_parents[j]) {
                    (None, None) => false,
                    (Some(p), Some(q)) => !self.new_of_old.get(&p).is_some_and(|n| n.contains(&q)),
                    _ => true,
                };
                pair.renumbered = fold_labels(o) != fold_labels(n);
                let heading_form = |c: &Clause| c.heading.as_deref().map(inline::comparison_form);
                if heading_form(o) != heading_form(n) {
                    pair.heading = Some(HeadingChange {
                        old: o.heading.clone(),
                        new: n.heading.clone(),
                    });
                }
                if self.old_forms[i] != self.new_forms[j] {
                    pair.edits = inline::edits(&o.text, &n.text);
                    // What a reader calls similar: the texts as written (the aligner's
                    // content score ignores punctuation and function chars).
                    pair.similarity = align::similarity(&self.old_forms[i], &self.new_forms[j]);
                    Status::Modified
                } else if pair.moved {
                    Status::Moved
                } else if pair.renumbered {
                    Status::Renumbered
                } else {
                    Status::Unchanged
                }
            }
            (1, _) => {
                pair.new_parts = news.iter().map(|c| ClauseRef::of(c)).collect();
                Status::Split
            }
            _ => {
                pair.old_parts = olds.iter().map(|c| ClauseRef::of(c)).collect();
                Status::Merged
            }
        };
        pair.edit_type = pair.status.edit_type();
        let position = match g.new.first() {
            Some(&j) => j as f64,
            None => {
                // After the pair of the nearest old clause before it that has a counterpart.
                let i = g.old[0];
                let before = (0..i).rev().find_map(|k| self.new_of_old.get(&k));
                before.map_or(-1.0, |n| n[0] as f64) + 0.5 + i as f64 * 1e-7
            }
        };
        Placed {
            position,
            churn: churn(self.old, self.new, &pair),
            pair,
            targets: changes::targets(&olds, &news),
            agencies: changes::agencies(&olds, &news),
        }
    }
}

/// Compares two documents, with some groups (old clause indices, new clause indices)
/// fixed in advance: see [`pairs`].
pub fn diff_pinned(
    old: &Document,
    new: &Document,
    pinned: &[(Vec<usize>, Vec<usize>)],
) -> DocumentDiff {
    let forms = |d: &Document| -> Vec<Vec<char>> {
        d.clauses
            .par_iter()
            .map(|c| inline::comparison_form(&c.text))
            .collect()
    };
    let parents = |d: &Document| -> Vec<Option<usize>> {
        let index: HashMap<&str, usize> = d
            .clauses
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        d.clauses
            .iter()
            .map(|c| c.parent.as_deref().and_then(|p| index.get(p).copied()))
            .collect()
    };
    let labels = |d: &Document| -> Vec<String> { d.clauses.iter().map(fold_labels).collect() };
    let headings = |d: &Document| -> Vec<Option<Vec<char>>> {
        d.clauses
            .iter()
            .map(|c| c.heading.as_deref().map(inline::comparison_form))
            .collect()
    };
    let (old_forms, new_forms) = (forms(old), forms(new));
    let (old_parents, new_parents) = (parents(old), parents(new));
    let (old_labels, new_labels) = (labels(old), labels(new));
    let kinds = |d: &Document| -> Vec<align::Kind> {
        d.clauses
            .iter()
            .map(|c| {
                if c.style.is_division() {
                    align::Kind::Heading
                } else {
                    align::Kind::Body
                }
            })
            .collect()
    };
    let (old_headings, new_headings) = (headings(old), headings(new));
    let (old_kinds, new_kinds) = (kinds(old), kinds(new));
    let styles = |d: &Document| -> Vec<MarkerStyle> { d.clauses.iter().map(|c| c.style).collect() };
    let (old_styles, new_styles) = (styles(old), styles(new));
    let groups = align::align(
        &align::Side {
            forms: &old_forms,
            parents: &old_parents,
            labels: &old_labels,
            headings: &old_headings,
            kinds: &old_kinds,
            styles: &old_styles,
        },
        &align::Side {
            forms: &new_forms,
            parents: &new_parents,
            labels: &new_labels,
            headings: &new_headings,
            kinds: &new_kinds,
            styles: &new_styles,
        },
        pinned,
    );
    // Every new clause of each old clause's group: a clause under a split chapter stays
    // in place under any of its parts.
    let mut new_of_old: HashMap<usize, &[usize]> = HashMap::new();
    for g in &groups {
        if !g.new.is_empty() {
            for &i in &g.old {
                new_of_old.insert(i, &g.new);
            }
        }
    }

    let new_of_old: HashMap<usize, Vec<usize>> = new_of_old
        .into_iter()
        .map(|(i, n)| (i, n.to_vec()))
        .collect();
    // Each group becomes its pair on its own; word-level edits are most of a diff's time
    // once clauses are aligned, so the groups are shared among the cores.
    let compared = Compared {
        old,
        new,
        old_parents: &old_parents,
        new_parents: &new_parents,
        old_forms: &old_forms,
        new_forms: &new_forms,
        new_of_old: &new_of_old,
    };
    let mut placed: Vec<Placed> = groups.par_iter().map(|g| compared.placed(g)).collect();
    let mut target_changes = Vec::new();
    let mut agency_changes = Vec::new();
    for p in &mut placed {
        target_changes.append(&mut p.targets);
        agency_changes.append(&mut p.agencies);
    }
    placed.sort_by(|a, b| a.position.total_cmp(&b.position));
    let (pairs, churns): (Vec<Pair>, Vec<(usize, usize)>) =
        placed.into_iter().map(|p| (p.pair, p.churn)).unzip();

    let mut summary = Summary::default();
    for p in &pairs {
        *summary.statuses.entry(p.status.as_str()).or_default() += 1;
    }
    for t in &target_changes {
        *summary.targets.entry(t.change).or_default() += 1;
    }
    for a in &agency_changes {
        *summary.agencies.entry(a.change).or_default() += 1;
    }
    summary.differ = pairs.iter().any(|p| p.status != Status::Unchanged)
        || !target_changes.is_empty()
        || !agency_changes.is_empty();
    let chapters = chapters(old, new, &pairs, &churns);
    DocumentDiff {
        pairs,
        target_changes,
        agency_changes,
        summary,
        chapters,
        churns,
    }
}

/// Chars inserted and deleted by a pair: its edits; for a split or merge, the edits
/// between the joined texts; all of an added or removed clause's text.
fn churn(old: &Document, new: &Document, p: &Pair) -> (usize, usize) {
    let joined = |doc: &Document, indices: &[usize]| -> String {
        indices
            .iter()
            .map(|&k| doc.clauses[k].text.as_str())
            .collect()
    };
    let count = |edits: &[Edit]| -> (usize, usize) {
        edits.iter().fold((0, 0), |(i, d), e| {
            (
                i + e.new_text.chars().filter(|c| !c.is_whitespace()).count(),
                d + e.old_text.chars().filter(|c| !c.is_whitespace()).count(),
            )
        })
    };
    let chars = |s: String| s.chars().filter(|c| !c.is_whitespace()).count();
    match p.status {
        Status::Added => (chars(joined(new, &p.new_index)), 0),
        Status::Removed => (0, chars(joined(old, &p.old_index))),
        Status::Modified => count(&p.edits),
        Status::Split | Status::Merged => count(&inline::edits(
            &joined(old, &p.old_index),
            &joined(new, &p.new_index),
        )),
        _ => (0, 0),
    }
}

/// The chapter summaries: each pair counts under the top-level clause above its first
/// new clause (its first old clause when it has none), with its [`churn`] (`churns`, in
/// the order of `pairs`).
fn chapters(
    old: &Document,
    new: &Document,
    pairs: &[Pair],
    churns: &[(usize, usize)],
) -> Vec<ChapterSummary> {
    let roots = |d: &Document| -> Vec<usize> {
        let index: HashMap<&str, usize> = d
            .clauses
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        (0..d.clauses.len())
            .map(|mut i| {
                while let Some(p) = d.clauses[i].parent.as_deref().and_then(|p| index.get(p)) {
                    i = *p;
                }
                i
            })
            .collect()
    };
    let has_chapters = |d: &Document| d.clauses.iter().any(|c| c.parent.is_some());
    if !has_chapters(old) && !has_chapters(new) {
        return Vec::new();
    }
    let (old_root, new_root) = (roots(old), roots(new));
    // The new chapter each old chapter went to: the pair of the old chapter itself.
    let mut new_of_old_root: HashMap<usize, usize> = HashMap::new();
    for p in pairs {
        if let (Some(&i), Some(&j)) = (p.old_index.first(), p.new_index.first()) {
            if old_root[i] == i && new_root[j] == j {
                new_of_old_root.insert(i, j);
            }
        }
    }
    // Keyed by (new root, old root): a chapter only in the old document has no new root.
    let mut order: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let mut found: HashMap<(Option<usize>, Option<usize>), ChapterSummary> = HashMap::new();
    for (p, &(inserted, deleted)) in pairs.iter().zip(churns) {
        let key = match (p.new_index.first(), p.old_index.first()) {
            (Some(&j), _) => {
                let r = new_root[j];
                let old_r = new_of_old_root
                    .iter()
                    .find(|(_, &n)| n == r)
                    .map(|(&o, _)| o);
                (Some(r), old_r)
            }
            (None, Some(&i)) => {
                let r = old_root[i];
                (new_of_old_root.get(&r).copied(), Some(r))
            }
            (None, None) => continue,
        };
        let entry = found.entry(key).or_insert_with(|| {
            order.push(key);
            let heading = key
                .0
                .and_then(|j| new.clauses[j].heading.clone())
                .or_else(|| key.1.and_then(|i| old.clauses[i].heading.clone()));
            ChapterSummary {
                old: key.1.map(|i| ClauseRef::of(&old.clauses[i])),
                new: key.0.map(|j| ClauseRef::of(&new.clauses[j])),
                heading,
                edit_types: BTreeMap::new(),
                inserted: 0,
                deleted: 0,
            }
        });
        *entry.edit_types.entry(p.edit_type).or_default() += 1;
        entry.inserted += inserted;
        entry.deleted += deleted;
    }
    order.into_iter().filter_map(|k| found.remove(&k)).collect()
}

fn fold_labels(c: &Clause) -> String {
    inline::comparison_form(&c.labels.concat())
        .into_iter()
        .collect()
}
