//! JSON Lines: one value per line, exactly as the model types serialize (see
//! `docs/json.md` for every field and the unit of offsets).
//!
//! Strings keep the document's exact text, but the characters that act on a terminal
//! (C1 controls, bidi and invisible characters, see [`is_hidden`]) are written as `\uXXXX`
//! escapes rather than raw: `parse --json` printed to a terminal cannot move the cursor,
//! and a JSON reader gets the same string back.
//!
//! ```
//! let mut out = Vec::new();
//! zhengce::output::json::write_line(&mut out, &"质量\u{202e}\u{9b}").unwrap();
//! assert_eq!(out, b"\"\xe8\xb4\xa8\xe9\x87\x8f\\u202e\\u009b\"\n");
//! ```

use std::io::{self, Write};

use serde::Serialize;

use crate::output::style::is_hidden;

/// Writes one value as one line.
pub fn write_line<W: Write, T: Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, Escaping);
    value.serialize(&mut serializer).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// serde_json's compact output with hidden characters escaped (it escapes C0 controls
/// itself, and nothing else).
struct Escaping;

impl serde_json::ser::Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_hidden(c)) {
            writer.write_all(rest[..at].as_bytes())?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{:04x}", unit)?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}
