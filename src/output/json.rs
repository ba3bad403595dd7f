//! JSON Lines: one value per line, exactly as the model types serialize (see
//! `docs/json.md` for every field and the unit of offsets).

use std::io::{self, Write};

use serde::Serialize;

/// Writes one value as one line.
pub fn write_line<W: Write, T: Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::other)?;
    out.write_all(b"\n")
}
