//! `zhengce completions SHELL` and `zhengce man`: shell completions and a man page,
//! generated from the same clap definitions as `--help`, so they cannot drift from it.

use std::io::{self, Write};

use clap::{Args, CommandFactory};

use crate::cli::Cli;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn completions(args: CompletionsArgs) -> i32 {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "zhengce", &mut out);
    crate::cli::finish(io::stdout().lock().write_all(&out).map(|()| false), true)
}

/// A man page in roff for `zhengce` and, after it, one for each subcommand.
pub fn man() -> i32 {
    let command = Cli::command();
    let mut out = Vec::new();
    let mut render = || -> io::Result<()> {
        clap_mangen::Man::new(command.clone()).render(&mut out)?;
        for sub in command.get_subcommands() {
            clap_mangen::Man::new(sub.clone())
                .title(format!("zhengce-{}", sub.get_name()))
                .render(&mut out)?;
        }
        Ok(())
    };
    let rendered = render();
    let written = rendered.and_then(|()| io::stdout().lock().write_all(&out));
    crate::cli::finish(written.map(|()| false), true)
}
