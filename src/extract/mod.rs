//! Extract: who is responsible for each clause and what numbers it commits to.
//!
//! Runs after [`crate::structure`] on a whole [`Document`] and fills each clause's
//! `agencies`, `quantities` and `targets`:
//! - [`quantity`]: every number in the text, with value, unit, qualifier;
//! - [`agency`]: the attribution parentheticals, split into names with roles;
//! - [`names`]: canonical names and successors from a data file;
//! - [`target`]: which quantities are goals, with indicator, comparator and year.
//!
//! Every span is mapped back to the source through [`Clause::origin`], so offsets are in
//! chars of the decoded source like all others.
//!
//! ```
//! let doc = zhengce::parse_bytes(
//!     "一、主要目标\n到2025年，食品抽检合格率达到98.5%以上。（省市场监管局负责）\n".as_bytes(),
//!     None,
//!     "-",
//! ).unwrap();
//! let target = &doc.clauses[0].targets[0];
//! assert_eq!((target.indicator.as_str(), target.value, target.year), ("食品抽检合格率", 98.5, Some(2025)));
//! assert_eq!(doc.clauses[0].agencies[0].name, "省市场监管局");
//! ```

pub mod agency;
pub mod names;
pub mod quantity;
pub mod table;
pub mod target;

use std::collections::HashMap;

use crate::model::{Agency, Clause, Document, MarkerStyle, Quantity, QuantityKind, Span, Target};
use crate::normalize::fold;

use names::{Jurisdiction, Names};

/// Fills `agencies`, `quantities` and `targets` of every clause of `doc`.
pub fn extract(doc: &mut Document, names: &Names) {
    let jurisdiction = Jurisdiction::from_texts(
        [
            &doc.issuer,
            &doc.title,
            &doc.document_title,
            &doc.doc_number,
        ]
        .into_iter()
        .filter_map(|t| t.as_deref()),
    );
    let mut lead_first = [&doc.notice, &doc.preamble]
        .into_iter()
        .filter_map(|t| t.as_deref())
        .any(agency::states_lead_first);
    let issued = issued_year(doc);
    let plan = [&doc.title, &doc.document_title]
        .into_iter()
        .filter_map(|t| t.as_deref())
        .any(target::is_plan_title)
        || doc
            .clauses
            .iter()
            .any(|c| c.heading.as_deref().is_some_and(target::is_goal_heading));
    // The deadline each clause hands down to its children: a goal section's
    // ("二、主要目标 到2025年，…："), else the one it received.
    let mut handed_down: HashMap<String, Option<(i32, bool)>> = HashMap::new();
    // Clauses that are articles of a law or regulation, or inside one.
    let mut in_article: HashMap<String, bool> = HashMap::new();
    for clause in &mut doc.clauses {
        // A convention stated in a clause holds from there on ("下同").
        lead_first = lead_first || agency::states_lead_first(&clause.text);
        let inherited = clause
            .parent
            .as_ref()
            .and_then(|p| handed_down.get(p).copied().flatten());
        let own = target::section_deadline(clause.heading.as_deref(), &clause.text, issued);
        handed_down.insert(clause.id.clone(), own.or(inherited));
        let article = clause.style == MarkerStyle::Tiao
            || clause
                .parent
                .as_ref()
                .is_some_and(|p| in_article.get(p).copied().unwrap_or(false));
        in_article.insert(clause.id.clone(), article);
        let context = target::Context {
            issued,
            inherited,
            goal_section: clause
                .heading
                .as_deref()
                .is_some_and(target::is_goal_heading),
            plan,
            article,
        };
        extract_clause(clause, names, &jurisdiction, lead_first, context);
    }
}

fn extract_clause(
    clause: &mut Clause,
    names: &Names,
    jurisdiction: &Jurisdiction,
    lead_first: bool,
    context: target::Context,
) {
    let chars: Vec<char> = clause.text.chars().collect();
    // One folded copy for the readers that compare folded text: attributions, book titles
    // and targets (the quantity scanner folds its own, keeping the full-width comma).
    let folded: Vec<char> = chars.iter().map(|&c| fold(c)).collect();
    let span = |a: usize, b: usize| source_span(&clause.origin, a, b);

    let attributions = agency::attributions_folded(&folded, lead_first);
    let mut no_targets_here: Vec<(usize, usize)> = attributions
        .iter()
        .filter_map(|names| Some((names.first()?.start, names.last()?.end)))
        .collect();
    no_targets_here.extend(book_titles(&folded));
    // Rows of a table are read by their columns, not as sentences.
    let table_rows = table::rows(&folded);
    no_targets_here.extend(&table_rows);
    clause.agencies = attributions
        .into_iter()
        .flatten()
        .map(|named| {
            let resolved = names.resolve(&named.name, jurisdiction);
            Agency {
                canonical: resolved.as_ref().map(|r| r.canonical.clone()),
                successor: resolved.and_then(|r| r.successor),
                span: span(named.start, named.end),
                name: named.name,
                role: named.role,
                generic: named.generic,
            }
        })
        .collect();

    // Ranks (第三) are quantities of their own kind, never goals: the target reader sees
    // only the others.
    let (ordinals, found): (Vec<_>, Vec<_>) = quantity::scan(&chars)
        .into_iter()
        .partition(|q| q.kind == QuantityKind::Ordinal);
    let mut targets: Vec<(target::Read, Option<String>)> =
        target::read(&folded, &chars, &found, &no_targets_here, context)
            .into_iter()
            .map(|t| (t, None))
            .collect();
    targets.extend(table::read(
        &folded,
        &chars,
        &table_rows,
        &found,
        context.issued,
    ));
    targets.sort_by_key(|(t, _)| found[t.quantity].start);
    let written = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    clause.targets = targets
        .into_iter()
        .map(|(t, unit)| {
            let q = &found[t.quantity];
            Target {
                text: written(t.text_start.min(q.start), q.end),
                indicator: t.indicator,
                value: q.value,
                max: q.max,
                unit: unit.unwrap_or_else(|| q.unit.clone()),
                comparator: t.comparator,
                year: t.year,
                year_implied: t.year_implied,
                binding: t.binding,
                span: span(q.start, q.end),
            }
        })
        .collect();
    let mut all = found;
    all.extend(ordinals);
    all.sort_by_key(|q| q.start);
    clause.quantities = all
        .into_iter()
        .map(|q| Quantity {
            text: written(q.start, q.end),
            value: q.value,
            max: q.max,
            unit: q.unit,
            bound: q.bound,
            kind: q.kind,
            approximate: q.approximate,
            span: span(q.start, q.end),
        })
        .collect();
}

/// The year the document was issued: of its signature date, else of its 文号 (〔2021〕).
fn issued_year(doc: &Document) -> Option<i32> {
    let from_number = || {
        let number = doc.doc_number.as_deref()?;
        let open = number.find('〔')? + '〔'.len_utf8();
        number.get(open..open + 4)?.parse().ok()
    };
    doc.date_year().or_else(from_number)
}

/// Char ranges inside 《…》: titles of other documents, whose numbers are not goals.
fn book_titles(folded: &[char]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut open = None;
    for (i, &c) in folded.iter().enumerate() {
        match c {
            '《' => open = Some(i),
            '》' => {
                if let Some(a) = open.take() {
                    ranges.push((a, i + 1));
                }
            }
            _ => {}
        }
    }
    ranges
}

/// Maps chars `a..b` of a clause's text to a span of the source.
fn source_span(origin: &[usize], a: usize, b: usize) -> Span {
    match (
        origin.get(a),
        b.checked_sub(1).and_then(|last| origin.get(last)),
    ) {
        (Some(&start), Some(&last)) if b > a => Span::chars(start, last + 1),
        (Some(&start), _) => Span::chars(start, start),
        _ => Span::chars(0, 0),
    }
}
