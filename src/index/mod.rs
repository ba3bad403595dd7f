//! The index: a tantivy index with one entry per unit of a document (a clause, a title, a
//! paragraph of the cover notice or preamble, set-apart text, a left-over paragraph: see
//! [`units`]), where it lives, and how it is opened, built and kept up to date.
//!
//! Each unit is indexed under the [`text::SearchForm`] of its text (a clause's own label
//! and heading included) and, separately, of its heading, so a match in a heading can rank
//! higher. Everything results need is stored with it as JSON ([`StoredUnit`]): the unit
//! and a summary of its document. Each indexed file also has a record (`kind: file`) with
//! its content hash, which is what makes [`update`] incremental, and its summary and unit
//! count ([`FileRecord`]), which is what `search --files` lists.
//!
//! The index changes only at a commit, which tantivy makes atomic: a run that is killed
//! leaves the previous index as it was. tantivy's writer lock keeps two runs apart.

pub mod facts;
pub mod lifecycle;
mod merges;
mod reading;
pub mod text;
pub mod units;
mod update;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::{Index as TantivyIndex, IndexReader, ReloadPolicy, TantivyDocument};

use crate::error::Error;
use crate::model::{Agency, Document};
use crate::normalize::fold_str;

pub use units::{Unit, UnitKind};
pub use update::{update, FileOutcome, UpdateOptions, UpdateReport};

/// Version of the index layout (schema, tokenizer, stored JSON). An index of another
/// version is not read; `zhengce index --rebuild` makes a new one.
///
/// 2: every text of a document is indexed as a unit with a `kind`, not only numbered
/// clauses; file records store the document summary.
/// 3: a clause's agencies and targets ([`facts::ClauseFacts`]) and every unit's document
/// summary are columns, its targets' indicators terms (`indicator`), and what it holds a
/// term (`has`), so `targets` and `agencies` read rows without loading stored units.
pub const FORMAT: u32 = 3;

/// The environment variable that names the index folder.
pub const INDEX_ENV: &str = "ZHENGCE_INDEX";

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `unit` (something searchable) or `file` (the record of an indexed file).
    pub kind: Field,
    /// The [`UnitKind`] of a unit: `clause`, `title`, `notice`, …
    pub unit_kind: Field,
    /// The document's source path (absolute), or `corpus/…` for the bundled corpus.
    pub path: Field,
    /// The file name without extension: what `--doc` and `show` look for.
    pub doc: Field,
    /// File records: content hash and pipeline version.
    pub hash: Field,
    /// The search form of the clause text, heading included, by pairs of chars.
    pub body: Field,
    /// The same by single chars.
    pub body_chars: Field,
    /// The search form of the heading, by pairs of chars.
    pub heading: Field,
    /// The same by single chars.
    pub heading_chars: Field,
    /// The document's year, 0 when unknown.
    pub year: Field,
    /// Chronological order: year, then document, then clause.
    pub order: Field,
    /// Depth in the clause tree.
    pub level: Field,
    /// The issuer, folded.
    pub issuer: Field,
    /// Every agency name of the clause, as written, canonical and successor, folded.
    pub agency: Field,
    /// `role` + U+001F + name, for `--agency` with `--role`.
    pub agency_role: Field,
    /// [`StoredUnit`] as JSON; for a file record, [`FileRecord`].
    pub stored: Field,
    /// The folded indicator of every target of a clause, for `targets --indicator`.
    pub indicator: Field,
    /// What a clause holds: [`HAS_TARGET`], [`HAS_AGENCY`].
    pub has: Field,
    /// A column: a clause's [`facts::ClauseFacts`] as JSON, for clauses with a target or
    /// an agency.
    pub facts: Field,
    /// A column: the unit's [`DocumentSummary`] as JSON (one value a document, which the
    /// column stores once).
    pub summary: Field,
}

pub const KIND_UNIT: &str = "unit";
pub const KIND_FILE: &str = "file";

/// The [`Fields::has`] term of a clause with a target.
pub const HAS_TARGET: &str = "target";
/// The [`Fields::has`] term of a clause that names an agency.
pub const HAS_AGENCY: &str = "agency";

/// Separates role and name in [`Fields::agency_role`].
pub const ROLE_SEPARATOR: char = '\u{1f}';

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let pairs = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(text::PAIRS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    // Single chars are looked up only for one-char queries: no positions, no frequencies.
    let chars = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(text::CHARS)
            .set_index_option(IndexRecordOption::Basic),
    );
    let fields = Fields {
        kind: b.add_text_field("kind", STRING),
        // Both are columns too, so `search -l` counts per document without loading units.
        unit_kind: b.add_text_field("unit_kind", STRING | FAST),
        path: b.add_text_field("path", STRING | STORED | FAST),
        doc: b.add_text_field("doc", STRING),
        hash: b.add_text_field("hash", STORED),
        body: b.add_text_field("body", pairs.clone()),
        body_chars: b.add_text_field("body_chars", chars.clone()),
        heading: b.add_text_field("heading", pairs),
        heading_chars: b.add_text_field("heading_chars", chars),
        year: b.add_u64_field("year", INDEXED | FAST),
        order: b.add_u64_field("order", FAST),
        level: b.add_u64_field("level", INDEXED),
        issuer: b.add_text_field("issuer", STRING),
        agency: b.add_text_field("agency", STRING),
        agency_role: b.add_text_field("agency_role", STRING),
        stored: b.add_bytes_field("stored", STORED),
        indicator: b.add_text_field("indicator", STRING),
        has: b.add_text_field("has", STRING),
        facts: b.add_bytes_field("facts", FAST),
        summary: b.add_bytes_field("summary", FAST),
    };
    (b.build(), fields)
}

/// Stored clauses are compressed with zstd in blocks of 64 KiB rather than lz4 in 16:
/// lz4 hardly shrinks Chinese text (three bytes a char, few repeats close together),
/// zstd halves it, and a search decompresses only the few blocks its hits are in. Level 1,
/// not zstd's default 3: 2.4% fewer instructions in a whole build for a store 5% larger.
fn settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(1),
        }),
        docstore_blocksize: 64 << 10,
        ..Default::default()
    }
}

/// What the index stores for each unit: what a search result prints. A clause's
/// `quantities` are left out (`parse --json` gives them); its targets are kept. The unit
/// is under `clause`, the name results have always given it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredUnit {
    pub document: DocumentSummary,
    #[serde(rename = "clause")]
    pub unit: Unit,
}

/// What the index stores for each file, beside its path and hash.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileRecord {
    pub document: DocumentSummary,
    /// How many units it is indexed as.
    pub units: usize,
    /// How many of them are numbered clauses.
    pub clauses: usize,
}

/// The document a clause belongs to, as results show it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocumentSummary {
    /// The path the document was indexed from (absolute), or `corpus/…` when bundled.
    pub source: String,
    /// The file name without extension.
    pub name: String,
    /// The document's own title, else the title it is issued under.
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<String>,
    /// The year of the signature date, else a year at the start of the file name.
    pub year: Option<i32>,
    /// Where `year` comes from: `date` or `file-name`.
    pub year_from: Option<String>,
    /// Draft status as written, `null` for a final text.
    pub status: Option<String>,
}

impl DocumentSummary {
    pub fn of(doc: &Document) -> DocumentSummary {
        let (year, year_from) = doc.year().unzip();
        DocumentSummary {
            source: doc.source.clone(),
            name: short_name(&doc.source),
            title: doc.document_title.clone().or_else(|| doc.title.clone()),
            doc_number: doc.doc_number.clone(),
            issuer: doc.issuer.clone(),
            date: doc.date.clone(),
            year,
            year_from: year_from.map(str::to_owned),
            status: doc.status.clone(),
        }
    }
}

/// Reads and parses one file and cuts it into the units the index would hold.
pub fn units_of_file(
    path: &Path,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<(Document, Vec<Unit>), Error> {
    units_of_source(&crate::error::Source::Path(path.to_path_buf()), encoding)
}

/// [`units_of_file`] for a file or standard input (named `<stdin>`).
pub fn units_of_source(
    source: &crate::error::Source,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<(Document, Vec<Unit>), Error> {
    let bytes = crate::read_source(source)?;
    let names = crate::extract::names::Names::builtin();
    let options = UpdateOptions {
        encoding,
        format: None,
        names,
        threads: 1,
    };
    let (doc, text) = update::read(&bytes, &source.to_string(), &options)?;
    let units = units::units(&doc, Some(&text));
    Ok((doc, units))
}

/// The file name without extension.
pub fn short_name(source: &str) -> String {
    Path::new(source)
        .file_stem()
        .map_or_else(|| source.to_owned(), |s| s.to_string_lossy().into_owned())
}

/// Where an index is, and whether the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// `--index DIR` or `ZHENGCE_INDEX`: it must exist to be searched.
    Named(PathBuf),
    /// The default folder: when it does not exist yet, search reads the bundled corpus.
    Default(PathBuf),
    /// No folder could be found (no home directory): search reads the bundled corpus.
    Nowhere,
}

impl Location {
    /// `--index`, else `ZHENGCE_INDEX`, else `$XDG_DATA_HOME/zhengce/index`, else
    /// `~/.local/share/zhengce/index`.
    pub fn resolve(flag: Option<PathBuf>) -> Location {
        let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        if let Some(dir) = flag.or_else(|| env(INDEX_ENV).map(PathBuf::from)) {
            return Location::Named(dir);
        }
        let data = env("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| env("HOME").map(|h| Path::new(&h).join(".local/share")));
        match data {
            Some(d) => Location::Default(d.join("zhengce").join("index")),
            None => Location::Nowhere,
        }
    }

    pub fn dir(&self) -> Option<&Path> {
        match self {
            Location::Named(d) | Location::Default(d) => Some(d),
            Location::Nowhere => None,
        }
    }
}

/// An open index with its fields.
#[derive(Clone)]
pub struct Index {
    pub inner: TantivyIndex,
    pub fields: Fields,
    /// The folder, `None` for an index in memory.
    pub dir: Option<PathBuf>,
}

/// What the index records in each commit, beside tantivy's own metadata.
#[derive(Debug, Serialize, Deserialize)]
struct CommitPayload {
    format: u32,
    zhengce: String,
}

impl Index {
    /// Opens the index in `dir`. It must exist and be of this [`FORMAT`].
    pub fn open(dir: &Path) -> Result<Index, Error> {
        let fail = |why: String| Error::Index {
            dir: dir.to_path_buf(),
            why,
        };
        if !dir.join("meta.json").is_file() {
            return Err(Error::NoIndex(dir.to_path_buf()));
        }
        let damaged = |why: String| Error::IndexDamaged {
            dir: dir.to_path_buf(),
            why,
        };
        // A file that cannot be opened for want of permission is not damage.
        let opening = |e: tantivy::TantivyError| match &e {
            tantivy::TantivyError::OpenReadError(
                tantivy::directory::error::OpenReadError::IoError { io_error, filepath },
            ) if io_error.kind() == std::io::ErrorKind::PermissionDenied => fail(format!(
                "cannot read {}: permission denied",
                filepath.display()
            )),
            _ => damaged(e.to_string()),
        };
        let directory = reading::ReadingDirectory::open(dir).map_err(opening)?;
        let inner = TantivyIndex::open(directory).map_err(opening)?;
        let index = Index::wrap(inner, Some(dir.to_path_buf()));
        match index.format().map_err(|e| damaged(e.to_string()))? {
            Some(FORMAT) => {}
            Some(found) => {
                return Err(Error::IndexFormat {
                    dir: dir.to_path_buf(),
                    found,
                    expected: FORMAT,
                })
            }
            None => {
                return Err(damaged(
                    "never committed: an interrupted first build?".into(),
                ))
            }
        }
        let (schema, _) = schema();
        if index.inner.schema() != schema {
            return Err(fail(
                "its fields are not the ones this zhengce writes".into(),
            ));
        }
        Ok(index)
    }

    /// Opens the index in `dir`, creating the folder and an empty index if there is none.
    pub fn open_or_create(dir: &Path) -> Result<Index, Error> {
        if dir.join("meta.json").is_file() {
            return Index::open(dir);
        }
        let fail = |why: String| Error::Index {
            dir: dir.to_path_buf(),
            why,
        };
        let occupied = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
        if occupied {
            return Err(fail(
                "the folder is not empty and holds no index: not writing into it".into(),
            ));
        }
        std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
        let inner = TantivyIndex::builder()
            .schema(schema().0)
            .settings(settings())
            .create_in_dir(dir)
            .map_err(|e| fail(e.to_string()))?;
        Ok(Index::wrap(inner, Some(dir.to_path_buf())))
    }

    /// A new empty index in memory.
    pub fn in_memory() -> Index {
        let (schema, _) = schema();
        Index::wrap(TantivyIndex::create_in_ram(schema), None)
    }

    fn wrap(inner: TantivyIndex, dir: Option<PathBuf>) -> Index {
        // tantivy stores only the tokenizers' names: they must be registered at every open.
        let tokenizers = inner.tokenizers();
        tokenizers.register(text::PAIRS, text::GramTokenizer::pairs());
        tokenizers.register(text::CHARS, text::GramTokenizer::chars());
        let (_, fields) = schema();
        Index { inner, fields, dir }
    }

    /// The format recorded by the last commit; `None` before the first one.
    fn format(&self) -> tantivy::Result<Option<u32>> {
        let metas = self.inner.load_metas()?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str::<CommitPayload>(p).ok())
            .map(|p| p.format))
    }

    pub(crate) fn commit_payload() -> String {
        serde_json::to_string(&CommitPayload {
            format: FORMAT,
            zhengce: env!("CARGO_PKG_VERSION").into(),
        })
        .expect("plain struct serializes")
    }

    /// A reader that sees the last commit; it is not reloaded (a command runs once).
    pub fn reader(&self) -> Result<IndexReader, Error> {
        self.inner
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| self.error(e))
    }

    pub(crate) fn error(&self, e: impl std::fmt::Display) -> Error {
        Error::Index {
            dir: self.dir.clone().unwrap_or_else(|| "<memory>".into()),
            why: e.to_string(),
        }
    }

    /// The index of the bundled corpus: what search reads when no index has been made.
    /// Built once into the user's cache folder (`$XDG_CACHE_HOME/zhengce`, else
    /// `~/.cache/zhengce`), under a name that changes with zhengce's version and the
    /// corpus, and opened from there afterwards: indexing the corpus takes longer than a
    /// search should. Where there is no cache folder or it cannot be written, it is built
    /// in memory for this run.
    pub fn bundled() -> Result<Index, Error> {
        if let Some(dir) = bundled_cache() {
            if let Ok(index) = Index::open(&dir) {
                return Ok(index);
            }
            if let Ok(index) = Index::build_bundled_in(&dir) {
                return Ok(index);
            }
        }
        let index = Index::in_memory();
        index.add_bundled()?;
        Ok(index)
    }

    fn add_bundled(&self) -> Result<UpdateReport, Error> {
        let options = UpdateOptions {
            encoding: None,
            format: None,
            names: crate::extract::names::Names::builtin(),
            threads: std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
        };
        update(self, &crate::input::bundled(), &[], &options, |_, _| {})
    }

    /// Builds the bundled index in a private sibling of `dir`, then moves it in: two
    /// searches started at once never see half an index. Older caches are removed.
    fn build_bundled_in(dir: &Path) -> Result<Index, Error> {
        let staging = dir.with_extension(format!("building-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&staging);
        let built = Index::open_or_create(&staging).and_then(|index| index.add_bundled());
        if built.is_err() || std::fs::rename(&staging, dir).is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        built?;
        if let Some(parent) = dir.parent() {
            for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
                let path = entry.path();
                let stale = path != dir
                    && path
                        .file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("bundled-") && !n.contains("building"));
                if stale {
                    let _ = lifecycle::remove_index(&path);
                }
            }
        }
        Index::open(dir)
    }

    /// Every term of a string field (document names, issuers, agencies), over all
    /// segments, sorted.
    pub fn terms_of(
        &self,
        searcher: &tantivy::Searcher,
        field: Field,
    ) -> Result<std::collections::BTreeSet<String>, Error> {
        let mut terms = std::collections::BTreeSet::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field).map_err(|e| self.error(e))?;
            let mut stream = inverted.terms().stream().map_err(|e| self.error(e))?;
            while stream.advance() {
                terms.extend(std::str::from_utf8(stream.key()).ok().map(str::to_owned));
            }
        }
        Ok(terms)
    }

    /// Runs `read` on this index, turning a panic inside tantivy (which it raises on some
    /// damaged files instead of an error) into [`Error::IndexDamaged`]. The panic's own
    /// message is not printed: the error says what to do.
    pub fn guard<T>(&self, read: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
        QUIET_PANICS.with(|q| q.set(true));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
        QUIET_PANICS.with(|q| q.set(false));
        result.unwrap_or_else(|panic| {
            let why = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("tantivy failed reading it");
            Err(self.damaged(why.lines().next().unwrap_or_default().to_owned()))
        })
    }

    /// Reads every file of the index and checks it against the checksum tantivy wrote, so
    /// that damage is found before a run commits on top of it.
    pub fn check(&self) -> Result<(), Error> {
        let damaged = self
            .inner
            .validate_checksum()
            .map_err(|e| self.damaged(e.to_string()))?;
        let mut names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
        names.sort();
        match names.as_slice() {
            [] => Ok(()),
            [first, rest @ ..] => Err(self.damaged(format!(
                "{first}{} fails its checksum",
                if rest.is_empty() {
                    String::new()
                } else {
                    format!(" and {} more", rest.len())
                }
            ))),
        }
    }

    fn damaged(&self, why: String) -> Error {
        Error::IndexDamaged {
            dir: self.dir.clone().unwrap_or_else(|| "<memory>".into()),
            why,
        }
    }

    /// The stored unit of a search result.
    /// Every unit of the documents named `name` (as indexed), by source path and then in
    /// reading order (the `order` column); two files of one name give both, one after
    /// the other, for the caller to tell apart.
    pub fn document_units(
        &self,
        searcher: &tantivy::Searcher,
        name: &str,
    ) -> Result<Vec<StoredUnit>, Error> {
        use tantivy::query::{BooleanQuery, Query, TermQuery};
        let term = |field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                tantivy::Term::from_field_text(field, text),
                tantivy::schema::IndexRecordOption::Basic,
            ))
        };
        let f = self.fields;
        let of_document =
            BooleanQuery::intersection(vec![term(f.doc, name), term(f.kind, KIND_UNIT)]);
        let found = searcher
            .search(&of_document, &tantivy::collector::DocSetCollector)
            .map_err(|e| self.error(e))?;
        let mut units = Vec::with_capacity(found.len());
        for address in found {
            let order = searcher
                .segment_reader(address.segment_ord)
                .fast_fields()
                .u64("order")
                .map_err(|e| self.error(e))?
                .first(address.doc_id)
                .unwrap_or(0);
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.error(e))?;
            let stored = self.stored(&doc)?;
            units.push((stored.document.source.clone(), order, stored));
        }
        units.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        Ok(units.into_iter().map(|(_, _, u)| u).collect())
    }

    pub fn stored(&self, doc: &TantivyDocument) -> Result<StoredUnit, Error> {
        use tantivy::schema::Value;
        let bytes = doc
            .get_first(self.fields.stored)
            .and_then(|v| v.as_bytes())
            .ok_or_else(|| self.error("an entry has no stored unit"))?;
        serde_json::from_slice(bytes).map_err(|e| self.error(format!("a stored unit: {e}")))
    }

    /// The record of every indexed file, by document name, then path.
    pub fn files(&self) -> Result<Vec<FileRecord>, Error> {
        self.guard(|| {
            use tantivy::schema::Value;
            let searcher = self.reader()?.searcher();
            let query = tantivy::query::TermQuery::new(
                tantivy::Term::from_field_text(self.fields.kind, KIND_FILE),
                IndexRecordOption::Basic,
            );
            let found = searcher
                .search(&query, &tantivy::collector::DocSetCollector)
                .map_err(|e| self.error(e))?;
            let mut records = Vec::with_capacity(found.len());
            for address in found {
                let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.error(e))?;
                let bytes = doc
                    .get_first(self.fields.stored)
                    .and_then(|v| v.as_bytes())
                    .ok_or_else(|| self.error("a file record has no summary"))?;
                let record: FileRecord = serde_json::from_slice(bytes)
                    .map_err(|e| self.error(format!("a file record: {e}")))?;
                records.push(record);
            }
            records.sort_by(|a, b| {
                (&a.document.name, &a.document.source).cmp(&(&b.document.name, &b.document.source))
            });
            Ok(records)
        })
    }
}

/// Where the bundled corpus's index is cached: named by zhengce's version, the index
/// format and a hash of the corpus, so a new binary or corpus never reads an old cache.
fn bundled_cache() -> Option<PathBuf> {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let cache = env("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|h| Path::new(&h).join(".cache")))?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for (name, bytes) in crate::corpus::BUNDLED {
        hasher.update(name.as_bytes());
        hasher.update(bytes);
    }
    // The code's fingerprint too: the same version built from other code parses differently.
    hasher.update(env!("ZHENGCE_CODE_HASH").as_bytes());
    let key = format!(
        "bundled-{}-f{FORMAT}-{:016x}",
        env!("CARGO_PKG_VERSION"),
        hasher.digest()
    );
    Some(cache.join("zhengce").join(key))
}

thread_local! {
    /// Set while [`Index::guard`] runs, so its panics are not printed by the panic hook.
    static QUIET_PANICS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs a panic hook that stays silent inside [`Index::guard`] and otherwise prints
/// as before. The binary calls it once at start-up.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !QUIET_PANICS.with(std::cell::Cell::get) {
            previous(info);
        }
    }));
}

/// The terms a unit is found by in `--agency` and `--role`.
pub fn agency_terms(agencies: &[Agency]) -> (Vec<String>, Vec<String>) {
    let mut names = Vec::new();
    let mut with_role = Vec::new();
    for a in agencies {
        for n in [Some(&a.name), a.canonical.as_ref(), a.successor.as_ref()]
            .into_iter()
            .flatten()
        {
            let n = fold_str(n);
            with_role.push(format!("{}{ROLE_SEPARATOR}{n}", a.role.as_str()));
            names.push(n);
        }
    }
    names.sort();
    names.dedup();
    with_role.sort();
    with_role.dedup();
    (names, with_role)
}
