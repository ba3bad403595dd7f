//! The clause tree: nesting from marker styles, ids, headings, and numbering diagnostics.
//!
//! Nesting follows the styles, never indentation: a style already open on the path closes
//! everything below it (a new sibling); a new style nests under the current clause, unless
//! convention ranks it above (第X章 after 第X条 closes the 条). Convention ranks
//! 编 > 章 > 节 > 条 > 一、 > （一） > 1． > （1） > 1） > ①, which also makes hybrids work
//! (第X章 chapters holding 一、 items).

use std::collections::HashMap;

use crate::model::{Clause, Diagnostic, DiagnosticKind, Lines, MarkerStyle, Span};
use crate::normalize::MappedText;
use crate::structure::markers::Marker;

/// Headings longer than this are sentences, not titles.
const MAX_HEADING_CHARS: usize = 40;

/// A clause being built: its marker, and its own text so far.
pub(crate) struct OpenClause {
    pub marker: Marker,
    pub text: MappedText,
    pub lines: Lines,
    pub start: usize,
    pub end: usize,
}

/// Builds clauses in document order.
#[derive(Default)]
pub(crate) struct TreeBuilder {
    clauses: Vec<Clause>,
    /// Indices (into `clauses`) of the open path, top level first.
    path: Vec<usize>,
    /// How many clauses took each base id so far ("1.2" → 3 means "1.2", "1.2~2" and
    /// "1.2~3" are taken), so a repeated number finds its free id at once. Base ids never
    /// hold `~`, so "base~n" cannot collide with another base.
    ids: HashMap<String, u32>,
    /// The last clause (index) of each style under each parent (`None`: top level), for
    /// numbering checks without searching back through the document.
    last_child: HashMap<(Option<usize>, MarkerStyle), usize>,
    /// The last number seen in each style anywhere, for numbering that runs on across
    /// parents.
    last_in_style: HashMap<MarkerStyle, u32>,
    pub diagnostics: Vec<Diagnostic>,
}

impl TreeBuilder {
    pub(crate) fn push(&mut self, open: OpenClause) {
        let style = open.marker.style;
        if let Some(at) = self
            .path
            .iter()
            .position(|&i| self.clauses[i].style == style)
        {
            self.path.truncate(at);
        } else {
            while self
                .path
                .last()
                .is_some_and(|&i| self.clauses[i].style > style)
            {
                self.path.pop();
            }
        }
        let parent_index = self.path.last().copied();
        let previous_sibling = self
            .last_child
            .insert((parent_index, style), self.clauses.len())
            .map(|i| &self.clauses[i]);
        let diagnostic = self.check_numbering(&open, previous_sibling);
        self.diagnostics.extend(diagnostic);

        let parent = parent_index.map(|i| &self.clauses[i]);
        let mut labels = parent.map(|p| p.labels.clone()).unwrap_or_default();
        labels.push(open.marker.label.clone());
        let mut numbers = parent.map(|p| p.numbers.clone()).unwrap_or_default();
        numbers.push(open.marker.number);
        let mut base = numbers
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(".");
        if let Some(sub) = open.marker.sub {
            base = format!("{base}-{sub}");
        }
        let uses = self.ids.entry(base.clone()).or_insert(0);
        *uses += 1;
        let id = match *uses {
            1 => base,
            repeat => format!("{base}~{repeat}"),
        };
        let (text, origin) = open.text.into_parts();
        let clause = Clause {
            id,
            parent: parent.map(|p| p.id.clone()),
            labels,
            numbers,
            level: self.path.len() + 1,
            style,
            heading: heading(&text),
            text,
            lines: open.lines,
            span: Span::chars(open.start, open.end),
            agencies: Vec::new(),
            quantities: Vec::new(),
            targets: Vec::new(),
            origin,
        };
        self.last_in_style.insert(style, open.marker.number);
        self.path.push(self.clauses.len());
        self.clauses.push(clause);
    }

    /// Compares a clause's number with its previous sibling of its style, or for a first
    /// child with 1 and with the last number of its style (numbering that runs on across
    /// parents).
    fn check_numbering(
        &self,
        open: &OpenClause,
        previous_sibling: Option<&Clause>,
    ) -> Option<Diagnostic> {
        let number = open.marker.number;
        let label = &open.marker.label;
        let line = Some(open.lines.start);
        let diagnostic = match previous_sibling {
            Some(prev) => {
                let last = *prev.numbers.last().expect("clauses have numbers");
                let prev_label = prev.labels.last().expect("clauses have labels");
                if number == last + 1 || open.marker.sub.is_some() {
                    None
                } else if number == last {
                    Some((
                        DiagnosticKind::NumberingDuplicate,
                        format!("{label} repeats {prev_label}"),
                    ))
                } else if number > last {
                    Some((
                        DiagnosticKind::NumberingGap,
                        format!("{label} follows {prev_label}: numbers skipped"),
                    ))
                } else {
                    Some((
                        DiagnosticKind::NumberingOrder,
                        format!("{label} follows {prev_label}: out of order"),
                    ))
                }
            }
            None => {
                let runs_on = self.last_in_style.get(&open.marker.style).map(|n| n + 1);
                if number == 1 || Some(number) == runs_on {
                    None
                } else {
                    Some((
                        DiagnosticKind::NumberingGap,
                        format!("{label} is the first of its level here but neither 1 nor the next after its style's last number"),
                    ))
                }
            }
        };
        diagnostic.map(|(kind, message)| Diagnostic {
            kind,
            line,
            message,
        })
    }

    pub(crate) fn finish(self) -> (Vec<Clause>, Vec<Diagnostic>) {
        (self.clauses, self.diagnostics)
    }
}

/// The short title after the label: the first sentence up to 。, or a first paragraph
/// that has no sentence end, when it is short and has no comma (a sentence is not a title).
fn heading(text: &str) -> Option<String> {
    let first = text.split('\n').next().unwrap_or("");
    let candidate = match first.find('。') {
        Some(end) => &first[..end],
        None => first,
    };
    let candidate = candidate.trim_end_matches([':', '：']).trim();
    let chars = candidate.chars().count();
    let is_title = (1..=MAX_HEADING_CHARS).contains(&chars)
        && !candidate.contains(['，', ',', '；', ';', '：', ':']);
    is_title.then(|| candidate.to_string())
}

#[cfg(test)]
mod tests {
    use super::heading;

    #[test]
    fn headings() {
        assert_eq!(heading("总体要求").as_deref(), Some("总体要求"));
        assert_eq!(
            heading("强化市场主体责任。市场主体…").as_deref(),
            Some("强化市场主体责任")
        );
        assert_eq!(
            heading("大力推广质量管理先进标准和方法。").as_deref(),
            Some("大力推广质量管理先进标准和方法")
        );
        assert_eq!(heading("为了规范质量工作，制定本条例。"), None);
        assert_eq!(
            heading("以习近平新时代中国特色社会主义思想为指导，全面贯彻…"),
            None
        );
        assert_eq!(
            heading("基本原则：\n--创新驱动").as_deref(),
            Some("基本原则")
        );
        assert_eq!(heading(""), None);
    }
}
