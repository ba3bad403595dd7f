//! `zhengce quantities`: every number in plain text, one paragraph per line.
//!
//! The number reader of extraction on its own, for scripts and for testing it against
//! number-recognition suites: it reads text as it is (no clause structure), decodes it
//! like any document, and reports for each line the quantities found, with offsets in
//! chars of that line.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::cli::{fail, finish, ColorChoice};
use crate::decode::{decode, encoding_for_label};
use crate::error::{Error, Source};
use crate::extract::quantity::{scan, Found};
use crate::model::{Comparator, QuantityKind};
use crate::output::style::Painter;
use crate::output::table::{Align, Table};
use crate::output::{format_range, json};

#[derive(Debug, Args)]
pub struct QuantitiesArgs {
    /// Text files, one paragraph per line; `-` or none reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print JSON Lines: one object per input line (see docs/json.md).
    #[arg(long)]
    pub json: bool,
    /// Decode with this encoding instead of detecting it.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
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
    let encoding = match args.encoding.as_deref().map(encoding_for_label).transpose() {
        Ok(e) => e,
        Err(e) => return fail(&e),
    };
    let sources: Vec<Source> = if args.paths.is_empty() {
        vec![Source::Stdin]
    } else {
        args.paths
            .iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    Source::Stdin
                } else {
                    Source::Path(p.clone())
                }
            })
            .collect()
    };
    let painter = Painter {
        color: !args.json && args.color.use_color(),
    };
    let mut out = BufWriter::new(io::stdout().lock());
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
        for source in &sources {
            let text = match read_text(source, encoding) {
                Ok(text) => text,
                Err(e) => {
                    out.flush()?;
                    eprintln!("zhengce: {e}");
                    failed = true;
                    continue;
                }
            };
            let name = source.to_string();
            for (index, line) in text.lines().enumerate() {
                let original: Vec<char> = line.chars().collect();
                let found = scan(&original);
                found_any |= !found.is_empty();
                let quantities: Vec<LineQuantity> = found
                    .into_iter()
                    .map(|f| line_quantity(&original, f))
                    .collect();
                if args.json {
                    json::write_line(
                        &mut out,
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
        if !args.json && !table.is_empty() {
            table.write_plain(&mut out, painter)?;
        }
        out.flush()
    })();
    finish(result.map(|()| failed), found_any)
}

fn read_text(
    source: &Source,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<String, Error> {
    let bytes = crate::read_source(source)?;
    Ok(decode(&bytes, encoding, source)?.text)
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
