//! Bringing an index up to date with a set of files, in parallel and incrementally.
//!
//! A file whose content hash (and the zhengce version that read it) is already recorded is
//! skipped; a changed file replaces its old entries; a recorded file under a folder being
//! indexed that is no longer there is removed. The run commits every
//! [`COMMIT_EVERY_BYTES`] of input and at the end: a killed run keeps what it committed,
//! and the next one skips those files. A failure of the writer itself (a full disk) ends
//! the run at once, and the segments it had not committed are deleted.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::Serialize;
use serde_json::value::{to_raw_value, RawValue};
use tantivy::collector::DocSetCollector;
use tantivy::indexer::IndexWriterOptions;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{IndexWriter, TantivyDocument, Term};
use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

use super::facts::ClauseFacts;
use super::merges::BoundedMerges;
use super::text::SearchForm;
use super::units::{units, Unit};
use super::{
    agency_terms, DocumentSummary, FileRecord, Index, HAS_AGENCY, HAS_TARGET, KIND_FILE, KIND_UNIT,
};
use crate::error::{Error, Source};
use crate::extract::names::Names;
use crate::input::Input;
use crate::model::Document;
use crate::normalize::fold_str;

/// How to read the files.
pub struct UpdateOptions<'a> {
    /// Decode every file with this encoding instead of detecting it.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Read every file as this format instead of detecting it.
    pub format: Option<crate::model::Format>,
    pub names: &'a Names,
    /// Threads that read and parse files; tantivy gets as many to write segments.
    pub threads: usize,
}

/// What happened to one file.
#[derive(Debug)]
pub enum FileOutcome {
    Indexed { clauses: usize },
    Unchanged,
    Removed,
    Failed(Error),
}

/// Totals of one run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct UpdateReport {
    pub indexed: usize,
    pub clauses: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub failed: usize,
}

/// Memory for tantivy's in-memory segments, per writing thread. More means fewer, larger
/// segments and faster searches.
const MEMORY_PER_THREAD: usize = 128 << 20;
/// tantivy's smallest budget, for the small in-memory index of the bundled corpus.
const MEMORY_IN_RAM_PER_THREAD: usize = 15 << 20;

/// Indexes `inputs` into `index`, and removes recorded files under `sweep` folders that are
/// no longer there. `each` hears of every file as it is done, from the thread that did it.
/// Errors of single files are reported through `each` and counted; the run goes on.
pub fn update(
    index: &Index,
    inputs: &[Input],
    sweep: &[PathBuf],
    options: &UpdateOptions,
    each: impl Fn(&str, &FileOutcome) + Sync,
) -> Result<UpdateReport, Error> {
    let threads = options.threads.max(1);
    let memory_per_thread = if index.dir.is_some() {
        MEMORY_PER_THREAD
    } else {
        MEMORY_IN_RAM_PER_THREAD
    };
    // One merge at a time: each maps its inputs (see `merges`), so that is what bounds
    // the build's resident size; on 1 GB it was not slower than four.
    let writer_options = IndexWriterOptions::builder()
        .num_worker_threads(threads)
        .memory_budget_per_thread(memory_per_thread)
        .num_merge_threads(1)
        .build();
    let writer: Result<IndexWriter, _> = index.inner.writer_with_options(writer_options);
    let mut writer = writer.map_err(|e| match e {
        tantivy::TantivyError::LockFailure(..) => {
            Error::IndexBusy(index.dir.clone().unwrap_or_default())
        }
        e => index.error(e),
    })?;
    writer.set_merge_policy(Box::new(BoundedMerges));
    let recorded = recorded_files(index)?;
    let never_committed = index.format().map_err(|e| index.error(e))?.is_none();

    let mut seen = HashSet::new();
    let work: Vec<(String, &Input)> = inputs
        .iter()
        .map(|input| (key(input), input))
        .filter(|(key, _)| seen.insert(key.clone()))
        .collect();

    let report = Mutex::new(UpdateReport::default());
    let tally = |name: &str, outcome: FileOutcome| {
        let mut r = report.lock().unwrap_or_else(|p| p.into_inner());
        match &outcome {
            FileOutcome::Indexed { clauses } => {
                r.indexed += 1;
                r.clauses += clauses;
            }
            FileOutcome::Unchanged => r.unchanged += 1,
            FileOutcome::Removed => r.removed += 1,
            FileOutcome::Failed(_) => r.failed += 1,
        }
        drop(r);
        each(name, &outcome);
    };
    // The writer's own failure (a full disk, a damaged folder) ends the run: every file
    // after it would fail the same way.
    let fatal: Mutex<Option<Error>> = Mutex::new(None);
    let mut committed_changes = 0;
    let batches = batches(&work, COMMIT_EVERY_BYTES);
    let batch_count = batches.len();
    for (n, batch) in batches.into_iter().enumerate() {
        let next = AtomicUsize::new(0);
        let writer_ref = &writer;
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| loop {
                    if fatal.lock().map_or(true, |f| f.is_some()) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((key, input)) = batch.get(i) else {
                        break;
                    };
                    match index_one(index, writer_ref, key, input, &recorded, options) {
                        Ok(outcome) => tally(key, outcome),
                        Err(e) => {
                            let mut f = fatal.lock().unwrap_or_else(|p| p.into_inner());
                            f.get_or_insert(e);
                        }
                    }
                });
            }
        });
        if let Some(e) = fatal.lock().unwrap_or_else(|p| p.into_inner()).take() {
            return Err(abandon(writer, e));
        }
        let r = report.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let changes = r.indexed + r.removed;
        if n + 1 < batch_count && changes > committed_changes {
            if let Err(e) = commit(index, &mut writer) {
                return Err(abandon(writer, e));
            }
            committed_changes = changes;
        }
    }
    for key in recorded.keys() {
        let under_sweep = sweep.iter().any(|root| Path::new(key).starts_with(root));
        if under_sweep && !seen.contains(key) {
            writer.delete_term(Term::from_field_text(index.fields.path, key));
            tally(key, FileOutcome::Removed);
        }
    }
    let report = report.into_inner().unwrap_or_else(|p| p.into_inner());
    if report.indexed > 0 || report.removed > 0 || never_committed {
        if let Err(e) = commit(index, &mut writer) {
            return Err(abandon(writer, e));
        }
        writer.wait_merging_threads().map_err(|e| index.error(e))?;
        super::merges::consolidate(&index.inner).map_err(|e| index.error(e))?;
    }
    Ok(report)
}

/// A commit every this many bytes of input, so that a run killed late keeps most of its
/// work: the next run finds those files recorded and skips them.
const COMMIT_EVERY_BYTES: u64 = 256 << 20;

/// `work` cut into runs of about `bytes` bytes of input each; at least one run, which may
/// be empty.
fn batches<'w, 'i>(work: &'w [(String, &'i Input)], bytes: u64) -> Vec<&'w [(String, &'i Input)]> {
    let mut cuts = Vec::new();
    let mut start = 0;
    let mut size = 0u64;
    for (i, (_, input)) in work.iter().enumerate() {
        size += input_size(input);
        if size >= bytes {
            cuts.push(&work[start..=i]);
            start = i + 1;
            size = 0;
        }
    }
    if start < work.len() || cuts.is_empty() {
        cuts.push(&work[start..]);
    }
    cuts
}

fn input_size(input: &Input) -> u64 {
    match input {
        Input::Bundled { bytes, .. } => bytes.len() as u64,
        Input::Path(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
        Input::Stdin => 0,
    }
}

fn commit(index: &Index, writer: &mut IndexWriter) -> Result<(), Error> {
    let mut commit = writer.prepare_commit().map_err(|e| index.error(e))?;
    commit.set_payload(&Index::commit_payload());
    commit.commit().map_err(|e| index.error(e))?;
    Ok(())
}

/// Gives up a run after the writer failed: drops what was not committed and deletes the
/// segment files it left, so a full disk is not kept full by them. Returns the cause.
fn abandon(mut writer: IndexWriter, cause: Error) -> Error {
    if writer.rollback().is_ok() {
        let _ = writer.garbage_collect_files().wait();
    }
    cause
}

/// The name a file is recorded under: its absolute path, or the bundled name.
fn key(input: &Input) -> String {
    match input {
        Input::Path(p) => std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.clone())
            .display()
            .to_string(),
        other => other.name(),
    }
}

/// Path → hash of every file the index holds.
fn recorded_files(index: &Index) -> Result<HashMap<String, String>, Error> {
    let searcher = index.reader()?.searcher();
    let files = TermQuery::new(
        Term::from_field_text(index.fields.kind, KIND_FILE),
        IndexRecordOption::Basic,
    );
    let found = searcher
        .search(&files, &DocSetCollector)
        .map_err(|e| index.error(e))?;
    let mut recorded = HashMap::with_capacity(found.len());
    for address in found {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| index.error(e))?;
        let text = |f| doc.get_first(f).and_then(|v| v.as_str()).map(str::to_owned);
        if let (Some(path), Some(hash)) = (text(index.fields.path), text(index.fields.hash)) {
            recorded.insert(path, hash);
        }
    }
    Ok(recorded)
}

fn index_one(
    index: &Index,
    writer: &IndexWriter,
    key: &str,
    input: &Input,
    recorded: &HashMap<String, String>,
    options: &UpdateOptions,
) -> Result<FileOutcome, Error> {
    let bytes: std::borrow::Cow<[u8]> = match input {
        Input::Bundled { bytes, .. } => (*bytes).into(),
        Input::Path(path) => match crate::read_source(&Source::Path(path.clone())) {
            Ok(b) => b.into(),
            Err(Error::Read { cause, .. })
                if cause.kind() == std::io::ErrorKind::NotFound && recorded.contains_key(key) =>
            {
                writer.delete_term(Term::from_field_text(index.fields.path, key));
                return Ok(FileOutcome::Removed);
            }
            Err(e) => return Ok(FileOutcome::Failed(e)),
        },
        Input::Stdin => {
            return Ok(FileOutcome::Failed(Error::Index {
                dir: index.dir.clone().unwrap_or_default(),
                why: "standard input cannot be indexed: it has no path to keep it up to date by"
                    .into(),
            }))
        }
    };
    let hash = format!("{:032x}/{}", xxh3_128(&bytes), env!("CARGO_PKG_VERSION"));
    if recorded.get(key) == Some(&hash) {
        return Ok(FileOutcome::Unchanged);
    }
    let (mut doc, text) = match read(&bytes, key, options) {
        Ok(read) => read,
        Err(e) => return Ok(FileOutcome::Failed(e)),
    };
    // Every number of a clause is in its text; the index keeps only the targets.
    for clause in &mut doc.clauses {
        clause.quantities = Vec::new();
    }
    // A file the index has never recorded has no entries to replace. tantivy keeps every
    // delete until all segments have seen it: one per file of a first run was memory that
    // grew with the corpus (17 MB at 200 MB).
    if recorded.contains_key(key) {
        writer.delete_term(Term::from_field_text(index.fields.path, key));
    }
    let clauses = doc.clauses.len();
    let units = units(&doc, Some(&text));
    for entry in entries(index, &doc, &units, &hash) {
        writer.add_document(entry).map_err(|e| index.error(e))?;
    }
    Ok(FileOutcome::Indexed { clauses })
}

/// Reads (any format) and parses a file, as `parse` does, and keeps the text the format
/// reader produced, which [`units`] reads for what the document's fields leave out.
pub(crate) fn read(
    bytes: &[u8],
    key: &str,
    options: &UpdateOptions,
) -> Result<(Document, String), Error> {
    let read_options = crate::formats::ReadOptions {
        encoding: options.encoding,
        format: options.format,
    };
    let read = crate::formats::read(bytes, &read_options, &Source::Path(key.into()))?;
    let doc = crate::parse_read(&read, key, options.names);
    Ok((doc, read.decoded.text))
}

/// The tantivy documents of one parsed file: its units and its file record.
fn entries<'a>(
    index: &'a Index,
    doc: &'a Document,
    units: &'a [Unit],
    hash: &str,
) -> impl Iterator<Item = TantivyDocument> + 'a {
    // The summary is serialized once per document and written into each unit's stored
    // JSON as it is (it was 1.2% of a build, serialized again for every unit).
    #[derive(Serialize)]
    struct StoredRef<'a> {
        document: &'a RawValue,
        clause: &'a Unit,
    }
    let f = index.fields;
    let summary = DocumentSummary::of(doc);
    let year = summary.year.map_or(0, |y| y.clamp(0, 9999) as u64);
    let document_order = (year << 48) | ((xxh3_64(doc.source.as_bytes()) & 0x0FFF_FFFF) << 20);
    let issuer = summary.issuer.as_deref().map(fold_str);
    let summary_json = to_raw_value(&summary).expect("model types serialize");
    let mut record = TantivyDocument::new();
    record.add_text(f.kind, KIND_FILE);
    record.add_text(f.path, &doc.source);
    record.add_text(f.doc, &summary.name);
    record.add_text(f.hash, hash);
    let file = FileRecord {
        document: summary.clone(),
        units: units.len(),
        clauses: doc.clauses.len(),
    };
    record.add_bytes(
        f.stored,
        &serde_json::to_vec(&file).expect("model types serialize"),
    );
    let entries = units.iter().enumerate().map(move |(i, unit)| {
        let mut entry = TantivyDocument::new();
        entry.add_text(f.kind, KIND_UNIT);
        entry.add_text(f.unit_kind, unit.kind.as_str());
        entry.add_text(f.path, &doc.source);
        entry.add_text(f.doc, &summary.name);
        let body = SearchForm::string_of(&unit.searched_text());
        entry.add_text(f.body, &body);
        entry.add_text(f.body_chars, &body);
        if let Some(heading) = &unit.heading {
            let heading = SearchForm::string_of(heading);
            entry.add_text(f.heading, &heading);
            entry.add_text(f.heading_chars, &heading);
        }
        entry.add_u64(f.year, year);
        entry.add_u64(f.order, document_order | (i as u64).min(0xF_FFFF));
        entry.add_u64(f.level, unit.level as u64);
        if let Some(issuer) = &issuer {
            entry.add_text(f.issuer, issuer);
        }
        let (names, with_role) = agency_terms(&unit.agencies);
        for n in names {
            entry.add_text(f.agency, n);
        }
        for n in with_role {
            entry.add_text(f.agency_role, n);
        }
        entry.add_bytes(f.summary, summary_json.get().as_bytes());
        if let Some(facts) = ClauseFacts::of_unit(unit) {
            let mut indicators: Vec<String> = facts
                .targets
                .iter()
                .map(|t| fold_str(&t.indicator))
                .collect();
            indicators.sort();
            indicators.dedup();
            for i in indicators {
                entry.add_text(f.indicator, i);
            }
            if !facts.targets.is_empty() {
                entry.add_text(f.has, HAS_TARGET);
            }
            if !facts.agencies.is_empty() {
                entry.add_text(f.has, HAS_AGENCY);
            }
            entry.add_bytes(
                f.facts,
                &serde_json::to_vec(&facts).expect("model types serialize"),
            );
        }
        let stored = serde_json::to_vec(&StoredRef {
            document: &summary_json,
            clause: unit,
        })
        .expect("model types serialize");
        entry.add_bytes(f.stored, &stored);
        entry
    });
    entries.chain(std::iter::once(record))
}
