//! Markup on a line: what a reader of the rendered document does not see as text.
//!
//! Laws and regulations circulate as Markdown (`# 标题`, `## 第一章　总则`, articles as
//! paragraphs, `<!-- INFO END -->` comments); converted policy documents bring `**bold**`
//! labels and `- ` list items. Markup is read for what it is: an ATX heading is a heading
//! that stands alone, a `- `/`* `/`+ ` item is a bullet, `**` and `\` escapes are not
//! text, and an HTML comment (which may span lines) is not text at all. The clause label
//! under the markup (第一章, （一）, 一、) is then recognized as in plain text.
//!
//! The line itself is never rewritten: [`Markup::at`] maps every visible char back to its
//! place in the line, so clause spans still point into the source.
//!
//! A Markdown ordered list item (`1. 加强领导`) shows its number, which is the label: it
//! is left to the marker reader, as in plain text.

use crate::normalize::is_space;

/// What markup a line holds, and the text it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Markup {
    /// The visible text, trimmed.
    pub text: String,
    /// For each char of `text`, its index (chars) in the line's content.
    pub at: Vec<usize>,
    /// An ATX heading (`#` … `######`), or a line that is bold from end to end: a
    /// heading that stands alone and never joins its neighbours.
    pub heading: bool,
    /// A `- `, `* ` or `+ ` list item.
    pub bullet: bool,
}

/// Whether a comment is open at the end of the line (it continues on the next one).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct InComment(pub bool);

/// ATX headings have at most six `#`.
const MAX_HEADING_LEVEL: usize = 6;

/// Reads the markup of one trimmed line; `None` when the line has none. `state` carries
/// an open `<!--` from line to line.
pub(crate) fn read(content: &str, state: &mut InComment) -> Option<Markup> {
    if !state.0 && !might_have_markup(content) {
        return None;
    }
    let chars: Vec<char> = content.chars().collect();
    let mut keep = vec![true; chars.len()];
    let mut changed = drop_comments(&chars, &mut keep, state);

    let mut heading = false;
    let mut bullet = false;
    let mut at = first_kept(&keep, 0);
    // Block prefixes: quotes, then a heading or a list item.
    while at < chars.len() && chars[at] == '>' {
        keep[at] = false;
        changed = true;
        at = skip_spaces(&chars, &mut keep, at + 1);
    }
    let hashes = chars[at..].iter().take_while(|&&c| c == '#').count();
    if (1..=MAX_HEADING_LEVEL).contains(&hashes)
        && chars
            .get(at + hashes)
            .is_none_or(|&c| c == ' ' || c == '\t')
    {
        keep[at..at + hashes].fill(false);
        drop_closing_hashes(&chars, &mut keep);
        skip_spaces(&chars, &mut keep, at + hashes);
        heading = true;
        changed = true;
    } else if matches!(chars.get(at), Some('-' | '*' | '+'))
        && matches!(chars.get(at + 1), Some(' ' | '\t'))
        && !is_thematic_break(&chars[at..])
    {
        keep[at] = false;
        skip_spaces(&chars, &mut keep, at + 1);
        bullet = true;
        changed = true;
    }
    let bold_line = drop_strong_emphasis(&chars, &mut keep);
    changed |= bold_line.is_some();
    changed |= drop_escapes(&chars, &mut keep);
    if is_thematic_break(&chars) {
        keep.fill(false);
        changed = true;
    }
    if !changed {
        return None;
    }

    let mut text = String::new();
    let mut map = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if keep[i] && !(map.is_empty() && is_space(c)) {
            text.push(c);
            map.push(i);
        }
    }
    while text.ends_with(is_space) {
        text.pop();
        map.pop();
    }
    Some(Markup {
        heading: heading || (bold_line == Some(true) && !text.is_empty()),
        bullet,
        text,
        at: map,
    })
}

/// A cheap test that lets plain lines (nearly all of a plain-text document) pass.
fn might_have_markup(content: &str) -> bool {
    content.starts_with(['#', '-', '*', '+', '>', '_'])
        || content.contains("**")
        || content.contains("<!--")
        || content.contains('\\')
}

fn first_kept(keep: &[bool], from: usize) -> usize {
    (from..keep.len()).find(|&i| keep[i]).unwrap_or(keep.len())
}

/// Drops the spaces from `from` on and returns the index of the first other char.
fn skip_spaces(chars: &[char], keep: &mut [bool], from: usize) -> usize {
    let mut i = from;
    while i < chars.len() && (is_space(chars[i]) || !keep[i]) {
        keep[i] = false;
        i += 1;
    }
    i
}

/// `<!-- … -->`, possibly opened on an earlier line or left open for a later one.
fn drop_comments(chars: &[char], keep: &mut [bool], state: &mut InComment) -> bool {
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        if state.0 {
            changed = true;
            if chars[i..].starts_with(&['-', '-', '>']) {
                keep[i..i + 3].fill(false);
                state.0 = false;
                i += 3;
            } else {
                keep[i] = false;
                i += 1;
            }
        } else if chars[i..].starts_with(&['<', '!', '-', '-']) {
            keep[i..i + 4].fill(false);
            state.0 = true;
            changed = true;
            i += 4;
        } else {
            i += 1;
        }
    }
    changed
}

/// The optional closing sequence of an ATX heading: `## 总则 ##`.
fn drop_closing_hashes(chars: &[char], keep: &mut [bool]) {
    let mut end = chars.len();
    while end > 0 && is_space(chars[end - 1]) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && chars[start - 1] == '#' {
        start -= 1;
    }
    if start < end && start > 0 && is_space(chars[start - 1]) {
        keep[start..end].fill(false);
    }
}

/// `---`, `***`, `___` (spaces allowed): a rule, not text.
fn is_thematic_break(chars: &[char]) -> bool {
    let marks: Vec<char> = chars.iter().copied().filter(|&c| !is_space(c)).collect();
    marks.len() >= 3
        && ['-', '*', '_']
            .iter()
            .any(|&m| marks.iter().all(|&c| c == m))
}

/// Drops `**` pairs (strong emphasis). Returns `None` when there were none, else whether
/// the emphasis spans the whole visible line (a bold heading line).
fn drop_strong_emphasis(chars: &[char], keep: &mut [bool]) -> Option<bool> {
    let mut delimiters = Vec::new();
    let mut i = 0;
    while i + 1 < chars.len() {
        if keep[i] && keep[i + 1] && chars[i] == '*' && chars[i + 1] == '*' {
            delimiters.push(i);
            i += 2;
        } else {
            i += 1;
        }
    }
    // An unpaired last `**` is text (a literal asterisk pair), not markup.
    delimiters.truncate(delimiters.len() / 2 * 2);
    let (&first, &last) = (delimiters.first()?, delimiters.last()?);
    for &d in &delimiters {
        keep[d] = false;
        keep[d + 1] = false;
    }
    let nothing_before = (0..first).all(|i| !keep[i] || is_space(chars[i]));
    let nothing_after = (last + 2..chars.len()).all(|i| !keep[i] || is_space(chars[i]));
    Some(delimiters.len() == 2 && nothing_before && nothing_after)
}

/// `\.`, `\*`, `\#`: Markdown escapes of ASCII punctuation (a converter writes `1\.` so
/// that a number is not taken for a list).
fn drop_escapes(chars: &[char], keep: &mut [bool]) -> bool {
    let mut changed = false;
    let mut i = 0;
    while i + 1 < chars.len() {
        if keep[i] && chars[i] == '\\' && chars[i + 1].is_ascii_punctuation() {
            keep[i] = false;
            changed = true;
            i += 2;
        } else {
            i += 1;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(line: &str) -> Option<(String, bool, bool)> {
        read(line, &mut InComment::default()).map(|m| (m.text, m.heading, m.bullet))
    }

    fn text(line: &str) -> String {
        shown(line).map_or_else(|| line.to_string(), |(t, _, _)| t)
    }

    #[test]
    fn headings_from_the_law_text_collections() {
        // Lines as printed in ../shared/dev-corpus/revisions/ (公司法, 行政复议法).
        assert_eq!(
            shown("## 第一章　总则"),
            Some(("第一章　总则".into(), true, false))
        );
        assert_eq!(text("### 第一节 设 立"), "第一节 设 立");
        assert_eq!(text("# 中华人民共和国公司法"), "中华人民共和国公司法");
        assert_eq!(text("## 第七章 附 则 ##"), "第七章 附 则");
        assert_eq!(text("#"), "");
    }

    #[test]
    fn hashes_that_are_not_headings() {
        assert_eq!(shown("#5号楼"), None);
        assert_eq!(shown("####### 七级"), None);
        assert_eq!(text("第一条 本法所称#号"), "第一条 本法所称#号");
    }

    #[test]
    fn comments_are_not_text() {
        assert_eq!(text("<!-- INFO END -->"), "");
        assert_eq!(text("第一条<!-- 注 -->　为了"), "第一条　为了");
        let mut state = InComment::default();
        assert_eq!(read("<!-- 开始", &mut state).unwrap().text, "");
        assert_eq!(read("第一条 仍在注释里", &mut state).unwrap().text, "");
        assert_eq!(
            read("结束 -->一、总体要求", &mut state).unwrap().text,
            "一、总体要求"
        );
        assert_eq!(state, InComment(false));
    }

    #[test]
    fn bold_labels() {
        assert_eq!(
            shown("**一、强化协同联动，形成工作合力**"),
            Some(("一、强化协同联动，形成工作合力".into(), true, false))
        );
        assert_eq!(
            shown("**（一）加强组织领导。**各地区各部门要把质量工作摆上重要日程。"),
            Some((
                "（一）加强组织领导。各地区各部门要把质量工作摆上重要日程。".into(),
                false,
                false
            ))
        );
        assert_eq!(
            text("**第一条**　为了规范审计监督"),
            "第一条　为了规范审计监督"
        );
        // Emphasis inside a sentence is dropped too.
        assert_eq!(text("坚持**质量第一**、效益优先"), "坚持质量第一、效益优先");
        // A lone pair of asterisks is text.
        assert_eq!(shown("注**"), None);
    }

    #[test]
    fn list_items() {
        assert_eq!(
            shown("- 坚持创新驱动。把创新摆在质量发展全局的核心位置。"),
            Some((
                "坚持创新驱动。把创新摆在质量发展全局的核心位置。".into(),
                false,
                true
            ))
        );
        assert_eq!(text("* （一）健全工作机制"), "（一）健全工作机制");
        assert_eq!(
            text("> 第三条　国家实行统计调查制度。"),
            "第三条　国家实行统计调查制度。"
        );
        // Not list syntax: no space, a negative number, a Chinese dash bullet.
        assert_eq!(shown("-2000"), None);
        assert_eq!(shown("--创新驱动"), None);
        assert_eq!(shown("——坚持统筹推进"), None);
        // An ordered item keeps its number: it is the label.
        assert_eq!(shown("1. 加强组织领导"), None);
        assert_eq!(text("1\\. 加强组织领导"), "1. 加强组织领导");
    }

    #[test]
    fn rules_are_not_text() {
        assert_eq!(text("---"), "");
        assert_eq!(text("* * *"), "");
        assert_eq!(text("___"), "");
    }

    #[test]
    fn visible_chars_map_back_to_the_line() {
        let m = read("## **第二章**　公司登记", &mut InComment::default()).unwrap();
        assert_eq!(m.text, "第二章　公司登记");
        let chars: Vec<char> = "## **第二章**　公司登记".chars().collect();
        for (c, &i) in m.text.chars().zip(&m.at) {
            assert_eq!(chars[i], c);
        }
    }
}
