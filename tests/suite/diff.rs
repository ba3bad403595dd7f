//! `zhengce diff`: a real plan against copies edited with known changes, a small plan
//! written here against a restructured version of itself, and the Dongguan draft against
//! the provincial outline it follows.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Message {
    #[serde(rename = "type")]
    kind: String,
    data: serde_json::Value,
}

#[derive(Debug, Deserialize, Clone)]
struct Ref {
    id: String,
    labels: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
struct Pair {
    status: String,
    similarity: f64,
    old: Option<Ref>,
    new: Option<Ref>,
    old_parts: Vec<Ref>,
    new_parts: Vec<Ref>,
    moved: bool,
    renumbered: bool,
    edits: Vec<Edit>,
}

#[derive(Debug, Deserialize, Clone)]
struct Edit {
    op: String,
    old: Range,
    new: Range,
    old_text: String,
    new_text: String,
}

#[derive(Debug, Deserialize, Clone, Copy)]
struct Range {
    start: usize,
    end: usize,
}

#[derive(Debug, Deserialize, Clone)]
struct TargetValue {
    value: f64,
    unit: String,
}

#[derive(Debug, Deserialize, Clone)]
struct TargetChange {
    change: String,
    indicator: String,
    old: Option<TargetValue>,
    new: Option<TargetValue>,
}

#[derive(Debug, Deserialize, Clone)]
struct AgencyChange {
    change: String,
    agency: String,
    old_role: Option<String>,
    new_role: Option<String>,
}

struct Diff {
    code: Option<i32>,
    pairs: Vec<Pair>,
    targets: Vec<TargetChange>,
    agencies: Vec<AgencyChange>,
    summary: serde_json::Value,
}

fn diff(old: &Path, new: &Path) -> Diff {
    let out = run(&[
        "diff",
        "--json",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let messages: Vec<Message> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(messages.first().unwrap().kind, "begin");
    assert_eq!(messages[messages.len() - 2].kind, "summary");
    assert_eq!(messages.last().unwrap().kind, "end");
    let of = |kind: &'static str| {
        messages
            .iter()
            .filter(move |m| m.kind == kind)
            .map(|m| m.data.clone())
    };
    Diff {
        code: out.status.code(),
        pairs: of("pair")
            .map(|d| serde_json::from_value(d).unwrap())
            .collect(),
        targets: of("target_change")
            .map(|d| serde_json::from_value(d).unwrap())
            .collect(),
        agencies: of("agency_change")
            .map(|d| serde_json::from_value(d).unwrap())
            .collect(),
        summary: of("summary").next().unwrap(),
    }
}

fn statuses(d: &Diff) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for p in &d.pairs {
        *m.entry(p.status.clone()).or_default() += 1;
    }
    m
}

/// Replaces the first occurrence of `from` inside the source lines of one clause.
fn edit_clause(lines: &mut [String], clause: &Clause, from: &str, to: &str) {
    for line in &mut lines[clause.lines.start - 1..clause.lines.end] {
        if line.contains(from) {
            *line = line.replacen(from, to, 1);
            return;
        }
    }
    panic!("{from} is not in clause {}", clause.id);
}

#[test]
fn a_document_against_itself_and_a_reformatted_copy() {
    let path = seed_path(SEEDS[2]);
    let same = diff(&path, &path);
    assert_eq!(same.code, Some(0));
    assert!(same.pairs.iter().all(|p| p.status == "unchanged"));
    assert_eq!(same.summary["differ"], false);
    // Full-width digits, half-width brackets, spaces and extra line breaks are formatting.
    let text = std::fs::read_to_string(&path).unwrap();
    let reformatted: String = text
        .replace("2025", "２０２５")
        .replace('，', ",")
        .replace("质量", "质 量");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.txt");
    std::fs::write(&copy, reformatted).unwrap();
    let d = diff(&path, &copy);
    assert_eq!(
        statuses(&d).get("unchanged"),
        Some(&parse_json(&path).clauses.len()),
        "{:?}",
        statuses(&d)
    );
    assert_eq!(d.code, Some(0));
}

#[test]
fn edits_to_a_real_plan_are_found_and_named() {
    // The 2015 opinions: it has percentage targets and attributions with leads.
    let path = seed_path(SEEDS[0]);
    let doc = parse_json(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    // Chosen by what they hold, not by their number: a clause with a percentage target,
    // one whose first agency leads, a leaf clause to delete, a long clause to reword.
    let with_target = doc
        .clauses
        .iter()
        .find(|c| c.targets.iter().any(|t| t.unit == "%" && t.value < 99.0))
        .expect("a percentage target");
    let target = with_target
        .targets
        .iter()
        .find(|t| t.unit == "%" && t.value < 99.0)
        .unwrap();
    let written = format!("{}%", target.value);
    let raised = format!("{}%", target.value + 0.5);
    edit_clause(&mut lines, with_target, &written, &raised);
    let leaves: Vec<&Clause> = doc
        .clauses
        .iter()
        .filter(|c| {
            !doc.clauses
                .iter()
                .any(|d| d.parent.as_deref() == Some(c.id.as_str()))
        })
        .filter(|c| c.id != with_target.id && c.text.chars().count() > 80)
        .collect();
    let (reworded, deleted) = (leaves[0], leaves[leaves.len() - 1]);
    let first_sentence_end = reworded.text.find('。').unwrap();
    let phrase: String = reworded.text[..first_sentence_end]
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    edit_clause(&mut lines, reworded, &phrase, "进一步加强和改进");
    for line in &mut lines[deleted.lines.start - 1..deleted.lines.end] {
        line.clear();
    }
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("edited.txt");
    std::fs::write(&edited, lines.join("\n")).unwrap();

    let d = diff(&path, &edited);
    assert_eq!(d.code, Some(1));
    let by_old: BTreeMap<&str, &Pair> = d
        .pairs
        .iter()
        .filter_map(|p| p.old.as_ref().map(|o| (o.id.as_str(), p)))
        .collect();
    // Every clause pairs with itself, except the deleted one.
    for c in &doc.clauses {
        let p = by_old[c.id.as_str()];
        if c.id == deleted.id {
            assert_eq!(p.status, "removed");
            continue;
        }
        assert_eq!(
            p.new.as_ref().map(|n| n.id.as_str()),
            Some(c.id.as_str()),
            "{}",
            c.id
        );
        let touched = [&with_target.id, &reworded.id].contains(&&c.id);
        assert_eq!(
            p.status,
            if touched { "modified" } else { "unchanged" },
            "{}",
            c.id
        );
    }
    let rewording = by_old[reworded.id.as_str()];
    assert!(
        rewording
            .edits
            .iter()
            .any(|e| e.new_text.contains("进一步")),
        "{:?}",
        rewording.edits
    );
    let number = by_old[with_target.id.as_str()];
    assert_eq!(number.edits.len(), 1, "{:?}", number.edits);
    assert_eq!(
        (
            number.edits[0].old_text.as_str(),
            number.edits[0].new_text.as_str()
        ),
        (written.as_str(), raised.as_str())
    );
    // The target is reported with both values.
    let change = d
        .targets
        .iter()
        .find(|t| t.change == "raised")
        .expect("a raised target");
    assert_eq!(change.indicator, target.indicator);
    assert_eq!(
        (
            change.old.as_ref().unwrap().value,
            change.new.as_ref().unwrap().value
        ),
        (target.value, target.value + 0.5)
    );
    // The deleted clause's targets and agencies count as dropped.
    assert_eq!(d.summary["statuses"]["removed"], 1);
}

#[test]
fn a_changed_agency_on_a_real_plan() {
    // The 2020 plan attributes its clauses; replace one clause's first agency.
    let path = seed_path(SEEDS[2]);
    let doc = parse_json(&path);
    let clause = doc
        .clauses
        .iter()
        .find(|c| {
            c.agencies
                .first()
                .is_some_and(|a| !a.generic && !a.name.contains("统计"))
        })
        .expect("a clause with an agency");
    let (name, role) = (
        clause.agencies[0].name.clone(),
        clause.agencies[0].role.clone(),
    );
    let mut lines: Vec<String> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    edit_clause(&mut lines, clause, &name, "省统计局");
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("edited.txt");
    std::fs::write(&edited, lines.join("\n")).unwrap();
    let d = diff(&path, &edited);
    assert_eq!(statuses(&d).get("modified"), Some(&1), "{:?}", statuses(&d));
    let added: Vec<_> = d.agencies.iter().filter(|a| a.change == "added").collect();
    let removed: Vec<_> = d
        .agencies
        .iter()
        .filter(|a| a.change == "removed")
        .collect();
    assert_eq!(added.len(), 1, "{:?}", d.agencies);
    assert!(
        added[0].agency.contains("统计局") && added[0].new_role.as_deref() == Some(role.as_str())
    );
    // The old name may appear in another role elsewhere in the clause: then its role changed.
    assert!(
        removed.len() == 1 && removed[0].old_role.as_deref() == Some(role.as_str())
            || d.agencies.iter().any(|a| a.change == "role"),
        "{:?}",
        d.agencies
    );
}

/// A small plan written for this test, and a restructured version: chapters renumbered, a
/// clause moved to another chapter, one split, two merged, one added, one removed.
const OLD_PLAN: &str = "\
示例市质量提升行动方案

一、总体要求
（一）指导思想。坚持质量第一、效益优先，以推动高质量发展为主题，全面提升产品、工程和服务质量水平。
（二）主要目标。到2025年，全市制造业产品质量合格率达到95%以上，食品抽检合格率达到98%以上。
二、重点任务
（三）加强标准引领。实施标准化战略，鼓励企业主导制定国际标准和国家标准，推动先进标准转化应用。
（四）强化质量监管。建立产品质量安全风险监测网络，完善缺陷产品召回制度，严厉打击质量违法行为。推进检验检测机构市场化改革，提升检验检测服务能力和公信力。
（五）培育质量品牌。实施品牌培育工程，支持企业创建自主品牌，提升区域品牌影响力和美誉度。
（六）完善计量体系。建设社会公用计量标准，提升计量检定校准能力，推动计量服务进园区进企业。
（七）推进认证认可。扩大质量管理体系认证覆盖面，推广绿色产品认证，提升认证机构专业服务水平。
三、保障措施
（八）加强组织领导。市质量工作领导小组统筹协调，各区各部门明确分工，形成工作合力。（市市场监管局牵头，市发展改革局、市工业和信息化局按职责分工负责）
（九）强化考核评价。将质量工作纳入各区政府绩效考核，定期通报工作进展情况。
";

const NEW_PLAN: &str = "\
示例市质量提升行动方案

一、总体要求
（一）指导思想。坚持质量第一、效益优先，以推动高质量发展为主题，全面提升产品、工程和服务质量水平。
（二）主要目标。到2025年，全市制造业产品质量合格率达到96%以上，食品抽检合格率达到98%以上。
二、保障措施
（三）加强组织领导。市质量工作领导小组统筹协调，各区各部门明确分工，形成工作合力。（市市场监督管理局牵头，市发展改革局、市工业和信息化局按职责分工负责）
（四）推进认证认可。扩大质量管理体系认证覆盖面，推广绿色产品认证，提升认证机构专业服务水平。
三、重点任务
（五）加强标准引领。实施标准化战略，鼓励企业主导制定国际标准和国家标准，推动先进标准转化应用。
（六）强化质量监管。建立产品质量安全风险监测网络，完善缺陷产品召回制度，严厉打击质量违法行为。
（七）提升检验检测能力。推进检验检测机构市场化改革，提升检验检测服务能力和公信力。
（八）培育质量品牌和完善计量体系。实施品牌培育工程，支持企业创建自主品牌，提升区域品牌影响力和美誉度。建设社会公用计量标准，提升计量检定校准能力，推动计量服务进园区进企业。
（九）发展数字质量。推动质量管理数字化转型，建设质量大数据平台，提升质量治理智慧化水平。
";

#[test]
fn renumbered_moved_split_merged_added_removed() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    std::fs::write(&old, OLD_PLAN).unwrap();
    std::fs::write(&new, NEW_PLAN).unwrap();
    let d = diff(&old, &new);
    let find = |old_id: &str| {
        d.pairs
            .iter()
            .find(|p| {
                p.old.as_ref().is_some_and(|o| o.id == old_id)
                    || p.old_parts.iter().any(|o| o.id == old_id)
            })
            .unwrap_or_else(|| panic!("no pair for {old_id}"))
    };
    let ids = |p: &Pair| -> Vec<String> {
        if p.new_parts.is_empty() {
            p.new.iter().map(|n| n.id.clone()).collect()
        } else {
            p.new_parts.iter().map(|n| n.id.clone()).collect()
        }
    };
    let first = parse_json(&old).clauses;
    let id_of = |label: &str| {
        first
            .iter()
            .find(|c| c.labels.last().unwrap() == label)
            .unwrap()
            .id
            .clone()
    };
    // Chapter 二 and 三 swapped places: both are renumbered headings.
    assert_eq!(find(&id_of("一、")).status, "unchanged");
    let tasks = find(&id_of("二、"));
    assert!(
        tasks.renumbered && tasks.new.as_ref().unwrap().labels == ["三、"],
        "{tasks:?}"
    );
    // The lead clause went with its chapter (so it is not moved, only renumbered), and its
    // agency was renamed: the only change is the text.
    let lead = find(&id_of("（八）"));
    assert!(!lead.moved && lead.renumbered, "{lead:?}");
    assert_eq!(lead.status, "modified");
    assert!(
        d.agencies.is_empty(),
        "a renamed agency is the same agency: {:?}",
        d.agencies
    );
    // Moved to another chapter with its text intact.
    let cert = find(&id_of("（七）"));
    assert_eq!(
        (cert.status.as_str(), cert.moved, cert.renumbered),
        ("moved", true, true)
    );
    // Renumbered only: it stayed in its chapter, which is now 三、.
    let standards = find(&id_of("（三）"));
    assert_eq!(
        (standards.status.as_str(), standards.moved),
        ("renumbered", false)
    );
    // Split: （四） became （六） and （七）.
    let split = find(&id_of("（四）"));
    assert_eq!(split.status, "split");
    assert_eq!(ids(split).len(), 2);
    // Merged: （五） and （六） became （八）.
    let merged = find(&id_of("（五）"));
    assert_eq!(merged.status, "merged");
    assert_eq!(merged.old_parts.len(), 2);
    // Removed and added.
    assert_eq!(find(&id_of("（九）")).status, "removed");
    assert!(
        d.pairs
            .iter()
            .any(|p| p.status == "added"
                && p.new.as_ref().unwrap().labels.last().unwrap() == "（九）")
    );
    // The target change: 95% → 96%, raised.
    assert_eq!(d.targets.len(), 1, "{:?}", d.targets);
    assert_eq!(d.targets[0].change, "raised");
    assert_eq!(d.targets[0].old.as_ref().unwrap().unit, "%");
}

#[test]
fn the_dongguan_draft_against_the_provincial_outline() {
    let old = seed_path("2023-guangdong-quality-province-outline");
    let new = seed_path("2023-dongguan-quality-power-draft");
    let d = diff(&old, &new);
    assert_eq!(d.code, Some(1));
    // Read side by side: the draft follows the outline chapter by chapter, so every
    // chapter heading pairs with the chapter of the same number.
    for p in d
        .pairs
        .iter()
        .filter(|p| p.old.as_ref().is_some_and(|o| o.labels.len() == 1))
    {
        let (o, n) = (
            p.old.as_ref().unwrap(),
            p.new.as_ref().expect("a chapter kept"),
        );
        assert_eq!(o.labels, n.labels, "{p:?}");
    }
    // 食品抽检合格率 98.5% in the outline, 98% in the draft.
    let food = d
        .targets
        .iter()
        .find(|t| t.indicator.contains("食品抽检合格率"))
        .expect("food target");
    assert_eq!(food.change, "lowered");
    assert_eq!(
        (
            food.old.as_ref().unwrap().value,
            food.new.as_ref().unwrap().value
        ),
        (98.5, 98.0)
    );
    // Edits point into the texts.
    let old_doc = parse_json(&old);
    let new_doc = parse_json(&new);
    for p in d.pairs.iter().filter(|p| p.status == "modified") {
        let o: Vec<char> = old_doc
            .clauses
            .iter()
            .find(|c| c.id == p.old.as_ref().unwrap().id)
            .unwrap()
            .text
            .chars()
            .collect();
        let n: Vec<char> = new_doc
            .clauses
            .iter()
            .find(|c| c.id == p.new.as_ref().unwrap().id)
            .unwrap()
            .text
            .chars()
            .collect();
        for e in &p.edits {
            assert_eq!(
                o[e.old.start..e.old.end].iter().collect::<String>(),
                e.old_text
            );
            assert_eq!(
                n[e.new.start..e.new.end].iter().collect::<String>(),
                e.new_text
            );
            assert!(["delete", "insert", "replace"].contains(&e.op.as_str()));
        }
        assert!(p.similarity > 0.0 && p.similarity < 1.0);
    }
}

#[test]
fn html_is_one_self_contained_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let out = run(&[
        "diff",
        seed_path("2023-guangdong-quality-province-outline")
            .to_str()
            .unwrap(),
        seed_path("2023-dongguan-quality-power-draft")
            .to_str()
            .unwrap(),
        "--html",
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<del>") && html.contains("<ins>"));
    assert!(html.contains("食品抽检合格率"));
    for external in ["<script", "http://", "https://", "<link"] {
        assert!(!html.contains(external), "{external}");
    }
    // A page that cannot be written is an error naming it.
    let unwritable = dir.path().join("no-such-folder").join("report.html");
    let out = run(&[
        "diff",
        seed_path(SEEDS[0]).to_str().unwrap(),
        seed_path(SEEDS[0]).to_str().unwrap(),
        "--html",
        unwritable.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
    // A missing file is an error naming it.
    let missing = run(&[
        "diff",
        "no-such-old.txt",
        seed_path(SEEDS[0]).to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no-such-old.txt"));
}

/// Issue 12's two misses on the bundled corpus: the outline's 二、（三） (增强质量发展创新
/// 能力…) and 九、（二十八） open with the same sentence as the draft's clauses of the same
/// labels, reworded around it; a reader pairs them, not removed + added.
#[test]
fn reworded_outline_clauses_pair_with_the_draft() {
    let d = diff(
        &seed_path("2023-guangdong-quality-province-outline"),
        &seed_path("2023-dongguan-quality-power-draft"),
    );
    for wanted in [["二、", "（三）"], ["九、", "（二十八）"]] {
        let folded = |labels: &[String]| -> String {
            labels.concat().replace('(', "（").replace(')', "）")
        };
        let p = d
            .pairs
            .iter()
            .find(|p| {
                let of = |r: &Option<Ref>| r.as_ref().map(|r| folded(&r.labels));
                let parts = |v: &[Ref]| v.iter().map(|r| folded(&r.labels)).collect::<Vec<_>>();
                let w = wanted.concat();
                of(&p.old).as_deref() == Some(w.as_str()) || parts(&p.old_parts).contains(&w)
            })
            .unwrap_or_else(|| panic!("{wanted:?} is in the outline"));
        assert!(
            ["modified", "merged"].contains(&p.status.as_str()),
            "{wanted:?}: {p:?}"
        );
        let news: Vec<String> = if p.new_parts.is_empty() {
            p.new.iter().map(|r| folded(&r.labels)).collect()
        } else {
            p.new_parts.iter().map(|r| folded(&r.labels)).collect()
        };
        assert!(news.contains(&wanted.concat()), "{wanted:?}: {p:?}");
    }
}

/// Alignment and edits run on several threads: the result must not depend on how many
/// there are or how the work was scheduled. 突发事件应对法 2007 → 2024 is rewritten
/// throughout, with splits and merges found from context, the steps shared among threads.
#[test]
fn one_thread_or_several_give_the_same_diff() {
    let (old, new) = (
        fixtures_dir().join("revisions/09.old.md"),
        fixtures_dir().join("revisions/09.new.md"),
    );
    let json = |threads: &str| {
        let out = run(&[
            "diff",
            "--json",
            "-j",
            threads,
            old.to_str().unwrap(),
            new.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        // All but the closing `end`, which carries the elapsed time.
        let lines: Vec<String> = stdout(&out)
            .lines()
            .filter(|l| !l.starts_with(r#"{"type":"end""#))
            .map(str::to_owned)
            .collect();
        lines
    };
    let one = json("1");
    let splits = one
        .iter()
        .filter(|l| l.contains(r#""status":"split""#) || l.contains(r#""status":"merged""#))
        .count();
    assert!(splits >= 2, "the pair has splits and merges to find");
    assert_eq!(one, json("4"));
    assert_eq!(one, json("3"));

    let out = run(&[
        "diff",
        "-j",
        "0",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--threads"), "{}", stderr(&out));
}
