//! Opening an index for reading where its folder cannot be written: a shared, read-only
//! or another user's index.
//!
//! tantivy's reader takes a lock file (`.tantivy-meta.lock`) while it opens segments, so
//! that a writer's clean-up does not delete them under it; creating that file fails in a
//! folder the user cannot write, and the search failed. [`ReadingDirectory`] takes the
//! lock where it can and otherwise reads without it: nobody can be writing into a folder
//! that cannot be written.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// An [`MmapDirectory`] whose locks are optional when the folder cannot be written.
#[derive(Debug, Clone)]
pub(crate) struct ReadingDirectory {
    inner: MmapDirectory,
}

impl ReadingDirectory {
    pub(crate) fn open(dir: &Path) -> tantivy::Result<ReadingDirectory> {
        Ok(ReadingDirectory {
            inner: MmapDirectory::open(dir)?,
        })
    }
}

impl Directory for ReadingDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.inner.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }
    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if e.kind() == std::io::ErrorKind::PermissionDenied
                    || e.kind() == std::io::ErrorKind::ReadOnlyFilesystem =>
            {
                Ok(DirectoryLock::from(Box::new(PathBuf::new())))
            }
            other => other,
        }
    }
}
