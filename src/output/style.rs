//! Colour and escaping for the terminal. Colour is on only when the command's colour
//! choice resolved to it (a terminal, `NO_COLOR` unset, or `--color always`); control,
//! zero-width and bidi characters in document text are escaped before they reach a
//! terminal, so a hostile file cannot move the cursor or reorder what is shown.
//!
//! ```
//! use zhengce::output::style::sanitize;
//! assert_eq!(sanitize("质量\u{202E}abc\u{1b}[2J"), "质量\\u{202e}abc\\u{1b}[2J");
//! ```

use std::fmt::Write;

/// The few styles the printers use.
#[derive(Debug, Clone, Copy)]
pub enum Paint {
    Label,
    Heading,
    Dim,
    Warning,
    Error,
    Title,
    /// A search match inside a snippet.
    Match,
    /// A document's short name.
    Name,
}

impl Paint {
    fn code(self) -> &'static str {
        match self {
            Paint::Label => "1;36",
            Paint::Heading => "1",
            Paint::Dim => "2",
            Paint::Warning => "33",
            Paint::Error => "1;31",
            Paint::Title => "1;32",
            Paint::Match => "1;31",
            Paint::Name => "35",
        }
    }
}

/// Applies styles when colour is on.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    pub color: bool,
}

impl Painter {
    /// `text` in `paint`, sanitized.
    pub fn paint(&self, paint: Paint, text: &str) -> String {
        let text = sanitize(text);
        if self.color {
            format!("\x1b[{}m{}\x1b[0m", paint.code(), text)
        } else {
            text
        }
    }
}

/// Escapes characters that would act on a terminal instead of being shown.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let dangerous = (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}');
        if dangerous {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}
