//! The documents zhengce ships with: every file of `corpus/`, embedded at build time by
//! `build.rs`, so commands that take documents fall back to them when given none.

include!(concat!(env!("OUT_DIR"), "/corpus.rs"));
