//! The clause tree: nesting from marker styles, ids, headings, and numbering diagnostics.
//!
//! Nesting follows the styles, never indentation: a style already open on the path closes
//! everything below it (a new sibling); a new style nests under the current clause, unless
//! convention ranks it above (第X章 after 第X条 closes the 条). Convention ranks
//! 编 > 章 > 节 > 条 > 一、 > （一） > 1． > （1） > 1） > ①, which also makes hybrids work
//! (第X章 chapters holding 一、 items).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Clause, Diagnostic, DiagnosticKind, Lines, MarkerStyle, Span};
use crate::normalize::{is_terminal, MappedText};
use crate::structure::markers::Marker;

/// A first sentence longer than this is not a title.
const MAX_HEADING_CHARS: usize = 40;
/// A heading line standing alone may be longer: standing alone marks it as a title.
const MAX_TITLE_LINE_CHARS: usize = 60;

/// A clause being built: its marker, and its own text so far.
pub(crate) struct OpenClause {
    pub marker: Marker,
    pub text: MappedText,
    pub lines: Lines,
    pub start: usize,
    pub end: usize,
}

/// Builds clauses in document order.
#[derive(Default)]
pub(crate) struct TreeBuilder {
    clauses: Vec<Clause>,
    /// Indices (into `clauses`) of the open path, top level first.
    path: Vec<usize>,
    /// How many clauses took each base id so far ("1.2" → 3 means "1.2", "1.2~2" and
    /// "1.2~3" are taken), so a repeated number finds its free id at once. Base ids never
    /// hold `~`, so "base~n" cannot collide with another base.
    ids: HashMap<String, u32>,
    /// The last clause (index) of each style under each parent (`None`: top level), for
    /// numbering checks without searching back through the document.
    last_child: HashMap<(Option<usize>, MarkerStyle), usize>,
    /// The last number seen in each style anywhere, for numbering that runs on across
    /// parents.
    last_in_style: HashMap<MarkerStyle, u32>,
    pub diagnostics: Vec<Diagnostic>,
}

impl TreeBuilder {
    pub(crate) fn push(&mut self, open: OpenClause) {
        let style = open.marker.style;
        if let Some(at) = self
            .path
            .iter()
            .position(|&i| self.clauses[i].style == style)
        {
            self.path.truncate(at);
        } else {
            while self
                .path
                .last()
                .is_some_and(|&i| self.clauses[i].style > style)
            {
                self.path.pop();
            }
        }
        let parent_index = self.path.last().copied();
        let previous_sibling = self
            .last_child
            .insert((parent_index, style), self.clauses.len())
            .map(|i| &self.clauses[i]);
        let diagnostic = self.check_numbering(&open, previous_sibling);
        self.diagnostics.extend(diagnostic);

        let parent = parent_index.map(|i| &self.clauses[i]);
        let in_article = style == MarkerStyle::Tiao
            || self
                .path
                .iter()
                .any(|&i| self.clauses[i].style == MarkerStyle::Tiao);
        let mut labels = parent.map(|p| p.labels.clone()).unwrap_or_default();
        labels.push(open.marker.label.clone());
        let mut numbers = parent.map(|p| p.numbers.clone()).unwrap_or_default();
        numbers.push(open.marker.number);
        let mut base = numbers
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(".");
        if let Some(sub) = open.marker.sub {
            base = format!("{base}-{sub}");
        }
        let uses = self.ids.entry(base.clone()).or_insert(0);
        *uses += 1;
        let id = match *uses {
            1 => base,
            repeat => format!("{base}~{repeat}"),
        };
        let (text, origin) = open.text.into_parts();
        let clause = Clause {
            id,
            parent: parent.map(|p| p.id.clone()),
            labels,
            numbers,
            level: self.path.len() + 1,
            style,
            heading: heading(&text, style, in_article),
            text,
            lines: open.lines,
            span: Span::chars(open.start, open.end),
            agencies: Vec::new(),
            quantities: Vec::new(),
            targets: Vec::new(),
            origin,
        };
        self.last_in_style.insert(style, open.marker.number);
        self.path.push(self.clauses.len());
        self.clauses.push(clause);
    }

    /// The article (第X条) on the open path below which a clause of `style` would nest:
    /// the one an item of that article belongs to.
    pub(crate) fn article_above(&self, style: MarkerStyle) -> Option<usize> {
        if style <= MarkerStyle::Tiao {
            return None;
        }
        self.path
            .iter()
            .rev()
            .copied()
            .find(|&i| self.clauses[i].style == MarkerStyle::Tiao)
    }

    /// Adds a paragraph to the article on the open path, after what its text holds: a 款
    /// that follows the article's list of items (项). Its range of lines and offsets then
    /// runs to the paragraph's end, over the items. Without an article, nothing.
    pub(crate) fn continue_article(
        &mut self,
        paragraph: &MappedText,
        lines_end: usize,
        end: usize,
    ) {
        let article = self
            .path
            .iter()
            .rev()
            .copied()
            .find(|&i| self.clauses[i].style == MarkerStyle::Tiao);
        let (Some(article), Some(&first)) = (article, paragraph.origin().first()) else {
            return;
        };
        let clause = &mut self.clauses[article];
        if !clause.text.is_empty() {
            clause.text.push('\n');
            clause.origin.push(first);
        }
        clause.text.push_str(paragraph.text());
        clause.origin.extend_from_slice(paragraph.origin());
        clause.lines.end = clause.lines.end.max(lines_end);
        clause.span.end = clause.span.end.max(end);
    }

    /// Compares a clause's number with its previous sibling of its style, or for a first
    /// child with 1 and with the last number of its style (numbering that runs on across
    /// parents).
    fn check_numbering(
        &self,
        open: &OpenClause,
        previous_sibling: Option<&Clause>,
    ) -> Option<Diagnostic> {
        let number = open.marker.number;
        let label = &open.marker.label;
        let line = Some(open.lines.start);
        let diagnostic = match previous_sibling {
            Some(prev) => {
                let last = *prev.numbers.last().expect("clauses have numbers");
                let prev_label = prev.labels.last().expect("clauses have labels");
                if number == last + 1 || open.marker.sub.is_some() {
                    None
                } else if number == last {
                    Some((
                        DiagnosticKind::NumberingDuplicate,
                        format!("{label} repeats {prev_label}"),
                    ))
                } else if number > last {
                    Some((
                        DiagnosticKind::NumberingGap,
                        format!("{label} follows {prev_label}: numbers skipped"),
                    ))
                } else {
                    Some((
                        DiagnosticKind::NumberingOrder,
                        format!("{label} follows {prev_label}: out of order"),
                    ))
                }
            }
            None => {
                let runs_on = self.last_in_style.get(&open.marker.style).map(|n| n + 1);
                if number == 1 || Some(number) == runs_on {
                    None
                } else {
                    Some((
                        DiagnosticKind::NumberingGap,
                        format!("{label} is the first of its level here but neither 1 nor the next after its style's last number"),
                    ))
                }
            }
        };
        diagnostic.map(|(kind, message)| Diagnostic {
            kind,
            line,
            message,
        })
    }

    pub(crate) fn finish(self) -> (Vec<Clause>, Vec<Diagnostic>) {
        (self.clauses, self.diagnostics)
    }
}

/// The heading of a clause, read from its own text (the label cut off):
/// - a first paragraph with no sentence end is a title whatever punctuation it holds
///   inside ("强化协同联动，形成工作合力"): the paragraph reader only leaves such a line
///   standing alone when it is a heading line, not a sentence that wraps; a final ：
///   ("基本原则：") is dropped, but a line that ends with ： after a comma introduces a
///   list ("有下列情形之一的，不予登记：") and is a sentence;
/// - a chapter, section or part (编/篇/部分/章/节) holds only its title, so all of its own text
///   is the title when none of it ends a sentence (a title wrapped onto a second line);
/// - otherwise the first sentence up to 。 when it is short and holds no clause break
///   (；：): with a comma only when it runs in before more text
///   ("（一）带量采购，以量换价。在试点地区……"; an attribution "（负责部门：…）" is not
///   more text), does not read as a sentence (see [`SENTENCE_NOT_TITLE`]), and the clause
///   is not an article (第X条) or an item of one, whose first sentence is a rule.
fn heading(text: &str, style: MarkerStyle, in_article: bool) -> Option<String> {
    let first = text.split('\n').next().unwrap_or("");
    if style.is_division() && !text.chars().any(is_terminal) {
        let whole: String = text.split('\n').collect();
        return title_length(&whole, MAX_TITLE_LINE_CHARS).then_some(whole);
    }
    if !first.chars().any(is_terminal) {
        return title_length(first, MAX_TITLE_LINE_CHARS).then(|| first.to_string());
    }
    let (candidate, runs_on) = match first.find('。') {
        Some(end) => (&first[..end], runs_on(&text[end + '。'.len_utf8()..])),
        None => (first.trim_end_matches([':', '：']), false),
    };
    let candidate = candidate.trim();
    if candidate.chars().any(is_terminal) || !title_length(candidate, MAX_HEADING_CHARS) {
        return None;
    }
    let has_comma = candidate.contains(['，', ',']);
    let is_title =
        !has_comma || (runs_on && !in_article && !SENTENCE_NOT_TITLE.is_match(candidate));
    is_title.then(|| candidate.to_string())
}

/// Comma-joined phrases that make a sentence rather than a title ("强化顶层设计引领，
/// 发挥政府宏观指导作用" is a title): a time or circumstance clause before a comma
/// (转制时，/ 结束后，/ 在…领导下，), a phrase opened by a modal, a purpose, a preposition,
/// an addressee or a detail (要…, 为了…, 对…, 你省…, 具体…), modal verbs anywhere (应当,
/// 必须, 不得, 可以, 是指), and the copula 是 (not 实事求是, 是否).
static SENTENCE_NOT_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:时|后|前|下)[，,]|(?:^|[，,])(?:要|应|须|为了|对|你|我|经|除|如|凡|根据|按照|依照|具体)|应当|必须|不得|可以|是指|(?:^|[^求])是[^否]")
        .unwrap()
});

/// Whether more text follows the first sentence: something beyond an attribution
/// parenthetical such as "（负责部门：知识产权局）".
fn runs_on(rest: &str) -> bool {
    let mut rest = rest.trim_start();
    if rest.starts_with(['（', '(']) {
        if let Some((close, c)) = rest.char_indices().find(|&(_, c)| c == '）' || c == ')') {
            rest = &rest[close + c.len_utf8()..];
        }
    }
    !rest.trim().is_empty()
}

fn title_length(candidate: &str, max: usize) -> bool {
    (1..=max).contains(&candidate.chars().count())
}

#[cfg(test)]
mod tests {
    use super::heading;
    use crate::model::MarkerStyle::{self, *};

    fn h(text: &str, style: MarkerStyle) -> Option<String> {
        heading(text, style, style == Tiao)
    }

    #[test]
    fn headings() {
        assert_eq!(h("总体要求", ChineseComma).as_deref(), Some("总体要求"));
        assert_eq!(
            h("强化市场主体责任。市场主体…", ParenChinese).as_deref(),
            Some("强化市场主体责任")
        );
        assert_eq!(
            h("大力推广质量管理先进标准和方法。", ParenChinese).as_deref(),
            Some("大力推广质量管理先进标准和方法")
        );
        assert_eq!(h("为了规范质量工作，制定本条例。", Tiao), None);
        assert_eq!(
            h(
                "以习近平新时代中国特色社会主义思想为指导，全面贯彻…",
                ChineseComma
            ),
            None
        );
        assert_eq!(
            h("基本原则：\n--创新驱动", ChineseComma).as_deref(),
            Some("基本原则")
        );
        assert_eq!(h("", ChineseComma), None);
    }

    #[test]
    fn a_heading_line_is_a_title_whatever_its_punctuation() {
        // govcn 008 (line 73), and headings of published plans.
        for (text, style, want) in [
            (
                "政策衔接，三医联动\n（一）做好与医保支付政策的衔接。",
                ChineseComma,
                "政策衔接，三医联动",
            ),
            (
                "强化协同联动，形成工作合力\n各有关部门要密切配合。",
                ChineseComma,
                "强化协同联动，形成工作合力",
            ),
            (
                "坚持系统推进，重点突破",
                ParenChinese,
                "坚持系统推进，重点突破",
            ),
            (
                "健全“双随机、一公开”监管机制",
                ParenChinese,
                "健全“双随机、一公开”监管机制",
            ),
        ] {
            assert_eq!(h(text, style).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn a_run_in_first_sentence_with_commas_is_a_title() {
        // govcn 007, 017 and 030, and a plan's 实事求是 heading.
        assert_eq!(
            h("坚持实事求是，分类推进。各地要从实际出发。", ParenChinese).as_deref(),
            Some("坚持实事求是，分类推进")
        );
        assert_eq!(
            h(
                "研究制定指导性文件，规范各级政府网站的建设与管理。目前，国办已会同有关部门起草。",
                ChineseComma
            )
            .as_deref(),
            Some("研究制定指导性文件，规范各级政府网站的建设与管理")
        );
        assert_eq!(
            h("强化顶层设计引领，发挥政府宏观指导作用。建立“无废城市”建设指标体系，发挥导向引领作用。", ParenChinese).as_deref(),
            Some("强化顶层设计引领，发挥政府宏观指导作用")
        );
        assert_eq!(
            h(
                "推进政务公开，强化解读回应。积极运用政务新媒体传播党和政府声音。",
                ParenChinese
            )
            .as_deref(),
            Some("推进政务公开，强化解读回应")
        );
    }

    #[test]
    fn sentences_are_not_titles() {
        for (text, style) in [
            // An article's first sentence is a rule (govcn 032, 033).
            ("父母可以选择由其中一方按扣除标准的100%扣除，也可以选择由双方分别按扣除标准的50%扣除，具体扣除方式在一个纳税年度内不能变更。", Tiao),
            ("经夫妻双方约定，可以选择由其中一方扣除，具体扣除方式在一个纳税年度内不能变更。\n第二款。", Tiao),
            ("除国务院财政、税务主管部门另有规定外，下列所得，不论支付地点是否在中国境内，均为来源于中国境内的所得：\n（一）因任职", Tiao),
            // List items (公司法 第三十二条, 个人所得税法实施条例 第三条).
            ("住所；", ParenChinese),
            ("因任职、受雇、履约等在中国境内提供劳务取得的所得；", ParenChinese),
            // A clause that is one sentence with a comma.
            ("各地要高度重视质量工作，加强组织领导。", ParenChinese),
            // A first sentence too long for a title.
            ("以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中全会精神，坚持稳中求进工作总基调。下略。", ChineseComma),
            // A list introduced with a colon after a comma.
            ("有下列情形之一的，不予登记：\n（一）甲；", ChineseComma),
        ] {
            assert_eq!(h(text, style), None, "{text}");
        }
    }

    #[test]
    fn run_in_sentences_are_not_titles() {
        // govcn 018, 019, 021, 050, 057: a first sentence with more text after it.
        for text in [
            "转制时，要按照国家相关法律规定，自企业登记注册之日起与在职职工全部签订劳动合同。转制前已离退休人员，原有待遇标准不变。",
            "清理整顿工作结束后，登记管理机关和业务主管部门要做好检查验收。国务院各部委要认真总结。",
            "对已发现的日军遗弃的化学武器，其技术处理和有关管理工作由军队各级防化业务部门负责。其他单位予以配合。",
            "你省的电力发展应纳入东北电网统筹考虑，实现资源优化配置。根据国家电力发展规划，东北电网将加快建设。",
            "日军遗弃化学武器是历史遗留问题，敏感性、专业性较强，情况复杂。因此，这项工作由外交部牵头。",
            "其他有关部门在指挥部的统一领导下，做好相关配合工作。地方粮食应急机构负责本地区工作。",
            "允许投资人以知识产权等无形资产评估作价出资组建文化企业，具体按国家法律规定执行。鼓励社会资本参与。",
            // An attribution after the sentence is not more text.
            "在自贸试验区设立受理点，受理商标权质押登记。（负责部门：知识产权局）",
        ] {
            assert_eq!(h(text, ParenChinese), None, "{text}");
        }
        // Items of an article (govcn 058 第二十五条（五）).
        let item = "疏于管理，造成严重后果。\n专业代理机构在执业过程中泄露委托人的发明创造内容。";
        assert_eq!(heading(item, ParenChinese, true), None);
        assert_eq!(
            heading(item, ParenChinese, false).as_deref(),
            Some("疏于管理，造成严重后果")
        );
    }

    #[test]
    fn a_chapter_title_wrapped_onto_two_lines_is_one_title() {
        // 国际海运条例 (2019), 第四章, as printed in fixtures/revisions/12.old.md.
        assert_eq!(
            h("外商投资经营国际海上运输\n及其辅助性业务的特别规定", Zhang).as_deref(),
            Some("外商投资经营国际海上运输及其辅助性业务的特别规定")
        );
        assert_eq!(h("总则", Zhang).as_deref(), Some("总则"));
    }
}
