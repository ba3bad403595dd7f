//! `--regex`: a regular expression over clause text, and the literal strings any match must
//! contain, which the index can look up to narrow the clauses the expression is run on.

use regex_syntax::hir::{Hir, HirKind};

use crate::error::Error;

/// A compiled `--regex` with what the index can narrow by.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub regex: regex::Regex,
    /// Strings every match contains. Empty: every clause must be read.
    pub required: Vec<String>,
}

impl Pattern {
    pub fn new(pattern: &str) -> Result<Pattern, Error> {
        let one_line = |e: &dyn std::fmt::Display| {
            let message = e.to_string();
            let last = message.lines().last().unwrap_or_default().trim();
            Error::Query(format!(
                "--regex '{pattern}': {}",
                last.strip_prefix("error: ").unwrap_or(last)
            ))
        };
        let regex = regex::Regex::new(pattern).map_err(|e| one_line(&e))?;
        let hir = regex_syntax::Parser::new()
            .parse(pattern)
            .map_err(|e| one_line(&e))?;
        let mut required = Vec::new();
        collect_required(&hir, &mut required);
        required.retain(|s| !s.trim().is_empty());
        Ok(Pattern { regex, required })
    }

    /// Every match in a text, as char ranges.
    pub fn matches(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut chars_before = 0;
        let mut last_byte = 0;
        for m in self.regex.find_iter(text) {
            if m.is_empty() {
                continue;
            }
            chars_before += text[last_byte..m.start()].chars().count();
            let len = m.as_str().chars().count();
            out.push((chars_before, chars_before + len));
            chars_before += len;
            last_byte = m.end();
        }
        out
    }
}

/// Adds the literal strings that every match of `hir` contains. Adjacent literals of a
/// concatenation are joined into one string; alternations add nothing (no single string is
/// required), and nor do case-insensitive letters, which are classes rather than literals.
fn collect_required(hir: &Hir, out: &mut Vec<String>) {
    match hir.kind() {
        HirKind::Literal(lit) => out.extend(String::from_utf8(lit.0.to_vec()).ok()),
        HirKind::Capture(capture) => collect_required(&capture.sub, out),
        HirKind::Repetition(rep) if rep.min >= 1 => collect_required(&rep.sub, out),
        HirKind::Concat(parts) => {
            let mut run = Vec::new();
            for part in parts {
                if let HirKind::Literal(lit) = part.kind() {
                    run.extend_from_slice(&lit.0);
                    continue;
                }
                out.extend(String::from_utf8(std::mem::take(&mut run)).ok());
                collect_required(part, out);
            }
            out.extend(String::from_utf8(run).ok());
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_literals() {
        let p = |s: &str| Pattern::new(s).unwrap().required;
        assert_eq!(p(r"到20\d\d年.{0,30}达到"), vec!["到20", "年", "达到"]);
        assert_eq!(p(r"(质量|标准)体系"), vec!["体系"]);
        assert_eq!(p(r"(?:强化)+责任"), vec!["强化", "责任"]);
        assert!(p(r"(?i)iso").is_empty());
        assert!(p(r"\d+%").iter().all(|s| s == "%"));
    }

    #[test]
    fn matches_are_char_ranges() {
        let p = Pattern::new(r"\d+%").unwrap();
        assert_eq!(p.matches("合格率98%，达到100%"), vec![(3, 6), (9, 13)]);
    }

    #[test]
    fn bad_patterns_are_one_line_errors() {
        let e = Pattern::new("到(20").unwrap_err().to_string();
        assert!(!e.contains('\n'), "{e}");
        assert!(e.contains("--regex"), "{e}");
    }
}
