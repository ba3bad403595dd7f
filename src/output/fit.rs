//! Lines that fit the terminal: display width (a Chinese character takes two columns,
//! colour codes none), cutting a line to a width with `…`, and wrapping text under a
//! hanging indent. Printers pass `None` for output to a file or a pipe, which gets every
//! line whole.
//!
//! ```
//! use zhengce::output::fit::{truncate, width, wrap};
//! assert_eq!(width("\u{1b}[1m质量\u{1b}[0m GDP"), 8);
//! assert_eq!(truncate("食品抽检合格率", Some(9)), "食品抽检…");
//! assert_eq!(wrap("食品抽检合格率达到98%", "  ", Some(12)), ["食品抽检合格", "  率达到98%"]);
//! assert_eq!(wrap("食品抽检合格率", "  ", None), ["食品抽检合格率"]);
//! ```

use unicode_width::UnicodeWidthChar;

/// Columns `text` takes on a terminal: escape sequences (`ESC [ … m`) take none.
pub fn width(text: &str) -> usize {
    pieces(text)
        .map(|p| match p {
            Piece::Escape(_) => 0,
            Piece::Char(c) => char_width(c),
        })
        .sum()
}

/// `line` cut to at most `limit` columns, ending in `…` when cut; whole with `None`.
/// Colour still open where the line is cut is closed.
pub fn truncate(line: &str, limit: Option<usize>) -> String {
    match limit {
        Some(limit) if width(line) > limit => cut(line, limit.saturating_sub(1)) + "…",
        _ => line.to_owned(),
    }
}

/// The first `limit` columns of `line`, colour closed if it was open.
fn cut(line: &str, limit: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let mut coloured = false;
    for piece in pieces(line) {
        match piece {
            Piece::Escape(e) => {
                coloured = e != "\u{1b}[0m";
                out.push_str(e);
            }
            Piece::Char(c) => {
                let w = char_width(c);
                if used + w > limit {
                    break;
                }
                used += w;
                out.push(c);
            }
        }
    }
    if coloured {
        out.push_str("\u{1b}[0m");
    }
    out
}

/// `text` (one paragraph, no line breaks) broken into lines of at most `limit` columns,
/// every line after the first starting with `indent`. Breaks fall between characters
/// (Chinese has no spaces to wait for), but never inside an ASCII word or number that
/// fits on a line. With `None`, the text as one line.
pub fn wrap(text: &str, indent: &str, limit: Option<usize>) -> Vec<String> {
    let Some(limit) = limit else {
        return vec![text.to_owned()];
    };
    let indent_width = width(indent);
    // Too narrow for the indent and a character: do not indent.
    let indent = if indent_width + 2 > limit { "" } else { indent };
    let items = pieces(text).collect::<Vec<_>>();
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let mut at = 0;
    while at < items.len() {
        let (word, word_width) = word_at(&items, at);
        let room = limit - used;
        if word > 1 && word_width > room && used > width(if lines.is_empty() { "" } else { indent })
        {
            // Break before a word (ASCII letters, digits) if it fits on a fresh line;
            // else cut it.
            let fresh = limit - width(indent);
            if word_width <= fresh {
                lines.push(std::mem::take(&mut line));
                line.push_str(indent);
                used = width(indent);
                continue;
            }
        }
        // Place the word's pieces one at a time, breaking where the line is full.
        for piece in &items[at..at + word] {
            match piece {
                Piece::Escape(e) => line.push_str(e),
                Piece::Char(c) => {
                    let w = char_width(*c);
                    if used + w > limit && used > 0 {
                        // 。，、） do not start a line: the character before them goes
                        // down with them, as Chinese typesetting does, when there is one
                        // (not colour, not a space) and the line keeps something.
                        let indent_width = if lines.is_empty() { 0 } else { width(indent) };
                        let carried = match line.chars().last() {
                            Some(p)
                                if no_line_start(*c)
                                    && !p.is_ascii()
                                    && used - char_width(p) > indent_width
                                    && width(indent) + char_width(p) + w <= limit =>
                            {
                                line.pop();
                                Some(p)
                            }
                            _ => None,
                        };
                        lines.push(std::mem::take(&mut line));
                        line.push_str(indent);
                        used = width(indent);
                        if let Some(p) = carried {
                            line.push(p);
                            used += char_width(p);
                        }
                        if *c == ' ' {
                            continue;
                        }
                    }
                    line.push(*c);
                    used += w;
                }
            }
        }
        at += word;
    }
    lines.push(line);
    lines
}

/// How many pieces from `at` make one unbreakable word (a run of ASCII letters and
/// digits, escapes included; else one character), and its width.
fn word_at(items: &[Piece], at: usize) -> (usize, usize) {
    let is_word = |p: &Piece| matches!(p, Piece::Char(c) if c.is_ascii_alphanumeric() || matches!(c, '.' | '%' | '-' | '_' | '/'));
    if !is_word(&items[at]) {
        let w = match items[at] {
            Piece::Char(c) => char_width(c),
            Piece::Escape(_) => 0,
        };
        return (1, w);
    }
    let mut n = 0;
    let mut w = 0;
    while at + n < items.len() {
        match items[at + n] {
            Piece::Escape(_) => {}
            ref p if is_word(p) => {
                if let Piece::Char(c) = p {
                    w += char_width(*c);
                }
            }
            _ => break,
        }
        n += 1;
    }
    (n, w)
}

/// Closing punctuation that Chinese typesetting never starts a line with.
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '”'
            | '’'
            | '…'
            | ')'
            | ','
            | '.'
            | ';'
            | ':'
    )
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

#[derive(Debug, Clone, Copy)]
enum Piece<'a> {
    /// A colour code, `ESC [ … m`.
    Escape(&'a str),
    Char(char),
}

/// The characters of `text`, with each colour code as one piece.
fn pieces(text: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let c = rest.chars().next()?;
        if c == '\u{1b}' && rest[1..].starts_with('[') {
            let end = rest[2..]
                .find(|c: char| c.is_ascii_alphabetic())
                .map_or(rest.len(), |e| e + 3);
            let (escape, after) = rest.split_at(end);
            rest = after;
            return Some(Piece::Escape(escape));
        }
        rest = &rest[c.len_utf8()..];
        Some(Piece::Char(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_and_keep_every_character() {
        let text = "到2025年，全省食品安全抽检合格率达到98.5%以上，ISO9001认证企业超过5000家。";
        for limit in [10, 20, 37, 80] {
            let lines = wrap(text, "    ", Some(limit));
            for line in &lines {
                assert!(width(line) <= limit, "{limit}: {line}");
            }
            let joined: String = lines.iter().map(|l| l.trim_start()).collect();
            assert_eq!(joined, text, "{limit}");
        }
        // 。 does not start a line: the char before it goes with it.
        assert_eq!(wrap("甲乙丙。丁", "", Some(6)), ["甲乙", "丙。丁"]);
        // A number is not cut when a fresh line holds it.
        let lines = wrap("合格率达到98.5%以上", "", Some(12));
        assert_eq!(lines, ["合格率达到", "98.5%以上"]);
    }

    #[test]
    fn colour_is_not_counted_and_is_closed_when_cut() {
        let red = "\u{1b}[1;31m合格率\u{1b}[0m达到";
        assert_eq!(width(red), 10);
        assert_eq!(truncate(red, Some(5)), "\u{1b}[1;31m合格\u{1b}[0m…");
        assert_eq!(truncate(red, Some(10)), red);
    }
}
