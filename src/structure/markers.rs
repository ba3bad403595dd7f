//! Numbering markers at the start of a line: 第X编/篇/部分/章/节/条(之一), 一、, （一）, 1．, （1）,
//! 1）, ①. Recognition reads folded text, so （一） and (一), 1． and 1. are one style.
//!
//! This module only says whether a line *starts like* a clause. Whether it really starts
//! one (or is "一、二产业" wrapped onto a new line) depends on its neighbours and is
//! decided by `structure::paragraphs`.
//!
//! ```
//! use zhengce::structure::markers::recognize;
//! use zhengce::model::MarkerStyle;
//! let m = recognize("（二十二）加大质量工作投入。").unwrap();
//! assert_eq!((m.style, m.number, m.label.as_str()), (MarkerStyle::ParenChinese, 22, "（二十二）"));
//! assert!(recognize("98.5%以上").is_none());
//! assert!(recognize("（五）项规定的情形").is_none());
//! ```

use crate::model::MarkerStyle;
use crate::normalize::{fold, is_space};
use crate::structure::numerals::{is_numeral_char, parse_chinese_integer};

/// A recognized label at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub style: MarkerStyle,
    pub number: u32,
    /// The 之一 of 第五条之一.
    pub sub: Option<u32>,
    /// The label as written (（一）, 1．, 第三条之一).
    pub label: String,
    /// Chars the label occupies, including the spaces after it.
    pub consumed: usize,
}

/// Largest number accepted in a bare label: beyond this a "label" is a year or a quantity.
const MAX_LABEL_NUMBER: u64 = 999;
/// 第X条 is framed by 第…条, so it may go further (the Civil Code has 1,260 articles).
const MAX_DI_NUMBER: u64 = 9999;

/// Chars that, right after a bracketed number, make it a cross-reference: 第（五）项,
/// （一）款.
const CROSS_REFERENCE_AFTER_PAREN: &[char] = &['项', '款', '条', '目'];

/// Chars that, right after 第X条/章, make it a reference to one: 第五条规定, 第三章的.
const CROSS_REFERENCE_AFTER_DI: &[char] = &[
    '规', '的', '、', '至', '和', '或', '所', '款', '项', '第', '，', ',', '。', '及', '与', '中',
];

/// Recognizes a marker at the start of `content` (leading whitespace already removed).
/// A label spaced out char by char ("第 一 条", "（ 一 ）", as letter-spaced PDF text
/// comes out) is read as written without its spaces.
pub fn recognize(content: &str) -> Option<Marker> {
    // Most lines cannot start a label: they are answered before anything is copied.
    let first = fold(content.chars().next()?);
    if !(first == '第' || first == '(' || ('①'..='⑳').contains(&first) || is_numeral_char(first))
    {
        return None;
    }
    let (chars, source_at) = compact_label(content);
    let (style, number, sub, compact_len) = match *chars.first()? {
        '第' => di_marker(&chars)?,
        '(' => paren_marker(&chars)?,
        c @ '①'..='⑳' => (MarkerStyle::Circled, c as u64 - '①' as u64 + 1, None, 1),
        c if c.is_ascii_digit() => arabic_marker(&chars)?,
        c if is_numeral_char(c) && !c.is_ascii_digit() => chinese_comma_marker(&chars)?,
        _ => return None,
    };
    let max = if chars[0] == '第' {
        MAX_DI_NUMBER
    } else {
        MAX_LABEL_NUMBER
    };
    if number == 0 || number > max {
        return None;
    }
    let label_len = source_at[compact_len - 1] + 1;
    let spaces = content
        .chars()
        .skip(label_len)
        .take_while(|&c| is_space(c))
        .count();
    Some(Marker {
        style,
        number: number as u32,
        sub,
        label: content
            .chars()
            .take(label_len)
            .filter(|&c| !is_space(c))
            .collect(),
        consumed: label_len + spaces,
    })
}

/// The first 24 chars of `content`, folded, without the spaces that stand between two
/// chars of a label (第 一 条, 一 、, （ 一 ）); and for each, its index in `content`. A
/// space after the label stays: "第五条 规划…" is an article, "第五条规定" a reference,
/// and so does one before 第, which only opens a label.
fn compact_label(content: &str) -> (Vec<char>, Vec<usize>) {
    let is_label_char = |c: char| is_numeral_char(c) || "第编篇部分章节条之、.()".contains(c);
    let folded: Vec<char> = content.chars().take(48).map(fold).collect();
    let (mut chars, mut source_at) = (Vec::with_capacity(24), Vec::with_capacity(24));
    for (i, &c) in folded.iter().enumerate() {
        if chars.len() == 24 {
            break;
        }
        if is_space(c) {
            let between_label_chars = chars.last().is_some_and(|&p| is_label_char(p))
                && folded[i..]
                    .iter()
                    .find(|&&n| !is_space(n))
                    .is_some_and(|&n| n != '第' && is_label_char(n));
            if between_label_chars {
                continue;
            }
        }
        chars.push(c);
        source_at.push(i);
    }
    (chars, source_at)
}

type Recognized = (MarkerStyle, u64, Option<u32>, usize);

fn numeral_run(chars: &[char], from: usize) -> usize {
    chars[from..]
        .iter()
        .take_while(|&&c| is_numeral_char(c))
        .count()
}

/// 第X编/篇/部分/章/节/条, 第X条之一.
fn di_marker(chars: &[char]) -> Option<Recognized> {
    let run = numeral_run(chars, 1);
    let number = parse_chinese_integer(&chars[1..1 + run].iter().collect::<String>())?;
    let (style, mut len) = match chars.get(1 + run)? {
        '编' => (MarkerStyle::Bian, 2 + run),
        '篇' => (MarkerStyle::Pian, 2 + run),
        '部' if chars.get(2 + run) == Some(&'分') => (MarkerStyle::Bufen, 3 + run),
        '章' => (MarkerStyle::Zhang, 2 + run),
        '节' => (MarkerStyle::Jie, 2 + run),
        '条' => (MarkerStyle::Tiao, 2 + run),
        _ => return None,
    };
    let mut sub = None;
    if style == MarkerStyle::Tiao && chars.get(len) == Some(&'之') {
        let sub_run = numeral_run(chars, len + 1);
        if sub_run > 0 {
            let s: String = chars[len + 1..len + 1 + sub_run].iter().collect();
            sub = parse_chinese_integer(&s).map(|n| n as u32);
            len += 1 + sub_run;
        }
    }
    if chars
        .get(len)
        .is_some_and(|c| CROSS_REFERENCE_AFTER_DI.contains(c))
    {
        return None;
    }
    Some((style, number, sub, len))
}

/// (一) and (1), after folding.
fn paren_marker(chars: &[char]) -> Option<Recognized> {
    let run = numeral_run(chars, 1);
    if run == 0 || chars.get(1 + run) != Some(&')') {
        return None;
    }
    let inner: String = chars[1..1 + run].iter().collect();
    let style = if inner.chars().all(|c| c.is_ascii_digit()) {
        MarkerStyle::ParenArabic
    } else if inner.chars().any(|c| c.is_ascii_digit()) {
        return None;
    } else {
        MarkerStyle::ParenChinese
    };
    // （一）项规定 and （一）款、（二）款 refer to items; （一）项目建设, （一）目标任务 and
    // （三）条件 are headings that merely start with the same char.
    let unit = chars.get(2 + run);
    let after_unit = chars.get(3 + run);
    let reference = unit.is_some_and(|c| CROSS_REFERENCE_AFTER_PAREN.contains(c))
        && after_unit.is_none_or(|c| CROSS_REFERENCE_AFTER_DI.contains(c) || *c == '(');
    if reference {
        return None;
    }
    Some((style, parse_chinese_integer(&inner)?, None, 2 + run))
}

/// 1. 1、 1) — but not 98.5, 2025. or 3—5.
fn arabic_marker(chars: &[char]) -> Option<Recognized> {
    let run = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if run > 3 {
        return None;
    }
    let number: u64 = chars[..run].iter().collect::<String>().parse().ok()?;
    let style = match chars.get(run)? {
        '.' | '、' if !chars.get(run + 1).is_some_and(|c| c.is_ascii_digit()) => {
            MarkerStyle::Arabic
        }
        ')' => MarkerStyle::HalfParenArabic,
        _ => return None,
    };
    Some((style, number, None, run + 1))
}

/// 一、 二十二、 (also 一. from 一．).
fn chinese_comma_marker(chars: &[char]) -> Option<Recognized> {
    let run = numeral_run(chars, 0);
    match chars.get(run)? {
        '、' => {}
        '.' if !chars.get(run + 1).is_some_and(|c| c.is_ascii_digit()) => {}
        _ => return None,
    }
    let inner: String = chars[..run].iter().collect();
    if inner.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((
        MarkerStyle::ChineseComma,
        parse_chinese_integer(&inner)?,
        None,
        run + 1,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use MarkerStyle::*;

    fn style_number(s: &str) -> Option<(MarkerStyle, u32, String)> {
        recognize(s).map(|m| (m.style, m.number, m.label))
    }

    #[test]
    fn every_style() {
        let cases = [
            ("一、总体要求", ChineseComma, 1, "一、"),
            ("五十四、附则", ChineseComma, 54, "五十四、"),
            ("（一）强化", ParenChinese, 1, "（一）"),
            ("(二十二)加大", ParenChinese, 22, "(二十二)"),
            ("（三十一）开展", ParenChinese, 31, "（三十一）"),
            ("1．创新", Arabic, 1, "1．"),
            ("12. 推动", Arabic, 12, "12."),
            ("3、加强", Arabic, 3, "3、"),
            ("（1）企业", ParenArabic, 1, "（1）"),
            ("(12)企业", ParenArabic, 12, "(12)"),
            ("2）企业", HalfParenArabic, 2, "2）"),
            ("③项目", Circled, 3, "③"),
            ("（一）目标任务。选择北京。", ParenChinese, 1, "（一）"),
            ("（二）项目建设", ParenChinese, 2, "（二）"),
            ("（三）条件保障", ParenChinese, 3, "（三）"),
            ("第一编 总则", Bian, 1, "第一编"),
            ("第二篇 坚持创新驱动发展", Pian, 2, "第二篇"),
            ("第二部分　总体要求", Bufen, 2, "第二部分"),
            ("第 一 条 为了加强监管", Tiao, 1, "第一条"),
            ("一 、 总体要求", ChineseComma, 1, "一、"),
            ("（ 二 ）主要任务", ParenChinese, 2, "（二）"),
            ("第五条 规划编制应当", Tiao, 5, "第五条"),
            ("第五条 第三条规定的", Tiao, 5, "第五条"),
            ("第三章　监督管理", Zhang, 3, "第三章"),
            ("第二节 标准", Jie, 2, "第二节"),
            ("第二十一条　本条例", Tiao, 21, "第二十一条"),
            ("第12条 本办法", Tiao, 12, "第12条"),
            ("第一千二百六十条　本法", Tiao, 1260, "第一千二百六十条"),
            ("一．总体", ChineseComma, 1, "一．"),
        ];
        for (text, style, number, label) in cases {
            assert_eq!(
                style_number(text),
                Some((style, number, label.to_string())),
                "{text}"
            );
        }
    }

    #[test]
    fn tiao_zhi_yi() {
        let m = recognize("第五条之一　新增").unwrap();
        assert_eq!((m.style, m.number, m.sub), (Tiao, 5, Some(1)));
        assert_eq!(m.label, "第五条之一");
        assert_eq!(m.consumed, 6);
    }

    #[test]
    fn look_alikes_are_not_markers() {
        for text in [
            "98.5%以上",
            "2025.",
            "2025年，全省",
            "3—5 年努力",
            "3 号），充分发挥",
            "1.5倍",
            "（二○○四年十月）",
            "（2020年9月）",
            "（五）项规定",
            "（一）款所列",
            "第五条规定的",
            "第三章的要求",
            "一切从实际出发",
            "十字路口",
            "第一，要坚持",
            "(注：无)",
            "1000.以上",
            "（）空",
        ] {
            assert_eq!(recognize(text), None, "{text}");
        }
    }
}
