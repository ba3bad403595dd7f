//! Embeds every file of `corpus/` in the binary, so the bundled corpus is the default
//! input on a fresh clone and from any working directory; and fingerprints the code and
//! data that read it, so a cached index of the bundled corpus is rebuilt when they change.
//! Compiles the word dictionary of `diff`'s inline edits (data/words.txt.gz) into a
//! finite-state transducer the binary maps as it is, so no dictionary is loaded at run time.

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

    compile_words(&root.join("data/words.txt.gz"));
}

/// data/words.txt.gz ("word frequency" lines, a later line of a word replacing an
/// earlier) → OUT_DIR/words.fst (word → frequency, sorted by bytes) and
/// OUT_DIR/words.rs (the frequencies' total, which the segmenter divides by).
///
/// Cargo runs this script again whenever anything under src/ changes (the code hash), so
/// the dictionary is compiled only when its source differs from the one compiled last
/// (its hash, kept beside the output): a second of every development build otherwise.
fn compile_words(source: &Path) {
    use std::io::Read;
    println!("cargo:rerun-if-changed={}", source.display());
    let compressed = std::fs::read(source).expect("data/words.txt.gz");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    let stamp = {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        hasher.write(&compressed);
        format!("{:016x}", hasher.finish())
    };
    let stamp_path = out.join("words.stamp");
    let compiled = ["words.fst", "words.rs"]
        .iter()
        .all(|f| out.join(f).exists());
    if compiled && std::fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp) {
        return;
    }
    let mut text = String::new();
    flate2::read::GzDecoder::new(&compressed[..])
        .read_to_string(&mut text)
        .expect("data/words.txt.gz is gzip'd UTF-8");
    let mut words = std::collections::BTreeMap::new();
    for line in text.lines() {
        let mut fields = line.split_whitespace();
        if let Some(word) = fields.next() {
            let frequency: u64 = fields.next().map_or(0, |f| f.parse().expect("a frequency"));
            words.insert(word.as_bytes().to_vec(), frequency);
        }
    }
    let total: u64 = words.values().sum();
    let file =
        std::io::BufWriter::new(std::fs::File::create(out.join("words.fst")).expect("words.fst"));
    let mut builder = tantivy_fst::MapBuilder::new(file).expect("an fst builder");
    for (word, frequency) in &words {
        builder.insert(word, *frequency).expect("sorted words");
    }
    builder.finish().expect("write words.fst");
    std::fs::write(
        out.join("words.rs"),
        format!(
            "/// The sum of the dictionary's word frequencies.\npub const TOTAL: u64 = {total};\n"
        ),
    )
    .expect("write words.rs");
    std::fs::write(stamp_path, stamp).expect("write words.stamp");
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
