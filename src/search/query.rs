//! The query language of `zhengce search`, parsed into terms before tantivy sees anything.
//!
//! - Terms separated by spaces must all match: `食品抽检 合格率`.
//! - `OR` (upper case) between terms: either matches: `抽检 OR 抽查`.
//! - `-term` excludes clauses that contain it: `质量 -监管`.
//! - `"…"` quotes a term: spaces inside it do not separate terms, and between Chinese
//!   characters they mean nothing (`"质量 认证"` is 质量认证); a quoted `-` or `OR` is text.
//!
//! Any other character is text to find, including `:` `(` `*` and Chinese punctuation:
//! there is no field syntax to trip over. A term containing Chinese (or any non-ASCII)
//! matches wherever the string occurs; a term that is all ASCII (GDP, 5G, ISO9001, 98.5%)
//! matches as a word, so GDP does not match GDPR and 5% does not match 15%.

use crate::error::Error;
use crate::index::text::{Lookup, SearchForm};

/// One thing to find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// As the user wrote it.
    pub written: String,
    /// Its [`SearchForm`].
    pub form: Vec<char>,
    /// The match must not continue a Latin word or number to the left / to the right.
    pub word_start: bool,
    pub word_end: bool,
}

impl Term {
    fn new(written: &str) -> Option<Term> {
        let form = SearchForm::new(written).chars;
        if form.is_empty() {
            return None;
        }
        let ascii = form.iter().all(char::is_ascii);
        let word_start = ascii && form[0].is_ascii_alphanumeric();
        let word_end = ascii && form[form.len() - 1].is_ascii_alphanumeric();
        Some(Term {
            written: written.to_owned(),
            form,
            word_start,
            word_end,
        })
    }

    /// Whether the index answers this term exactly, with no check on the text needed.
    pub fn exact(&self) -> bool {
        !self.word_start && !self.word_end && Lookup::new(&self.form).exact()
    }

    /// Every occurrence in a text, as ranges of its search form.
    pub fn occurrences(&self, text: &SearchForm) -> Vec<(usize, usize)> {
        let latin = |i: usize| text.chars.get(i).is_some_and(char::is_ascii_alphanumeric);
        text.find_all(&self.form)
            .into_iter()
            .filter(|&(s, e)| {
                let continues_left = self.word_start && s > 0 && latin(s - 1);
                let continues_right = self.word_end && latin(e);
                !continues_left && !continues_right
            })
            .collect()
    }
}

/// A parsed query: every group must match (a group matches when any of its terms does),
/// and no excluded term may.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub groups: Vec<Vec<Term>>,
    pub excluded: Vec<Term>,
}

impl Query {
    /// Every term that must or may match, for highlighting.
    pub fn positive_terms(&self) -> impl Iterator<Item = &Term> {
        self.groups.iter().flatten()
    }

    /// Whether the index answers the whole query exactly.
    pub fn exact(&self) -> bool {
        self.positive_terms().chain(&self.excluded).all(Term::exact)
    }

    /// Whether a text satisfies the query.
    pub fn matches(&self, text: &SearchForm) -> bool {
        self.groups
            .iter()
            .all(|g| g.iter().any(|t| !t.occurrences(text).is_empty()))
            && self.excluded.iter().all(|t| t.occurrences(text).is_empty())
    }
}

#[derive(Debug, PartialEq)]
enum Token {
    Text { text: String, excluded: bool },
    Or,
}

fn error(why: impl Into<String>) -> Error {
    Error::Query(why.into())
}

fn tokens(query: &str) -> Result<Vec<Token>, Error> {
    let mut tokens = Vec::new();
    let mut chars = query.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let excluded = c == '-';
        if excluded {
            chars.next();
            if chars.peek().is_none_or(|c| c.is_whitespace()) {
                return Err(error(
                    "'-' must be followed by the term to exclude (to find a hyphen, quote it: \"-\")",
                ));
            }
        }
        if chars.peek() == Some(&'"') {
            chars.next();
            let mut text = String::new();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some(c) => text.push(c),
                    None => return Err(error(format!("unclosed quote in '{query}'"))),
                }
            }
            if text.trim().is_empty() {
                return Err(error("empty quotes"));
            }
            tokens.push(Token::Text { text, excluded });
            continue;
        }
        let mut text = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            text.push(c);
            chars.next();
        }
        if text == "OR" && !excluded {
            tokens.push(Token::Or);
        } else {
            tokens.push(Token::Text { text, excluded });
        }
    }
    Ok(tokens)
}

/// Parses a query; a malformed one is an error that says what is wrong.
pub fn parse(query: &str) -> Result<Query, Error> {
    let mut parsed = Query::default();
    let mut joining = false;
    let tokens = tokens(query)?;
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Or => {
                let left_ok = matches!(
                    tokens.get(i.wrapping_sub(1)),
                    Some(Token::Text {
                        excluded: false,
                        ..
                    })
                );
                let right_ok = matches!(
                    tokens.get(i + 1),
                    Some(Token::Text {
                        excluded: false,
                        ..
                    })
                );
                if !left_ok || !right_ok {
                    return Err(error(
                        "OR needs a term on each side, and cannot join an excluded term (to find the word OR, quote it: \"OR\")",
                    ));
                }
                joining = true;
            }
            Token::Text { text, excluded } => {
                let Some(term) = Term::new(text) else {
                    continue;
                };
                if *excluded {
                    parsed.excluded.push(term);
                } else if joining {
                    parsed
                        .groups
                        .last_mut()
                        .expect("OR has a left side")
                        .push(term);
                } else {
                    parsed.groups.push(vec![term]);
                }
                joining = false;
            }
        }
    }
    if parsed.groups.is_empty() {
        return Err(error(if parsed.excluded.is_empty() {
            "nothing to search for".to_owned()
        } else {
            "every term is excluded: give at least one term to find".to_owned()
        }));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(q: &Query) -> (Vec<Vec<&str>>, Vec<&str>) {
        (
            q.groups
                .iter()
                .map(|g| g.iter().map(|t| t.written.as_str()).collect())
                .collect(),
            q.excluded.iter().map(|t| t.written.as_str()).collect(),
        )
    }

    #[test]
    fn and_or_not_and_quotes() {
        let q = parse(r#"食品抽检 合格率 OR 达标率 -监管 "质量 认证" -"a b""#).unwrap();
        assert_eq!(
            written(&q),
            (
                vec![
                    vec!["食品抽检"],
                    vec!["合格率", "达标率"],
                    vec!["质量 认证"]
                ],
                vec!["监管", "a b"]
            )
        );
        assert_eq!(q.groups[2][0].form, "质量认证".chars().collect::<Vec<_>>());
    }

    #[test]
    fn colons_brackets_and_stars_are_text() {
        let q = parse("质量:认证 (一) a*").unwrap();
        assert_eq!(
            written(&q).0,
            vec![vec!["质量:认证"], vec!["(一)"], vec!["a*"]]
        );
    }

    #[test]
    fn malformed_queries_are_errors() {
        for bad in [
            "",
            "  ",
            "OR 质量",
            "质量 OR",
            "质量 OR OR 认证",
            "-监管",
            "质量 -",
            "\"质量",
            "\"\"",
            "a OR -b",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be an error");
        }
        assert!(parse("\"OR\" \"-\"").is_ok());
    }

    #[test]
    fn ascii_terms_match_as_words() {
        let q = parse("GDP").unwrap();
        let t = &q.groups[0][0];
        assert!(!t.exact());
        assert_eq!(t.occurrences(&SearchForm::new("GDP增长，GDPR")).len(), 1);
        let percent = &parse("5%").unwrap().groups[0][0];
        assert!(percent.occurrences(&SearchForm::new("增长15%")).is_empty());
        assert_eq!(percent.occurrences(&SearchForm::new("增长5%")).len(), 1);
        let han = &parse("025年").unwrap().groups[0][0];
        assert!(han.exact());
        assert_eq!(han.occurrences(&SearchForm::new("到2025年")).len(), 1);
    }
}
