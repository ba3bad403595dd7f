//! Agencies and targets: every attribution and target of the seeds as read by hand
//! (fixtures/seeds/*.agencies.tsv, *.targets.tsv), text full of numbers that are not
//! targets, and attribution styles of other governments.

use crate::common;

use common::{
    documents, fixtures_dir, format_value, parse_json, run_in, seed_path, stderr, Document, SEEDS,
};

fn fixture_rows(stem: &str, kind: &str) -> Vec<Vec<String>> {
    let path = fixtures_dir()
        .join("seeds")
        .join(format!("{stem}.{kind}.tsv"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

#[test]
fn seed_attributions_match_the_reading() {
    let mut total = 0;
    for stem in SEEDS {
        let doc = parse_json(&seed_path(stem));
        let mut want: Vec<(usize, String, String, bool)> = fixture_rows(stem, "agencies")
            .into_iter()
            .map(|r| {
                (
                    r[0].parse().unwrap(),
                    r[2].clone(),
                    r[3].clone(),
                    r[4] == "yes",
                )
            })
            .collect();
        let mut got: Vec<(usize, String, String, bool)> = doc
            .clauses
            .iter()
            .flat_map(|c| {
                c.agencies
                    .iter()
                    .filter(|a| a.role != "mentioned")
                    .map(|a| (c.lines.start, a.name.clone(), a.role.clone(), a.generic))
            })
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{stem}");
        total += want.len();
    }
    assert_eq!(
        total, 163,
        "every attribution of the seeds is in the fixtures"
    );
}

#[test]
fn seed_targets_match_the_reading() {
    let mut total = 0;
    for stem in SEEDS {
        let doc = parse_json(&seed_path(stem));
        let mut want: Vec<(usize, String, String, String, String)> = fixture_rows(stem, "targets")
            .into_iter()
            .map(|r| {
                (
                    r[0].parse().unwrap(),
                    r[2].clone(),
                    r[3].clone(),
                    r[4].clone(),
                    r[5].clone(),
                )
            })
            .collect();
        let mut got: Vec<(usize, String, String, String, String)> = doc
            .clauses
            .iter()
            .flat_map(|c| {
                c.targets.iter().map(|t| {
                    (
                        c.lines.start,
                        format_value(t.value),
                        t.unit.clone(),
                        t.comparator.clone(),
                        t.year.map_or("-".to_owned(), |y| y.to_string()),
                    )
                })
            })
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{stem}");
        total += want.len();
    }
    assert_eq!(total, 63);
}

#[test]
fn agency_and_target_spans_point_at_the_source() {
    let path = seed_path("2018-guangdong-certification-tqm-plan");
    let source: Vec<char> = std::fs::read_to_string(&path).unwrap().chars().collect();
    let doc = parse_json(&path);
    let mut checked = 0;
    for clause in &doc.clauses {
        for a in &clause.agencies {
            let written: String = source[a.span.start..a.span.end]
                .iter()
                .filter(|c| !c.is_whitespace())
                .collect();
            // The distributed 省 is not written; everything else is.
            assert!(a.name.ends_with(&written), "{} vs {written}", a.name);
            checked += 1;
        }
        for t in &clause.targets {
            let written: String = source[t.span.start..t.span.end]
                .iter()
                .filter(|c| !c.is_whitespace())
                .collect();
            let digits: String = format_value(t.value).chars().take(1).collect();
            assert!(written.contains(&digits), "{written} for {}", t.value);
            checked += 1;
        }
    }
    assert!(checked > 90);
    // "住房城乡建\n\n设厅" is broken across lines in the file; its span covers both parts.
    let split = doc
        .clauses
        .iter()
        .flat_map(|c| &c.agencies)
        .find(|a| a.name == "省住房城乡建设厅")
        .unwrap();
    let raw: String = source[split.span.start..split.span.end].iter().collect();
    assert!(raw.contains('\n'), "{raw:?}");
}

#[test]
fn canonical_names_and_successors_add_up_across_reforms() {
    let doc = parse_json(&seed_path("2018-guangdong-certification-tqm-plan"));
    let find = |name: &str| {
        doc.clauses
            .iter()
            .flat_map(|c| &c.agencies)
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("{name}"))
            .clone()
    };
    let zhijian = find("省质监局");
    assert_eq!(zhijian.canonical.as_deref(), Some("广东省质量技术监督局"));
    assert_eq!(zhijian.successor.as_deref(), Some("广东省市场监督管理局"));
    let yinjian = find("广东银监局");
    assert_eq!(
        yinjian.successor.as_deref(),
        Some("国家金融监督管理总局广东监管局")
    );
    let doc2020 = parse_json(&seed_path("2020-guangdong-quality-province-plan"));
    let shichang = doc2020
        .clauses
        .iter()
        .flat_map(|c| &c.agencies)
        .find(|a| a.name == "省市场监管局")
        .unwrap();
    assert_eq!(shichang.canonical.as_deref(), Some("广东省市场监督管理局"));
    assert_eq!(shichang.successor, None);
}

fn parse_text(text: &str) -> Document {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("doc.txt"), text).unwrap();
    let output = run_in(dir.path(), &["parse", "--json", "doc.txt"], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    documents(&output).remove(0)
}

/// Every number in this text is something other than a goal.
const NOT_TARGETS: &str = "\
东莞市人民政府办公室关于印发《东莞市质量提升三年行动计划（2021—2023年）》的通知
东府办〔2021〕12号
各镇人民政府（街道办事处），市府直属各单位：
现将《东莞市质量提升三年行动计划（2021—2023年）》印发给你们，请认真贯彻执行。执行中遇到的问题，请径向市市场监管局反映（电话：0769-22831234，邮编 523000）。
一、总体要求
（一）发展基础。2020年，全市制造业产品质量合格率为93.5%，比2015年提高2.1个百分点，已累计培育省名牌产品300个。目前全市共有规模以上工业企业1.2万家。
（二）实施期限。通过3—5年努力，分两个阶段推进，第一阶段自2021年1月1日起至2022年12月31日止。
二、支持措施
（三）加大奖励力度。对获得中国质量奖的企业给予一次性奖励100万元，对获得省政府质量奖的企业奖励50万元，补助比例最高不超过项目总投资的30%。
（四）明确申报条件。申报企业上年度营业收入应在5000万元以上，研发投入占营业收入比例不低于3%的企业优先支持。
（五）落实办理时限。受理后30日内完成审核，10个工作日内公示结果，公示期为5天。
（六）推广先进标准。推动企业采用 ISO9001、GB/T 19580 等标准，推广5G、“1+1+9”工作部署经验，支持企业进入“中国500强”，设立5亿元的质量发展基金。
（七）加强监测。按照《广东省质量强省建设纲要（2023—2035年）》要求，将质量合格率由95%提高到98%的经验加以推广。
";

#[test]
fn numbers_that_are_not_goals_are_not_targets() {
    let doc = parse_text(NOT_TARGETS);
    assert!(doc.clauses.len() >= 7);
    let targets: Vec<String> = doc
        .clauses
        .iter()
        .flat_map(|c| c.targets.iter().map(|t| format!("{}: {}", c.id, t.text)))
        .collect();
    assert!(targets.is_empty(), "{targets:#?}");
    // The numbers are still read as quantities: the reader saw them and set them aside.
    let quantities: usize = doc.clauses.iter().map(|c| c.quantities.len()).sum();
    assert!(quantities >= 15, "{quantities}");
}

/// indicator, value, unit, comparator, year, year implied, binding
type TargetReading = (String, f64, String, String, Option<i32>, bool, bool);

fn readings<'t>(targets: impl Iterator<Item = &'t common::Target>) -> Vec<TargetReading> {
    targets
        .map(|t| {
            (
                t.indicator.clone(),
                t.value,
                t.unit.clone(),
                t.comparator.clone(),
                t.year,
                t.year_implied,
                t.binding,
            )
        })
        .collect()
}
/// clause label, then each agency's name, role, generic
type Attribution = (String, Vec<(String, String, bool)>);

#[test]
fn the_same_numbers_as_goals_are_targets() {
    let doc = parse_text(
        "\
一、主要目标
（一）质量水平。到2025年，全市制造业产品质量合格率达到95%以上，食品抽检合格率和农产品抽检合格率分别达到98.5%和98%，力争新增省名牌产品300个。
（二）创新能力。“十四五”期末，规模以上工业企业研发投入占比均达到3%，培育国家级专精特新企业50家左右，每万人发明专利拥有量超过40件。
（三）基础能力。到2023年底，建成国家级质检中心2个，新增社会公用计量标准100项。
",
    );
    let got = readings(doc.clauses.iter().flat_map(|c| &c.targets));
    let want = [
        (
            "制造业产品质量合格率",
            95.0,
            "%",
            ">=",
            Some(2025),
            false,
            true,
        ),
        ("食品抽检合格率", 98.5, "%", "=", Some(2025), false, true),
        ("农产品抽检合格率", 98.0, "%", "=", Some(2025), false, true),
        ("新增省名牌产品", 300.0, "个", "=", Some(2025), false, false),
        (
            "规模以上工业企业研发投入占比",
            3.0,
            "%",
            "=",
            Some(2025),
            true,
            true,
        ),
        (
            "培育国家级专精特新企业",
            50.0,
            "家",
            "~",
            Some(2025),
            true,
            true,
        ),
        (
            "每万人发明专利拥有量",
            40.0,
            "件",
            ">",
            Some(2025),
            true,
            true,
        ),
        (
            "建成国家级质检中心",
            2.0,
            "个",
            "=",
            Some(2023),
            false,
            true,
        ),
        (
            "新增社会公用计量标准",
            100.0,
            "项",
            "=",
            Some(2023),
            false,
            true,
        ),
    ];
    let want: Vec<TargetReading> = want
        .iter()
        .map(|w| {
            (
                w.0.to_owned(),
                w.1,
                w.2.to_owned(),
                w.3.to_owned(),
                w.4,
                w.5,
                w.6,
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn attribution_styles_of_other_governments() {
    let doc = parse_text(
        "\
一、重点任务
（一）加强市场体系建设。推进高标准市场体系建设。〔责任单位：省发展改革委、省市场监管局、商务厅、省大数据中心按职责分工负责。具体任务均涉及相关市（州）人民政府，不再做分工，下同。〕
（二）推进水务改革。完善供水设施。（责任单位：市水务局、住房城乡建设管理委，各区政府）
（三）优化审批服务。全面实施清单管理。（市政府办公室、市审改办牵头，市级各有关部门及各县市区政府按职责分工负责）
（四）加强统筹。建立协调机制。（农业农村部、工业和信息化部牵头负责）
二、保障措施
（五）强化科技支撑。加大研发投入。（省科技厅、财政厅、教育厅等负责。列第一位者为牵头单位，下同）
（六）完善人才政策。引进高层次人才。（省人力资源社会保障厅、教育厅负责）
",
    );
    let got: Vec<Attribution> = doc
        .clauses
        .iter()
        .filter(|c| !c.agencies.is_empty())
        .map(|c| {
            (
                c.labels.last().unwrap().clone(),
                c.agencies
                    .iter()
                    .map(|a| (a.name.clone(), a.role.clone(), a.generic))
                    .collect(),
            )
        })
        .collect();
    let a = |name: &str, role: &str, generic: bool| (name.to_owned(), role.to_owned(), generic);
    let want = vec![
        (
            "（一）".to_owned(),
            vec![
                a("省发展改革委", "responsible", false),
                a("省市场监管局", "responsible", false),
                a("省商务厅", "responsible", false),
                a("省大数据中心", "responsible", false),
            ],
        ),
        (
            "（二）".to_owned(),
            vec![
                a("市水务局", "responsible", false),
                a("市住房城乡建设管理委", "responsible", false),
                a("各区政府", "responsible", true),
            ],
        ),
        (
            "（三）".to_owned(),
            vec![
                a("市政府办公室", "lead", false),
                a("市审改办", "lead", false),
                a("市级各有关部门", "participant", true),
                a("各县市区政府", "participant", true),
            ],
        ),
        (
            "（四）".to_owned(),
            vec![
                a("农业农村部", "lead", false),
                a("工业和信息化部", "lead", false),
            ],
        ),
        (
            "（五）".to_owned(),
            vec![
                a("省科技厅", "lead", false),
                a("省财政厅", "participant", false),
                a("省教育厅", "participant", false),
            ],
        ),
        // "下同": the convention stated in （五） holds for the clauses after it.
        (
            "（六）".to_owned(),
            vec![
                a("省人力资源社会保障厅", "lead", false),
                a("省教育厅", "participant", false),
            ],
        ),
    ];
    assert_eq!(got, want);
}

#[test]
fn a_goal_section_hands_its_deadline_to_the_clauses_under_it() {
    // Written to show the layout of many plans: the deadline is stated once in the lead-in
    // of 主要目标, and each goal is a numbered clause of its own.
    let doc = parse_text(
        "\
某市质量强市建设实施方案
一、总体要求
坚持质量第一、效益优先。
二、主要目标
到2025年，全市质量发展主要目标是：
（一）质量水平。制造业产品质量合格率达到95%以上。
（二）品牌建设。培育省名牌产品300个。
三、重点任务
（一）加强标准建设。主导制定国际标准9项以上、国家标准300项以上。
",
    );
    let got: Vec<(String, f64, Option<i32>)> = doc
        .clauses
        .iter()
        .flat_map(|c| &c.targets)
        .map(|t| (t.indicator.clone(), t.value, t.year))
        .collect();
    let want = [
        ("制造业产品质量合格率", 95.0, Some(2025)),
        ("培育省名牌产品", 300.0, Some(2025)),
        // 重点任务 states no deadline: its goals have none.
        ("主导制定国际标准", 9.0, None),
        ("国家标准", 300.0, None),
    ];
    let want: Vec<(String, f64, Option<i32>)> =
        want.iter().map(|w| (w.0.to_owned(), w.1, w.2)).collect();
    assert_eq!(got, want);
}

/// The indicator box of a plan outline, laid out as the national 十四五 outline's 专栏1
/// (tab-separated, as a table comes out of a page or a Word file): each row with a figure
/// in the latest year's column is a target of that year; its unit is the one in brackets.
const INDICATOR_TABLE: &str = "\
某省国民经济和社会发展第十四个五年规划和2035年远景目标纲要
第一篇\t发展环境和主要目标
第二章\t主要目标
经济发展取得新成效，创新能力显著提升。
专栏1\t“十四五”时期经济社会发展主要指标
类别\t指标\t2020年\t2025年\t年均/累计\t属性
经济发展\t1.地区生产总值增长（%）\t2.3\t保持在合理区间、各年度视情提出\t—\t预期性
\t2.常住人口城镇化率（%）\t60.6\t65\t—\t预期性
创新驱动\t3.研发经费投入增长（%）\t—\t>7\t—\t预期性
\t4.每万人口高价值发明专利拥有量（件）\t6.3\t12\t—\t预期性
绿色生态\t5.森林覆盖率（%）\t23.2\t24.1\t—\t约束性
第三章\t创新驱动
加快建设重大科技基础设施。
";

#[test]
fn indicator_tables_give_a_target_per_row() {
    let doc = parse_text(INDICATOR_TABLE);
    let goals = doc
        .clauses
        .iter()
        .find(|c| c.labels.join("") == "第一篇第二章")
        .expect("the goals chapter");
    // The rows keep their cells, one row a line (a line's leading tab is trimmed like
    // any indent, which is why rows are read from their last cell). A label and its title
    // with a tab between them (第一篇\t…) are still a heading.
    assert!(
        goals
            .text
            .contains("\n4.每万人口高价值发明专利拥有量（件）\t6.3\t12\t—\t预期性\n"),
        "{:?}",
        goals.text
    );
    // 预期性 rows are expected, not binding; 约束性 rows bind.
    let row = |indicator: &str, value: f64, unit: &str, comparator: &str, binding: bool| {
        (
            indicator.to_string(),
            value,
            unit.to_string(),
            comparator.to_string(),
            Some(2025),
            false,
            binding,
        )
    };
    assert_eq!(
        readings(goals.targets.iter()),
        [
            row("常住人口城镇化率", 65.0, "%", "=", false),
            row("研发经费投入增长", 7.0, "%", ">", false),
            row("每万人口高价值发明专利拥有量", 12.0, "件", "=", false),
            row("森林覆盖率", 24.1, "%", "=", true),
        ]
    );
}
