//! What a publisher or an editor wrote about the document, read line by line before
//! paragraphs are joined, and set apart from the document's text:
//! - the metadata block of a government document library page (索 引 号 / 主题分类 /
//!   发文机关 / 成文日期 / 标　　题 / 发文字号 / 发布日期 / 主 题 词, each label with its value
//!   on the same line after ： or on the next line), and YAML front matter (`---` … `---`);
//! - markup comments (`<!-- INFO END -->`);
//! - release notes: （此件公开发布）, （本文有删减）;
//! - a law's or regulation's adoption note under its title, read into its history.
//!
//! The fields read here are the publisher's record; what the document prints is read by
//! `front_matter`, and wins where the two disagree.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{ExcludedReason, HistoryEntry};
use crate::structure::history;
use crate::structure::paragraphs::{date_line, doc_number, LineKind, SourceLine};

/// The fields of a publisher's record.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Record {
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub issuer: Option<String>,
    /// 成文日期: the date the document was signed.
    pub date: Option<String>,
    /// The adoption note's entries.
    pub history: Vec<HistoryEntry>,
    /// Lines (0-based indexes) set apart, with why.
    pub claimed: Vec<(usize, ExcludedReason)>,
}

/// `标　　题：` / `发文字号：国发〔2019〕5号`: a label of a metadata block, maybe with its value.
static BLOCK_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<label>[\p{Han}][\p{Han}\s]{1,14}?)\s*[：:]\s*(?P<value>.*)$").unwrap()
});

/// A YAML front matter line `key: value`.
static YAML_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?P<key>[\p{Han}A-Za-z_][\p{Han}\w-]*)\s*:\s*(?P<value>.*?)\s*$"#).unwrap()
});

/// A markup comment on a line of its own.
static COMMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^<!--.*-->$").unwrap());

/// How a text was released: （此件公开发布）, （本文有删减）, （此件有删节）, （此件发至县级）.
static PUBLICATION_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]\s*(?:此件|本件|此文|本文|该文)\s*(?:公开发布|主动公开|依申请公开|不予?公开|(?:略|有)?(?:删减|删节)|发至[\p{Han}]{1,8})\s*[）)]$")
        .unwrap()
});

/// What a label of a metadata block stands for.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Title,
    DocNumber,
    Issuer,
    Date,
    /// 主题词, 关键词: words separated by spaces; kept out of the text, not stored.
    Keywords,
    /// A label this reader does not know, inside a block.
    Unknown,
    /// Known, not kept (索引号, 主题分类, 发布日期 …).
    Other,
}

fn block_field(label: &str) -> Option<Field> {
    let label: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    Some(match label.as_str() {
        "标题" | "名称" | "文件名称" | "信息名称" | "公文标题" => Field::Title,
        "发文字号" | "文号" | "文件编号" | "发文编号" => Field::DocNumber,
        "发文机关" | "发布机关" | "发文单位" | "发布机构" | "发文机构" | "制发机关" => {
            Field::Issuer
        }
        "成文日期" | "发文日期" | "成文时间" => Field::Date,
        "主题词" | "关键词" => Field::Keywords,
        "索引号" | "主题分类" | "发布日期" | "发布时间" | "公文种类" | "体裁分类" | "组配分类"
        | "服务对象分类" | "信息分类" | "有效性" | "时效性" | "效力状态" | "生效日期"
        | "实施日期" | "废止日期" | "内容概述" | "信息来源" | "联合发文单位" | "公开方式"
        | "公开范围" | "公开属性" | "信息类别" | "文种" | "所属主题" | "统一编号" | "登记号"
        | "有效期" | "施行日期" | "失效日期" => Field::Other,
        _ => return None,
    })
}

/// A block needs this many known labels: one "标题：" alone is a line of text.
const MIN_BLOCK_LABELS: usize = 3;
/// Labels are short: "信息公开选项：" is one; a longer unknown label is text.
const MAX_UNKNOWN_LABEL_CHARS: usize = 6;
/// A value runs on over at most this many lines after its first.
const MAX_VALUE_CONTINUATION: usize = 2;
/// A YAML front matter closes within this many lines.
const MAX_YAML_LINES: usize = 60;
/// An adoption note runs over at most this many lines.
const MAX_NOTE_LINES: usize = 24;

/// Reads the records of a text's lines (their kinds as first classified).
pub(crate) fn read(lines: &[SourceLine<'_>], kinds: &[LineKind]) -> Record {
    let mut record = Record::default();
    let first = lines.iter().position(|l| !l.content.is_empty());
    if let Some(first) = first {
        if lines[first].content == "---" {
            read_yaml(lines, first, &mut record);
        }
    }
    read_block(lines, kinds, &mut record);
    for (i, line) in lines.iter().enumerate() {
        if record.claimed.iter().any(|(c, _)| *c == i) {
            continue;
        }
        if COMMENT.is_match(line.content) {
            record.claimed.push((i, ExcludedReason::Metadata));
        } else if PUBLICATION_NOTE.is_match(line.content) {
            record.claimed.push((i, ExcludedReason::PublicationNote));
        }
    }
    read_note(lines, kinds, &mut record);
    record.claimed.sort_unstable_by_key(|(i, _)| *i);
    record
}

impl Record {
    /// Sets the claimed lines apart, so paragraphs never join them.
    pub(crate) fn set_apart(&self, kinds: &mut [LineKind]) {
        for &(i, reason) in &self.claimed {
            kinds[i] = LineKind::Excluded(reason);
        }
    }
}

fn read_yaml(lines: &[SourceLine<'_>], open: usize, record: &mut Record) {
    let Some(close) = lines
        .iter()
        .enumerate()
        .skip(open + 1)
        .take(MAX_YAML_LINES)
        .find(|(_, l)| l.content == "---" || l.content == "...")
        .map(|(i, _)| i)
    else {
        return;
    };
    for line in &lines[open + 1..close] {
        let Some(caps) = YAML_FIELD.captures(line.content) else {
            continue;
        };
        let value = caps["value"].trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        let field = match caps["key"].to_lowercase().as_str() {
            "title" => Field::Title,
            "doc_number" | "document_number" | "number" | "wenhao" => Field::DocNumber,
            "issuer" | "author" | "agency" | "publisher" | "organization" => Field::Issuer,
            "date" | "signed" => Field::Date,
            other => block_field(other).unwrap_or(Field::Other),
        };
        keep(record, field, value);
    }
    record
        .claimed
        .extend((open..=close).map(|i| (i, ExcludedReason::Metadata)));
}

/// A document library's block at the top of the text: labels with their values, blank
/// lines and already set-apart lines (page furniture) between them.
fn read_block(lines: &[SourceLine<'_>], kinds: &[LineKind], record: &mut Record) {
    let mut i = 0;
    let mut labels = 0;
    let mut fields: Vec<(Field, String)> = Vec::new();
    let mut claimed = Vec::new();
    let mut last_value_line = None;
    while i < lines.len() {
        let content = lines[i].content;
        // Past two known labels, a label of the same form that this reader does not know
        // (信息公开选项：主动公开) belongs to the block too, with its value on its own
        // line only: a line below it may be the title.
        let mut label = BLOCK_LABEL.captures(content).and_then(|c| {
            let value = c["value"].trim().to_string();
            match block_field(&c["label"]) {
                Some(field) => Some((field, value)),
                None if labels >= 2 && c["label"].chars().count() <= MAX_UNKNOWN_LABEL_CHARS => {
                    Some((Field::Unknown, value))
                }
                None => None,
            }
        });
        if label.is_none() {
            if let Some((field, value)) = split_label(content, lines.get(i + 1)) {
                // The label's first char stands alone: claim it and read on from the rest.
                claimed.push(i);
                i += 1;
                label = Some((field, value));
            }
        }
        let passed_over = content.is_empty()
            || matches!(kinds[i], LineKind::Excluded(_))
            || record.claimed.iter().any(|(c, _)| *c == i);
        let Some((field, same_line)) = label else {
            if !passed_over {
                break;
            }
            if !claimed.is_empty() {
                claimed.push(i);
            }
            i += 1;
            continue;
        };
        if field != Field::Unknown {
            labels += 1;
        }
        claimed.push(i);
        last_value_line = Some(claimed.len());
        let value = if !same_line.is_empty() {
            same_line
        } else {
            // The value stands on the next line, unless that line is blank or a label.
            // A keyword list is words between spaces: a line without one is the title.
            let fits = |next: &str| match field {
                Field::Keywords => {
                    next.contains(|c: char| c.is_whitespace() || matches!(c, '；' | ';' | ','))
                }
                Field::Unknown => false,
                _ => true,
            };
            match lines.get(i + 1) {
                Some(next)
                    if !next.content.is_empty()
                        && !is_block_label(next.content)
                        && fits(next.content) =>
                {
                    i += 1;
                    claimed.push(i);
                    last_value_line = Some(claimed.len());
                    next.content.to_string()
                }
                _ => String::new(),
            }
        };
        let mut value = value;
        if !value.is_empty() && !matches!(field, Field::Keywords | Field::Unknown) {
            // A long value wrapped onto the lines before the next label (a title in a
            // PDF's text layer): those lines are the value's, not the document's.
            let run = (i + 1..lines.len().min(i + 1 + MAX_VALUE_CONTINUATION))
                .take_while(|&j| !lines[j].content.is_empty() && !is_block_label(lines[j].content))
                .count();
            let next_label = lines[i + 1 + run..]
                .iter()
                .find(|l| !l.content.is_empty())
                .is_some_and(|l| is_block_label(l.content));
            if run > 0 && next_label {
                for j in i + 1..=i + run {
                    value.push_str(lines[j].content.trim());
                    claimed.push(j);
                }
                last_value_line = Some(claimed.len());
                i += run;
            }
        }
        if !value.is_empty() {
            fields.push((field, value));
        }
        i += 1;
    }
    if labels < MIN_BLOCK_LABELS {
        return;
    }
    claimed.truncate(last_value_line.unwrap_or(0));
    for (field, value) in fields {
        keep(record, field, &value);
    }
    record.claimed.extend(
        claimed
            .into_iter()
            .filter(|&i| !lines[i].content.is_empty())
            .map(|i| (i, ExcludedReason::Metadata)),
    );
}

/// A known label printed over two lines, as a PDF's text layer gives a label spread out
/// with wide spaces ("标　　题：" → "标" / "题："): the first line one or two Han chars alone.
fn split_label(content: &str, next: Option<&SourceLine<'_>>) -> Option<(Field, String)> {
    let head = content.trim();
    if head.is_empty() || head.chars().count() > 2 || !head.chars().all(is_han) {
        return None;
    }
    let joined = format!("{head}{}", next?.content.trim_start());
    let caps = BLOCK_LABEL.captures(&joined)?;
    let field = block_field(&caps["label"])?;
    Some((field, caps["value"].trim().to_string()))
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

fn is_block_label(content: &str) -> bool {
    BLOCK_LABEL
        .captures(content)
        .is_some_and(|c| block_field(&c["label"]).is_some())
}

/// Stores a field's value, normalized; the first value of a field wins.
fn keep(record: &mut Record, field: Field, value: &str) {
    let squeezed: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    match field {
        Field::Title if record.title.is_none() => {
            record.title = Some(squeezed.trim_start_matches('#').to_string());
        }
        Field::DocNumber if record.doc_number.is_none() => {
            record.doc_number = Some(doc_number(&squeezed).unwrap_or(squeezed));
        }
        Field::Issuer if record.issuer.is_none() => {
            let names: Vec<&str> = value
                .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';'))
                .filter(|s| !s.is_empty())
                .collect();
            record.issuer = Some(names.join("、"));
        }
        Field::Date if record.date.is_none() => {
            record.date = iso_date(&squeezed);
        }
        _ => {}
    }
}

/// 2019年01月27日, 2019-01-27, 2019/1/27, 2019.1.27 → `2019-01-27`.
pub(crate) fn iso_date(text: &str) -> Option<String> {
    if let Some(date) = date_line(text) {
        return Some(date);
    }
    static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
        // 2019-01-27, 2019/1/27, 2019.1.27, maybe followed by a time.
        Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$").unwrap()
    });
    let caps = NUMERIC_DATE.captures(text.trim())?;
    let (y, m, d): (u32, u32, u32) = (
        caps[1].parse().ok()?,
        caps[2].parse().ok()?,
        caps[3].parse().ok()?,
    );
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The adoption note: lines before the first clause that open with a date and name an
/// event by a body ("1993年12月29日 第八届全国人民代表大会常务委员会第五次会议通过"), one
/// per line or all in one parenthesis, perhaps broken inside a title or a parenthesis.
fn read_note(lines: &[SourceLine<'_>], kinds: &[LineKind], record: &mut Record) {
    let first_clause = kinds
        .iter()
        .position(|k| matches!(k, LineKind::Marker(_)))
        .unwrap_or(lines.len());
    let free = |i: usize| !record.claimed.iter().any(|(c, _)| *c == i);
    let Some(start) = (0..first_clause).find(|&i| {
        free(i)
            && !matches!(kinds[i], LineKind::Date(_))
            && history::is_note_start(lines[i].content)
    }) else {
        return;
    };
    let mut note = String::new();
    let mut taken = Vec::new();
    let mut i = start;
    while i < lines.len() && taken.len() < MAX_NOTE_LINES {
        let content = lines[i].content;
        let open_paren = note.matches(['（', '(']).count() > note.matches(['）', ')']).count();
        let open_title = note.matches('《').count() > note.matches('》').count();
        let continues =
            i == start || open_paren || open_title || (free(i) && history::is_note_start(content));
        if content.is_empty() {
            i += 1;
            continue;
        }
        if !continues {
            break;
        }
        if !note.is_empty() {
            note.push('　');
        }
        note.push_str(content);
        taken.push(i);
        i += 1;
    }
    record.history = history::parse(&note);
    record
        .claimed
        .extend(taken.into_iter().map(|i| (i, ExcludedReason::AdoptionNote)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::paragraphs::{classify, split_lines};

    fn read_text(text: &str) -> Record {
        let lines = split_lines(text);
        let kinds = classify(&lines);
        read(&lines, &kinds)
    }

    #[test]
    fn document_library_block_with_values_on_their_own_lines() {
        // The head of 国发〔2019〕4号 as saved from the State Council's document library.
        let text = "索 引 号：\n000014349/2019-00005\n主题分类：\n科技、教育\\教育\n\n发文机关：\n国务院\n成文日期：\n2019年01月24日\n\n标　　题：\n国务院关于印发国家职业教育改革实施方案的通知\n\n发文字号：\n国发〔2019〕4号\n发布日期：\n2019年02月13日\n\n主 题 词：\n\n国务院关于印发国家职业教育改革\n\n实施方案的通知\n";
        let record = read_text(text);
        assert_eq!(
            record.title.as_deref(),
            Some("国务院关于印发国家职业教育改革实施方案的通知")
        );
        assert_eq!(record.doc_number.as_deref(), Some("国发〔2019〕4号"));
        assert_eq!(record.issuer.as_deref(), Some("国务院"));
        assert_eq!(record.date.as_deref(), Some("2019-01-24"));
        // Up to 主 题 词 (index 18); the printed title after it is the document's.
        let claimed: Vec<usize> = record.claimed.iter().map(|(i, _)| *i).collect();
        assert_eq!(claimed.first(), Some(&0));
        assert_eq!(claimed.last(), Some(&18));
    }

    #[test]
    fn block_as_a_pdf_text_layer_gives_it() {
        // The head of 国办发〔2019〕6号 printed to PDF and read back with pdftotext: the
        // wide spaces of "标　　题：" break the label over two lines, and digits stand apart
        // from the Han characters around them.
        let text = "索 引 号：\n000014349/2019-00006\n主题分类：\n财政、金融、审计\\银行\n发文机关：\n国务院办公厅\n成文日期：\n2019 年 01 月 22 日\n标\n题：\n国务院办公厅关于有效发挥政府性融资担保基金作用切实支持小微企业和“三农”发展的指导意见\n发文字号：\n国办发〔2019〕6 号\n发布日期：\n2019 年 02 月 14 日\n";
        let record = read_text(text);
        assert_eq!(
            record.title.as_deref(),
            Some("国务院办公厅关于有效发挥政府性融资担保基金作用切实支持小微企业和“三农”发展的指导意见")
        );
        assert_eq!(record.doc_number.as_deref(), Some("国办发〔2019〕6号"));
        assert_eq!(record.date.as_deref(), Some("2019-01-22"));
        assert_eq!(record.claimed.len(), 15);
    }

    #[test]
    fn a_long_value_wraps_onto_the_next_line() {
        // 国发〔2018〕43号 printed to PDF: the title's value wraps before 发文字号.
        let text = "索 引 号：\n000014349/2018-00222\n发文机关：\n国务院\n成文日期：\n2018 年 12 月 21 日\n标  题：\n国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规\n定的决定\n\n发文字号：\n国发〔2018〕43 号\n\n国务院关于在海南博鳌乐城国际医疗旅游先行区\n";
        let record = read_text(text);
        assert_eq!(
            record.title.as_deref(),
            Some("国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定")
        );
        assert_eq!(record.doc_number.as_deref(), Some("国发〔2018〕43号"));
        // The printed title after the block stays the document's.
        assert_eq!(record.claimed.last().map(|(i, _)| *i), Some(11));
    }

    #[test]
    fn subject_words_value_is_part_of_the_block() {
        let text = "索 引 号：\n000014349/2004-00209\n发文机关：\n国务院办公厅\n成文日期：\n2004年08月12日\n主 题 词：\n经济管理　考察　措施　函\n\n国务院办公厅\n关于辽宁省在曾培炎副总理考察\n工作时所提问题和建议办理情况的函\n";
        let record = read_text(text);
        let claimed: Vec<usize> = record.claimed.iter().map(|(i, _)| *i).collect();
        assert_eq!(claimed, (0..8).collect::<Vec<_>>());
    }

    #[test]
    fn block_on_one_line_per_field() {
        let text = "索引号：11440000006939805X/2020-00123\n发布机构：广东省人民政府\n成文日期：2020-09-17\n标题：广东省人民政府印发《关于加快推进质量强省建设的实施方案》的通知\n文号：粤府〔2020〕50号\n\n广东省人民政府印发《关于加快推进质量强省建设的实施方案》的通知\n";
        let record = read_text(text);
        assert_eq!(record.issuer.as_deref(), Some("广东省人民政府"));
        assert_eq!(record.date.as_deref(), Some("2020-09-17"));
        assert_eq!(record.doc_number.as_deref(), Some("粤府〔2020〕50号"));
        assert_eq!(record.claimed.len(), 5);
    }

    #[test]
    fn labels_this_reader_does_not_know_stay_in_the_block() {
        let text = "发文机构：北京市人民政府办公厅\n成文日期：2021年03月18日\n信息公开选项：主动公开\n发文字号：京政办发〔2021〕10号\n\n北京市人民政府办公厅关于印发《北京市深化“放管服”改革优化营商环境工作要点》的通知\n";
        let record = read_text(text);
        assert_eq!(record.claimed.len(), 4);
        assert_eq!(record.doc_number.as_deref(), Some("京政办发〔2021〕10号"));
        assert_eq!(record.issuer.as_deref(), Some("北京市人民政府办公厅"));
    }

    #[test]
    fn a_single_field_line_is_not_a_block() {
        let record = read_text("联系人：蔡冰如\n一、总体要求\n");
        assert!(record.claimed.is_empty());
        assert_eq!(record.issuer, None);
    }

    #[test]
    fn yaml_front_matter() {
        let text = "---\ntitle: \"上海市科学技术进步条例\"\ndate: 2024-05-10\n文号: 沪人大〔2024〕3号\n---\n# 上海市科学技术进步条例\n";
        let record = read_text(text);
        assert_eq!(record.title.as_deref(), Some("上海市科学技术进步条例"));
        assert_eq!(record.date.as_deref(), Some("2024-05-10"));
        assert_eq!(record.doc_number.as_deref(), Some("沪人大〔2024〕3号"));
        assert_eq!(record.claimed.len(), 5);
    }

    #[test]
    fn release_notes_and_comments_are_set_apart() {
        let record = read_text("国务院\n2019年1月24日\n（此件公开发布）\n国家职业教育改革实施方案\n<!-- INFO END -->\n（本文有删减）\n");
        assert_eq!(
            record.claimed,
            vec![
                (2, ExcludedReason::PublicationNote),
                (4, ExcludedReason::Metadata),
                (5, ExcludedReason::PublicationNote)
            ]
        );
    }

    #[test]
    fn adoption_note_one_event_a_line() {
        // 北京市审计条例 as the law-text collection prints it.
        let text = "# 北京市审计条例\n\n2012年7月27日 北京市第十三届人民代表大会常务委员会第三十四次会议通过\n\n2017年9月22日 北京市第十四届人民代表大会常务委员会第四十一次会议《关于修改〈北京市审计条例〉的决定》修正　\n\n2023年11月24日 北京市第十六届人民代表大会常务委员会第六次会议《关于修改〈北京市审计条例〉的决定》修正）\n\n<!-- INFO END -->\n\n## 第一章  总  则\n\n第一条 为了加强审计监督，制定本条例。\n";
        let record = read_text(text);
        assert_eq!(record.history.len(), 3);
        assert_eq!(record.history[2].date, "2023-11-24");
        assert_eq!(
            record.history[2].body.as_deref(),
            Some("北京市人民代表大会常务委员会")
        );
        let notes: Vec<usize> = record
            .claimed
            .iter()
            .filter(|(_, r)| *r == ExcludedReason::AdoptionNote)
            .map(|(i, _)| *i)
            .collect();
        assert_eq!(notes, vec![2, 4, 6]);
    }

    #[test]
    fn adoption_note_broken_inside_a_title() {
        // 文物保护法 (2017): a decision's title broken across two lines, the second of
        // which starts like an article (第三十一条).
        let text = "# 中华人民共和国文物保护法\n\n1982年11月19日 第五届全国人民代表大会常务委员会第二十五次会议通过\n\n1991年6月29日 第七届全国人民代表大会常务委员会第二十次会议《关于修改<中华人民共和国文物保护法>第三十条\n\n第三十一条的决定》第一次修正\n\n2002年10月28日 第九届全国人民代表大会常务委员会第三十次会议修订\n\n## 第一章 总则\n";
        let record = read_text(text);
        assert_eq!(record.history.len(), 3);
        assert_eq!(record.history[1].event, crate::model::HistoryEvent::Amended);
        assert!(record.claimed.iter().any(|(i, _)| *i == 6));
    }
}
