//! Inline differences between two clause texts, word by word, by the `similar` crate's
//! Myers diff. Chinese is cut into words as jieba cuts it (see [`super::words`]), so a
//! renamed agency reads 质监局 → 市场监管局, not a scatter of single
//! characters; a Latin word or a number with its decimals and % is one word (95% →
//! 98.5% is one change); each punctuation mark is its own token. Tokens are compared in
//! their folded form, so width, punctuation variants and spaces are not changes; spans
//! point into the texts as written.

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::model::SpanUnit;

/// A token of a text: where it is (chars) and the form it is compared in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    start: usize,
    end: usize,
    form: String,
}

/// What changed: a stretch of the old text replaced by a stretch of the new one. An
/// insertion has an empty old range, a deletion an empty new one (both positioned).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// `delete`, `insert` or `replace`.
    pub op: &'static str,
    pub old: Range,
    pub new: Range,
    pub old_text: String,
    pub new_text: String,
}

/// A range of chars, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Range {
    pub start: usize,
    pub end: usize,
    pub unit: SpanUnit,
}

impl Range {
    fn new(start: usize, end: usize) -> Range {
        Range {
            start,
            end,
            unit: SpanUnit::Char,
        }
    }
}

/// Folds what is formatting, not content: widths and case (by [`crate::normalize::fold`]),
/// and the variants of quotes, dashes and brackets. Spaces are dropped by the tokenizer.
pub fn fold_char(c: char) -> char {
    match crate::normalize::fold(c) {
        '“' | '”' | '„' | '「' | '」' => '"',
        '‘' | '’' | '『' | '』' => '\'',
        '—' | '–' | '－' | '―' | '‐' | '~' | '～' => '-',
        '〔' | '【' | '[' | '［' => '(',
        '〕' | '】' | ']' | '］' => ')',
        '。' | '｡' => '。',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The text in the form clauses are compared in: folded, without spaces.
pub fn comparison_form(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| !crate::normalize::is_space(*c))
        .map(fold_char)
        .collect()
}

/// A char that jieba cuts into words: Han and other non-ASCII letters.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() && !c.is_ascii()
}

fn tokens(text: &str) -> Vec<Token> {
    // Non-space chars with where they are in `text` and their folded form.
    let kept: Vec<(usize, char)> = text
        .chars()
        .enumerate()
        .filter(|(_, c)| !crate::normalize::is_space(*c))
        .map(|(i, c)| (i, fold_char(c)))
        .collect();
    let latin = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '%';
    let mut out = Vec::new();
    let mut k = 0;
    while k < kept.len() {
        let c = kept[k].1;
        let mut end = k + 1;
        if c.is_ascii_alphanumeric() {
            while end < kept.len() && latin(kept[end].1) {
                end += 1;
            }
        } else if is_word_char(c) {
            while end < kept.len() && is_word_char(kept[end].1) {
                end += 1;
            }
            let run: Vec<char> = kept[k..end].iter().map(|&(_, c)| c).collect();
            for word in super::words::cut(&run) {
                out.push(Token {
                    start: kept[k + word.start].0,
                    end: kept[k + word.end - 1].0 + 1,
                    form: run[word].iter().collect(),
                });
            }
            k = end;
            continue;
        }
        out.push(Token {
            start: kept[k].0,
            end: kept[end - 1].0 + 1,
            form: kept[k..end].iter().map(|&(_, c)| c).collect(),
        });
        k = end;
    }
    out
}

/// The edits that turn `old` into `new`; empty when they differ only in formatting.
pub fn edits(old: &str, new: &str) -> Vec<Edit> {
    let (a, b) = (tokens(old), tokens(new));
    let a_forms: Vec<&str> = a.iter().map(|t| t.form.as_str()).collect();
    let b_forms: Vec<&str> = b.iter().map(|t| t.form.as_str()).collect();
    let old_chars: Vec<char> = old.chars().collect();
    let new_chars: Vec<char> = new.chars().collect();
    // Where an empty range sits: before the token at `i`, or at the end.
    let at = |tokens: &[Token], i: usize, len: usize| tokens.get(i).map_or(len, |t| t.start);
    let span = |tokens: &[Token], i: usize, n: usize, len: usize| {
        if n == 0 {
            let p = at(tokens, i, len);
            (p, p)
        } else {
            (tokens[i].start, tokens[i + n - 1].end)
        }
    };
    let text = |chars: &[char], (s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    capture_diff_slices(Algorithm::Myers, &a_forms, &b_forms)
        .into_iter()
        .filter_map(|op| {
            let (name, oi, on, ni, nn) = match op {
                DiffOp::Equal { .. } => return None,
                DiffOp::Delete {
                    old_index,
                    old_len,
                    new_index,
                } => ("delete", old_index, old_len, new_index, 0),
                DiffOp::Insert {
                    old_index,
                    new_index,
                    new_len,
                } => ("insert", old_index, 0, new_index, new_len),
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => ("replace", old_index, old_len, new_index, new_len),
            };
            let o = span(&a, oi, on, old_chars.len());
            let n = span(&b, ni, nn, new_chars.len());
            Some(Edit {
                op: name,
                old: Range::new(o.0, o.1),
                new: Range::new(n.0, n.1),
                old_text: text(&old_chars, o),
                new_text: text(&new_chars, n),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_change_as_one_word() {
        let e = edits("合格率达到95%以上", "合格率达到98.5%以上");
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].op, e[0].old_text.as_str(), e[0].new_text.as_str()),
            ("replace", "95%", "98.5%")
        );
        assert_eq!(
            (e[0].old.start, e[0].old.end, e[0].new.start, e[0].new.end),
            (5, 8, 5, 10)
        );
    }

    fn changed(old: &str, new: &str) -> Vec<(String, String)> {
        edits(old, new)
            .into_iter()
            .map(|e| (e.old_text, e.new_text))
            .collect()
    }

    #[test]
    fn chinese_changes_word_by_word() {
        // A renamed agency is one replacement of words, not scattered chars.
        let e = edits("由省质监局牵头", "由省市场监管局牵头");
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].op, "replace");
        assert!(e[0].old_text.contains("质监局") && e[0].new_text.contains("市场监管局"));
        // An inserted phrase is inserted whole, at a word boundary.
        assert_eq!(
            changed(
                "不得利用虚假统计资料骗取荣誉称号、物质利益或者职务晋升。",
                "不得利用虚假统计资料骗取荣誉称号、物质利益或者职务职级等晋升。"
            ),
            vec![("".to_owned(), "职级等".to_owned())]
        );
        // 经济建设 → 经济社会发展: whole words change, not 建设 → 社会发展 char by char.
        let e = changed("促进经济建设", "促进经济社会发展");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(!e[0].1.is_empty() && e[0].1.ends_with("发展"), "{e:?}");
    }

    #[test]
    fn spans_skip_spaces_and_keep_source_positions() {
        let e = edits("省 质监局 牵头", "省市场监管局牵头");
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].old.start, e[0].old.end), (2, 5));
        assert_eq!(e[0].old_text, "质监局");
    }

    #[test]
    fn formatting_is_not_a_change() {
        assert!(edits("（一）到２０２５年，质量 提升。", "(一)到2025年,质量提升。").is_empty());
        assert!(edits("“质量”—标准【责任单位】", "\"质量\"-标准〔责任单位〕").is_empty());
    }
}
