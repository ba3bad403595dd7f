//! The screen as a user sees it: every command run in a real terminal (a detached tmux
//! pane of 80 and of 120 columns) on the bundled corpus, its screen captured. No line
//! may be wider than the terminal (measured in display columns, a Chinese character
//! taking two, and checked against tmux's own wrapping), and the output may not be
//! empty. A few screens are compared with reviewed snapshots in `tests/snapshots/`. The
//! pager is tried there too: it holds a long result until `q`, a missing pager or one
//! that quits early is no error.
//!
//! Skipped, with a message, where tmux is not installed (`.ci/run` installs it).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use unicode_width::UnicodeWidthStr;

/// A tmux server of its own (its own socket), with one detached pane of a given size.
struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

fn tmux_installed() -> bool {
    let found = Command::new("tmux").arg("-V").output().is_ok();
    if !found {
        eprintln!("tmux is not installed: the terminal tests are skipped");
    }
    found
}

/// The bundled corpus's index is cached here once for every test of this module, so
/// each `search` does not index it again.
fn shared_cache() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("terminal-cache")
}

fn quote(arg: &str) -> String {
    format!("'{}'", arg.replace('\'', r"'\''"))
}

/// What a pane showed and how its command ended.
struct Screen {
    /// Lines as the program wrote them (tmux's wrapped rows joined), trailing spaces cut.
    lines: Vec<String>,
    /// Rows on the screen: more than `lines` when tmux had to wrap one.
    rows: usize,
    status: i32,
}

impl Tmux {
    fn new() -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        let socket = format!(
            "zhengce-test-{}-{}",
            std::process::id(),
            dir.path().file_name().unwrap().to_string_lossy()
        );
        std::fs::write(
            dir.path().join("tmux.conf"),
            "set -g history-limit 200000\nset -g status off\n",
        )
        .unwrap();
        Tmux { socket, dir }
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-u")
            .arg("-L")
            .arg(&self.socket)
            .arg("-f")
            .arg(self.dir.path().join("tmux.conf"))
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("LANG", "C.UTF-8")
            .env("HOME", self.dir.path())
            .env("XDG_CACHE_HOME", shared_cache())
            .env("TERM", "xterm-256color")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("tmux runs")
    }

    /// Starts `zhengce ARGS` (after `env`, `VAR=value` words) in a new pane of
    /// `columns`×`rows`; the exit code is written to a file when it ends.
    fn start(&self, name: &str, columns: usize, rows: usize, env: &[&str], args: &[&str]) {
        let script = self.dir.path().join(format!("{name}.sh"));
        let status = self.dir.path().join(format!("{name}.status"));
        let command: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_zhengce"))
            .chain(args.iter().copied())
            .map(quote)
            .collect();
        let env: Vec<String> = env.iter().map(|e| quote(e)).collect();
        std::fs::write(
            &script,
            format!(
                "env {} {}\necho $? > {}\nexec sleep 600\n",
                env.join(" "),
                command.join(" "),
                quote(&status.display().to_string())
            ),
        )
        .unwrap();
        let (columns, rows) = (columns.to_string(), rows.to_string());
        let started = self.tmux(&[
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            &columns,
            "-y",
            &rows,
            "sh",
            script.to_str().unwrap(),
        ]);
        assert!(
            started.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&started.stderr)
        );
    }

    /// The exit code of the pane's command, once it has ended (within `wait`).
    fn status(&self, name: &str, wait: Duration) -> Option<i32> {
        let file = self.dir.path().join(format!("{name}.status"));
        let deadline = Instant::now() + wait;
        loop {
            if let Some(code) = std::fs::read_to_string(&file)
                .ok()
                .and_then(|s| s.trim().parse().ok())
            {
                return Some(code);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The pane's text: with `history`, everything written; else the visible screen.
    fn capture(&self, name: &str, history: bool, joined: bool) -> Vec<String> {
        let mut args = vec!["capture-pane", "-p", "-t", name];
        if history {
            args.extend(["-S", "-", "-E", "-"]);
        }
        if joined {
            args.push("-J");
        }
        let out = self.tmux(&args);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).expect("the pane is UTF-8");
        let mut lines: Vec<String> = text.lines().map(|l| l.trim_end().to_owned()).collect();
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines
    }

    /// Runs `zhengce ARGS --no-pager` to the end in a pane `columns` wide and returns its
    /// screen.
    fn run(&self, columns: usize, args: &[&str]) -> Screen {
        let name = format!("run{}", self.dir.path().read_dir().unwrap().count());
        let mut all = args.to_vec();
        all.push("--no-pager");
        self.start(&name, columns, 50, &[], &all);
        let status = self
            .status(&name, Duration::from_secs(120))
            .unwrap_or_else(|| panic!("{args:?} did not end"));
        Screen {
            lines: self.capture(&name, true, true),
            rows: self.capture(&name, true, false).len(),
            status,
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

/// Every command's default output, and the options that change its shape.
const SCREENS: &[(&[&str], i32)] = &[
    (&["parse"], 0),
    (
        &[
            "parse",
            "corpus/2023-guangdong-quality-province-outline.txt",
        ],
        0,
    ),
    (&["agencies"], 0),
    (&["agencies", "--total"], 0),
    (&["agencies", "--clauses"], 0),
    (&["targets"], 0),
    (
        &[
            "quantities",
            "corpus/2020-guangdong-quality-province-plan.txt",
        ],
        0,
    ),
    (&["search", "质量", "-n", "30"], 0),
    (&["search", "食品抽检", "合格率", "--year", "2020..2025"], 0),
    (&["search", "质量", "信用", "--agency", "市场监管局"], 0),
    (&["search", "--dedupe", "各省、自治区"], 0),
    (&["search", "--files"], 0),
    (&["search", "-l", "-c", "国务院"], 0),
    (&["show", "2023-guangdong-quality-province-outline"], 0),
    (&["show", "2020-guangdong-quality-province-plan", "3.5"], 0),
    (&["show", "2019-guofa-4", "preamble.1"], 0),
    (
        &[
            "diff",
            "2023-guangdong-quality-province-outline",
            "2023-dongguan-quality-power-draft",
        ],
        1,
    ),
    (
        &[
            "diff",
            "--stat",
            "2020-guangdong-quality-province-plan",
            "2023-guangdong-quality-province-outline",
        ],
        1,
    ),
];

/// Asserts that every line of `screen` fits `columns` and that there is something.
fn assert_fits(screen: &Screen, columns: usize, what: &str) {
    let shown: Vec<&String> = screen.lines.iter().filter(|l| !l.is_empty()).collect();
    assert!(!shown.is_empty(), "{what}: nothing on the screen");
    for line in &screen.lines {
        assert!(
            line.width() <= columns,
            "{what}: a line of {} columns in {columns}:\n{line}",
            line.width()
        );
    }
    assert_eq!(
        screen.rows,
        screen.lines.len(),
        "{what}: tmux wrapped a line at {columns} columns"
    );
}

#[test]
fn every_screen_fits_80_and_120_columns() {
    if !tmux_installed() {
        return;
    }
    let tmux = Tmux::new();
    for columns in [80, 120] {
        for (args, code) in SCREENS {
            let screen = tmux.run(columns, args);
            let what = format!("{args:?} at {columns}");
            assert_eq!(screen.status, *code, "{what}:\n{}", screen.lines.join("\n"));
            assert_fits(&screen, columns, &what);
        }
    }
}

#[test]
fn index_and_export_messages_fit() {
    if !tmux_installed() {
        return;
    }
    let tmux = Tmux::new();
    let work = tempfile::tempdir().unwrap();
    let index = work
        .path()
        .join("a rather long folder name for the index of policies");
    let tables = work
        .path()
        .join("a rather long folder name for the exported tables");
    let corpus = common::corpus_dir();
    for columns in [80, 120] {
        let screen = tmux.run(
            columns,
            &[
                "index",
                "--index",
                index.to_str().unwrap(),
                corpus.to_str().unwrap(),
            ],
        );
        assert_eq!(screen.status, 0, "{}", screen.lines.join("\n"));
        assert!(
            screen.lines[0].starts_with("indexed "),
            "{:?}",
            screen.lines
        );
        assert_fits(&screen, columns, "index");
        let screen = tmux.run(
            columns,
            &[
                "export",
                "--format",
                "jsonl",
                "--out",
                tables.to_str().unwrap(),
                "corpus/2020-guangdong-quality-province-plan.txt",
            ],
        );
        assert_eq!(screen.status, 0, "{}", screen.lines.join("\n"));
        assert!(screen.lines[0].starts_with("zhengce: wrote 1 documents"));
        assert_fits(&screen, columns, "export");
    }
}

/// Compares a screen with its reviewed snapshot in `tests/snapshots/terminal/NAME.txt`.
/// `ZHENGCE_SNAPSHOTS=write` writes the file instead, to be read and reviewed before it
/// is committed.
fn assert_snapshot(name: &str, columns: usize, args: &[&str]) {
    let tmux = Tmux::new();
    let screen = tmux.run(columns, args);
    assert_fits(&screen, columns, name);
    let shown = screen.lines.join("\n") + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/terminal")
        .join(format!("{name}.txt"));
    if std::env::var_os("ZHENGCE_SNAPSHOTS").is_some_and(|v| v == "write") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &shown).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (ZHENGCE_SNAPSHOTS=write makes it)", path.display()));
    assert_eq!(
        shown, expected,
        "{name}: the screen differs from its snapshot"
    );
}

#[test]
fn snapshots_of_search_show_targets_and_diff_at_80_columns() {
    if !tmux_installed() {
        return;
    }
    assert_snapshot(
        "search-food-80",
        80,
        &["search", "食品抽检", "合格率", "--year", "2020..2025"],
    );
    assert_snapshot(
        "show-clause-80",
        80,
        &["show", "2020-guangdong-quality-province-plan", "3.5"],
    );
    assert_snapshot(
        "targets-pass-rate-80",
        80,
        &["targets", "--indicator", "合格率"],
    );
    assert_snapshot(
        "diff-stat-80",
        80,
        &[
            "diff",
            "--stat",
            "2020-guangdong-quality-province-plan",
            "2023-guangdong-quality-province-outline",
        ],
    );
}

#[test]
fn the_pager_holds_a_long_result_until_it_is_quit() {
    if !tmux_installed() {
        return;
    }
    if Command::new("less").arg("--version").output().is_err() {
        eprintln!("less is not installed: the default pager is not tried");
        return;
    }
    let tmux = Tmux::new();
    // The default pager, less -FRX, on a screen of 20 rows.
    tmux.start("paged", 80, 20, &[], &["search", "质量", "-n", "50"]);
    let deadline = Instant::now() + Duration::from_secs(60);
    let screen = loop {
        let screen = tmux.capture("paged", false, false);
        if screen.iter().any(|l| l.starts_with(':')) || Instant::now() > deadline {
            break screen;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        screen.last().is_some_and(|l| l.starts_with(':')),
        "less's prompt: {screen:#?}"
    );
    assert!(screen.len() <= 20, "{screen:#?}");
    // The first hit is on the first screen; the command waits for the reader.
    assert!(screen[0].contains("质量"), "{screen:#?}");
    assert_eq!(tmux.status("paged", Duration::from_millis(300)), None);
    tmux.tmux(&["send-keys", "-t", "paged", "q"]);
    assert_eq!(tmux.status("paged", Duration::from_secs(10)), Some(0));
}

#[test]
fn a_missing_pager_or_one_that_quits_early_is_no_error() {
    if !tmux_installed() {
        return;
    }
    let tmux = Tmux::new();
    // Quits after the first line: the command ends quietly with 0.
    tmux.start(
        "early",
        80,
        50,
        &["ZHENGCE_PAGER=head -1"],
        &["search", "质量", "-n", "50"],
    );
    assert_eq!(tmux.status("early", Duration::from_secs(60)), Some(0));
    let screen = tmux.capture("early", true, true);
    assert_eq!(screen.len(), 1, "{screen:#?}");
    // Missing: one line says so, and the output is printed directly.
    tmux.start(
        "missing",
        80,
        50,
        &["ZHENGCE_PAGER=/no/such/pager"],
        &["search", "质量", "-n", "3"],
    );
    assert_eq!(tmux.status("missing", Duration::from_secs(60)), Some(0));
    let screen = tmux.capture("missing", true, true);
    assert!(
        screen[0].starts_with("zhengce: cannot run the pager '/no/such/pager'"),
        "{screen:#?}"
    );
    assert!(screen.iter().any(|l| l.contains("3 of ")), "{screen:#?}");
    // `cat`, or an empty ZHENGCE_PAGER, means no pager; ZHENGCE_PAGER comes before PAGER.
    tmux.start(
        "cat",
        80,
        50,
        &["ZHENGCE_PAGER=", "PAGER=/no/such/pager"],
        &["search", "质量", "-n", "3"],
    );
    assert_eq!(tmux.status("cat", Duration::from_secs(60)), Some(0));
    let screen = tmux.capture("cat", true, true);
    assert!(!screen.iter().any(|l| l.contains("pager")), "{screen:#?}");
}

#[test]
fn output_to_a_pipe_is_never_paged() {
    // A pager that would mark what it pages: to a pipe, --pager or not, nothing is.
    for pager in [&["--pager"][..], &[]] {
        let mut args = vec!["targets", "--indicator", "合格率"];
        args.extend_from_slice(pager);
        let output = Command::new(env!("CARGO_BIN_EXE_zhengce"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("ZHENGCE_PAGER", "sed s/^/PAGED/")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.starts_with("INDICATOR"), "{text}");
        assert!(!text.contains("PAGED"), "{text}");
    }
}

/// The diff report reads without colour vision: an edit is bracketed (`[-…-]`, `{+…+}`)
/// with colour on too, a moved or renumbered clause says so, and an added or removed
/// clause carries no similarity (it has nothing to be similar to).
#[test]
fn diff_marks_edits_by_more_than_colour() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("old.txt"),
        "一、总体要求\n（一）提高产品质量，强化企业主体责任。\n（二）加强市场监管，严厉打击假冒伪劣。\n（三）完善标准体系，推动标准国际化。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("new.txt"),
        "一、总体要求\n（一）完善标准体系，推动标准国际化。\n（二）提高产品质量，全面强化企业主体责任。\n（三）培育质量品牌，建设品牌强省。\n",
    )
    .unwrap();
    let output = common::run_in(
        dir.path(),
        &["diff", "--color", "always", "old.txt", "new.txt"],
        None,
    );
    assert_eq!(output.status.code(), Some(1), "{}", common::stderr(&output));
    let text = common::stdout(&output);
    let plain = text
        .split('\u{1b}')
        .enumerate()
        .map(|(k, part)| {
            if k == 0 {
                part
            } else {
                part.split_once('m').map_or("", |(_, rest)| rest)
            }
        })
        .collect::<String>();
    // （一）提高…责任 became （二）, with 全面 inserted: bracketed, and said renumbered.
    assert!(plain.contains("{+全面+}"), "{plain}");
    assert!(plain.contains("renumbered"), "{plain}");
    // 完善标准体系 moved from （三） to （一） unchanged in text.
    assert!(
        plain
            .lines()
            .any(|l| l.contains("（三） → 一、（一）") || l.contains("（三） → （一）")),
        "{plain}"
    );
    // 加强市场监管 removed, 培育质量品牌 added: no 0.00 beside them.
    for line in plain
        .lines()
        .filter(|l| l.contains("(added") || l.contains("(removed"))
    {
        assert!(!line.contains("0.00"), "{line}");
    }
    assert!(
        plain.contains("(added)") && plain.contains("(removed)"),
        "{plain}"
    );
}
