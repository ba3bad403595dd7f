//! `zhengce index`: build or bring up to date the search index from files and folders.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::fail;
use crate::cli::inputs::DocumentArgs;
use crate::error::Error;
use crate::exit_code;
use crate::index::lifecycle::{self, FolderState};
use crate::index::{self, FileOutcome, Index, Location, UpdateOptions, UpdateReport};

#[derive(Debug, Args)]
// An index keeps each file up to date by its path, so it takes no standard input.
#[command(mut_arg("paths", |a| a.help(
    "Files or folders (walked for .txt, .md, .html, .docx and .pdf files). Not `-`: an \
     index keeps each file up to date by its path, so standard input cannot be indexed"
)))]
pub struct IndexArgs {
    #[command(flatten)]
    pub documents: DocumentArgs,
    /// The index folder [default: $ZHENGCE_INDEX, else $XDG_DATA_HOME/zhengce/index, else
    /// ~/.local/share/zhengce/index].
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Delete the index and build it again from PATHs.
    #[arg(long)]
    pub rebuild: bool,
    /// Threads that read and parse files [default: one per core].
    #[arg(long, short = 'j', value_name = "N", value_parser = super::threads_arg())]
    pub threads: Option<usize>,
    /// No progress bar and no per-file errors, only the summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

pub fn run(args: IndexArgs) -> i32 {
    let started = Instant::now();
    let location = Location::resolve(args.index.clone());
    let Some(dir) = location.dir().map(std::path::Path::to_path_buf) else {
        return fail(&Error::Query(
            "no folder for the index: give --index DIR or set ZHENGCE_INDEX".into(),
        ));
    };
    // Folders are swept: files recorded under them that are gone are removed.
    let sweep: Vec<PathBuf> = args
        .documents
        .paths
        .iter()
        .filter(|p| p.is_dir())
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    let mut documents = match args.documents.into_documents() {
        Ok(d) => d,
        Err(e) => return fail(&e),
    };
    if documents
        .inputs
        .iter()
        .any(|i| matches!(i, Ok(crate::input::Input::Stdin)))
    {
        return fail(&Error::Query(
            "<stdin>: standard input cannot be indexed: an index keeps each file up to date by its path; save it to a file and index that".into(),
        ));
    }
    let target = match Target::choose(&dir, args.rebuild) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    let index = match target.open() {
        Ok(i) => i,
        Err(e) => return fail(&e),
    };
    let mut failed_early = 0;
    let mut inputs = Vec::new();
    for input in std::mem::take(&mut documents.inputs) {
        match input {
            Ok(i) => inputs.push(i),
            Err(e) => {
                crate::cli::report(&e);
                failed_early += 1;
            }
        }
    }
    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(inputs.len() as u64).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files  {elapsed}  {wide_msg}")
                .expect("valid template"),
        )
    };
    let options = UpdateOptions {
        encoding: documents.encoding,
        format: documents.format,
        names: documents.names(),
        threads: threads(args.threads),
    };
    let quiet = args.quiet;
    let report = index::update(&index, &inputs, &sweep, &options, |name, outcome| {
        bar.inc(1);
        bar.set_message(index::short_name(name));
        if let FileOutcome::Failed(e) = outcome {
            if !quiet {
                bar.suspend(|| crate::cli::report(e));
            }
        }
    });
    bar.finish_and_clear();
    drop(index);
    let report = match report.and_then(|r| target.finish(r)) {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    lifecycle::share_like_folder(&dir);
    let failed = report.failed + failed_early;
    let summary = format!(
        "indexed {} files ({} clauses), {} unchanged, {} removed, {} failed in {:.2} s: {}",
        report.indexed,
        report.clauses,
        report.unchanged,
        report.removed,
        failed,
        started.elapsed().as_secs_f64(),
        crate::output::style::sanitize(&dir.display().to_string())
    );
    for line in crate::output::fit::wrap(&summary, "  ", crate::output::terminal_width()) {
        println!("{line}");
    }
    if failed > 0 {
        exit_code::ERROR
    } else {
        exit_code::SUCCESS
    }
}

/// The most threads `-j` gets: each holds a parsed file and a writer's memory budget
/// (128 MB), so more threads than cores only cost memory.
const MAX_THREADS: usize = 16;

fn threads(asked: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let limit = (cores * 2).clamp(1, MAX_THREADS);
    match asked {
        Some(n) if n > limit => {
            crate::cli::report(format_args!("-j {n} lowered to {limit} ({cores} cores)"));
            limit
        }
        Some(n) => n,
        None => cores.min(MAX_THREADS),
    }
}

/// Where this run writes, by what the index folder holds (see [`lifecycle`]).
enum Target {
    /// Update the committed index in place.
    InPlace(PathBuf),
    /// Build in `staging`, then move it to `dir`; `replaces` when an index is there.
    Staged {
        dir: PathBuf,
        staging: PathBuf,
        replaces: bool,
    },
}

impl Target {
    fn choose(dir: &Path, rebuild: bool) -> Result<Target, Error> {
        let staged = |replaces| Target::Staged {
            dir: dir.to_path_buf(),
            staging: lifecycle::staging_dir(dir),
            replaces,
        };
        match lifecycle::inspect(dir)? {
            FolderState::Foreign(entry) => Err(Error::Index {
                dir: dir.to_path_buf(),
                why: format!(
                    "holds {}, which an index does not write: not writing into or deleting this folder",
                    entry.display()
                ),
            }),
            FolderState::Index if !rebuild => Ok(Target::InPlace(dir.to_path_buf())),
            FolderState::Damaged if !rebuild => Err(Error::IndexDamaged {
                dir: dir.to_path_buf(),
                why: "no meta.json".into(),
            }),
            FolderState::Absent => Ok(staged(false)),
            FolderState::Index | FolderState::Damaged => {
                // The lock keeps this from replacing an index that another run is writing.
                if let Ok(existing) = tantivy::Index::open_in_dir(dir) {
                    let writer =
                        existing.writer_with_num_threads::<tantivy::TantivyDocument>(1, 15 << 20);
                    if let Err(tantivy::TantivyError::LockFailure(..)) = writer {
                        return Err(Error::IndexBusy(dir.to_path_buf()));
                    }
                }
                Ok(staged(true))
            }
        }
    }

    /// Opens what this run writes into. A staging folder left by a killed first build is
    /// resumed; one left by a rebuild is started afresh.
    fn open(&self) -> Result<Index, Error> {
        match self {
            Target::InPlace(dir) => {
                lifecycle::check_writable(dir)?;
                let index = Index::open(dir)?;
                index.check()?;
                Ok(index)
            }
            Target::Staged {
                dir,
                staging,
                replaces,
            } => {
                let parent = staging.parent().unwrap_or(Path::new("."));
                std::fs::create_dir_all(parent).map_err(|e| Error::Index {
                    dir: dir.clone(),
                    why: format!("cannot create {}: {e}", parent.display()),
                })?;
                lifecycle::check_writable(parent).map_err(|_| Error::Index {
                    dir: dir.clone(),
                    why: format!("cannot write in {}", parent.display()),
                })?;
                let resumable = !replaces
                    && lifecycle::inspect(staging)? == FolderState::Index
                    && Index::open(staging).is_ok();
                if !resumable {
                    lifecycle::remove_index(staging)?;
                }
                Index::open_or_create(staging)
            }
        }
    }

    /// After a run that committed: a staged build that indexed something is moved into
    /// place; one that indexed nothing is deleted, and no index is made.
    fn finish(&self, report: UpdateReport) -> Result<UpdateReport, Error> {
        let Target::Staged { dir, staging, .. } = self else {
            return Ok(report);
        };
        if report.indexed + report.unchanged == 0 {
            lifecycle::remove_index(staging)?;
            return Err(Error::Index {
                dir: dir.clone(),
                why: "nothing was indexed, so no index was made".into(),
            });
        }
        lifecycle::install(staging, dir)?;
        Ok(report)
    }
}
