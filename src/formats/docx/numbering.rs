//! Word's automatic numbering, drawn back into the labels a reader sees: `numbering.xml`
//! (abstract lists with their levels: `start`, `numFmt`, `lvlText` such as "%1、" or
//! "（%2）", `lvlRestart`, `isLgl`, `suff`; list instances `w:num` with `lvlOverride` and
//! `startOverride`), the numbering a paragraph style carries (`styles.xml`, through
//! `basedOn`), and counters kept in document order as Word keeps them: per abstract list,
//! a level restarting when a higher level is used, a list instance with a start override
//! restarting its levels where it is first used.
//!
//! ```
//! use zhengce::formats::docx::numbering::format_number;
//! assert_eq!(format_number(12, "chineseCounting"), "十二");
//! assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
//! assert_eq!(format_number(105, "ideographDigital"), "一〇五");
//! ```

use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// One level of an abstract list.
#[derive(Debug, Clone, Default)]
struct Level {
    start: i64,
    format: String,
    text: Option<String>,
    /// `lvlRestart`: restart when a level above this one-based index is used; 0 never.
    restart: Option<i64>,
    legal: bool,
    suffix: Suffix,
    /// The paragraph style this level is tied to (`w:pStyle`).
    style: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

#[derive(Debug, Default)]
struct Abstract {
    levels: HashMap<u8, Level>,
    /// `numStyleLink`: the levels live in the list a numbering style points at.
    style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Instance {
    abstract_id: String,
    start_overrides: HashMap<u8, i64>,
    level_overrides: HashMap<u8, Level>,
}

/// The numbering a paragraph style gives its paragraphs.
#[derive(Debug, Default, Clone)]
pub(crate) struct StyleNumbering {
    num_id: Option<String>,
    level: Option<u8>,
    based_on: Option<String>,
}

/// The lists of one document and their counters.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Abstract>,
    instances: HashMap<String, Instance>,
    styles: HashMap<String, StyleNumbering>,
    /// Counters per abstract list, by level; `None` before a level is first used.
    counters: HashMap<String, [Option<i64>; 9]>,
    /// List instances already used (their start overrides applied).
    used: HashSet<String>,
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = a.key.as_ref();
        let local = key.rsplit(|&b| b == b':').next().unwrap_or(key);
        (local == name).then(|| {
            a.unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
    })
}

fn val(e: &BytesStart<'_>) -> Option<String> {
    attr(e, b"val")
}

fn local(e: &BytesStart<'_>) -> Vec<u8> {
    e.local_name().as_ref().to_vec()
}

impl Numbering {
    /// Reads `numbering.xml` and `styles.xml` (either may be missing).
    pub fn parse(numbering: Option<&str>, styles: Option<&str>) -> Numbering {
        let mut out = Numbering::default();
        if let Some(xml) = numbering {
            out.read_numbering(xml);
        }
        if let Some(xml) = styles {
            out.read_styles(xml);
        }
        out
    }

    fn read_numbering(&mut self, xml: &str) {
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut override_level: Option<u8> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(event) => event,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => {
                    let v = val(&e);
                    match local(&e).as_slice() {
                        b"abstractNum" => {
                            abstract_id = attr(&e, b"abstractNumId");
                            if let Some(id) = &abstract_id {
                                self.abstracts.insert(id.clone(), Abstract::default());
                            }
                        }
                        b"num" => {
                            num_id = attr(&e, b"numId");
                            if let Some(id) = &num_id {
                                self.instances.insert(id.clone(), Instance::default());
                            }
                        }
                        b"abstractNumId" => {
                            if let (Some(id), Some(v)) = (&num_id, v) {
                                if let Some(i) = self.instances.get_mut(id) {
                                    i.abstract_id = v;
                                }
                            }
                        }
                        b"lvlOverride" => {
                            override_level = attr(&e, b"ilvl").and_then(|v| v.parse().ok())
                        }
                        b"startOverride" => {
                            if let (Some(id), Some(l), Some(v)) =
                                (&num_id, override_level, v.and_then(|v| v.parse().ok()))
                            {
                                if let Some(i) = self.instances.get_mut(id) {
                                    i.start_overrides.insert(l, v);
                                }
                            }
                        }
                        b"lvl" => {
                            let ilvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                            level = Some((
                                ilvl,
                                Level {
                                    start: 1,
                                    format: "decimal".into(),
                                    ..Level::default()
                                },
                            ));
                        }
                        b"numStyleLink" => {
                            if let Some(a) = abstract_id
                                .as_ref()
                                .and_then(|id| self.abstracts.get_mut(id))
                            {
                                a.style_link = v;
                            }
                        }
                        name => {
                            if let Some((_, l)) = level.as_mut() {
                                match name {
                                    b"start" => {
                                        l.start = v.and_then(|v| v.parse().ok()).unwrap_or(1)
                                    }
                                    b"numFmt" => l.format = v.unwrap_or_else(|| "decimal".into()),
                                    b"lvlText" => l.text = v,
                                    b"lvlRestart" => l.restart = v.and_then(|v| v.parse().ok()),
                                    b"isLgl" => {
                                        l.legal = v.is_none_or(|v| v != "0" && v != "false")
                                    }
                                    b"suff" => {
                                        l.suffix = match v.as_deref() {
                                            Some("space") => Suffix::Space,
                                            Some("nothing") => Suffix::Nothing,
                                            _ => Suffix::Tab,
                                        }
                                    }
                                    b"pStyle" => l.style = v,
                                    _ => {}
                                }
                            }
                        }
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"lvl" => {
                        if let Some((ilvl, l)) = level.take() {
                            if let Some(l_override) = override_level {
                                if let Some(i) =
                                    num_id.as_ref().and_then(|id| self.instances.get_mut(id))
                                {
                                    i.level_overrides.insert(l_override, l);
                                }
                            } else if let Some(a) = abstract_id
                                .as_ref()
                                .and_then(|id| self.abstracts.get_mut(id))
                            {
                                a.levels.insert(ilvl, l);
                            }
                        }
                    }
                    b"abstractNum" => abstract_id = None,
                    b"num" => num_id = None,
                    b"lvlOverride" => override_level = None,
                    _ => {}
                },
                _ => {}
            }
        }
    }

    fn read_styles(&mut self, xml: &str) {
        let mut reader = Reader::from_str(xml);
        let mut style: Option<(String, StyleNumbering)> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(event) => event,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => match local(&e).as_slice() {
                    b"style" => {
                        style = attr(&e, b"styleId").map(|id| (id, StyleNumbering::default()))
                    }
                    b"basedOn" => {
                        if let Some((_, s)) = style.as_mut() {
                            s.based_on = val(&e);
                        }
                    }
                    b"numId" => {
                        if let Some((_, s)) = style.as_mut() {
                            s.num_id = val(&e);
                        }
                    }
                    b"ilvl" => {
                        if let Some((_, s)) = style.as_mut() {
                            s.level = val(&e).and_then(|v| v.parse().ok());
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == b"style" => {
                    if let Some((id, s)) = style.take() {
                        self.styles.insert(id, s);
                    }
                }
                _ => {}
            }
        }
    }

    /// The list and level of a paragraph: its own `w:numPr`, else its style's (through
    /// `basedOn`). `numId` 0 switches numbering off.
    pub(crate) fn resolve(
        &self,
        num_id: Option<&str>,
        level: Option<u8>,
        style: Option<&str>,
    ) -> Option<(String, u8)> {
        let (num_id, level) = match num_id {
            Some(id) => (id.to_owned(), level),
            None => {
                let mut name = style?;
                let mut depth = 0;
                loop {
                    let s = self.styles.get(name)?;
                    if let Some(id) = &s.num_id {
                        let level = level.or(s.level).or_else(|| self.level_of_style(id, name));
                        break (id.clone(), level);
                    }
                    name = s.based_on.as_deref()?;
                    depth += 1;
                    if depth > 20 {
                        return None;
                    }
                }
            }
        };
        (num_id != "0").then_some((num_id, level.unwrap_or(0)))
    }

    /// The level of a list tied to a paragraph style by `w:pStyle`.
    fn level_of_style(&self, num_id: &str, style: &str) -> Option<u8> {
        let abstract_id = &self.instances.get(num_id)?.abstract_id;
        let a = self.abstracts.get(abstract_id)?;
        a.levels
            .iter()
            .find(|(_, l)| l.style.as_deref() == Some(style))
            .map(|(&i, _)| i)
    }

    /// The abstract list of an instance, following a numbering style link.
    fn abstract_of(&self, num_id: &str) -> Option<&str> {
        let mut id = self.instances.get(num_id)?.abstract_id.as_str();
        for _ in 0..5 {
            let a = self.abstracts.get(id)?;
            let Some(link) = &a.style_link else {
                return Some(id);
            };
            let linked = self.styles.get(link)?.num_id.as_deref()?;
            id = self.instances.get(linked)?.abstract_id.as_str();
        }
        Some(id)
    }

    fn level_def(&self, num_id: &str, abstract_id: &str, ilvl: u8) -> Option<Level> {
        if let Some(l) = self.instances.get(num_id)?.level_overrides.get(&ilvl) {
            return Some(l.clone());
        }
        self.abstracts.get(abstract_id)?.levels.get(&ilvl).cloned()
    }

    /// Counts one numbered paragraph and returns its label as drawn, with what follows it
    /// (nothing after Chinese punctuation, else a space for a tab or space suffix).
    /// `None` for bullets and lists without a definition.
    pub(crate) fn next_label(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let ilvl = ilvl.min(8);
        let abstract_id = self.abstract_of(num_id)?.to_owned();
        let level = self.level_def(num_id, &abstract_id, ilvl)?;
        let defs: Vec<Option<Level>> = (0..9)
            .map(|l| self.level_def(num_id, &abstract_id, l))
            .collect();
        let counters = self
            .counters
            .entry(abstract_id.clone())
            .or_insert([None; 9]);
        // Using a level restarts the levels below it (per their lvlRestart).
        for (deeper, def) in defs.iter().enumerate().skip(ilvl as usize + 1) {
            let restart = def.as_ref().and_then(|d| d.restart);
            let restarts = match restart {
                Some(0) => false,
                Some(r) => (ilvl as i64) < r,
                None => true,
            };
            if restarts {
                counters[deeper] = None;
            }
        }
        if self.used.insert(num_id.to_owned()) {
            if let Some(instance) = self.instances.get(num_id) {
                for (&l, &start) in &instance.start_overrides {
                    counters[l.min(8) as usize] = Some(start - 1);
                }
            }
        }
        let value = counters[ilvl as usize].map_or(level.start, |v| v + 1);
        counters[ilvl as usize] = Some(value);
        if level.format == "bullet" {
            return None;
        }
        let counters = *counters;
        let template = level.text.clone().unwrap_or_default();
        let mut label = String::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match digit {
                Some(n @ 1..=9) if c == '%' => {
                    chars.next();
                    let l = (n - 1) as usize;
                    let def = defs[l].as_ref();
                    let v = counters[l].unwrap_or_else(|| def.map_or(1, |d| d.start));
                    let format = if level.legal && l < ilvl as usize {
                        "decimal"
                    } else {
                        def.map_or("decimal", |d| d.format.as_str())
                    };
                    label.push_str(&format_number(v, format));
                }
                _ => label.push(c),
            }
        }
        if label.trim().is_empty() {
            return None;
        }
        let ends_wide = label.chars().last().is_some_and(|c| !c.is_ascii());
        if level.suffix != Suffix::Nothing && !ends_wide {
            label.push(' ');
        }
        Some(label)
    }
}

const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CN_LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// A number drawn in one of Word's `numFmt` formats; formats not drawn here fall back to
/// decimal digits.
pub fn format_number(n: i64, format: &str) -> String {
    if n < 0 {
        return n.to_string();
    }
    let u = n as u64;
    match format {
        "decimalZero" if n < 10 => format!("0{n}"),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => circled(u),
        "decimalEnclosedFullstop" if (1..=20).contains(&u) => {
            char::from_u32(0x2487 + u as u32).map_or(n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&u) => {
            char::from_u32(0x2473 + u as u32).map_or(n.to_string(), String::from)
        }
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "koreanCounting" => chinese_counting(u, &CN_DIGITS, ['十', '百', '千'], '零'),
        "chineseLegalSimplified" | "ideographLegalTraditional" | "japaneseLegal" => {
            chinese_counting(u, &CN_LEGAL, ['拾', '佰', '仟'], '零')
        }
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|c| CN_DIGITS[c.to_digit(10).unwrap_or(0) as usize])
            .collect(),
        "ideographTraditional" if (1..=10).contains(&u) => "甲乙丙丁戊己庚辛壬癸"
            .chars()
            .nth(u as usize - 1)
            .map_or(n.to_string(), String::from),
        "ideographZodiac" if (1..=12).contains(&u) => "子丑寅卯辰巳午未申酉戌亥"
            .chars()
            .nth(u as usize - 1)
            .map_or(n.to_string(), String::from),
        "lowerLetter" | "upperLetter" if u >= 1 => {
            let letter = (b'a' + ((u - 1) % 26) as u8) as char;
            let s = letter.to_string().repeat(((u - 1) / 26 + 1) as usize);
            if format == "upperLetter" {
                s.to_uppercase()
            } else {
                s
            }
        }
        "lowerRoman" | "upperRoman" if (1..4000).contains(&u) => {
            let s = roman(u);
            if format == "lowerRoman" {
                s.to_lowercase()
            } else {
                s
            }
        }
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// ① to ⑳, then ㉑ to ㊿; digits beyond.
fn circled(n: u64) -> String {
    let c = match n {
        1..=20 => char::from_u32(0x2460 + n as u32 - 1),
        21..=35 => char::from_u32(0x3251 + n as u32 - 21),
        36..=50 => char::from_u32(0x32B1 + n as u32 - 36),
        _ => None,
    };
    c.map_or(n.to_string(), String::from)
}

/// Chinese counting as Word draws it: 十, 十一, 二十, 一百零五, 一千零一十.
fn chinese_counting(n: u64, digits: &[char; 10], units: [char; 3], zero: char) -> String {
    if n == 0 {
        return zero.to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let parts = [
        (n / 1000, units[2]),
        ((n / 100) % 10, units[1]),
        ((n / 10) % 10, units[0]),
    ];
    let mut out = String::new();
    let mut pending_zero = false;
    for (d, unit) in parts {
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push(zero);
            pending_zero = false;
        }
        // 十一, not 一十一, when the tens lead.
        if !(unit == units[0] && d == 1 && out.is_empty()) {
            out.push(digits[d as usize]);
        }
        out.push(unit);
    }
    let ones = n % 10;
    if ones > 0 {
        if pending_zero {
            out.push(zero);
        }
        out.push(digits[ones as usize]);
    }
    out
}

fn roman(mut n: u64) -> String {
    const TABLE: [(u64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting_as_word_draws_it() {
        let f = |n| format_number(n, "chineseCounting");
        assert_eq!(
            [
                f(1),
                f(10),
                f(11),
                f(20),
                f(21),
                f(100),
                f(105),
                f(110),
                f(1010)
            ],
            [
                "一",
                "十",
                "十一",
                "二十",
                "二十一",
                "一百",
                "一百零五",
                "一百一十",
                "一千零一十"
            ]
        );
        assert_eq!(format_number(12, "chineseLegalSimplified"), "拾贰");
        assert_eq!(format_number(21, "decimalEnclosedCircle"), "㉑");
        assert_eq!(format_number(3, "decimalFullWidth"), "３");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn numbering() -> Numbering {
        let xml = format!(
            r#"<w:numbering {W}>
            <w:abstractNum w:abstractNumId="7">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl>
              <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
              <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="0"/><w:lvlText w:val="（%4）"/></w:lvl>
              <w:lvl w:ilvl="4"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
            </w:numbering>"#
        );
        let styles = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/></w:style></w:styles>"#
        );
        Numbering::parse(Some(&xml), Some(&styles))
    }

    #[test]
    fn levels_count_restart_and_override() {
        let mut n = numbering();
        let mut label = |id: &str, l| n.next_label(id, l).unwrap_or_default();
        assert_eq!(label("1", 0), "一、");
        assert_eq!(label("1", 1), "（一）");
        assert_eq!(label("1", 2), "1. ");
        assert_eq!(label("1", 2), "2. ");
        assert_eq!(label("1", 3), "（1）");
        assert_eq!(label("1", 1), "（二）");
        assert_eq!(label("1", 2), "1. ");
        // lvlRestart 0: never restarts.
        assert_eq!(label("1", 3), "（2）");
        assert_eq!(label("1", 0), "二、");
        assert_eq!(label("1", 1), "（一）");
        // Another instance of the same list continues it, unless it overrides the start.
        assert_eq!(label("2", 1), "（五）");
        assert_eq!(label("2", 1), "（六）");
        assert_eq!(label("1", 0), "三、");
        assert_eq!(n.next_label("1", 4), None);
    }

    #[test]
    fn numbering_comes_from_the_style_chain() {
        let n = numbering();
        assert_eq!(n.resolve(None, None, Some("H1b")), Some(("1".into(), 0)));
        assert_eq!(n.resolve(Some("0"), None, Some("H1b")), None);
        assert_eq!(n.resolve(None, None, Some("Normal")), None);
    }
}
