//! Quantities: every number written in a text, with its value, unit, qualifier and place.
//!
//! Policy texts write numbers in Arabic digits (98.5%, 12 万家, 2,500,000, -2.5%), in
//! Chinese numerals (二十二项, 两万, 一万零十五, 三点七, 壹贰叁, 廿五), in words (百分之九十,
//! 千分之五, 三分之一, 三成, 负十五, 零下五度), with ranges (3—5 年, 十七八万, 百分之十至十五)
//! and qualifiers (以上, 左右, 超过, 500多亿, 三十多万, 逾百家, 上万, 数百家), as none of an
//! event (事故零发生, 碳排放零增长, 趋零增长: the count 0, no unit), and with spaces
//! inside from PDF extraction ("9 项以上"). They also write ranks (第三, 第5次), which are
//! read as ordinals, and digits and numerals that are not quantities at all: dates
//! (2025年, 9月17日, 2019-05-01), times (9:30, 9时30分), 文号 (〔2018〕38号, 第588号),
//! addresses (…@163.com, URLs), phone numbers and postcodes, labels, standards and model
//! names (ISO9001, GB/T 9704, 5G), programme names (1+1+9, 500强, 21世纪), and words that
//! merely contain a numeral (一切, 统一部署, 十分, 五角大楼, 成千上万). The scanner reads the
//! first kinds and steps over the last.
//!
//! Each quantity has a kind (`amount`, `fraction`, `ordinal`) and says whether it is an
//! approximate figure. Percentages keep their sign as the unit (百分之五 is 5 `%`, 千分之三
//! is 3 `‰`); a fraction X分之Y is the plain ratio Y/X (四分之三 is 0.75). See docs/json.md.
//!
//! It folds widths itself ([`crate::normalize::fold`]), so full-width digits and signs read
//! like ASCII, except the full-width comma, which in Chinese prose ends a clause and never
//! groups digits. Offsets are in chars of the slice it was given.
//!
//! ```
//! use zhengce::extract::quantity::scan_str;
//! let found = scan_str("到2025年，新增国际标准 9 项以上，覆盖1.2万家企业，惠及三十多万人");
//! assert_eq!(found.len(), 3);
//! assert_eq!((found[0].value, found[0].unit.as_str()), (9.0, "项"));
//! assert_eq!((found[1].value, found[1].unit.as_str()), (12000.0, "家"));
//! assert_eq!((found[2].value, found[2].approximate), (300000.0, true));
//! ```

use crate::model::{Comparator, QuantityKind};
use crate::normalize::{fold, is_han};
use crate::structure::numerals::{self, chinese_digit as digit};

/// A quantity found in a slice of chars. Offsets index that slice, end exclusive, and
/// cover the qualifiers written with the number (超过 … 以上).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    /// Where the number itself starts, after any leading qualifier (a sign is part of it).
    pub number_start: usize,
    pub value: f64,
    pub max: Option<f64>,
    pub unit: String,
    pub bound: Comparator,
    /// Amount, fraction or ordinal.
    pub kind: QuantityKind,
    /// A vague or round figure: 多, 余, 几, 来, 数百, 约, 近, 左右, 十七八, 逾百, 上万.
    pub approximate: bool,
    /// The number was written in Chinese numerals.
    pub chinese: bool,
}

/// Scans a string; offsets are in chars of `text`.
pub fn scan_str(text: &str) -> Vec<Found> {
    let chars: Vec<char> = text.chars().collect();
    scan(&chars)
}

/// Scans chars as written (folding them here) for quantities, left to right, without
/// overlaps. Already folded chars read the same, except that a full-width comma folded
/// to `,` can no longer be told from a thousands separator.
pub fn scan(written: &[char]) -> Vec<Found> {
    let chars: Vec<char> = written.iter().map(|&c| fold_for_numbers(c)).collect();
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let floor = found.last().map_or(0, |f| f.end);
        match read_at(&chars, i, floor) {
            Step::Found(f) => {
                i = f.end.max(i + 1);
                found.push(f);
            }
            Step::Skip(end) => i = end.max(i + 1),
            Step::Nothing => i += 1,
        }
    }
    found
}

/// [`fold`], but a full-width comma stays one: in Chinese prose "5，300余人" is two
/// numbers, while "2,500,000" is one.
fn fold_for_numbers(c: char) -> char {
    if c == '，' {
        c
    } else {
        fold(c)
    }
}

enum Step {
    Found(Found),
    /// Not a quantity; nothing inside `..end` starts one either.
    Skip(usize),
    Nothing,
}

/// Units, longest first where one is a prefix of another. A unit outside this list after
/// a number means the number is part of a name (500强, 21世纪), not a quantity.
const MULTI_CHAR_UNITS: &[&str] = &[
    "个百分点",
    "个工作日",
    "平方公里",
    "平方千米",
    "千瓦时",
    "百分点",
    "工作日",
    "个月",
    "小时",
    "分钟",
    "平方米",
    "立方米",
    "千瓦",
    "兆瓦",
    "公里",
    "千米",
    "公顷",
    "公斤",
    "千克",
    "美元",
    "港元",
    "欧元",
    "人次",
    "标准箱",
    "季度",
    "摄氏度",
];

const SINGLE_CHAR_UNITS: &str =
    "个项家名人位户座所件台套张条类种次届处栋幢间辆艘架部本篇份头只株棵亩吨元米年天周倍分级例宗笔支队对轮场门首层床克升度秒岁日番";

/// Durations and points in time: a quantity in these units is a period or deadline.
pub const TIME_UNITS: &[&str] = &[
    "年",
    "个月",
    "天",
    "日",
    "周",
    "小时",
    "分钟",
    "秒",
    "工作日",
    "个工作日",
    "季度",
];

/// Words that begin with a numeral and a unit but are not quantities.
const NOT_QUANTITIES: &[&str] = &[
    "十分",
    "千家万户",
    "万家灯火",
    "千方百计",
    "万无一失",
    "一次性",
    "一五一十",
    "三令五申",
    "五湖四海",
    "四面八方",
    "一带一路",
    "一体",
    "一把手",
    "一揽子",
    "七上八下",
    "一一",
    "万一",
    // Plan names: 第十四个五年规划 is one ordinal, not a rank and a duration.
    "五年规划",
    "五年计划",
];

/// Idioms of multitude that begin with a word, not a numeral, and give no number.
const IDIOMS_OF_MULTITUDE: &[&str] = &["成千上万", "成百上千", "千千万万"];

/// Events and changes that a goal can hold at none: 事故零发生, 碳排放零增长, 生活垃圾零填埋,
/// 固体废物零进口. 零 before one of them is the count 0 of that event. Attitudes and slogans
/// (零容忍, 零距离, 零门槛, 零风险) and words (零售, 零部件) are not in the list.
const ZERO_EVENTS: &[&str] = &[
    "发生", "增长", "新增", "排放", "事故", "死亡", "伤亡", "填埋", "污染", "感染", "超标", "拖欠",
    "投诉", "差错", "事件", "案件", "发案", "积压", "遗漏", "漏报", "违规", "违法", "泄漏", "进口",
];

/// Words before 零 that make the count one it tends to: 趋零增长, 趋于零增长.
const TOWARDS_ZERO: &[&str] = &["趋于", "趋向", "趋"];

/// The event after a 零 at `at` (零发生, 零增长) and where it ends, when the event closes its
/// phrase: 零排放车辆 names a kind of car, not a count of emissions.
pub(crate) fn zero_event(chars: &[char], at: usize) -> Option<(&'static str, usize)> {
    if chars.get(at) != Some(&'零') {
        return None;
    }
    let event = ZERO_EVENTS.iter().find(|w| starts_with(chars, at + 1, w))?;
    let end = at + 1 + event.chars().count();
    let closes = chars
        .get(end)
        .is_none_or(|&c| !is_han(c) || "和及与或的".contains(c));
    closes.then_some((event, end))
}

/// Measure words that follow a rank but are not units of amount: 第三章, 第二款, 第二批.
const ORDINAL_MEASURE_WORDS: &[&str] = &[
    "阶段", "章", "节", "编", "款", "目", "批", "期", "卷", "页", "段", "版", "稿",
];

/// Words in 第 that are not ranks: a third party (第三方, and 第三人 in law), "at once".
const NOT_ORDINALS: &[&str] = &["第三方", "第三人", "第一时间"];

/// Chars before 负 that make it part of a word (肩负三项任务), not a minus sign.
const WORD_BEFORE_FU: &str = "肩担背辜胜抱欺正自身";

/// Words before a bare magnitude (逾百家, 近千人, 上万人, 超百亿元, 突破千亿): a round
/// figure written without a digit.
const BEFORE_BARE_MAGNITUDE: &str = "逾近上超过破";

/// Words that end like those but say no approach: 通过千人计划, 线上百家门店.
const NOT_BEFORE_BARE_MAGNITUDE: &[&str] = &[
    "通过", "经过", "越过", "度过", "跨过", "穿过", "透过", "以上", "线上", "网上", "马上", "加上",
    "向上", "之上", "会上", "附近",
];

/// Chars before a lone 一 that make it part of a word (统一, 唯一, 之一, 进一步).
const WORD_BEFORE_YI: &str = "统唯同专单划之万第归合逐不如整均择另进初";

// The numeral tables are the structure stage's (labels use the same numerals); here
// magnitudes are floats, as values are.
fn small_unit(c: char) -> Option<f64> {
    numerals::small_unit(c).map(|u| u as f64)
}

fn big_unit(c: char) -> Option<f64> {
    numerals::big_unit(c).map(|u| u as f64)
}

fn is_cn_numeral(c: char) -> bool {
    digit(c).is_some() || small_unit(c).is_some() || big_unit(c).is_some() || tens(c).is_some()
}

/// 廿 (20), 卅 (30), 卌 (40): one char for a digit and 十, still met in dates and names.
fn tens(c: char) -> Option<char> {
    match c {
        '廿' => Some('二'),
        '卅' => Some('三'),
        '卌' => Some('四'),
        _ => None,
    }
}

/// A numeral run with 廿/卅/卌 written out as digit and 十.
fn expand_tens(run: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(run.len() + 1);
    for &c in run {
        match tens(c) {
            Some(d) => out.extend([d, '十']),
            None => out.push(c),
        }
    }
    out
}

// Both run at nearly every numeral against lists of words: compare char by char
// without counting the word first.
fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(i, w)| chars.get(i) == Some(&w))
}

fn ends_with(chars: &[char], end: usize, word: &str) -> bool {
    let mut i = end;
    for w in word.chars().rev() {
        if i == 0 || chars[i - 1] != w {
            return false;
        }
        i -= 1;
    }
    true
}

/// The first index at or after `i` that is not a space (text is folded: one kind).
pub(super) fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while chars.get(i) == Some(&' ') {
        i += 1;
    }
    i
}

/// The index of the last non-space char before `i`.
fn prev_non_space(chars: &[char], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| chars[j] != ' ')
}

/// A whole Chinese integer, strictly: 十二, 二十二, 一百零五, 两万, 一亿二千万, 两万亿.
/// Adjacent digits (十四五) are not an integer.
fn chinese_integer(run: &[char]) -> Option<f64> {
    if run.iter().all(|&c| digit(c).is_some()) {
        return match run {
            [c] => digit(*c).map(f64::from),
            // Positional digits (二〇二五) only with a zero among them.
            _ if run.iter().any(|&c| digit(c) == Some(0)) => Some(
                run.iter()
                    .fold(0.0, |acc, &c| acc * 10.0 + f64::from(digit(c).unwrap_or(0))),
            ),
            _ => None,
        };
    }
    let (mut total, mut section) = (0.0f64, 0.0f64);
    let mut pending: Option<f64> = None;
    let mut last_small = f64::INFINITY;
    let mut last_big = 0.0f64;
    let mut previous_digit: Option<u32> = None;
    // The unit just read, and the one a last digit directly follows: in the spoken short
    // form 三千五, 一万二 that digit counts in the next lower magnitude (3500, 12000).
    let mut unit_just_read: Option<f64> = None;
    let mut digit_after_unit: Option<f64> = None;
    for &c in run {
        if let Some(d) = digit(c) {
            if previous_digit.is_some_and(|p| p != 0) {
                return None;
            }
            previous_digit = Some(d);
            // 零 only holds a place: in 一万零十五 the 十 after it is 一十, not 零十.
            pending = (d != 0).then_some(f64::from(d));
            digit_after_unit = unit_just_read.take();
            continue;
        }
        previous_digit = None;
        unit_just_read = small_unit(c).or_else(|| big_unit(c));
        if let Some(unit) = small_unit(c) {
            if unit >= last_small {
                return None;
            }
            section += pending.take().unwrap_or(1.0) * unit;
            last_small = unit;
        } else if let Some(unit) = big_unit(c) {
            let value = section + pending.take().unwrap_or(0.0);
            if unit > last_big {
                total = (total + value) * unit;
            } else {
                total += value * unit;
            }
            if total == 0.0 {
                return None;
            }
            section = 0.0;
            last_small = f64::INFINITY;
            last_big = unit;
        } else {
            return None;
        }
    }
    let last = match (pending, digit_after_unit) {
        (Some(d), Some(unit)) if unit >= 100.0 => d * unit / 10.0,
        (Some(d), _) => d,
        (None, _) => 0.0,
    };
    Some(total + section + last)
}

/// A Chinese numeral run: an integer, a decimal (三点五), or an approximate range written
/// with two adjacent digits (十七八万 = 17–18万, 三五 = 3–5).
fn chinese_number(run: &[char]) -> Option<(f64, Option<f64>)> {
    let expanded;
    let run = if run.iter().any(|&c| tens(c).is_some()) {
        expanded = expand_tens(run);
        &expanded[..]
    } else {
        run
    };
    if let Some(point) = run.iter().position(|&c| c == '点') {
        let whole = chinese_integer(&run[..point])?;
        let mut scale = 0.1;
        let mut value = whole;
        let mut digits = 0;
        let mut rest = run[point + 1..].iter().peekable();
        while let Some(d) = rest.peek().and_then(|&&c| digit(c)) {
            value += f64::from(d) * scale;
            scale /= 10.0;
            digits += 1;
            rest.next();
        }
        // 三点五亿: a magnitude after the decimals scales the whole number.
        for &c in rest {
            value *= big_unit(c)?;
        }
        return (digits > 0).then_some((value, None));
    }
    if let Some(value) = chinese_integer(run) {
        return Some((value, None));
    }
    let pairs: Vec<usize> = (0..run.len().saturating_sub(1))
        .filter(
            |&k| matches!((digit(run[k]), digit(run[k + 1])), (Some(a), Some(b)) if a > 0 && b > a),
        )
        .collect();
    let &[k] = pairs.as_slice() else {
        return None;
    };
    let low: Vec<char> = run
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != k + 1)
        .map(|(_, &c)| c)
        .collect();
    let high: Vec<char> = run
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != k)
        .map(|(_, &c)| c)
        .collect();
    Some((chinese_integer(&low)?, Some(chinese_integer(&high)?)))
}

/// An Arabic number at `i`: digits, thousands commas, a decimal point.
/// Returns (value, end, integer digits, has a leading zero).
fn arabic_number(chars: &[char], i: usize) -> Option<(f64, usize, usize, bool)> {
    let mut text = String::new();
    let mut j = i;
    let mut int_digits = 0;
    while j < chars.len() {
        let c = chars[j];
        if c.is_ascii_digit() {
            text.push(c);
            int_digits += 1;
            j += 1;
        } else if c == ','
            && int_digits > 0
            && (1..=3).all(|k| chars.get(j + k).is_some_and(char::is_ascii_digit))
            && !chars.get(j + 4).is_some_and(char::is_ascii_digit)
        {
            j += 1;
        } else {
            break;
        }
    }
    if int_digits == 0 {
        return None;
    }
    let leading_zero = text.len() > 1 && text.starts_with('0');
    if chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(char::is_ascii_digit) {
        text.push('.');
        j += 1;
        while chars.get(j).is_some_and(char::is_ascii_digit) {
            text.push(chars[j]);
            j += 1;
        }
    }
    Some((text.parse().ok()?, j, int_digits, leading_zero))
}

/// A number of either script at `i`, as the second half of a range or after 百分之.
fn any_number(chars: &[char], i: usize) -> Option<(f64, Option<f64>, usize)> {
    if chars.get(i).is_some_and(char::is_ascii_digit) {
        let (value, end, _, _) = arabic_number(chars, i)?;
        return Some((value, None, end));
    }
    let end = cn_run_end(chars, i);
    if end == i {
        return None;
    }
    let (value, max) = chinese_number(&chars[i..end])?;
    Some((value, max, end))
}

fn cn_run_end(chars: &[char], i: usize) -> usize {
    let mut j = i;
    while j < chars.len() {
        let c = chars[j];
        let decimal_point = c == '点'
            && j > i
            && chars.get(j + 1).copied().and_then(digit).is_some()
            && digit(chars[j - 1]).is_some();
        if is_cn_numeral(c) || decimal_point {
            j += 1;
        } else {
            break;
        }
    }
    j
}

/// 万亿, 亿, 千万, 百万, 万, 千, 百 after an Arabic number (1.2亿, 5000万, 5千人).
fn multiplier(chars: &[char], i: usize) -> Option<(f64, usize)> {
    for (word, factor) in [
        ("万亿", 1e12),
        ("千万", 1e7),
        ("百万", 1e6),
        ("亿", 1e8),
        ("万", 1e4),
        ("千", 1e3),
        ("百", 1e2),
    ] {
        if starts_with(chars, i, word) {
            let after = i + word.chars().count();
            // 千瓦, 千米, 千克 are units and 百分点 a word, not 千 or 百 as a multiplier;
            // 万 before them is one.
            let next = chars.get(after).copied();
            let in_word = match word {
                "千" => next.is_some_and(|n| "米瓦克帕焦伏卡".contains(n)),
                "百" => next == Some('分'),
                _ => false,
            };
            return (!in_word).then_some((factor, after));
        }
    }
    None
}

/// The unit at `i`, longest match first.
fn unit_at(chars: &[char], i: usize) -> Option<(&'static str, usize)> {
    if let Some(&c) = chars.get(i) {
        match c {
            '%' => return Some(("%", i + 1)),
            '‰' => return Some(("‰", i + 1)),
            '℃' => return Some(("℃", i + 1)),
            _ => {}
        }
    }
    for unit in MULTI_CHAR_UNITS {
        if starts_with(chars, i, unit) {
            let name = match *unit {
                "个百分点" => "百分点",
                "摄氏度" => "℃",
                other => other,
            };
            return Some((name, i + unit.chars().count()));
        }
    }
    let c = *chars.get(i)?;
    // 三成 is 30%; 成为, 成立, 成果 are words.
    if c == '成' {
        let word = chars
            .get(i + 1)
            .is_some_and(|n| "为立功果效本熟长员型就交都绩片群".contains(*n));
        return (!word).then_some(("成", i + 1));
    }
    let at = SINGLE_CHAR_UNITS.find(c)?;
    Some((&SINGLE_CHAR_UNITS[at..at + c.len_utf8()], i + 1))
}

/// A qualifier after the number and unit.
fn suffix_bound(chars: &[char], i: usize) -> Option<(Comparator, usize)> {
    for (word, bound) in [
        ("及以上", Comparator::Ge),
        ("以上", Comparator::Ge),
        ("及以下", Comparator::Le),
        ("以下", Comparator::Le),
        ("以内", Comparator::Le),
        ("左右", Comparator::Approx),
        ("上下", Comparator::Approx),
    ] {
        if starts_with(chars, i, word) {
            return Some((bound, i + word.chars().count()));
        }
    }
    None
}

/// A qualifier before the number, ending at `end`. 上 (上万) and 过 (过百) qualify only a
/// bare magnitude: before digits they are other words (线上, 通过).
fn prefix_bound(chars: &[char], end: usize, bare_magnitude: bool) -> Option<(Comparator, usize)> {
    for (word, bound) in [
        ("不少于", Comparator::Ge),
        ("不低于", Comparator::Ge),
        ("不小于", Comparator::Ge),
        ("至少", Comparator::Ge),
        ("不超过", Comparator::Le),
        ("不高于", Comparator::Le),
        ("不多于", Comparator::Le),
        ("不大于", Comparator::Le),
        ("最多", Comparator::Le),
        ("超过", Comparator::Gt),
        ("高于", Comparator::Gt),
        ("多于", Comparator::Gt),
        ("大于", Comparator::Gt),
        ("逾", Comparator::Gt),
        ("超", Comparator::Gt),
        ("低于", Comparator::Lt),
        ("少于", Comparator::Lt),
        ("小于", Comparator::Lt),
        ("不足", Comparator::Lt),
        ("大约", Comparator::Approx),
        ("将近", Comparator::Approx),
        ("接近", Comparator::Approx),
        ("约", Comparator::Approx),
        ("近", Comparator::Approx),
    ] {
        if ends_with(chars, end, word) {
            return Some((bound, end - word.chars().count()));
        }
    }
    if bare_magnitude {
        for (word, bound) in [("上", Comparator::Ge), ("过", Comparator::Gt)] {
            if ends_with(chars, end, word) {
                return Some((bound, end - 1));
            }
        }
    }
    None
}

const RANGE_SEPARATORS: &[char] = &['—', '–', '-', '~', '〜', '至', '到'];

/// Percentages and per-mille written in words: the unit comes first.
const PERCENT_WORDS: [(&str, &str); 3] = [("百分之", "%"), ("千分之", "‰"), ("万分之", "‱")];

fn read_at(chars: &[char], i: usize, floor: usize) -> Step {
    let c = chars[i];
    // Most chars of a text start nothing: answer them before any list of words is tried.
    if !may_start_quantity(c) {
        return Step::Nothing;
    }
    if let Some(word) = IDIOMS_OF_MULTITUDE
        .iter()
        .find(|w| starts_with(chars, i, w))
    {
        return Step::Skip(i + word.chars().count());
    }
    for (word, unit) in PERCENT_WORDS {
        if starts_with(chars, i, word) {
            let at = i + 3;
            return match any_number(chars, at) {
                Some((value, max, end)) => finish(
                    chars,
                    floor,
                    Core {
                        percent_word: Some(word),
                        ..Core::new(at, value, max, end, true, Some(unit))
                    }
                    .led_by(i),
                ),
                None => Step::Skip(at),
            };
        }
    }
    if c == '第' {
        return read_ordinal(chars, i);
    }
    // 一半 is half, but not in 统一半导体, 单一半成品, 一半岛.
    let half_word = || {
        (i > 0 && WORD_BEFORE_YI.contains(chars[i - 1]))
            || chars.get(i + 2).is_some_and(|&n| "导成岛径壁".contains(n))
    };
    if starts_with(chars, i, "一半") && !half_word() {
        return finish(
            chars,
            floor,
            Core {
                kind: QuantityKind::Fraction,
                ..Core::new(i, 0.5, None, i + 2, true, Some(""))
            },
        );
    }
    if let Some(number_at) = sign(chars, i) {
        return if chars[number_at].is_ascii_digit() {
            read_arabic(chars, number_at, i, floor)
        } else {
            read_chinese(chars, number_at, i, floor)
        };
    }
    if matches!(c, '数' | '几') && chars.get(i + 1).copied().is_some_and(is_magnitude) {
        return read_vague(chars, i, floor);
    }
    let previous = i.checked_sub(1).map(|p| chars[p]);
    if c.is_ascii_digit() {
        if previous.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.' || p == '+') {
            return Step::Skip(arabic_end(chars, i));
        }
        // The tail of an identifier: GB/T 19001-2016, 8888-6666.
        if previous == Some('-') && i >= 2 && chars[i - 2].is_ascii_alphanumeric() {
            return Step::Skip(arabic_end(chars, i));
        }
        read_arabic(chars, i, i, floor)
    } else if is_cn_numeral(c) {
        if previous.is_some_and(is_cn_numeral) {
            return Step::Nothing;
        }
        read_chinese(chars, i, i, floor)
    } else {
        Step::Nothing
    }
}

/// Whether [`read_at`] can find or skip anything at a char: a digit or numeral, a sign
/// (-, −, +, 负, 零下), 第, 数 or 几, or the first char of an idiom of multitude (成千上万).
/// Every branch of `read_at` begins with one of these.
fn may_start_quantity(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(c, '第' | '成' | '数' | '几' | '负' | '-' | '−' | '+')
        || is_cn_numeral(c)
}

/// 十, 百, 千, 万, 亿: a magnitude that can stand for 一十, 一百 … after 数, 几, 逾, 近.
fn is_magnitude(c: char) -> bool {
    small_unit(c).is_some() || big_unit(c).is_some()
}

/// A sign at `i` and where its number starts: -2000, − (U+2212) and +5% before digits,
/// 负 before a number (负十五, 负5%), 零下 (零下五摄氏度: below zero is negative). A hyphen
/// or plus after a number, a letter or a closing bracket joins (3-5, 0769-2283,
/// GB/T 1-2016, 1+1+9).
fn sign(chars: &[char], i: usize) -> Option<usize> {
    let is_number_at = |k: usize| {
        chars
            .get(k)
            .is_some_and(|&n| n.is_ascii_digit() || digit(n).is_some() || n == '十')
    };
    match chars[i] {
        '-' | '−' | '+' if chars.get(i + 1).is_some_and(char::is_ascii_digit) => {
            let joins = prev_non_space(chars, i).is_some_and(|b| {
                let b = chars[b];
                b.is_ascii_alphanumeric() || is_cn_numeral(b) || ".)]）】〕%‰-—–~".contains(b)
            });
            (!joins).then_some(i + 1)
        }
        '负' if is_number_at(i + 1) => {
            let word = i > 0 && WORD_BEFORE_FU.contains(chars[i - 1]);
            (!word).then_some(i + 1)
        }
        '零' if chars.get(i + 1) == Some(&'下') && is_number_at(i + 2) => Some(i + 2),
        _ => None,
    }
}

fn arabic_end(chars: &[char], i: usize) -> usize {
    let mut j = i;
    while chars
        .get(j)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '.')
    {
        j += 1;
    }
    j
}

/// ASCII chars that can make up an e-mail address or a URL.
fn is_address_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._-@/:%?=&#~+".contains(c)
}

/// The end of the e-mail address or URL that the char at `i` is part of, if it is:
/// zhengce2019@163.com, http://www.gov.cn/…/content_5388.htm, www.gd12345.gov.cn.
fn address_end(chars: &[char], i: usize) -> Option<usize> {
    let mut a = i;
    while a > 0 && is_address_char(chars[a - 1]) {
        a -= 1;
    }
    let mut b = i;
    while b < chars.len() && is_address_char(chars[b]) {
        b += 1;
    }
    let token = &chars[a..b];
    let holds = |word: &str| {
        let word: Vec<char> = word.chars().collect();
        token.windows(word.len()).any(|w| w == word.as_slice())
    };
    (token.contains(&'@') || holds("://") || holds("www.")).then_some(b)
}

/// Digits joined by hyphens or colons from `end` on: the rest of a phone number, a date
/// or a time. Returns where the chain ends, how many joins it has, and whether a group
/// after a join starts with 0 (2019-05, 010-6).
fn joined_groups(chars: &[char], end: usize) -> (usize, usize, bool) {
    let (mut j, mut joins, mut zero_led) = (end, 0, false);
    while matches!(chars.get(j), Some('-' | ':'))
        && chars.get(j + 1).is_some_and(char::is_ascii_digit)
    {
        zero_led |= chars[j + 1] == '0';
        joins += 1;
        j += 1;
        while chars.get(j).is_some_and(char::is_ascii_digit) {
            j += 1;
        }
    }
    (j, joins, zero_led)
}

/// The number part, before units and qualifiers.
struct Core {
    /// Where the quantity starts: the number, or a sign or word before it (负, 数, 百分之).
    lead: usize,
    /// Where the digits or numerals start.
    start: usize,
    value: f64,
    max: Option<f64>,
    end: usize,
    chinese: bool,
    /// A unit already implied by the words (百分之 → %, X分之Y → none).
    unit: Option<&'static str>,
    /// 百分之 …: the word may be written again after a range separator.
    percent_word: Option<&'static str>,
    kind: QuantityKind,
    /// A qualifier already read before the number (数百 → more than).
    bound: Option<Comparator>,
    approximate: bool,
    /// A magnitude without a digit (逾百, 上万).
    bare_magnitude: bool,
    negative: bool,
    /// Only a quantity with a unit is one (数十 alone is a word).
    needs_unit: bool,
}

impl Core {
    fn new(
        start: usize,
        value: f64,
        max: Option<f64>,
        end: usize,
        chinese: bool,
        unit: Option<&'static str>,
    ) -> Core {
        Core {
            lead: start,
            start,
            value,
            max,
            end,
            chinese,
            unit,
            percent_word: None,
            kind: QuantityKind::Amount,
            bound: None,
            approximate: false,
            bare_magnitude: false,
            negative: false,
            needs_unit: false,
        }
    }

    /// The quantity starts at `lead`, before its number; a minus sign there negates it.
    fn led_by(mut self, lead: usize) -> Core {
        self.lead = lead;
        self
    }
}

/// 第 and a number: a rank (第三, 第5次, 第十四个五年规划), with the measure word after it.
fn read_ordinal(chars: &[char], i: usize) -> Step {
    let k = skip_spaces(chars, i + 1);
    let Some(&c) = chars.get(k) else {
        return Step::Nothing;
    };
    let (value, end, chinese) = if c.is_ascii_digit() {
        match arabic_number(chars, k) {
            Some((value, end, _, _)) => (value, end, false),
            None => return Step::Nothing,
        }
    } else if is_cn_numeral(c) {
        let end = cn_run_end(chars, k);
        match chinese_integer(&expand_tens(&chars[k..end])) {
            Some(value) => (value, end, true),
            None => return Step::Skip(end),
        }
    } else {
        return Step::Nothing;
    };
    if value.fract() != 0.0 || NOT_ORDINALS.iter().any(|w| starts_with(chars, i, w)) {
        return Step::Skip(end);
    }
    let after = skip_spaces(chars, end);
    if starts_with(chars, after, "号") {
        return Step::Skip(after + 1); // 国务院令第588号: a serial number, not a rank
    }
    let measure = ORDINAL_MEASURE_WORDS
        .iter()
        .find(|w| starts_with(chars, after, w))
        .map(|w| (*w, after + w.chars().count()));
    let (unit, unit_end) = match measure.or_else(|| unit_at(chars, after)) {
        Some((u, e)) if !matches!(u, "%" | "‰" | "成") => (u.to_owned(), e),
        _ => (String::new(), end),
    };
    Step::Found(Found {
        start: i,
        end: unit_end,
        number_start: k,
        value,
        max: None,
        unit,
        bound: Comparator::Eq,
        kind: QuantityKind::Ordinal,
        approximate: false,
        chinese,
    })
}

/// 数 or 几 before a magnitude: 数百家, 几十个, 数十万人次. More than the magnitude, and vague.
fn read_vague(chars: &[char], i: usize, floor: usize) -> Step {
    let end = cn_run_end(chars, i + 1);
    let mut run = vec!['一'];
    run.extend_from_slice(&chars[i + 1..end]);
    let Some(value) = chinese_integer(&run) else {
        return Step::Skip(end);
    };
    finish(
        chars,
        floor,
        Core {
            bound: Some(Comparator::Gt),
            approximate: true,
            needs_unit: true,
            ..Core::new(i + 1, value, None, end, true, None).led_by(i)
        },
    )
}

/// An Arabic number whose digits start at `i`; the quantity starts at `lead` (a sign).
fn read_arabic(chars: &[char], i: usize, lead: usize, floor: usize) -> Step {
    let Some((value, end, int_digits, leading_zero)) = arabic_number(chars, i) else {
        return Step::Nothing;
    };
    if let Some(end) = address_end(chars, i) {
        return Step::Skip(end);
    }
    let skip = Step::Skip(arabic_end(chars, i).max(end));
    let before = prev_non_space(chars, i);
    let before_char = before.map(|b| chars[b]);
    // Standard and model names: ISO9001, ISO 9001, GB/T 9704, 5G, 1+1+9.
    let signed = lead < i;
    if !signed
        && before_char.is_some_and(|p| p.is_ascii_alphabetic() || p == '/' || p == '+')
        && before.is_some_and(|b| i - b <= 2)
    {
        return skip;
    }
    let next = chars.get(end).copied();
    // A fraction: 2/3 (but not a date, 2019/5/1).
    if next == Some('/') && lead == i && !leading_zero && value.fract() == 0.0 {
        if let Some((denominator, after, _, false)) = arabic_number(chars, end + 1) {
            let more = chars
                .get(after)
                .is_some_and(|&n| n == '/' || n == '.' || n.is_ascii_alphanumeric());
            if !more && denominator.fract() == 0.0 && value < denominator {
                return finish(
                    chars,
                    floor,
                    Core {
                        kind: QuantityKind::Fraction,
                        ..Core::new(i, value / denominator, None, after, false, Some(""))
                    },
                );
            }
        }
    }
    if next.is_some_and(|n| n.is_ascii_alphabetic() || n == '+' || n == '/') {
        return skip;
    }
    // Section and version numbers: 3.1.2, 1.2.3; dates 2019.05.01.
    if next == Some('.') && chars.get(end + 1).is_some_and(char::is_ascii_digit) {
        return skip;
    }
    // Times and ratios (9:30, 1:1), dates and phone numbers (2019-05-01, 400-123-4567).
    let (chain_end, joins, zero_led) = joined_groups(chars, end);
    if next == Some(':') && joins > 0 || joins >= 2 || zero_led {
        return Step::Skip(chain_end);
    }
    if leading_zero {
        return skip; // telephone numbers, postcodes, serials
    }
    // 文号 years in brackets, and the number after them: 〔2018〕38号.
    if before_char.is_some_and(|p| matches!(p, '〔' | '[' | '【' | '〖' | '（' | '('))
        && matches!(
            chars.get(skip_spaces(chars, end)),
            Some('〕' | ']' | '】' | '〗' | '）' | ')')
        )
    {
        return skip;
    }
    // A list label at the start of a line: 1． 1、 1)
    let at_line_start = before.is_none_or(|b| chars[b] == '\n');
    if at_line_start
        && matches!(next, Some('.' | '、' | ')'))
        && !chars.get(end + 1).is_some_and(char::is_ascii_digit)
    {
        return skip;
    }
    let after = skip_spaces(chars, end);
    if starts_with(chars, after, "号") {
        return skip;
    }
    let core = Core {
        negative: lead < i && chars[lead] != '+',
        ..Core::new(i, value, None, end, false, None).led_by(lead)
    };
    match finish(chars, floor, core) {
        Step::Found(f) => {
            let bare = f.unit.is_empty() && f.bound == Comparator::Eq;
            // Long bare digit strings are identifiers (postcodes, phone numbers), not
            // amounts: an amount that large is written with a unit or 万. So is a bare
            // number joined to the next by a hyphen that made no range (8888-6666).
            if bare && int_digits >= 6 && value.fract() == 0.0 {
                skip
            } else if bare && f.end == end && joins > 0 {
                Step::Skip(chain_end)
            } else {
                Step::Found(f)
            }
        }
        other => other,
    }
}

/// 零 and an event it counts: 零发生, 零增长 are the count 0, with no unit; 趋零增长 tends
/// to it (approximate). The quantity covers the event, as a unit would be covered.
fn read_zero_event(chars: &[char], i: usize, floor: usize) -> Option<Step> {
    let (_, end) = zero_event(chars, i)?;
    let towards = TOWARDS_ZERO
        .iter()
        .find(|w| ends_with(chars, i, w) && i - w.chars().count() >= floor);
    let start = towards.map_or(i, |w| i - w.chars().count());
    Some(Step::Found(Found {
        start,
        end,
        number_start: i,
        value: 0.0,
        max: None,
        unit: String::new(),
        bound: if towards.is_some() {
            Comparator::Approx
        } else {
            Comparator::Eq
        },
        kind: QuantityKind::Amount,
        approximate: towards.is_some(),
        chinese: true,
    }))
}

/// A run of Chinese numerals starting at `i`; the quantity starts at `lead` (负, 零下).
fn read_chinese(chars: &[char], i: usize, lead: usize, floor: usize) -> Step {
    let end = cn_run_end(chars, i);
    let skip = Step::Skip(end);
    let fraction = starts_with(chars, end, "分之"); // 十分之一 is not 十分
    let mut bare_magnitude = false;
    if small_unit(chars[i]).is_some_and(|u| u > 10.0) || big_unit(chars[i]).is_some() {
        // 百姓, 千方, 万众: a magnitude needs a digit before it, or a word of approach
        // (逾百家, 近千人, 上万人) that makes it a round figure.
        let approached = lead == i
            && i > 0
            && BEFORE_BARE_MAGNITUDE.contains(chars[i - 1])
            && !NOT_BEFORE_BARE_MAGNITUDE
                .iter()
                .any(|w| ends_with(chars, i, w));
        // 千余人, 百多家: a bare magnitude with 余 or 多 after it is a round figure too.
        let more = lead == i && matches!(chars.get(end), Some('余' | '多'));
        if !approached && !more && !fraction {
            return skip;
        }
        bare_magnitude = approached || more;
    }
    if chars[i..end] == ['零'] && lead == i {
        // A lone 零 counts an event (零发生) or is part of a word: 零部件, 零件, 零门槛.
        return read_zero_event(chars, i, floor).unwrap_or(skip);
    }
    if !fraction {
        if let Some(word) = NOT_QUANTITIES.iter().find(|w| starts_with(chars, i, w)) {
            return Step::Skip(i + word.chars().count());
        }
    }
    let mut run = chars[i..end].to_vec();
    if small_unit(run[0]).is_some_and(|u| u > 10.0) || big_unit(run[0]).is_some() {
        run.insert(0, '一'); // 逾百 is 逾一百; 百万分之一 is 一百万分之一
    }
    if run == ['一'] && i > 0 && WORD_BEFORE_YI.contains(chars[i - 1]) {
        return skip;
    }
    let Some((value, max)) = chinese_number(&run) else {
        return skip;
    };
    let core = Core {
        approximate: max.is_some() || bare_magnitude,
        bare_magnitude,
        negative: lead < i,
        ..Core::new(i, value, max, end, true, None).led_by(lead)
    };
    match finish(chars, floor, core) {
        Step::Found(f) => {
            let positional = run
                .iter()
                .any(|&c| small_unit(c).is_some() || big_unit(c).is_some());
            let qualified = f.bound != Comparator::Eq && f.bound != Comparator::Between;
            // A bare range needs a magnitude to be a number: 十七八万, but not 十四五.
            let magnitude = run.iter().any(|&c| big_unit(c).is_some());
            let standalone = positional && run.len() >= 2 && (f.max.is_none() || magnitude);
            // A decimal (三点七) or a signed number (负十五) is a number on its own.
            let decimal = run.contains(&'点');
            let written_alone = standalone || decimal || lead < i;
            if f.unit.is_empty() && f.kind == QuantityKind::Amount && !qualified && !written_alone {
                skip // 三农, 四新: a lone numeral without a unit is a word
            } else {
                Step::Found(f)
            }
        }
        other => other,
    }
}

/// 多, 余, 几 (more than: 500多亿, 三十多万, 十几个) and 来 (about: 二十来家) after a number.
fn vague_after(chars: &[char], j: usize, value: f64) -> Option<(Comparator, usize)> {
    match chars.get(j)? {
        '多' | '余' | '几' => Some((Comparator::Gt, j + 1)),
        // 来 is "about" only after a round number and before a unit: 一来…二来 is not.
        '来' if value % 10.0 == 0.0 && value > 0.0 => {
            let after = skip_spaces(chars, j + 1);
            (unit_at(chars, after).is_some() || multiplier(chars, after).is_some())
                .then_some((Comparator::Approx, j + 1))
        }
        _ => None,
    }
}

/// A smaller magnitude written after the first in Arabic digits: 1亿2000万, 3万5千.
/// Returns the part's value, its magnitude and where it ends.
fn continuation(chars: &[char], j: usize, factor: f64) -> Option<(f64, f64, usize)> {
    let (n, after, _, leading_zero) = arabic_number(chars, j)?;
    if leading_zero || n.fract() != 0.0 {
        return None;
    }
    let (next_factor, end) = match chars.get(after)? {
        '万' => (1e4, after + 1),
        // 千米, 千瓦, 千克 are units, not 千.
        '千' if !chars.get(after + 1).is_some_and(|c| "米瓦克".contains(*c)) => {
            (1e3, after + 1)
        }
        '百' => (1e2, after + 1),
        _ => return None,
    };
    (next_factor < factor).then_some((n * next_factor, next_factor, end))
}

/// Reads what follows a number: 多/余/几/来, multiplier, range, unit, qualifiers; and what
/// precedes it: 超过, 约, 不少于. Rejects dates, times and numbers that are part of names.
fn finish(chars: &[char], floor: usize, core: Core) -> Step {
    let Core {
        lead,
        start,
        mut value,
        mut max,
        end,
        chinese,
        unit: implied_unit,
        percent_word,
        kind,
        bound: bound_before,
        mut approximate,
        bare_magnitude,
        negative,
        needs_unit,
    } = core;
    let mut bound = bound_before.unwrap_or(if max.is_some() {
        Comparator::Between
    } else {
        Comparator::Eq
    });
    let mut j = skip_spaces(chars, end);

    // Dates: 2025年, 二〇二五年, 2021—2025年; 9月17日; 30日 after a month.
    let year_like = value.fract() == 0.0 && (1900.0..=2100.0).contains(&value) && max.is_none();
    if year_like && end - start == 4 {
        if starts_with(chars, j, "年") {
            return Step::Skip(j + 1);
        }
        if let Some(&sep) = chars.get(j).filter(|c| RANGE_SEPARATORS.contains(c)) {
            let k = skip_spaces(chars, j + 1);
            if sep != '到' && sep != '至' || chars.get(k).is_some_and(char::is_ascii_digit) {
                if let Some((second, _, after)) = any_number(chars, k) {
                    if (1900.0..=2100.0).contains(&second) {
                        return Step::Skip(after);
                    }
                }
            }
        }
    }
    if starts_with(chars, j, "月") || starts_with(chars, j, "号") {
        return Step::Skip(j + 1);
    }
    if starts_with(chars, j, "日") {
        let before = prev_non_space(chars, lead);
        if before.is_some_and(|b| chars[b] == '月') {
            return Step::Skip(j + 1);
        }
    }
    // X分之Y: a fraction, the plain ratio Y/X.
    if implied_unit.is_none() && kind == QuantityKind::Amount && starts_with(chars, j, "分之") {
        return match any_number(chars, j + 2) {
            Some((numerator, None, after)) if value > 0.0 => finish(
                chars,
                floor,
                Core {
                    kind: QuantityKind::Fraction,
                    negative,
                    ..Core::new(start, numerator / value, None, after, chinese, Some(""))
                        .led_by(lead)
                },
            ),
            _ => Step::Skip(j + 2),
        };
    }

    let mut unit = implied_unit.map(str::to_owned);
    let mut first_multiplied = false;
    if unit.is_none() {
        let mut vague = None;
        if let Some((b, after)) = vague_after(chars, j, value) {
            vague = Some(b);
            j = skip_spaces(chars, after);
        }
        // Arabic digits take 万/亿 after them; Chinese numerals only after 多 or 几, where
        // the run was broken: 三十多万, 五十几万.
        if !chinese || vague.is_some() {
            if let Some((factor, after)) = multiplier(chars, j) {
                value *= factor;
                max = max.map(|m| m * factor);
                first_multiplied = true;
                j = after;
                let mut last = factor;
                while !chinese && vague.is_none() {
                    let Some((more, factor, after)) = continuation(chars, j, last) else {
                        break;
                    };
                    value += more;
                    last = factor;
                    j = after;
                }
                j = skip_spaces(chars, j);
                if vague.is_none() {
                    if let Some((b, after)) = vague_after(chars, j, value) {
                        vague = Some(b);
                        j = skip_spaces(chars, after);
                    }
                }
            }
        }
        if let Some(b) = vague {
            bound = b;
            approximate = true;
        }
    }

    // The first unit of a range may be written twice: 10%—15%.
    let mut unit_end = None;
    if unit.is_none() {
        if let Some((u, after)) = unit_at(chars, j) {
            unit = Some(u.to_owned());
            unit_end = Some(after);
        }
    }
    if negative {
        (value, max) = match max {
            Some(m) => (-m, Some(-value)),
            None => (-value, None),
        };
    }
    let range_from = skip_spaces(chars, unit_end.unwrap_or(j));
    if max.is_none() && bound == Comparator::Eq {
        if let Some(&sep) = chars
            .get(range_from)
            .filter(|c| RANGE_SEPARATORS.contains(c))
        {
            let mut k = skip_spaces(chars, range_from + 1);
            let doubled = chars.get(range_from + 1) == Some(&sep); // —— is a dash, not a range
                                                                   // 百分之十至百分之十五: the word may be written again.
            let word_again = percent_word.is_some_and(|w| starts_with(chars, k, w));
            if word_again {
                k += 3;
            }
            // -10~-5℃: the second end may be signed too.
            let second_negative = !chinese
                && matches!(chars.get(k), Some('-' | '−'))
                && chars.get(k + 1).is_some_and(char::is_ascii_digit);
            if second_negative {
                k += 1;
            }
            let same_script = if percent_word.is_some() {
                chars
                    .get(k)
                    .is_some_and(|&c| c.is_ascii_digit() || is_cn_numeral(c))
            } else if chinese {
                chars.get(k).copied().is_some_and(is_cn_numeral)
            } else {
                chars.get(k).is_some_and(char::is_ascii_digit)
            };
            if !doubled && same_script {
                if let Some((second, None, after)) = any_number(chars, k) {
                    let mut second = if second_negative { -second } else { second };
                    let mut m = skip_spaces(chars, after);
                    if !chinese && percent_word.is_none() {
                        if let Some((factor, after)) = multiplier(chars, m) {
                            second *= factor;
                            // 1—2万: the magnitude is written once for both ends.
                            if !first_multiplied && unit_end.is_none() {
                                value *= factor;
                            }
                            m = skip_spaces(chars, after);
                        }
                    }
                    let second_unit = if percent_word.is_some() {
                        None
                    } else {
                        unit_at(chars, m)
                    };
                    let compatible = match (&unit, second_unit) {
                        (Some(first), Some((u, _))) => first == u,
                        _ => true,
                    };
                    if compatible && second > value {
                        max = Some(second);
                        bound = Comparator::Between;
                        match second_unit {
                            Some((u, after)) => {
                                unit = Some(u.to_owned());
                                unit_end = Some(after);
                            }
                            None => unit_end = Some(m),
                        }
                        j = m;
                    }
                }
            }
        }
    }
    if let Some(after) = unit_end {
        j = after;
    }
    let mut unit = unit.unwrap_or_default();
    // 一年半, 两天半: a half after a unit of time.
    if max.is_none() && TIME_UNITS.contains(&unit.as_str()) && chars.get(j) == Some(&'半') {
        value += if value < 0.0 { -0.5 } else { 0.5 };
        j += 1;
    }
    if unit == "成" {
        value *= 10.0;
        max = max.map(|m| m * 10.0);
        unit = "%".into();
    }
    if matches!(unit.as_str(), "月" | "号") {
        return Step::Skip(j);
    }
    // Minutes and seconds of a time: 9时30分, 9点30分, 九点五分, 30分15秒. (得分90分 is
    // a score: 分 before a number is not a time.)
    let time_before = match unit.as_str() {
        "分" => "时点",
        "秒" => "时点分",
        _ => "",
    };
    if !time_before.is_empty() {
        let after_hour =
            prev_non_space(chars, lead).is_some_and(|b| time_before.contains(chars[b]));
        if after_hour || chars[start..end].contains(&'点') {
            return Step::Skip(j);
        }
    }
    if needs_unit && unit.is_empty() {
        return Step::Skip(j);
    }

    let mut k = skip_spaces(chars, j);
    // 100 个（项）: an alternative unit in brackets belongs to the quantity.
    if !unit.is_empty() && matches!(chars.get(k), Some('（' | '(')) {
        if let Some((_, after)) = unit_at(chars, k + 1) {
            if matches!(chars.get(after), Some('）' | ')')) {
                k = after + 1;
                j = k;
            }
        }
    }
    let mut qualifier_end = j;
    if let Some((b, after)) = suffix_bound(chars, skip_spaces(chars, j)) {
        if bound == Comparator::Eq {
            bound = b;
        }
        qualifier_end = after;
    } else if matches!(chars.get(j), Some('多' | '余')) && !unit.is_empty() {
        bound = Comparator::Gt;
        approximate = true;
        qualifier_end = j + 1;
    }

    // A number followed by a word that is not a unit is part of a name: 500强, 21世纪.
    // A fraction is not: 五分之一不具有…
    if unit.is_empty() && qualifier_end == j && kind == QuantityKind::Amount {
        let next = chars.get(skip_spaces(chars, j)).copied();
        if next.is_some_and(|n| is_han(n) && !"和及与或、至到等的".contains(n)) {
            return Step::Skip(j);
        }
    }

    let mut first = lead;
    if bound == Comparator::Eq || bound == Comparator::Gt {
        let before = prev_non_space(chars, lead).map_or(0, |b| b + 1);
        if let Some((b, at)) = prefix_bound(chars, before, bare_magnitude) {
            if at >= floor && (bound == Comparator::Eq || b == Comparator::Gt) {
                bound = b;
                first = at;
            }
        }
    }
    Step::Found(Found {
        start: first,
        end: qualifier_end,
        number_start: lead,
        value: round(value),
        max: max.map(round),
        unit,
        bound,
        kind,
        approximate: approximate || bound == Comparator::Approx,
        chinese,
    })
}

/// Removes float noise from scaling (1.2 × 10⁴ = 12000.000000000002).
fn round(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_integers() {
        let cases = [
            ("十二", 12.0),
            ("一百零五", 105.0),
            ("两万亿", 2e12),
            ("一亿二千万", 1.2e8),
            ("二〇二五", 2025.0),
            // 零 holds a place; the 十 after it is 一十.
            ("一万零十五", 10015.0),
            ("十万零三百", 100300.0),
            ("三亿零五十万", 300500000.0),
            ("一千零五", 1005.0),
        ];
        for (text, want) in cases {
            let run: Vec<char> = text.chars().collect();
            assert_eq!(chinese_integer(&run), Some(want), "{text}");
        }
        for text in ["十四五", "十十", "三五"] {
            let run: Vec<char> = text.chars().collect();
            assert_eq!(chinese_integer(&run), None, "{text}");
        }
    }
}
