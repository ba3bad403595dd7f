//! Front matter: everything before the first clause. Tells the cover notice (印发通知,
//! 转发通知 or a 国务院令, up to its signature and date) from the document it issues, and
//! reads the metadata as printed: title (over several lines, a Markdown `# 标题`), document
//! title, 文号 (own line, in parentheses, beside the issuer; an order's 国令第707号),
//! recipients, issuer, date, draft status, preamble. [`settle`] then weighs what the text
//! prints against a regulation's adoption note and the publisher's record.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Diagnostic, DiagnosticKind};
use crate::normalize::fold_str;
use crate::structure::history;
use crate::structure::paragraphs::{doc_number, is_title_like, Paragraph, ParagraphKind};
use crate::structure::record::Record;

/// What the front matter says about the document.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    pub document_title: Option<String>,
    pub doc_number: Option<String>,
    pub recipients: Option<String>,
    /// The signer of the cover notice, the document or an order.
    pub issuer: Option<String>,
    /// The body a title opens with ("国务院办公厅关于…"): an inference, used last.
    pub title_issuer: Option<String>,
    pub date: Option<String>,
    pub notice: Option<String>,
    pub preamble: Option<String>,
}

/// "X印发《Y》的通知" / "X关于印发Y的通知": X issued it, Y is the document's own title.
static ISSUED_BY_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<issuer>.{2,60}?)(?:关于)?印发《(?P<document>[^》]+)》(?:的通知)?$").unwrap()
});

/// "X关于…", "X转发…", "X对…的答复": the body that opens a title.
static ISSUER_BEFORE_GUANYU: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<issuer>[\p{Han}\s、]{2,40}?(?:人民政府|办公厅|办公室|委员会|省委|市委|军委|局|厅|部|委|署|院))(?:关于|转发|批转|对)")
        .unwrap()
});

/// Addressees: "各地级以上市人民政府，…各直属机构：", "国家经贸委、冶金部：", a person
/// answered by name and office ("邓乃扬、韩汝琦委员：", "周桂英等代表：").
static RECIPIENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:.*各.*|.*(?:人民政府|政府|部门|单位|机构|委员会|厅|局|办|委|部|院|署|兵团|军区|中心|公司|集团|银行|大学|学校)(?:\s*[（(][^）)]*[）)])?|[\p{Han}、，,等]{2,40}(?:委员|代表|主席|副主席|主任|同志|先生|女士|总理|副总理|省长|市长|部长))[：:]$")
        .unwrap()
});

/// Draft marks in a title.
static DRAFT_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"征求意见稿|送审稿|讨论稿|草案|草稿").unwrap());

/// A list of every province and military region still fits.
const MAX_RECIPIENTS_CHARS: usize = 400;

fn is_recipients(p: &Paragraph) -> bool {
    let text = p.text.text();
    p.kind == ParagraphKind::Text
        && text.chars().count() <= MAX_RECIPIENTS_CHARS
        && !text.contains('。')
        && RECIPIENTS.is_match(text)
}

/// Reads the paragraphs before the first clause.
///
/// A cover notice (印发通知, 转发通知, or a 国务院令 that promulgates a regulation) ends with
/// its signature and date, and the document it issues follows under its own title. A
/// signature with no titled document after it signs the document itself.
pub(crate) fn read(front: &[Paragraph]) -> FrontMatter {
    let mut meta = FrontMatter {
        doc_number: front.iter().find_map(|p| match &p.kind {
            ParagraphKind::DocNumber(n) => Some(n.clone()),
            _ => None,
        }),
        ..FrontMatter::default()
    };
    let document_part: Vec<&Paragraph> = match cover_end(front) {
        Some((at, signers)) => {
            let (names, date, block_end) = signature_block(&front[at..]);
            meta.issuer = names;
            meta.date = date;
            let after = &front[at + block_end..];
            if opens_with_title(after) {
                read_cover_notice(&front[..at - signers], &mut meta);
                after.iter().collect()
            } else {
                front[..at - signers].iter().chain(after).collect()
            }
        }
        None => front.iter().collect(),
    };
    let mut rest: Vec<String> = Vec::new();
    let mut title: Option<(String, &Paragraph)> = None;
    for (i, &p) in document_part.iter().enumerate() {
        let nothing_yet = title.is_none() && rest.is_empty();
        match &p.kind {
            ParagraphKind::Text if nothing_yet && is_attachment_label(p) => {}
            ParagraphKind::Text | ParagraphKind::Field if nothing_yet && is_letterhead(p) => {}
            ParagraphKind::Text
                if nothing_yet && meta.doc_number.is_none() && order(p).is_some() =>
            {
                read_order(p, &mut meta, &mut rest);
            }
            // A title printed twice (the law-text collections repeat it under the note).
            ParagraphKind::Text if title.as_ref().is_some_and(|(t, _)| t == p.text.text()) => {}
            ParagraphKind::Text if nothing_yet && title_of(p).is_some() => {
                let (text, remainder) = title_of(p).unwrap_or_default();
                title = Some((text, p));
                rest.extend(remainder);
            }
            ParagraphKind::Text if meta.recipients.is_none() && rest.is_empty() => {
                if let Some((number, remainder)) =
                    number_in_line(p).filter(|_| meta.doc_number.is_none())
                {
                    meta.doc_number = Some(number);
                    after_number(remainder, &mut meta, &mut rest);
                    continue;
                }
                match recipients_of(p) {
                    Some((recipients, remainder)) => {
                        meta.recipients = Some(recipients);
                        rest.extend(remainder);
                    }
                    None => push_text(p, &mut meta, &mut rest),
                }
            }
            // The date printed under a title: "（2018年8月23日印发）".
            ParagraphKind::Date(d) if meta.date.is_none() && rest.is_empty() && i <= 3 => {
                meta.date = Some(d.clone());
            }
            ParagraphKind::Text | ParagraphKind::Bullet | ParagraphKind::Field => {
                push_text(p, &mut meta, &mut rest)
            }
            _ => {}
        }
    }
    if let Some((title, p)) = title {
        if meta.title.is_none() {
            meta.title_issuer = issuer_from_title(&title_raw(p));
            meta.title = Some(title);
        } else if meta.title.as_deref() != Some(title.as_str()) {
            meta.document_title = Some(title);
        }
    }
    let issued = meta.title.as_deref().and_then(issued_document);
    if meta.document_title.is_none() && meta.notice.is_none() {
        // A notice printed without a signature of its own: the issued document's title
        // stands between the notice's text and the document's preamble.
        if let Some(at) = issued.as_deref().and_then(|name| {
            rest.iter()
                .position(|r| r.trim_matches(['《', '》']) == name)
        }) {
            meta.document_title = Some(rest[at].clone());
            meta.notice = (at > 0).then(|| rest[..at].join("\n"));
            rest.drain(..=at);
        }
    }
    if meta.document_title.is_none() {
        meta.document_title = issued;
    }
    if meta.title_issuer.is_none() {
        meta.title_issuer = meta.title.as_deref().and_then(issuer_from_title);
    }
    meta.preamble = (!rest.is_empty()).then(|| rest.join("\n"));
    meta
}

/// A text paragraph of the document part: a 文号 in a short line above the text, else
/// preamble.
fn push_text(p: &Paragraph, meta: &mut FrontMatter, rest: &mut Vec<String>) {
    if meta.doc_number.is_none() && rest.is_empty() {
        if let Some((number, remainder)) = number_in_line(p) {
            meta.doc_number = Some(number);
            after_number(remainder, meta, rest);
            return;
        }
    }
    rest.push(p.text.text().to_string());
}

/// Whether the paragraphs after a signature open with a document's title (after an
/// "附件" label, if any): what a cover notice issues.
fn opens_with_title(after: &[Paragraph]) -> bool {
    after
        .iter()
        .filter(|p| !(p.kind == ParagraphKind::Text && is_attachment_label(p)))
        .find(|p| !matches!(p.kind, ParagraphKind::DocNumber(_)))
        .is_some_and(|p| title_of(p).is_some())
}

/// The addressees a paragraph holds, and the text joined after them on later lines
/// ("各直属机构：" wrapped onto "根据机构设置…").
fn recipients_of(p: &Paragraph) -> Option<(String, Option<String>)> {
    if is_recipients(p) {
        return Some((strip_colon(p.text.text()), None));
    }
    let (first, remainder) = split_first_line(p)?;
    (first.chars().count() <= MAX_RECIPIENTS_CHARS
        && !first.contains('。')
        && RECIPIENTS.is_match(&first))
    .then(|| (strip_colon(&first), remainder))
}

/// A paragraph's cleaned text cut after its first source line, when it has more than one.
fn split_first_line(p: &Paragraph) -> Option<(String, Option<String>)> {
    let first_line = p.raw.split('\n').next()?;
    if first_line.len() == p.raw.len() {
        return None;
    }
    let line_end = p.start + first_line.chars().count();
    let within = p
        .text
        .origin()
        .iter()
        .take_while(|&&o| o < line_end)
        .count();
    let text = p.text.text();
    let split = text
        .char_indices()
        .nth(within)
        .map_or(text.len(), |(b, _)| b);
    let remainder = text[split..].trim();
    Some((
        text[..split].trim().to_string(),
        (!remainder.is_empty()).then(|| remainder.to_string()),
    ))
}

/// Where the cover notice's signature block starts, and how many signer lines
/// ("总理　　李克强") stand before it: at the first signature, else at the first date line
/// that closes some text of a notice (not the date printed under a title).
fn cover_end(front: &[Paragraph]) -> Option<(usize, usize)> {
    let at = front
        .iter()
        .position(|p| p.kind == ParagraphKind::Signature)
        .or_else(|| {
            let date = front
                .iter()
                .position(|p| matches!(p.kind, ParagraphKind::Date(_)))?;
            let has_text = front[..date].iter().any(|p| {
                matches!(p.kind, ParagraphKind::Text) && title_of(p).is_none() && !is_recipients(p)
            });
            has_text.then_some(date)
        })?;
    let signers = front[..at]
        .iter()
        .rev()
        .take_while(|p| p.kind == ParagraphKind::Text && SIGNER.is_match(p.text.text()))
        .count();
    Some((at, signers))
}

/// The title a paragraph holds, if it is one, and any text joined after it. A Markdown
/// heading (`# 标题`) is a title by its mark; other paragraphs by their form (no sentence,
/// a genre's name at the end).
fn title_of(p: &Paragraph) -> Option<(String, Option<String>)> {
    if p.kind != ParagraphKind::Text {
        return None;
    }
    if p.raw.starts_with('#') && !p.raw.starts_with("##") {
        // The heading line alone: whatever was joined after it is not the title.
        let (first, remainder) =
            split_first_line(p).unwrap_or_else(|| (p.text.text().to_string(), None));
        let title = first.trim_start_matches('#').trim().to_string();
        return (!title.is_empty()).then_some((title, remainder));
    }
    if let Some((first, Some(remainder))) = split_first_line(p) {
        // "附件" above the title of an attached document, "目　　录" under it.
        if ATTACHMENT_LABEL.is_match(&first) && reads_as_title(&remainder) {
            return Some((remainder, None));
        }
        if remainder == "目录" && reads_as_title(&first) {
            return Some((first, None));
        }
    }
    let text = p.text.text();
    reads_as_title(text).then(|| (text.to_string(), None))
}

/// Whether text is a title: the paragraph rule, or the name of a law (…法), a plan
/// (…预案) or a reply (…答复), which that rule does not list.
fn reads_as_title(text: &str) -> bool {
    is_title_like(text)
        || ((4..=120).contains(&text.chars().count())
            && !text.contains(['。', '，', '；', '：', ':'])
            && MORE_TITLE_ENDINGS.is_match(text)
            && !NOT_A_LAW.is_match(text))
}

/// Words ending in 法 that do not name a law: 做法, 方法 ….
static NOT_A_LAW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:做|方|想|看|说|手|写|用|算|技)法$").unwrap());

/// Genre names at the end of a title beyond the paragraph reader's list.
static MORE_TITLE_ENDINGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:法|预案|答复|复函|公报|纪要|准则|守则|规程|标准|议案|提案|请示|建议)(?:[（(][^）)]{1,12}[）)])?$")
        .unwrap()
});

/// A title's source lines joined, for reading co-issuers separated by spaces.
fn title_raw(p: &Paragraph) -> String {
    p.raw.trim_start_matches('#').trim().to_string()
}

/// What a printed official document carries above its title besides the 文号: the
/// issuer's red header (广东省人民政府文件), the signer (签发人：张三), urgency and
/// secrecy marks (特急, 密级：秘密★1年). None of it is text of the document.
fn is_letterhead(p: &Paragraph) -> bool {
    let text = p.text.text();
    text.chars().count() <= 40 && LETTERHEAD.is_match(text)
}

static LETTERHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[\p{Han}、]{2,36}文件|签\s*发\s*人[:：].*|(?:紧急程度|密级|份号)[:：].*|特急|加急|特提|平急|秘密★?.*|机密★?.*|绝密★?.*)$")
        .unwrap()
});

/// "附件" or "附件1" on its own above an issued document's title.
fn is_attachment_label(p: &Paragraph) -> bool {
    ATTACHMENT_LABEL.is_match(p.text.text())
}

static ATTACHMENT_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^附\s*件\s*[0-9一二三四五六七八九十]*$").unwrap());

/// The person who signs an order: "总理　　李克强", "省长　王伟中".
static SIGNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:代)?(?:总理|副总理|主席|副主席|委员长|省长|副省长|市长|副市长|县长|区长|州长|主任|部长|署长|局长|行长|院长|检察长|书记)\s*[\p{Han}·]{2,6}$")
        .unwrap()
});

/// The head of an order: 中华人民共和国国务院令 第707号, 广东省人民政府令 第270号,
/// 中华人民共和国商务部令 2019年第1号.
static ORDER_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:中华人民共和国)?(?P<issuer>[\p{Han}]{2,30}?)令\s*(?P<year>[（(]?\d{4}年[）)]?)?\s*第\s*(?P<number>\d{1,5})\s*号")
        .unwrap()
});

/// An order's head in a paragraph: (issuer, 文号, where the head ends in the text).
fn order(p: &Paragraph) -> Option<(String, String, usize)> {
    let text = p.text.text();
    let caps = ORDER_HEADER.captures(text)?;
    let issuer = caps["issuer"].to_string();
    // The State Council's orders are numbered 国令第N号; others keep their name.
    let short = if issuer == "国务院" {
        "国"
    } else {
        &issuer
    };
    let year = caps
        .name("year")
        .map(|y| y.as_str().trim_matches(['（', '(', '）', ')']).to_string())
        .unwrap_or_default();
    let number = format!("{short}令{year}第{}号", &caps["number"]);
    Some((issuer, number, caps.get(0).unwrap().end()))
}

/// Reads an order's head; the text after it is the order's.
fn read_order(p: &Paragraph, meta: &mut FrontMatter, rest: &mut Vec<String>) {
    let Some((issuer, number, end)) = order(p) else {
        return;
    };
    meta.doc_number = Some(number);
    meta.issuer.get_or_insert(issuer);
    let after = p.text.text()[end..].trim();
    if !after.is_empty() {
        rest.push(after.to_string());
    }
}

/// A 文号 written in a short line with other words, apart from them:
/// "国务院办公厅　国办发〔2018〕15号", "粤府函〔2020〕12号　签发人：张三". Not one cited in a
/// sentence or a title. Returns the number and the text joined after that line.
fn number_in_line(p: &Paragraph) -> Option<(String, Option<String>)> {
    let (first_line, remainder) =
        split_first_line(p).unwrap_or_else(|| (p.text.text().to_string(), None));
    if first_line.chars().count() > 40
        || first_line.contains(['。', '，'])
        || reads_as_title(&first_line)
    {
        return None;
    }
    let raw_line = p.raw.split('\n').next()?;
    let number = raw_line.split(char::is_whitespace).find_map(doc_number)?;
    Some((number, remainder))
}

/// Text joined after a 文号 line: the addressees, or the first words of the text.
fn after_number(remainder: Option<String>, meta: &mut FrontMatter, text: &mut Vec<String>) {
    let Some(remainder) = remainder else {
        return;
    };
    let is_addressees = remainder.chars().count() <= MAX_RECIPIENTS_CHARS
        && !remainder.contains('。')
        && RECIPIENTS.is_match(&remainder);
    if meta.recipients.is_none() && text.is_empty() && is_addressees {
        meta.recipients = Some(strip_colon(&remainder));
    } else {
        text.push(remainder);
    }
}

/// The document a notice issues or forwards, named in its title: "…印发《Y》的通知",
/// "…关于印发Y的通知", "…转发X关于Y的通知" (the forwarded text's own title is Y).
fn issued_document(title: &str) -> Option<String> {
    if let Some(c) = ISSUED_BY_TITLE.captures(title) {
        return Some(c["document"].to_string());
    }
    ISSUES_UNQUOTED
        .captures(title)
        .map(|c| c["document"].trim_matches(['《', '》']).to_string())
}

/// "…关于印发Y的通知" without 《》.
static ISSUES_UNQUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^.{2,60}?(?:关于)?印发(?P<document>.{2,80})的(?:通知|函)$").unwrap()
});

/// The cover notice: its title, recipients and body.
fn read_cover_notice(cover: &[Paragraph], meta: &mut FrontMatter) {
    let mut body = Vec::new();
    for p in cover {
        if body.is_empty() && meta.title.is_none() && is_letterhead(p) {
            continue;
        }
        if meta.title.is_none() && body.is_empty() && title_of(p).is_some() {
            let (title, remainder) = title_of(p).unwrap_or_default();
            meta.title = Some(title);
            body.extend(remainder);
        } else if let Some((number, remainder)) =
            number_in_line(p).filter(|_| body.is_empty() && meta.doc_number.is_none())
        {
            meta.doc_number = Some(number);
            after_number(remainder, meta, &mut body);
        } else if meta.recipients.is_none() && body.is_empty() && is_recipients(p) {
            meta.recipients = Some(strip_colon(p.text.text()));
        } else if body.is_empty() && meta.doc_number.is_none() && order(p).is_some() {
            read_order(p, meta, &mut body);
        } else if matches!(
            p.kind,
            ParagraphKind::Text | ParagraphKind::Field | ParagraphKind::Bullet
        ) {
            body.push(p.text.text().to_string());
        }
    }
    meta.notice = (!body.is_empty()).then(|| body.join("\n"));
}

/// The metadata a document ends up with.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Settled {
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<String>,
    pub warnings: Vec<Diagnostic>,
}

/// What the printed text says, field by field, before the publisher's record is heard.
#[derive(Debug, Default)]
pub(crate) struct Printed {
    pub title: Option<String>,
    pub doc_number: Option<String>,
    /// A signature (of the cover notice, the document or an order).
    pub issuer: Option<String>,
    /// The body a title opens with, inferred.
    pub title_issuer: Option<String>,
    /// A signature date or a date printed under the title.
    pub date: Option<String>,
}

/// Decides each field: what the text prints, then a regulation's adoption note, then
/// the publisher's record, then (for the issuer) the body a title opens with. Where the
/// record disagrees with the text, the text is kept and a warning says so.
pub(crate) fn settle(printed: Printed, record: &Record) -> Settled {
    let history = &record.history;
    let mut warnings = Vec::new();
    let issuer = printed.issuer.or_else(|| history::issuer(history));
    let date = printed
        .date
        .or_else(|| history::latest(history).map(|e| e.date.clone()));
    let mut pick = |name: &str, text: Option<String>, recorded: &Option<String>| match text {
        Some(text) => {
            if let Some(recorded) = recorded {
                if comparable(&text) != comparable(recorded) {
                    warnings.push(Diagnostic {
                        kind: DiagnosticKind::Metadata,
                        line: None,
                        message: format!(
                            "{name}: the text says {text}, the publisher's record {recorded}; keeping the text"
                        ),
                    });
                }
            }
            Some(text)
        }
        None => recorded.clone(),
    };
    Settled {
        title: pick("title", printed.title, &record.title),
        doc_number: pick("doc number", printed.doc_number, &record.doc_number),
        issuer: pick("issuer", issuer, &record.issuer).or(printed.title_issuer),
        date: pick("date", date, &record.date),
        warnings,
    }
}

/// A field's value for comparison: widths folded, spaces and 、 between co-issuers
/// ignored.
fn comparable(text: &str) -> String {
    fold_str(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '、')
        .collect()
}

/// Signature names (co-issuers joined with 、), the date, and how many paragraphs the
/// block takes.
pub(crate) fn signature_block(block: &[Paragraph]) -> (Option<String>, Option<String>, usize) {
    let mut names = Vec::new();
    let mut date = None;
    let mut taken = 0;
    for p in block {
        match &p.kind {
            // Co-issuers may share a line: "国务院　中央军委".
            ParagraphKind::Signature if date.is_none() => names.extend(
                p.raw
                    .split(char::is_whitespace)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            ),
            ParagraphKind::Date(d) if date.is_none() => date = Some(d.clone()),
            _ => break,
        }
        taken += 1;
    }
    let names = (!names.is_empty()).then(|| names.join("、"));
    (names, date, taken)
}

/// The issuer named at the start of a title; co-issuers separated by spaces become 、.
fn issuer_from_title(raw_title: &str) -> Option<String> {
    let one_line: String = raw_title.split('\n').collect::<Vec<_>>().join("");
    let issuer = ISSUED_BY_TITLE
        .captures(&one_line)
        .or_else(|| ISSUER_BEFORE_GUANYU.captures(&one_line))
        .map(|c| c["issuer"].to_string())?;
    let names: Vec<&str> = issuer
        .split(|c: char| c.is_whitespace() || c == '、')
        .filter(|s| !s.is_empty())
        .collect();
    Some(names.join("、"))
}

/// The draft mark in a title, if any.
pub(crate) fn draft_status(titles: &[Option<&str>]) -> Option<String> {
    titles
        .iter()
        .flatten()
        .find_map(|t| DRAFT_MARK.find(t).map(|m| m.as_str().to_string()))
}

fn strip_colon(text: &str) -> String {
    text.trim_end_matches([':', '：']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, ExcludedReason, HistoryEvent};
    use crate::structure::parse_text;

    fn parse(text: &str) -> Document {
        parse_text(text, "-")
    }

    /// 国发〔2019〕4号 as printed, with the 文号 and date in the layouts other publishers use.
    const NOTICE_TITLE: &str = "国务院关于印发国家职业教育改革\n实施方案的通知\n";
    const NOTICE_REST: &str = "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。\n国务院\n2019年1月24日\n（此件公开发布）\n国家职业教育改革实施方案\n职业教育与普通教育是两种不同教育类型，具有同等重要地位。\n一、完善国家职业教育制度体系\n（一）健全国家职业教育制度框架。把握好正确的改革方向。\n";

    #[test]
    fn doc_number_on_its_own_line_in_parentheses_or_after_the_issuer() {
        for number_line in [
            "国发〔2019〕4号",
            "（国发〔2019〕4号）",
            "国发[2019]4号",
            "国务院　国发〔2019〕4号",
        ] {
            let doc = parse(&format!("{NOTICE_TITLE}{number_line}\n{NOTICE_REST}"));
            assert_eq!(
                doc.doc_number.as_deref(),
                Some("国发〔2019〕4号"),
                "{number_line}"
            );
            assert_eq!(
                doc.title.as_deref(),
                Some("国务院关于印发国家职业教育改革实施方案的通知")
            );
            assert_eq!(
                doc.document_title.as_deref(),
                Some("国家职业教育改革实施方案")
            );
            assert_eq!(doc.issuer.as_deref(), Some("国务院"));
            assert_eq!(doc.date.as_deref(), Some("2019-01-24"));
            assert_eq!(
                doc.preamble.as_deref(),
                Some("职业教育与普通教育是两种不同教育类型，具有同等重要地位。")
            );
            assert!(doc
                .excluded
                .iter()
                .any(|e| e.reason == ExcludedReason::PublicationNote));
        }
    }

    #[test]
    fn letterhead_above_the_title() {
        let doc = parse(&format!(
            "国务院文件\n国发〔2019〕4号\n签发人：李克强\n{NOTICE_TITLE}{NOTICE_REST}"
        ));
        assert_eq!(
            doc.title.as_deref(),
            Some("国务院关于印发国家职业教育改革实施方案的通知")
        );
        assert_eq!(doc.doc_number.as_deref(), Some("国发〔2019〕4号"));
        assert_eq!(
            doc.notice.as_deref(),
            Some("现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。")
        );
    }

    #[test]
    fn telegraph_and_letter_numbers() {
        // 国办发明电〔2018〕15号 (2019年部分节假日安排), 国函〔2018〕159号 (雄安新区总体规划批复).
        let doc = parse("国务院办公厅关于2019年\n部分节假日安排的通知\n国办发明电〔2018〕15号\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n经国务院批准，现将2019年元旦、春节放假调休日期的具体安排通知如下。\n一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。\n");
        assert_eq!(doc.doc_number.as_deref(), Some("国办发明电〔2018〕15号"));
        assert_eq!(
            doc.title.as_deref(),
            Some("国务院办公厅关于2019年部分节假日安排的通知")
        );
        assert_eq!(doc.issuer.as_deref(), Some("国务院办公厅"));
    }

    #[test]
    fn notice_without_its_own_signature() {
        // The notice's text runs straight into the plan it issues; only the plan is signed.
        let doc = parse("国务院关于印发国家职业教育改革\n实施方案的通知\n国发〔2019〕4号\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。\n国家职业教育改革实施方案\n职业教育与普通教育是两种不同教育类型。\n一、完善国家职业教育制度体系\n（一）健全制度框架。把握好正确的改革方向。\n");
        assert_eq!(
            doc.document_title.as_deref(),
            Some("国家职业教育改革实施方案")
        );
        assert_eq!(
            doc.notice.as_deref(),
            Some("现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。")
        );
        assert_eq!(
            doc.preamble.as_deref(),
            Some("职业教育与普通教育是两种不同教育类型。")
        );
    }

    #[test]
    fn forwarding_notice() {
        let doc = parse("国务院办公厅转发民政部关于\n清理整顿社会团体意见的通知\n国办发〔1997〕11号\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n民政部《关于清理整顿社会团体的意见》已经国务院同意，现转发给你们，请认真贯彻执行。\n国务院办公厅\n一九九七年四月八日\n（本文有删减）\n关于清理整顿社会团体的意见\n一、清理整顿的目的\n（一）加强管理。依法规范。\n");
        assert_eq!(
            doc.title.as_deref(),
            Some("国务院办公厅转发民政部关于清理整顿社会团体意见的通知")
        );
        assert_eq!(
            doc.document_title.as_deref(),
            Some("关于清理整顿社会团体的意见")
        );
        assert_eq!(doc.issuer.as_deref(), Some("国务院办公厅"));
        assert_eq!(doc.date.as_deref(), Some("1997-04-08"));
    }

    #[test]
    fn co_issuers_on_one_signature_line() {
        let doc = parse("国务院、中央军委关于同意武警总部\n后勤部机关等迁址新建的批复\n国函〔1996〕95号\n武警总部：\n关于武警总部后勤部机关及部分直属单位迁址新建的请示收悉，现批复如下：\n同意武警总部后勤部机关迁址新建。\n国务院　中央军委\n一九九六年十月二十八日\n");
        assert_eq!(doc.issuer.as_deref(), Some("国务院、中央军委"));
        assert_eq!(doc.recipients.as_deref(), Some("武警总部"));
        assert_eq!(doc.date.as_deref(), Some("1996-10-28"));
        assert_eq!(doc.notice, None);
    }

    #[test]
    fn state_council_order() {
        let doc = parse("中华人民共和国国务院令\n第706号\n《专利代理条例》已经2018年9月6日国务院第23次常务会议修订通过，现将修订后的《专利代理条例》公布，自2019年3月1日起施行。\n总理　　李克强\n2018年11月6日\n专利代理条例\n（1991年3月4日中华人民共和国国务院令第76号发布　2018年9月6日国务院第23次常务会议修订通过）\n第一章　总　　则\n第一条　为了规范专利代理行为，制定本条例。\n");
        assert_eq!(doc.doc_number.as_deref(), Some("国令第706号"));
        assert_eq!(doc.title.as_deref(), Some("专利代理条例"));
        assert_eq!(doc.issuer.as_deref(), Some("国务院"));
        // The order's date, not the meeting's: 成文日期 is the signature date.
        assert_eq!(doc.date.as_deref(), Some("2018-11-06"));
        assert_eq!(doc.history.len(), 2);
        assert_eq!(doc.history[1].event, HistoryEvent::Revised);
        assert!(doc
            .notice
            .as_deref()
            .unwrap()
            .starts_with("《专利代理条例》已经"));
    }

    #[test]
    fn provincial_regulation_with_a_note_over_two_lines() {
        let doc = parse("广东省促进中小企业发展条例\n（2019年9月25日广东省第十三届人民代表大会常务委员会第十四次会议通过\n2022年11月30日广东省第十三届人民代表大会常务委员会第四十七次会议修正）\n第一章　总　　则\n第一条　为了促进中小企业发展，制定本条例。\n");
        assert_eq!(doc.title.as_deref(), Some("广东省促进中小企业发展条例"));
        assert_eq!(doc.issuer.as_deref(), Some("广东省人民代表大会常务委员会"));
        assert_eq!(doc.date.as_deref(), Some("2022-11-30"));
        assert_eq!(doc.history.len(), 2);
        assert_eq!(doc.preamble, None);
        assert_eq!(doc.clauses[0].labels, ["第一章"]);
    }

    #[test]
    fn markdown_title_and_yaml_front_matter() {
        let doc = parse("---\ntitle: 中华人民共和国统计法\n文号: 中华人民共和国主席令第十五号\n---\n\n# 中华人民共和国统计法\n\n1983年12月8日 第六届全国人民代表大会常务委员会第三次会议通过\n\n2009年6月27日 第十一届全国人民代表大会常务委员会第九次会议修订\n\n第一条 为了科学、有效地组织统计工作，制定本法。\n");
        assert_eq!(doc.title.as_deref(), Some("中华人民共和国统计法"));
        assert_eq!(
            doc.doc_number.as_deref(),
            Some("中华人民共和国主席令第十五号")
        );
        assert_eq!(doc.date.as_deref(), Some("2009-06-27"));
        assert_eq!(doc.issuer.as_deref(), Some("全国人民代表大会常务委员会"));
        assert!(doc
            .warnings
            .iter()
            .all(|w| w.kind != DiagnosticKind::Metadata));
    }

    #[test]
    fn record_and_text_disagree() {
        let doc = parse("索 引 号：\n000014349/2004-00127\n发文机关：\n国务院办公厅\n成文日期：\n2004年04月17日\n标　　题：\n国务院办公厅关于同意以哈尔滨市名义申办2009年第二十四届世界大学生冬季运动会的复函\n发文字号：\n国办函〔2004〕36号\n\n国务院办公厅关于同意以哈尔滨市名义\n申办2009年第二十四届世界\n大学生冬季运动会的复函\n国办函〔2004〕36号\n黑龙江省人民政府：\n同意以哈尔滨市名义申办2009年第二十四届世界大学生冬季运动会。\n国务院办公厅\n二〇〇四年四月二十七日\n");
        assert_eq!(doc.date.as_deref(), Some("2004-04-27"));
        let warnings: Vec<&str> = doc
            .warnings
            .iter()
            .filter(|w| w.kind == DiagnosticKind::Metadata)
            .map(|w| w.message.as_str())
            .collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("date:"));
        assert_eq!(
            doc.preamble.as_deref(),
            Some("同意以哈尔滨市名义申办2009年第二十四届世界大学生冬季运动会。")
        );
    }

    #[test]
    fn issuer_from_titles() {
        assert_eq!(
            issuer_from_title("中共广东省委 广东省人民政府印发\n《广东省质量强省建设纲要》")
                .as_deref(),
            Some("中共广东省委、广东省人民政府")
        );
        assert_eq!(
            issuer_from_title(
                "广东省人民政府办公厅关于印发广东省加强\n质量认证体系建设实施方案的通知"
            )
            .as_deref(),
            Some("广东省人民政府办公厅")
        );
        assert_eq!(
            issuer_from_title("关于加快推进质量强省建设的实施方案"),
            None
        );
    }

    #[test]
    fn draft_marks() {
        assert_eq!(
            draft_status(&[None, Some("关于贯彻落实《纲要》的实施意见（征求意见稿）")]).as_deref(),
            Some("征求意见稿")
        );
        assert_eq!(draft_status(&[Some("广东省质量强省建设纲要")]), None);
    }
}
