//! Chinese numerals as they appear in clause labels and dates: 一 … 九十九, 一百零五,
//! 两, 〇/零, and Arabic digits. Financial forms (壹贰叁) and magnitudes (万, 亿) are read
//! too, so the quantity parser of the extraction stage can share this.
//!
//! ```
//! use zhengce::structure::numerals::parse_chinese_integer;
//! assert_eq!(parse_chinese_integer("二十二"), Some(22));
//! assert_eq!(parse_chinese_integer("一百零五"), Some(105));
//! assert_eq!(parse_chinese_integer("二〇二〇"), Some(2020));
//! ```

/// The value of a Chinese digit, ordinary or financial (壹贰叁), `〇`/`零` included;
/// Arabic digits are not Chinese digits.
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' | '貳' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn digit(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(c as u64 - '0' as u64),
        '０'..='９' => Some(c as u64 - '０' as u64),
        _ => chinese_digit(c).map(u64::from),
    }
}

/// 十, 百, 千 (and 拾佰仟): units within a 万 section.
pub fn small_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// 万 and 亿 (萬, 億): units that close a section.
pub fn big_unit(c: char) -> Option<u64> {
    Some(match c {
        '万' | '萬' => 10_000,
        '亿' | '億' => 100_000_000,
        _ => return None,
    })
}

/// Reads a whole string as one integer, or `None` if any char is not part of a numeral.
/// A string of digits only (二〇二〇, 2020) is read positionally.
pub fn parse_chinese_integer(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| digit(c).is_some()) {
        return s
            .chars()
            .try_fold(0u64, |acc, c| acc.checked_mul(10)?.checked_add(digit(c)?));
    }
    let mut total = 0u64; // completed 亿/万 sections
    let mut section = 0u64; // below the current big unit
    let mut pending: Option<u64> = None; // a digit waiting for its unit
    for c in s.chars() {
        if let Some(d) = digit(c) {
            pending = Some(d);
        } else if let Some(unit) = small_unit(c) {
            // 十 alone means 一十.
            section = section.checked_add(pending.take().unwrap_or(1).checked_mul(unit)?)?;
        } else if let Some(unit) = big_unit(c) {
            let value = section.checked_add(pending.take().unwrap_or(0))?;
            let value = if value == 0 { 1 } else { value };
            total = total.checked_add(value.checked_mul(unit)?)?;
            section = 0;
        } else {
            return None;
        }
    }
    total
        .checked_add(section)?
        .checked_add(pending.unwrap_or(0))
}

/// Whether `c` can be part of a Chinese numeral in a label.
pub fn is_numeral_char(c: char) -> bool {
    digit(c).is_some() || small_unit(c).is_some()
}

#[cfg(test)]
mod tests {
    use super::parse_chinese_integer as p;

    #[test]
    fn label_numbers() {
        let cases = [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十二", 22),
            ("三十一", 31),
            ("五十四", 54),
            ("九十九", 99),
            ("一百", 100),
            ("一百零五", 105),
            ("一百二十", 120),
            ("两", 2),
            ("两万", 20_000),
            ("一千零一", 1001),
            ("十二万", 120_000),
            ("壹佰贰拾叁", 123),
            ("二〇二〇", 2020),
            ("二○○四", 2004),
            ("12", 12),
        ];
        for (text, want) in cases {
            assert_eq!(p(text), Some(want), "{text}");
        }
    }

    #[test]
    fn not_numerals() {
        for text in ["", "一切", "十字", "abc", "第一"] {
            assert_eq!(p(text), None, "{text}");
        }
    }
}
