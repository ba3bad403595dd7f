//! zhengce (政策): turns Chinese government policy documents into data.
//!
//! The pipeline, one module per stage (see `docs/ARCHITECTURE.md`):
//!
//! ```text
//! bytes ─decode─▶ text ─structure (normalize)─▶ Document ─output─▶ outline / JSON Lines
//! ```
//!
//! - [`decode`]: bytes → text, by BOM, strict UTF-8, then GB18030, reporting the rule;
//! - [`normalize`]: width folding for recognition and text that maps back to the source;
//! - [`structure`]: metadata, clause tree and diagnostics;
//! - [`model`]: the serde types that are the JSON contract;
//! - [`output`]: the terminal outline and the JSON printer over the same [`model::Document`];
//! - [`cli`]: argument parsing and one file per subcommand.
//!
//! ```
//! let doc = zhengce::parse_bytes("一、总体要求\n（一）强化责任。\n".as_bytes(), None, "-").unwrap();
//! assert_eq!(doc.clauses.len(), 2);
//! ```

pub mod cli;
pub mod decode;
pub mod error;
pub mod exit_code;
pub mod model;
pub mod normalize;
pub mod output;
pub mod structure;

use std::path::Path;

pub use error::{Error, Result};

use crate::error::Source;

/// Decodes and parses one input held in memory. `source` is the name JSON reports.
pub fn parse_bytes(
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
    source: &str,
) -> Result<model::Document> {
    let origin = if source == "-" {
        Source::Stdin
    } else {
        Source::Path(source.into())
    };
    let decoded = decode::decode(bytes, forced, &origin)?;
    Ok(structure::parse(&decoded, source))
}

/// Reads, decodes and parses one file.
pub fn parse_file(
    path: &Path,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<model::Document> {
    let source = Source::Path(path.to_path_buf());
    if path.is_dir() {
        return Err(Error::IsDirectory(source));
    }
    let bytes = std::fs::read(path).map_err(|cause| Error::Read {
        source_name: source.clone(),
        cause,
    })?;
    let decoded = decode::decode(&bytes, forced, &source)?;
    Ok(structure::parse(&decoded, &path.display().to_string()))
}
