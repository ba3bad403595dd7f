//! Targets: the quantities a clause commits to reach, with indicator, comparator and year.
//!
//! A quantity is a target when the sentence sets a goal (a deadline such as 到2025年, or a
//! goal verb: 达到, 超过, 培育, 新增, 建成 …) and the quantity is the goal's measure, not a
//! number in passing. Not targets: durations and deadlines (3—5 年, 30日内), numbers that
//! qualify a noun (5亿元的基金, 1亿元以上的企业: subsidies and eligibility thresholds),
//! baselines (从95%提高到98%: the 95%), past figures (已达到, 目前), and subsidy rates.
//!
//! The indicator is the phrase before the quantity back to the last clause break, or, when
//! the quantity follows its verb ("培育100家左右售后服务标杆企业"), the object after it.
//! The year is the last deadline written before the quantity in its paragraph; a "——"
//! goal paragraph takes the deadline of the lead-in paragraph above it.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Comparator;

use super::quantity::{skip_spaces, Found, TIME_UNITS};
use crate::normalize::is_han;

/// A target read from a clause: char offsets into the clause text.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    pub quantity: usize,
    pub indicator: String,
    /// The stretch the target was read from, `text_start..quantity.end`.
    pub text_start: usize,
    pub comparator: Comparator,
    pub year: Option<i32>,
    pub year_implied: bool,
    pub binding: bool,
}

/// A deadline: 到2025年, 到 2020 年底, 至2030年, 2025年前, 2025年底前.
static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:到|至|截至|截止到|截止)\s*((?:19|20)\d\d)\s*年|((?:19|20)\d\d)\s*年\s*(?:底|末)?\s*(?:前|以前|之前)|(?:到|至)\s*(二〇[一二三四五六七八九〇]{2})\s*年",
    )
    .unwrap()
});

/// A plan period as a deadline: "十四五"时期, 十四五期末.
static PLAN_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"十([一二三四五])五”?\s*(?:时期|期间|末|期末|规划期)").unwrap());

/// Verbs after which the quantity is the goal's measure.
const GOAL_VERBS: &[&str] = &[
    "达到",
    "达",
    "超过",
    "突破",
    "提高到",
    "提升到",
    "提高至",
    "提升至",
    "增加到",
    "增加至",
    "增至",
    "增长",
    "提高",
    "提升",
    "下降到",
    "下降至",
    "降低到",
    "降低至",
    "降至",
    "下降",
    "降低",
    "减少",
    "控制在",
    "稳定在",
    "保持在",
    "保持",
    "培育",
    "培养",
    "建成",
    "建设",
    "新建",
    "创建",
    "打造",
    "新增",
    "引进",
    "认定",
    "树立",
    "争创",
    "推动",
    "选取",
    "制定",
    "制订",
    "制修订",
    "发布",
    "实现",
    "完成",
    "累计",
    "覆盖",
    "形成",
    "组建",
    "扶持",
    "带动",
    "推广",
    "获得",
    "不低于",
    "不少于",
    "不超过",
    "低于",
    "至少",
];

/// Words that make a sentence's numbers something other than goals.
const SUBSIDY_WORDS: &[&str] = &[
    "补助", "补贴", "奖励", "资助", "奖补", "给予", "最高", "贴息",
];
const PAST_WORDS: &[&str] = &[
    "已经",
    "已",
    "目前",
    "现有",
    "截至目前",
    "去年",
    "上年",
    "过去",
    "曾",
];
const ASPIRATION_WORDS: &[&str] = &["力争", "争取", "努力", "力求"];
const BASELINE_AFTER: &[&str] = &[
    "提高到",
    "提升到",
    "提高至",
    "提升至",
    "增加到",
    "增加至",
    "增长到",
    "增长至",
    "下降到",
    "下降至",
    "降低到",
    "降低至",
    "减少到",
    "减少至",
    "降至",
    "增至",
];

/// Leading words that are not part of an indicator.
const LEADING: &[&str] = &[
    "——", "—", "-", "其中", "力争", "确保", "争取", "同时", "并", "且", "全省", "全市", "全区",
    "全县",
];
/// Trailing words between an indicator and its quantity.
const TRAILING: &[&str] = &[
    "分别达到",
    "均达到",
    "分别达",
    "均达",
    "分别为",
    "均为",
    "稳定在",
    "保持在",
    "提高到",
    "提升到",
    "提高至",
    "提升至",
    "增加到",
    "增加至",
    "控制在",
    "达到",
    "超过",
    "突破",
    "实现",
    "达",
    "为",
    "分别",
    "均",
    "要",
];

/// Reads the targets of one clause. `chars` is the clause text, folded, and `written` the
/// same text as written (indicators are quoted from it); `found` its quantities;
/// `excluded` char ranges that hold no targets (attributions, book titles).
pub fn read(
    chars: &[char],
    written: &[char],
    found: &[Found],
    excluded: &[(usize, usize)],
    issued: Option<i32>,
) -> Vec<Read> {
    let text: String = chars.iter().collect();
    let char_at = byte_to_char(&text);
    let deadlines: Vec<Deadline> = deadlines(&text, &char_at);
    let paragraphs = paragraph_starts(chars);

    let mut targets: Vec<Read> = Vec::new();
    let mut respectively: Option<(Vec<String>, usize)> = None;
    for (index, q) in found.iter().enumerate() {
        if excluded.iter().any(|&(a, b)| q.start >= a && q.end <= b) {
            continue;
        }
        if !is_goal_quantity(chars, q) {
            continue;
        }
        let paragraph = paragraphs[paragraphs.partition_point(|&p| p <= q.start).max(1) - 1];
        let sentence = sentence_start(chars, paragraph, q.start);
        let before: String = chars[sentence..q.start].iter().collect();
        if SUBSIDY_WORDS.iter().any(|w| before.contains(w))
            || PAST_WORDS.iter().any(|w| before.contains(w))
        {
            continue;
        }
        let year = governing_year(chars, &deadlines, &paragraphs, paragraph, q.start);
        // A year before the document was issued is a date of record, not a deadline:
        // "2020年，全市…合格率为93.5%" and "截至2020年底" report what was.
        let is_past = |y: i32| issued.is_some_and(|issued| y < issued);
        if year.is_some_and(|(y, _)| is_past(y)) || opening_year(&before).is_some_and(is_past) {
            continue;
        }
        let verb_before = ends_with_goal_verb(chars, sentence, q.start);
        let has_goal = year.is_some()
            || verb_before
            || GOAL_VERBS.iter().any(|v| before.contains(v))
            || ASPIRATION_WORDS.iter().any(|w| before.contains(w));
        if !has_goal {
            continue;
        }
        let after = next_non_space(chars, q.end);
        let object_follows = after.is_some_and(|c| is_han(c) && !"和及与或等、".contains(c));
        if object_follows && !verb_before {
            continue; // a number inside a noun phrase: 一次验收合格率
        }

        // The indicator: back to the last break, or after the previous target in a list.
        let mut start = segment_start(chars, sentence, q.start);
        if let Some(previous) = targets.last() {
            let previous_end = found[previous.quantity].end;
            if previous_end > start && previous_end <= q.start {
                start = previous_end;
                while start < q.start && "、和及与,，;； ".contains(chars[start]) {
                    start += 1;
                }
            }
        }
        if let Some(&Deadline { end, .. }) =
            last_deadline_before(&deadlines, q.start).filter(|d| d.end > start)
        {
            start = end;
            while start < q.start && "，, ".contains(chars[start]) {
                start += 1;
            }
        }
        let before_quantity: String = written[start..q.start].iter().collect();
        let mut indicator = strip_indicator(&before_quantity);
        if verb_before && object_follows || indicator.is_empty() {
            let object = object_after(chars, written, q.end);
            indicator = format!("{indicator}{object}");
        }
        // "A和B分别达到65%和55%": the n-th quantity measures the n-th indicator.
        if before_quantity.contains("分别") {
            let parts: Vec<String> = indicator
                .split(['和', '、', '及'])
                .map(str::to_owned)
                .filter(|p| !p.is_empty())
                .collect();
            if parts.len() > 1 {
                indicator = parts[0].clone();
                respectively = Some((parts, 1));
            }
        } else if let Some((parts, next)) = respectively.as_mut() {
            let joined = index > 0 && {
                let between: String = chars[found[index - 1].end..q.start].iter().collect();
                between.trim().chars().all(|c| "和、及与 ".contains(c))
            };
            if joined && *next < parts.len() {
                indicator = parts[*next].clone();
                *next += 1;
            } else {
                respectively = None;
            }
        }
        let whole_sentence: String = chars[sentence..q.start].iter().collect();
        targets.push(Read {
            quantity: index,
            indicator,
            text_start: start,
            comparator: q.bound,
            year: year.map(|(y, _)| y),
            year_implied: year.is_some_and(|(_, implied)| implied),
            binding: !ASPIRATION_WORDS.iter().any(|w| whole_sentence.contains(w)),
        });
    }
    targets
}

/// Whether the quantity itself can be a goal, whatever the sentence says.
fn is_goal_quantity(chars: &[char], q: &Found) -> bool {
    if TIME_UNITS.contains(&q.unit.as_str()) {
        return false; // periods and deadlines
    }
    if q.chinese && q.value == 1.0 && q.bound == Comparator::Eq {
        return false; // 一次, 一个: articles more than amounts
    }
    let after = skip_spaces(chars, q.end);
    if chars.get(after) == Some(&'的') {
        return false; // a number that qualifies a noun: a fund's size, a threshold
    }
    let tail: String = chars[after..chars.len().min(after + 3)].iter().collect();
    if BASELINE_AFTER.iter().any(|w| tail.starts_with(w)) {
        return false; // from X up to Y: X is the baseline
    }
    let before: String = chars[q.start.saturating_sub(4)..q.start].iter().collect();
    if before.ends_with('从')
        || before.ends_with('由')
        || before.ends_with("比")
        || before.ends_with("较")
    {
        return false;
    }
    true
}

fn next_non_space(chars: &[char], i: usize) -> Option<char> {
    chars.get(skip_spaces(chars, i)).copied()
}

fn byte_to_char(text: &str) -> Vec<usize> {
    let mut map = vec![0; text.len() + 1];
    let mut count = 0;
    for (byte, c) in text.char_indices() {
        for slot in &mut map[byte..byte + c.len_utf8()] {
            *slot = count;
        }
        count += 1;
    }
    map[text.len()] = count;
    map
}

/// A deadline written in a clause: chars `start..end`.
#[derive(Debug, Clone, Copy)]
struct Deadline {
    start: usize,
    end: usize,
    year: i32,
    /// Read from a plan period ("十四五"), not a written year.
    implied: bool,
}

/// Deadlines in the clause, in order.
fn deadlines(text: &str, char_at: &[usize]) -> Vec<Deadline> {
    let mut found = Vec::new();
    for caps in DEADLINE.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        let year = if let Some(y) = caps.get(1).or(caps.get(2)) {
            y.as_str().parse().ok()
        } else {
            caps.get(3).and_then(|y| chinese_year(y.as_str()))
        };
        if let Some(year) = year {
            let mut end = char_at[whole.end()];
            // 到2020年底: the 底 belongs to the deadline.
            if text[whole.end()..].starts_with('底') || text[whole.end()..].starts_with('末') {
                end += 1;
            }
            found.push(Deadline {
                start: char_at[whole.start()],
                end,
                year,
                implied: false,
            });
        }
    }
    for caps in PLAN_PERIOD.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        let n = match &caps[1] {
            "一" => 11,
            "二" => 12,
            "三" => 13,
            "四" => 14,
            _ => 15,
        };
        // The eleventh five-year plan ended in 2010, each later one five years on.
        let year = 2010 + (n - 11) * 5;
        found.push(Deadline {
            start: char_at[whole.start()],
            end: char_at[whole.end()],
            year,
            implied: true,
        });
    }
    found.sort_by_key(|d| d.start);
    found
}

/// A year that opens a sentence without 到/至: "2020年，全市…".
fn opening_year(sentence: &str) -> Option<i32> {
    static OPENING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[—\-\s]*((?:19|20)\d\d)\s*年(?:[，,\s]|[^底前末以之])").unwrap()
    });
    OPENING.captures(sentence)?.get(1)?.as_str().parse().ok()
}

fn chinese_year(text: &str) -> Option<i32> {
    text.chars().try_fold(0i32, |acc, c| {
        let d = "〇一二三四五六七八九".chars().position(|x| x == c)? as i32;
        Some(acc * 10 + d)
    })
}

fn paragraph_starts(chars: &[char]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            chars
                .iter()
                .enumerate()
                .filter(|(_, &c)| c == '\n')
                .map(|(i, _)| i + 1),
        )
        .collect()
}

fn is_bullet_paragraph(chars: &[char], start: usize) -> bool {
    matches!(
        chars.get(start),
        Some('—' | '-' | '·' | '•' | '●' | '▲' | '■')
    )
}

/// The last deadline before `at` in its paragraph; a bullet paragraph without one takes
/// the last deadline of the lead-in paragraph above it.
fn governing_year(
    chars: &[char],
    deadlines: &[Deadline],
    paragraphs: &[usize],
    paragraph: usize,
    at: usize,
) -> Option<(i32, bool)> {
    let in_paragraph = last_deadline_before(deadlines, at)
        .filter(|d| d.start >= paragraph)
        .map(|d| (d.year, d.implied));
    if in_paragraph.is_some() || !is_bullet_paragraph(chars, paragraph) {
        return in_paragraph;
    }
    let lead_in = paragraphs
        .iter()
        .rev()
        .filter(|&&p| p < paragraph)
        .find(|&&p| !is_bullet_paragraph(chars, p))?;
    let lead_in_end = paragraphs
        .iter()
        .find(|&&p| p > *lead_in)
        .copied()
        .unwrap_or(paragraph);
    last_deadline_before(deadlines, lead_in_end)
        .filter(|d| d.start >= *lead_in)
        .map(|d| (d.year, d.implied))
}

/// The last deadline that ends by `at` (deadlines are sorted and do not overlap).
fn last_deadline_before(deadlines: &[Deadline], at: usize) -> Option<&Deadline> {
    let count = deadlines.partition_point(|d| d.end <= at);
    count.checked_sub(1).map(|i| &deadlines[i])
}

fn sentence_start(chars: &[char], paragraph: usize, at: usize) -> usize {
    (paragraph..at)
        .rev()
        .find(|&i| matches!(chars[i], '。' | ';' | '；' | '!' | '?' | '\n'))
        .map_or(paragraph, |i| i + 1)
}

fn segment_start(chars: &[char], sentence: usize, at: usize) -> usize {
    let mut depth = 0i32;
    for i in (sentence..at).rev() {
        match chars[i] {
            ')' | '）' | '》' | '”' => depth += 1,
            '(' | '（' | '《' | '“' => depth -= 1,
            ',' | '，' | ':' | '：' if depth <= 0 => return i + 1,
            _ => {}
        }
    }
    sentence
}

fn ends_with_goal_verb(chars: &[char], sentence: usize, at: usize) -> bool {
    let before: String = chars[sentence..at].iter().collect();
    let before = before.trim_end();
    GOAL_VERBS.iter().any(|v| before.ends_with(v))
}

fn strip_indicator(written: &str) -> String {
    let without_aspiration = ASPIRATION_WORDS
        .iter()
        .fold(written.to_owned(), |s, w| s.replace(w, ""));
    let mut s = without_aspiration.trim();
    loop {
        let before = s;
        for lead in LEADING {
            s = s.strip_prefix(lead).unwrap_or(s).trim_start();
        }
        for trail in TRAILING {
            s = s.strip_suffix(trail).unwrap_or(s).trim_end();
        }
        if s == before {
            break;
        }
    }
    s.to_owned()
}

/// The object after a quantity, up to the next break: 培育100家左右[售后服务标杆企业].
fn object_after(chars: &[char], written: &[char], from: usize) -> String {
    let mut i = skip_spaces(chars, from);
    if chars.get(i) == Some(&'的') {
        i += 1;
    }
    let end = (i..chars.len())
        .find(|&j| {
            matches!(
                chars[j],
                '，' | ',' | '。' | '；' | ';' | '、' | '：' | ':' | '\n'
            )
        })
        .unwrap_or(chars.len());
    written[i..end].iter().collect::<String>().trim().to_owned()
}
