//! The `zhengce` binary: parse arguments, run, exit with the code the run returned.

use clap::Parser;

fn main() {
    let cli = zhengce::cli::Cli::parse();
    std::process::exit(zhengce::cli::run(cli));
}
