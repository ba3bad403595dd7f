//! What a document is cut into for search: its units. Every text of a document is in one
//! so that nothing it says is invisible to `search`: the title(s), each paragraph of the
//! cover notice and of the preamble, each numbered clause, each piece of set-apart text
//! (flagged as `excluded`, with its reason), and, as `paragraph` units, every line of the
//! source that none of these holds: the body of a 批复 or 复函 that has no numbered clause
//! when the structure reader put it nowhere, the 文号 line, the signature date.
//!
//! The units come from the [`Document`]'s fields; the source text is read only to find
//! what those fields leave out, line by line, so what the structure reader learns to
//! recognise later moves from `paragraph` to its own kind without a change here.

use serde::{Deserialize, Serialize};

use super::text::SearchForm;
use crate::model::{Agency, Document, ExcludedReason, Lines, MarkerStyle, Span, Target};
use crate::normalize::is_terminal;

/// What part of a document a unit is.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// The title the text is issued under, or the document's own title (id `title`,
    /// `title.2`).
    Title,
    /// A paragraph of the cover notice (印发通知) (id `notice.N`).
    Notice,
    /// A paragraph between the title and the first clause (id `preamble.N`).
    Preamble,
    /// A numbered clause (its id from the clause tree: `3.5`).
    Clause,
    /// Text of the source that no other unit holds (id `paragraph.N`).
    Paragraph,
    /// Text set apart as not part of the document, with a reason (id `excluded.N`).
    Excluded,
}

impl UnitKind {
    pub const ALL: [UnitKind; 6] = [
        UnitKind::Title,
        UnitKind::Notice,
        UnitKind::Preamble,
        UnitKind::Clause,
        UnitKind::Paragraph,
        UnitKind::Excluded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Title => "title",
            UnitKind::Notice => "notice",
            UnitKind::Preamble => "preamble",
            UnitKind::Clause => "clause",
            UnitKind::Paragraph => "paragraph",
            UnitKind::Excluded => "excluded",
        }
    }
}

/// One searchable unit. A clause keeps every field of [`crate::model::Clause`] but its
/// quantities; other kinds leave the clause-only fields empty.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Unit {
    pub kind: UnitKind,
    /// Unique within the document: a clause's id, else `kind.N` (`title` alone).
    pub id: String,
    pub parent: Option<String>,
    pub labels: Vec<String>,
    pub numbers: Vec<u32>,
    /// Depth in the clause tree; 0 for a unit that is not a clause.
    pub level: usize,
    pub style: Option<MarkerStyle>,
    pub heading: Option<String>,
    /// The unit's text: for a clause, its own text after its label.
    pub text: String,
    /// Why an `excluded` unit was set apart.
    pub reason: Option<ExcludedReason>,
    /// Where it is in the source, where the model says (clauses, excluded text, paragraphs).
    pub lines: Option<Lines>,
    pub span: Option<Span>,
    pub agencies: Vec<Agency>,
    pub targets: Vec<Target>,
}

impl Unit {
    fn plain(kind: UnitKind, id: String, text: String) -> Unit {
        Unit {
            kind,
            id,
            parent: None,
            labels: Vec::new(),
            numbers: Vec::new(),
            level: 0,
            style: None,
            heading: None,
            text,
            reason: None,
            lines: None,
            span: None,
            agencies: Vec::new(),
            targets: Vec::new(),
        }
    }

    /// What is searched: a clause's own label before its text, so 第十条 or "一、总体要求"
    /// finds the clause they label; any other unit's text as it is.
    pub fn searched_text(&self) -> std::borrow::Cow<'_, str> {
        searched_text(self.kind, &self.labels, &self.text)
    }

    /// How many chars of [`Unit::searched_text`] come before `text`.
    pub fn text_offset(&self) -> usize {
        match self.labels.last() {
            Some(label) if self.kind == UnitKind::Clause => label.chars().count(),
            _ => 0,
        }
    }
}

/// What is searched of a unit of `kind` with `labels` and `text`: see
/// [`Unit::searched_text`].
pub fn searched_text<'a>(
    kind: UnitKind,
    labels: &[String],
    text: &'a str,
) -> std::borrow::Cow<'a, str> {
    match labels.last() {
        Some(label) if kind == UnitKind::Clause => format!("{label}{text}").into(),
        _ => text.into(),
    }
}

/// The units of `doc`, in reading order: titles, notice, preamble, then clauses, set-apart
/// text and left-over paragraphs by their place in the source. `source` is the decoded text
/// the document was parsed from; without it no `paragraph` units are made.
pub fn units(doc: &Document, source: Option<&str>) -> Vec<Unit> {
    let mut front = Vec::new();
    let mut titles = Vec::new();
    for title in [&doc.title, &doc.document_title].into_iter().flatten() {
        if !title.trim().is_empty() && !titles.contains(title) {
            titles.push(title.clone());
        }
    }
    for (i, title) in titles.into_iter().enumerate() {
        let id = if i == 0 {
            "title".to_owned()
        } else {
            format!("title.{}", i + 1)
        };
        front.push(Unit::plain(UnitKind::Title, id, title));
    }
    for (kind, text) in [
        (UnitKind::Notice, &doc.notice),
        (UnitKind::Preamble, &doc.preamble),
    ] {
        let paragraphs = text.iter().flat_map(|t| t.split('\n'));
        for (i, p) in paragraphs.filter(|p| !p.trim().is_empty()).enumerate() {
            let id = format!("{}.{}", kind.as_str(), i + 1);
            front.push(Unit::plain(kind, id, p.to_owned()));
        }
    }

    // (first source line, unit): ordered by where they are.
    let mut placed: Vec<(usize, Unit)> = Vec::new();
    for c in &doc.clauses {
        placed.push((
            c.lines.start,
            Unit {
                kind: UnitKind::Clause,
                id: c.id.clone(),
                parent: c.parent.clone(),
                labels: c.labels.clone(),
                numbers: c.numbers.clone(),
                level: c.level,
                style: Some(c.style),
                heading: c.heading.clone(),
                text: c.text.clone(),
                reason: None,
                lines: Some(c.lines),
                span: Some(c.span),
                agencies: c.agencies.clone(),
                targets: c.targets.clone(),
            },
        ));
    }
    for (i, e) in doc.excluded.iter().enumerate() {
        let mut unit = Unit::plain(
            UnitKind::Excluded,
            format!("excluded.{}", i + 1),
            e.text.clone(),
        );
        unit.reason = Some(e.reason);
        unit.lines = Some(e.lines);
        unit.span = Some(e.span);
        placed.push((e.lines.start, unit));
    }
    if let Some(source) = source {
        let held: Vec<&Unit> = front.iter().collect();
        for (i, (line, text)) in left_over(source, &held, &placed).into_iter().enumerate() {
            let mut unit = Unit::plain(UnitKind::Paragraph, format!("paragraph.{}", i + 1), text);
            unit.lines = Some(line);
            placed.push((line.start, unit));
        }
    }
    placed.sort_by_key(|(line, _)| *line);
    front.extend(placed.into_iter().map(|(_, u)| u));
    front
}

/// The paragraphs of `source` that no unit holds: lines outside every clause and excluded
/// range whose text is not in a title, the notice or the preamble. Consecutive such lines
/// are one paragraph until a line ends a sentence, so a phrase broken by a hard line wrap
/// stays whole.
fn left_over(source: &str, front: &[&Unit], placed: &[(usize, Unit)]) -> Vec<(Lines, String)> {
    let line_count = source.split('\n').count();
    let mut covered = vec![false; line_count + 2];
    for (_, unit) in placed {
        if let Some(lines) = unit.lines {
            let end = lines.end.min(line_count);
            if lines.start <= end {
                covered[lines.start..=end].fill(true);
            }
        }
    }
    // One string of everything the front units say, in search form, each unit set off by
    // a char no search form has, so a line is never "found" across two of them.
    let held: String = front
        .iter()
        .map(|u| SearchForm::string_of(&u.text))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out: Vec<(Lines, String)> = Vec::new();
    let mut open = false;
    for (i, line) in source.split('\n').enumerate() {
        let number = i + 1;
        let held_elsewhere = covered[number] || {
            let form = SearchForm::string_of(line);
            form.is_empty() || held.contains(&form)
        };
        if held_elsewhere {
            open = false;
            continue;
        }
        let text = line.trim();
        match out.last_mut() {
            Some((lines, joined)) if open => {
                lines.end = number;
                joined.push_str(text);
            }
            _ => out.push((
                Lines {
                    start: number,
                    end: number,
                },
                text.to_owned(),
            )),
        }
        open = !text.chars().last().is_some_and(is_terminal);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        crate::structure::parse_text(text, "t.txt")
    }

    #[test]
    fn a_reply_without_clauses_is_all_in_units() {
        let text = "国务院关于同意某市城市总体规划的批复\n国函〔2018〕1号\n某省人民政府：\n你省《关于报请审批某市城市总体规划的请示》收悉。现批复如下：\n同意该规划。\n国务院\n2018年1月2日\n";
        let d = doc(text);
        let units = units(&d, Some(text));
        let all: String = units
            .iter()
            .map(|u| SearchForm::string_of(&u.searched_text()))
            .collect();
        for line in text.lines() {
            assert!(all.contains(&SearchForm::string_of(line)), "{line}");
        }
        let mut ids: Vec<&str> = units.iter().map(|u| u.id.as_str()).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "ids are unique");
    }

    #[test]
    fn a_wrapped_left_over_paragraph_is_one_unit() {
        let placed = [];
        let got = left_over("abc\n甲乙丙丁，\n戊己。\n\n庚辛", &[], &placed);
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["abc甲乙丙丁，戊己。", "庚辛"]);
        assert_eq!(got[0].0.start, 1);
        assert_eq!(got[0].0.end, 3);
    }

    #[test]
    fn a_clause_is_searched_with_its_label() {
        let text = "一、总体要求\n坚持质量第一。\n";
        let units = units(&doc(text), Some(text));
        let clause = units.iter().find(|u| u.kind == UnitKind::Clause).unwrap();
        assert!(clause.searched_text().starts_with("一、"));
        assert_eq!(clause.text_offset(), 2);
    }
}
