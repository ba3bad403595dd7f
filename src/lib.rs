//! zhengce (政策): turns Chinese government policy documents into data.
//!
//! The pipeline, one module per stage (see `docs/ARCHITECTURE.md`):
//!
//! ```text
//! bytes ─decode─▶ text ─structure (normalize)─▶ Document ─extract─▶ Document ─output─▶ outline / JSON Lines
//! ```
//!
//! - [`formats`]: which kind of file (text, Markdown, HTML, DOCX, PDF, by content) and
//!   the text its reader produces;
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
pub mod export;
pub mod extract;
pub mod formats;
pub mod index;
pub mod input;
pub mod lineage;
pub mod model;
pub mod normalize;
pub mod output;
pub mod search;
pub mod structure;

use std::path::Path;

pub use error::{Error, Result};

use crate::error::Source;

/// Reads (any format, detected by content), parses and extracts one input held in
/// memory, with the built-in agency names. `source` is the name JSON reports.
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
    let options = formats::ReadOptions {
        encoding: forced,
        format: None,
    };
    parse_bytes_as(bytes, &options, source, names)
}

/// [`parse_bytes`] with `--encoding`/`--format` as given and a list of agency names.
pub fn parse_bytes_as(
    bytes: &[u8],
    options: &formats::ReadOptions,
    source: &str,
    names: &extract::names::Names,
) -> Result<model::Document> {
    let origin = if source == "-" || source == "<stdin>" {
        Source::Stdin
    } else {
        Source::Path(source.into())
    };
    let read = formats::read(bytes, options, &origin)?;
    Ok(parse_read(&read, source, names))
}

/// Parses and extracts text a format reader produced.
pub fn parse_read(
    read: &formats::ReadText,
    source: &str,
    names: &extract::names::Names,
) -> model::Document {
    let mut doc = structure::parse(&read.decoded, source);
    doc.format = read.format;
    extract::extract(&mut doc, names);
    doc
}

/// The most bytes one input may have unless `ZHENGCE_MAX_DOCUMENT_MB` says otherwise.
/// A document is parsed whole (its tree, headings and targets need all of it), and its
/// model takes about ten times its bytes: 64 MB keeps one document under a gigabyte, and is
/// a hundred times the longest policy document in the corpus. A bigger file is a
/// collection in one file, or not a document at all.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 64 << 20;

/// The limit in force: `ZHENGCE_MAX_DOCUMENT_MB` (whole megabytes) or the default.
pub fn max_document_bytes() -> u64 {
    std::env::var("ZHENGCE_MAX_DOCUMENT_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&mb| mb > 0)
        .map_or(DEFAULT_MAX_DOCUMENT_BYTES, |mb| mb.saturating_mul(1 << 20))
}

/// The bytes of a file or of standard input; a directory is an error that says so, and
/// so is an input above [`max_document_bytes`], found before it is read.
pub fn read_source(source: &Source) -> Result<Vec<u8>> {
    let limit = max_document_bytes();
    let too_large = |size| Error::TooLarge {
        source_name: source.clone(),
        size,
        limit,
    };
    let read_error = |cause| Error::Read {
        source_name: source.clone(),
        cause,
    };
    let mut bytes = Vec::new();
    match source {
        Source::Path(path) if path.is_dir() => return Err(Error::IsDirectory(source.clone())),
        Source::Path(path) => {
            let file = std::fs::File::open(path).map_err(read_error)?;
            let size = file.metadata().map_err(read_error)?.len();
            if size > limit {
                return Err(too_large(Some(size)));
            }
            bytes.reserve(size as usize);
            std::io::Read::read_to_end(&mut std::io::Read::take(file, limit + 1), &mut bytes)
                .map_err(read_error)?;
        }
        Source::Stdin => {
            let stdin = std::io::stdin().lock();
            std::io::Read::read_to_end(&mut std::io::Read::take(stdin, limit + 1), &mut bytes)
                .map_err(read_error)?;
        }
    }
    if bytes.len() as u64 > limit {
        // Stdin, or a file that grew while read: read up to the limit only.
        return Err(too_large(None));
    }
    Ok(bytes)
}

/// Reads (any format), parses and extracts one file, with the built-in agency names.
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
    let options = formats::ReadOptions {
        encoding: forced,
        format: None,
    };
    parse_file_as(path, &options, names)
}

/// [`parse_file`] with `--encoding`/`--format` as given and a list of agency names.
pub fn parse_file_as(
    path: &Path,
    options: &formats::ReadOptions,
    names: &extract::names::Names,
) -> Result<model::Document> {
    let source = Source::Path(path.to_path_buf());
    let bytes = read_source(&source)?;
    let read = formats::read(&bytes, options, &source)?;
    Ok(parse_read(&read, &path.display().to_string(), names))
}
