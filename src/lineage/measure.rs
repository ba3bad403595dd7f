//! How alike two clauses are: the share of their runs of four chars they have in common.
//!
//! A clause is compared by its **content**: its text folded as diff folds it (widths,
//! case, quote and dash variants), with punctuation and spaces dropped, so that
//! formatting is never a difference. Its **shingles** are the hashes of every run of
//! [`SHINGLE`] content chars, except that a word (jieba's cut, [`crate::diff::words`])
//! counts once however long it is: only the first of the runs inside it is kept. Copying
//! text leaves long runs in common; two clauses that only talk about the same subject
//! share words (质量, 提升, 建设) but few runs of four chars, which is why pairs of chars,
//! enough for search, are not used to decide here.
//!
//! The similarity is the Dice coefficient of the two shingle sets. A clause that copies
//! another whole and adds as much again of its own has a low Dice coefficient but covers
//! the other: it is related too when at least half of the smaller clause's shingles, and
//! [`COVER_MIN_SHARED`] of them, are in the larger one.
//!
//! ```
//! use zhengce::lineage::measure::{compare, Fingerprint, Relation};
//! let old = Fingerprint::of("加强质量工作考核，将考核结果纳入各级党政领导班子和领导干部政绩考核内容。");
//! let new = Fingerprint::of("加强质量工作考核，将考核结果纳入镇街（园区）党政领导班子和领导干部政绩考核内容。");
//! let c = compare(&old, &new, 0.15).unwrap();
//! assert_eq!(c.relation, Relation::Adapted);
//! assert!(c.similarity > 0.7);
//! let same = Fingerprint::of("加强质量工作考核， 将考核结果纳入各级党政领导班子和领导干部政绩考核内容");
//! assert_eq!(compare(&old, &same, 0.15).unwrap().relation, Relation::Copied);
//! ```

use serde::Serialize;

/// Chars in a shingle.
pub const SHINGLE: usize = 4;

/// Clauses with fewer content chars than this are not compared: 总体要求, 组织保障 and
/// 保障措施 head half the plans of a corpus, and say nothing about where a plan comes from.
pub const MIN_CHARS: usize = 10;

/// The similarity (Dice coefficient of shingles) at or above which a clause found anywhere
/// in an index is related to the one looked up (`similar`, `lineage DOC`, `--edges`),
/// unless the user gives another. Below it, in a corpus of thousands of documents, a
/// shared phrase of ten chars or so is about as often a sibling clause of the same source
/// document as a derivation: on the generated 1 GB corpus (`bench/lineage.py`) the
/// precision of `similar` is 0.94 at 0.14 and 0.99 here, and all planted copies but one
/// are above 0.59.
pub const THRESHOLD: f64 = 0.2;

/// The threshold for two documents held side by side (`lineage DOC --against DOC2`): the
/// pair is named as related, so less shared text is enough, as a reader pairing them
/// takes a kept heading and one kept phrase for an adaptation. Read off the Dongguan
/// draft and the provincial outline (`fixtures/lineage/`): clauses a reader sees adapted
/// share from 0.148 of their shingles up; unrelated clauses on the same subjects, at
/// most 0.13.
pub const PAIR_THRESHOLD: f64 = 0.14;

/// A smaller clause counts as taken into a larger one when at least this share of its
/// shingles is there …
pub const COVER: f64 = 0.5;
/// … and at least this many: twenty shingles are a run of 23 chars, a sentence.
pub const COVER_MIN_SHARED: usize = 20;

/// What one clause is to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The same text after folding (widths, punctuation, spaces).
    Copied,
    /// Similar above the threshold, with changes.
    Adapted,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Copied => "copied",
            Relation::Adapted => "adapted",
        }
    }
}

/// What a clause is compared by.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fingerprint {
    /// Hash of the whole content: equal content, equal hash.
    pub content_hash: u64,
    /// Content chars.
    pub chars: usize,
    /// Hashes of the shingles, sorted, without repeats.
    pub shingles: Vec<u32>,
}

/// The content chars of a text: folded, letters and digits only.
pub fn content(text: &str) -> Vec<char> {
    crate::diff::inline::comparison_form(text)
        .into_iter()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The hash of one shingle (FNV-1a over the chars, then mixed): stable across runs and
/// machines, so sampling by hash picks the same shingles in every document.
pub fn shingle_hash(chars: &[char]) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in chars {
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (h >> 32) as u32
}

impl Fingerprint {
    pub fn of(text: &str) -> Fingerprint {
        Fingerprint::of_content(&content(text))
    }

    pub fn of_content(content: &[char]) -> Fingerprint {
        let mut shingles: Vec<u32> = if content.len() < SHINGLE {
            if content.is_empty() {
                Vec::new()
            } else {
                vec![shingle_hash(content)]
            }
        } else {
            word_once(content)
                .map(|at| shingle_hash(&content[at..at + SHINGLE]))
                .collect()
        };
        shingles.sort_unstable();
        shingles.dedup();
        let content_hash =
            xxhash_rust::xxh3::xxh3_64(content.iter().collect::<String>().as_bytes());
        Fingerprint {
            content_hash,
            chars: content.len(),
            shingles,
        }
    }

    /// Whether the clause is long enough to be compared (see [`MIN_CHARS`]).
    pub fn comparable(&self) -> bool {
        self.chars >= MIN_CHARS
    }
}

/// Where the shingles of `content` start, a word counting once: of the shingles inside
/// one word, only its first. Copying keeps runs of words; two clauses that share one
/// word, however long (全国人民代表大会常务委员会), share vocabulary, and a long name would
/// otherwise weigh as much as a copied sentence, making a short clause look adapted from
/// every clause that names the same body.
fn word_once(content: &[char]) -> impl Iterator<Item = usize> {
    let starts = content.len() + 1 - SHINGLE;
    crate::diff::words::cut(content)
        .into_iter()
        .flat_map(move |word| {
            let (first, end) = (word.start, word.end);
            // A shingle starting in the word is inside it when it ends by the word's end.
            (first..end.min(starts)).filter(move |&at| at == first || at + SHINGLE > end)
        })
}

/// Two clauses compared.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Comparison {
    pub relation: Relation,
    /// Dice coefficient of the shingles, 0 to 1 (1 for a copy).
    pub similarity: f64,
    /// Share of the first clause's shingles found in the second, 0 to 1.
    pub coverage: f64,
}

/// How `a` and `b` are related, if they are: copied when their content is the same,
/// adapted when their similarity reaches `threshold` or the smaller is mostly in the
/// larger (see the module's description). Clauses too short to tell are never related.
pub fn compare(a: &Fingerprint, b: &Fingerprint, threshold: f64) -> Option<Comparison> {
    if !a.comparable() || !b.comparable() {
        return None;
    }
    if a.content_hash == b.content_hash && a.chars == b.chars {
        return Some(Comparison {
            relation: Relation::Copied,
            similarity: 1.0,
            coverage: 1.0,
        });
    }
    let n = crate::diff::align::shared(&a.shingles, &b.shingles);
    let total = a.shingles.len() + b.shingles.len();
    if n == 0 || total == 0 {
        return None;
    }
    let similarity = 2.0 * n as f64 / total as f64;
    let smaller = a.shingles.len().min(b.shingles.len());
    // A threshold above [`COVER`] asks for more of the smaller clause too.
    let covered = n >= COVER_MIN_SHARED && n as f64 >= COVER.max(threshold) * smaller as f64;
    (similarity >= threshold || covered).then(|| Comparison {
        relation: Relation::Adapted,
        similarity,
        coverage: n as f64 / a.shingles.len() as f64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_is_not_a_difference() {
        let a = Fingerprint::of("（一）推行“双随机、一公开”监管，加强信用监管。");
        let b = Fingerprint::of("(一)推行\"双随机,一公开\"监管 加强信用监管");
        assert_eq!(a.content_hash, b.content_hash);
        assert_eq!(compare(&a, &b, 0.5).unwrap().relation, Relation::Copied);
    }

    #[test]
    fn short_clauses_are_not_compared() {
        let a = Fingerprint::of("总体要求");
        assert!(!a.comparable());
        assert!(compare(&a, &a, 0.0).is_none());
    }

    /// These two share 质量基础设施 and 检验检测 (Dice 0.16): related between two
    /// documents held side by side, not when looked up across an index.
    #[test]
    fn same_subject_is_not_copying_across_an_index() {
        // Both about quality infrastructure, in their own words: few runs in common.
        let a = Fingerprint::of("加强质量基础设施建设，提升计量、标准、认证认可、检验检测能力。");
        let b = Fingerprint::of("完善质量基础设施，推动检验检测机构市场化改革，提高服务水平。");
        assert!(compare(&a, &b, THRESHOLD).is_none());
        assert!(compare(&a, &b, PAIR_THRESHOLD).is_some());
    }

    /// A long name is one word: two short clauses naming the same body share it and
    /// nothing else. Counted run by run it was nine of some thirty shingles (Dice 0.27).
    #[test]
    fn a_shared_long_name_is_not_copying() {
        let a = Fingerprint::of("对股票转让所得征收个人所得税的办法，由国务院另行规定，并报全国人民代表大会常务委员会备案。");
        let b = Fingerprint::of(
            "全国人民代表大会常务委员会听取专项工作报告，组织执法检查，开展专题询问。",
        );
        assert!(compare(&a, &b, PAIR_THRESHOLD).is_none());
        // A copied sentence around the name still counts in full.
        let c = Fingerprint::of("由国务院另行规定，并报全国人民代表大会常务委员会备案。");
        assert!(compare(&c, &a, THRESHOLD).is_some_and(|x| x.coverage == 1.0));
    }

    #[test]
    fn a_clause_taken_whole_into_a_longer_one_is_adapted() {
        let small = "严格落实食品安全“四个最严”要求，确保人民群众“舌尖上的安全”。";
        let large = format!(
            "{small}健全药品全生命周期管理，推动药品、医疗器械审评审批提速，加强安全应急处置，\
             推动食品生产企业建立实施危害分析和关键控制点体系，加快产业技术改造升级，\
             强化农产品以及农药、兽药、饲料添加剂等投入品的质量安全保障，完善质量监测追溯管理。"
        );
        let (s, l) = (Fingerprint::of(small), Fingerprint::of(&large));
        // Its Dice coefficient is low, but all of it is in the larger clause.
        let c = compare(&s, &l, 0.5).expect("related");
        assert!(c.similarity < 0.5, "{c:?}");
        assert_eq!(c.coverage, 1.0);
    }
}
