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

/// Escapes characters that would act on a terminal instead of being shown. A tab (between
/// the cells of a table row) is shown as a space: a terminal would move it to its next
/// stop, past the width the line was fitted to.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(|c| is_hidden(c) && c != '\n') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c == '\t' {
            out.push(' ');
        } else if is_hidden(c) && c != '\n' {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that act on a terminal or a reader instead of being seen: C0 and C1
/// controls (ESC, BEL, CSI…), bidi controls that reorder what follows (U+061C, U+200E/F,
/// U+202A–202E, U+2066–2069), zero-width and invisible characters (U+200B–200D, U+2060–2064,
/// U+FEFF, soft hyphen U+00AD, Mongolian vowel separator U+180E, combining grapheme
/// joiner U+034F), line and paragraph separators (U+2028/9), interlinear annotation marks
/// (U+FFF9–FFFB), tag characters (U+E0000–E007F) and the Hangul fillers that render as
/// blanks (U+115F, U+1160, U+3164, U+FFA0). Line feed and tab count here too; callers
/// that keep them say so.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{3164}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hidden_class_is_escaped() {
        for c in [
            '\u{1b}',
            '\u{7}',
            '\u{9b}',
            '\u{61c}',
            '\u{200b}',
            '\u{200e}',
            '\u{202e}',
            '\u{2060}',
            '\u{2064}',
            '\u{2067}',
            '\u{ad}',
            '\u{e0041}',
            '\u{115f}',
            '\u{3164}',
            '\u{ffa0}',
            '\u{2028}',
            '\u{feff}',
        ] {
            let shown = sanitize(&format!("甲{c}乙"));
            assert_eq!(shown, format!("甲\\u{{{:x}}}乙", c as u32));
        }
        // A line feed stays; a tab between a table row's cells shows as a space.
        assert_eq!(sanitize("第一条\n质量\tGDP"), "第一条\n质量 GDP");
    }
}
