//! Snippets: a window of a clause's text around its first match, cut on char boundaries.
//!
//! tantivy's own snippet generator limits its fragments in bytes, which cuts Chinese text
//! (3 bytes a char) at a third of the length a user asked for and needs care not to split
//! a char. A snippet here is measured and cut in chars, and its match offsets are chars.

use serde::Serialize;

use crate::model::SpanUnit;

/// A window of a clause's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The window, paragraph breaks shown as spaces.
    pub text: String,
    /// Where the window starts in the clause text.
    pub start: usize,
    /// Where it ends (exclusive) in the clause text.
    pub end: usize,
    /// The matches inside the window, relative to its start, clipped to it.
    pub matches: Vec<MatchRange>,
    /// Always `"char"`.
    pub unit: SpanUnit,
}

/// A range of chars, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MatchRange {
    pub start: usize,
    pub end: usize,
}

/// The window of at most `width` chars of `text` that starts a little before the first
/// match (a quarter of the width), or the start of the text when there is no match.
pub fn snippet(text: &str, matches: &[(usize, usize)], width: usize) -> Snippet {
    let chars: Vec<char> = text.chars().collect();
    let width = width.max(1);
    let first = matches.iter().map(|m| m.0).min().unwrap_or(0);
    let mut start = first.saturating_sub(width / 4);
    let end = (start + width).min(chars.len());
    start = start.min(end.saturating_sub(width));
    let inside = matches
        .iter()
        .filter(|&&(s, e)| s < end && e > start)
        .map(|&(s, e)| MatchRange {
            start: s.max(start) - start,
            end: e.min(end) - start,
        })
        .collect();
    Snippet {
        text: chars[start..end]
            .iter()
            .map(|&c| if c == '\n' { ' ' } else { c })
            .collect(),
        start,
        end,
        matches: inside,
        unit: SpanUnit::Char,
    }
}

/// Sorts ranges and merges those that overlap or touch.
pub fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_count_chars_not_bytes() {
        let text = "一二三四五六七八九十".repeat(10);
        let s = snippet(&text, &[(50, 52)], 20);
        assert_eq!(s.text.chars().count(), 20);
        assert_eq!((s.start, s.end), (45, 65));
        assert_eq!(s.matches, vec![MatchRange { start: 5, end: 7 }]);
        let m = s.matches[0];
        let shown: String = s.text.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(shown, "一二");
    }

    #[test]
    fn short_texts_and_edges() {
        let s = snippet("质量\n认证", &[(3, 5)], 80);
        assert_eq!(s.text, "质量 认证");
        assert_eq!((s.start, s.end), (0, 5));
        let end = snippet(&"甲".repeat(100), &[(98, 100)], 10);
        assert_eq!((end.start, end.end), (90, 100));
        assert_eq!(end.matches, vec![MatchRange { start: 8, end: 10 }]);
    }

    #[test]
    fn merging() {
        assert_eq!(
            merge(vec![(5, 7), (0, 2), (1, 3), (7, 8)]),
            vec![(0, 3), (5, 8)]
        );
    }
}
