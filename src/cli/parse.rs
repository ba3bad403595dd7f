//! `zhengce parse`: documents → outline or JSON Lines, one document per input.

use std::io::{self, BufWriter, Write};

use clap::Args;

use crate::cli::inputs::DocumentArgs;
use crate::cli::{finish, ColorChoice};
use crate::output::{json, outline, style::Painter};

#[derive(Debug, Args)]
pub struct ParseArgs {
    #[command(flatten)]
    pub documents: DocumentArgs,
    /// Print JSON Lines, one document object per input (see docs/json.md).
    #[arg(long)]
    pub json: bool,
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
    let result = documents.for_each(&mut out, |out, doc| {
        if args.json {
            json::write_line(out, &doc)?;
        } else {
            outline::write_document(out, &doc, painter)?;
        }
        out.flush()
    });
    finish(result, true)
}
