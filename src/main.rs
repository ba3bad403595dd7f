//! The `zhengce` binary: parse arguments, run, exit with the code the run returned.

use clap::Parser;

/// glibc's allocator kept what indexing freed: building an index, the resident memory
/// grew by about a byte per byte of input (574 MB at 400 MB, 1.65 GB at 1 GB) although
/// tantivy's buffers are bounded. mimalloc returns it; with it the peak stays flat.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    zhengce::index::install_panic_hook();
    let args = zhengce::cli::search::rewrite_exclusions(std::env::args_os().collect());
    let cli = zhengce::cli::Cli::parse_from(args);
    std::process::exit(zhengce::cli::run(cli));
}
