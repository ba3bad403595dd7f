//! Input: which documents a command reads. Files, folders (walked recursively for `.txt`
//! files), standard input (`-`), or the bundled corpus when no path is given.

use std::path::{Path, PathBuf};

use crate::error::{Error, Source};
use crate::extract::names::Names;
use crate::model::Document;

/// One document to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
    /// A file of the bundled corpus, embedded in the binary.
    Bundled {
        name: &'static str,
        bytes: &'static [u8],
    },
}

impl Input {
    /// The name messages and JSON use.
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "-".into(),
            Input::Bundled { name, .. } => (*name).to_owned(),
        }
    }
}

/// Expands command-line paths into inputs, in order. A folder yields its `.txt` files,
/// recursively, sorted by path; an empty list yields the bundled corpus. A folder that
/// cannot be listed is an error in its place; the others are still read.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Input, Error>> {
    if paths.is_empty() {
        return crate::corpus::BUNDLED
            .iter()
            .map(|&(name, bytes)| Ok(Input::Bundled { name, bytes }))
            .collect();
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Ok(Input::Stdin));
        } else if path.is_dir() {
            let before = inputs.len();
            walk(path, &mut inputs);
            if inputs.len() == before {
                inputs.push(Err(Error::NoDocuments(Source::Path(path.clone()))));
            }
        } else {
            inputs.push(Ok(Input::Path(path.clone())));
        }
    }
    inputs
}

fn walk(dir: &Path, inputs: &mut Vec<Result<Input, Error>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(cause) => {
            inputs.push(Err(Error::Read {
                source_name: Source::Path(dir.to_path_buf()),
                cause,
            }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, inputs);
        } else if is_text_file(&path) {
            inputs.push(Ok(Input::Path(path)));
        }
    }
}

fn is_text_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("text"))
}

/// Reads, decodes, parses and extracts one input.
pub fn read_document(
    input: &Input,
    encoding: Option<&'static encoding_rs::Encoding>,
    names: &Names,
) -> Result<Document, Error> {
    match input {
        Input::Path(path) => crate::parse_file_with(path, encoding, names),
        Input::Stdin => {
            let bytes = crate::read_source(&Source::Stdin)?;
            crate::parse_bytes_with(&bytes, encoding, "-", names)
        }
        Input::Bundled { name, bytes } => crate::parse_bytes_with(bytes, encoding, name, names),
    }
}
