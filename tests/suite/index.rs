//! `zhengce index` over time: incremental runs, removed and bad files, a second writer,
//! an interrupted run; and `zhengce show`.

use crate::common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

fn index(index: &Path, paths: &[&Path]) -> std::process::Output {
    let mut args = vec!["index", "--index", index.to_str().unwrap()];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    run(&args)
}

/// The numbers of the summary line: indexed, clauses, unchanged, removed, failed.
fn summary(out: &std::process::Output) -> [usize; 5] {
    let line = stdout(out);
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(5)
        .map(|s| s.parse().unwrap())
        .collect();
    numbers
        .try_into()
        .unwrap_or_else(|_| panic!("summary: {line}"))
}

fn count(index: &Path, query: &str) -> usize {
    let out = run(&[
        "search",
        "--index",
        index.to_str().unwrap(),
        "--count",
        query,
    ]);
    stdout(&out)
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("search --count {query}: {}", stderr(&out)))
}

fn copy_seed(stem: &str, to: &Path) {
    std::fs::copy(seed_path(stem), to.join(format!("{stem}.txt"))).unwrap();
}

#[test]
fn runs_are_incremental_by_content() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(docs.join("sub")).unwrap();
    copy_seed(SEEDS[0], &docs);
    copy_seed(SEEDS[2], &docs.join("sub"));
    let ix = tmp.path().join("ix");
    let first = index(&ix, &[&docs]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let clauses_2015 = parse_json(&seed_path(SEEDS[0])).clauses.len();
    let clauses_2020 = parse_json(&seed_path(SEEDS[2])).clauses.len();
    assert_eq!(summary(&first), [2, clauses_2015 + clauses_2020, 0, 0, 0]);

    // Nothing changed: nothing is read again.
    assert_eq!(summary(&index(&ix, &[&docs])), [0, 0, 2, 0, 0]);

    // A changed file replaces its old clauses; a new term becomes findable.
    let changed = docs.join(format!("{}.txt", SEEDS[0]));
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\n六、附则\n本意见自印发之日起施行，由省质监局负责解释。\n");
    std::fs::write(&changed, text).unwrap();
    assert_eq!(count(&ix, "由省质监局负责解释"), 0);
    assert_eq!(
        summary(&index(&ix, &[&docs])),
        [1, clauses_2015 + 1, 1, 0, 0]
    );
    assert_eq!(count(&ix, "由省质监局负责解释"), 1);

    // A deleted file is removed; indexing another folder keeps what is not under it.
    let other = tmp.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    copy_seed(SEEDS[4], &other);
    assert_eq!(summary(&index(&ix, &[&other]))[0], 1);
    std::fs::remove_file(docs.join("sub").join(format!("{}.txt", SEEDS[2]))).unwrap();
    assert_eq!(summary(&index(&ix, &[&docs])), [0, 0, 1, 1, 0]);
    let out = run(&[
        "search",
        "--index",
        ix.to_str().unwrap(),
        "--json",
        "--limit",
        "1000",
        "质量",
    ]);
    let names: std::collections::BTreeSet<String> =
        hits(&out).into_iter().map(|h| h.document.name).collect();
    assert_eq!(names, [SEEDS[0], SEEDS[4]].map(String::from).into());
}

#[test]
fn a_bad_file_is_reported_and_the_others_are_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    copy_seed(SEEDS[1], &docs);
    std::fs::write(docs.join("broken.txt"), b"\x00\x01binary\x00").unwrap();
    let ix = tmp.path().join("ix");
    let out = index(&ix, &[&docs]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("broken.txt") && err.contains("binary"),
        "{err}"
    );
    assert_eq!(summary(&out)[0], 1);
    assert_eq!(summary(&out)[4], 1);
    assert!(count(&ix, "认证") > 0);
}

#[test]
fn a_second_writer_is_refused_with_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let ix = tmp.path().join("ix");
    assert_eq!(index(&ix, &[&seed_path(SEEDS[0])]).status.code(), Some(0));
    // Hold tantivy's writer lock from this process, as a running `zhengce index` would.
    let held = zhengce::index::Index::open(&ix).unwrap();
    let _writer = held
        .inner
        .writer_with_num_threads::<tantivy::TantivyDocument>(1, 15 << 20)
        .unwrap();
    let out = index(&ix, &[&seed_path(SEEDS[1])]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("another zhengce is writing"),
        "{}",
        stderr(&out)
    );
    // Searching is not blocked by a writer.
    assert!(count(&ix, "质量") > 0);
}

#[test]
fn an_interrupted_run_leaves_the_previous_index_searchable() {
    let tmp = tempfile::tempdir().unwrap();
    let ix = tmp.path().join("ix");
    assert_eq!(index(&ix, &[&seed_path(SEEDS[0])]).status.code(), Some(0));
    let before = count(&ix, "质量");
    // Enough files that the run is still going when it is killed.
    let docs = tmp.path().join("many");
    std::fs::create_dir_all(&docs).unwrap();
    let text = std::fs::read(seed_path(SEEDS[2])).unwrap();
    for i in 0..400 {
        std::fs::write(docs.join(format!("copy-{i:03}.txt")), &text).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args([
            "index",
            "-q",
            "--index",
            ix.to_str().unwrap(),
            docs.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    let finished = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();
    if !finished {
        assert_eq!(count(&ix, "质量"), before, "a killed run changed the index");
    }
    // The lock died with the process: the next run completes.
    let again = index(&ix, &[&docs]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(count(&ix, "质量") > before);
}

#[test]
fn rebuild_refuses_a_folder_that_is_not_an_index() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = run(&[
        "index",
        "--rebuild",
        "--index",
        tmp.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(tmp.path().join("notes.txt").exists());
    let out = run(&["index", "--index", tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("which an index does not write"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn show_prints_a_clause_with_its_agencies_and_targets() {
    let doc = parse_json(&seed_path(SEEDS[2]));
    let clause = doc
        .clauses
        .iter()
        .find(|c| !c.agencies.is_empty() && !c.targets.is_empty())
        .or_else(|| doc.clauses.iter().find(|c| !c.agencies.is_empty()))
        .expect("the 2020 plan attributes clauses");
    // From the bundled corpus (run() clears HOME: no index), by name and clause id.
    let out = run(&["show", SEEDS[2], &clause.id]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for paragraph in clause.text.split('\n') {
        assert!(text.contains(paragraph), "{paragraph}");
    }
    assert!(text.contains(&clause.agencies[0].name));
    // The same clause by its labels, as JSON.
    let labels = clause.labels.concat();
    let out = run(&["show", "--json", "2020-guangdong", &labels]);
    let value: serde_json::Value = data_of(&out, "unit").remove(0);
    assert_eq!(value["clause"]["id"], clause.id.as_str());
    assert_eq!(value["clause"]["text"], clause.text.as_str());
    // No such clause: exit 1; a name that fits several documents: exit 2.
    assert_eq!(run(&["show", SEEDS[2], "99.99"]).status.code(), Some(1));
    let ambiguous = run(&["show", "guangdong", "1"]);
    assert_eq!(ambiguous.status.code(), Some(2));
    assert!(
        stderr(&ambiguous).contains("names"),
        "{}",
        stderr(&ambiguous)
    );
    // Without a clause: the list of clauses.
    let list = stdout(&run(&["show", SEEDS[2]]));
    assert_eq!(
        list.lines()
            .filter(|l| l.trim_end().ends_with(&clause.id))
            .count(),
        1
    );
}
