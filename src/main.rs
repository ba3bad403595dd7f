//! The `zhengce` binary: parse arguments, run, exit with the code the run returned.

use clap::Parser;

fn main() {
    zhengce::index::install_panic_hook();
    let args = zhengce::cli::search::rewrite_exclusions(std::env::args_os().collect());
    let cli = zhengce::cli::Cli::parse_from(args);
    std::process::exit(zhengce::cli::run(cli));
}
