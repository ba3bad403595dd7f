//! Shapes of the genre that the seeds do not show, in small documents written for these
//! tests (modelled on published regulations and web pages; not copies of real ones).

use crate::common;

use common::{documents, run_in, stderr, Document};

fn parse(text: &str) -> Document {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("doc.txt"), text).unwrap();
    let output = run_in(dir.path(), &["parse", "--json", "doc.txt"], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    documents(&output).remove(0)
}

fn labels(doc: &Document) -> Vec<String> {
    doc.clauses.iter().map(|c| c.labels.join("")).collect()
}

const REGULATION: &str = "\
广东省质量促进条例

（2020年9月17日广东省第十三届人民代表大会常务委员会第二十五次会议通过）

第一章　总　　则

第一条　为了提高质量水平，推动高质量发展，根据有关法律、行政法规，结合本省实际，制定本条例。

第二条　本条例适用于本省行政区域内的质量促进活动。

第二章　质量发展

第三条　县级以上人民政府应当履行下列职责：
（一）将质量发展纳入国民经济和社会发展规划；
（二）建立质量工作协调机制；
（三）法律、法规规定的其他职责。

第三条之一　违反本条例第三条规定，有前款第（一）项情形的，
依照第五条规定处理。

第四条　市场监督管理部门负责质量促进的统筹协调。

第三章　附　　则

第五条　本条例自2021年1月1日起施行。
";

#[test]
fn regulation_with_chapters_articles_and_items() {
    let doc = parse(REGULATION);
    assert_eq!(
        labels(&doc),
        [
            "第一章",
            "第一章第一条",
            "第一章第二条",
            "第二章",
            "第二章第三条",
            "第二章第三条（一）",
            "第二章第三条（二）",
            "第二章第三条（三）",
            "第二章第三条之一",
            "第二章第四条",
            "第三章",
            "第三章第五条",
        ]
    );
    assert_eq!(doc.title.as_deref(), Some("广东省质量促进条例"));
    let zhi_yi = &doc.clauses[8];
    assert_eq!(zhi_yi.id, "2.3-1");
    // The cross-references inside it are text, and its wrapped second line is joined.
    assert_eq!(
        zhi_yi.text,
        "违反本条例第三条规定，有前款第（一）项情形的，依照第五条规定处理。"
    );
    assert_eq!(doc.clauses[0].heading.as_deref(), Some("总则"));
    // An article that is one sentence with commas has no heading.
    assert_eq!(doc.clauses[1].heading, None);
    assert!(
        doc.warnings
            .iter()
            .all(|w| !w.kind.starts_with("numbering")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn chapters_holding_chinese_comma_items() {
    let doc = parse(
        "第一章 总体要求\n一、指导思想\n坚持质量第一。\n二、基本原则\n坚持创新驱动。\n第二章 重点任务\n一、强化质量基础\n（一）完善标准体系。加快制定标准。\n（二）加强计量。\n二、提升产品质量\n",
    );
    assert_eq!(
        labels(&doc),
        [
            "第一章",
            "第一章一、",
            "第一章二、",
            "第二章",
            "第二章一、",
            "第二章一、（一）",
            "第二章一、（二）",
            "第二章二、"
        ]
    );
    assert_eq!(doc.clauses[5].id, "2.1.1");
}

#[test]
fn plan_outline_parts_hold_chapters_numbered_on_across_them() {
    // A five-year plan outline (纲要) as the national one is laid out: 篇 over 章 over 节,
    // chapters numbered on from one part to the next.
    let doc = parse(
        "某省国民经济和社会发展第十四个五年规划和2035年远景目标纲要\n\
         第一篇　开启全面建设现代化新征程\n\
         第一章　发展环境\n\
         第一节　发展基础\n\
         “十三五”时期，全省经济实力跃上新的大台阶。\n\
         第二章　指导方针\n\
         第一节　指导思想\n\
         坚持稳中求进工作总基调。\n\
         第二篇　坚持创新驱动发展　全面塑造发展新优势\n\
         第三章　强化战略科技力量\n\
         第一节　建设重大创新平台\n\
         到2025年，研发经费投入年均增长7%以上。\n",
    );
    assert_eq!(
        labels(&doc),
        [
            "第一篇",
            "第一篇第一章",
            "第一篇第一章第一节",
            "第一篇第二章",
            "第一篇第二章第一节",
            "第二篇",
            "第二篇第三章",
            "第二篇第三章第一节",
        ]
    );
    assert_eq!(doc.clauses[7].id, "2.3.1");
    // The second part's title is its own, not the end of the section before it.
    assert_eq!(doc.clauses[4].text, "指导思想\n坚持稳中求进工作总基调。");
    assert_eq!(
        doc.clauses[5].heading.as_deref(),
        Some("坚持创新驱动发展全面塑造发展新优势")
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn programme_parts_hold_their_own_numbering() {
    // A plan or programme in parts (第一部分, 第二部分), each numbering its 一、 from one.
    let doc = parse(
        "某市发展规划\n\n第一部分　发展基础\n\n一、主要成就\n\n全市经济实力显著增强。\n\n\
         第二部分　总体要求\n\n一、指导思想\n\n坚持新发展理念。\n\n二、主要目标\n\n\
         到2025年，地区生产总值达到1.5万亿元。\n",
    );
    assert_eq!(
        labels(&doc),
        [
            "第一部分",
            "第一部分一、",
            "第二部分",
            "第二部分一、",
            "第二部分二、"
        ]
    );
    assert_eq!(doc.clauses[1].text, "主要成就\n全市经济实力显著增强。");
    assert_eq!(doc.clauses[2].heading.as_deref(), Some("总体要求"));
}

#[test]
fn labels_spaced_out_char_by_char_are_labels() {
    // Letter-spaced text, as justified PDF pages come out of pdftotext.
    let doc = parse(
        "第 一 章　总 则\n第 一 条　为了加强监管，制定本办法。\n第 二 条　规划编制应当公开。\n（ 一 ）加强统筹。\n",
    );
    assert_eq!(
        labels(&doc),
        [
            "第一章",
            "第一章第一条",
            "第一章第二条",
            "第一章第二条（一）"
        ]
    );
    assert_eq!(doc.clauses[0].heading.as_deref(), Some("总则"));
    assert_eq!(doc.clauses[1].text, "为了加强监管，制定本办法。");
}

#[test]
fn a_tab_after_a_label_is_a_space_not_a_cell() {
    // Word lays out a heading or an article as label, tab, text.
    let doc = parse(
        "第一章\t总则\n第一条\t为了加强质量管理，制定本条例。\n第二条\t本条例自公布之日起施行。\n",
    );
    assert_eq!(labels(&doc), ["第一章", "第一章第一条", "第一章第二条"]);
    assert_eq!(doc.clauses[0].heading.as_deref(), Some("总则"));
    assert_eq!(doc.clauses[1].text, "为了加强质量管理，制定本条例。");
}

#[test]
fn web_page_noise_and_page_numbers_are_set_apart() {
    let doc = parse(
        "首页 > 政务公开\n\n当前位置：首页 > 政策文件\n\n发布时间：2023-06-15\n\n关于加强质量工作的通知\n\n各区人民政府：\n\n一、总体要求\n\n坚持质量第一，推\n\n— 3 —\n\n动高质量发展。\n\n二、工作措施\n\n加强监管。\n\n扫一扫在手机打开当前页\n\n【打印】【关闭】\n",
    );
    assert_eq!(labels(&doc), ["一、", "二、"]);
    assert_eq!(
        doc.clauses[0].text,
        "总体要求\n坚持质量第一，推动高质量发展。"
    );
    assert_eq!(doc.clauses[1].text, "工作措施\n加强监管。");
    let reasons: Vec<&str> = doc.excluded.iter().map(|e| e.reason.as_str()).collect();
    assert!(reasons.contains(&"page-number"), "{reasons:?}");
    assert!(reasons.contains(&"web-noise"), "{reasons:?}");
    assert_eq!(doc.title.as_deref(), Some("关于加强质量工作的通知"));
    assert_eq!(doc.recipients.as_deref(), Some("各区人民政府"));
}

#[test]
fn numbering_problems_are_warnings_with_lines() {
    let doc = parse("一、甲\n二、乙\n四、丁\n四、丁又\n三、丙\n");
    let kinds: Vec<(&str, Option<usize>)> = doc
        .warnings
        .iter()
        .map(|w| (w.kind.as_str(), w.line))
        .collect();
    assert_eq!(
        kinds,
        [
            ("numbering-gap", Some(3)),
            ("numbering-duplicate", Some(4)),
            ("numbering-order", Some(5))
        ]
    );
    assert_eq!(doc.clauses[3].id, "4~2");
}

#[test]
fn look_alike_markers_do_not_start_clauses() {
    let doc = parse(
        "一、主要目标\n到2025年，食品抽检合格率达到\n98.5%以上，\n2025.\n（二○○四年十月）\n（五）项所列情形除外。\n二、任务\n",
    );
    assert_eq!(labels(&doc), ["一、", "二、"]);
}

#[test]
fn attachments_after_the_signature_are_set_apart() {
    let doc = parse(
        "一、总体要求\n坚持质量第一。\n二、工作措施\n加强监管。\n\n附件：1．重点任务分工表\n      2．联系人名单\n\n广东省市场监督管理局\n2023年6月1日\n",
    );
    assert_eq!(labels(&doc), ["一、", "二、"]);
    assert_eq!(doc.clauses[1].text, "工作措施\n加强监管。");
    let excluded: Vec<(usize, usize, &str)> = doc
        .excluded
        .iter()
        .map(|e| (e.lines.start, e.lines.end, e.reason.as_str()))
        .collect();
    assert_eq!(excluded, [(6, 7, "attachment"), (9, 10, "signature")]);
    assert_eq!(doc.issuer.as_deref(), Some("广东省市场监督管理局"));
    assert_eq!(doc.date.as_deref(), Some("2023-06-01"));
}

#[test]
fn table_rows_do_not_start_clauses() {
    let doc = parse("一、主要指标\n序号\t指标\t目标值\n1\t食品抽检合格率\t98%\n2\t制造业产品质量合格率\t95%\n│3│工程质量抽查合格率│提高│\n二、任务\n");
    assert_eq!(labels(&doc), ["一、", "二、"]);
    assert!(doc.clauses[0].text.contains("食品抽检合格率"));
}
