//! `zhengce parse`: documents → outline or JSON Lines, one document per input.

use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;

use clap::Args;

use crate::cli::ColorChoice;
use crate::decode::encoding_for_label;
use crate::error::{Error, Source};
use crate::exit_code;
use crate::model::Document;
use crate::output::{is_broken_pipe, json, outline, style::Painter};

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Files to parse; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print JSON Lines, one document object per input (see docs/json.md).
    #[arg(long)]
    pub json: bool,
    /// Decode with this encoding instead of detecting it (any WHATWG label: gbk, big5, utf-16le…).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// When to colour the outline.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// What `parse` was asked to do, validated.
#[derive(Debug)]
pub struct ParseConfig {
    pub inputs: Vec<Input>,
    pub json: bool,
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub color: bool,
}

/// One thing to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl ParseArgs {
    fn into_config(self) -> Result<ParseConfig, Error> {
        let encoding = self
            .encoding
            .as_deref()
            .map(encoding_for_label)
            .transpose()?;
        let inputs = self
            .paths
            .into_iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    Input::Stdin
                } else {
                    Input::Path(p)
                }
            })
            .collect();
        Ok(ParseConfig {
            inputs,
            json: self.json,
            encoding,
            color: !self.json && self.color.use_color(),
        })
    }
}

/// Parses one input.
pub fn parse_input(
    input: &Input,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Document, Error> {
    match input {
        Input::Path(path) => crate::parse_file(path, encoding),
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|cause| Error::Read {
                    source_name: Source::Stdin,
                    cause,
                })?;
            crate::parse_bytes(&bytes, encoding, "-")
        }
    }
}

pub fn run(args: ParseArgs) -> i32 {
    let config = match args.into_config() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("zhengce: {e}");
            return exit_code::ERROR;
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let painter = Painter {
        color: config.color,
    };
    let mut failed = false;
    for input in &config.inputs {
        let written = match parse_input(input, config.encoding) {
            Ok(doc) if config.json => json::write_line(&mut out, &doc),
            Ok(doc) => outline::write_document(&mut out, &doc, painter),
            Err(e) => {
                // Keep stdout and stderr in order for a reader watching both.
                let _ = out.flush();
                eprintln!("zhengce: {e}");
                failed = true;
                Ok(())
            }
        };
        if let Err(e) = written.and_then(|()| out.flush()) {
            if is_broken_pipe(&e) {
                return exit_code::SUCCESS;
            }
            eprintln!("zhengce: cannot write output: {e}");
            return exit_code::ERROR;
        }
    }
    if failed {
        exit_code::ERROR
    } else {
        exit_code::SUCCESS
    }
}
