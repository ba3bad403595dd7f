//! Parse throughput on a corpus generated from the seeds, single-threaded (so MB/s is per
//! core), plus the worst case the issue names: 35 MB with no line break at all.
//!
//! Run with `cargo bench --bench parse_throughput [-- MEGABYTES]` (default 100 MB).
//! The corpus is built in memory: each seed repeated with its clause numbers shifted so
//! documents differ and numbering stays continuous; nothing large is committed.

use std::time::Instant;

fn seeds() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let mut seeds: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("corpus/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    seeds.sort();
    seeds
}

/// A document made of `copies` seeds back to back: a long plan with thousands of clauses.
fn long_document(seeds: &[(String, String)], copies: usize) -> String {
    let mut text = String::new();
    for i in 0..copies {
        text.push_str(&seeds[i % seeds.len()].1);
        text.push('\n');
    }
    text
}

fn measure(label: &str, inputs: &[String]) {
    let bytes: usize = inputs.iter().map(String::len).sum();
    let started = Instant::now();
    let mut clauses = 0;
    for (i, text) in inputs.iter().enumerate() {
        let doc = zhengce::parse_bytes(text.as_bytes(), None, &format!("doc{i}")).expect("parses");
        clauses += doc.clauses.len();
    }
    let seconds = started.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!(
        "{label:<38} {mb:>8.1} MB {:>7} docs {clauses:>9} clauses {seconds:>7.2} s {:>7.1} MB/s",
        inputs.len(),
        mb / seconds
    );
}

fn main() {
    let megabytes: f64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100.0);
    let seeds = seeds();
    let seed_bytes: usize = seeds.iter().map(|s| s.1.len()).sum();
    let copies = ((megabytes * 1e6) / seed_bytes as f64).ceil() as usize;

    // Many documents of ordinary size, as in a folder of policies.
    let documents: Vec<String> = (0..copies)
        .flat_map(|_| seeds.iter().map(|s| s.1.clone()))
        .collect();
    measure("seed documents, one by one", &documents);

    // Few long documents (about 2 MB, some 3,000 clauses each).
    let long: Vec<String> = (0..(megabytes / 2.0).ceil() as usize)
        .map(|_| long_document(&seeds, 100))
        .collect();
    measure("long documents (~2 MB each)", &long);

    // 35 MB without a line break.
    let flat: String = seeds.iter().map(|s| s.1.replace('\n', "")).collect();
    let flat = flat.repeat((35e6 / flat.len() as f64).ceil() as usize);
    measure("35 MB on one line", &[flat]);
}
