//! Goals of real national plans (fixtures/plan-targets/), every one read by hand: the
//! target reader must find each with its year, and print nothing else.

use crate::common;

use common::{file_name, fixtures_dir, format_value, target_rows};

#[test]
fn every_goal_of_the_plans_and_nothing_else() {
    let dir = fixtures_dir().join("plan-targets");
    let expected: Vec<(String, String, String, String)> =
        std::fs::read_to_string(dir.join("expected.tsv"))
            .unwrap()
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                assert_eq!(f.len(), 4, "{l}");
                (f[0].into(), f[1].into(), f[2].into(), f[3].into())
            })
            .collect();
    let mut printed: Vec<(String, String, String, String, String)> =
        target_rows(&["fixtures/plan-targets"])
            .into_iter()
            .map(|r| {
                let year = r.year.map_or("-".to_owned(), |y| y.to_string());
                (
                    file_name(&r.document.source),
                    format_value(r.value),
                    r.unit,
                    year,
                    r.indicator,
                )
            })
            .collect();
    let mut missed = Vec::new();
    for want in &expected {
        let at = printed
            .iter()
            .position(|p| (&p.0, &p.1, &p.2, &p.3) == (&want.0, &want.1, &want.2, &want.3));
        match at {
            Some(i) => {
                printed.remove(i);
            }
            None => missed.push(format!("{want:?}")),
        }
    }
    assert!(missed.is_empty(), "not found:\n{}", missed.join("\n"));
    assert!(printed.is_empty(), "not goals:\n{printed:#?}");
}
