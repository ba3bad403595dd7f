//! Any bytes through decode, structure and extract: no panic, and what comes out is
//! consistent (every clause's parent is an earlier clause, spans within the text).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = zhengce::parse_bytes(data, None, "fuzz") else {
        return;
    };
    let mut seen = std::collections::HashSet::new();
    for clause in &doc.clauses {
        if let Some(parent) = &clause.parent {
            assert!(seen.contains(parent), "parent {parent} of {} not before it", clause.id);
        }
        assert!(seen.insert(clause.id.clone()), "duplicate id {}", clause.id);
        assert!(clause.span.start <= clause.span.end);
    }
});
