//! Two documents from one input (split at the first NUL), parsed and diffed: no panic,
//! and a document compared with itself has no change.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (old, new) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, data),
    };
    let (Ok(old), Ok(new)) = (
        zhengce::parse_bytes(old, None, "old"),
        zhengce::parse_bytes(new, None, "new"),
    ) else {
        return;
    };
    let _ = zhengce::diff::diff(&old, &new);
    let same = zhengce::diff::diff(&old, &old);
    assert!(
        same.pairs.iter().all(|p| p.status == zhengce::diff::Status::Unchanged),
        "a document differs from itself"
    );
});
