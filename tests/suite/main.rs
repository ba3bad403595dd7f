//! The integration tests, as one test binary: each module is one area, run against the
//! real `zhengce` binary (or the library, where a module says so). One binary rather than
//! one per file, because each test binary links tantivy, arrow and parquet: 29 of them
//! filled the disk of the CI machine and spent most of the run linking.
//!
//! Run one area with `cargo test --test suite -- MODULE::`.

mod common;

mod bad_input;
mod cli;
mod commands;
mod conventions;
mod csv;
mod diff;
mod diff_overrides;
mod diff_real;
mod docs_examples;
mod encodings;
mod eval;
mod export;
mod extract;
mod formats;
mod genre;
mod govcn;
mod govcn_metadata;
mod hostile;
mod index;
mod index_rows;
mod lifecycle;
mod lineage;
mod markdown;
mod pipes;
mod plan_targets;
mod properties;
mod quantities;
mod revisions_history;
mod scaling;
mod search;
mod seeds;
mod terminal;
