//! zhengce (政策): turns Chinese government policy documents into data.
//!
//! The pipeline, one module per stage (see `docs/ARCHITECTURE.md`):
//!
//! ```text
//! bytes ─decode─▶ text ─structure (normalize)─▶ Document ─extract─▶ Document ─output─▶ outline / JSON Lines
//! ```
//!
//! - [`decode`]: bytes → text, by BOM, strict UTF-8, then GB18030, reporting the rule;
//! - [`normalize`]: width folding for recognition and text that maps back to the source;
//! - [`structure`]: metadata, clause tree and diagnostics;
//! - [`extract`]: agencies with roles, quantities and targets of each clause;
//! - [`model`]: the serde types that are the JSON contract;
//! - [`output`]: the terminal outline and the JSON printer over the same [`model::Document`];
//! - [`cli`]: argument parsing and one file per subcommand.
//!
//! ```
//! let doc = zhengce::parse_bytes("一、总体要求\n（一）强化责任。\n".as_bytes(), None, "-").unwrap();
//! assert_eq!(doc.clauses.len(), 2);
//! ```

pub mod cli;
pub mod corpus;
pub mod decode;
pub mod diff;
pub mod error;
pub mod exit_code;
pub mod extract;
pub mod index;
pub mod input;
pub mod model;
pub mod normalize;
pub mod output;
pub mod search;
pub mod structure;

use std::path::Path;

pub use error::{Error, Result};

use crate::error::Source;

/// Decodes and parses one input held in memory, with the built-in agency names. `source`
/// is the name JSON reports.
pub fn parse_bytes(
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
    source: &str,
) -> Result<model::Document> {
    parse_bytes_with(bytes, forced, source, extract::names::Names::builtin())
}

/// [`parse_bytes`] with a given list of agency names.
pub fn parse_bytes_with(
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
    source: &str,
    names: &extract::names::Names,
) -> Result<model::Document> {
    let origin = if source == "-" {
        Source::Stdin
    } else {
        Source::Path(source.into())
    };
    let decoded = decode::decode(bytes, forced, &origin)?;
    let mut doc = structure::parse(&decoded, source);
    extract::extract(&mut doc, names);
    Ok(doc)
}

/// The bytes of a file or of standard input; a directory is an error that says so.
pub fn read_source(source: &Source) -> Result<Vec<u8>> {
    let bytes = match source {
        Source::Path(path) if path.is_dir() => return Err(Error::IsDirectory(source.clone())),
        Source::Path(path) => std::fs::read(path),
        Source::Stdin => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map(|_| bytes)
        }
    };
    bytes.map_err(|cause| Error::Read {
        source_name: source.clone(),
        cause,
    })
}

/// Reads, decodes and parses one file, with the built-in agency names.
pub fn parse_file(
    path: &Path,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<model::Document> {
    parse_file_with(path, forced, extract::names::Names::builtin())
}

/// [`parse_file`] with a given list of agency names.
pub fn parse_file_with(
    path: &Path,
    forced: Option<&'static encoding_rs::Encoding>,
    names: &extract::names::Names,
) -> Result<model::Document> {
    let source = Source::Path(path.to_path_buf());
    let bytes = read_source(&source)?;
    let decoded = decode::decode(&bytes, forced, &source)?;
    let mut doc = structure::parse(&decoded, &path.display().to_string());
    extract::extract(&mut doc, names);
    Ok(doc)
}
