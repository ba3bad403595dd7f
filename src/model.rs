//! The data contract: the serde types every stage produces and every printer reads.
//!
//! A [`Document`] is what `zhengce parse --json` prints, one per line; later stages
//! (extraction, index, diff) read and extend these types rather than inventing their own.
//! Every field is documented here and in `docs/json.md`; changing the meaning of a field
//! means bumping [`SCHEMA_VERSION`].
//!
//! Offsets: every [`Span`] counts Unicode scalar values (`"unit": "char"`) in the decoded
//! text of the source, after a byte-order mark is removed and CRLF/CR line ends are read
//! as a single LF, so a GBK, UTF-16 or CRLF copy of a document has the same spans as the
//! UTF-8 original. Line numbers are 1-based and count the same line ends.

use serde::{Deserialize, Serialize};

/// Version of the JSON produced by `parse --json`; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 2;

/// One parsed policy document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Document {
    /// Version of this schema ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The path as given on the command line, or `<stdin>` for standard input.
    pub source: String,
    /// Which kind of file was read ([`Format`]): the text every offset and line number
    /// refers to is what that format's reader produced (`zhengce parse --text` prints it).
    pub format: Format,
    /// Which encoding the bytes were decoded with, and why.
    pub encoding: EncodingInfo,
    /// The title the text is issued under: the cover notice's title where there is one
    /// (广东省人民政府印发《…》的通知), otherwise the document's own title.
    pub title: Option<String>,
    /// The issued document's own title where it differs from `title`.
    pub document_title: Option<String>,
    /// The 文号, normalized: no spaces, brackets as 〔〕 (粤府〔2020〕50号); an order's
    /// number as 国令第707号 (State Council) or 广东省人民政府令第270号.
    pub doc_number: Option<String>,
    /// The issuing body, as the text prints it: the signature of the cover notice, the
    /// document or an order (国务院令 → 国务院); for a law or regulation without one, the
    /// body of the latest event of `history`. Else the publisher's record (发文机关 of a
    /// metadata block), else the body a title opens with. Co-issuers are joined with 、.
    pub issuer: Option<String>,
    /// The signature date (成文日期), `YYYY-MM-DD`, or a date printed under the title; for
    /// a law or regulation printed without one, the latest adoption, amendment, revision
    /// or promulgation date of its `history`; else the publisher's record.
    pub date: Option<String>,
    /// Draft status as written (征求意见稿, 送审稿, 草案, 讨论稿), `null` for a final text.
    pub status: Option<String>,
    /// The addressees (主送) as written, without the closing colon.
    pub recipients: Option<String>,
    /// The body of the cover notice (印发通知) that issues the document, where there is one.
    pub notice: Option<String>,
    /// The text between the title and the first clause, paragraphs separated by `\n`.
    pub preamble: Option<String>,
    /// A law's or regulation's adoption and amendment note, one entry per dated event, in
    /// the order written ("（1993年12月29日第八届全国人民代表大会常务委员会第五次会议通过
    /// 根据1999年…第一次修正…）"). Empty when the text has none.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    /// Text that is in the file but not part of the document, set apart with a reason.
    pub excluded: Vec<Excluded>,
    /// Numbering problems, excluded text and decoding notes. They never change the exit code.
    pub warnings: Vec<Diagnostic>,
    /// Every numbered clause in document order; the tree is given by `parent`.
    pub clauses: Vec<Clause>,
}

impl Document {
    /// The year of the signature date.
    pub fn date_year(&self) -> Option<i32> {
        self.date.as_deref()?.get(..4)?.parse().ok()
    }

    /// The year a document is filed under, and where it comes from: the signature date
    /// (`"date"`), else a year at the start of the file name (`"file-name"`), as in
    /// `2023-guangdong-….txt`.
    pub fn year(&self) -> Option<(i32, &'static str)> {
        let from_name = || {
            let name = std::path::Path::new(&self.source)
                .file_name()?
                .to_string_lossy()
                .into_owned();
            let year: i32 = name.get(..4)?.parse().ok()?;
            ((1949..=2100).contains(&year) && !name[4..].starts_with(|c: char| c.is_ascii_digit()))
                .then_some(year)
        };
        match self.date_year() {
            Some(y) => Some((y, "date")),
            None => from_name().map(|y| (y, "file-name")),
        }
    }
}

/// The kind of file a document was read from, detected by content (see
/// [`crate::formats`]) or forced with `--format`.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text.
    #[default]
    Text,
    /// Plain text named `.md`/`.markdown`: read as text, `#` headings and all.
    Markdown,
    /// A web page: its rendered text (blocks and `<br>` as lines, tables as rows).
    Html,
    /// A Word (Office Open XML) document: paragraphs, tables as rows, automatic
    /// numbering drawn as the labels a reader sees.
    Docx,
    /// A PDF's text layer, without running headers, footers and page numbers.
    Pdf,
}

impl Format {
    /// The name JSON and `--format` use.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// How the bytes became text.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct EncodingInfo {
    /// The encoding's canonical name (`UTF-8`, `gb18030`, `UTF-16LE`, `Big5`, …).
    pub name: String,
    /// The rule that chose it.
    pub rule: EncodingRule,
    /// The line ends found in the file.
    pub line_ends: LineEnds,
}

/// The ordered rules of encoding detection; the first that applies wins.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum EncodingRule {
    /// `--encoding` named it.
    Forced,
    /// A byte-order mark (UTF-8, UTF-16LE or UTF-16BE).
    Bom,
    /// The bytes are valid UTF-8.
    Utf8,
    /// Valid UTF-8 except for a character cut off at the very end.
    Utf8Truncated,
    /// Not UTF-8: decoded as GB18030, the superset of GBK and GB2312.
    Gb18030,
    /// The file declared it: an HTML page's `<meta charset>` or http-equiv, the XML of a
    /// .docx, the text layer of a PDF (always Unicode).
    Declared,
}

/// Line-end convention of the source.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LineEnds {
    /// No line end at all.
    None,
    Lf,
    Crlf,
    Cr,
    Mixed,
}

/// A range of the decoded source text, end exclusive.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// Always `"char"`: offsets count Unicode scalar values.
    pub unit: SpanUnit,
}

impl Span {
    pub fn chars(start: usize, end: usize) -> Self {
        Span {
            start,
            end,
            unit: SpanUnit::Char,
        }
    }
}

/// The unit of a [`Span`]'s offsets, spelled out in the JSON so nobody has to guess.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SpanUnit {
    Char,
}

/// An inclusive range of 1-based line numbers.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Lines {
    pub start: usize,
    pub end: usize,
}

/// The numbering style of a clause label. The hierarchy is inferred from these, not from
/// indentation: see `structure::tree`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum MarkerStyle {
    /// 第一编
    Bian,
    /// 第一篇: the parts of a plan's outline (五年规划纲要), at the level of 编.
    Pian,
    /// 第一部分: the parts of a plan or programme, at the level of 编.
    Bufen,
    /// 第一章
    Zhang,
    /// 第一节
    Jie,
    /// 第一条, 第一条之一
    Tiao,
    /// 一、
    ChineseComma,
    /// （一） or (一)
    ParenChinese,
    /// 1． 1. 1、
    Arabic,
    /// （1） or (1)
    ParenArabic,
    /// 1） or 1)
    HalfParenArabic,
    /// ① … ⑳
    Circled,
}

impl MarkerStyle {
    /// A division of the document's outline (编, 篇, 部分, 章, 节): its text is its title,
    /// and it holds provisions rather than being one.
    pub fn is_division(self) -> bool {
        matches!(
            self,
            MarkerStyle::Bian
                | MarkerStyle::Pian
                | MarkerStyle::Bufen
                | MarkerStyle::Zhang
                | MarkerStyle::Jie
        )
    }
}

/// One numbered clause.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Clause {
    /// Stable id from the numbers top level down, e.g. `3.5` for 三、（五）. A label that
    /// repeats under the same parent gets a suffix: `3.5~2`.
    pub id: String,
    /// The id of the enclosing clause, `null` at the top level.
    pub parent: Option<String>,
    /// The labels as written, top level down: `["三、", "（五）"]`.
    pub labels: Vec<String>,
    /// The numbers of `labels`: `[3, 5]`.
    pub numbers: Vec<u32>,
    /// Depth in the tree, 1 for top-level clauses.
    pub level: usize,
    /// Numbering style of this clause's own label.
    pub style: MarkerStyle,
    /// The short title after the label, up to the first 。, where there is one.
    pub heading: Option<String>,
    /// This clause's own text after its label (its children's text excluded), normalized:
    /// hard line breaks joined, spaces next to Chinese removed, paragraphs separated by `\n`.
    /// An article (第X条) whose list of items (项) is followed by another paragraph (款,
    /// "前款规定……") holds that paragraph too, after its own first paragraphs.
    pub text: String,
    /// Lines of the source this clause's own text occupies: from its label to the end of
    /// its last paragraph (for such an article, over its items).
    pub lines: Lines,
    /// Offsets of the clause's own text in the source, from its label on, as `lines`.
    pub span: Span,
    /// Agencies named in this clause's responsibility attributions, in order.
    #[serde(default)]
    pub agencies: Vec<Agency>,
    /// Every number written in this clause's own text, with its unit.
    #[serde(default)]
    pub quantities: Vec<Quantity>,
    /// The quantities this clause commits to reach.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// For each char of `text`, its offset in the source (unit: char). Not serialized:
    /// extraction uses it to give its own spans in source offsets.
    #[serde(skip)]
    pub origin: Vec<usize>,
}

/// One dated event of a law's or regulation's history, read from its adoption note.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct HistoryEntry {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub event: HistoryEvent,
    /// The body that acted, without session numbers (第十三届…第十五次会议 dropped):
    /// 全国人民代表大会常务委员会, 上海市人民代表大会常务委员会, 国务院. `null` when the entry
    /// names none.
    pub body: Option<String>,
    /// The order or decision it was made by, as written: 中华人民共和国国务院令第707号,
    /// 《国务院关于修改部分行政法规的决定》. `null` when none is named.
    pub instrument: Option<String>,
    /// The entry as written.
    pub text: String,
}

/// What happened on a [`HistoryEntry`]'s date.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum HistoryEvent {
    /// 通过: adopted.
    Adopted,
    /// 修正 or 修改: amended.
    Amended,
    /// 修订 (also 修订通过): revised.
    Revised,
    /// 公布, 发布, 颁布: promulgated.
    Promulgated,
    /// 批准: approved by a higher body.
    Approved,
    /// 施行 (自…起施行): took effect.
    Effective,
}

/// Text found in the file that is not part of the document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Excluded {
    pub lines: Lines,
    pub span: Span,
    pub reason: ExcludedReason,
    /// The text as it stands in the source (whitespace at the ends trimmed).
    pub text: String,
}

/// Why text was set apart.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ExcludedReason {
    /// A note saying where the text was copied from, or a bare web address.
    SourceNote,
    /// Page furniture of a web page (扫一扫在手机打开当前页, 【打印】, 字号 …).
    WebNoise,
    /// A page number of the printed original (— 3 —).
    PageNumber,
    /// An editor's sentence inserted into the text (…全文如下。).
    EditorialInsert,
    /// Unrelated material printed after the document ends (newspaper articles …).
    TrailingMaterial,
    /// The signature and date block.
    Signature,
    /// A list of attachments, or an attachment's text.
    Attachment,
    /// A publisher's record of the document, read into its fields: the 索引号 / 标题 /
    /// 发文字号 / 成文日期 block of a document library page, a YAML front matter, or a
    /// markup comment (`<!-- … -->`).
    Metadata,
    /// A note on how the text was released: （此件公开发布）, （本文有删减）.
    PublicationNote,
    /// A law's or regulation's adoption and amendment note, read into `history`.
    AdoptionNote,
}

/// A warning. Warnings never change the exit code.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    /// The 1-based source line it concerns, if any.
    pub line: Option<usize>,
    pub message: String,
}

/// The kinds of [`Diagnostic`].
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum DiagnosticKind {
    /// Something about decoding (a truncated last character, replaced bytes).
    Encoding,
    /// A number was skipped: （五） follows （三）.
    NumberingGap,
    /// The same number twice in a row.
    NumberingDuplicate,
    /// A number lower than its predecessor, or a restart where none was expected.
    NumberingOrder,
    /// Text was set apart (see `excluded`).
    Excluded,
    /// A paragraph that stops mid-sentence before a heading.
    Truncated,
    /// The file holds no text.
    Empty,
    /// The publisher's metadata record and the printed text disagree; the printed text
    /// is kept.
    Metadata,
}

/// An agency named as responsible for a clause.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Agency {
    /// The name with a shared prefix distributed and line breaks joined (省住房城乡建设厅).
    pub name: String,
    /// The full official name this short form stands for, where the names file knows it
    /// (省市场监管局 in a Guangdong document → 广东省市场监督管理局).
    pub canonical: Option<String>,
    /// What the agency became after later reforms, where the names file records it
    /// (广东省质量技术监督局 → 广东省市场监督管理局); the end of the chain, so counts over
    /// the years add up.
    pub successor: Option<String>,
    pub role: AgencyRole,
    /// A collective body (各有关部门, 领导小组各成员单位), not one agency.
    pub generic: bool,
    /// Where the name is written in the source. A distributed prefix is not part of it.
    pub span: Span,
}

/// The part an agency plays in a clause.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum AgencyRole {
    /// Marked 牵头, or listed first under the document's stated convention.
    Lead,
    /// Listed with a lead, not the lead.
    Participant,
    /// Listed in an attribution that names no lead.
    Responsible,
    /// Named in running text only, not in an attribution.
    Mentioned,
}

impl Agency {
    /// What the agency is today: its successor, else its canonical name, else the name as
    /// written. Counts and exports group agencies by it.
    pub fn current_name(&self) -> &str {
        self.successor
            .as_deref()
            .or(self.canonical.as_deref())
            .unwrap_or(&self.name)
    }
}

impl AgencyRole {
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyRole::Lead => "lead",
            AgencyRole::Participant => "participant",
            AgencyRole::Responsible => "responsible",
            AgencyRole::Mentioned => "mentioned",
        }
    }
}

/// How a quantity relates to its number: the qualifier written with it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum Comparator {
    /// Unqualified, or 达到.
    #[serde(rename = "=")]
    Eq,
    /// 以上, 不少于, 不低于, 至少.
    #[serde(rename = ">=")]
    Ge,
    /// 以下, 以内, 不超过, 不高于.
    #[serde(rename = "<=")]
    Le,
    /// 超过, 多, 余, 逾.
    #[serde(rename = ">")]
    Gt,
    /// 低于, 少于, 不足.
    #[serde(rename = "<")]
    Lt,
    /// 左右, 约, 近, 上下.
    #[serde(rename = "~")]
    Approx,
    /// A range (3—5 年, 十七八万): `value` is the low end, `max` the high end.
    #[serde(rename = "between")]
    Between,
}

impl Comparator {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Eq => "=",
            Comparator::Ge => ">=",
            Comparator::Le => "<=",
            Comparator::Gt => ">",
            Comparator::Lt => "<",
            Comparator::Approx => "~",
            Comparator::Between => "between",
        }
    }

    /// The comparator as a word (`ge` for >=), for CSV, where a cell starting with `=`
    /// would be a spreadsheet formula.
    pub fn word(self) -> &'static str {
        match self {
            Comparator::Eq => "eq",
            Comparator::Ge => "ge",
            Comparator::Le => "le",
            Comparator::Gt => "gt",
            Comparator::Lt => "lt",
            Comparator::Approx => "approx",
            Comparator::Between => "between",
        }
    }
}

/// What a number written in the text is.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum QuantityKind {
    /// A count or a measure, percentages included (12万家, 98.5%, 百分之五, 三成).
    #[default]
    Amount,
    /// X分之Y or N/M: the plain ratio Y/X (四分之三 is 0.75), with no unit.
    Fraction,
    /// A rank written with 第 (第三, 第5次, 第十四个五年规划): `value` is the rank, `unit`
    /// the measure word after it (次, 个, 条), if any.
    Ordinal,
}

impl QuantityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuantityKind::Amount => "amount",
            QuantityKind::Fraction => "fraction",
            QuantityKind::Ordinal => "ordinal",
        }
    }
}

/// A number written in the text, with its unit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Quantity {
    /// As written, qualifiers included (超过 12 万家, 4% 左右).
    pub text: String,
    /// Fully expanded: 1.2万 is 12000, 三成 is 30 (unit `%`).
    pub value: f64,
    /// The high end of a range, `null` otherwise.
    pub max: Option<f64>,
    /// The unit after any 万/亿 multiplier (家, %, 亿元 → 元, 个百分点 → 百分点); empty for
    /// a bare number or an index score.
    pub unit: String,
    /// The qualifier written with the number.
    pub bound: Comparator,
    /// Amount, fraction or ordinal.
    #[serde(default)]
    pub kind: QuantityKind,
    /// A vague or round figure rather than an exact one: 多, 余, 几, 来, 数百, 约, 近,
    /// 左右, 上下, 十七八, 逾百, 上万.
    #[serde(default)]
    pub approximate: bool,
    pub span: Span,
}

/// A quantity the document commits to reach.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Target {
    /// The stretch of text the target was read from: indicator, verb and quantity.
    pub text: String,
    /// What is measured (食品抽检合格率), as written.
    pub indicator: String,
    /// As in [`Quantity::value`]: fully expanded.
    pub value: f64,
    /// The high end when the target is a range.
    pub max: Option<f64>,
    pub unit: String,
    pub comparator: Comparator,
    /// The deadline governing the target in its paragraph (到2025年), `null` if none.
    pub year: Option<i32>,
    /// The year was read from a plan period ("十四五" → 2025), not written as a year.
    pub year_implied: bool,
    /// `false` for an aspirational target (力争, 争取).
    pub binding: bool,
    /// Where the quantity is written in the source.
    pub span: Span,
}
