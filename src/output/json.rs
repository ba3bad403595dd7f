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
    // From keeps the kind of an I/O error (a closed pipe is not a failure).
    value.serialize(&mut serializer).map_err(io::Error::from)?;
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
            writer.write_all(&rest.as_bytes()[..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{:04x}", unit)?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// One JSON Lines stream of a command: every line is `{"type": …, "data": …}`, the first
/// a `begin` (schema version, command, zhengce version), the last an `end` (how many
/// messages and errors, time taken), as ripgrep frames its results. A script can tell
/// a complete stream from one cut short by a crash, and a failed input from no input.
pub struct Messages<W: Write> {
    out: W,
    command: &'static str,
    sent: usize,
    errors: usize,
    started: std::time::Instant,
}

#[derive(Serialize)]
struct Envelope<'a, T: Serialize + ?Sized> {
    #[serde(rename = "type")]
    kind: &'a str,
    data: &'a T,
}

#[derive(Serialize)]
struct Begin<'a, T: Serialize> {
    schema_version: u32,
    command: &'a str,
    zhengce: &'a str,
    #[serde(flatten)]
    about: T,
}

#[derive(Serialize)]
struct End<'a> {
    command: &'a str,
    /// Messages between `begin` and `end`, errors excluded.
    messages: usize,
    /// Inputs that could not be read.
    errors: usize,
    elapsed_ms: u64,
}

#[derive(Serialize)]
struct ErrorMessage<'a> {
    message: &'a str,
}

/// One message `{"type": kind, "data": data}`, for printers that frame their stream
/// themselves with [`write_begin`] and [`write_end`] (where [`Messages`] cannot own the
/// writer).
pub fn write_message<W: Write, T: Serialize + ?Sized>(
    out: &mut W,
    kind: &str,
    data: &T,
) -> io::Result<()> {
    write_line(out, &Envelope { kind, data })
}

/// The `begin` message of a command's stream.
pub fn write_begin<W: Write>(out: &mut W, command: &str) -> io::Result<()> {
    let begin = Begin {
        schema_version: crate::model::SCHEMA_VERSION,
        command,
        zhengce: env!("CARGO_PKG_VERSION"),
        about: NoFields {},
    };
    write_message(out, "begin", &begin)
}

/// The `end` message: `messages` sent between, `errors`, time since `started`.
pub fn write_end<W: Write>(
    out: &mut W,
    command: &str,
    messages: usize,
    errors: usize,
    started: std::time::Instant,
) -> io::Result<()> {
    let end = End {
        command,
        messages,
        errors,
        elapsed_ms: started.elapsed().as_millis() as u64,
    };
    write_message(out, "end", &end)
}

/// Nothing to add to `begin`.
#[derive(Serialize)]
pub struct NoFields {}

impl<W: Write> Messages<W> {
    /// Starts the stream with `begin`; `about` adds command-specific fields to it (an
    /// empty struct for none).
    pub fn begin<T: Serialize>(mut out: W, command: &'static str, about: T) -> io::Result<Self> {
        let begin = Begin {
            schema_version: crate::model::SCHEMA_VERSION,
            command,
            zhengce: env!("CARGO_PKG_VERSION"),
            about,
        };
        write_line(
            &mut out,
            &Envelope {
                kind: "begin",
                data: &begin,
            },
        )?;
        Ok(Messages {
            out,
            command,
            sent: 0,
            errors: 0,
            started: std::time::Instant::now(),
        })
    }

    /// One message of the command's own type (`document`, `target`, `hit`, …).
    pub fn send<T: Serialize + ?Sized>(&mut self, kind: &str, data: &T) -> io::Result<()> {
        self.sent += 1;
        write_line(&mut self.out, &Envelope { kind, data })
    }

    /// An input that could not be read; the same line also goes to standard error.
    pub fn error(&mut self, message: &str) -> io::Result<()> {
        self.errors += 1;
        write_line(
            &mut self.out,
            &Envelope {
                kind: "error",
                data: &ErrorMessage { message },
            },
        )
    }

    /// Ends the stream with `end` and flushes it.
    pub fn end(mut self) -> io::Result<W> {
        let end = End {
            command: self.command,
            messages: self.sent,
            errors: self.errors,
            elapsed_ms: self.started.elapsed().as_millis() as u64,
        };
        write_line(
            &mut self.out,
            &Envelope {
                kind: "end",
                data: &end,
            },
        )?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The underlying writer, so that a stream can be flushed (and errors printed after what
/// came before) like any output.
impl<W: Write> Write for Messages<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
