//! `zhengce diff OLD NEW`: two plans compared clause by clause.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::Args;

use crate::cli::{fail, ColorChoice};
use crate::error::Error;
use crate::exit_code;
use crate::output::diff::{write_html, write_json, write_markdown, write_stat, write_terminal};
use crate::output::style::Painter;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier document (a file, `-` for standard input; a name from the bundled
    /// corpus also works).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later document.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Print JSON Lines: begin, pair, target_change, agency_change, summary (see docs/json.md).
    #[arg(long)]
    pub json: bool,
    /// Also write a self-contained HTML report to FILE (`-`: to standard output, instead
    /// of the terminal report): both documents side by side in full, changes marked,
    /// chapter navigation, target and agency changes on top.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Print a Markdown report for notes instead: summary, chapters, target and agency
    /// changes, then each change with deletions ~~struck~~ and insertions in **bold**.
    #[arg(long, conflicts_with_all = ["json", "stat"])]
    pub markdown: bool,
    /// Show unchanged clauses too.
    #[arg(long)]
    pub all: bool,
    /// Print only a line per chapter: clauses changed and a bar of chars inserted (+) and
    /// deleted (-), like `git diff --stat`.
    #[arg(long, conflicts_with = "json")]
    pub stat: bool,
    /// Pairings fixed by hand, one `OLD NEW` a line (clause ids or label paths such as
    /// 第二章/第十条; `-` for none); the aligner keeps them (see docs/diff.md).
    #[arg(long, value_name = "FILE")]
    pub pairs: Option<PathBuf>,
    /// Decode both with this encoding instead of detecting it.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// When to colour.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Threads that align clauses and compute edits [default: one per core].
    #[arg(long, short = 'j', value_name = "N", value_parser = super::threads_arg())]
    pub threads: Option<usize>,
}

/// Reads a document by path, or by the name of a bundled corpus file
/// (`2020-guangdong-quality-province-plan` or `corpus/….txt`).
fn read(
    path: &std::path::Path,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<crate::model::Document, Error> {
    if path.as_os_str() == "-" {
        let bytes = crate::read_source(&crate::error::Source::Stdin)?;
        return crate::parse_bytes(&bytes, encoding, "<stdin>");
    }
    if !path.exists() {
        let wanted = path.to_string_lossy();
        let exact = crate::corpus::BUNDLED
            .iter()
            .find(|(name, _)| *name == wanted || crate::index::short_name(name) == wanted);
        // As `show` takes them: a part of one name is that name; of several, an error.
        let containing: Vec<&(&str, &[u8])> = crate::corpus::BUNDLED
            .iter()
            .filter(|(name, _)| crate::index::short_name(name).contains(wanted.as_ref()))
            .collect();
        match (exact, containing.as_slice()) {
            (Some((name, bytes)), _) | (None, [(name, bytes)]) => {
                return crate::parse_bytes(bytes, encoding, name);
            }
            (None, many) if many.len() > 1 => {
                let names: Vec<String> = many
                    .iter()
                    .take(5)
                    .map(|(n, _)| crate::index::short_name(n))
                    .collect();
                return Err(Error::Query(format!(
                    "'{wanted}' names {} bundled documents: {}{}",
                    many.len(),
                    names.join(", "),
                    if many.len() > 5 { ", …" } else { "" }
                )));
            }
            _ => {}
        }
    }
    crate::parse_file(path, encoding)
}

pub fn run(args: DiffArgs) -> i32 {
    let started = std::time::Instant::now();
    let encoding = match args
        .encoding
        .as_deref()
        .map(crate::decode::encoding_for_label)
        .transpose()
    {
        Ok(e) => e,
        Err(e) => return fail(&e),
    };
    if args.old.as_os_str() == "-" && args.new.as_os_str() == "-" {
        return fail(&Error::Query(
            "OLD and NEW are both `-`: standard input holds one document".into(),
        ));
    }
    let (old, new) = match (read(&args.old, encoding), read(&args.new, encoding)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => return fail(&e),
    };
    let pinned = match &args.pairs {
        Some(path) => match crate::diff::pairs::read(path, &old, &new) {
            Ok(p) => p,
            Err(e) => return fail(&e),
        },
        None => Vec::new(),
    };
    // rayon's own default, one thread per core, when -j is not given.
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => return fail(&Error::Query(format!("cannot start threads: {e}"))),
    };
    let diff = pool.install(|| crate::diff::diff_pinned(&old, &new, &pinned));
    let html_to_stdout = args.html.as_deref().is_some_and(|p| p.as_os_str() == "-");
    if let Some(path) = args.html.as_ref().filter(|_| !html_to_stdout) {
        let written = std::fs::File::create(path).and_then(|f| {
            let mut w = BufWriter::new(f);
            write_html(&mut w, &old, &new, &diff)?;
            w.flush()
        });
        if let Err(cause) = written {
            return fail(&Error::Write {
                path: path.clone(),
                cause,
            });
        }
    }
    let painter = Painter {
        color: !args.json && args.color.use_color(),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let result = if html_to_stdout {
        write_html(&mut out, &old, &new, &diff)
    } else if args.json {
        write_json(&mut out, &old, &new, &diff, started)
    } else if args.markdown {
        write_markdown(&mut out, &old, &new, &diff)
    } else if args.stat {
        write_stat(
            &mut out,
            &new,
            &diff,
            painter,
            crate::output::terminal_width(),
        )
    } else {
        write_terminal(
            &mut out,
            &old,
            &new,
            &diff,
            args.all,
            painter,
            crate::output::terminal_width(),
        )
    }
    .and_then(|()| out.flush());
    match result {
        Err(e) if !crate::output::is_broken_pipe(&e) => {
            crate::cli::report(format_args!("cannot write output: {e}"));
            exit_code::ERROR
        }
        _ if diff.summary.differ => exit_code::NO_MATCH,
        _ => exit_code::SUCCESS,
    }
}
