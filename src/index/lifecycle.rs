//! The life of an index folder: what a folder holds, where a new index is built, and how
//! it takes the place of the old one, so that no run can delete a user's files or leave
//! a half-built index where searches look.
//!
//! A folder named as an index is in one of these states ([`FolderState`]):
//!
//! | state | `index PATH…` | `index --rebuild PATH…` |
//! |---|---|---|
//! | absent, or an empty folder | build in the staging folder, then move it in | same |
//! | an index | update it in place, committing as it goes | build in staging, then swap |
//! | damaged (only index files, but unreadable) | refuse: run `--rebuild` | build in staging, then swap |
//! | foreign (any file an index does not write) | refuse | refuse, naming the file |
//!
//! The staging folder is a hidden sibling, `.NAME.zhengce-build`. A first build that is
//! killed leaves its committed part there, and the next run resumes from it; only a
//! build that committed and indexed something is moved into place, so an empty or failed
//! first run leaves nothing where a search would find it. Deleting is limited to the
//! files tantivy and zhengce write ([`is_index_file`]): a folder that holds anything else
//! is never emptied.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// What an index folder holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderState {
    /// Nothing there, or an empty folder.
    Absent,
    /// A committed index (`meta.json` and only index files).
    Index,
    /// Only index files, but no `meta.json`: a build that never committed, or damage.
    Damaged,
    /// The folder holds this entry, which no index writes.
    Foreign(PathBuf),
}

/// Looks at what `dir` holds without opening anything.
pub fn inspect(dir: &Path) -> Result<FolderState, Error> {
    if dir.exists() && !dir.is_dir() {
        return Ok(FolderState::Foreign(dir.to_path_buf()));
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FolderState::Absent),
        Err(e) => return Err(unreadable(dir, e)),
    };
    let mut any = false;
    let mut has_meta = false;
    for entry in entries {
        let entry = entry.map_err(|e| unreadable(dir, e))?;
        let name = entry.file_name();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        match name.to_str() {
            Some(name) if is_file && is_index_file(name) => {
                any = true;
                has_meta |= name == "meta.json";
            }
            _ => return Ok(FolderState::Foreign(entry.path())),
        }
    }
    Ok(match (any, has_meta) {
        (false, _) => FolderState::Absent,
        (true, true) => FolderState::Index,
        (true, false) => FolderState::Damaged,
    })
}

fn unreadable(dir: &Path, e: std::io::Error) -> Error {
    Error::Index {
        dir: dir.to_path_buf(),
        why: format!("cannot read the folder: {e}"),
    }
}

/// Whether a file name is one that tantivy or zhengce writes into an index folder:
/// `meta.json`, `.managed.json`, tantivy's lock files and the temporary files of its
/// atomic writes, and segment files `<32 hex digits>.<component>` (deletes:
/// `<32 hex>.<opstamp>.del`).
pub fn is_index_file(name: &str) -> bool {
    const COMPONENTS: [&str; 7] = ["idx", "pos", "term", "store", "fast", "fieldnorm", "del"];
    if matches!(
        name,
        "meta.json" | ".managed.json" | ".tantivy-meta.lock" | ".tantivy-writer.lock"
    ) {
        return true;
    }
    if name.starts_with(".tmp") {
        return true;
    }
    let mut parts = name.split('.');
    let (Some(id), Some(second)) = (parts.next(), parts.next()) else {
        return false;
    };
    let segment_id = id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit());
    let component = match parts.next() {
        None => COMPONENTS.contains(&second),
        Some("del") => second.bytes().all(|b| b.is_ascii_digit()) && parts.next().is_none(),
        Some(_) => false,
    };
    segment_id && component
}

/// Fails with a clear message when files cannot be created in `dir`, before a run that
/// would fail on its first segment (or, worse, read a missing lock as another writer).
pub fn check_writable(dir: &Path) -> Result<(), Error> {
    // A name that is_index_file accepts, so a probe left by a kill is no foreign file.
    let probe = dir.join(format!(".tmpzhengce-probe-{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) => Err(Error::Index {
            dir: dir.to_path_buf(),
            why: format!("cannot write to the folder: {e}"),
        }),
    }
}

/// tantivy writes `meta.json` and `.managed.json` through temporary files, created
/// readable by their owner only, so another user could not open an index they can read.
/// Once a run is over, both get the permissions the folder gives (its mode without the
/// execute bits: 0644 in a 0755 folder), like the segment files beside them.
#[cfg(unix)]
pub fn share_like_folder(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(folder) = std::fs::metadata(dir) else {
        return;
    };
    let mode = folder.permissions().mode() & 0o666;
    for name in ["meta.json", ".managed.json"] {
        let _ = std::fs::set_permissions(dir.join(name), std::fs::Permissions::from_mode(mode));
    }
}

#[cfg(not(unix))]
pub fn share_like_folder(_dir: &Path) {}

/// The hidden sibling in which a new index is built before it is moved into `dir`.
pub fn staging_dir(dir: &Path) -> PathBuf {
    sibling(dir, "zhengce-build")
}

/// Where the old index waits while a rebuilt one takes its place.
fn retired_dir(dir: &Path) -> PathBuf {
    sibling(dir, "zhengce-old")
}

fn sibling(dir: &Path, what: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!(".{name}.{what}"))
}

/// Deletes the index files in `dir`, then `dir` itself if that left it empty. Anything
/// else in it stays, and is the error.
pub fn remove_index(dir: &Path) -> Result<(), Error> {
    let fail = |why: String| Error::Index {
        dir: dir.to_path_buf(),
        why,
    };
    match inspect(dir)? {
        FolderState::Foreign(entry) => {
            return Err(fail(format!(
                "holds {}, which an index does not write: not deleting anything",
                entry.display()
            )))
        }
        FolderState::Absent if !dir.exists() => return Ok(()),
        _ => {}
    }
    let entries = std::fs::read_dir(dir).map_err(|e| unreadable(dir, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_str().is_some_and(is_index_file) {
            std::fs::remove_file(entry.path())
                .map_err(|e| fail(format!("cannot delete {}: {e}", entry.path().display())))?;
        }
    }
    std::fs::remove_dir(dir).map_err(|e| fail(format!("cannot delete the folder: {e}")))
}

/// Moves the committed index in `staging` to `dir`, replacing the index or empty folder
/// that is there. The old index is moved aside first and deleted last, so there is always
/// a whole index at `dir` except for the moment between two renames.
pub fn install(staging: &Path, dir: &Path) -> Result<(), Error> {
    let fail = |why: String| Error::Index {
        dir: dir.to_path_buf(),
        why,
    };
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| fail(format!("cannot create it: {e}")))?;
    }
    let retired = retired_dir(dir);
    let had_index = match inspect(dir)? {
        FolderState::Absent => {
            if dir.exists() {
                std::fs::remove_dir(dir).map_err(|e| fail(e.to_string()))?;
            }
            false
        }
        FolderState::Index | FolderState::Damaged => {
            remove_index(&retired)?;
            std::fs::rename(dir, &retired)
                .map_err(|e| fail(format!("cannot move the old index aside: {e}")))?;
            true
        }
        FolderState::Foreign(entry) => {
            return Err(fail(format!(
                "holds {}, which an index does not write: not replacing it",
                entry.display()
            )))
        }
    };
    std::fs::rename(staging, dir).map_err(|e| {
        fail(format!(
            "cannot move the new index into place from {}: {e}",
            staging.display()
        ))
    })?;
    if had_index {
        remove_index(&retired)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_files_are_tantivys_own_names() {
        for name in [
            "meta.json",
            ".managed.json",
            ".tantivy-writer.lock",
            ".tantivy-meta.lock",
            "0123456789abcdef0123456789abcdef.idx",
            "0123456789abcdef0123456789abcdef.fieldnorm",
            "0123456789abcdef0123456789abcdef.12.del",
            ".tmpAbC123",
        ] {
            assert!(is_index_file(name), "{name}");
        }
        for name in [
            "notes.txt",
            "meta.json.bak",
            "0123456789abcdef0123456789abcdef.docx",
            "0123456789abcdef.idx",
            "0123456789abcdef0123456789abcdeg.idx",
            "0123456789abcdef0123456789abcdef.x.del",
            "0123456789abcdef0123456789abcdef.idx.old",
        ] {
            assert!(!is_index_file(name), "{name}");
        }
    }

    #[test]
    fn a_folder_with_a_stray_meta_json_is_foreign() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("meta.json"), "{}").unwrap();
        std::fs::write(dir.path().join("thesis.docx"), "x").unwrap();
        assert_eq!(
            inspect(dir.path()).unwrap(),
            FolderState::Foreign(dir.path().join("thesis.docx"))
        );
        assert!(remove_index(dir.path()).is_err());
        assert!(dir.path().join("thesis.docx").exists());
        assert!(dir.path().join("meta.json").exists());
    }

    #[test]
    fn staging_is_a_hidden_sibling() {
        assert_eq!(
            staging_dir(Path::new("/a/b/index")),
            PathBuf::from("/a/b/.index.zhengce-build")
        );
    }
}
