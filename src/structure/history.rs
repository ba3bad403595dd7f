//! A law's or regulation's adoption note → its history: one entry per dated event
//! ("1993年12月29日第八届全国人民代表大会常务委员会第五次会议通过", "根据2018年…《关于修改…的
//! 决定》第二次修正", "2018年12月18日中华人民共和国国务院令第707号第四次修订"), each with the
//! body that acted and the order or decision it acted by. The document's issuer and date
//! are those of the latest event that made the text (adoption, amendment, revision,
//! promulgation, approval; not the day it took effect).
//!
//! ```text
//! （2019年11月29日××省第十三届人民代表大会常务委员会第十五次会议通过　2022年3月31日…修正）
//!   → adopted 2019-11-29 by ××省人民代表大会常务委员会, amended 2022-03-31 by …
//! ```

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{HistoryEntry, HistoryEvent};
use crate::structure::numerals::parse_chinese_integer;

/// A date as notes write it: 2019年11月29日, 一九九四年一月二十八日.
static NOTE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日")
        .unwrap()
});

/// The event words of a note entry. Checked in order: 修订通过 is a revision.
const EVENTS: [(&str, HistoryEvent); 10] = [
    ("修订", HistoryEvent::Revised),
    ("修正", HistoryEvent::Amended),
    ("修改", HistoryEvent::Amended),
    ("通过", HistoryEvent::Adopted),
    ("批准", HistoryEvent::Approved),
    ("公布", HistoryEvent::Promulgated),
    ("发布", HistoryEvent::Promulgated),
    ("颁布", HistoryEvent::Promulgated),
    ("印发", HistoryEvent::Promulgated),
    ("施行", HistoryEvent::Effective),
];

/// An order that promulgates a text: 中华人民共和国国务院令第707号, 广东省人民政府令第210号,
/// 商务部令2019年第1号.
static ORDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<issuer>[\p{Han}]{2,30}?)令\s*(?:[（(]?\d{4}年[）)]?)?\s*第\s*[0-9一二三四五六七八九十百零〇]+\s*号")
        .unwrap()
});

/// Session numbers of a body: 第十三届, 第十五次会议, 第23次常务会议, 第九次全体会议.
static SESSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第[0-9一二三四五六七八九十百零〇]+届|第[0-9一二三四五六七八九十百零〇]+次(?:常务|全体)?会议|(?:常务|全体)会议$|会议$")
        .unwrap()
});

/// What an entry says before its event word, once the date is read: a body, perhaps
/// with the instrument it acted by.
static INSTRUMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"《[^》]*》").unwrap());

/// "X关于…" in an instrument's title: X acted.
static ISSUER_OF_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^《(?P<issuer>[\p{Han}、]{2,40}?)关于").unwrap());

/// Whether text (a line, or a paragraph in parentheses) reads as an adoption note: it
/// opens with a date (or 根据 and a date), names an event, and holds no sentence.
pub(crate) fn is_note_start(text: &str) -> bool {
    let inner = text.trim_start_matches(['（', '(', ' ', '　']);
    let inner = inner.strip_prefix("根据").unwrap_or(inner);
    let Some(date) = NOTE_DATE.find(inner) else {
        return false;
    };
    date.start() == 0
        && !outside_titles(text).contains(['。', '，', ','])
        && parse(text).iter().any(|e| {
            e.instrument.is_some() || e.body.as_deref().is_some_and(|b| ACTING_BODY.is_match(b))
        })
}

/// The end of a body's name that can adopt or amend a text: not "起" of "2019年1月1日起施行".
static ACTING_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:人民代表大会|委员会|常委会|国务院|人民政府|政府|中央|办公厅|办公室|部|局|委|署|院|会)$")
        .unwrap()
});

/// Text with the contents of 《》 removed, so words inside titles are not read as events.
fn outside_titles(text: &str) -> String {
    INSTRUMENT.replace_all(text, "《》").into_owned()
}

/// Reads the entries of a note. Text between dates belongs to the date before it; a
/// date inside 《》 is part of a title, not an entry.
pub(crate) fn parse(note: &str) -> Vec<HistoryEntry> {
    let inside_title = |at: usize| {
        let before = &note[..at];
        before.matches('《').count() > before.matches('》').count()
    };
    let dates: Vec<regex::Captures> = NOTE_DATE
        .captures_iter(note)
        .filter(|c| !inside_title(c.get(0).unwrap().start()))
        .collect();
    let mut entries = Vec::new();
    for (i, caps) in dates.iter().enumerate() {
        let whole = caps.get(0).unwrap();
        let end = dates
            .get(i + 1)
            .map_or(note.len(), |next| next.get(0).unwrap().start());
        let Some(date) = note_date(caps) else {
            continue;
        };
        let after = clean_entry(&note[whole.end()..end]);
        let effective_form = note[..whole.start()].ends_with('自');
        let text = format!(
            "{}{}",
            if effective_form { "自" } else { "" },
            clean_entry(&note[whole.start()..end])
        );
        if let Some(entry) = read_entry(date, &after, text, effective_form) {
            entries.push(entry);
        }
    }
    entries
}

/// One entry from what follows its date.
fn read_entry(
    date: String,
    after: &str,
    text: String,
    effective_form: bool,
) -> Option<HistoryEntry> {
    let plain = outside_titles(after);
    let (event, at) = if effective_form {
        (
            HistoryEvent::Effective,
            plain.find("施行").unwrap_or(plain.len()),
        )
    } else {
        EVENTS
            .iter()
            .find_map(|(word, event)| plain.find(word).map(|at| (*event, at)))?
    };
    // The part before the event word, in the original text (titles restored).
    let head = head_before(after, &plain[..at]);
    let instrument = ORDER
        .find(head)
        .map(|m| m.as_str().to_string())
        .or_else(|| decision(head));
    let body = body_of(head, instrument.as_deref());
    Some(HistoryEntry {
        date,
        event,
        body,
        instrument,
        text,
    })
}

/// The prefix of `after` that corresponds to `plain_prefix` (the same text with title
/// contents removed).
fn head_before<'a>(after: &'a str, plain_prefix: &str) -> &'a str {
    let mut depth = 0usize;
    let mut plain_chars = plain_prefix.chars().count();
    for (at, c) in after.char_indices() {
        if plain_chars == 0 && depth == 0 {
            return &after[..at];
        }
        match c {
            '《' => {
                if depth == 0 {
                    plain_chars = plain_chars.saturating_sub(1);
                }
                depth += 1;
            }
            '》' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    plain_chars = plain_chars.saturating_sub(1);
                }
            }
            _ if depth == 0 => plain_chars = plain_chars.saturating_sub(1),
            _ => {}
        }
    }
    after
}

/// The decision an entry's head names: from 关于 or the first 《 to the end, without a
/// trailing ordinal (第一次).
fn decision(head: &str) -> Option<String> {
    let start = [head.find('《'), head.find("关于")]
        .into_iter()
        .flatten()
        .min()?;
    let named = ORDINAL_SUFFIX.replace(head[start..].trim(), "");
    (!named.is_empty()).then(|| named.into_owned())
}

/// The ordinal of an amendment: 第一次, 第3次.
static ORDINAL_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*第[0-9一二三四五六七八九十]+次$").unwrap());

/// The acting body of an entry's head: a meeting without its session numbers, the
/// issuer of an order, or the issuer named in the instrument's title.
fn body_of(head: &str, instrument: Option<&str>) -> Option<String> {
    if let Some(caps) = instrument.and_then(|i| ORDER.captures(i)) {
        return Some(canonical_body(&caps["issuer"]));
    }
    let before_instrument = match instrument {
        Some(i) => head.split(i).next().unwrap_or(head),
        None => head,
    };
    let before_instrument = before_instrument
        .split("关于")
        .next()
        .unwrap_or(before_instrument);
    let before_instrument = ORDINAL_SUFFIX.replace(before_instrument.trim(), "");
    let named = canonical_body(&before_instrument);
    if !named.is_empty() {
        return Some(named);
    }
    instrument
        .and_then(|i| ISSUER_OF_TITLE.captures(i))
        .map(|c| canonical_body(&c["issuer"]))
}

/// A body's name without session numbers, 中华人民共和国 (for 国务院), 经 or spaces.
pub(crate) fn canonical_body(text: &str) -> String {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let squeezed = squeezed
        .trim_start_matches('经')
        .trim_start_matches('由')
        .trim_end_matches("审议");
    let mut name = SESSION.replace_all(squeezed, "").into_owned();
    if let Some(rest) = name.strip_prefix("中华人民共和国") {
        if rest.starts_with("国务院") {
            name = rest.to_string();
        }
    }
    name
}

/// Separators and brackets around an entry: spaces, 根据 before the next date, the
/// note's parentheses.
fn clean_entry(text: &str) -> String {
    let mut t = text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '（' | '(' | '）' | ')' | '；' | ';')
    });
    loop {
        let before = t;
        t = t.trim_end_matches("根据").trim_end_matches('自');
        t = t.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '（' | '(' | '）' | ')' | '；' | ';')
        });
        if t == before {
            break;
        }
    }
    // An unbalanced closing parenthesis at the end closes the note, not a title.
    t.to_string()
}

fn note_date(caps: &regex::Captures) -> Option<String> {
    let year = parse_chinese_integer(&caps[1])?;
    let month = parse_chinese_integer(&caps[2])?;
    let day = parse_chinese_integer(&caps[3])?;
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The entry that made the text as it stands: the latest one that is not a mere taking
/// effect. Its body issued the text; its date is the text's date.
pub(crate) fn latest(history: &[HistoryEntry]) -> Option<&HistoryEntry> {
    history
        .iter()
        .filter(|e| e.event != HistoryEvent::Effective)
        .max_by(|a, b| a.date.cmp(&b.date))
}

/// The body of the latest entry, else of the latest entry that names one.
pub(crate) fn issuer(history: &[HistoryEntry]) -> Option<String> {
    latest(history).and_then(|e| e.body.clone()).or_else(|| {
        let mut named: Vec<&HistoryEntry> = history
            .iter()
            .filter(|e| e.event != HistoryEvent::Effective && e.body.is_some())
            .collect();
        named.sort_by(|a, b| a.date.cmp(&b.date));
        named.last().and_then(|e| e.body.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(note: &str) -> Vec<(String, HistoryEvent, Option<String>)> {
        parse(note)
            .into_iter()
            .map(|e| (e.date, e.event, e.body))
            .collect()
    }

    #[test]
    fn provincial_note_with_amendment() {
        let note = "（2019年11月29日广东省第十三届人民代表大会常务委员会第十五次会议通过　2022年3月31日广东省第十三届人民代表大会常务委员会第四十一次会议修正）";
        assert!(is_note_start(note));
        assert_eq!(
            summary(note),
            vec![
                (
                    "2019-11-29".into(),
                    HistoryEvent::Adopted,
                    Some("广东省人民代表大会常务委员会".into())
                ),
                (
                    "2022-03-31".into(),
                    HistoryEvent::Amended,
                    Some("广东省人民代表大会常务委员会".into())
                ),
            ]
        );
    }

    #[test]
    fn state_council_regulation_revised_by_orders() {
        // 中华人民共和国个人所得税法实施条例, as printed under 国务院令第707号.
        let note = "（1994年1月28日中华人民共和国国务院令第142号发布　根据2005年12月19日《国务院关于修改〈中华人民共和国个人所得税法实施条例〉的决定》第一次修订　根据2008年2月18日《国务院关于修改〈中华人民共和国个人所得税法实施条例〉的决定》第二次修订　根据2011年7月19日《国务院关于修改〈中华人民共和国个人所得税法实施条例〉的决定》第三次修订　2018年12月18日中华人民共和国国务院令第707号第四次修订）";
        let entries = parse(note);
        assert_eq!(entries.len(), 5);
        assert_eq!(entries[0].event, HistoryEvent::Promulgated);
        assert_eq!(
            entries[0].instrument.as_deref(),
            Some("中华人民共和国国务院令第142号")
        );
        assert_eq!(entries[0].body.as_deref(), Some("国务院"));
        assert_eq!(entries[1].event, HistoryEvent::Revised);
        assert_eq!(entries[1].body.as_deref(), Some("国务院"));
        assert_eq!(
            entries[1].text,
            "2005年12月19日《国务院关于修改〈中华人民共和国个人所得税法实施条例〉的决定》第一次修订"
        );
        assert_eq!(entries[4].date, "2018-12-18");
        assert_eq!(latest(&entries).unwrap().date, "2018-12-18");
        assert_eq!(issuer(&entries).as_deref(), Some("国务院"));
    }

    #[test]
    fn meeting_that_revised_and_adopted() {
        let note = "（1991年3月4日中华人民共和国国务院令第76号发布　2018年9月6日国务院第23次常务会议修订通过）";
        let entries = parse(note);
        assert_eq!(entries[1].event, HistoryEvent::Revised);
        assert_eq!(entries[1].body.as_deref(), Some("国务院"));
    }

    #[test]
    fn national_law_amended_by_a_decision() {
        let note = "2013年12月28日 第十二届全国人民代表大会常务委员会第六次会议《关于修改〈中华人民共和国海洋环境保护法〉等七部法律的决定》第三次修正";
        assert!(is_note_start(note));
        let entries = parse(note);
        assert_eq!(entries[0].event, HistoryEvent::Amended);
        assert_eq!(
            entries[0].body.as_deref(),
            Some("全国人民代表大会常务委员会")
        );
        assert_eq!(
            entries[0].instrument.as_deref(),
            Some("《关于修改〈中华人民共和国海洋环境保护法〉等七部法律的决定》")
        );
    }

    #[test]
    fn regulation_revised_by_a_state_council_decision() {
        let entries = parse("2022年3月29日 《国务院关于修改和废止部分行政法规的决定》第二次修订）");
        assert_eq!(entries[0].body.as_deref(), Some("国务院"));
        assert_eq!(entries[0].event, HistoryEvent::Revised);
        assert_eq!(
            entries[0].text,
            "2022年3月29日 《国务院关于修改和废止部分行政法规的决定》第二次修订"
        );
    }

    #[test]
    fn national_peoples_congress_and_effective_date() {
        let entries =
            parse("（2020年5月28日第十三届全国人民代表大会第三次会议通过　自2021年1月1日起施行）");
        assert_eq!(entries[0].body.as_deref(), Some("全国人民代表大会"));
        assert_eq!(entries[1].event, HistoryEvent::Effective);
        assert_eq!(latest(&entries).unwrap().date, "2020-05-28");
    }

    #[test]
    fn party_regulation_approved_then_issued() {
        // 中国共产党重大事项请示报告条例.
        let entries =
            parse("（2019年1月31日中共中央政治局会议审议批准　2019年2月11日中共中央发布）");
        assert_eq!(entries[0].event, HistoryEvent::Approved);
        assert_eq!(entries[0].body.as_deref(), Some("中共中央政治局"));
        assert_eq!(entries[1].event, HistoryEvent::Promulgated);
        assert_eq!(issuer(&entries).as_deref(), Some("中共中央"));
    }

    #[test]
    fn provincial_government_order() {
        let entries = parse("（2015年1月5日广东省人民政府令第210号公布　自2015年3月1日起施行）");
        assert_eq!(entries[0].body.as_deref(), Some("广东省人民政府"));
        assert_eq!(entries[0].event, HistoryEvent::Promulgated);
    }

    #[test]
    fn sentences_are_not_notes() {
        assert!(!is_note_start(
            "2019年11月29日，省人大常委会审议通过了《条例》。"
        ));
        assert!(!is_note_start("2018年12月18日"));
        assert!(!is_note_start("到2025年，全省通过认证的企业达到1万家"));
        assert!(!is_note_start("2019年1月1日起施行"));
    }
}
