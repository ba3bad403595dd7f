//! The command line: clap types, and one file per subcommand. Each subcommand turns its
//! arguments into a plain configuration before any work starts; nothing below this module
//! sees clap types.

pub mod parse;

use std::io::IsTerminal;

use clap::{Parser, Subcommand, ValueEnum};

/// Turn Chinese government policy documents into data: clause trees, metadata, JSON.
#[derive(Debug, Parser)]
#[command(name = "zhengce", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse documents into their clause tree and metadata.
    Parse(parse::ParseArgs),
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and NO_COLOR is unset.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Resolves the choice against the environment.
    pub fn use_color(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}

/// Runs a parsed command line and returns the exit code (see [`crate::exit_code`]).
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Parse(args) => parse::run(args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
