//! CSV as data: every `--csv` output loads into a database with typed columns. Headers
//! are snake_case and not SQL keywords, numeric columns hold numbers or nothing, flags
//! are true/false, and the row count is the JSON's. (`scripts/csv-duckdb.sh` loads the
//! same files into DuckDB, outside the default test run.)

use crate::common;

use common::*;

/// RFC 4180 records: commas, quoted fields with doubled quotes, line ends inside quotes.
fn records(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

/// Words that SQL engines reserve (the SQL:2016 reserved words a column might be named).
const RESERVED: &[&str] = &[
    "by", "year", "date", "value", "order", "group", "table", "select", "from", "where", "to",
    "end", "begin", "user", "level", "key", "type", "count", "limit", "offset", "time", "position",
];

fn check(args: &[&str], kind: &str, numeric: &[&str], flags: &[&str]) {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    let rows = records(&stdout(&out));
    let (header, body) = rows.split_first().unwrap();
    for h in header {
        assert!(
            h.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{args:?}: header {h} is not snake_case"
        );
        assert!(
            !RESERVED.contains(&h.as_str()),
            "{args:?}: header {h} is an SQL keyword"
        );
    }
    for row in body {
        assert_eq!(row.len(), header.len(), "{args:?}: {row:?}");
        for (h, v) in header.iter().zip(row) {
            if numeric.contains(&h.as_str()) {
                assert!(
                    v.is_empty() || v.parse::<f64>().is_ok(),
                    "{args:?}: {h} = {v}"
                );
            }
            if flags.contains(&h.as_str()) {
                assert!(v == "true" || v == "false", "{args:?}: {h} = {v}");
            }
        }
    }
    let mut json_args: Vec<&str> = args.iter().copied().filter(|a| *a != "--csv").collect();
    json_args.push("--json");
    let json_rows = messages(&run(&json_args))
        .into_iter()
        .filter(|m| m.kind == kind)
        .count();
    assert_eq!(body.len(), json_rows, "{args:?}: CSV and JSON rows");
    assert!(!body.is_empty());
}

#[test]
fn every_csv_is_typed_data() {
    check(
        &["targets", "--csv"],
        "target",
        &["document_year", "target_value", "target_max", "target_year"],
        &["target_year_implied", "binding"],
    );
    check(
        &["agencies", "--csv"],
        "agency",
        &[
            "document_year",
            "clauses",
            "lead",
            "participant",
            "responsible",
        ],
        &["generic"],
    );
    check(
        &["agencies", "--csv", "--total"],
        "agency",
        &["documents", "clauses", "lead", "participant", "responsible"],
        &["generic"],
    );
    check(
        &["agencies", "--csv", "--clauses"],
        "agency_clause",
        &["document_year"],
        &["generic"],
    );
}

#[test]
fn bom_only_when_asked() {
    let plain = run(&["targets", "--csv"]);
    assert!(plain.stdout.starts_with(b"document,"));
    let excel = run(&["targets", "--csv", "--bom"]);
    assert!(excel.stdout.starts_with("\u{feff}document,".as_bytes()));
}
