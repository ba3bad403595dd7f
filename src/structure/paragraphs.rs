//! Lines → paragraphs: classify every source line, set apart what is not document text,
//! and join hard-wrapped lines (PDF extractions break lines every ~40 characters, even
//! mid-word) into paragraphs without ever joining a heading onto its neighbours.
//!
//! Joining rules, in order:
//! - blank lines and set-apart lines (page numbers, web furniture) are transparent, so a
//!   sentence broken by a page break is joined again;
//! - a line that starts with a marker starts a paragraph, unless it follows a sentence
//!   left open and its number does not continue its style's sequence ("一、二产业" wrapped
//!   onto a new line is text, not clause 一);
//! - a heading line of a style whose headings stand alone (一、总体要求) ends its paragraph;
//! - a paragraph whose last sentence is open continues on the next line;
//! - a closed sentence continues only in a hard-wrapped text, on a line as wide as the
//!   wrap width, when the next line is not indented;
//! - a Markdown heading (`## 第一章　总则`, a line bold from end to end) stands alone.
//!
//! Lines are read for what they show: Markdown and comment markup is set aside by
//! [`markup`] before a line is classified, and never enters a paragraph's text.

mod markup;

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use unicode_width::UnicodeWidthChar;

use crate::model::{ExcludedReason, Lines, MarkerStyle};
use crate::normalize::{fold, is_cell_bar, is_space, is_terminal, MappedText};
use crate::structure::markers::{recognize, Marker};
use crate::structure::numerals::parse_chinese_integer;

/// One line of the source, trimmed.
#[derive(Debug)]
pub(crate) struct SourceLine<'a> {
    /// 1-based line number.
    pub number: usize,
    /// Offset (chars) of the first non-space char.
    pub content_start: usize,
    /// Leading whitespace as display columns (an ideographic space counts 2).
    pub indent: usize,
    /// The line without leading and trailing whitespace.
    pub content: &'a str,
    /// Display width of `content`.
    pub width: usize,
    /// Markdown or comment markup on the line, if any (see [`markup`]).
    markup: Option<Box<markup::Markup>>,
    /// The content is a row of a table ([`is_table_row`]), worked out once.
    cells: bool,
}

impl SourceLine<'_> {
    /// The text a reader sees: the content without its markup.
    pub(crate) fn text(&self) -> &str {
        self.markup
            .as_ref()
            .map_or(self.content, |m| m.text.as_str())
    }

    /// A Markdown heading (`#`…, or bold from end to end): it stands alone.
    fn is_markup_heading(&self) -> bool {
        self.markup.as_ref().is_some_and(|m| m.heading)
    }

    /// A row of a table (see [`is_table_row`]): it stands alone too, and keeps its cells.
    fn is_table_row(&self) -> bool {
        self.markup.is_none() && self.cells
    }

    /// Appends the visible chars, with their source offsets, to `text` as a line
    /// ([`MappedText::push_line`]). This runs once for every char of the document: a
    /// line without markup or inner whitespace is copied whole; otherwise room is made
    /// first, and each arm pushes from its own concrete iterator.
    fn push_onto(&self, text: &mut MappedText) {
        let start = self.content_start;
        match &self.markup {
            // Cells stay apart: a tab between them is kept, one per tab, so an empty
            // cell still holds its column. Elsewhere (第一章<tab>总则) a tab is a space.
            None if self.content.contains('\t') && self.is_table_row() => {
                text.reserve(self.content.len(), self.content.chars().count());
                for (i, c) in self.content.chars().enumerate() {
                    if c == '\t' {
                        text.push_cell_break(start + i);
                    } else {
                        text.push(start + i, c);
                    }
                }
            }
            None if !self.content.chars().any(is_space) => {
                text.push_visible_line(self.content, start);
            }
            None => {
                text.reserve(self.content.len(), self.content.chars().count());
                text.push_line(
                    self.content
                        .chars()
                        .enumerate()
                        .map(|(i, c)| (start + i, c)),
                );
            }
            Some(m) => {
                text.reserve(m.text.len(), m.at.len());
                text.push_line(
                    m.at.iter()
                        .zip(m.text.chars())
                        .map(|(&i, c)| (start + i, c)),
                );
            }
        }
    }

    fn end(&self) -> usize {
        self.content_start + self.content.chars().count()
    }
}

/// Splits decoded text (LF line ends) into trimmed lines with their char offsets.
pub(crate) fn split_lines(text: &str) -> Vec<SourceLine<'_>> {
    let mut lines = Vec::new();
    let mut offset = 0;
    let mut comment = markup::InComment::default();
    for (index, raw) in text.split('\n').enumerate() {
        let raw_chars = raw.chars().count();
        // The leading whitespace, measured in one pass without collecting it.
        let (mut lead_chars, mut lead_bytes, mut indent) = (0, 0, 0);
        for c in raw.chars().take_while(|&c| is_space(c)) {
            lead_chars += 1;
            lead_bytes += c.len_utf8();
            indent += c.width().unwrap_or(1);
        }
        let content = raw[lead_bytes..].trim_end_matches(is_space);
        lines.push(SourceLine {
            number: index + 1,
            content_start: offset + lead_chars,
            indent,
            content,
            width: content.chars().map(|c| c.width().unwrap_or(0)).sum(),
            markup: markup::read(content, &mut comment).map(Box::new),
            cells: is_table_row(content),
        });
        offset += raw_chars + 1;
    }
    if text.ends_with('\n') {
        lines.pop(); // the empty "line" after the final line end
    }
    lines
}

/// What a line is, before joining.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LineKind {
    Blank,
    Excluded(ExcludedReason),
    Marker(Marker),
    /// The whole line is a 文号, normalized.
    DocNumber(String),
    /// The whole line is a date, `YYYY-MM-DD`.
    Date(String),
    /// An issuing body's name standing just above a date line.
    Signature,
    /// `联系人：蔡冰如`: a short key–value line that never joins its neighbours.
    Field,
    /// A —— or • bullet: always starts a paragraph.
    Bullet,
    Text,
}

/// A 文号: 粤府〔2020〕50 号, 国办发[2018]3号, 粤府函（2020）12号.
static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]?([\p{Han}A-Za-z]{1,14})\s*[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(\d{1,5})\s*号[）)]?$")
        .unwrap()
});

/// A date line: 2020 年 9 月 17 日, 二〇二〇年九月十七日, （2018年8月23日印发）.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[（(]?\s*([0-9]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*(?:印发|发布|签发)?\s*[）)]?$",
    )
    .unwrap()
});

/// A page number of the printed original: — 3 —, - 12 -, 第 3 页, 3/10, a bare 12.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-—–－―~～·]+\s*\d{1,4}\s*[-—–－―~～·]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})$")
        .unwrap()
});

/// A note on where the text was copied from (simplified or traditional), or a bare URL.
static SOURCE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"节录自|節錄自|摘录自|摘錄自|转载自|轉載自|全文可参阅|全文可參閱|^[（(]?以下.{0,12}(?:附录|附錄)|^(?:信息)?来源[:：]|^來源[:：]|^[<(（]?\s*(?:https?://|www\.)\S*\s*[>)）]?$")
        .unwrap()
});

/// Page furniture of government web sites.
static WEB_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"扫一扫在手机打开当前页|扫一扫在手机上查看|【打印(?:本页)?】|【关闭(?:窗口)?】|\[打印\]|\[关闭\]|打印本页|关闭窗口|^字号[:：]|【字体[:：]|^分享到|浏览次数|阅读次数|访问量[:：]|^责任编辑|^返回顶部|^相关链接|^附件下载|我要纠错|^当前位置[:：]|^(?:网站)?首页\s*[>›»]|^发布时间[:：]|^发布日期[:：]")
        .unwrap()
});

/// An editor's sentence inserted by a reprint: 近日，…印发…全文如下。
static EDITORIAL_INSERT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"全文如下|现予刊发|全文刊登如下|^近日[，,].{0,60}(?:印发|发布)《").unwrap()
});

/// The name of an issuing body, as printed in a signature.
static ISSUER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Han}（）()、\s]{2,40}(?:人民政府|办公厅|办公室|委员会|常委会|省委|市委|县委|区委|党委|政府|局|厅|委|部|署|院|会|中心|办|银行|集团|公司|分行)$")
        .unwrap()
});

/// The start of an attachment list: 附件：1．…, 附件1：….
static ATTACHMENT_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^附\s*件\s*(?:[:：]|\d{1,2}\s*[:：.．、]?)").unwrap());

/// Items of an attachment list are short titles.
const MAX_ATTACHMENT_ITEM_CHARS: usize = 40;

/// `联系人：蔡冰如`, `联系电话：0769-…`.
static FIELD_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Han}{2,8}[:：]\s*\S").unwrap());

/// Bullets that open a paragraph: ——, --, •, ●, ■, ◆, ★, ▲, ·.
static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:——|--|—|[•●■◆★▲▪·])").unwrap());

/// Titles end with the name of their genre, perhaps with a draft mark or a closing 》.
static TITLE_ENDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:通知|通报|意见|方案|纲要|规划|计划|办法|规定|条例|细则|决定|决议|公告|通告|批复|要点|措施|报告|函|指引|指南|规则|章程|清单|目录|征求意见稿|送审稿|草案|讨论稿|试行|暂行)[》」]?(?:[（(][^）)]{1,10}[）)])?[》」]?$")
        .unwrap()
});

/// Lines longer than this are never page furniture.
const MAX_NOISE_LINE_CHARS: usize = 80;
/// Key–value lines are short.
const MAX_FIELD_LINE_CHARS: usize = 60;

/// Classifies one line on its own (signatures need their neighbours: see [`classify`]).
fn classify_line(line: &SourceLine<'_>, in_front_matter: bool) -> LineKind {
    // "- 3 -" is a page number before it is a list item.
    if PAGE_NUMBER.is_match(line.content) {
        return LineKind::Excluded(ExcludedReason::PageNumber);
    }
    let content = line.text();
    if content.is_empty() {
        return LineKind::Blank;
    }
    let chars = content.chars().count();
    if chars <= MAX_NOISE_LINE_CHARS {
        if SOURCE_NOTE.is_match(content) {
            return LineKind::Excluded(ExcludedReason::SourceNote);
        }
        if WEB_NOISE.is_match(content) {
            return LineKind::Excluded(ExcludedReason::WebNoise);
        }
        if in_front_matter && matches!(content, "附录" | "附錄") {
            return LineKind::Excluded(ExcludedReason::SourceNote);
        }
    }
    if chars <= 2 * MAX_NOISE_LINE_CHARS && EDITORIAL_INSERT.is_match(content) {
        return LineKind::Excluded(ExcludedReason::EditorialInsert);
    }
    if let Some(number) = doc_number(content) {
        return LineKind::DocNumber(number);
    }
    if let Some(date) = date_line(content) {
        return LineKind::Date(date);
    }
    let table_row = if line.markup.is_none() {
        line.cells
    } else {
        is_table_row(content)
    };
    if !table_row {
        if let Some(marker) = recognize(content) {
            return LineKind::Marker(marker);
        }
    }
    if BULLET.is_match(content) || line.markup.as_ref().is_some_and(|m| m.bullet) {
        return LineKind::Bullet;
    }
    if chars <= MAX_FIELD_LINE_CHARS && FIELD_LINE.is_match(content) {
        return LineKind::Field;
    }
    LineKind::Text
}

/// A row of a table extracted as text: cells separated by tabs or box-drawing bars. Its
/// first cell may be a number ("1\t食品抽检合格率\t98%"), which is not a clause label. A
/// label and its title with one tab between them ("第一章\t总则", as Word lays headings
/// out) are a heading, not two cells.
fn is_table_row(content: &str) -> bool {
    // Nearly every line is asked, and nearly none holds a separator: bytes and substring
    // searches answer that without decoding the line char by char (a char-set `contains`
    // cost 4% of parsing).
    let bytes = content.as_bytes();
    let has_separator = bytes.contains(&b'\t')
        || bytes.contains(&b'|')
        || content.contains('│')
        || content.contains('┃');
    if !has_separator {
        return false;
    }
    if content.chars().any(is_cell_bar) {
        return true;
    }
    match content.matches('\t').count() {
        0 => false,
        1 => {
            !recognize(content).is_some_and(|m| content.chars().take(m.consumed).any(|c| c == '\t'))
        }
        _ => true,
    }
}

/// The 文号 of a line that holds nothing else, normalized to 粤府〔2020〕50号.
pub(crate) fn doc_number(content: &str) -> Option<String> {
    // Nearly every line is asked: one without 号 cannot match, and is answered at once.
    if !content.contains('号') {
        return None;
    }
    let caps = DOC_NUMBER.captures(content.trim())?;
    Some(format!("{}〔{}〕{}号", &caps[1], &caps[2], &caps[3]))
}

/// The date of a line that holds nothing else, as `YYYY-MM-DD`.
pub(crate) fn date_line(content: &str) -> Option<String> {
    // Nearly every line is asked: one without 日 cannot match, and is answered at once.
    if !content.contains('日') {
        return None;
    }
    let caps = DATE_LINE.captures(content.trim())?;
    let year = parse_chinese_integer(&caps[1])?;
    let month = parse_chinese_integer(&caps[2])?;
    let day = parse_chinese_integer(&caps[3])?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Classifies every line; a body name just above a date (through blank lines, up to three
/// names for co-issuers) is a signature.
pub(crate) fn classify(lines: &[SourceLine<'_>]) -> Vec<LineKind> {
    let mut seen_marker = false;
    let mut kinds: Vec<LineKind> = lines
        .iter()
        .map(|line| {
            let kind = classify_line(line, !seen_marker);
            seen_marker |= matches!(kind, LineKind::Marker(_));
            kind
        })
        .collect();
    mark_attachment_lists(lines, &mut kinds);
    for i in 0..kinds.len() {
        if !matches!(kinds[i], LineKind::Date(_)) {
            continue;
        }
        let mut j = i;
        let mut names = 0;
        while j > 0 && names < 3 {
            j -= 1;
            match kinds[j] {
                LineKind::Blank => continue,
                LineKind::Text | LineKind::Field if ISSUER_NAME.is_match(lines[j].text()) => {
                    kinds[j] = LineKind::Signature;
                    names += 1;
                }
                _ => break,
            }
        }
    }
    kinds
}

/// An attachment list after the body ("附件：1．重点任务分工表", then "2．…" lines) is set
/// apart before joining, so its numbered items never read as clauses.
fn mark_attachment_lists(lines: &[SourceLine<'_>], kinds: &mut [LineKind]) {
    let mut seen_marker = false;
    let mut i = 0;
    while i < lines.len() {
        seen_marker |= matches!(kinds[i], LineKind::Marker(_));
        if !(seen_marker && ATTACHMENT_LIST.is_match(lines[i].text())) {
            i += 1;
            continue;
        }
        kinds[i] = LineKind::Excluded(ExcludedReason::Attachment);
        i += 1;
        while i < lines.len() {
            let item = lines[i].text();
            let next_is_date = kinds[i + 1..]
                .iter()
                .find(|k| **k != LineKind::Blank)
                .is_some_and(|k| matches!(k, LineKind::Date(_)));
            let is_signature = next_is_date && ISSUER_NAME.is_match(item);
            let is_item = matches!(kinds[i], LineKind::Marker(_) | LineKind::Text)
                && !is_signature
                && item.chars().count() <= MAX_ATTACHMENT_ITEM_CHARS
                && !item.contains(['。', '，', '；']);
            match kinds[i] {
                LineKind::Blank => {}
                _ if is_item => kinds[i] = LineKind::Excluded(ExcludedReason::Attachment),
                _ => break,
            }
            i += 1;
        }
    }
}

/// How the text is laid out, measured before joining.
#[derive(Debug)]
pub(crate) struct Layout {
    /// Whether the text is hard-wrapped at a fixed width (PDF extraction).
    pub wrapped: bool,
    /// Width from which a wrapped line counts as full.
    pub full_width: usize,
    /// Styles whose headings run on into their text ("（一）强化责任。市场主体…"), as
    /// opposed to standing alone ("一、总体要求").
    pub run_in_styles: HashSet<MarkerStyle>,
}

/// No page wraps narrower than this many columns (15 Han characters): a narrower line is
/// a table cell, a signature or a heading, never a wrapped line.
const MIN_WRAP_WIDTH: usize = 30;
/// A page's wrap width is at least this (20 Han characters, a narrow column): open lines
/// about equally wide but narrower are headings that happen to hold a comma.
const MIN_PAGE_WIDTH: usize = 40;
/// Below this share of open lines among the lines at least [`MIN_WRAP_WIDTH`] wide, a
/// text is not taken for hard-wrapped.
const MIN_WRAPPED_SHARE: f64 = 0.3;
/// Open lines of a hard-wrapped text are this close to their median width…
const WRAP_TOLERANCE_PERCENT: usize = 12;
/// …at least this often.
const MIN_NEAR_MEDIAN_SHARE: f64 = 0.7;

impl Layout {
    pub(crate) fn measure(lines: &[SourceLine<'_>], kinds: &[LineKind]) -> Layout {
        let mut open_widths = Vec::new();
        let mut text_lines = 0usize;
        let mut heading_votes: HashMap<MarkerStyle, (usize, usize)> = HashMap::new();
        let next_content: Vec<Option<usize>> = {
            let mut next = vec![None; lines.len()];
            let mut following = None;
            for i in (0..lines.len()).rev() {
                next[i] = following;
                if kinds[i] != LineKind::Blank && !matches!(kinds[i], LineKind::Excluded(_)) {
                    following = Some(i);
                }
            }
            next
        };
        for (i, (line, kind)) in lines.iter().zip(kinds).enumerate() {
            if let LineKind::Marker(m) = kind {
                let votes = heading_votes.entry(m.style).or_default();
                if line.text().chars().skip(m.consumed).any(is_terminal) {
                    votes.0 += 1;
                } else {
                    votes.1 += 1;
                }
            }
            // Only lines as wide as a page's could be wrapped: the cells of a table (one
            // short line each in a PDF's text) must not drown the wrap width. A numbered
            // line counts too: in a regulation most wrapped lines are an article's first.
            let width = line.width + line.indent;
            if matches!(kind, LineKind::Text | LineKind::Marker(_)) && width >= MIN_WRAP_WIDTH {
                text_lines += 1;
                let followed_by_text = next_content[i].is_some_and(|n| kinds[n] == LineKind::Text);
                if followed_by_text && !ends_statement(line.text()) {
                    open_widths.push(width);
                }
            }
        }
        open_widths.sort_unstable();
        let median = open_widths.get(open_widths.len() / 2).copied().unwrap_or(0);
        // A fixed wrap width makes open lines about equally wide; a text that merely has
        // some broken lines (a web copy) does not.
        let near_median = open_widths
            .iter()
            .filter(|&&w| {
                w * 100 >= median * (100 - WRAP_TOLERANCE_PERCENT)
                    && w * 100 <= median * (100 + WRAP_TOLERANCE_PERCENT)
            })
            .count();
        let wrapped = open_widths.len() >= 5
            && median >= MIN_PAGE_WIDTH
            && open_widths.len() as f64 >= MIN_WRAPPED_SHARE * text_lines as f64
            && near_median as f64 >= MIN_NEAR_MEDIAN_SHARE * open_widths.len() as f64;
        Layout {
            wrapped,
            full_width: median * 9 / 10,
            run_in_styles: heading_votes
                .into_iter()
                .filter(|(_, (run_in, alone))| run_in >= alone)
                .map(|(style, _)| style)
                .collect(),
        }
    }
}

/// Whether text ends a statement: its last char is terminal, after closing quotes and a
/// final parenthetical (an attribution "。（省市场监管局负责）") are set aside. Reads
/// backwards from the end only, so checking a growing paragraph stays linear.
pub(crate) fn ends_statement(text: &str) -> bool {
    let closing = |c: char| matches!(fold(c), ')' | '”' | '’' | '」' | '』' | '"' | '》');
    let mut rest = text.trim_end_matches(is_space);
    if rest.ends_with([')', '）']) {
        // Set aside one balanced trailing parenthetical, if it opens within reach.
        let mut depth = 0i32;
        for (at, c) in rest.char_indices().rev().take(MAX_PARENTHETICAL_CHARS) {
            match fold(c) {
                ')' => depth += 1,
                '(' => {
                    depth -= 1;
                    if depth == 0 {
                        if at > 0 {
                            rest = &rest[..at];
                        }
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    rest.trim_end_matches(|c: char| closing(c) || is_space(c))
        .chars()
        .next_back()
        .is_some_and(is_terminal)
}

/// Attributions and other trailing parentheticals are shorter than this.
const MAX_PARENTHETICAL_CHARS: usize = 300;

/// Whether a paragraph reads like a title: no sentence punctuation, ends with a genre name.
pub(crate) fn is_title_like(text: &str) -> bool {
    let chars = text.chars().count();
    (4..=120).contains(&chars)
        && !text.contains(['。', '，', '；', '：', ':'])
        && TITLE_ENDING.is_match(text)
}

/// Headlines and unnumbered headings are short and hold no sentence.
pub(crate) const MAX_HEADLINE_CHARS: usize = 40;

/// Whether text reads like a headline: short, no sentence punctuation, no ending.
pub(crate) fn is_headline(text: &str) -> bool {
    text.chars().count() <= MAX_HEADLINE_CHARS
        && !text.contains(['。', '；', '，', ',', ';'])
        && !ends_statement(text)
}

/// What a paragraph is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ParagraphKind {
    Marker(Marker),
    Text,
    Bullet,
    Field,
    DocNumber(String),
    Date(String),
    Signature,
}

/// Joined lines.
#[derive(Debug, Clone)]
pub(crate) struct Paragraph {
    pub kind: ParagraphKind,
    pub lines: Lines,
    /// Cleaned text (the label included for markers).
    pub text: MappedText,
    /// The source lines as written, joined with `\n`.
    pub raw: String,
    /// Offset of the first and one past the last source char.
    pub start: usize,
    pub end: usize,
    /// Its last statement is unfinished.
    pub open: bool,
    /// Whether the last line joined was full width in a wrapped text.
    last_line_full: bool,
    /// Whether the paragraph before this one ended its statement.
    pub started_after_statement: bool,
    /// A Markdown heading or a table row: nothing joins it.
    standalone: bool,
}

impl Paragraph {
    fn new(kind: ParagraphKind, line: &SourceLine<'_>, layout: &Layout) -> Paragraph {
        let mut text = MappedText::default();
        line.push_onto(&mut text);
        let mut paragraph = Paragraph {
            kind,
            lines: Lines {
                start: line.number,
                end: line.number,
            },
            text,
            raw: line.content.to_string(),
            start: line.content_start,
            end: line.end(),
            open: false,
            last_line_full: false,
            started_after_statement: true,
            standalone: line.is_markup_heading() || line.is_table_row(),
        };
        paragraph.update(line, layout);
        paragraph
    }

    fn append(&mut self, line: &SourceLine<'_>, layout: &Layout) {
        line.push_onto(&mut self.text);
        self.raw.push('\n');
        self.raw.push_str(line.content);
        self.lines.end = line.number;
        self.end = line.end();
        self.update(line, layout);
    }

    fn update(&mut self, line: &SourceLine<'_>, layout: &Layout) {
        self.open = !ends_statement(self.text.text());
        self.last_line_full = layout.wrapped && line.width + line.indent >= layout.full_width;
    }

    /// The paragraph once no line joins it any more, holding no spare room.
    fn finished(mut self) -> Paragraph {
        self.text.shrink_to_fit();
        self.raw.shrink_to_fit();
        self
    }

    /// The marker that opens this paragraph, if it starts a clause.
    pub fn marker(&self) -> Option<&Marker> {
        match &self.kind {
            ParagraphKind::Marker(m) => Some(m),
            _ => None,
        }
    }

    /// A single short line with no sentence in it, started after a finished paragraph
    /// and not a full-width wrapped line: an unnumbered heading, or the headline of
    /// material that is not the document's.
    fn is_standalone_heading(&self) -> bool {
        self.started_after_statement
            && self.lines.start == self.lines.end
            && !self.last_line_full
            && is_headline(self.text.text())
    }

    /// A marker line with no sentence end that is a heading standing alone
    /// ("三、强化协同联动，形成工作合力"), not the first line of a sentence that goes on:
    /// its style's headings stand alone in this document, and it is not a full-width line
    /// of a hard-wrapped text (a sentence that wraps). Of a style whose headings run in,
    /// an unfinished line is a heading broken by copying ("(十六)提高生产服务专业" /
    /// "化水平。推动…"), even in a text that is not hard-wrapped.
    fn is_heading_line(&self, layout: &Layout) -> bool {
        let Some(m) = self.marker() else {
            return false;
        };
        self.lines.start == self.lines.end
            && self.open
            && !self.last_line_full
            && !self.text.text().chars().any(is_terminal)
            && !layout.run_in_styles.contains(&m.style)
    }

    /// Whether `line` continues this paragraph (see the module docs).
    fn continues_on(&self, line: &SourceLine<'_>, layout: &Layout, in_front_matter: bool) -> bool {
        if self.standalone || line.is_markup_heading() || line.is_table_row() {
            return false;
        }
        match &self.kind {
            ParagraphKind::Marker(m) => {
                let heading_only = self.text.text().chars().count() <= m.consumed;
                if heading_only {
                    return true;
                }
                if self.is_heading_line(layout) {
                    return false;
                }
            }
            ParagraphKind::Text | ParagraphKind::Bullet => {
                if in_front_matter && is_title_like(self.text.text()) {
                    return false;
                }
                if !in_front_matter && self.is_standalone_heading() {
                    return false;
                }
            }
            _ => return false,
        }
        if self.open {
            return true;
        }
        self.last_line_full && line.indent < 2
    }
}

/// Paragraphs, and the lines set apart on the way.
#[derive(Debug, Default)]
pub(crate) struct Assembled {
    pub paragraphs: Vec<Paragraph>,
    /// Set-apart lines: (line, reason).
    pub excluded_lines: Vec<(usize, ExcludedReason)>,
    /// Markers read as text because they would continue an open sentence out of sequence.
    pub rejected_markers: Vec<usize>,
}

/// Joins classified lines into paragraphs.
pub(crate) fn assemble(lines: &[SourceLine<'_>], kinds: &[LineKind], layout: &Layout) -> Assembled {
    let mut out = Assembled::default();
    let mut current: Option<Paragraph> = None;
    let mut last_number: HashMap<MarkerStyle, u32> = HashMap::new();
    let mut body_started = false;
    for (line, kind) in lines.iter().zip(kinds) {
        let kind = match kind {
            LineKind::Blank => continue,
            LineKind::Excluded(reason) => {
                out.excluded_lines.push((line.number, *reason));
                continue;
            }
            LineKind::Marker(m) => {
                if line.is_markup_heading()
                    || starts_clause(m, current.as_ref(), &last_number, layout)
                {
                    last_number.insert(m.style, m.number);
                    body_started = true;
                    ParagraphKind::Marker(m.clone())
                } else {
                    out.rejected_markers.push(line.number);
                    ParagraphKind::Text
                }
            }
            LineKind::DocNumber(n) => ParagraphKind::DocNumber(n.clone()),
            LineKind::Date(d) => ParagraphKind::Date(d.clone()),
            LineKind::Signature => ParagraphKind::Signature,
            LineKind::Field => ParagraphKind::Field,
            LineKind::Bullet => ParagraphKind::Bullet,
            LineKind::Text => ParagraphKind::Text,
        };
        if kind == ParagraphKind::Text {
            if let Some(paragraph) = current.as_mut() {
                if paragraph.continues_on(line, layout, !body_started) {
                    paragraph.append(line, layout);
                    continue;
                }
            }
        }
        let started_after_statement = current.as_ref().is_none_or(|p| !p.open);
        out.paragraphs
            .extend(current.take().map(Paragraph::finished));
        let mut paragraph = Paragraph::new(kind, line, layout);
        paragraph.started_after_statement = started_after_statement;
        current = Some(paragraph);
    }
    out.paragraphs.extend(current.map(Paragraph::finished));
    out
}

/// Whether a marker line starts a clause. After a sentence left open, only a number that
/// continues its style (or a first use of the style, numbered 1) does: otherwise the line
/// is the wrapped continuation of that sentence.
fn starts_clause(
    marker: &Marker,
    previous: Option<&Paragraph>,
    last_number: &HashMap<MarkerStyle, u32>,
    layout: &Layout,
) -> bool {
    let Some(previous) = previous else {
        return true;
    };
    let standalone_heading = previous.is_heading_line(layout)
        || previous.marker().is_some_and(|m| {
            !layout.run_in_styles.contains(&m.style) && previous.lines.start == previous.lines.end
        });
    if !previous.open || standalone_heading {
        return true;
    }
    if previous.text.text().ends_with('第') {
        return false;
    }
    match last_number.get(&marker.style) {
        Some(&last) => marker.number == last + 1,
        None => marker.number == 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<String> {
        let lines = split_lines(text);
        let kinds = classify(&lines);
        let layout = Layout::measure(&lines, &kinds);
        assemble(&lines, &kinds, &layout)
            .paragraphs
            .iter()
            .map(|p| p.text.text().to_string())
            .collect()
    }

    #[test]
    fn split_lines_keeps_offsets() {
        let lines = split_lines("一、甲\n\n　（一）乙\n");
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[2].content, "（一）乙");
        assert_eq!(lines[2].content_start, 6);
        assert_eq!(lines[2].indent, 2);
    }

    #[test]
    fn doc_numbers() {
        assert_eq!(
            doc_number("粤府〔2020〕50 号").as_deref(),
            Some("粤府〔2020〕50号")
        );
        assert_eq!(
            doc_number("国办发[2018] 3号").as_deref(),
            Some("国办发〔2018〕3号")
        );
        assert_eq!(
            doc_number("粤府函（2021）12号").as_deref(),
            Some("粤府函〔2021〕12号")
        );
        assert_eq!(doc_number("根据粤府〔2020〕50号文件精神，"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(
            date_line("2020 年 9 月 17 日").as_deref(),
            Some("2020-09-17")
        );
        assert_eq!(
            date_line("二〇二三年六月十四日").as_deref(),
            Some("2023-06-14")
        );
        assert_eq!(
            date_line("（2018年8月23日印发）").as_deref(),
            Some("2018-08-23")
        );
        assert_eq!(date_line("2020年13月1日"), None);
        assert_eq!(date_line("到2025年，全省"), None);
    }

    #[test]
    fn page_numbers() {
        for line in [
            "— 3 —",
            "- 12 -",
            "－ 3 －",
            "第 3 页",
            "第3页 共10页",
            "12",
            "3/10",
        ] {
            assert!(PAGE_NUMBER.is_match(line), "{line}");
        }
        for line in ["3 号），充分发挥", "2025年", "一、总体要求"] {
            assert!(!PAGE_NUMBER.is_match(line), "{line}");
        }
    }

    #[test]
    fn statement_ends() {
        assert!(ends_statement("制度。 （省市场监管局负责）"));
        assert!(ends_statement("请认真贯彻执行。"));
        assert!(ends_statement("以下指导意见："));
        assert!(ends_statement("“质量月”活动。”"));
        assert!(!ends_statement("（国发〔2018〕"));
        assert!(!ends_statement("质量管理先进标准、方法向一"));
        assert!(!ends_statement("总体要求"));
    }

    #[test]
    fn titles() {
        assert!(is_title_like(
            "广东省人民政府印发《关于加快推进质量强省建设的实施方案》的通知"
        ));
        assert!(is_title_like(
            "关于贯彻落实《质量强国建设纲要》的实施意见（征求意见稿）"
        ));
        assert!(is_title_like(
            "中共广东省委 广东省人民政府印发《广东省质量强省建设纲要》"
        ));
        assert!(!is_title_like("为贯彻落实《意见》，制定本方案。"));
        assert!(!is_title_like("广东省加强质量认证体系建设"));
    }

    #[test]
    fn hard_wraps_are_joined_mid_word() {
        let text = "（一）强化责任。现将方案印发给你们，请认真贯彻执行。执\n\n行中遇到的问题，请径向省市\n\n场监管局反映。\n\n（二）严格监管。全面实施。\n";
        assert_eq!(
            paragraphs(text),
            vec![
                "（一）强化责任。现将方案印发给你们，请认真贯彻执行。执行中遇到的问题，请径向省市场监管局反映。",
                "（二）严格监管。全面实施。"
            ]
        );
    }

    #[test]
    fn standalone_heading_is_not_joined_to_its_text() {
        let text = "一、总体要求\n以习近平新时代中国特色社会主义思想为指导，坚持质量第一\n\n二、主要目标\n到2025年，合格率达到98%。\n";
        let ps = paragraphs(text);
        assert_eq!(ps[0], "一、总体要求");
        assert_eq!(
            ps[1],
            "以习近平新时代中国特色社会主义思想为指导，坚持质量第一"
        );
        assert_eq!(ps[2], "二、主要目标");
    }

    #[test]
    fn run_in_heading_split_by_a_wrap_is_joined() {
        let text = "(十五)构建体系。实施工程。\n\n(十六)提高生产服务专业\n\n化水平。推动生产性服务业。\n\n(十七)促进升级。优化供给。\n";
        let ps = paragraphs(text);
        assert_eq!(ps[1], "(十六)提高生产服务专业化水平。推动生产性服务业。");
    }

    #[test]
    fn wrapped_look_alike_marker_is_text() {
        // "一、二产业" wrapped onto a new line: 一 does not continue 一、总体要求.
        let text =
            "一、总体要求\n推动质量管理先进标准向\n\n一、二产业延伸。\n\n二、主要目标\n内容。\n";
        let ps = paragraphs(text);
        assert_eq!(ps[1], "推动质量管理先进标准向一、二产业延伸。");
        assert_eq!(ps[2], "二、主要目标");
    }

    #[test]
    fn inserted_sentence_and_page_number_are_transparent() {
        let text = "(八)提升引领力。加强质量创新，培育\n\n近日，中共广东省委、广东省人民政府印发《广东省质量强省建设纲要》并发出通知，要求各地区各部门结合实际认真贯彻落实，全文如下。\n\n— 3 —\n\n发展一批产业集群。\n";
        let lines = split_lines(text);
        let kinds = classify(&lines);
        let layout = Layout::measure(&lines, &kinds);
        let out = assemble(&lines, &kinds, &layout);
        assert_eq!(out.paragraphs.len(), 1);
        assert_eq!(
            out.paragraphs[0].text.text(),
            "(八)提升引领力。加强质量创新，培育发展一批产业集群。"
        );
        assert_eq!(
            out.excluded_lines,
            vec![
                (3, ExcludedReason::EditorialInsert),
                (5, ExcludedReason::PageNumber)
            ]
        );
    }

    #[test]
    fn signature_above_date() {
        let lines = split_lines("请认真贯彻执行。\n\n广东省人民政府\n\n2020 年 9 月 17 日\n");
        let kinds = classify(&lines);
        assert_eq!(kinds[2], LineKind::Signature);
        assert_eq!(kinds[4], LineKind::Date("2020-09-17".into()));
    }
}
