//! `zhengce quantities`: every number in plain text, one paragraph per line.
//!
//! The number reader of extraction on its own, for scripts and for testing it against
//! number-recognition suites: it reads text as it is (no clause structure), decodes and
//! reads formats like any document (the same inputs as every command: files, folders,
//! `-`, piped standard input, else the bundled corpus), and reports for each line the
//! quantities found, with offsets in chars of that line.

use std::io::{self, Write};

use clap::Args;
use serde::Serialize;

use crate::cli::inputs::DocumentArgs;
use crate::cli::{fail, finish, ColorChoice};
use crate::extract::quantity::{scan, Found};
use crate::input::{read_text, Input};
use crate::model::{Comparator, QuantityKind};
use crate::output::format_range;
use crate::output::style::Painter;
use crate::output::table::{Align, Table};

#[derive(Debug, Args)]
pub struct QuantitiesArgs {
    #[command(flatten)]
    pub documents: DocumentArgs,
    /// Print JSON Lines: one `line` message per input line (see docs/json.md).
    #[arg(long)]
    pub json: bool,
    /// When to colour the table header.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// One input line and what was found in it (`--json`).
#[derive(Debug, Serialize)]
pub struct LineQuantities<'a> {
    pub source: &'a str,
    /// 1-based line number in its input.
    pub line: usize,
    pub text: &'a str,
    pub quantities: Vec<LineQuantity>,
}

/// A quantity with offsets in chars of its line.
#[derive(Debug, Serialize)]
pub struct LineQuantity {
    pub text: String,
    pub value: f64,
    pub max: Option<f64>,
    pub unit: String,
    pub bound: Comparator,
    /// `amount`, `fraction` or `ordinal`.
    pub kind: QuantityKind,
    /// A vague or round figure (多, 约, 左右, 逾百 …).
    pub approximate: bool,
    /// First char of the quantity in the line (unit: char, 0-based).
    pub start: usize,
    /// One past its last char (unit: char).
    pub end: usize,
}

pub fn run(args: QuantitiesArgs) -> i32 {
    let documents = match args.documents.into_documents() {
        Ok(d) => d,
        Err(e) => return fail(&e),
    };
    let painter = Painter {
        color: !args.json && args.color.use_color(),
    };
    let mut messages = match crate::cli::json_stream(args.json, "quantities") {
        Ok(m) => m,
        Err(e) => return finish(Err(e), false),
    };
    let mut out = crate::cli::stdout();
    let mut table = Table::new(&[
        ("SOURCE", Align::Left),
        ("LINE", Align::Right),
        ("QUANTITY", Align::Left),
        ("VALUE", Align::Right),
        ("UNIT", Align::Left),
        ("BOUND", Align::Left),
        ("KIND", Align::Left),
    ]);
    let mut failed = false;
    let mut found_any = false;
    let result = (|| -> io::Result<()> {
        for input in &documents.inputs {
            let read = input
                .as_ref()
                .map_err(|e| e.to_string())
                .and_then(|i| read_text(i, &documents.read_options()).map_err(|e| e.to_string()));
            let (name, text) = match read {
                Ok(read) => (
                    input.as_ref().map(Input::name).unwrap_or_default(),
                    read.decoded.text,
                ),
                Err(message) => {
                    out.flush()?;
                    crate::cli::report(&message);
                    if let Some(m) = messages.as_mut() {
                        m.flush()?;
                        m.error(&message)?;
                    }
                    failed = true;
                    continue;
                }
            };
            for (index, line) in text.lines().enumerate() {
                let original: Vec<char> = line.chars().collect();
                let found = scan(&original);
                found_any |= !found.is_empty();
                let quantities: Vec<LineQuantity> = found
                    .into_iter()
                    .map(|f| line_quantity(&original, f))
                    .collect();
                if let Some(m) = messages.as_mut() {
                    m.send(
                        "line",
                        &LineQuantities {
                            source: &name,
                            line: index + 1,
                            text: line,
                            quantities,
                        },
                    )?;
                } else {
                    for q in quantities {
                        table.push(vec![
                            name.clone(),
                            (index + 1).to_string(),
                            q.text,
                            format_range(q.value, q.max),
                            q.unit,
                            if q.approximate {
                                format!("{} approx.", q.bound.as_str())
                            } else {
                                q.bound.as_str().to_owned()
                            },
                            q.kind.as_str().to_owned(),
                        ]);
                    }
                }
            }
        }
        if let Some(m) = messages.take() {
            m.end()?;
        } else if !table.is_empty() {
            table.write_plain(&mut out, painter, crate::output::terminal_width())?;
        }
        out.flush()
    })();
    finish(result.map(|()| failed), found_any)
}

fn line_quantity(line: &[char], f: Found) -> LineQuantity {
    LineQuantity {
        text: line[f.start..f.end].iter().collect(),
        value: f.value,
        max: f.max,
        unit: f.unit,
        bound: f.bound,
        kind: f.kind,
        approximate: f.approximate,
        start: f.start,
        end: f.end,
    }
}
