//! `zhengce export`: documents or an index as four tables (documents, clauses, agencies,
//! targets) in Parquet or JSON Lines, or clauses as Elasticsearch bulk files with their
//! index template. The work is in [`crate::export`]; see `docs/export.md`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::cli::inputs::DocumentArgs;
use crate::cli::{fail, report};
use crate::error::Error;
use crate::exit_code;
use crate::export::{self, Counts, Format};
use crate::input::read_document_as;

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// documents.parquet, clauses.parquet, agencies.parquet, targets.parquet in --out.
    Parquet,
    /// The same tables as JSON Lines: one file each in --out, else one stream on standard
    /// output with a `table` key in every row.
    Jsonl,
    /// template.json and bulk-NNNNNN.ndjson (one search document per clause) in --out.
    Elasticsearch,
}

#[derive(Debug, Args)]
// `--format` names what to write here, as export tools do; the input format that other
// commands take as `--format` is `--input-format` in this one.
#[command(mut_arg("format", |a| a.long("input-format")))]
pub struct ExportArgs {
    #[command(flatten)]
    pub documents: DocumentArgs,
    /// What to write.
    #[arg(
        long = "format",
        id = "export_format",
        value_enum,
        value_name = "FORMAT"
    )]
    pub to: ExportFormat,
    /// The folder to write into (made if missing; files of the same names are replaced).
    /// Needed except for jsonl, which otherwise (or with `-`) writes to standard output.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Export what an index holds instead of reading files: this folder, else
    /// ZHENGCE_INDEX, else the default index (see `zhengce search --help`).
    #[arg(long, value_name = "DIR", num_args = 0..=1, conflicts_with = "paths")]
    pub index: Option<Option<PathBuf>>,
    /// Threads that read and parse files [default: one per core]; the output is the same
    /// whatever the number.
    #[arg(long, short = 'j', value_name = "N", value_parser = super::threads_arg())]
    pub threads: Option<usize>,
}

pub fn run(args: ExportArgs) -> i32 {
    let format = match args.to {
        ExportFormat::Parquet => Format::Parquet,
        ExportFormat::Jsonl => Format::Jsonl,
        ExportFormat::Elasticsearch => Format::Elasticsearch,
    };
    let mut counts = Counts::default();
    // `--out -` is standard output, as everywhere.
    let out = args.out.clone().filter(|p| p.as_os_str() != "-");
    let result = match args.index {
        Some(dir) => from_index(dir, format, out.as_deref(), &mut counts).map(|()| false),
        None => {
            let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
            let threads = args.threads.unwrap_or(cores);
            from_files(args.documents, format, out.as_deref(), threads, &mut counts)
        }
    };
    match result {
        Ok(failed) => {
            if let Some(out) = &out {
                crate::cli::note(format_args!(
                    "wrote {} documents, {} clauses, {} agencies, {} targets to {}",
                    counts.documents,
                    counts.clauses,
                    counts.agencies,
                    counts.targets,
                    out.display()
                ));
            }
            if failed {
                exit_code::ERROR
            } else {
                exit_code::SUCCESS
            }
        }
        Err(Error::Write { cause, .. }) if crate::output::is_broken_pipe(&cause) => {
            exit_code::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// Reads the documents on `threads` threads and writes them in input order; `Ok(true)`
/// when some input failed (each is reported and skipped).
fn from_files(
    documents: DocumentArgs,
    format: Format,
    out: Option<&std::path::Path>,
    threads: usize,
    counts: &mut Counts,
) -> Result<bool, Error> {
    let documents = documents.into_documents()?;
    let mut sink = export::sink(format, out)?;
    let options = documents.read_options();
    let names = documents.names();
    let mut failed = false;
    export::parallel::ordered(
        &documents.inputs,
        threads,
        |input| {
            let input = input.as_ref().map_err(ToString::to_string)?;
            let doc = read_document_as(input, &options, names).map_err(|e| e.to_string())?;
            Ok(export::Tables::of_document(&doc))
        },
        |read: Result<export::Tables, String>| match read {
            Ok(tables) => {
                sink.write(&tables)?;
                counts.add(&tables);
                Ok(())
            }
            Err(message) => {
                report(message);
                failed = true;
                Ok::<(), Error>(())
            }
        },
    )?;
    sink.finish()?;
    Ok(failed)
}

fn from_index(
    dir: Option<PathBuf>,
    format: Format,
    out: Option<&std::path::Path>,
    counts: &mut Counts,
) -> Result<(), Error> {
    let index = crate::cli::search::open_index(dir)?;
    let mut sink = export::sink(format, out)?;
    export::from_index::for_each_document(&index, |tables| {
        sink.write(tables)?;
        counts.add(tables);
        Ok(())
    })?;
    sink.finish()
}
