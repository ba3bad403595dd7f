//! What `targets` and `agencies` read of a clause: where it is (id, labels, heading), the
//! agencies it names and the targets it sets ([`ClauseFacts`]), one document at a time
//! ([`DocumentFacts`]), whether the clauses come from parsed files or from an index.
//!
//! The index keeps a clause's facts in a column (`facts`) and its document's summary in
//! another (`summary`), beside the stored unit: reading them costs no decompression of
//! stored text, which is what makes `targets --indicator 合格率` on a 1 GB index take a
//! fraction of a second ([`crate::search::facts`] reads them back). Only clauses that
//! name an agency or set a target have facts.
//!
//! ```
//! let doc = zhengce::parse_bytes("一、总体要求\n（一）到2025年，食品抽检合格率达到98%以上。（省市场监管局牵头）\n".as_bytes(), None, "a.txt").unwrap();
//! let facts = zhengce::index::facts::DocumentFacts::of(&doc, None);
//! assert_eq!(facts.clauses.len(), 1, "only the clause with a target or an agency");
//! assert_eq!(facts.clauses[0].id, "1.1");
//! assert_eq!(facts.clauses[0].targets[0].indicator, "食品抽检合格率");
//! assert_eq!(facts.clauses[0].agencies[0].name, "省市场监管局");
//! ```

use serde::{Deserialize, Serialize};

use super::text::SearchForm;
use super::units::{searched_text, Unit, UnitKind};
use super::DocumentSummary;
use crate::model::{Agency, Clause, Document, Target};
use crate::search::Query;

/// A clause as the row commands see it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClauseFacts {
    pub id: String,
    pub labels: Vec<String>,
    pub heading: Option<String>,
    pub agencies: Vec<Agency>,
    pub targets: Vec<Target>,
}

impl ClauseFacts {
    pub fn of_clause(clause: &Clause) -> ClauseFacts {
        ClauseFacts {
            id: clause.id.clone(),
            labels: clause.labels.clone(),
            heading: clause.heading.clone(),
            agencies: clause.agencies.clone(),
            targets: clause.targets.clone(),
        }
    }

    /// The facts of a unit: `None` for a unit that is not a clause, or names no agency
    /// and sets no target.
    pub fn of_unit(unit: &Unit) -> Option<ClauseFacts> {
        (unit.kind == UnitKind::Clause && !(unit.agencies.is_empty() && unit.targets.is_empty()))
            .then(|| ClauseFacts {
                id: unit.id.clone(),
                labels: unit.labels.clone(),
                heading: unit.heading.clone(),
                agencies: unit.agencies.clone(),
                targets: unit.targets.clone(),
            })
    }

    /// Whether the clause has what a command reads: a target, or an agency.
    pub fn holds(&self, what: Holding) -> bool {
        match what {
            Holding::Targets => !self.targets.is_empty(),
            Holding::Agencies => !self.agencies.is_empty(),
        }
    }
}

/// What a row command reads of its clauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holding {
    Targets,
    Agencies,
}

/// One document's clauses with facts, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentFacts {
    pub document: DocumentSummary,
    pub clauses: Vec<ClauseFacts>,
}

impl DocumentFacts {
    /// The clauses of `doc` that name an agency or set a target and, with `query`, match
    /// it as `search` would: the clause's label and text contain what the query asks for.
    pub fn of(doc: &Document, query: Option<&Query>) -> DocumentFacts {
        let clauses = doc
            .clauses
            .iter()
            .filter(|c| !(c.agencies.is_empty() && c.targets.is_empty()))
            .filter(|c| {
                query.is_none_or(|q| {
                    q.matches(&SearchForm::new(&searched_text(
                        UnitKind::Clause,
                        &c.labels,
                        &c.text,
                    )))
                })
            })
            .map(ClauseFacts::of_clause)
            .collect();
        DocumentFacts {
            document: DocumentSummary::of(doc),
            clauses,
        }
    }
}
