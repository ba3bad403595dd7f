//! Every example in README.md and docs/*.md runs, and prints something. The ```sh
//! blocks are read from the files; each line that runs `zhengce` is run by bash (with
//! `set -euo pipefail`, so a failing command before `| jq` fails the line), `zhengce`
//! being the binary under test, in a folder that holds what the examples name: the
//! bundled corpus as `corpus/`, `~/policies/` (a copy of it), `plan.txt`, `old.txt` and
//! `new.txt`, `speech.txt`, a Big5 `preface.txt`. The files' lines run in order, as a
//! reader would type them: `zhengce index ~/policies/` makes the index the next searches
//! read.
//!
//! A line is expected to exit with 0, or 1 for `diff` (the documents differ), and to
//! print something: on standard output, in the file it redirects to, or in the folder
//! given to `--out`. Lines that install (`cargo install`) or need the network do not run
//! `zhengce` and are left out; a line may say `# not run: why`. A line piping to `jq` is
//! skipped, with a message, where jq is not installed (`.ci/run` installs it).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One example line and where it is written.
#[derive(Debug)]
struct Example {
    file: String,
    line: usize,
    command: String,
}

/// The ```sh lines of `text`, continuation lines (`\` at the end) joined.
fn sh_lines(file: &str, text: &str) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut in_sh = false;
    let mut pending: Option<Example> = None;
    for (k, line) in text.lines().enumerate() {
        let fence = line.trim_start().starts_with("```");
        if fence {
            in_sh = !in_sh && line.trim() == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        match pending.as_mut() {
            Some(p) => p.command.push_str(line.trim_start()),
            None => {
                pending = Some(Example {
                    file: file.to_owned(),
                    line: k + 1,
                    command: line.to_owned(),
                })
            }
        }
        let continued = line.trim_end().ends_with('\\');
        if continued {
            let p = pending.as_mut().unwrap();
            let joined = p.command.trim_end().trim_end_matches('\\').trim_end().len();
            p.command.truncate(joined);
            p.command.push(' ');
        } else if let Some(p) = pending.take() {
            examples.push(p);
        }
    }
    examples
}

/// The command without its trailing comment (a `#` after a space, outside quotes).
fn without_comment(command: &str) -> &str {
    let mut quote = None;
    let mut previous = ' ';
    for (at, c) in command.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if previous.is_whitespace() => return command[..at].trim_end(),
            _ => {}
        }
        previous = c;
    }
    command.trim_end()
}

/// Why a line is not run, or `None` to run it.
fn skipped(command: &str) -> Option<String> {
    if let Some((_, why)) = command.split_once("# not run:") {
        return Some(why.trim().to_owned());
    }
    let words = shlex::split(without_comment(command)).unwrap_or_default();
    if !words.iter().any(|w| w == "zhengce") {
        return Some("does not run zhengce".into());
    }
    if words.iter().any(|w| w == "jq") && Command::new("jq").arg("--version").output().is_err() {
        return Some("jq is not installed".into());
    }
    None
}

/// Every example of the README and of docs/*.md, README first.
fn examples() -> Vec<Example> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
        .iter()
        .flat_map(|f| {
            let name = f.strip_prefix(root).unwrap().display().to_string();
            sh_lines(&name, &std::fs::read_to_string(f).unwrap())
        })
        .collect()
}

/// `~/policies/` holds the five seeds and these State Council documents: replies (答复,
/// which `search -l 答复` lists) and notices to 各省、自治区 (`search --dedupe`). Fewer
/// than the whole corpus, so indexing and exporting them is quick.
const POLICIES: [&str; 10] = [
    "1996-guobanhan-14",
    "2005-guobanhan-69",
    "2006-guobanhan-69",
    "2006-guobanhan-70",
    "2006-guobanhan-71",
    "2006-guobanhan-82",
    "2018-guobanfamingdian-15",
    "2018-guobanhan-74",
    "2018-guofa-43",
    "2018-guofa-44",
];

/// The folder the examples run in, with what they name.
fn workspace() -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let home = dir.join("home");
    for folder in [dir.join("corpus"), home.join("policies"), dir.join("bin")] {
        std::fs::create_dir_all(folder).unwrap();
    }
    for file in common::corpus_files() {
        let name = file.file_name().unwrap();
        std::fs::copy(&file, dir.join("corpus").join(name)).unwrap();
        let stem = file.file_stem().unwrap().to_str().unwrap();
        if common::SEEDS.contains(&stem) || POLICIES.contains(&stem) {
            std::fs::copy(&file, home.join("policies").join(name)).unwrap();
        }
    }
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_zhengce"), dir.join("bin/zhengce")).unwrap();
    let seed = |stem: &str| std::fs::read(common::seed_path(stem)).unwrap();
    std::fs::write(
        dir.join("plan.txt"),
        seed("2020-guangdong-quality-province-plan"),
    )
    .unwrap();
    for (old, new) in [("old.txt", "new.txt"), ("old.md", "new.md")] {
        std::fs::write(
            dir.join(old),
            seed("2023-guangdong-quality-province-outline"),
        )
        .unwrap();
        std::fs::write(dir.join(new), seed("2023-dongguan-quality-power-draft")).unwrap();
    }
    // Both documents open with 一、总体要求: a pairing fixed by hand.
    std::fs::write(dir.join("fixed.txt"), "1 1\n").unwrap();
    std::fs::write(
        dir.join("speech.txt"),
        "到2025年，全省食品抽检合格率达到98.5%以上。\n新增高新技术企业3000家左右。\n",
    )
    .unwrap();
    let (big5, _, _) =
        encoding_rs::BIG5.encode("一、總體要求\n到2025年，產品質量合格率達到95%。\n");
    std::fs::write(dir.join("preface.txt"), big5).unwrap();
    work
}

/// The file a line's output goes to (`> FILE`, `~` read as the home folder).
fn redirect_target(command: &str, dir: &Path) -> Option<PathBuf> {
    let words = shlex::split(without_comment(command))?;
    let at = words.iter().rposition(|w| w == ">")?;
    let target = words.get(at + 1)?;
    Some(match target.strip_prefix("~/") {
        Some(rest) => dir.join("home").join(rest),
        None => dir.join(target),
    })
}

/// The folder `--out DIR` names.
fn out_folder(command: &str, dir: &Path) -> Option<PathBuf> {
    let words = shlex::split(without_comment(command))?;
    let at = words.iter().position(|w| w == "--out")?;
    Some(dir.join(words.get(at + 1)?))
}

#[test]
fn every_readme_and_docs_example_runs_and_prints_something() {
    let examples = examples();
    assert!(examples.len() > 30, "{} examples", examples.len());
    let work = workspace();
    let dir = work.path();
    let path = format!(
        "{}:{}",
        dir.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("terminal-cache");
    let mut ran = 0;
    let mut failures = Vec::new();
    for example in &examples {
        let place = format!("{}:{}: {}", example.file, example.line, example.command);
        if let Some(why) = skipped(&example.command) {
            if why != "does not run zhengce" {
                eprintln!("not run ({why}): {place}");
            }
            continue;
        }
        ran += 1;
        let started = std::time::Instant::now();
        let output = Command::new("bash")
            .args(["-euo", "pipefail", "-c", &example.command])
            .current_dir(dir)
            .env_clear()
            .env("PATH", &path)
            .env("HOME", dir.join("home"))
            .env("XDG_CACHE_HOME", &cache)
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        eprintln!("{:>6} ms  {place}", started.elapsed().as_millis());
        let words = shlex::split(without_comment(&example.command)).unwrap_or_default();
        let runs_diff = words
            .windows(2)
            .any(|w| w[0] == "zhengce" && w[1] == "diff");
        let code = output.status.code();
        let expected = code == Some(0) || (runs_diff && code == Some(1));
        let printed = !output.stdout.is_empty()
            || redirect_target(&example.command, dir)
                .is_some_and(|f| std::fs::metadata(f).is_ok_and(|m| m.len() > 0))
            || out_folder(&example.command, dir)
                .is_some_and(|d| std::fs::read_dir(d).is_ok_and(|mut e| e.next().is_some()));
        if !expected || !printed {
            failures.push(format!(
                "{place}\n  exit {code:?}, {} bytes out\n  {}",
                output.stdout.len(),
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
    }
    assert!(ran > 30, "only {ran} examples ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn example_lines_are_read_as_written() {
    let text = "x\n```sh\nzhengce a   # note\nzhengce b \\\n  --c\n```\n```json\n{}\n```\n";
    let lines = sh_lines("f.md", text);
    let read: Vec<(usize, &str)> = lines.iter().map(|e| (e.line, e.command.as_str())).collect();
    assert_eq!(read, [(3, "zhengce a   # note"), (4, "zhengce b --c")]);
    assert_eq!(without_comment("zhengce a '#x' # note"), "zhengce a '#x'");
    assert_eq!(
        skipped("cargo install --path .  # puts zhengce in ~/.cargo/bin").as_deref(),
        Some("does not run zhengce")
    );
    assert_eq!(
        skipped("zhengce x  # not run: needs a server").as_deref(),
        Some("needs a server")
    );
    assert_eq!(skipped("cat plan.txt | zhengce parse --json -"), None);
}
