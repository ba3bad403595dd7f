//! Input: which documents a command reads. Files, folders (walked recursively for the
//! formats zhengce reads — .txt, .md, .html, .docx, .pdf — and the ones it refuses with
//! advice, narrowed by `--glob`), standard input (`-`), or the bundled corpus when no path
//! is given. The walk follows symbolic links to folders but enters each folder once, by
//! its device and inode, so a link loop neither hangs nor reads a file twice.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Source};
use crate::extract::names::Names;
use crate::formats::{ReadOptions, ReadText};
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
            Input::Stdin => "<stdin>".into(),
            Input::Bundled { name, .. } => (*name).to_owned(),
        }
    }
}

/// Which files of a walked folder to read: every document format, or those matching
/// one of the `--glob` patterns (a pattern without `/` matches the file name, one with
/// `/` the path below the folder given).
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    globs: Option<(globset::GlobSet, globset::GlobSet)>,
}

impl WalkOptions {
    /// Compiles `--glob` patterns; none means every document.
    pub fn new(patterns: &[String]) -> Result<WalkOptions, Error> {
        if patterns.is_empty() {
            return Ok(WalkOptions::default());
        }
        let mut names = globset::GlobSetBuilder::new();
        let mut paths = globset::GlobSetBuilder::new();
        for pattern in patterns {
            let glob = globset::GlobBuilder::new(pattern)
                .literal_separator(true)
                .build()
                .map_err(|e| Error::BadGlob {
                    pattern: pattern.clone(),
                    why: e.kind().to_string().to_lowercase(),
                })?;
            if pattern.contains('/') {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        let build =
            |b: globset::GlobSetBuilder| b.build().unwrap_or_else(|_| globset::GlobSet::empty());
        Ok(WalkOptions {
            globs: Some((build(names), build(paths))),
        })
    }

    fn wants(&self, root: &Path, path: &Path) -> bool {
        match &self.globs {
            None => true,
            Some((names, paths)) => {
                path.file_name().is_some_and(|n| names.is_match(n))
                    || path.strip_prefix(root).is_ok_and(|rel| paths.is_match(rel))
            }
        }
    }
}

/// Expands command-line paths into inputs, in order. A folder yields its documents,
/// recursively, sorted by path; an empty list yields the bundled corpus. A folder that
/// cannot be listed is an error in its place; the others are still read.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Input, Error>> {
    expand_with(paths, &WalkOptions::default())
}

/// [`expand`] with `--glob` patterns.
pub fn expand_with(paths: &[PathBuf], options: &WalkOptions) -> Vec<Result<Input, Error>> {
    if paths.is_empty() {
        return if stdin_has_input() {
            vec![Ok(Input::Stdin)]
        } else {
            bundled().into_iter().map(Ok).collect()
        };
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Ok(Input::Stdin));
        } else if path.is_dir() {
            let before = inputs.len();
            let mut walk = Walk {
                root: path,
                options,
                visited: HashSet::new(),
            };
            walk.dir(path, &mut inputs);
            if inputs.len() == before {
                inputs.push(Err(Error::NoDocuments(Source::Path(path.clone()))));
            }
        } else {
            inputs.push(Ok(Input::Path(path.clone())));
        }
    }
    inputs
}

/// Every file of the bundled corpus.
pub fn bundled() -> Vec<Input> {
    crate::corpus::BUNDLED
        .iter()
        .map(|&(name, bytes)| Input::Bundled { name, bytes })
        .collect()
}

/// Whether standard input was given something to read: a pipe, a file or a socket, as
/// in `cat plan.txt | zhengce parse` — not a terminal, and not `/dev/null` or a closed
/// descriptor (how scripts and CI start commands), which leave the bundled corpus the
/// default, as ripgrep decides between stdin and the current folder.
pub fn stdin_has_input() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        std::fs::metadata("/dev/stdin").is_ok_and(|m| {
            let t = m.file_type();
            t.is_fifo() || t.is_file() || t.is_socket()
        })
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// One folder walk: the folder given, the filter, and the folders already entered.
struct Walk<'a> {
    root: &'a Path,
    options: &'a WalkOptions,
    visited: HashSet<FolderId>,
}

/// What makes a folder the same folder, however it is reached.
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

#[cfg(unix)]
fn folder_id(dir: &Path) -> Option<FolderId> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn folder_id(dir: &Path) -> Option<FolderId> {
    std::fs::canonicalize(dir).ok()
}

impl Walk<'_> {
    fn dir(&mut self, dir: &Path, inputs: &mut Vec<Result<Input, Error>>) {
        // A folder reached again through a link (a loop, or two links to one folder) is
        // skipped: its files are read once, under the first path found.
        match folder_id(dir) {
            Some(id) if !self.visited.insert(id) => return,
            _ => {}
        }
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
            // A folder's README describes the folder (where its documents come from),
            // as in every repository and data set; it is not one of them. Given by
            // name, it is read like any file.
            let readme = path
                .file_stem()
                .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case("readme"));
            if hidden || (readme && !path.is_dir()) {
                continue;
            }
            if path.is_dir() {
                self.dir(&path, inputs);
            } else if crate::formats::is_document_name(&path)
                && self.options.wants(self.root, &path)
            {
                inputs.push(Ok(Input::Path(path)));
            }
        }
    }
}

/// Reads, decodes, parses and extracts one input.
pub fn read_document(
    input: &Input,
    encoding: Option<&'static encoding_rs::Encoding>,
    names: &Names,
) -> Result<Document, Error> {
    let options = ReadOptions {
        encoding,
        format: None,
    };
    read_document_as(input, &options, names)
}

/// [`read_document`] with `--encoding` and `--format` as given.
pub fn read_document_as(
    input: &Input,
    options: &ReadOptions,
    names: &Names,
) -> Result<Document, Error> {
    let read = read_text(input, options)?;
    Ok(crate::parse_read(&read, &input.name(), names))
}

/// The text a format reader produced for one input (what `parse --text` prints).
pub fn read_text(input: &Input, options: &ReadOptions) -> Result<ReadText, Error> {
    match input {
        Input::Path(path) => {
            let source = Source::Path(path.clone());
            let bytes = crate::read_source(&source)?;
            crate::formats::read(&bytes, options, &source)
        }
        Input::Stdin => {
            let bytes = crate::read_source(&Source::Stdin)?;
            crate::formats::read(&bytes, options, &Source::Stdin)
        }
        Input::Bundled { name, bytes } => {
            crate::formats::read(bytes, options, &Source::Path(PathBuf::from(name)))
        }
    }
}
