//! Embeds every file of `corpus/` in the binary, so the bundled corpus is the default
//! input on a fresh clone and from any working directory.

use std::fmt::Write;
use std::path::PathBuf;

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
}
