//! The clap arguments of commands that read documents, validated into [`Documents`]; what
//! an input is and how folders are walked lives in [`crate::input`].

use std::io;
use std::path::PathBuf;

pub use crate::input::{expand, read_document, Input};

use crate::error::Error;
use crate::extract::names::Names;
use crate::formats::ReadOptions;
use crate::input::{expand_with, read_document_as, WalkOptions};
use crate::model::{Document, Format};

/// `--format`: read every input as this format instead of detecting it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatChoice {
    Text,
    Markdown,
    Html,
    Docx,
    Pdf,
}

impl FormatChoice {
    pub fn format(self) -> Format {
        match self {
            FormatChoice::Text => Format::Text,
            FormatChoice::Markdown => Format::Markdown,
            FormatChoice::Html => Format::Html,
            FormatChoice::Docx => Format::Docx,
            FormatChoice::Pdf => Format::Pdf,
        }
    }
}

/// The arguments every command that reads documents shares.
#[derive(Debug, clap::Args)]
pub struct DocumentArgs {
    /// Files or folders (walked for .txt, .md, .html, .docx and .pdf files); `-` reads
    /// standard input. None: the bundled corpus.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Decode with this encoding instead of detecting it (any WHATWG label: gbk, big5, utf-16le…).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Read every input as this format instead of detecting it from the content.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatChoice>,
    /// In folders, read only files matching this glob ('*.docx', '2023-*', 'sub/**/*.pdf':
    /// a pattern with a / matches the path below the folder); may be repeated.
    #[arg(long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Agency names to consult before the built-in list, in its format (see
    /// data/agencies.tsv); may be repeated.
    #[arg(long = "names", value_name = "FILE")]
    pub names: Vec<PathBuf>,
}

/// The documents a command was asked to read, validated.
#[derive(Debug)]
pub struct Documents {
    pub inputs: Vec<Result<Input, Error>>,
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub format: Option<Format>,
    names: Option<Names>,
}

impl DocumentArgs {
    pub fn into_documents(self) -> Result<Documents, Error> {
        let encoding = self
            .encoding
            .as_deref()
            .map(crate::decode::encoding_for_label)
            .transpose()?;
        let names = if self.names.is_empty() {
            None
        } else {
            Some(Names::with_user_files(&self.names)?)
        };
        let walk = WalkOptions::new(&self.globs)?;
        Ok(Documents {
            inputs: expand_with(&self.paths, &walk),
            encoding,
            format: self.format.map(FormatChoice::format),
            names,
        })
    }
}

impl Documents {
    pub fn names(&self) -> &Names {
        self.names.as_ref().unwrap_or_else(|| Names::builtin())
    }

    /// `--encoding` and `--format` as the format readers take them.
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            encoding: self.encoding,
            format: self.format,
        }
    }

    /// Reads every input in order and hands each document to `each`. A bad input is
    /// reported on standard error (after `out` is flushed, to keep the two in order) and
    /// skipped. Returns whether any input failed; stops early only if `each` fails.
    pub fn for_each<W: io::Write>(
        &self,
        out: &mut W,
        each: impl FnMut(&mut W, Document) -> io::Result<()>,
    ) -> io::Result<bool> {
        self.for_each_reporting(out, each, |_, _| Ok(()))
    }

    /// [`Documents::for_each`], telling `failed` of each bad input too (JSON output
    /// records it as an `error` message).
    pub fn for_each_reporting<W: io::Write>(
        &self,
        out: &mut W,
        mut each: impl FnMut(&mut W, Document) -> io::Result<()>,
        mut failed_input: impl FnMut(&mut W, &str) -> io::Result<()>,
    ) -> io::Result<bool> {
        let mut failed = false;
        for input in &self.inputs {
            match input.as_ref().map_err(|e| e.to_string()).and_then(|i| {
                read_document_as(i, &self.read_options(), self.names()).map_err(|e| e.to_string())
            }) {
                Ok(doc) => each(out, doc)?,
                Err(message) => {
                    out.flush()?;
                    crate::cli::report(&message);
                    failed_input(out, &message)?;
                    failed = true;
                }
            }
        }
        Ok(failed)
    }
}

/// Where `targets` and `agencies` read clauses: `--index` and `--query`.
#[derive(Debug, clap::Args)]
pub struct RowSourceArgs {
    /// The index folder to read [default: $ZHENGCE_INDEX, else the default folder if
    /// `zhengce index` has made it, else the bundled corpus, parsed]. PATHs, standard
    /// input, --encoding, --format, --glob and --names read and parse files instead.
    #[arg(
        long,
        value_name = "DIR",
        conflicts_with_all = ["paths", "encoding", "format", "globs", "names"]
    )]
    pub index: Option<PathBuf>,
    /// Only clauses that match this search, as `zhengce search QUERY` finds them: terms
    /// that must all occur, `A OR B`, `-term` to leave out, "quoted text".
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
}

/// The clauses a row command reads, one document at a time: parsed from files (as given,
/// or the bundled corpus when no index has been made or options only files take are
/// given), or read from an index.
pub enum RowSource {
    Files {
        documents: Documents,
        query: Option<crate::search::Query>,
    },
    Index {
        documents: Vec<crate::index::facts::DocumentFacts>,
    },
}

impl RowSource {
    /// Chooses where to read and, for an index, reads the clauses `filters` and the query
    /// find (the filters only narrow what is read: commands apply their own as well). Notes
    /// about the filters (one that matches nothing in the index) go to standard error.
    pub fn open(
        documents: DocumentArgs,
        source: RowSourceArgs,
        filters: crate::search::Filters,
    ) -> Result<RowSource, Error> {
        let query = source
            .query
            .as_deref()
            .map(crate::search::query::parse)
            .transpose()?;
        let files = !documents.paths.is_empty()
            || documents.encoding.is_some()
            || documents.format.is_some()
            || !documents.globs.is_empty()
            || !documents.names.is_empty()
            || (source.index.is_none() && crate::input::stdin_has_input());
        // An index named, or the default one if it has been made; else the bundled corpus,
        // parsed: the same rows as its index would give, without building one.
        let index = match crate::index::Location::resolve(source.index) {
            _ if files => None,
            crate::index::Location::Named(dir) => Some(dir),
            crate::index::Location::Default(dir) if dir.join("meta.json").is_file() => Some(dir),
            _ => None,
        };
        let Some(dir) = index else {
            return Ok(RowSource::Files {
                documents: documents.into_documents()?,
                query,
            });
        };
        let index = crate::index::Index::open(&dir)?;
        let request = crate::search::Request {
            query,
            filters,
            ..Default::default()
        };
        let (documents, notes) = crate::search::facts::documents(&index, &request)?;
        for note in &notes {
            crate::cli::report(note);
        }
        Ok(RowSource::Index { documents })
    }

    /// Hands each document's facts to `each`; a file that cannot be read is reported on
    /// standard error and to `failed_input`, and skipped. Returns whether any input failed.
    pub fn for_each(
        &self,
        mut each: impl FnMut(&crate::index::facts::DocumentFacts) -> io::Result<()>,
        mut failed_input: impl FnMut(&str) -> io::Result<()>,
    ) -> io::Result<bool> {
        match self {
            RowSource::Files { documents, query } => documents.for_each_reporting(
                &mut io::sink(),
                |_, doc| {
                    each(&crate::index::facts::DocumentFacts::of(
                        &doc,
                        query.as_ref(),
                    ))
                },
                |_, message| failed_input(message),
            ),
            RowSource::Index { documents } => {
                for doc in documents {
                    each(doc)?;
                }
                Ok(false)
            }
        }
    }
}
