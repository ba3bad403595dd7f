//! Front matter: everything before the first clause. Tells the cover notice (印发通知,
//! up to its signature and date) from the document it issues, and reads the metadata:
//! title, document title, 文号, recipients, issuer, date, draft status, preamble.

use std::sync::LazyLock;

use regex::Regex;

use crate::structure::paragraphs::{is_title_like, Paragraph, ParagraphKind};

/// What the front matter says about the document.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    pub document_title: Option<String>,
    pub doc_number: Option<String>,
    pub recipients: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<String>,
    pub notice: Option<String>,
    pub preamble: Option<String>,
}

/// "X印发《Y》的通知" / "X关于印发Y的通知": X issued it, Y is the document's own title.
static ISSUED_BY_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<issuer>.{2,60}?)(?:关于)?印发《(?P<document>[^》]+)》(?:的通知)?$").unwrap()
});

/// "X关于…": the body that opens a title.
static ISSUER_BEFORE_GUANYU: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<issuer>[\p{Han}\s]{2,40}?(?:人民政府|办公厅|办公室|委员会|省委|市委|局|厅|部|委|署|院))关于")
        .unwrap()
});

/// Addressees: "各地级以上市人民政府，…各直属机构：".
static RECIPIENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:.*各.*|.*(?:人民政府|部门|单位|机构|委员会|厅|局|办|委)(?:\s*[（(][^）)]*[）)])?)[：:]$")
        .unwrap()
});

/// Draft marks in a title.
static DRAFT_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"征求意见稿|送审稿|讨论稿|草案|草稿").unwrap());

const MAX_RECIPIENTS_CHARS: usize = 150;

fn is_recipients(p: &Paragraph) -> bool {
    let text = p.text.text();
    p.kind == ParagraphKind::Text
        && text.chars().count() <= MAX_RECIPIENTS_CHARS
        && !text.contains('。')
        && RECIPIENTS.is_match(text)
}

fn is_title(p: &Paragraph) -> bool {
    matches!(p.kind, ParagraphKind::Text) && is_title_like(p.text.text())
}

/// Reads the paragraphs before the first clause.
pub(crate) fn read(front: &[Paragraph]) -> FrontMatter {
    let mut meta = FrontMatter {
        doc_number: front.iter().find_map(|p| match &p.kind {
            ParagraphKind::DocNumber(n) => Some(n.clone()),
            _ => None,
        }),
        ..FrontMatter::default()
    };
    let signature = front
        .iter()
        .position(|p| p.kind == ParagraphKind::Signature);
    let document_part = match signature {
        Some(at) => {
            let (names, date, block_end) = signature_block(&front[at..]);
            meta.issuer = names;
            meta.date = date;
            read_cover_notice(&front[..at], &mut meta);
            &front[at + block_end..]
        }
        None => front,
    };
    let mut rest = Vec::new();
    let mut title = None;
    for p in document_part {
        match &p.kind {
            ParagraphKind::Text if title.is_none() && rest.is_empty() && is_title(p) => {
                title = Some(p);
            }
            ParagraphKind::Text
                if meta.recipients.is_none() && rest.is_empty() && is_recipients(p) =>
            {
                meta.recipients = Some(strip_colon(p.text.text()));
            }
            ParagraphKind::Text | ParagraphKind::Bullet | ParagraphKind::Field => rest.push(p),
            _ => {}
        }
    }
    if let Some(title) = title {
        if meta.title.is_none() {
            meta.title = Some(title.text.text().to_string());
            if meta.issuer.is_none() {
                meta.issuer = issuer_from_title(&title.raw);
            }
        } else {
            meta.document_title = Some(title.text.text().to_string());
        }
    }
    if meta.document_title.is_none() {
        meta.document_title = meta
            .title
            .as_deref()
            .and_then(|t| ISSUED_BY_TITLE.captures(t))
            .map(|c| c["document"].to_string());
    }
    meta.preamble = join_paragraphs(&rest);
    meta
}

/// The cover notice: its title, recipients and body.
fn read_cover_notice(cover: &[Paragraph], meta: &mut FrontMatter) {
    let mut body = Vec::new();
    for p in cover {
        if meta.title.is_none() && body.is_empty() && is_title(p) {
            meta.title = Some(p.text.text().to_string());
        } else if meta.recipients.is_none() && body.is_empty() && is_recipients(p) {
            meta.recipients = Some(strip_colon(p.text.text()));
        } else if matches!(
            p.kind,
            ParagraphKind::Text | ParagraphKind::Field | ParagraphKind::Bullet
        ) {
            body.push(p);
        }
    }
    meta.notice = join_paragraphs(&body);
}

/// Signature names (co-issuers joined with 、), the date, and how many paragraphs the
/// block takes.
pub(crate) fn signature_block(block: &[Paragraph]) -> (Option<String>, Option<String>, usize) {
    let mut names = Vec::new();
    let mut date = None;
    let mut taken = 0;
    for p in block {
        match &p.kind {
            ParagraphKind::Signature if date.is_none() => names.push(p.text.text().to_string()),
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
        .split(char::is_whitespace)
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

fn join_paragraphs(paragraphs: &[&Paragraph]) -> Option<String> {
    let text = paragraphs
        .iter()
        .map(|p| p.text.text())
        .collect::<Vec<_>>()
        .join("\n");
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

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
