//! Targets: the quantities a clause commits to reach, with indicator, comparator and year.
//!
//! A quantity is a target when the sentence sets a goal (a deadline such as 到2025年, or a
//! goal verb: 达到, 超过, 培育, 新增, 建成 …) and the quantity is the goal's measure, not a
//! number in passing. Not targets: durations and deadlines (3—5 年, 30日内), numbers that
//! qualify a noun (5亿元的基金, 1亿元以上的企业: subsidies and eligibility thresholds),
//! baselines (从95%提高到98%: the 95%), past figures (已达到, 目前, 近5年来), subsidy rates,
//! grades (三级以上医院), rates per unit (每月1100元) and tallies (共23项).
//!
//! Goals are recognised by shape as much as by words: a short predicate, a count in digits
//! with its classifier, then an object is an output whatever the verb (推出50项精品赛事);
//! a share followed by a standard it reaches is a goal (60%以上的建成区面积达到…要求); a
//! share or rate held to a bound is a quota (比例不得低于80%); in a plan, a count that
//! closes its phrase as a floor (赛事20项以上) is an output of its task list; a floor
//! before the verb makes even one a count to reach (至少建设一所); a count after 在 says
//! where a goal's work is done (推动…在10个左右…领域开展); and none of an event
//! (事故零发生, 总量趋零增长) is a goal of 0, approximate when it only tends there.
//!
//! The indicator is the phrase before the quantity back to the last clause break, or, when
//! the quantity follows its verb ("培育100家左右售后服务标杆企业"), the verb and the object
//! after it; a count joined to the previous object with 和/、 shares its verb. The year is
//! the last deadline written before the quantity in its paragraph, or a year opening its
//! phrase (2020年初步建成…); a "——" paragraph or one after a "…：" lead-in takes the
//! lead-in's deadline; a goal section (主要目标) hands its deadline to the clauses under it
//! ([`Context::inherited`]); 到2022年和2030年…分别 gives each goal its year.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Comparator;

use super::quantity::{skip_spaces, zero_event, Found, TIME_UNITS};
use crate::normalize::is_han;

/// What the clause's surroundings say about its targets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// The year the document was issued: deadlines before it are dates of record.
    pub issued: Option<i32>,
    /// The deadline of the goal section the clause belongs to ("二、主要目标 到2025年，…："),
    /// for paragraphs that write none: (year, implied from a plan period).
    pub inherited: Option<(i32, bool)>,
    /// The clause is itself a goal section: a deadline written in one of its paragraphs
    /// holds for the paragraphs after it.
    pub goal_section: bool,
    /// The document is a plan (it has a goal section, or its title names a plan): its
    /// task lists are goals even where no deadline or goal verb is written.
    pub plan: bool,
    /// The clause is an article of a law or regulation (第X条) or inside one. Its numbers
    /// are rules (a voting threshold, a floor on staff, a fine), so only a written deadline
    /// or a goal verb right before the number makes one a goal.
    pub article: bool,
}

/// Whether a clause heading announces goals: 主要目标, 发展目标, 目标任务.
pub(crate) fn is_goal_heading(heading: &str) -> bool {
    heading.contains("目标")
}

/// Whether a title names a plan: 规划, 行动计划, 实施方案, 纲要.
pub(crate) fn is_plan_title(title: &str) -> bool {
    ["规划", "计划", "方案", "纲要"]
        .iter()
        .any(|w| title.contains(w))
}

/// The deadline a goal section sets for the clauses under it: the last deadline of a clause
/// headed as goals (主要目标, 发展目标) or whose text ends by introducing a list ("…："),
/// unless that year is before the document was issued.
pub(crate) fn section_deadline(
    heading: Option<&str>,
    text: &str,
    issued: Option<i32>,
) -> Option<(i32, bool)> {
    let introduces = text.trim_end().ends_with(['：', ':']);
    if !(heading.is_some_and(is_goal_heading) || introduces) {
        return None;
    }
    let folded: String = text.chars().map(crate::normalize::fold).collect();
    let last = deadlines(&folded).into_iter().last()?;
    if issued.is_some_and(|issued| last.year < issued) {
        return None;
    }
    Some((last.year, last.implied))
}

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

/// A deadline: 到2025年, 到 2020 年底, 至2030年, 2025年前, 2025年底前; and a pair of
/// deadlines for goals given respectively, 到2022年和2030年.
static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:到|至|截至|截止到|截止)\s*((?:19|20)\d\d)\s*年(?:\s*(?:和|、|及)\s*((?:19|20)\d\d)\s*年)?|((?:19|20)\d\d)\s*年\s*(?:底|末)?\s*(?:前|以前|之前)|(?:到|至)\s*(二〇[一二三四五六七八九〇]{2})\s*年",
    )
    .unwrap()
});

/// A year that opens a paragraph or sentence as its deadline: "2025年，", "2025年底，",
/// "2020年初步建成…"; not a date (2019年1月), a start (2020年起) or a span (2019年以来).
static OPENING_DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[—\-\s]*((?:19|20)\d\d)\s*年[底末]?\s*(?:[，,]|[^\d\s起以来至到月中前后上下内度])",
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

/// Units of grades and classes: 三级以上医院 names a kind of hospital, not an amount.
const GRADE_UNITS: &[&str] = &["级"];

/// Verbs that say a subject reaches a standard, for shares (60%以上的县实现…).
const ATTAINMENT_VERBS: &[&str] = &[
    "达到", "达标", "实现", "符合", "完成", "具备", "建成", "通过", "纳入", "接入", "开展", "覆盖",
];

/// Words right before a number that make it a tally of what is listed: （共23项）.
const TALLY_BEFORE: &[&str] = &["共", "合计", "总计", "共计"];

/// Words that end a short phrase before a number without being the verb of a goal:
/// prepositions and verbs of description (关于60万吨…, 涉及305名村民, 年满3岁).
const NOT_PREDICATES: &[&str] = &[
    "关于", "对于", "涉及", "共有", "年满", "包括", "其中", "约", "仅", "只有", "现有", "拥有",
    "在",
];

/// Last chars of a subject rather than a predicate: a rate, a count, an area.
const NOUN_ENDS: &str = "率量数比重额值度模积例费价";

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
    "以来",
    "年来",
    "预计",
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
    "——",
    "—",
    "-",
    "其中",
    "力争",
    "确保",
    "争取",
    "同时",
    "并",
    "且",
    "全省",
    "全市",
    "全区",
    "全县",
    "原则上",
    "将",
    "把",
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
    "不得",
    "不能",
    "原则上",
];

/// Reads the targets of one clause. `chars` is the clause text, folded, and `written` the
/// same text as written (indicators are quoted from it); `found` its quantities;
/// `excluded` char ranges that hold no targets (attributions, book titles).
pub fn read(
    chars: &[char],
    written: &[char],
    found: &[Found],
    excluded: &[(usize, usize)],
    context: Context,
) -> Vec<Read> {
    let Context {
        issued,
        inherited,
        goal_section,
        plan,
        article,
    } = context;
    // Every deadline holds 年 (a written year) or 五 (a plan period, 十四五): a clause with
    // neither has none, and is not copied into a string for the regexes.
    let deadlines: Vec<Deadline> = if chars.iter().any(|&c| c == '年' || c == '五') {
        deadlines(&chars.iter().collect::<String>())
    } else {
        Vec::new()
    };
    let paragraphs = paragraph_starts(chars);

    let mut targets: Vec<Read> = Vec::new();
    // For each target, the verb before its quantity when an object follows it.
    let mut heads: Vec<Option<String>> = Vec::new();
    let mut respectively: Option<(Vec<String>, usize)> = None;
    for (index, q) in found.iter().enumerate() {
        if excluded.iter().any(|&(a, b)| q.start >= a && q.end <= b) {
            continue;
        }
        let Some(shape) = shape_of(chars, q) else {
            continue;
        };
        if article && shape == Shape::Share {
            continue; // 三分之二以上通过: a rule of a law, not a share to reach
        }
        let paragraph = paragraphs[paragraphs.partition_point(|&p| p <= q.start).max(1) - 1];
        let sentence = sentence_start(chars, paragraph, q.start);
        // Words in brackets are asides: "（此件公开发布）" sets no goal.
        let before = outside_brackets(&chars[sentence..q.start]);
        if SUBSIDY_WORDS.iter().any(|w| before.contains(w))
            || PAST_WORDS.iter().any(|w| before.contains(w))
            || is_rate(chars, sentence, q.start)
        {
            continue;
        }
        let year = governing_year(chars, &deadlines, &paragraphs, paragraph, q.start)
            .or_else(|| {
                let segment = segment_start(chars, sentence, q.start);
                opening_deadline(chars, &[paragraph, sentence, segment], issued)
            })
            .or_else(|| {
                goal_section
                    .then(|| last_deadline_before(&deadlines, q.start))
                    .flatten()
                    .map(|d| (d.year, d.implied))
            })
            .or(inherited);
        // "到2022年和2030年，…分别不低于22%和30%": the second goal of the run takes the
        // second year.
        let year = match last_deadline_before(&deadlines, q.start) {
            Some(&Deadline {
                end,
                second: Some(second),
                ..
            }) if end >= paragraph => {
                let run: String = chars[end..q.start].iter().collect();
                let after_fenbie = run
                    .rfind("分别")
                    .map(|byte| end + run[..byte].chars().count());
                let earlier = after_fenbie.map_or(0, |from| {
                    found
                        .iter()
                        .filter(|f| f.start > from && f.start < q.start)
                        .count()
                });
                if earlier >= 1 {
                    Some((second, false))
                } else {
                    year
                }
            }
            _ => year,
        };
        // A year before the document was issued is a date of record, not a deadline:
        // "2020年，全市…合格率为93.5%" and "截至2020年底" report what was.
        let is_past = |y: i32| issued.is_some_and(|issued| y < issued);
        if year.is_some_and(|(y, _)| is_past(y)) || opening_year(&before).is_some_and(is_past) {
            continue;
        }
        let segment = segment_start(chars, sentence, q.start);
        let known_verb = ends_with_goal_verb(chars, sentence, q.start);
        let predicate =
            !article && !known_verb && leads_with_predicate(chars, &deadlines, segment, q);
        // "建设50所高水平高等职业学校和150个骨干专业（群）": a count joined to the previous
        // target's object shares its verb.
        let shared = (!known_verb && !predicate)
            .then(|| shared_verb(chars, &heads, &targets, found, q))
            .flatten();
        let scope = !article && counts_the_scope(chars, segment, q);
        let verb_before = known_verb || predicate || shared.is_some() || scope;
        let has_goal = if article {
            year.is_some() || known_verb
        } else {
            year.is_some()
                || known_verb
                || holds_share_to_bound(&before, q)
                || predicate && plan
                || plan && is_counted_floor(chars, q)
                // "确保农民工工资零拖欠": none of an event is written only as a goal.
                || plan && zero_event(chars, q.number_start).is_some()
                || shape == Shape::Share
                || GOAL_VERBS.iter().any(|v| before.contains(v))
                || ASPIRATION_WORDS.iter().any(|w| before.contains(w))
        };
        if !has_goal {
            continue;
        }
        let after = next_non_space(chars, q.end);
        let object_follows = after.is_some_and(starts_object);
        if object_follows && !verb_before && shape != Shape::Share {
            continue; // a number inside a noun phrase: 一次验收合格率
        }

        // The indicator: back to the last break, or after the previous target in a list.
        let mut start = segment;
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
        let mut indicator = match &shared {
            Some(verb) => verb.clone(),
            None => strip_indicator(&before_quantity),
        };
        let head = indicator.clone();
        if shape == Shape::Share || verb_before && object_follows || indicator.is_empty() {
            // 培育100家左右[售后服务标杆企业]; 60%以上的[建成区面积达到海绵城市建设要求].
            let object = object_after(chars, written, q.end);
            indicator = format!("{indicator}{object}");
        }
        // "事件零发生", "总量趋零增长": what is held at none is the event of the subject.
        if let Some((event, _)) = zero_event(chars, q.number_start) {
            let subject = GOAL_VERBS
                .iter()
                .find_map(|v| indicator.strip_prefix(v))
                .unwrap_or(&indicator);
            indicator = format!("{subject}{event}");
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
        heads.push((verb_before && object_follows).then_some(head));
        targets.push(Read {
            quantity: index,
            indicator,
            text_start: start,
            comparator: if floor_before(chars, q) {
                Comparator::Ge
            } else {
                negated(&before, q.bound)
            },
            year: year.map(|(y, _)| y),
            year_implied: year.is_some_and(|(_, implied)| implied),
            binding: !ASPIRATION_WORDS.iter().any(|w| whole_sentence.contains(w)),
        });
    }
    targets
}

/// What a quantity can be a goal as, whatever its sentence says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// An amount or a rate: 98%, 100家, 10万平方米.
    Measure,
    /// A share of a subject that reaches a standard: 60%以上的建成区面积达到…要求,
    /// 用地面积70%以上达到目标要求. The indicator is the subject and the standard.
    Share,
}

/// Whether the quantity itself can be a goal, and as what.
fn shape_of(chars: &[char], q: &Found) -> Option<Shape> {
    if TIME_UNITS.contains(&q.unit.as_str()) {
        return None; // periods and deadlines
    }
    if GRADE_UNITS.contains(&q.unit.as_str()) {
        return None; // 三级以上医院, 二级标准: a grade or class, not an amount
    }
    if q.chinese && q.value == 1.0 && q.bound == Comparator::Eq && !floor_before(chars, q) {
        return None; // 一次, 一个: articles more than amounts, unless 至少 makes one a floor
    }
    if q.chinese && q.value == 0.0 && zero_event(chars, q.number_start).is_none() {
        return None; // 零 in a word (零部件, 零售), not a goal of nothing
    }
    let after = skip_spaces(chars, q.end);
    let tail: String = chars[after..chars.len().min(after + 3)].iter().collect();
    if BASELINE_AFTER.iter().any(|w| tail.starts_with(w)) {
        return None; // from X up to Y: X is the baseline
    }
    let before: String = chars[q.start.saturating_sub(4)..q.start].iter().collect();
    if before.ends_with('从')
        || before.ends_with('由')
        || before.ends_with("比")
        || before.ends_with("较")
    {
        return None;
    }
    if TALLY_BEFORE.iter().any(|w| before.ends_with(w)) {
        return None; // （共23项）: a count of what is listed, not a goal
    }
    // "将70%的降雨就地消纳和利用": what is done with a share is the goal.
    let disposed =
        (before.ends_with('将') || before.ends_with('把')) && chars.get(after) == Some(&'的');
    if q.unit == "%" && (disposed || reaches_standard(chars, after)) {
        return Some(Shape::Share);
    }
    // 800万吨/年的项目: a rate per year is a modifier too.
    let after = match chars.get(after) {
        Some('/') => (after + 1..chars.len())
            .find(|&j| !is_han(chars[j]) || chars[j] == '的')
            .unwrap_or(chars.len()),
        _ => after,
    };
    if chars.get(after) == Some(&'的') && !names_a_scale(chars, after + 1) {
        return None; // a number that qualifies a noun: a fund's size, a threshold
    }
    Some(Shape::Measure)
}

/// Whether the noun after "的" is the scale the number measures: "达到2000名的招生规模",
/// "2000人的规模": then the number is the goal, not a modifier.
fn names_a_scale(chars: &[char], at: usize) -> bool {
    let end = clause_break(chars, at);
    let noun: String = chars[at..end].iter().collect();
    let noun = outside_brackets(&noun.chars().collect::<Vec<_>>());
    noun.chars().count() <= 6 && (noun.ends_with("规模") || noun.ends_with("水平"))
}

/// Whether the words from `at` up to the next break say that something reaches a
/// standard: "达到目标要求", "的建成区面积达到海绵城市建设要求", "的县实现全覆盖".
fn reaches_standard(chars: &[char], at: usize) -> bool {
    let mut i = at;
    if chars.get(i) == Some(&'的') {
        i += 1;
    }
    let end = clause_break(chars, i);
    let phrase: String = chars[i..end].iter().collect();
    // A subject of a few words may come first; the verb must be in the phrase.
    ATTAINMENT_VERBS
        .iter()
        .filter_map(|v| phrase.find(v))
        .min()
        .is_some_and(|byte| phrase[..byte].chars().count() <= 16 && !phrase[..byte].contains('的'))
}

/// The next clause break at or after `from`, skipping bracketed words.
fn clause_break(chars: &[char], from: usize) -> usize {
    let mut depth = 0i32;
    for (j, &c) in chars.iter().enumerate().skip(from) {
        match c {
            '(' | '（' | '《' | '“' => depth += 1,
            ')' | '）' | '》' | '”' => depth -= 1,
            '\n' => return j,
            '，' | ',' | '。' | '；' | ';' | '、' | '：' | ':' if depth <= 0 => return j,
            _ => {}
        }
    }
    chars.len()
}

/// The chars as a string with bracketed asides left out.
fn outside_brackets(chars: &[char]) -> String {
    let mut depth = 0i32;
    let mut out = String::new();
    for &c in chars {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A number right after a per-unit word is a rate or a standard, not a goal:
/// "扣除标准为每月1100元", "汽车号牌每副2只", "每人每年5000元".
fn is_rate(chars: &[char], sentence: usize, at: usize) -> bool {
    let from = at.saturating_sub(3).max(sentence);
    chars[from..at]
        .iter()
        .rposition(|&c| c == '每')
        .is_some_and(|p| chars[from + p + 1..at].iter().all(|&c| is_han(c)))
}

/// A year that opens the paragraph, the sentence or the phrase ("2025年，全市…",
/// "…，1998年达到2000人的规模") is a deadline when it is not before the year the document
/// was issued.
fn opening_deadline(chars: &[char], starts: &[usize], issued: Option<i32>) -> Option<(i32, bool)> {
    let issued = issued?;
    starts.iter().find_map(|&from| {
        let head: String = chars[from..chars.len().min(from + 12)].iter().collect();
        let year: i32 = OPENING_DEADLINE
            .captures(&head)?
            .get(1)?
            .as_str()
            .parse()
            .ok()?;
        Some(year).filter(|&y| y >= issued).map(|y| (y, false))
    })
}

/// Whether the quantity is the measure of a short predicate that opens its segment:
/// "推出50项精品赛事", "推进20条城市绿道建设", "启动10万平方米老旧住房修缮". Any verb
/// will do, not only those of a list: what marks it is the shape, a few words, then the
/// number with its unit, then the object.
fn leads_with_predicate(chars: &[char], deadlines: &[Deadline], segment: usize, q: &Found) -> bool {
    let mut from = segment;
    if let Some(d) = last_deadline_before(deadlines, q.start).filter(|d| d.end > from) {
        from = d.end;
    }
    let head: String = outside_brackets(&chars[from..q.start]);
    let mut head = head.trim();
    loop {
        let before = head;
        for lead in LEADING.iter().chain(ASPIRATION_WORDS) {
            head = head.strip_prefix(lead).unwrap_or(head).trim_start();
        }
        if head == before {
            break;
        }
    }
    let n = head.chars().count();
    let after = skip_spaces(chars, q.end);
    // Counts in a plan's outputs are written in digits; Chinese numerals before a
    // classifier are as often words (二次污染, 三门峡) as amounts.
    !q.chinese
        && q.unit != "次"
        && !NOT_PREDICATES.iter().any(|w| head.ends_with(w))
        && (2..=8).contains(&n)
        && head.chars().all(is_han)
        && !head.contains('的')
        && !head.ends_with(|c: char| NOUN_ENDS.contains(c))
        && !matches!(
            q.unit.as_str(),
            "%" | "" | "元" | "美元" | "个百分点" | "百分点" | "倍"
        )
        && chars
            .get(after)
            .is_some_and(|&c| starts_object(c) && !"以左之".contains(c))
}

/// The verb of the previous target when this quantity continues its object with 和, 及 or
/// 、 ("建设50所…学校和150个骨干专业"), with no break between.
fn shared_verb(
    chars: &[char],
    heads: &[Option<String>],
    targets: &[Read],
    found: &[Found],
    q: &Found,
) -> Option<String> {
    let previous = targets.last()?;
    let verb = heads.last()?.as_ref()?;
    let between = &chars[found[previous.quantity].end..q.start];
    let joined = between
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| "和及与、".contains(*c));
    let unbroken = !between.iter().any(|c| "，,。；;：:\n".contains(*c));
    (joined && unbroken && q.unit != "%").then(|| verb.clone())
}

/// A count written as a floor or an estimate at the end of its phrase, "赛事20项以上",
/// "人才1000名左右": in a plan's task list this is an output to reach, whatever the verb.
/// Money is left out: in a plan it is as often a threshold of eligibility.
fn is_counted_floor(chars: &[char], q: &Found) -> bool {
    matches!(
        q.bound,
        Comparator::Ge | Comparator::Approx | Comparator::Gt
    ) && COUNTS.contains(&q.unit.as_str())
        && next_non_space(chars, q.end).is_none_or(|c| "，,。；;、\n".contains(c))
}

/// Counts an output is made of: one 所 of schools, 10 个 fields. Money and shares are left
/// out, as they are as often thresholds of eligibility.
const COUNTS: &[&str] = &[
    "个", "项", "家", "条", "所", "座", "件", "台", "套", "名", "人", "位", "户", "处", "场", "支",
];

/// Floors written before the verb of the number: "至少建设一所", "至少培育1家".
const FLOOR_BEFORE_VERB: &[&str] = &["至少", "不少于", "最少"];

/// Whether a floor word is written before the short verb of a count: "每个地原则上至少建设
/// 一所…学校" is at least one school, a goal in a plan even without a deadline. Only counts of
/// things an output is made of: "至少召开一次会议" is a frequency, a rule.
fn floor_before(chars: &[char], q: &Found) -> bool {
    if !COUNTS.contains(&q.unit.as_str()) || q.bound != Comparator::Eq {
        return false;
    }
    let from = q.start.saturating_sub(8);
    let head: String = chars[from..q.start].iter().collect();
    FLOOR_BEFORE_VERB.iter().any(|floor| {
        head.rfind(floor).is_some_and(|byte| {
            let verb = &head[byte + floor.len()..];
            (1..=3).contains(&verb.chars().count()) && verb.chars().all(is_han)
        })
    })
}

/// Whether the count says where a goal's work is done: "推动职业院校在10个左右…紧缺领域大力
/// 开展职业培训". The goal verb comes before 在, the count of places or fields after it.
fn counts_the_scope(chars: &[char], segment: usize, q: &Found) -> bool {
    let head = outside_brackets(&chars[segment..q.start]);
    let Some(before_zai) = head.trim_end().strip_suffix('在') else {
        return false;
    };
    COUNTS.contains(&q.unit.as_str())
        && !q.chinese
        && GOAL_VERBS.iter().any(|v| before_zai.contains(v))
}

/// A share or rate held to a bound, "…的比例不得低于80%", "担保费率原则上不超过1.5%": a
/// quota the document sets. A bound on an amount (资金不少于210万元) is as often a
/// condition of eligibility, and is left to the other tests.
fn holds_share_to_bound(before: &str, q: &Found) -> bool {
    const SHARES: &[&str] = &["比例", "占比", "比重", "率"];
    const MODALS: &[&str] = &["不得", "不能", "不应", "原则上", "应当", "应", "均", "要"];
    if q.unit != "%" || matches!(q.bound, Comparator::Eq | Comparator::Approx) {
        return false;
    }
    let mut subject = before.trim_end();
    loop {
        let was = subject;
        for m in MODALS {
            subject = subject.strip_suffix(m).unwrap_or(subject).trim_end();
        }
        if subject == was {
            break;
        }
    }
    SHARES.iter().any(|s| subject.ends_with(s))
}

/// Whether `c` can open the object of a verb after a quantity: a word or a quoted name
/// (建立100个“双师型”教师培养培训基地), not a conjunction that chains quantities.
fn starts_object(c: char) -> bool {
    (is_han(c) && !"和及与或等、".contains(c)) || "“《".contains(c)
}

/// The comparator as the sentence states it. "不得低于50%": a negated bound turns round.
/// "不少于本单位执法人员总数的5%": the bound is written before the whole of which the
/// number is a part.
fn negated(before: &str, bound: Comparator) -> Comparator {
    let before = before.trim_end();
    let negation = ["不得", "不能", "不应", "不宜", "不可"]
        .iter()
        .any(|w| before.ends_with(w));
    let phrase = before
        .rsplit(['，', ',', '；', ';'])
        .next()
        .unwrap_or(before);
    let part_of =
        |words: &[&str]| before.ends_with('的') && words.iter().any(|w| phrase.contains(w));
    match bound {
        Comparator::Lt if negation => Comparator::Ge,
        Comparator::Gt if negation => Comparator::Le,
        Comparator::Eq if part_of(&["不少于", "不低于", "至少"]) => Comparator::Ge,
        Comparator::Eq if part_of(&["不超过", "不高于", "不多于"]) => Comparator::Le,
        other => other,
    }
}

fn next_non_space(chars: &[char], i: usize) -> Option<char> {
    chars.get(skip_spaces(chars, i)).copied()
}

/// Char offsets of byte offsets of one text, asked for mostly in increasing order (the
/// matches of a regex): counting on from the last answer reads the text about once, where
/// a table of every byte's char would be built and filled for every clause.
struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The char offset of `byte`, a char boundary of the text.
    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            (self.byte, self.chars) = (0, 0);
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// A deadline written in a clause: chars `start..end`.
#[derive(Debug, Clone, Copy)]
struct Deadline {
    start: usize,
    end: usize,
    year: i32,
    /// The second year of a pair, 到2022年和2030年: goals given 分别 take them in turn.
    second: Option<i32>,
    /// Read from a plan period ("十四五"), not a written year.
    implied: bool,
}

/// Deadlines in the clause, in order.
fn deadlines(text: &str) -> Vec<Deadline> {
    let mut char_at = CharOffsets::new(text);
    let mut found = Vec::new();
    for caps in DEADLINE.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        let year = if let Some(y) = caps.get(1).or(caps.get(3)) {
            y.as_str().parse().ok()
        } else {
            caps.get(4).and_then(|y| chinese_year(y.as_str()))
        };
        let second = caps.get(2).and_then(|y| y.as_str().parse().ok());
        if let Some(year) = year {
            let start = char_at.at(whole.start());
            let mut end = char_at.at(whole.end());
            // 到2020年底: the 底 belongs to the deadline.
            if text[whole.end()..].starts_with('底') || text[whole.end()..].starts_with('末') {
                end += 1;
            }
            found.push(Deadline {
                start,
                end,
                year,
                second,
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
            start: char_at.at(whole.start()),
            end: char_at.at(whole.end()),
            year,
            second: None,
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

/// The last deadline before `at` in its paragraph. A paragraph without one takes the last
/// deadline of its lead-in: for a bullet paragraph, the paragraph above its bullets; for
/// any paragraph, one above it that introduces a list ("到2025年，主要目标是：").
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
    if in_paragraph.is_some() {
        return in_paragraph;
    }
    let introduces = |p: usize| {
        let end = paragraphs
            .iter()
            .find(|&&next| next > p)
            .map_or(chars.len(), |&next| next - 1);
        chars[p..end]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|&c| c == '：' || c == ':')
    };
    let bullet = is_bullet_paragraph(chars, paragraph);
    let lead_in = paragraphs
        .iter()
        .rev()
        .filter(|&&p| p < paragraph)
        .find(|&&p| {
            if bullet {
                !is_bullet_paragraph(chars, p)
            } else {
                introduces(p)
            }
        })?;
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

/// How far back a sentence is looked for. Real sentences of the genre stay well under
/// it; a "sentence" that runs longer is text with no sentence ends at all (a list, a
/// table flattened, or hostile input), where reading every quantity's words back to the
/// paragraph start would make a clause's cost grow with the square of its length.
const MAX_SENTENCE_CHARS: usize = 500;

fn sentence_start(chars: &[char], paragraph: usize, at: usize) -> usize {
    let floor = paragraph.max(at.saturating_sub(MAX_SENTENCE_CHARS));
    (floor..at)
        .rev()
        .find(|&i| matches!(chars[i], '。' | ';' | '；' | '!' | '?' | '\n'))
        .map_or(floor, |i| i + 1)
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
    // "2020年初步建成…": the deadline opening the phrase is not part of the indicator.
    let without_year = OPENING_DEADLINE
        .find(&without_aspiration)
        .map_or(without_aspiration.as_str(), |m| {
            let year_end = m
                .as_str()
                .rfind('年')
                .map_or(m.end(), |y| y + '年'.len_utf8());
            &without_aspiration[year_end..]
        })
        .trim_start_matches(['底', '末', '，', ',']);
    let mut s = without_year.trim();
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
    let end = clause_break(chars, i);
    // "…学校和150个骨干专业": the object ends where the next count is joined on.
    let end = (i..end)
        .find(|&j| {
            "和及与".contains(chars[j]) && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit())
        })
        .unwrap_or(end);
    let object = written[i..end].iter().collect::<String>();
    // "招生规模（见附表）": a pointer to a table is not part of the object.
    let object = match object.rfind(['（', '(']) {
        Some(open) if object[open..].contains('见') => object[..open].to_owned(),
        _ => object,
    };
    object.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (indicator, value, unit, comparator, year) of every target read from `text`.
    fn targets(
        text: &str,
        context: Context,
    ) -> Vec<(String, f64, String, Comparator, Option<i32>)> {
        let written: Vec<char> = text.chars().collect();
        let chars: Vec<char> = written.iter().map(|&c| crate::normalize::fold(c)).collect();
        let found = super::super::quantity::scan(&chars);
        read(&chars, &written, &found, &[], context)
            .into_iter()
            .map(|t| {
                let q = &found[t.quantity];
                (t.indicator, q.value, q.unit.clone(), t.comparator, t.year)
            })
            .collect()
    }

    fn plan() -> Context {
        Context {
            issued: Some(2021),
            plan: true,
            ..Context::default()
        }
    }

    fn values(text: &str, context: Context) -> Vec<f64> {
        targets(text, context).into_iter().map(|t| t.1).collect()
    }

    #[test]
    fn outputs_led_by_any_verb() {
        let got = targets(
            "到2025年，推出50项精品赛事，推进20条城市绿道建设，启动10万平方米老旧住房修缮。",
            Context::default(),
        );
        let read: Vec<(&str, f64, &str)> = got
            .iter()
            .map(|t| (t.0.as_str(), t.1, t.2.as_str()))
            .collect();
        assert_eq!(
            read,
            [
                ("推出精品赛事", 50.0, "项"),
                ("推进城市绿道建设", 20.0, "条"),
                ("启动老旧住房修缮", 100_000.0, "平方米"),
            ]
        );
        assert!(got.iter().all(|t| t.4 == Some(2025)));
    }

    #[test]
    fn outputs_in_a_plans_task_list_without_deadline() {
        // 全民健身计划（2021—2025年）, 国发〔2021〕11号, 主要任务.
        let text = "新建或改扩建2000个以上体育公园、全民健身中心、公共体育场馆等健身场地设施，补齐5000个以上乡镇（街道）全民健身场地器材，配建一批群众滑冰场，数字化升级改造1000个以上公共体育场馆。";
        let got = targets(text, plan());
        let read: Vec<(&str, f64, Comparator)> =
            got.iter().map(|t| (t.0.as_str(), t.1, t.3)).collect();
        assert_eq!(
            read,
            [
                ("新建或改扩建体育公园", 2000.0, Comparator::Ge),
                ("补齐乡镇（街道）全民健身场地器材", 5000.0, Comparator::Ge),
                ("数字化升级改造公共体育场馆", 1000.0, Comparator::Ge),
            ]
        );
        // A count that closes its phrase as a floor: "每年举办…赛事20项以上".
        assert_eq!(values("每年举办全国性赛事20项以上。", plan()), [20.0]);
        // Outside a plan, with no deadline and no verb of a goal, a count is a description.
        assert!(values("每年举办全国性赛事20项以上。", Context::default()).is_empty());
    }

    #[test]
    fn shares_that_reach_a_standard() {
        // 国办发〔2015〕75号 on sponge cities, and the same class as plans write it.
        let got = targets(
            "到2020年，城市建成区20%以上的面积达到目标要求；到2030年，城市建成区80%以上的面积达到目标要求。",
            Context::default(),
        );
        let read: Vec<(&str, f64, Comparator, Option<i32>)> =
            got.iter().map(|t| (t.0.as_str(), t.1, t.3, t.4)).collect();
        assert_eq!(
            read,
            [
                (
                    "城市建成区面积达到目标要求",
                    20.0,
                    Comparator::Ge,
                    Some(2020)
                ),
                (
                    "城市建成区面积达到目标要求",
                    80.0,
                    Comparator::Ge,
                    Some(2030)
                ),
            ]
        );
        let got = targets(
            "到2025年，全市60%以上的建成区面积达到海绵城市建设要求，新城建设用地面积70%以上达到目标要求。",
            Context::default(),
        );
        let read: Vec<(&str, f64)> = got.iter().map(|t| (t.0.as_str(), t.1)).collect();
        assert_eq!(
            read,
            [
                ("建成区面积达到海绵城市建设要求", 60.0),
                ("新城建设用地面积达到目标要求", 70.0),
            ]
        );
        // A share that qualifies a noun with no standard to reach stays a modifier.
        assert!(values("到2025年，设立占比30%的引导基金。", Context::default()).is_empty());
    }

    #[test]
    fn chained_goals_keep_their_own_indicators() {
        let got = targets(
            "到2025年，主导制定国际标准9项以上、国家标准300项以上。",
            Context::default(),
        );
        let read: Vec<(&str, f64)> = got.iter().map(|t| (t.0.as_str(), t.1)).collect();
        assert_eq!(read, [("主导制定国际标准", 9.0), ("国家标准", 300.0)]);
        let got = targets(
            "到2025年，研发经费投入强度达到3%；每万人口高价值发明专利拥有量达到12件；数字经济核心产业增加值占比达到10%。",
            Context::default(),
        );
        let read: Vec<(&str, f64, Option<i32>)> =
            got.iter().map(|t| (t.0.as_str(), t.1, t.4)).collect();
        assert_eq!(
            read,
            [
                ("研发经费投入强度", 3.0, Some(2025)),
                ("每万人口高价值发明专利拥有量", 12.0, Some(2025)),
                ("数字经济核心产业增加值占比", 10.0, Some(2025)),
            ]
        );
    }

    #[test]
    fn counts_joined_to_an_object_share_its_verb() {
        // 国发〔2019〕4号, 具体指标.
        let got = targets(
            "到2022年，职业院校教学条件基本达标，建设50所高水平高等职业学校和150个骨干专业（群）。",
            Context::default(),
        );
        let read: Vec<(&str, f64, &str)> = got
            .iter()
            .map(|t| (t.0.as_str(), t.1, t.2.as_str()))
            .collect();
        assert_eq!(
            read,
            [
                ("建设高水平高等职业学校", 50.0, "所"),
                ("建设骨干专业（群）", 150.0, "个"),
            ]
        );
    }

    #[test]
    fn what_is_done_with_a_share() {
        // 国办发〔2015〕75号: "将70%的降雨就地消纳和利用".
        let got = targets(
            "最大限度地减少城市开发建设对生态环境的影响，将70%的降雨就地消纳和利用。",
            Context::default(),
        );
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].0.as_str(), got[0].1), ("降雨就地消纳和利用", 70.0));
    }

    #[test]
    fn a_pair_of_deadlines_for_goals_given_respectively() {
        // 国发〔2019〕13号 (健康中国行动).
        let got = targets(
            "到2022年和2030年，全国居民健康素养水平分别不低于22%和30%。",
            Context::default(),
        );
        let read: Vec<(f64, Option<i32>)> = got.iter().map(|t| (t.1, t.4)).collect();
        assert_eq!(read, [(22.0, Some(2022)), (30.0, Some(2030))]);
    }

    #[test]
    fn paragraphs_after_a_lead_in_take_its_deadline() {
        let got = targets(
            "到2025年，主要目标是：\n制造业产品质量合格率达到95%以上。\n培育省名牌产品300个。",
            Context::default(),
        );
        let read: Vec<(f64, Option<i32>)> = got.iter().map(|t| (t.1, t.4)).collect();
        assert_eq!(read, [(95.0, Some(2025)), (300.0, Some(2025))]);
        // A paragraph that introduces nothing lends no deadline.
        let got = targets(
            "到2025年，质量水平显著提升。\n培育省名牌产品300个。",
            Context::default(),
        );
        assert_eq!(got[0].4, None);
    }

    #[test]
    fn rules_of_a_law_are_not_goals() {
        let article = Context {
            article: true,
            ..Context::default()
        };
        for text in [
            // 公司法: a voting threshold and a floor on a board's make-up.
            "股东会作出决议，应当经出席会议的股东所持表决权的三分之二以上通过。",
            "董事会成员中的职工代表的比例不得低于三分之一。",
            // 农业技术推广法: a floor on staffing.
            "县级国家农业技术推广机构的专业技术岗位不得低于机构岗位总量的80%。",
            // 消耗臭氧层物质管理条例: a fine, in a sentence that also says 减少.
            "未按照规定采取必要的措施防止或者减少消耗臭氧层物质的泄漏和排放的，由所在地生态环境主管部门责令改正，处5万元以上10万元以下的罚款。",
        ] {
            assert!(values(text, article).is_empty(), "{text}");
        }
        // A deadline written in an article still sets a goal.
        assert_eq!(
            values("到2025年，全市新能源汽车保有量达到50万辆。", article).len(),
            1
        );
    }

    #[test]
    fn deadlines_that_open_a_phrase() {
        // 国发〔2019〕4号: "2020年初步建成300个示范性职业教育集团（联盟）".
        let got = targets(
            "完善企业经营管理制度。2020年初步建成300个示范性职业教育集团（联盟），带动中小企业参与。",
            Context {
                issued: Some(2019),
                ..Context::default()
            },
        );
        assert_eq!(got.len(), 1);
        assert_eq!(
            (got[0].0.as_str(), got[0].1, got[0].4),
            ("初步建成示范性职业教育集团（联盟）", 300.0, Some(2020))
        );
        // 国办发〔1996〕32号: the scale a count reaches is the goal, not a modifier.
        let got = targets(
            "逐步扩大，至1998年达到2000名的招生规模（见附表）。",
            Context {
                issued: Some(1996),
                ..Context::default()
            },
        );
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].0.as_str(), got[0].1), ("招生规模", 2000.0));
        // A year before the document's own is a date of record.
        assert!(values(
            "2003年，全国城市污水处理率达到42%。",
            Context {
                issued: Some(2005),
                ..Context::default()
            }
        )
        .is_empty());
    }

    #[test]
    fn grades_and_classes_are_not_targets() {
        for text in [
            "到2025年，全市三级以上医院全部开展日间手术，三级以下医院逐步推开。",
            "到2020年，基本建立较为完善的三级公立医院绩效考核体系。",
            "首先使我国重点监视防御区的大中城市基本具备抗御6级左右地震的能力。",
        ] {
            assert!(values(text, plan()).is_empty(), "{text}");
        }
    }

    #[test]
    fn rates_tallies_and_reports_are_not_targets() {
        for text in [
            // 国发〔2018〕41号: deduction standards of a regulation.
            "（二）除第一项所列城市以外，市辖区户籍人口超过100万的城市，扣除标准为每月1100元。",
            // 国办发〔2018〕114号: a plate's specification.
            "应急救援专用号牌分为汽车号牌和摩托车号牌两种，汽车号牌每副两只，分别悬挂在车辆前后部。",
            // 国办发〔2018〕126号: a heading that counts its list.
            "一、推广的改革举措（共23项）",
            // 国办函〔2004〕57号: a request described, a project's capacity.
            "大连市请求，由大连实德集团与沙特SABIC等企业合资合作，拟投资400亿元，建设炼油规模800万吨/年的项目。",
            // 国办函〔2005〕21号: what was done.
            "近5年来，全国城市平均年节水量约35亿立方米，重复利用率提高到70.7%，其中工业用水重复利用率达到80.9%。",
            // 国办函〔2004〕80号: a report of fact.
            "专家组两次实地调查了险情最重的水坪洼地及周围坡地上房屋的开裂情况。",
            "据地方政府介绍，马鬃山村面积10.92平方公里，共有13个村民小组，505户1748人。",
            "年满3岁至小学入学前处于学前教育阶段的子女。",
        ] {
            assert!(values(text, plan()).is_empty(), "{text}");
        }
    }

    #[test]
    fn quotas_keep_the_bound_the_sentence_states() {
        // 国办发〔2019〕6号 and 国办发〔2018〕118号.
        let got = targets(
            "合作机构支小支农担保金额占全部担保金额的比例不得低于80%，其中单户担保金额500万元及以下的占比不得低于50%。",
            Context::default(),
        );
        let read: Vec<(&str, f64, Comparator)> =
            got.iter().map(|t| (t.0.as_str(), t.1, t.3)).collect();
        assert_eq!(
            read,
            [
                (
                    "合作机构支小支农担保金额占全部担保金额的比例",
                    80.0,
                    Comparator::Ge
                ),
                ("单户担保金额500万元及以下的占比", 50.0, Comparator::Ge),
            ]
        );
        // A floor on an amount is a condition, not a quota: 社会团体登记.
        assert!(values("基金会基金数额不少于210万元人民币。", Context::default()).is_empty());
        let got = targets(
            "原则上各级行政执法机关的法制审核人员不少于本单位执法人员总数的5%。",
            Context::default(),
        );
        assert_eq!((got[0].1, got[0].3), (5.0, Comparator::Ge));
    }

    #[test]
    fn zero_goals_count_an_event_held_at_none() {
        // "无废城市"建设试点工作方案, 国办发〔2018〕128号, 一（四）试点目标.
        let got = targets(
            "到2020年，试点城市在固体废物重点领域和关键环节取得明显进展，大宗工业固体废物贮存处置总量趋零增长、主要农业废弃物全量利用，非法转移倾倒固体废物事件零发生，培育一批固体废物资源化利用骨干企业。",
            Context {
                issued: Some(2018),
                ..plan()
            },
        );
        assert_eq!(
            got,
            [
                (
                    "大宗工业固体废物贮存处置总量增长".to_owned(),
                    0.0,
                    String::new(),
                    Comparator::Approx,
                    Some(2020)
                ),
                (
                    "非法转移倾倒固体废物事件发生".to_owned(),
                    0.0,
                    String::new(),
                    Comparator::Eq,
                    Some(2020)
                ),
            ]
        );
        // The same goal as a task heading, with no deadline before it.
        let got = targets("推动大宗工业固体废物贮存处置总量趋零增长。", plan());
        assert_eq!(
            (got[0].0.as_str(), got[0].1, got[0].3, got[0].4),
            (
                "大宗工业固体废物贮存处置总量增长",
                0.0,
                Comparator::Approx,
                None
            )
        );
        // Safety, environment and budget plans write the same class.
        for text in [
            "到2025年，实现重大安全事故零发生。",
            "到2025年，城市生活垃圾基本实现零填埋。",
            "力争到2030年全市碳排放零增长。",
            "确保农民工工资零拖欠。",
        ] {
            assert_eq!(values(text, plan()), [0.0], "{text}");
        }
        // Attitudes and slogans hold nothing at none; nor does a report of what was done.
        for text in [
            "到2025年，坚持对腐败零容忍。",
            "到2025年，实现服务群众零距离、市场准入零门槛。",
            "上海市长宁区探索“验放分离、零等待”，实现全国直办“零跑动”。",
            "2018年全省已实现重大安全事故零发生。",
        ] {
            assert!(values(text, plan()).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_floor_makes_one_a_count_to_reach() {
        // 国家职业教育改革实施方案, 国发〔2019〕4号, 一（二）: no deadline, a floor per prefecture.
        let got = targets(
            "重点支持集中连片特困地区每个地（市、州、盟）原则上至少建设一所符合当地经济社会发展和技术技能人才培养需要的中等职业学校。",
            plan(),
        );
        let read: Vec<(f64, &str, Comparator, Option<i32>)> =
            got.iter().map(|t| (t.1, t.2.as_str(), t.3, t.4)).collect();
        assert_eq!(read, [(1.0, "所", Comparator::Ge, None)]);
        // Without a floor, one of something is an article, and 二次, 一体化 are words.
        for text in [
            "支持每个地区建设一所学校。",
            "推动产教融合一体化发展，防止二次污染。",
            "每年至少召开一次会议。",
        ] {
            assert!(values(text, plan()).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_count_of_fields_where_the_work_is_done() {
        // 国发〔2019〕4号, 二（七）: "自2019年开始" is a start, not a deadline.
        let got = targets(
            "自2019年开始，围绕现代农业、先进制造业、现代服务业、战略性新兴产业，推动职业院校在10个左右技术技能人才紧缺领域大力开展职业培训。",
            plan(),
        );
        let read: Vec<(f64, &str, Comparator, Option<i32>)> =
            got.iter().map(|t| (t.1, t.2.as_str(), t.3, t.4)).collect();
        assert_eq!(read, [(10.0, "个", Comparator::Approx, None)]);
        // A rule of eligibility is no scope of work: 国办发〔2019〕2号.
        assert!(values("入围生产企业在3家及以上的，采取带量采购的方式。", plan()).is_empty());
    }
}
