//! What changed in substance between aligned clauses: targets (same indicator with a new
//! value, comparator or year; added; dropped) and agencies (added, removed, role changed),
//! with renamed agencies counted as the same through their successor names.

use serde::Serialize;

use super::ClauseRef;
use crate::model::{Agency, AgencyRole, Clause, Target};

/// One target that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetChange {
    /// `raised`, `lowered` (the value moved, same unit), `changed` (comparator, year or
    /// unit), `added`, `removed`.
    pub change: &'static str,
    pub indicator: String,
    pub old: Option<Target>,
    pub new: Option<Target>,
    pub old_clause: Option<ClauseRef>,
    pub new_clause: Option<ClauseRef>,
}

/// One agency that changed in a clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyChange {
    /// `added`, `removed`, or `role` (e.g. no longer the lead).
    pub change: &'static str,
    /// What the agency is today (successor, else canonical name, else as written).
    pub agency: String,
    /// As written in the old and the new clause.
    pub old_name: Option<String>,
    pub new_name: Option<String>,
    pub old_role: Option<AgencyRole>,
    pub new_role: Option<AgencyRole>,
    pub old_clause: Option<ClauseRef>,
    pub new_clause: Option<ClauseRef>,
}

fn fold(s: &str) -> String {
    super::inline::comparison_form(s).into_iter().collect()
}

/// The changes of targets between the old clauses and the new clauses of one group.
pub fn targets(old: &[&Clause], new: &[&Clause]) -> Vec<TargetChange> {
    let all = |side: &[&Clause]| -> Vec<(ClauseRef, Target)> {
        side.iter()
            .flat_map(|c| c.targets.iter().map(|t| (ClauseRef::of(c), t.clone())))
            .collect()
    };
    let (olds, news) = (all(old), all(new));
    let mut new_taken = vec![false; news.len()];
    let mut changes = Vec::new();
    for (oc, ot) in &olds {
        // The same indicator; else, failing that, the most similar indicator in the same unit.
        let same = |(j, (_, nt)): &(usize, &(ClauseRef, Target))| {
            !new_taken[*j] && fold(&nt.indicator) == fold(&ot.indicator)
        };
        let close = |(j, (_, nt)): &(usize, &(ClauseRef, Target))| {
            !new_taken[*j]
                && nt.unit == ot.unit
                && super::align::similarity(
                    &super::inline::comparison_form(&nt.indicator),
                    &super::inline::comparison_form(&ot.indicator),
                ) >= 0.5
        };
        let found = news
            .iter()
            .enumerate()
            .find(same)
            .or_else(|| news.iter().enumerate().find(close))
            .map(|(j, _)| j);
        let Some(j) = found else {
            changes.push(TargetChange {
                change: "removed",
                indicator: ot.indicator.clone(),
                old: Some(ot.clone()),
                new: None,
                old_clause: Some(oc.clone()),
                new_clause: None,
            });
            continue;
        };
        new_taken[j] = true;
        let (nc, nt) = &news[j];
        let change = if nt.unit == ot.unit && nt.value > ot.value {
            "raised"
        } else if nt.unit == ot.unit && nt.value < ot.value {
            "lowered"
        } else if nt.unit != ot.unit
            || nt.comparator != ot.comparator
            || nt.year != ot.year
            || nt.max != ot.max
        {
            "changed"
        } else {
            continue;
        };
        changes.push(TargetChange {
            change,
            indicator: nt.indicator.clone(),
            old: Some(ot.clone()),
            new: Some(nt.clone()),
            old_clause: Some(oc.clone()),
            new_clause: Some(nc.clone()),
        });
    }
    for (j, (nc, nt)) in news.iter().enumerate() {
        if !new_taken[j] {
            changes.push(TargetChange {
                change: "added",
                indicator: nt.indicator.clone(),
                old: None,
                new: Some(nt.clone()),
                old_clause: None,
                new_clause: Some(nc.clone()),
            });
        }
    }
    changes
}

/// What an agency is today: successor, else canonical name, else as written.
pub fn identity(a: &Agency) -> String {
    a.successor
        .clone()
        .or_else(|| a.canonical.clone())
        .unwrap_or_else(|| a.name.clone())
}

/// The changes of agencies between the old and the new clauses of one group. An agency
/// named several times counts once, with its strongest role.
pub fn agencies(old: &[&Clause], new: &[&Clause]) -> Vec<AgencyChange> {
    fn strongest<'a>(side: &[&'a Clause]) -> Vec<(String, &'a Agency, ClauseRef)> {
        let mut by_identity: Vec<(String, &'a Agency, ClauseRef)> = Vec::new();
        for c in side {
            for a in &c.agencies {
                let id = identity(a);
                match by_identity.iter_mut().find(|(i, _, _)| *i == id) {
                    Some(entry) if a.role < entry.1.role => {
                        entry.1 = a;
                        entry.2 = ClauseRef::of(c);
                    }
                    Some(_) => {}
                    None => by_identity.push((id, a, ClauseRef::of(c))),
                }
            }
        }
        by_identity
    }
    let (olds, news) = (strongest(old), strongest(new));
    let mut changes = Vec::new();
    for (id, oa, oc) in &olds {
        match news.iter().find(|(i, _, _)| i == id) {
            None => changes.push(AgencyChange {
                change: "removed",
                agency: id.clone(),
                old_name: Some(oa.name.clone()),
                new_name: None,
                old_role: Some(oa.role),
                new_role: None,
                old_clause: Some(oc.clone()),
                new_clause: None,
            }),
            Some((_, na, nc)) if na.role != oa.role => changes.push(AgencyChange {
                change: "role",
                agency: id.clone(),
                old_name: Some(oa.name.clone()),
                new_name: Some(na.name.clone()),
                old_role: Some(oa.role),
                new_role: Some(na.role),
                old_clause: Some(oc.clone()),
                new_clause: Some(nc.clone()),
            }),
            Some(_) => {}
        }
    }
    for (id, na, nc) in &news {
        if !olds.iter().any(|(i, _, _)| i == id) {
            changes.push(AgencyChange {
                change: "added",
                agency: id.clone(),
                old_name: None,
                new_name: Some(na.name.clone()),
                old_role: None,
                new_role: Some(na.role),
                old_clause: None,
                new_clause: Some(nc.clone()),
            });
        }
    }
    changes
}
