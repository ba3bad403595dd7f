//! Any query, regex and filters against the bundled corpus, indexed once: an error or
//! results, never a panic, and every hit's matches inside its clause text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zhengce::index::Index;
use zhengce::search::{Filters, Request, Sort};

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::bundled().expect("the bundled corpus indexes"))
}

// Indexed before the first input: a build under the sanitizer takes seconds, which
// libFuzzer would otherwise report as the first input's time (a "slow unit").
fuzz_target!(init: { index(); }, |input: (&str, &str, u8, bool)| {
    let (query, filter, limit, by_year) = input;
    let query = zhengce::search::query::parse(query).ok();
    let pattern = zhengce::search::pattern::Pattern::new(filter).ok();
    if query.is_none() && pattern.is_none() {
        return;
    }
    let request = Request {
        query,
        pattern,
        filters: Filters {
            doc: (limit % 3 == 0).then(|| filter.to_owned()),
            agency: (limit % 5 == 0).then(|| filter.to_owned()),
            level: (limit % 7 == 0).then_some(usize::from(limit % 4)),
            ..Filters::default()
        },
        sort: if by_year { Sort::Year } else { Sort::Score },
        limit: usize::from(limit),
        count_all: limit % 2 == 0,
    };
    if let Ok(results) = zhengce::search::search(index(), &request) {
        for hit in &results.hits {
            let len = hit.stored.unit.text.chars().count();
            assert!(hit.matches.iter().all(|&(s, e)| s <= e && e <= len + 1));
        }
    }
});
