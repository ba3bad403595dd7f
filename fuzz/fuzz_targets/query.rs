//! Any query string and regex through the query language and the pattern reader: an
//! error or a query, never a panic; a parsed query can be asked of any text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let (query, text) = input;
    if let Ok(q) = zhengce::search::query::parse(query) {
        let form = zhengce::index::text::SearchForm::new(text);
        let _ = q.matches(&form);
        for term in q.positive_terms() {
            for (start, end) in term.occurrences(&form) {
                assert!(start <= end);
            }
        }
    }
    if let Ok(p) = zhengce::search::pattern::Pattern::new(query) {
        let _ = p.matches(text);
    }
});
