//! The life of an index folder (issue: never lose a user's files): `--rebuild` deletes
//! only what an index wrote, a first run that indexes nothing or is killed leaves search
//! on the bundled corpus, damage is named with the command that repairs it.

use crate::common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use common::*;

/// `zhengce ARGS…` with HOME in `home`, so the default index is `home/.local/share/…`.
fn run_home(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .stdin(Stdio::null())
        .output()
        .expect("zhengce runs")
}

fn default_index(home: &Path) -> std::path::PathBuf {
    home.join(".local/share/zhengce/index")
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn count(index: &Path, query: &str) -> usize {
    let out = run(&[
        "search",
        "--index",
        index.to_str().unwrap(),
        "--count",
        query,
    ]);
    assert_eq!(
        out.status.code().map(|c| c < 2),
        Some(true),
        "{}",
        stderr(&out)
    );
    stdout(&out).trim().parse().unwrap()
}

#[test]
fn rebuild_never_deletes_a_folder_that_merely_holds_a_meta_json() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    std::fs::create_dir_all(project.join("src")).unwrap();
    std::fs::write(project.join("meta.json"), "{\"mine\": true}").unwrap();
    std::fs::write(project.join("thesis.md"), "我的论文").unwrap();
    std::fs::write(project.join("src/main.rs"), "fn main() {}").unwrap();
    let seed = seed_path(SEEDS[0]);
    let out = run(&[
        "index",
        "--rebuild",
        "--index",
        project.to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("not writing into or deleting"),
        "{}",
        stderr(&out)
    );
    assert_eq!(names_in(&project), ["meta.json", "src", "thesis.md"]);
    assert_eq!(
        std::fs::read_to_string(project.join("meta.json")).unwrap(),
        "{\"mine\": true}"
    );
}

#[test]
fn rebuild_replaces_the_index_and_leaves_no_staging_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let ix = tmp.path().join("ix");
    let first = seed_path(SEEDS[1]);
    let second = seed_path(SEEDS[4]);
    let out = run(&[
        "index",
        "--index",
        ix.to_str().unwrap(),
        first.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(count(&ix, "认证") > 0);
    let out = run(&[
        "index",
        "--rebuild",
        "--index",
        ix.to_str().unwrap(),
        second.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = run(&["search", "--index", ix.to_str().unwrap(), "--json", "质量"]);
    let sources: std::collections::BTreeSet<String> =
        hits(&docs).into_iter().map(|h| h.document.name).collect();
    assert_eq!(sources.into_iter().collect::<Vec<_>>(), [SEEDS[4]]);
    assert_eq!(
        names_in(tmp.path()),
        ["ix"],
        "staging or old index left behind"
    );
}

#[test]
fn a_first_run_that_indexes_nothing_makes_no_index() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("no-such-folder");
    let empty = home.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    for path in [&missing, &empty] {
        let out = run_home(home.path(), &["index", path.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(
            !default_index(home.path()).exists(),
            "an empty index was made"
        );
    }
    let out = run_home(home.path(), &["index", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!default_index(home.path()).exists());
    // Search still reads the bundled corpus.
    let out = run_home(home.path(), &["search", "--count", "质量"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_killed_first_build_leaves_search_working_and_the_next_run_finishes() {
    let home = tempfile::tempdir().unwrap();
    let docs = home.path().join("many");
    std::fs::create_dir_all(&docs).unwrap();
    let text = std::fs::read(seed_path(SEEDS[2])).unwrap();
    for i in 0..400 {
        std::fs::write(docs.join(format!("copy-{i:03}.txt")), &text).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["index", "-q", docs.to_str().unwrap()])
        .env_clear()
        .env("HOME", home.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let finished = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();
    let out = run_home(home.path(), &["search", "--count", "质量"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    if !finished {
        assert!(
            !default_index(home.path()).exists(),
            "a killed first build left a half index where search looks"
        );
    }
    let out = run_home(home.path(), &["index", "-q", docs.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(default_index(home.path()).join("meta.json").is_file());
    let share = home.path().join(".local/share/zhengce");
    assert_eq!(names_in(&share), ["index"], "staging left behind");
}

#[test]
fn a_damaged_index_names_the_repair_and_rebuild_repairs_it() {
    let tmp = tempfile::tempdir().unwrap();
    let ix = tmp.path().join("ix");
    let seed = seed_path(SEEDS[0]);
    let out = run(&[
        "index",
        "--index",
        ix.to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::remove_file(ix.join("meta.json")).unwrap();
    let out = run(&[
        "index",
        "--index",
        ix.to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("damaged") && err.contains("--rebuild"),
        "{err}"
    );
    let out = run(&[
        "index",
        "--rebuild",
        "--index",
        ix.to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(count(&ix, "质量") > 0);
}

#[test]
fn threads_are_capped() {
    let tmp = tempfile::tempdir().unwrap();
    let ix = tmp.path().join("ix");
    let seed = seed_path(SEEDS[0]);
    let out = run(&[
        "index",
        "-j",
        "200",
        "--index",
        ix.to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("lowered to"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn an_index_is_readable_by_whoever_can_read_its_folder() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let ix = tmp.path().join("ix");
    let seed = seed_path(SEEDS[0]);
    let out = run(&[
        "index",
        "--index",
        ix.to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let folder = std::fs::metadata(&ix).unwrap().permissions().mode() & 0o666;
    for name in ["meta.json", ".managed.json"] {
        let mode = std::fs::metadata(ix.join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, folder, "{name} is {mode:o}");
    }
}

/// Mounts a tmpfs of `size` at `at`; `None` where this process may not mount (not root).
fn small_disk(at: &Path, size: &str) -> Option<Unmount> {
    std::fs::create_dir_all(at).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(at)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    mounted.then(|| Unmount(at.to_path_buf()))
}

struct Unmount(std::path::PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_ends_the_run_once_and_leaves_the_old_index_searchable() {
    let tmp = tempfile::tempdir().unwrap();
    let disk = tmp.path().join("disk");
    let Some(_mounted) = small_disk(&disk, "900k") else {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root)");
        return;
    };
    let docs = tmp.path().join("many");
    std::fs::create_dir_all(&docs).unwrap();
    let text = std::fs::read(seed_path(SEEDS[2])).unwrap();
    for i in 0..60 {
        std::fs::write(docs.join(format!("copy-{i:03}.txt")), &text).unwrap();
    }
    let ix = disk.join("ix");
    let out = run(&[
        "index",
        "--index",
        ix.to_str().unwrap(),
        seed_path(SEEDS[1]).to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = count(&ix, "质量");
    let out = run(&[
        "index",
        "--index",
        ix.to_str().unwrap(),
        docs.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one line for the cause: {err}");
    assert!(err.contains("No space left"), "{err}");
    assert_eq!(count(&ix, "质量"), before);
    // The uncommitted segments are gone, so a small update fits again.
    let seed = seed_path(SEEDS[0]);
    let out = run(&[
        "index",
        "--index",
        ix.to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
