//! Export: documents turned into four flat tables (documents, clauses, agencies, targets)
//! for engines that read columns (Spark, DuckDB, Polars) or search services
//! (Elasticsearch, OpenSearch).
//!
//! This module owns the tables: their columns ([`columns`], each with its type,
//! nullability and meaning, the contract `docs/export.md` spells out), and the rows one
//! document gives ([`Tables`]), read from a parsed [`Document`] or from what an index stores
//! ([`from_index`]). The writers take one document's rows at a time and never hold more
//! than a bounded batch: [`parquet`] (one file per table, row groups of about 128 MB),
//! [`jsonl`] (the same rows as JSON Lines) and [`elasticsearch`] (a bulk file of clauses
//! and the index template that reads them). Every table is keyed by `document_id` (the
//! document's `source`), the three per-clause tables also by `clause_id`.
//!
//! ```
//! let doc = zhengce::parse_bytes("一、总体要求\n（一）到2025年，食品抽检合格率达到98%以上。（省市场监管局牵头，省卫生健康委参与）\n".as_bytes(), None, "a.txt").unwrap();
//! let tables = zhengce::export::Tables::of_document(&doc);
//! assert_eq!(tables.clauses.len(), 2);
//! assert_eq!(tables.targets[0].indicator, "食品抽检合格率");
//! assert_eq!(tables.targets[0].clause_id, "1.1");
//! ```

pub mod elasticsearch;
pub mod from_index;
pub mod jsonl;
pub mod parallel;
pub mod parquet;

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::index::DocumentSummary;
use crate::model::{Agency, Clause, Document, Lines, MarkerStyle, Span, Target};

/// The four tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Documents,
    Clauses,
    Agencies,
    Targets,
}

impl Table {
    pub const ALL: [Table; 4] = [
        Table::Documents,
        Table::Clauses,
        Table::Agencies,
        Table::Targets,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::Clauses => "clauses",
            Table::Agencies => "agencies",
            Table::Targets => "targets",
        }
    }
}

/// The type of a column, as Parquet/Arrow store it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text (Parquet BYTE_ARRAY, logical type STRING).
    Text,
    /// 32-bit signed integer.
    Int32,
    /// 64-bit signed integer.
    Int64,
    /// 64-bit float.
    Float64,
    Bool,
    /// A calendar date (Parquet DATE: days since 1970-01-01).
    Date,
    /// A list of texts.
    TextList,
    /// A list of 32-bit integers.
    Int32List,
}

impl Kind {
    /// The name `docs/export.md` uses.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Int32 => "int32",
            Kind::Int64 => "int64",
            Kind::Float64 => "double",
            Kind::Bool => "boolean",
            Kind::Date => "date",
            Kind::TextList => "list<string>",
            Kind::Int32List => "list<int32>",
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub nullable: bool,
    /// Free text (clause text, a target's sentence): stored without a dictionary, whose
    /// entries would almost all be unique.
    pub free_text: bool,
}

const fn col(name: &'static str, kind: Kind, nullable: bool) -> Column {
    Column {
        name,
        kind,
        nullable,
        free_text: false,
    }
}

const fn free(name: &'static str, nullable: bool) -> Column {
    Column {
        name,
        kind: Kind::Text,
        nullable,
        free_text: true,
    }
}

use Kind::*;

const DOCUMENT_COLUMNS: &[Column] = &[
    col("document_id", Text, false),
    col("name", Text, false),
    col("title", Text, true),
    col("issued_as", Text, true),
    col("doc_number", Text, true),
    col("issuer", Text, true),
    col("date", Date, true),
    col("year", Int32, true),
    col("year_from", Text, true),
    col("status", Text, true),
    free("recipients", true),
    col("format", Text, true),
    col("encoding", Text, true),
    free("notice", true),
    free("preamble", true),
    col("clauses", Int32, false),
    col("agencies", Int32, false),
    col("targets", Int32, false),
    col("warnings", Int32, true),
];

const CLAUSE_COLUMNS: &[Column] = &[
    col("document_id", Text, false),
    col("clause_id", Text, false),
    col("parent_id", Text, true),
    col("ordinal", Int32, false),
    col("level", Int32, false),
    col("style", Text, false),
    col("labels", TextList, false),
    col("numbers", Int32List, false),
    free("heading", true),
    free("text", false),
    col("line_start", Int32, false),
    col("line_end", Int32, false),
    col("span_start", Int64, false),
    col("span_end", Int64, false),
    col("agencies", Int32, false),
    col("targets", Int32, false),
];

const AGENCY_COLUMNS: &[Column] = &[
    col("document_id", Text, false),
    col("clause_id", Text, false),
    col("ordinal", Int32, false),
    col("name", Text, false),
    col("canonical", Text, true),
    col("successor", Text, true),
    col("current", Text, false),
    col("role", Text, false),
    col("generic", Bool, false),
    col("span_start", Int64, false),
    col("span_end", Int64, false),
];

const TARGET_COLUMNS: &[Column] = &[
    col("document_id", Text, false),
    col("clause_id", Text, false),
    col("ordinal", Int32, false),
    col("indicator", Text, false),
    col("value", Float64, false),
    col("max", Float64, true),
    col("unit", Text, false),
    col("comparator", Text, false),
    col("year", Int32, true),
    col("year_implied", Bool, false),
    col("binding", Bool, false),
    free("text", false),
    col("span_start", Int64, false),
    col("span_end", Int64, false),
];

/// The columns of a table, in order.
pub fn columns(table: Table) -> &'static [Column] {
    match table {
        Table::Documents => DOCUMENT_COLUMNS,
        Table::Clauses => CLAUSE_COLUMNS,
        Table::Agencies => AGENCY_COLUMNS,
        Table::Targets => TARGET_COLUMNS,
    }
}

/// One value of a row, in the order of [`columns`].
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(Option<&'a str>),
    Int32(Option<i32>),
    Int64(i64),
    Float64(Option<f64>),
    Bool(bool),
    /// `YYYY-MM-DD`; stored as days since 1970-01-01, null unless a real calendar day.
    Date(Option<&'a str>),
    TextList(&'a [String]),
    Int32List(&'a [i32]),
}

/// A row of one of the tables.
pub trait Row {
    const TABLE: Table;
    /// The values in the order of [`columns`]`(Self::TABLE)`.
    fn cells(&self) -> Vec<Cell<'_>>;
}

/// A document: one row of `documents`.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRow {
    pub document_id: String,
    pub name: String,
    /// The document's own title, else the title it is issued under.
    pub title: Option<String>,
    /// The title it is issued under (a cover notice's) where that differs from `title`.
    pub issued_as: Option<String>,
    pub doc_number: Option<String>,
    pub issuer: Option<String>,
    /// `YYYY-MM-DD` as the document gives it.
    pub date: Option<String>,
    pub year: Option<i32>,
    pub year_from: Option<String>,
    pub status: Option<String>,
    pub recipients: Option<String>,
    pub format: Option<String>,
    pub encoding: Option<String>,
    pub notice: Option<String>,
    pub preamble: Option<String>,
    pub clauses: i32,
    pub agencies: i32,
    pub targets: i32,
    pub warnings: Option<i32>,
}

/// A clause: one row of `clauses`.
#[derive(Debug, Clone, PartialEq)]
pub struct ClauseRow {
    pub document_id: String,
    pub clause_id: String,
    pub parent_id: Option<String>,
    pub ordinal: i32,
    pub level: i32,
    pub style: &'static str,
    pub labels: Vec<String>,
    pub numbers: Vec<i32>,
    pub heading: Option<String>,
    pub text: String,
    pub lines: Lines,
    pub span: Span,
    pub agencies: i32,
    pub targets: i32,
}

/// An agency named in a clause: one row of `agencies`.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyRow {
    pub document_id: String,
    pub clause_id: String,
    pub ordinal: i32,
    pub name: String,
    pub canonical: Option<String>,
    pub successor: Option<String>,
    pub current: String,
    pub role: &'static str,
    pub generic: bool,
    pub span: Span,
}

/// A target of a clause: one row of `targets`.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetRow {
    pub document_id: String,
    pub clause_id: String,
    pub ordinal: i32,
    pub indicator: String,
    pub value: f64,
    pub max: Option<f64>,
    pub unit: String,
    pub comparator: &'static str,
    pub year: Option<i32>,
    pub year_implied: bool,
    pub binding: bool,
    pub text: String,
    pub span: Span,
}

fn text(s: &Option<String>) -> Cell<'_> {
    Cell::Text(s.as_deref())
}

fn int(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn offset(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Row for DocumentRow {
    const TABLE: Table = Table::Documents;
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::Text(Some(&self.document_id)),
            Cell::Text(Some(&self.name)),
            text(&self.title),
            text(&self.issued_as),
            text(&self.doc_number),
            text(&self.issuer),
            Cell::Date(
                self.date
                    .as_deref()
                    .filter(|d| days_since_epoch(d).is_some()),
            ),
            Cell::Int32(self.year),
            text(&self.year_from),
            text(&self.status),
            text(&self.recipients),
            text(&self.format),
            text(&self.encoding),
            text(&self.notice),
            text(&self.preamble),
            Cell::Int32(Some(self.clauses)),
            Cell::Int32(Some(self.agencies)),
            Cell::Int32(Some(self.targets)),
            Cell::Int32(self.warnings),
        ]
    }
}

impl Row for ClauseRow {
    const TABLE: Table = Table::Clauses;
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::Text(Some(&self.document_id)),
            Cell::Text(Some(&self.clause_id)),
            text(&self.parent_id),
            Cell::Int32(Some(self.ordinal)),
            Cell::Int32(Some(self.level)),
            Cell::Text(Some(self.style)),
            Cell::TextList(&self.labels),
            Cell::Int32List(&self.numbers),
            text(&self.heading),
            Cell::Text(Some(&self.text)),
            Cell::Int32(Some(int(self.lines.start))),
            Cell::Int32(Some(int(self.lines.end))),
            Cell::Int64(offset(self.span.start)),
            Cell::Int64(offset(self.span.end)),
            Cell::Int32(Some(self.agencies)),
            Cell::Int32(Some(self.targets)),
        ]
    }
}

impl Row for AgencyRow {
    const TABLE: Table = Table::Agencies;
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::Text(Some(&self.document_id)),
            Cell::Text(Some(&self.clause_id)),
            Cell::Int32(Some(self.ordinal)),
            Cell::Text(Some(&self.name)),
            text(&self.canonical),
            text(&self.successor),
            Cell::Text(Some(&self.current)),
            Cell::Text(Some(self.role)),
            Cell::Bool(self.generic),
            Cell::Int64(offset(self.span.start)),
            Cell::Int64(offset(self.span.end)),
        ]
    }
}

impl Row for TargetRow {
    const TABLE: Table = Table::Targets;
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::Text(Some(&self.document_id)),
            Cell::Text(Some(&self.clause_id)),
            Cell::Int32(Some(self.ordinal)),
            Cell::Text(Some(&self.indicator)),
            Cell::Float64(Some(self.value)),
            Cell::Float64(self.max),
            Cell::Text(Some(&self.unit)),
            Cell::Text(Some(self.comparator)),
            Cell::Int32(self.year),
            Cell::Bool(self.year_implied),
            Cell::Bool(self.binding),
            Cell::Text(Some(&self.text)),
            Cell::Int64(offset(self.span.start)),
            Cell::Int64(offset(self.span.end)),
        ]
    }
}

/// Days from 1970-01-01 to a `YYYY-MM-DD` date; `None` unless it is a real calendar day.
pub fn days_since_epoch(date: &str) -> Option<i32> {
    let mut parts = date.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month) || day < 1 || day > month_days[(month - 1) as usize] {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

/// The rows one document gives in each table.
#[derive(Debug, Clone, PartialEq)]
pub struct Tables {
    pub document: DocumentRow,
    pub clauses: Vec<ClauseRow>,
    pub agencies: Vec<AgencyRow>,
    pub targets: Vec<TargetRow>,
}

/// A clause as the tables need it: from a [`Clause`] or from what an index stores.
pub(crate) struct ClauseParts<'a> {
    pub id: &'a str,
    pub parent: Option<&'a str>,
    pub labels: &'a [String],
    pub numbers: &'a [u32],
    pub level: usize,
    pub style: MarkerStyle,
    pub heading: Option<&'a str>,
    pub text: &'a str,
    pub lines: Lines,
    pub span: Span,
    pub agencies: &'a [Agency],
    pub targets: &'a [Target],
}

impl<'a> From<&'a Clause> for ClauseParts<'a> {
    fn from(c: &'a Clause) -> Self {
        ClauseParts {
            id: &c.id,
            parent: c.parent.as_deref(),
            labels: &c.labels,
            numbers: &c.numbers,
            level: c.level,
            style: c.style,
            heading: c.heading.as_deref(),
            text: &c.text,
            lines: c.lines,
            span: c.span,
            agencies: &c.agencies,
            targets: &c.targets,
        }
    }
}

impl Tables {
    /// The rows of a parsed document.
    pub fn of_document(doc: &Document) -> Tables {
        let summary = DocumentSummary::of(doc);
        let mut tables = Tables::new(&summary, doc.clauses.iter().map(ClauseParts::from));
        let row = &mut tables.document;
        row.issued_as = doc.document_title.as_ref().and(doc.title.clone());
        row.recipients = doc.recipients.clone();
        row.format = Some(doc.format.name().to_owned());
        row.encoding = Some(doc.encoding.name.clone());
        row.notice = doc.notice.clone();
        row.preamble = doc.preamble.clone();
        row.warnings = Some(int(doc.warnings.len()));
        tables
    }

    /// The rows of a document summary and its clauses in document order. What a summary
    /// does not hold (recipients, format, notice …) is left null.
    pub(crate) fn new<'a>(
        summary: &DocumentSummary,
        clauses: impl Iterator<Item = ClauseParts<'a>>,
    ) -> Tables {
        let document_id = summary.source.clone();
        let mut tables = Tables {
            document: DocumentRow {
                document_id: document_id.clone(),
                name: summary.name.clone(),
                // The document's own title, else the one it is issued under; the cover
                // notice's title (issued_as) is not in an index.
                title: summary.title.clone(),
                issued_as: None,
                doc_number: summary.doc_number.clone(),
                issuer: summary.issuer.clone(),
                date: summary.date.clone(),
                year: summary.year,
                year_from: summary.year_from.clone(),
                status: summary.status.clone(),
                recipients: None,
                format: None,
                encoding: None,
                notice: None,
                preamble: None,
                clauses: 0,
                agencies: 0,
                targets: 0,
                warnings: None,
            },
            clauses: Vec::new(),
            agencies: Vec::new(),
            targets: Vec::new(),
        };
        for (ordinal, c) in clauses.enumerate() {
            let ordinal = int(ordinal);
            for (i, a) in c.agencies.iter().enumerate() {
                tables.agencies.push(AgencyRow {
                    document_id: document_id.clone(),
                    clause_id: c.id.to_owned(),
                    ordinal: int(i),
                    name: a.name.clone(),
                    canonical: a.canonical.clone(),
                    successor: a.successor.clone(),
                    current: a.current_name().to_owned(),
                    role: a.role.as_str(),
                    generic: a.generic,
                    span: a.span,
                });
            }
            for (i, t) in c.targets.iter().enumerate() {
                tables.targets.push(TargetRow {
                    document_id: document_id.clone(),
                    clause_id: c.id.to_owned(),
                    ordinal: int(i),
                    indicator: t.indicator.clone(),
                    value: t.value,
                    max: t.max,
                    unit: t.unit.clone(),
                    comparator: t.comparator.as_str(),
                    year: t.year,
                    year_implied: t.year_implied,
                    binding: t.binding,
                    text: t.text.clone(),
                    span: t.span,
                });
            }
            tables.clauses.push(ClauseRow {
                document_id: document_id.clone(),
                clause_id: c.id.to_owned(),
                parent_id: c.parent.map(str::to_owned),
                ordinal,
                level: int(c.level),
                style: style_name(c.style),
                labels: c.labels.to_vec(),
                numbers: c
                    .numbers
                    .iter()
                    .map(|&n| i32::try_from(n).unwrap_or(i32::MAX))
                    .collect(),
                heading: c.heading.map(str::to_owned),
                text: c.text.to_owned(),
                lines: c.lines,
                span: c.span,
                agencies: int(c.agencies.len()),
                targets: int(c.targets.len()),
            });
        }
        tables.document.clauses = int(tables.clauses.len());
        tables.document.agencies = int(tables.agencies.len());
        tables.document.targets = int(tables.targets.len());
        tables
    }
}

/// The name JSON gives a marker style (`tiao`, `paren-chinese` …).
pub fn style_name(style: MarkerStyle) -> &'static str {
    match style {
        MarkerStyle::Bian => "bian",
        MarkerStyle::Pian => "pian",
        MarkerStyle::Bufen => "bufen",
        MarkerStyle::Zhang => "zhang",
        MarkerStyle::Jie => "jie",
        MarkerStyle::Tiao => "tiao",
        MarkerStyle::ChineseComma => "chinese-comma",
        MarkerStyle::ParenChinese => "paren-chinese",
        MarkerStyle::Arabic => "arabic",
        MarkerStyle::ParenArabic => "paren-arabic",
        MarkerStyle::HalfParenArabic => "half-paren-arabic",
        MarkerStyle::Circled => "circled",
    }
}

/// How many rows went into each table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub documents: u64,
    pub clauses: u64,
    pub agencies: u64,
    pub targets: u64,
}

impl Counts {
    pub fn add(&mut self, tables: &Tables) {
        self.documents += 1;
        self.clauses += tables.clauses.len() as u64;
        self.agencies += tables.agencies.len() as u64;
        self.targets += tables.targets.len() as u64;
    }
}

/// Where an export goes, and in which form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Parquet,
    Jsonl,
    Elasticsearch,
}

/// A writer of tables: takes each document's rows as they come, then finishes its files.
pub trait Sink {
    fn write(&mut self, tables: &Tables) -> Result<(), Error>;
    /// Writes what is still buffered and closes the files.
    fn finish(self: Box<Self>) -> Result<(), Error>;
}

/// Opens the writer of `format`. `out` is the folder to write into (made if missing);
/// `None` (JSON Lines only) writes one stream to standard output.
pub fn sink(format: Format, out: Option<&Path>) -> Result<Box<dyn Sink>, Error> {
    match (format, out) {
        (Format::Jsonl, None) => Ok(Box::new(jsonl::StreamSink::stdout())),
        (_, None) => Err(Error::Export(
            "--out DIR is needed: this format writes several files".into(),
        )),
        (format, Some(dir)) => {
            std::fs::create_dir_all(dir).map_err(|cause| write_error(dir, cause))?;
            match format {
                Format::Parquet => Ok(Box::new(parquet::ParquetSink::create(dir)?)),
                Format::Jsonl => Ok(Box::new(jsonl::FilesSink::create(dir)?)),
                Format::Elasticsearch => Ok(Box::new(elasticsearch::BulkSink::create(
                    dir,
                    "zhengce-clauses",
                )?)),
            }
        }
    }
}

pub(crate) fn write_error(path: &Path, cause: std::io::Error) -> Error {
    Error::Write {
        path: PathBuf::from(path),
        cause,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_have_a_cell_for_every_column() {
        let doc = crate::parse_bytes(
            "一、总体要求\n（一）到2025年，食品抽检合格率达到98%以上。（省市场监管局牵头，省卫生健康委参与）\n"
                .as_bytes(),
            None,
            "a.txt",
        )
        .unwrap();
        let t = Tables::of_document(&doc);
        assert_eq!(t.document.cells().len(), columns(Table::Documents).len());
        assert_eq!(t.clauses[0].cells().len(), columns(Table::Clauses).len());
        assert_eq!(t.agencies[0].cells().len(), columns(Table::Agencies).len());
        assert_eq!(t.targets[0].cells().len(), columns(Table::Targets).len());
        for (table, cells) in [
            (Table::Documents, t.document.cells()),
            (Table::Clauses, t.clauses[1].cells()),
            (Table::Agencies, t.agencies[0].cells()),
            (Table::Targets, t.targets[0].cells()),
        ] {
            for (column, cell) in columns(table).iter().zip(&cells) {
                let null = matches!(
                    cell,
                    Cell::Text(None) | Cell::Int32(None) | Cell::Float64(None) | Cell::Date(None)
                );
                assert!(column.nullable || !null, "{}.{}", table.name(), column.name);
                let kind_ok = matches!(
                    (column.kind, cell),
                    (Kind::Text, Cell::Text(_))
                        | (Kind::Int32, Cell::Int32(_))
                        | (Kind::Int64, Cell::Int64(_))
                        | (Kind::Float64, Cell::Float64(_))
                        | (Kind::Bool, Cell::Bool(_))
                        | (Kind::Date, Cell::Date(_))
                        | (Kind::TextList, Cell::TextList(_))
                        | (Kind::Int32List, Cell::Int32List(_))
                );
                assert!(kind_ok, "{}.{}", table.name(), column.name);
            }
        }
    }

    /// docs/export.md is the schema users read: every column is there, in its table's
    /// section, with its type and nullability, in order.
    #[test]
    fn docs_list_every_column_with_its_type() {
        let docs = include_str!("../../docs/export.md");
        for table in Table::ALL {
            let heading = format!("### {}.parquet", table.name());
            let section = docs
                .split(&heading)
                .nth(1)
                .unwrap_or_else(|| panic!("no section {heading}"));
            let section = section.split("\n### ").next().unwrap_or_default();
            let rows: Vec<Vec<&str>> = section
                .lines()
                .filter(|l| l.starts_with("| `"))
                .map(|l| l.split('|').map(str::trim).collect())
                .collect();
            assert_eq!(rows.len(), columns(table).len(), "{heading}");
            for (row, column) in rows.iter().zip(columns(table)) {
                assert_eq!(row[1], format!("`{}`", column.name), "{heading}");
                assert_eq!(row[2], column.kind.name(), "{heading} {}", column.name);
                let null = if column.nullable { "yes" } else { "no" };
                assert_eq!(row[3], null, "{heading} {}", column.name);
            }
        }
    }

    #[test]
    fn dates_are_days_since_1970() {
        assert_eq!(days_since_epoch("1970-01-01"), Some(0));
        assert_eq!(days_since_epoch("2000-03-01"), Some(11017));
        assert_eq!(days_since_epoch("2020-12-31"), Some(18627));
        assert_eq!(days_since_epoch("2021-02-29"), None);
        assert_eq!(days_since_epoch("2020-02-29"), Some(18321));
        assert_eq!(days_since_epoch("2020-13-01"), None);
        assert_eq!(days_since_epoch("2020"), None);
    }
}
