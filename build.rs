//! Embeds every file of `corpus/` in the binary, so the bundled corpus is the default
//! input on a fresh clone and from any working directory; and fingerprints the code and
//! data that read it, so a cached index of the bundled corpus is rebuilt when they change.

use std::fmt::Write;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let corpus = root.join("corpus");
    println!("cargo:rerun-if-changed=corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                // The corpus's own description is not one of its documents.
                .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut code = String::from("/// The bundled corpus: (path as shown, bytes), sorted by name.\npub const BUNDLED: &[(&str, &[u8])] = &[\n");
    for file in &files {
        let name = file.file_name().expect("a file").to_string_lossy();
        println!("cargo:rerun-if-changed={}", file.display());
        writeln!(
            code,
            "    ({:?}, include_bytes!({:?})),",
            format!("corpus/{name}"),
            file.display().to_string()
        )
        .expect("write to string");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("corpus.rs");
    std::fs::write(out, code).expect("write corpus.rs");

    // What the parser and the extractors are: a cache of their output built by other
    // code (an upgrade, a rebuild during development) must not be read as this code's.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for dir in ["src", "data"] {
        println!("cargo:rerun-if-changed={dir}");
        hash_tree(&root.join(dir), &root, &mut hasher);
    }
    println!("cargo:rustc-env=ZHENGCE_CODE_HASH={:016x}", hasher.finish());
}

/// Hashes every file below `dir` (names and bytes, in name order).
fn hash_tree(dir: &Path, root: &Path, hasher: &mut impl Hasher) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            hash_tree(&path, root, hasher);
        } else if let Ok(bytes) = std::fs::read(&path) {
            hasher.write(
                path.strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .as_bytes(),
            );
            hasher.write(&bytes);
        }
    }
}
