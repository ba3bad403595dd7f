//! The 55 State Council documents of fixtures/govcn/: every target row the binary prints is
//! one a person has read and judged (fixtures/govcn-targets.tsv), and every national agency
//! named in an attribution resolves to one canonical name.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use common::{documents, file_name, fixtures_dir, format_value, run, stderr, target_rows};

/// (file, text, value, unit) → verdict is real, from the checked list.
fn checked_rows() -> BTreeMap<(String, String, String, String), bool> {
    let text = std::fs::read_to_string(fixtures_dir().join("govcn-targets.tsv")).unwrap();
    let mut rows = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 7, "seven columns: {line}");
        assert!(matches!(f[5], "real" | "not"), "verdict: {line}");
        assert!(
            !f[6].trim().is_empty(),
            "every verdict has a reason: {line}"
        );
        let key = (
            f[0].to_owned(),
            f[2].to_owned(),
            f[3].to_owned(),
            f[4].to_owned(),
        );
        assert!(
            rows.insert(key, f[5] == "real").is_none(),
            "listed twice: {line}"
        );
    }
    rows
}

#[test]
fn targets_on_state_council_documents_were_read_and_are_real_goals() {
    let checked = checked_rows();
    let rows = target_rows(&["--glob", "*.txt", "fixtures/govcn"]);
    let mut unread = Vec::new();
    let mut real = 0;
    for row in &rows {
        let key = (
            file_name(&row.document.source),
            row.text.clone(),
            format_value(row.value),
            row.unit.clone(),
        );
        match checked.get(&key) {
            Some(true) => real += 1,
            Some(false) => {}
            None => unread.push(format!(
                "{}\t{}\t{}\t{}\t{}",
                key.0, row.clause.id, key.1, key.2, key.3
            )),
        }
    }
    assert!(
        unread.is_empty(),
        "rows nobody has checked: read each in its document and add it to \
         fixtures/govcn-targets.tsv with a verdict\n{}",
        unread.join("\n")
    );
    // The documents hold real goals (007's pilot rates, 002's quotas): printing none is a
    // failure too, not a perfect score.
    assert!(rows.len() >= 10, "only {} rows", rows.len());
    let precision = real as f64 / rows.len() as f64;
    assert!(
        precision >= 0.9,
        "precision {precision:.2}: {real} real of {}",
        rows.len()
    );
}

#[test]
fn national_agencies_resolve_to_one_canonical_name() {
    let output = run(&["parse", "--json", "--glob", "*.txt", "fixtures/govcn"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let docs = documents(&output);
    assert_eq!(docs.len(), 55);
    let mut canonical_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut unresolved = Vec::new();
    let mut named = 0;
    for doc in &docs {
        for clause in &doc.clauses {
            for agency in &clause.agencies {
                assert!(
                    !agency.name.contains("等和") && !agency.name.contains("会同"),
                    "{}: {} is two names",
                    doc.source,
                    agency.name
                );
                if agency.generic {
                    continue;
                }
                named += 1;
                match &agency.canonical {
                    Some(c) => {
                        canonical_of
                            .entry(agency.name.clone())
                            .or_default()
                            .insert(c.clone());
                    }
                    None => {
                        unresolved.push(format!("{} {}: {}", doc.source, clause.id, agency.name))
                    }
                }
            }
        }
    }
    assert!(named >= 150, "{named}");
    assert!(unresolved.is_empty(), "{}", unresolved.join("\n"));
    for (name, canonical) in &canonical_of {
        assert_eq!(canonical.len(), 1, "{name}: {canonical:?}");
    }
    // One agency, one name: the short form of 009 and the full form of 037 and 007.
    let ndrc = "中华人民共和国国家发展和改革委员会";
    for written in ["发展改革委", "国家发展改革委"] {
        assert!(canonical_of[written].contains(ndrc), "{written}");
    }
    assert_eq!(
        canonical_of["扶贫办"], canonical_of["国务院扶贫办"],
        "扶贫办 and 国务院扶贫办"
    );
}

#[test]
fn huitong_gives_a_lead_on_state_council_documents() {
    // 037 (国办发〔2018〕117号): "（国家发展改革委会同有关部门负责）".
    let output = run(&["parse", "--json", "fixtures/govcn/037.txt"]);
    let doc = documents(&output).remove(0);
    let leads: Vec<(&str, &str)> = doc
        .clauses
        .iter()
        .flat_map(|c| &c.agencies)
        .filter(|a| a.role == "lead")
        .map(|a| (a.name.as_str(), a.role.as_str()))
        .collect();
    assert!(leads.contains(&("国家发展改革委", "lead")), "{leads:?}");
    assert!(leads.contains(&("教育部", "lead")), "{leads:?}");
    let with_others = doc
        .clauses
        .iter()
        .flat_map(|c| &c.agencies)
        .filter(|a| a.name == "有关部门")
        .all(|a| a.role == "participant" && a.generic);
    assert!(with_others);
}
