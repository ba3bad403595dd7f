//! Alignment: which clauses of the old document became which of the new, by content.
//!
//! 1. Identical texts (after formatting is folded away) pair first, in order.
//! 2. The rest are compared by their sets of char pairs (Dice coefficient). Candidates come
//!    from an inverted index of pairs, leaving out pairs so common that they say nothing.
//!    There is no all-against-all comparison, so 10,000 clauses a side stay fast.
//! 3. An old clause whose text is covered by two or more new ones was split; a new clause
//!    covering two or more old ones is a merge.
//! 4. The remaining candidate pairs are taken best first, above a threshold.
//! 5. A clause left over whose children went mostly to one clause of the other side is
//!    paired with it: a chapter keeps its pairing when its heading is reworded.

use std::collections::HashMap;

/// One alignment: old clauses (indices) with new clauses. One side is empty for an added
/// or removed clause; one side has several for a split or merge.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub old: Vec<usize>,
    pub new: Vec<usize>,
    /// Dice similarity of the pair sets, 0 to 1; for splits and merges, of the joined
    /// parts.
    pub similarity: f64,
}

/// What alignment needs of each clause: its comparison form, its parent's index, and its
/// labels and heading (folded), which break near-ties.
pub struct Side<'a> {
    pub forms: &'a [Vec<char>],
    pub parents: &'a [Option<usize>],
    pub labels: &'a [String],
    pub headings: &'a [Option<Vec<char>>],
}

/// Between two texts about as similar, the one at the same number, or under the same
/// heading, is the counterpart: a plan rewritten in place keeps its numbering and titles.
const SAME_LABELS: f64 = 0.15;
const SAME_HEADING: f64 = 0.2;

/// Pairs are this similar or more to be the same clause reworded.
const THRESHOLD: f64 = 0.4;
/// Short texts (headings) need more: two shared pairs out of three is not much.
const THRESHOLD_SHORT: f64 = 0.55;
const SHORT: usize = 12;
/// How many candidates per clause are compared exactly.
const CANDIDATES: usize = 8;
/// A new clause counts as a part of an old one when this much of it is inside.
const PART: f64 = 0.7;

type Gram = u64;

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

/// Size of the intersection of two sorted multisets.
fn shared(a: &[Gram], b: &[Gram]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Dice similarity of two texts' comparison forms.
pub fn similarity(a: &[char], b: &[char]) -> f64 {
    dice(&grams(a), &grams(b))
}

fn dice(a: &[Gram], b: &[Gram]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * shared(a, b) as f64 / (a.len() + b.len()) as f64
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    old: usize,
    new: usize,
    shared: usize,
    dice: f64,
    /// `dice` plus the bonuses for the same labels and heading: what pairs are ranked by.
    score: f64,
    same_heading: bool,
}

/// One side's pairs and forms, for [`take_parts`].
struct Parts<'a> {
    grams: &'a [Vec<Gram>],
    forms: &'a [Vec<char>],
}

/// Of the proposed `(whole, parts)`, those where two or more open parts together cover
/// 60% of an open whole: a split read from old to new, a merge read from new to old.
/// Marks what it takes as used; returns each whole with its parts and their similarity.
fn take_parts(
    proposed: HashMap<usize, Vec<usize>>,
    wholes: &Parts,
    parts_side: &Parts,
    whole_used: &mut [bool],
    part_used: &mut [bool],
) -> Vec<(usize, Vec<usize>, f64)> {
    let mut proposed: Vec<(usize, Vec<usize>)> = proposed.into_iter().collect();
    proposed.sort_unstable();
    let mut taken = Vec::new();
    for (whole, mut parts) in proposed {
        parts.retain(|&p| !part_used[p]);
        parts.sort_unstable();
        let covered: usize = parts.iter().map(|&p| parts_side.grams[p].len()).sum();
        let enough = (covered as f64) >= 0.6 * wholes.grams[whole].len() as f64;
        if whole_used[whole] || parts.len() < 2 || !enough {
            continue;
        }
        let joined: Vec<char> = parts
            .iter()
            .flat_map(|&p| parts_side.forms[p].iter().copied())
            .collect();
        whole_used[whole] = true;
        for &p in &parts {
            part_used[p] = true;
        }
        let sim = similarity(&wholes.forms[whole], &joined);
        taken.push((whole, parts, sim));
    }
    taken
}

pub fn align(old: &Side, new: &Side) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut old_used = vec![false; old.forms.len()];
    let mut new_used = vec![false; new.forms.len()];

    // 1. Identical texts, in document order.
    let mut by_text: HashMap<&[char], std::collections::VecDeque<usize>> = HashMap::new();
    for (j, form) in new.forms.iter().enumerate() {
        by_text.entry(form.as_slice()).or_default().push_back(j);
    }
    for (i, form) in old.forms.iter().enumerate() {
        if let Some(j) = by_text.get_mut(form.as_slice()).and_then(|q| q.pop_front()) {
            old_used[i] = true;
            new_used[j] = true;
            groups.push(Group {
                old: vec![i],
                new: vec![j],
                similarity: 1.0,
            });
        }
    }

    // 2. Candidates through an inverted index of the new side's pairs.
    let old_grams: Vec<Vec<Gram>> = old.forms.iter().map(|f| grams(f)).collect();
    let new_grams: Vec<Vec<Gram>> = new.forms.iter().map(|f| grams(f)).collect();
    let mut postings: HashMap<Gram, Vec<u32>> = HashMap::new();
    for (j, g) in new_grams.iter().enumerate() {
        if new_used[j] {
            continue;
        }
        let mut distinct = g.clone();
        distinct.dedup();
        for gram in distinct {
            postings.entry(gram).or_default().push(j as u32);
        }
    }
    let open_new = new_used.iter().filter(|u| !**u).count();
    let too_common = (open_new / 20).max(50);
    let mut candidates = Vec::new();
    let mut counts = vec![0u32; new.forms.len()];
    let mut touched = Vec::new();
    for (i, g) in old_grams.iter().enumerate() {
        if old_used[i] {
            continue;
        }
        let mut distinct = g.clone();
        distinct.dedup();
        for gram in &distinct {
            let Some(list) = postings.get(gram) else {
                continue;
            };
            if list.len() > too_common {
                continue;
            }
            for &j in list {
                if counts[j as usize] == 0 {
                    touched.push(j as usize);
                }
                counts[j as usize] += 1;
            }
        }
        touched.sort_unstable_by_key(|&j| std::cmp::Reverse(counts[j]));
        for &j in touched.iter().take(CANDIDATES) {
            let n = shared(g, &new_grams[j]);
            let d = dice(g, &new_grams[j]);
            let same_labels = old.labels[i] == new.labels[j];
            let same_heading = old.headings[i].is_some() && old.headings[i] == new.headings[j];
            candidates.push(Candidate {
                old: i,
                new: j,
                shared: n,
                dice: d,
                score: d
                    + if same_labels { SAME_LABELS } else { 0.0 }
                    + if same_heading { SAME_HEADING } else { 0.0 },
                same_heading,
            });
        }
        for j in touched.drain(..) {
            counts[j] = 0;
        }
    }

    // 3. Splits and merges: several clauses of one side that are each mostly inside one
    //    clause of the other.
    let part_of = |part: &[Gram], n: usize, whole: &[Gram]| {
        part.len() >= 8 && part.len() * 10 < whole.len() * 9 && n as f64 >= PART * part.len() as f64
    };
    let mut split_parts: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut merge_parts: HashMap<usize, Vec<usize>> = HashMap::new();
    for c in &candidates {
        if part_of(&new_grams[c.new], c.shared, &old_grams[c.old]) {
            split_parts.entry(c.old).or_default().push(c.new);
        }
        if part_of(&old_grams[c.old], c.shared, &new_grams[c.new]) {
            merge_parts.entry(c.new).or_default().push(c.old);
        }
    }
    let old_side = Parts {
        grams: &old_grams,
        forms: old.forms,
    };
    let new_side = Parts {
        grams: &new_grams,
        forms: new.forms,
    };
    for (i, parts, similarity) in take_parts(
        split_parts,
        &old_side,
        &new_side,
        &mut old_used,
        &mut new_used,
    ) {
        groups.push(Group {
            old: vec![i],
            new: parts,
            similarity,
        });
    }
    for (j, parts, similarity) in take_parts(
        merge_parts,
        &new_side,
        &old_side,
        &mut new_used,
        &mut old_used,
    ) {
        groups.push(Group {
            old: parts,
            new: vec![j],
            similarity,
        });
    }

    // 4. The best remaining pairs, best first.
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.old.cmp(&b.old)));
    for c in candidates {
        let short = old.forms[c.old].len().min(new.forms[c.new].len()) < SHORT;
        let threshold = if short { THRESHOLD_SHORT } else { THRESHOLD };
        // The same number only breaks ties; the same heading is evidence of its own.
        let similar_enough = c.dice >= threshold || (c.same_heading && c.score >= threshold);
        if !similar_enough || old_used[c.old] || new_used[c.new] {
            continue;
        }
        old_used[c.old] = true;
        new_used[c.new] = true;
        groups.push(Group {
            old: vec![c.old],
            new: vec![c.new],
            similarity: c.dice,
        });
    }

    // 5. Parents follow their children, deepest first.
    let mut new_of_old: HashMap<usize, usize> = HashMap::new();
    for g in &groups {
        for &i in &g.old {
            new_of_old.insert(i, g.new[0]);
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
    let mut open_old: Vec<usize> = (0..old.forms.len()).filter(|&i| !old_used[i]).collect();
    open_old.sort_by_key(|&i| std::cmp::Reverse(depth(old.parents, i)));
    for i in open_old {
        let mut votes: HashMap<usize, usize> = HashMap::new();
        let mut children = 0;
        for (child, parent) in old.parents.iter().enumerate() {
            if *parent != Some(i) {
                continue;
            }
            children += 1;
            if let Some(p) = new_of_old.get(&child).and_then(|&j| new.parents[j]) {
                *votes.entry(p).or_default() += 1;
            }
        }
        let best = votes
            .into_iter()
            .max_by_key(|&(p, n)| (n, std::cmp::Reverse(p)));
        if let Some((j, n)) = best {
            if !new_used[j] && n * 2 >= children && n > 0 {
                old_used[i] = true;
                new_used[j] = true;
                new_of_old.insert(i, j);
                groups.push(Group {
                    old: vec![i],
                    new: vec![j],
                    similarity: similarity(&old.forms[i], &new.forms[j]),
                });
            }
        }
    }

    for (i, used) in old_used.iter().enumerate() {
        if !used {
            groups.push(Group {
                old: vec![i],
                new: Vec::new(),
                similarity: 0.0,
            });
        }
    }
    for (j, used) in new_used.iter().enumerate() {
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

    fn run(old: &[&str], new: &[&str]) -> Vec<Group> {
        let (o, n) = (forms(old), forms(new));
        let (po, pn) = (vec![None; o.len()], vec![None; n.len()]);
        let (lo, ln): (Vec<String>, Vec<String>) = (
            (0..o.len()).map(|i| format!("o{i}")).collect(),
            (0..n.len()).map(|i| format!("n{i}")).collect(),
        );
        let (ho, hn) = (vec![None; o.len()], vec![None; n.len()]);
        let mut groups = align(
            &Side {
                forms: &o,
                parents: &po,
                labels: &lo,
                headings: &ho,
            },
            &Side {
                forms: &n,
                parents: &pn,
                labels: &ln,
                headings: &hn,
            },
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
        let pairs: Vec<(Vec<usize>, Vec<usize>)> =
            g.iter().map(|g| (g.old.clone(), g.new.clone())).collect();
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
}
