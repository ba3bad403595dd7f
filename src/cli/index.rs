//! `zhengce index`: build or bring up to date the search index from files and folders.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::fail;
use crate::cli::inputs::DocumentArgs;
use crate::error::Error;
use crate::exit_code;
use crate::index::{self, FileOutcome, Index, Location, UpdateOptions};

#[derive(Debug, Args)]
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
    #[arg(long, short = 'j', value_name = "N")]
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
    if args.rebuild {
        if let Err(e) = remove_index(&dir) {
            return fail(&e);
        }
    }
    let index = match Index::open_or_create(&dir) {
        Ok(i) => i,
        Err(e) => return fail(&e),
    };
    let mut failed_early = 0;
    let mut inputs = Vec::new();
    for input in std::mem::take(&mut documents.inputs) {
        match input {
            Ok(i) => inputs.push(i),
            Err(e) => {
                eprintln!("zhengce: {e}");
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
        threads: args.threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        }),
    };
    let quiet = args.quiet;
    let report = index::update(&index, &inputs, &sweep, &options, |name, outcome| {
        bar.inc(1);
        bar.set_message(index::short_name(name));
        if let FileOutcome::Failed(e) = outcome {
            if !quiet {
                bar.suspend(|| eprintln!("zhengce: {e}"));
            }
        }
    });
    bar.finish_and_clear();
    let report = match report {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    let failed = report.failed + failed_early;
    println!(
        "indexed {} files ({} clauses), {} unchanged, {} removed, {} failed in {:.2} s: {}",
        report.indexed,
        report.clauses,
        report.unchanged,
        report.removed,
        failed,
        started.elapsed().as_secs_f64(),
        dir.display()
    );
    if failed > 0 {
        exit_code::ERROR
    } else {
        exit_code::SUCCESS
    }
}

/// Deletes an index folder, but only if it is one: `--rebuild --index ~` must not empty a
/// home directory.
fn remove_index(dir: &std::path::Path) -> Result<(), Error> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.join("meta.json").is_file() {
        return Err(Error::Index {
            dir: dir.to_path_buf(),
            why: "not an index folder (no meta.json): not deleting it".into(),
        });
    }
    // The lock keeps this from deleting an index that another run is writing.
    if let Ok(existing) = tantivy::Index::open_in_dir(dir) {
        let writer = existing.writer_with_num_threads::<tantivy::TantivyDocument>(1, 15 << 20);
        if let Err(tantivy::TantivyError::LockFailure(..)) = writer {
            return Err(Error::IndexBusy(dir.to_path_buf()));
        }
    }
    std::fs::remove_dir_all(dir).map_err(|e| Error::Index {
        dir: dir.to_path_buf(),
        why: format!("cannot delete it: {e}"),
    })
}
