//! Agencies: who a clause makes responsible, read from its attribution parentheticals.
//!
//! An attribution is a bracketed list of agencies closed by a verb of responsibility
//! ("（省质监局牵头，省经济和信息化委、住房城乡建设厅等部门分工负责）") or opened by a label
//! ("（责任单位：市水务局、市住房城乡建设管理委，各区政府）"). Inside it, "，" separates groups
//! and "、" separates names within a group; a level prefix written once (省) belongs to
//! every name of its group but not to the next group. Roles come from 牵头/配合 marks,
//! or from a convention the document states once ("列第一位者为牵头单位，下同").
//!
//! This module finds attributions and splits them into names with roles and char ranges
//! in the clause text; [`super::extract`] maps the ranges to source offsets and looks the
//! names up in [`super::names`].
//!
//! ```
//! use zhengce::extract::agency::{attributions, Named};
//! use zhengce::model::AgencyRole;
//! let text: Vec<char> = "加强监管。（省质监局牵头，省发展改革委、财政厅等分工负责）".chars().collect();
//! let names: Vec<Named> = attributions(&text, false).into_iter().flatten().collect();
//! let read: Vec<(&str, AgencyRole)> = names.iter().map(|n| (n.name.as_str(), n.role)).collect();
//! assert_eq!(read, [
//!     ("省质监局", AgencyRole::Lead),
//!     ("省发展改革委", AgencyRole::Participant),
//!     ("省财政厅", AgencyRole::Participant),
//! ]);
//! ```

use std::sync::LazyLock;

use regex::Regex;

use crate::model::AgencyRole;
use crate::normalize::{fold, is_han};

use super::names::starts_with_province;

/// One agency read from an attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// Prefix distributed, spaces removed.
    pub name: String,
    pub role: AgencyRole,
    pub generic: bool,
    /// The name as written in the clause text: chars `start..end`.
    pub start: usize,
    pub end: usize,
}

/// "列第一位者为牵头单位", "排在第一位的部门为牵头部门", "排名第一的为牵头单位".
static LEAD_FIRST_CONVENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:列|排|排在|列在|排名)(?:第一位|首位|第一)(?:者|的)?(?:单位|部门)?(?:为|是)牵头")
        .unwrap()
});

/// Whether `text` states that the first-listed agency leads.
pub fn states_lead_first(text: &str) -> bool {
    LEAD_FIRST_CONVENTION.is_match(text)
}

/// Labels that open an attribution, with the role they give.
const LABELS: &[(&str, Option<AgencyRole>)] = &[
    ("牵头单位", Some(AgencyRole::Lead)),
    ("牵头部门", Some(AgencyRole::Lead)),
    ("配合单位", Some(AgencyRole::Participant)),
    ("配合部门", Some(AgencyRole::Participant)),
    ("参与单位", Some(AgencyRole::Participant)),
    ("主要责任单位", None),
    ("责任单位", None),
    ("责任部门", None),
    ("负责单位", None),
    ("实施单位", None),
];

/// Closing phrases, longest first; the mark says what they say about the role.
const CLOSINGS: &[(&str, Mark)] = &[
    ("按照职责分工负责", Mark::None),
    ("根据职责分工负责", Mark::None),
    ("按职责分工负责", Mark::None),
    ("按照职责负责", Mark::None),
    ("按职责负责", Mark::None),
    ("分工负责", Mark::None),
    ("共同负责", Mark::None),
    ("牵头负责", Mark::Lead),
    ("牵头落实", Mark::Lead),
    ("负责落实", Mark::None),
    ("配合落实", Mark::Participant),
    ("参与配合", Mark::Participant),
    ("负责", Mark::None),
    ("牵头", Mark::Lead),
    // "（生态环境部、国家发展改革委…指导）": agencies that guide answer for the work; next
    // to a 参与 group the guiding one leads ("（商务部指导，供销合作总社参与）").
    ("指导", Mark::None),
    ("配合", Mark::Participant),
    ("参与", Mark::Participant),
    ("落实", Mark::None),
];

const ENDINGS_OF_LIST: &[&str] = &[
    "等有关部门",
    "等相关部门",
    "等有关单位",
    "等相关单位",
    "等部门",
    "等单位",
    "等",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    Lead,
    Participant,
}

/// Every attribution in `text`, in order, each as its list of names. `lead_first`: the
/// document's convention that the first-listed agency leads is in force here.
pub fn attributions(text: &[char], lead_first: bool) -> Vec<Vec<Named>> {
    let folded: Vec<char> = text.iter().map(|&c| fold(c)).collect();
    attributions_folded(&folded, lead_first)
}

/// [`attributions`] of text already folded ([`fold`]), as the clause extractor holds it.
pub(crate) fn attributions_folded(folded: &[char], lead_first: bool) -> Vec<Vec<Named>> {
    let mut found = Vec::new();
    for (open, close) in brackets(folded) {
        if let Some(names) = read_attribution(folded, open + 1, close, lead_first) {
            found.push(names);
        }
    }
    found
}

/// Outermost bracket pairs (folded `(` `)`, and 〔〕【】[] that some governments use for
/// attributions), as (open, close) indices. A pair never spans a paragraph break.
pub fn brackets(folded: &[char]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut stack: Vec<(char, usize)> = Vec::new();
    for (i, &c) in folded.iter().enumerate() {
        let closing = match c {
            '(' | '〔' | '【' | '[' => {
                stack.push((c, i));
                continue;
            }
            ')' => '(',
            '〕' => '〔',
            '】' => '【',
            ']' => '[',
            '\n' => {
                stack.clear();
                continue;
            }
            _ => continue,
        };
        if let Some(at) = stack.iter().rposition(|&(open, _)| open == closing) {
            let (_, open) = stack[at];
            stack.truncate(at);
            if stack.is_empty() {
                pairs.push((open, i));
            }
        }
    }
    pairs
}

/// A group of names between "，", with its role mark.
struct Group {
    mark: Mark,
    /// From a label (牵头单位：): the role is given.
    labelled: Option<Option<AgencyRole>>,
    names: Vec<(usize, usize)>,
}

fn read_attribution(
    chars: &[char],
    start: usize,
    end: usize,
    lead_first: bool,
) -> Option<Vec<Named>> {
    let inner: String = chars[start..end].iter().collect();
    // "A、B等负责。列第一位者为牵头单位，下同": the list, then the convention.
    let list_end = chars[start..end]
        .iter()
        .position(|&c| c == '。')
        .map_or(end, |p| start + p);
    let lead_first = lead_first || states_lead_first(&inner);
    let list: String = chars[start..list_end].iter().collect();
    let labelled = LABELS.iter().any(|(label, _)| list.starts_with(label));
    let closed = CLOSINGS.iter().any(|(closing, _)| list.ends_with(closing));
    if !labelled && !closed {
        return None;
    }

    let mut groups = Vec::new();
    let mut group_start = start;
    let mut labelled_role: Option<Option<AgencyRole>> = None;
    for i in start..=list_end {
        let boundary = i == list_end || matches!(chars[i], ',' | ';' | '，' | '；');
        if !boundary {
            continue;
        }
        let (mut a, mut b) = (group_start, i);
        group_start = i + 1;
        trim(chars, &mut a, &mut b);
        if let Some((label, role)) = LABELS
            .iter()
            .find(|(label, _)| starts_with(chars, a, b, label))
        {
            a += label.chars().count();
            if matches!(chars.get(a), Some(':' | '：')) {
                a += 1;
            }
            labelled_role = Some(*role);
        }
        // "由A负责", "技工院校内由人力资源社会保障行政部门负责": the agency follows 由.
        if let Some(by) = (a..b).rev().find(|&i| chars[i] == '由') {
            if by == a || !looks_like_agency(chars, a, by) {
                a = by + 1;
            }
        }
        let mut mark = Mark::None;
        if let Some((closing, m)) = CLOSINGS.iter().find(|(c, _)| ends_with(chars, a, b, c)) {
            b -= closing.chars().count();
            mark = *m;
        }
        trim(chars, &mut a, &mut b);
        // "国家发展改革委、财政部会同有关部门": those before 会同 lead, those after take part.
        let parts = match (a..b.saturating_sub(1)).find(|&i| starts_with(chars, i, b, "会同")) {
            Some(with) if mark == Mark::None => {
                vec![(a, with, Mark::Lead), (with + 2, b, Mark::Participant)]
            }
            _ => vec![(a, b, mark)],
        };
        for (a, b, mark) in parts {
            let names = split_names(chars, a, b);
            if !names.is_empty() {
                groups.push(Group {
                    mark,
                    labelled: labelled_role,
                    names,
                });
            }
        }
    }
    if groups.is_empty()
        || !groups
            .iter()
            .all(|g| g.names.iter().all(|&(a, b)| looks_like_agency(chars, a, b)))
    {
        return None;
    }

    let any_lead = groups
        .iter()
        .any(|g| g.mark == Mark::Lead || g.labelled == Some(Some(AgencyRole::Lead)));
    let any_participant_mark = groups.iter().any(|g| g.mark == Mark::Participant);
    let mut named = Vec::new();
    let mut first = true;
    for group in &groups {
        let prefix = level_prefix(chars, group.names[0]);
        for (k, &(a, b)) in group.names.iter().enumerate() {
            let written: String = chars[a..b].iter().filter(|c| !c.is_whitespace()).collect();
            let name = match prefix {
                Some(p) if k > 0 && !has_own_jurisdiction(&written) => format!("{p}{written}"),
                _ => written,
            };
            let role = match (group.labelled, group.mark) {
                (Some(Some(role)), _) => role,
                (_, Mark::Lead) => AgencyRole::Lead,
                (_, Mark::Participant) => AgencyRole::Participant,
                _ if any_lead => AgencyRole::Participant,
                // "A负责，B配合": the unmarked group leads.
                _ if any_participant_mark => AgencyRole::Lead,
                _ if lead_first && first => AgencyRole::Lead,
                _ if lead_first => AgencyRole::Participant,
                _ => AgencyRole::Responsible,
            };
            first = false;
            named.push(Named {
                generic: is_generic(&name),
                name,
                role,
                start: a,
                end: b,
            });
        }
    }
    Some(named)
}

fn trim(chars: &[char], a: &mut usize, b: &mut usize) {
    while *a < *b && chars[*a].is_whitespace() {
        *a += 1;
    }
    while *b > *a && chars[*b - 1].is_whitespace() {
        *b -= 1;
    }
}

fn starts_with(chars: &[char], a: usize, b: usize, word: &str) -> bool {
    let n = word.chars().count();
    b - a >= n && chars[a..a + n].iter().copied().eq(word.chars())
}

fn ends_with(chars: &[char], a: usize, b: usize, word: &str) -> bool {
    let n = word.chars().count();
    b - a >= n && chars[b - n..b].iter().copied().eq(word.chars())
}

/// Splits a group on 、 into trimmed name ranges, and on 和/及/与 where both sides are
/// agency names (市级各有关部门及各县市区政府) but not inside one (工业和信息化部).
fn split_names(chars: &[char], a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut names = Vec::new();
    let mut from = a;
    let mut i = a;
    while i <= b {
        // "商务部等和各有关省级人民政府": 等 closes one list, 和 opens the next name.
        let list_end = (i < b)
            .then(|| {
                LIST_THEN_CONJUNCTION
                    .iter()
                    .find(|w| starts_with(chars, i, b, w))
            })
            .flatten();
        if i == b || matches!(chars[i], '、' | '/') || list_end.is_some() {
            let (mut x, mut y) = (from, i);
            trim(chars, &mut x, &mut y);
            if let Some(ending) = ENDINGS_OF_LIST.iter().find(|e| ends_with(chars, x, y, e)) {
                y -= ending.chars().count();
                trim(chars, &mut x, &mut y);
            }
            if x < y {
                split_on_conjunction(chars, x, y, &mut names);
            }
            let skip = list_end.map_or(1, |w| w.chars().count());
            from = i + skip;
            i += skip;
        } else {
            i += 1;
        }
    }
    names
}

/// A list closed by 等 and followed by one more name: "…商务部等和各有关省级人民政府".
const LIST_THEN_CONJUNCTION: &[&str] = &[
    "等部门和",
    "等单位和",
    "等部门及",
    "等单位及",
    "等以及",
    "等和",
    "等及",
    "等与",
];

fn split_on_conjunction(chars: &[char], a: usize, b: usize, names: &mut Vec<(usize, usize)>) {
    let split = (a + 2..b.saturating_sub(2)).find(|&i| {
        matches!(chars[i], '和' | '及' | '与')
            && looks_like_agency(chars, a, i)
            && looks_like_agency(chars, i + 1, b)
    });
    match split {
        Some(i) => {
            names.push((a, i));
            split_on_conjunction(chars, i + 1, b, names);
        }
        None => names.push((a, b)),
    }
}

/// Words that end agency names: a list whose items end otherwise is not an attribution.
const AGENCY_ENDINGS: &[&str] = &[
    "局",
    "厅",
    "委",
    "办",
    "部",
    "院",
    "会",
    "署",
    "行",
    "府",
    "单位",
    "部门",
    "中心",
    "组",
    "室",
    "处",
    "所",
    "社",
    "团",
    "队",
    "馆",
    "站",
    "司",
    "台",
    "协会",
    "联",
    "总工会",
    "团委",
    "妇联",
    "科协",
    "法院",
    "检察院",
    "集团",
    "公司",
    "机构",
    "办公室",
    "街道",
    "镇",
    "区",
    "中央",
];

fn looks_like_agency(chars: &[char], a: usize, b: usize) -> bool {
    let name: String = chars[a..b].iter().collect();
    let han = name.chars().filter(|&c| is_han(c)).count();
    // The ending alone is not a name: "中央和国家机关工委" is one body, not 中央 + 工委.
    han >= 2
        && name.chars().count() <= 40
        && AGENCY_ENDINGS
            .iter()
            .any(|e| name.ends_with(e) && name.chars().count() > e.chars().count())
}

/// The level prefix of the first name of a group: 省 of 省发展改革委, 市 of 市水务局.
fn level_prefix(chars: &[char], (a, b): (usize, usize)) -> Option<&'static str> {
    let name: String = chars[a..b].iter().collect();
    if name.starts_with('省') {
        Some("省")
    } else if name.starts_with('市') && (!name.starts_with("市场") || name.starts_with("市市场"))
    {
        Some("市")
    } else if name.starts_with('区') {
        Some("区")
    } else if name.starts_with('县') {
        Some("县")
    } else {
        None
    }
}

/// A name that carries its own jurisdiction takes no distributed prefix.
fn has_own_jurisdiction(name: &str) -> bool {
    const OWN: &[&str] = &[
        "省",
        "区",
        "县",
        "各",
        "国家",
        "国务院",
        "中央",
        "全国",
        "中国",
        "中共",
        "人民银行",
        "海关",
    ];
    OWN.iter().any(|p| name.starts_with(p))
        || (name.starts_with('市') && (!name.starts_with("市场") || name.starts_with("市市场")))
        || starts_with_province(name)
}

/// Collective bodies, named by a class rather than as one agency: 各有关部门, 各地级以上市人民政府,
/// 领导小组（各）成员单位, and governments of a class of places (试点城市政府, 地方各级人民政府,
/// 有关城市人民政府). A place or a ministry (广州市人民政府, 省政府, 生态环境部) is one agency.
pub fn is_generic(name: &str) -> bool {
    name.starts_with('各')
        || name.starts_with("有关")
        || name.starts_with("相关")
        || name.contains("成员单位")
        || [
            "有关部门",
            "相关部门",
            "有关单位",
            "相关单位",
            "有关方面",
            "行政部门",
            "主管部门",
        ]
        .iter()
        .any(|g| name.ends_with(g))
        || named_by_class(name)
}

/// Whether `name` is a body (政府, 部门, 单位…) whose jurisdiction is written only in words of
/// class — kinds of place (城市, 地区, 地方), levels (省级, 县级以上) and selections (试点, 有关,
/// 所在地) — so it stands for every body of that class: 试点城市政府, 地方各级人民政府,
/// 县级以上地方人民政府, 县（市、区）人民政府. A jurisdiction with a place name, or a bare level
/// (市政府, the document's own city), names one body.
fn named_by_class(name: &str) -> bool {
    /// Bodies a class of places has one of each; longer first.
    const BODIES: &[&str] = &[
        "党委和政府",
        "党委政府",
        "人民政府",
        "政府",
        "党委",
        "部门",
        "单位",
        "机构",
    ];
    /// Words that name a kind, level or selection of places, never one place.
    const CLASS_WORDS: &[&str] = &[
        "设区的市",
        "地方",
        "城市",
        "地区",
        "省份",
        "乡镇",
        "街道",
        "基层",
        "各级",
        "省级",
        "市级",
        "县级",
        "地级",
        "乡级",
        "以上",
        "以下",
        "试点",
        "示范",
        "重点",
        "有关",
        "相关",
        "当地",
        "所在地",
        "属地",
        "辖区",
        "本级",
        "同级",
        "上级",
        "下级",
        "各",
    ];
    /// A bare level: alone it is the document's own jurisdiction (市政府); two or more (市县政府,
    /// 县（市、区）) are every body of those levels.
    const LEVELS: &[char] = &['省', '市', '县', '区', '乡', '镇', '州', '盟', '旗'];

    let Some(place) = BODIES.iter().find_map(|b| name.strip_suffix(b)) else {
        return false;
    };
    let mut rest = place;
    let (mut class_words, mut levels) = (0, 0);
    while !rest.is_empty() {
        if let Some(word) = CLASS_WORDS.iter().find(|w| rest.starts_with(*w)) {
            rest = &rest[word.len()..];
            class_words += 1;
        } else if let Some(c) = rest.chars().next().filter(|c| LEVELS.contains(c)) {
            rest = &rest[c.len_utf8()..];
            levels += 1;
        } else if let Some(c) = rest.chars().next().filter(|c| "（）()、".contains(*c)) {
            // "县（市、区）": the brackets list more levels.
            rest = &rest[c.len_utf8()..];
        } else {
            return false;
        }
    }
    class_words > 0 || levels > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, lead_first: bool) -> Vec<(String, AgencyRole, bool)> {
        let chars: Vec<char> = text.chars().collect();
        attributions(&chars, lead_first)
            .into_iter()
            .flatten()
            .map(|n| (n.name, n.role, n.generic))
            .collect()
    }

    #[test]
    fn governments_of_a_class_of_places_are_generic() {
        // 007 二（一）: "（生态环境部指导，试点城市政府负责落实。…）".
        for class in [
            "试点城市政府",
            "地方各级人民政府",
            "有关城市人民政府",
            "各试点地区",
            "县级以上地方人民政府",
            "县（市、区）人民政府",
            "市县政府",
            "所在地人民政府",
            "省级人民政府",
        ] {
            assert!(is_generic(class), "{class} is a class of bodies");
        }
        for one in [
            "广州市人民政府",
            "市政府",
            "省政府",
            "生态环境部",
            "省地方金融监管局",
            "国务院",
            "深圳市城市管理和综合执法局",
            "雄安新区管委会",
        ] {
            assert!(!is_generic(one), "{one} is one agency");
        }
    }

    #[test]
    fn prefix_does_not_cross_a_comma() {
        let got = read(
            "（省发展改革委、财政厅、质监局，人民银行广州分行、广东银监局等分工负责）",
            false,
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "省发展改革委",
                "省财政厅",
                "省质监局",
                "人民银行广州分行",
                "广东银监局"
            ]
        );
        assert!(got.iter().all(|g| g.1 == AgencyRole::Responsible));
    }

    #[test]
    fn two_leads_and_a_label() {
        let got = read("（农业农村部、工业和信息化部牵头负责）", false);
        assert!(got.iter().all(|g| g.1 == AgencyRole::Lead));
        let got = read(
            "（责任单位：市水务局、住房城乡建设管理委，各区政府）",
            false,
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["市水务局", "市住房城乡建设管理委", "各区政府"]);
        assert!(got[2].2, "各区政府 is generic");
    }

    #[test]
    fn stated_convention() {
        let got = read(
            "（省科技厅、财政厅等负责。列第一位者为牵头单位，下同）",
            false,
        );
        assert_eq!(got[0].1, AgencyRole::Lead);
        assert_eq!(got[1].1, AgencyRole::Participant);
    }

    #[test]
    fn square_brackets_label_and_trailing_note() {
        let got = read(
            "〔责任单位：省发展改革委、省市场监管局、商务厅、省大数据中心按职责分工负责。具体任务均涉及相关市(州)人民政府，不再做分工，下同。〕",
            false,
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            names,
            ["省发展改革委", "省市场监管局", "省商务厅", "省大数据中心"]
        );
        assert!(got.iter().all(|g| g.1 == AgencyRole::Responsible));
        assert!(read("〔2018〕", false).is_empty());
    }

    #[test]
    fn conjunctions_between_agencies_only() {
        let got = read(
            "（市政府办公室、市审改办牵头，市级各有关部门及各县市区政府按职责分工负责）",
            false,
        );
        let names: Vec<(&str, AgencyRole)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        assert_eq!(
            names,
            [
                ("市政府办公室", AgencyRole::Lead),
                ("市审改办", AgencyRole::Lead),
                ("市级各有关部门", AgencyRole::Participant),
                ("各县市区政府", AgencyRole::Participant),
            ]
        );
        let got = read("（工业和信息化部、人力资源和社会保障部负责）", false);
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn a_list_closed_by_deng_then_one_more_name() {
        // 国办发〔2018〕129号 (消费扶贫).
        let got = read(
            "（商务部、扶贫办、发展改革委、工业和信息化部、财政部、交通运输部、农业农村部、文化和旅游部、粮食和储备局、供销合作总社等和各有关省级人民政府负责）",
            false,
        );
        let names: Vec<(&str, bool)> = got.iter().map(|g| (g.0.as_str(), g.2)).collect();
        assert_eq!(
            names,
            [
                ("商务部", false),
                ("扶贫办", false),
                ("发展改革委", false),
                ("工业和信息化部", false),
                ("财政部", false),
                ("交通运输部", false),
                ("农业农村部", false),
                ("文化和旅游部", false),
                ("粮食和储备局", false),
                ("供销合作总社", false),
                ("各有关省级人民政府", true),
            ]
        );
        let got = read(
            "（扶贫办、中央统战部、中央和国家机关工委、教育部、全国总工会、共青团中央等和各省级人民政府负责）",
            false,
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "扶贫办",
                "中央统战部",
                "中央和国家机关工委",
                "教育部",
                "全国总工会",
                "共青团中央",
                "各省级人民政府"
            ]
        );
        let got = read("（省民政厅等部门和各地级以上市人民政府负责）", false);
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["省民政厅", "各地级以上市人民政府"]);
    }

    #[test]
    fn huitong_makes_a_lead() {
        // 国办发〔2018〕117号 (基础设施补短板).
        let got = read("（国家发展改革委、财政部会同有关部门负责）", false);
        let roles: Vec<(&str, AgencyRole, bool)> =
            got.iter().map(|g| (g.0.as_str(), g.1, g.2)).collect();
        assert_eq!(
            roles,
            [
                ("国家发展改革委", AgencyRole::Lead, false),
                ("财政部", AgencyRole::Lead, false),
                ("有关部门", AgencyRole::Participant, true),
            ]
        );
        // 国办发〔2018〕128号: a guiding agency and a participant.
        let got = read("（商务部指导，供销合作总社参与）", false);
        let roles: Vec<(&str, AgencyRole)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        assert_eq!(
            roles,
            [
                ("商务部", AgencyRole::Lead),
                ("供销合作总社", AgencyRole::Participant)
            ]
        );
    }

    #[test]
    fn guiding_agencies_answer_for_the_work() {
        // 国办发〔2018〕128号 (无废城市).
        let got = read("（自然资源部、工业和信息化部指导）", false);
        let roles: Vec<(&str, AgencyRole)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        assert_eq!(
            roles,
            [
                ("自然资源部", AgencyRole::Responsible),
                ("工业和信息化部", AgencyRole::Responsible)
            ]
        );
    }

    #[test]
    fn the_agency_after_you_is_named() {
        // 国发〔2019〕4号: "由" names who answers for the work.
        let got = read("（技工院校内由人力资源社会保障行政部门负责）", false);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "人力资源社会保障行政部门");
        assert!(got[0].2, "a kind of department, not one agency");
    }

    #[test]
    fn not_attributions() {
        assert!(read("（含销售者、电商平台、市场开办者等）", false).is_empty());
        assert!(read("（国内生产总值）", false).is_empty());
        assert!(read("（实验室）", false).is_empty());
    }
}
