//! Typed errors of the library. Messages are lowercase without a trailing period and name
//! the file first, so the binary prints one readable line: `zhengce: a.txt: binary file
//! (NUL byte at byte 812)`.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Where the bytes came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Path(PathBuf),
    Stdin,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Path(p) => write!(f, "{}", p.display()),
            Source::Stdin => f.write_str("<stdin>"),
        }
    }
}

/// Everything that can go wrong with one input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{source_name}: cannot read: {cause}")]
    Read {
        source_name: Source,
        cause: io::Error,
    },
    #[error("{}: cannot write: {cause}", path.display())]
    Write { path: PathBuf, cause: io::Error },
    #[error("{0}: is a directory")]
    IsDirectory(Source),
    /// Bigger than any one document: a whole collection in one file, or not a document.
    /// `size` is unknown for standard input, read only up to the limit.
    #[error("{source_name}: too large for one document ({}): split it, or raise the limit with ZHENGCE_MAX_DOCUMENT_MB", over_limit(*size, *limit))]
    TooLarge {
        source_name: Source,
        size: Option<u64>,
        limit: u64,
    },
    #[error("{source_name}: binary file (NUL byte at byte {offset})")]
    Binary { source_name: Source, offset: usize },
    #[error("{source_name}: looks like UTF-16 without a byte-order mark: read it with --encoding {label}")]
    Utf16WithoutBom {
        source_name: Source,
        label: &'static str,
    },
    #[error("{source_name}: decode: not UTF-8 and not GB18030 ({invalid} invalid sequences, first at byte {first})")]
    Undecodable {
        source_name: Source,
        invalid: usize,
        first: usize,
    },
    #[error(
        "{source_name}: decode: {invalid} invalid {encoding} sequences, first at byte {first}"
    )]
    InvalidForEncoding {
        source_name: Source,
        encoding: &'static str,
        invalid: usize,
        first: usize,
    },
    #[error("{source_name}: decode: mostly control characters, not text")]
    NotText { source_name: Source },
    #[error("{0}: no documents in this folder (.txt, .md, .html, .docx, .pdf)")]
    NoDocuments(Source),
    /// A format zhengce does not read, with how to convert it.
    #[error("{source_name}: {what}: {how}")]
    UnsupportedFormat {
        source_name: Source,
        what: &'static str,
        how: String,
    },
    /// The name promises one format, the bytes are another (often an error page saved
    /// under a document's name).
    #[error("{source_name}: named .{extension} but is {found} (use --format to read it as that)")]
    FormatMismatch {
        source_name: Source,
        extension: String,
        found: &'static str,
    },
    #[error("{source_name}: damaged {format} file: {why}")]
    Damaged {
        source_name: Source,
        format: &'static str,
        why: String,
    },
    #[error("{source_name}: {why}")]
    NoText {
        source_name: Source,
        why: &'static str,
    },
    #[error("{source_name}: encrypted PDF: it needs a password (decrypt it first, e.g. `qpdf --decrypt --password=… in.pdf out.pdf`)")]
    Encrypted { source_name: Source },
    #[error("{source_name}: cannot read PDF: install poppler-utils (pdftotext){}", detail.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    MissingTool {
        source_name: Source,
        detail: Option<String>,
    },
    #[error("--glob '{pattern}': {why}")]
    BadGlob { pattern: String, why: String },
    #[error("{source_name}: line {line}: {why}")]
    NamesFile {
        source_name: Source,
        line: usize,
        why: String,
    },
    /// A line of a `diff --pairs` file that cannot be read.
    #[error("{source_name}: line {line}: {why}")]
    PairsFile {
        source_name: Source,
        line: usize,
        why: String,
    },
    #[error("{}: no index here (make one with `zhengce index --index {} PATH…`)", .0.display(), .0.display())]
    NoIndex(PathBuf),
    #[error("{}: another zhengce is writing to this index; try again when it has finished", .0.display())]
    IndexBusy(PathBuf),
    #[error("{}: index format {found}, but this zhengce reads format {expected} (rebuild it with `zhengce index --rebuild`)", dir.display())]
    IndexFormat {
        dir: PathBuf,
        found: u32,
        expected: u32,
    },
    #[error("{}: index damaged ({why}): rebuild it with `zhengce index --rebuild --index {} PATH…`", dir.display(), dir.display())]
    IndexDamaged { dir: PathBuf, why: String },
    #[error("{}: index: {why}", dir.display())]
    Index { dir: PathBuf, why: String },
    #[error("export: {0}")]
    Export(String),
    #[error("query: {0}")]
    Query(String),
    #[error("unknown encoding label '{0}' (try utf-8, gb18030, gbk, big5, utf-16le)")]
    UnknownEncoding(String),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// "19 MB, the limit is 10 MB", or "over the limit of 10 MB" where the size is unknown.
fn over_limit(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(size) => format!(
            "{} MB, the limit is {} MB",
            megabytes(size),
            megabytes(limit)
        ),
        None => format!("over the limit of {} MB", megabytes(limit)),
    }
}

/// Bytes as megabytes for a message: whole above ten, one decimal below.
fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1u64 << 20) as f64;
    if mb >= 10.0 {
        format!("{mb:.0}")
    } else {
        format!("{mb:.1}")
    }
}
