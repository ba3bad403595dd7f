//! Paging long output, as git and bat do: when standard output is a terminal, a
//! command's output goes through a pager (`$ZHENGCE_PAGER`, else `$PAGER`, else
//! `less -FRX`: quit at once if it fits one screen, pass colours, leave the text on the
//! screen). Nothing is paged when standard output is a file or a pipe.
//!
//! The pager takes over file descriptor 1, so every printer keeps writing to standard
//! output and needs to know nothing of it. What a printer asks of the terminal (is
//! standard output one? how wide?) is read once before, in [`Terminal`], so colour and
//! widths are those of the screen the pager shows.
//!
//! A pager that cannot be started is reported in one line and the output printed
//! directly; a pager the reader quits early (`q` in less) closes the pipe, which the
//! command treats like `| head`: it ends quietly with 0. The command waits for the pager
//! before it exits, so the shell's prompt never lands inside it.
//!
//! ```
//! use zhengce::output::pager::{command_line, Choice};
//! // An empty or `cat` pager means no pager, as in git.
//! assert_eq!(command_line(Some("cat"), None), None);
//! assert_eq!(command_line(Some(""), Some("more")), None);
//! assert_eq!(command_line(None, Some("most -s")), Some(vec!["most".into(), "-s".into()]));
//! assert_eq!(command_line(None, None), Some(vec!["less".into(), "-FRX".into()]));
//! assert!(Choice::Auto.pages(true, true) && !Choice::Auto.pages(true, false));
//! assert!(Choice::Always.pages(true, false) && !Choice::Always.pages(false, true));
//! ```

use std::sync::OnceLock;

/// `--pager` / `--no-pager`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Choice {
    /// Page output for people (outlines, tables, reports) on a terminal; not JSON or CSV.
    #[default]
    Auto,
    /// `--pager`: page whatever the command prints, JSON and CSV too, on a terminal.
    Always,
    /// `--no-pager`.
    Never,
}

impl Choice {
    /// Whether to page, given whether standard output is a terminal and whether the
    /// command prints for people. Never to a file or a pipe.
    pub fn pages(self, stdout_is_terminal: bool, for_people: bool) -> bool {
        stdout_is_terminal
            && match self {
                Choice::Auto => for_people,
                Choice::Always => true,
                Choice::Never => false,
            }
    }
}

/// What standard output was when the command started, before a pager took it over.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub is_terminal: bool,
    /// Its columns (else `COLUMNS`, else 80), when it is a terminal.
    pub columns: Option<usize>,
}

static TERMINAL: OnceLock<Terminal> = OnceLock::new();

/// Standard output as the command found it (read on first use, which [`start`] makes
/// happen before the pager takes it over).
pub fn terminal() -> Terminal {
    *TERMINAL.get_or_init(|| {
        use std::io::IsTerminal;
        let is_terminal = std::io::stdout().is_terminal();
        let columns = is_terminal.then(|| {
            terminal_size::terminal_size()
                .map(|(terminal_size::Width(w), _)| usize::from(w))
                .filter(|&w| w > 0)
                .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
                .unwrap_or(80)
        });
        Terminal {
            is_terminal,
            columns,
        }
    })
}

/// The pager to run, split into program and arguments: `ZHENGCE_PAGER`, else `PAGER`,
/// else `less -FRX`. `None` when the chosen one is empty or `cat` (no pager), or cannot
/// be split (an unclosed quote).
pub fn command_line(zhengce_pager: Option<&str>, pager: Option<&str>) -> Option<Vec<String>> {
    let chosen = zhengce_pager.or(pager).unwrap_or("less -FRX");
    let words = shlex::split(chosen)?;
    match words.first().map(String::as_str) {
        None | Some("cat") => None,
        Some(_) => Some(words),
    }
}

/// A running pager that holds standard output; [`Pager::finish`] gives it the end of the
/// output and waits for the reader to quit it.
pub struct Pager {
    #[cfg(unix)]
    child: std::process::Child,
}

/// Starts the pager if `choice` says so for this output, and points standard output at
/// it. `None`: print directly.
pub fn start(choice: Choice, for_people: bool) -> Option<Pager> {
    if !choice.pages(terminal().is_terminal, for_people) {
        return None;
    }
    let words = command_line(
        std::env::var("ZHENGCE_PAGER").ok().as_deref(),
        std::env::var("PAGER").ok().as_deref(),
    )?;
    spawn(&words)
}

#[cfg(unix)]
fn spawn(words: &[String]) -> Option<Pager> {
    use std::os::fd::AsRawFd;
    use std::process::{Command, Stdio};
    let mut command = Command::new(&words[0]);
    command.args(&words[1..]).stdin(Stdio::piped());
    // As git does: less passes colours and quits on one screen even when $PAGER is a
    // bare `less`; lv shows colours.
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    if std::env::var_os("LV").is_none() {
        command.env("LV", "-c");
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            crate::cli::report(format_args!(
                "cannot run the pager '{}': {e}; printing directly (--no-pager, or set ZHENGCE_PAGER)",
                words.join(" ")
            ));
            return None;
        }
    };
    let pipe = child.stdin.take().expect("the pager's stdin is piped");
    // Anything buffered so far belongs before the pager's output.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    // SAFETY: dup2 onto descriptor 1 is the documented way to redirect standard output;
    // both descriptors are open, and `pipe` is closed after (its copy on 1 stays).
    let redirected = unsafe { libc::dup2(pipe.as_raw_fd(), libc::STDOUT_FILENO) } >= 0;
    drop(pipe);
    if !redirected {
        let _ = child.kill();
        let _ = child.wait();
        return None;
    }
    // Ctrl-C is for the pager (less stops a search with it); the command must not die
    // under it and leave the pager fighting the shell for the terminal. Quitting the
    // pager closes the pipe, which ends the command.
    // SAFETY: setting a signal's disposition to ignore has no preconditions.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_IGN);
        libc::signal(libc::SIGQUIT, libc::SIG_IGN);
    }
    Some(Pager { child })
}

#[cfg(not(unix))]
fn spawn(_words: &[String]) -> Option<Pager> {
    None
}

impl Pager {
    /// Flushes and closes standard output, so the pager sees the end, and waits for the
    /// reader to quit it.
    pub fn finish(self) {
        #[cfg(unix)]
        {
            let mut child = self.child;
            let _ = std::io::Write::flush(&mut std::io::stdout());
            // SAFETY: closing descriptor 1 after the last write; /dev/null takes its
            // place so a late write fails quietly instead of reaching another file.
            unsafe {
                let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY);
                if null >= 0 {
                    libc::dup2(null, libc::STDOUT_FILENO);
                    libc::close(null);
                } else {
                    libc::close(libc::STDOUT_FILENO);
                }
            }
            let _ = child.wait();
        }
    }
}
