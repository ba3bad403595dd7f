//! The number reader, table-driven, through `zhengce quantities --json`: every case is
//! one input line, and the expected values were worked out by hand from the Chinese.

mod common;

use common::{data_of, run_in, stderr, LineQuantities};

/// (value, max, unit, bound)
type Want = (f64, Option<f64>, &'static str, &'static str);

fn q(value: f64, unit: &'static str, bound: &'static str) -> Want {
    (value, None, unit, bound)
}

fn range(low: f64, high: f64, unit: &'static str) -> Want {
    (low, Some(high), unit, "between")
}

fn cases() -> Vec<(&'static str, Vec<Want>)> {
    vec![
        // Arabic numerals, decimals, thousands separators, full-width digits
        ("合格率达到98.5%以上", vec![q(98.5, "%", ">=")]),
        ("达到96%", vec![q(96.0, "%", "=")]),
        ("全省企业达70000家以上", vec![q(70000.0, "家", ">=")]),
        ("累计70,000家", vec![q(70000.0, "家", "=")]),
        ("新增１２０家", vec![q(120.0, "家", "=")]),
        ("占比２．８％", vec![q(2.8, "%", "=")]),
        ("制修订标准 9 项以上", vec![q(9.0, "项", ">=")]),
        ("稳定在 4% 左右", vec![q(4.0, "%", "~")]),
        ("指数达到 94 以上", vec![q(94.0, "", ">=")]),
        ("指数达到92。", vec![q(92.0, "", "=")]),
        ("满意度达85以上", vec![q(85.0, "", ">=")]),
        ("培养1000名左右人才", vec![q(1000.0, "名", "~")]),
        ("培育100家左右企业", vec![q(100.0, "家", "~")]),
        ("达 100 个（项）", vec![q(100.0, "个", "=")]),
        ("新增智能工厂（车间）80 家", vec![q(80.0, "家", "=")]),
        ("研发投入占比达到2.8%", vec![q(2.8, "%", "=")]),
        ("增长0.5个百分点", vec![q(0.5, "百分点", "=")]),
        ("提高2个百分点以上", vec![q(2.0, "百分点", ">=")]),
        ("每年选取 3 类以上重点产品", vec![q(3.0, "类", ">=")]),
        ("3000个", vec![q(3000.0, "个", "=")]),
        // 万/亿/万亿 multipliers after Arabic numerals
        ("超过 12 万家", vec![q(120000.0, "家", ">")]),
        ("1.2万", vec![q(12000.0, "", "=")]),
        ("证书 18 万张", vec![q(180000.0, "张", "=")]),
        ("装机1.2亿千瓦", vec![q(120000000.0, "千瓦", "=")]),
        ("设立5亿元的基金", vec![q(500000000.0, "元", "=")]),
        ("规模达3.5万亿元", vec![q(3.5e12, "元", "=")]),
        ("投入5000万元", vec![q(50000000.0, "元", "=")]),
        ("带动就业200万人", vec![q(2000000.0, "人", "=")]),
        ("服务500万人次", vec![q(5000000.0, "人次", "=")]),
        ("年产值2.5万亿", vec![q(2.5e12, "", "=")]),
        ("0.8万吨", vec![q(8000.0, "吨", "=")]),
        ("1.5万平方公里", vec![q(15000.0, "平方公里", "=")]),
        // 多 / 余 / approximations
        ("投资500多亿元", vec![q(50000000000.0, "元", ">")]),
        ("惠及3000余家企业", vec![q(3000.0, "家", ">")]),
        ("建成100多个站点", vec![q(100.0, "个", ">")]),
        ("约30%", vec![q(30.0, "%", "~")]),
        ("近3万家", vec![q(30000.0, "家", "~")]),
        ("超过5000家", vec![q(5000.0, "家", ">")]),
        ("不少于10家", vec![q(10.0, "家", ">=")]),
        ("不低于95%", vec![q(95.0, "%", ">=")]),
        ("不超过5%", vec![q(5.0, "%", "<=")]),
        ("低于0.5%", vec![q(0.5, "%", "<")]),
        ("控制在3%以内", vec![q(3.0, "%", "<=")]),
        ("1%以下", vec![q(1.0, "%", "<=")]),
        ("至少3个", vec![q(3.0, "个", ">=")]),
        ("百家争鸣", vec![]),
        ("90%及以上", vec![q(90.0, "%", ">=")]),
        // Chinese numerals
        ("十二项", vec![q(12.0, "项", "=")]),
        ("二十二个", vec![q(22.0, "个", "=")]),
        ("两万家", vec![q(20000.0, "家", "=")]),
        ("一百零五家", vec![q(105.0, "家", "=")]),
        ("一千零一个", vec![q(1001.0, "个", "=")]),
        ("三万五千人", vec![q(35000.0, "人", "=")]),
        ("十万家", vec![q(100000.0, "家", "=")]),
        ("两万亿元", vec![q(2e12, "元", "=")]),
        ("一亿二千万元", vec![q(120000000.0, "元", "=")]),
        ("壹佰贰拾叁元", vec![q(123.0, "元", "=")]),
        ("三点五亿元", vec![q(350000000.0, "元", "=")]),
        ("五百以上", vec![q(500.0, "", ">=")]),
        ("培育五十家", vec![q(50.0, "家", "=")]),
        ("建设三个中心", vec![q(3.0, "个", "=")]),
        ("两个以上", vec![q(2.0, "个", ">=")]),
        ("翻一番", vec![q(1.0, "番", "=")]),
        ("提高两倍", vec![q(2.0, "倍", "=")]),
        ("二〇个", vec![q(20.0, "个", "=")]),
        ("一百万元", vec![q(1000000.0, "元", "=")]),
        ("九十九项", vec![q(99.0, "项", "=")]),
        // Percentages and fractions in words, 成
        ("百分之九十", vec![q(90.0, "%", "=")]),
        ("百分之九十五以上", vec![q(95.0, "%", ">=")]),
        ("百分之三点五", vec![q(3.5, "%", "=")]),
        ("百分之12", vec![q(12.0, "%", "=")]),
        ("千分之五", vec![q(5.0, "‰", "=")]),
        ("三分之一", vec![(100.0 / 3.0, None, "%", "=")]),
        ("三成", vec![q(30.0, "%", "=")]),
        ("提高两成以上", vec![q(20.0, "%", ">=")]),
        ("5成", vec![q(50.0, "%", "=")]),
        // Ranges
        ("通过 3—5 年努力", vec![range(3.0, 5.0, "年")]),
        ("3-5年", vec![range(3.0, 5.0, "年")]),
        ("3~5个", vec![range(3.0, 5.0, "个")]),
        ("10%—15%", vec![range(10.0, 15.0, "%")]),
        ("5至10家", vec![range(5.0, 10.0, "家")]),
        ("十七八万", vec![range(170000.0, 180000.0, "")]),
        ("三五年", vec![range(3.0, 5.0, "年")]),
        ("七八十家", vec![range(70.0, 80.0, "家")]),
        ("1万—2万家", vec![range(10000.0, 20000.0, "家")]),
        // Durations and deadlines are quantities (the target reader sets them aside)
        ("30日内", vec![q(30.0, "日", "=")]),
        ("6个月", vec![q(6.0, "个月", "=")]),
        ("5个工作日", vec![q(5.0, "个工作日", "=")]),
        ("48小时", vec![q(48.0, "小时", "=")]),
        // Several in one line
        (
            "分别达到65%和55%",
            vec![q(65.0, "%", "="), q(55.0, "%", "=")],
        ),
        (
            "国际标准 9 项以上、国家标准 300 项以上",
            vec![q(9.0, "项", ">="), q(300.0, "项", ">=")],
        ),
        (
            "到2025年，建成10个中心、培育20家企业",
            vec![q(10.0, "个", "="), q(20.0, "家", "=")],
        ),
        // Not quantities: dates, 文号, ordinals, labels, names, words
        ("到2025年", vec![]),
        ("到 2020 年底", vec![]),
        ("二〇二五年", vec![]),
        ("2021—2025年", vec![]),
        ("2023年9月14日", vec![]),
        ("9月17日前", vec![]),
        ("粤府〔2020〕50号", vec![]),
        ("粤府办〔2018〕38 号", vec![]),
        ("第一条", vec![]),
        ("第3章", vec![]),
        ("第二十二条", vec![]),
        ("（一）强化质量", vec![]),
        ("1．完善标准", vec![]),
        ("获得 ISO9001 认证", vec![]),
        ("ISO 9001", vec![]),
        ("GB/T 9704", vec![]),
        ("推广5G应用", vec![]),
        ("“1+1+9”工作部署", vec![]),
        ("中国500强", vec![]),
        ("21世纪海上丝绸之路", vec![]),
        ("一切", vec![]),
        ("统一部署", vec![]),
        ("五角大楼", vec![]),
        ("十分重要", vec![]),
        ("千家万户", vec![]),
        ("千方百计", vec![]),
        ("“十四五”时期", vec![]),
        ("十四五规划", vec![]),
        ("三农", vec![]),
        ("一体化", vec![]),
        ("进一步", vec![]),
        ("唯一", vec![]),
        ("百姓", vec![]),
        ("电话：0769-22831234", vec![]),
        ("邮编 523000", vec![]),
        ("12345热线", vec![]),
        ("见第3.1.2节", vec![]),
        ("按照2.1.3的要求", vec![]),
    ]
}

#[test]
fn number_table() {
    let cases = cases();
    assert!(cases.len() >= 100, "{} cases", cases.len());
    let input: String = cases.iter().map(|(line, _)| format!("{line}\n")).collect();
    let output = run_in(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["quantities", "--json"],
        Some(input.as_bytes()),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines: Vec<LineQuantities> = data_of(&output, "line");
    assert_eq!(lines.len(), cases.len());
    let mut failures = Vec::new();
    for ((text, want), got) in cases.iter().zip(&lines) {
        assert_eq!(&got.text, text);
        let got: Vec<Want> = got
            .quantities
            .iter()
            .map(|q| {
                let unit: &'static str = Box::leak(q.unit.clone().into_boxed_str());
                let bound: &'static str = Box::leak(q.bound.clone().into_boxed_str());
                (q.value, q.max, unit, bound)
            })
            .collect();
        let same = got.len() == want.len()
            && got.iter().zip(want).all(|(g, w)| {
                (g.0 - w.0).abs() < 1e-6 * w.0.abs().max(1.0)
                    && g.1.zip(w.1).is_none_or(|(a, b)| (a - b).abs() < 1e-6)
                    && g.1.is_some() == w.1.is_some()
                    && g.2 == w.2
                    && g.3 == w.3
            });
        if !same {
            failures.push(format!("{text}: want {want:?}, got {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {}:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn offsets_count_chars_of_the_line() {
    let output = run_in(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["quantities", "--json"],
        Some("食品抽检合格率达到98.5%以上\n".as_bytes()),
    );
    let line: LineQuantities = data_of(&output, "line").remove(0);
    let q = &line.quantities[0];
    assert_eq!((q.start, q.end), (9, 16));
    let chars: Vec<char> = line.text.chars().collect();
    assert_eq!(chars[q.start..q.end].iter().collect::<String>(), q.text);
    assert_eq!(q.text, "98.5%以上");
    assert_eq!(line.line, 1);
    assert_eq!(line.source, "<stdin>");
}

#[test]
fn nothing_found_exits_one() {
    let output = run_in(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["quantities"],
        Some("没有数字的句子。\n".as_bytes()),
    );
    assert_eq!(output.status.code(), Some(1));
}
