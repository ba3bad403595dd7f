//! Output: printers over the model types. The pipeline never asks which printer is in use;
//! the command picks one. The outline is for people (colour only on a terminal, untrusted
//! text escaped); JSON Lines are for scripts (exact text, never coloured).

pub mod diff;
pub mod fit;
pub mod json;
pub mod outline;
pub mod pager;
pub mod style;
pub mod table;

use std::io;

/// The width to fit terminal output in: the terminal's columns when standard output is
/// one (else `COLUMNS`, else 80), `None` when output goes to a file or a pipe, which gets
/// every cell whole. Read before a pager takes standard output over, so paged output
/// fits the screen too.
pub fn terminal_width() -> Option<usize> {
    pager::terminal().columns.map(|c| c.max(20))
}

/// Whether standard output is a terminal (or a pager showing on one).
pub fn stdout_is_terminal() -> bool {
    pager::terminal().is_terminal
}

/// Whether an I/O error means the reader went away (`zhengce … | head`): not an error.
pub fn is_broken_pipe(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::BrokenPipe
}

/// 120000, 98.5, 3–5: numbers as a reader writes them.
pub fn format_range(value: f64, max: Option<f64>) -> String {
    match max {
        Some(max) => format!("{}–{}", format_number(value), format_number(max)),
        None => format_number(value),
    }
}

/// A number without a trailing `.0`.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

/// The sign a target's comparator is shown with, followed by a space: `>= `, `~ `; empty
/// for `=` and ranges, which read by themselves.
pub fn comparator_prefix(comparator: crate::model::Comparator) -> String {
    use crate::model::Comparator;
    match comparator {
        Comparator::Eq | Comparator::Between => String::new(),
        other => format!("{} ", other.as_str()),
    }
}

/// A target as one phrase: `>= 98.5% by 2025`.
pub fn target_value(t: &crate::model::Target) -> String {
    let by = t.year.map(|y| format!(" by {y}")).unwrap_or_default();
    format!(
        "{}{}{}{by}",
        comparator_prefix(t.comparator),
        format_range(t.value, t.max),
        t.unit
    )
}
