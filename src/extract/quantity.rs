//! Quantities: every number written in a text, with its value, unit, qualifier and place.
//!
//! Policy texts write numbers in Arabic digits (98.5%, 12 万家), in Chinese numerals
//! (二十二项, 两万, 一百零五, 壹贰叁), in words (百分之九十, 千分之五, 三分之一, 三成), with
//! ranges (3—5 年, 十七八万) and qualifiers (以上, 左右, 超过, 500多亿), and with spaces inside
//! from PDF extraction ("9 项以上"). They also write digits and numerals that are not
//! quantities: dates (2025年, 9月17日), 文号 (〔2018〕38号), ordinals (第一), labels, standards
//! and model names (ISO9001, GB/T 9704, 5G), programme names (1+1+9, 500强, 21世纪), and
//! words that merely contain a numeral (一切, 统一部署, 十分, 五角大楼). The scanner reads
//! the first kind and steps over the second.
//!
//! It works on folded chars ([`crate::normalize::fold`]), so full-width digits and signs
//! read like ASCII, and reports offsets in chars of the slice it was given.
//!
//! ```
//! use zhengce::extract::quantity::scan_str;
//! let found = scan_str("到2025年，新增国际标准 9 项以上，覆盖1.2万家企业");
//! assert_eq!(found.len(), 2);
//! assert_eq!((found[0].value, found[0].unit.as_str()), (9.0, "项"));
//! assert_eq!((found[1].value, found[1].unit.as_str()), (12000.0, "家"));
//! ```

use crate::model::Comparator;
use crate::normalize::{fold, is_han};
use crate::structure::numerals::{self, chinese_digit as digit};

/// A quantity found in a slice of chars. Offsets index that slice, end exclusive, and
/// cover the qualifiers written with the number (超过 … 以上).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    /// Where the number itself starts, after any leading qualifier.
    pub number_start: usize,
    pub value: f64,
    pub max: Option<f64>,
    pub unit: String,
    pub bound: Comparator,
    /// The number was written in Chinese numerals.
    pub chinese: bool,
}

/// Scans a string; offsets are in chars of `text`.
pub fn scan_str(text: &str) -> Vec<Found> {
    let chars: Vec<char> = text.chars().map(fold).collect();
    scan(&chars)
}

/// Scans folded chars for quantities, left to right, without overlaps.
pub fn scan(chars: &[char]) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let floor = found.last().map_or(0, |f| f.end);
        match read_at(chars, i, floor) {
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
    digit(c).is_some() || small_unit(c).is_some() || big_unit(c).is_some()
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
    for &c in run {
        if let Some(d) = digit(c) {
            if previous_digit.is_some_and(|p| p != 0) {
                return None;
            }
            previous_digit = Some(d);
            pending = Some(f64::from(d));
            continue;
        }
        previous_digit = None;
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
    Some(total + section + pending.unwrap_or(0.0))
}

/// A Chinese numeral run: an integer, a decimal (三点五), or an approximate range written
/// with two adjacent digits (十七八万 = 17–18万, 三五 = 3–5).
fn chinese_number(run: &[char]) -> Option<(f64, Option<f64>)> {
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

/// 万亿, 亿, 千万, 百万, 万 after an Arabic number (1.2亿, 5000万).
fn multiplier(chars: &[char], i: usize) -> Option<(f64, usize)> {
    for (word, factor) in [
        ("万亿", 1e12),
        ("千万", 1e7),
        ("百万", 1e6),
        ("亿", 1e8),
        ("万", 1e4),
    ] {
        if starts_with(chars, i, word) {
            // 千瓦, 千米 are units, not 千 as a multiplier; 万 before them is.
            return Some((factor, i + word.chars().count()));
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
            _ => {}
        }
    }
    for unit in MULTI_CHAR_UNITS {
        if starts_with(chars, i, unit) {
            let name = match *unit {
                "个百分点" => "百分点",
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
            .is_some_and(|n| "为立功果效本熟长员型就交都绩片".contains(*n));
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

/// A qualifier before the number, ending at `end`.
fn prefix_bound(chars: &[char], end: usize) -> Option<(Comparator, usize)> {
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
    None
}

const RANGE_SEPARATORS: &[char] = &['—', '–', '-', '~', '〜', '至', '到'];

fn read_at(chars: &[char], i: usize, floor: usize) -> Step {
    let c = chars[i];
    for (word, unit, scale) in [
        ("百分之", "%", 1.0),
        ("千分之", "‰", 1.0),
        ("万分之", "‱", 1.0),
    ] {
        if starts_with(chars, i, word) {
            let at = i + 3;
            return match any_number(chars, at) {
                Some((value, max, end)) => finish(
                    chars,
                    i,
                    floor,
                    Core {
                        value: value * scale,
                        max,
                        end,
                        chinese: true,
                        unit: Some(unit),
                    },
                ),
                None => Step::Skip(at),
            };
        }
    }
    let previous = i.checked_sub(1).map(|p| chars[p]);
    if previous == Some('第') {
        let end = if c.is_ascii_digit() {
            arabic_end(chars, i)
        } else {
            cn_run_end(chars, i)
        };
        return Step::Skip(end);
    }
    if c.is_ascii_digit() {
        if previous.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.' || p == '+') {
            return Step::Skip(arabic_end(chars, i));
        }
        read_arabic(chars, i, floor)
    } else if is_cn_numeral(c) {
        if previous.is_some_and(is_cn_numeral) {
            return Step::Nothing;
        }
        read_chinese(chars, i, floor)
    } else {
        Step::Nothing
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

/// The number part, before units and qualifiers.
struct Core {
    value: f64,
    max: Option<f64>,
    end: usize,
    chinese: bool,
    /// A unit already implied by the words (百分之 → %).
    unit: Option<&'static str>,
}

fn read_arabic(chars: &[char], i: usize, floor: usize) -> Step {
    let Some((value, end, int_digits, leading_zero)) = arabic_number(chars, i) else {
        return Step::Nothing;
    };
    let skip = Step::Skip(arabic_end(chars, i).max(end));
    let before = prev_non_space(chars, i);
    let before_char = before.map(|b| chars[b]);
    // Standard and model names: ISO9001, ISO 9001, GB/T 9704, 5G, 1+1+9.
    if before_char.is_some_and(|p| p.is_ascii_alphabetic() || p == '/' || p == '+')
        && before.is_some_and(|b| i - b <= 2)
    {
        return skip;
    }
    let next = chars.get(end).copied();
    if next.is_some_and(|n| n.is_ascii_alphabetic() || n == '+' || n == '/') {
        return skip;
    }
    // Section and version numbers: 3.1.2, 1.2.3.
    if next == Some('.') && chars.get(end + 1).is_some_and(char::is_ascii_digit) {
        return skip;
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
        value,
        max: None,
        end,
        chinese: false,
        unit: None,
    };
    match finish(chars, i, floor, core) {
        Step::Found(f) => {
            // Long bare digit strings are identifiers (postcodes, phone numbers), not
            // amounts: an amount that large is written with a unit or 万.
            let bare = f.unit.is_empty() && f.bound == Comparator::Eq;
            if bare && int_digits >= 6 && value.fract() == 0.0 {
                skip
            } else {
                Step::Found(f)
            }
        }
        other => other,
    }
}

fn read_chinese(chars: &[char], i: usize, floor: usize) -> Step {
    let end = cn_run_end(chars, i);
    let skip = Step::Skip(end);
    if small_unit(chars[i]).is_some_and(|u| u > 10.0) || big_unit(chars[i]).is_some() {
        return skip; // 百姓, 千方, 万众: a magnitude needs a digit before it
    }
    if let Some(word) = NOT_QUANTITIES.iter().find(|w| starts_with(chars, i, w)) {
        return Step::Skip(i + word.chars().count());
    }
    let run = &chars[i..end];
    if run == ['一'] && i > 0 && WORD_BEFORE_YI.contains(chars[i - 1]) {
        return skip;
    }
    let Some((value, max)) = chinese_number(run) else {
        return skip;
    };
    let core = Core {
        value,
        max,
        end,
        chinese: true,
        unit: None,
    };
    match finish(chars, i, floor, core) {
        Step::Found(f) => {
            let positional = run
                .iter()
                .any(|&c| small_unit(c).is_some() || big_unit(c).is_some());
            let qualified = f.bound != Comparator::Eq && f.bound != Comparator::Between;
            // A bare range needs a magnitude to be a number: 十七八万, but not 十四五.
            let magnitude = run.iter().any(|&c| big_unit(c).is_some());
            let standalone = positional && run.len() >= 2 && (f.max.is_none() || magnitude);
            if f.unit.is_empty() && !qualified && !standalone {
                skip // 三农, 四新: a lone numeral without a unit is a word
            } else {
                Step::Found(f)
            }
        }
        other => other,
    }
}

/// Reads what follows a number: 多/余, multiplier, range, unit, qualifiers; and what
/// precedes it: 超过, 约, 不少于. Rejects dates and numbers that are part of names.
fn finish(chars: &[char], start: usize, floor: usize, core: Core) -> Step {
    let Core {
        mut value,
        mut max,
        end,
        chinese,
        unit: implied_unit,
    } = core;
    let mut bound = if max.is_some() {
        Comparator::Between
    } else {
        Comparator::Eq
    };
    let mut j = skip_spaces(chars, end);

    // Dates: 2025年, 二〇二五年, 2021—2025年; 9月17日; 30日 after a month.
    let year_like = value.fract() == 0.0 && (1900.0..=2100.0).contains(&value) && max.is_none();
    if year_like && (end - start == 4) {
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
        let before = prev_non_space(chars, start);
        if before.is_some_and(|b| chars[b] == '月') {
            return Step::Skip(j + 1);
        }
    }
    // X分之Y: a fraction, as a percentage.
    if implied_unit.is_none() && starts_with(chars, j, "分之") {
        return match any_number(chars, j + 2) {
            Some((numerator, None, after)) if value > 0.0 => finish(
                chars,
                start,
                floor,
                Core {
                    value: numerator / value * 100.0,
                    max: None,
                    end: after,
                    chinese,
                    unit: Some("%"),
                },
            ),
            _ => Step::Skip(j + 2),
        };
    }

    let mut unit = implied_unit.map(str::to_owned);
    let mut first_multiplied = false;
    if unit.is_none() {
        if matches!(chars.get(j), Some('多' | '余')) {
            bound = Comparator::Gt;
            j = skip_spaces(chars, j + 1);
        }
        if !chinese {
            if let Some((factor, after)) = multiplier(chars, j) {
                value *= factor;
                max = max.map(|m| m * factor);
                first_multiplied = true;
                j = skip_spaces(chars, after);
                if matches!(chars.get(j), Some('多' | '余')) {
                    bound = Comparator::Gt;
                    j = skip_spaces(chars, j + 1);
                }
            }
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
    let range_from = skip_spaces(chars, unit_end.unwrap_or(j));
    if max.is_none() && bound == Comparator::Eq {
        if let Some(&sep) = chars
            .get(range_from)
            .filter(|c| RANGE_SEPARATORS.contains(c))
        {
            let k = skip_spaces(chars, range_from + 1);
            let doubled = chars.get(range_from + 1) == Some(&sep); // —— is a dash, not a range
            let same_script = if chinese {
                chars.get(k).copied().is_some_and(is_cn_numeral)
            } else {
                chars.get(k).is_some_and(char::is_ascii_digit)
            };
            if !doubled && same_script {
                if let Some((second, None, after)) = any_number(chars, k) {
                    let mut second = second;
                    let mut m = skip_spaces(chars, after);
                    if !chinese {
                        if let Some((factor, after)) = multiplier(chars, m) {
                            second *= factor;
                            // 1—2万: the magnitude is written once for both ends.
                            if !first_multiplied && unit_end.is_none() {
                                value *= factor;
                            }
                            m = skip_spaces(chars, after);
                        }
                    }
                    let second_unit = unit_at(chars, m);
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
    if unit == "成" {
        value *= 10.0;
        max = max.map(|m| m * 10.0);
        unit = "%".into();
    }
    if matches!(unit.as_str(), "月" | "号") {
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
        qualifier_end = j + 1;
    }

    // A number followed by a word that is not a unit is part of a name: 500强, 21世纪.
    if unit.is_empty() && qualifier_end == j {
        let next = chars.get(skip_spaces(chars, j)).copied();
        if next.is_some_and(|n| is_han(n) && !"和及与或、至到等的".contains(n)) {
            return Step::Skip(j);
        }
    }

    let mut first = start;
    if bound == Comparator::Eq || bound == Comparator::Gt {
        let before = prev_non_space(chars, start).map_or(0, |b| b + 1);
        if let Some((b, at)) = prefix_bound(chars, before) {
            if at >= floor && (bound == Comparator::Eq || b == Comparator::Gt) {
                bound = b;
                first = at;
            }
        }
    }
    Step::Found(Found {
        start: first,
        end: qualifier_end,
        number_start: start,
        value: round(value),
        max: max.map(round),
        unit,
        bound,
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
