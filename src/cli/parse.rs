//! `zhengce parse`: documents → outline or JSON Lines, one document per input.

use std::io::{self, BufWriter, Write};

use clap::Args;

use crate::cli::inputs::{DocumentArgs, Documents};
use crate::cli::{finish, ColorChoice};
use crate::input::read_text;
use crate::output::{json, outline, style::Painter};

#[derive(Debug, Args)]
pub struct ParseArgs {
    #[command(flatten)]
    pub documents: DocumentArgs,
    /// Print JSON Lines: begin, one `document` message per input, end (see docs/json.md).
    #[arg(long)]
    pub json: bool,
    /// Print the text each input's format reader produced (what every offset and line
    /// number refers to) instead of parsing it.
    #[arg(long, conflicts_with = "json")]
    pub text: bool,
    /// When to colour the outline.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
}

pub fn run(args: ParseArgs) -> i32 {
    let documents = match args.documents.into_documents() {
        Ok(documents) => documents,
        Err(e) => return crate::cli::fail(&e),
    };
    let painter = Painter {
        color: !args.json && args.color.use_color(),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    if args.text {
        return finish(write_texts(&mut out, &documents), true);
    }
    if args.json {
        let result =
            json::Messages::begin(&mut out, "parse", json::NoFields {}).and_then(|mut m| {
                let failed = documents.for_each_reporting(
                    &mut m,
                    |m, doc| {
                        m.send("document", &doc)?;
                        m.flush()
                    },
                    |m, message| m.error(message),
                )?;
                m.end()?;
                Ok(failed)
            });
        return finish(result, true);
    }
    let result = documents.for_each(&mut out, |out, doc| {
        outline::write_document(out, &doc, painter, crate::output::terminal_width())?;
        out.flush()
    });
    finish(result, true)
}

/// `--text`: each input's text as its reader produced it; with several inputs, each
/// after a `==> name <==` line, as `head` does. A bad input is reported and skipped.
fn write_texts<W: Write>(out: &mut W, documents: &Documents) -> io::Result<bool> {
    let mut failed = false;
    let several = documents.inputs.len() > 1;
    for input in &documents.inputs {
        let read = input.as_ref().map_err(|e| e.to_string()).and_then(|i| {
            read_text(i, &documents.read_options())
                .map(|read| (i.name(), read))
                .map_err(|e| e.to_string())
        });
        match read {
            Ok((name, read)) => {
                if several {
                    writeln!(out, "==> {} <==", crate::output::style::sanitize(&name))?;
                }
                // Exact to a file or a pipe; on a terminal, hidden characters escaped.
                if crate::output::stdout_is_terminal() {
                    out.write_all(crate::output::style::sanitize(&read.decoded.text).as_bytes())?;
                } else {
                    out.write_all(read.decoded.text.as_bytes())?;
                }
                out.flush()?;
            }
            Err(message) => {
                out.flush()?;
                crate::cli::report(message);
                failed = true;
            }
        }
    }
    Ok(failed)
}
