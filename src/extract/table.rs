//! Targets in indicator tables: the 主要指标 box of a plan outline (专栏1 "十四五"时期经济
//! 社会发展主要指标), a header row of years (2020年 | 2025年) over rows of an indicator with
//! its unit in brackets and a value per year. The sentence reader cannot read them: a row
//! has no verb and no deadline, and its cells run into each other. Here a table is the run
//! of lines of a clause that hold tabs (see `structure::paragraphs`: each row keeps its
//! cells), the goal column is the latest year of its header, and each row below gives a
//! target: the indicator cell left of the year columns, the value in the goal column.
//!
//! Rows are aligned on their last cell: a row that continues a category leaves its first
//! cell empty, and reading it from the left would shift every column.

use crate::model::Comparator;
use crate::normalize::is_han;

use super::quantity::Found;
use super::target::Read;

/// The lines of `chars` that are rows of a table, as char ranges (without the `\n`).
pub fn rows(chars: &[char]) -> Vec<(usize, usize)> {
    let mut rows = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().chain(std::iter::once(&'\n')).enumerate() {
        if c == '\n' {
            if chars[start..i].contains(&'\t') {
                rows.push((start, i));
            }
            start = i + 1;
        }
    }
    rows
}

/// The targets of the indicator tables in `chars` (folded clause text), from the
/// quantities `found` in it. Goals of a year before `issued` are not targets.
pub fn read(chars: &[char], found: &[Found], issued: Option<i32>) -> Vec<(Read, Option<String>)> {
    let rows = rows(chars);
    let mut targets = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        // A table: rows on consecutive lines.
        let mut end = i + 1;
        while end < rows.len() && rows[end].0 == rows[end - 1].1 + 1 {
            end += 1;
        }
        read_table(chars, &rows[i..end], found, issued, &mut targets);
        i = end;
    }
    targets
}

/// One cell of a row: its char range.
fn cells(chars: &[char], (start, end): (usize, usize)) -> Vec<(usize, usize)> {
    let mut cells = Vec::new();
    let mut from = start;
    for (i, &c) in chars[start..end].iter().enumerate() {
        if c == '\t' {
            cells.push((from, start + i));
            from = start + i + 1;
        }
    }
    cells.push((from, end));
    cells
}

fn text(chars: &[char], (a, b): (usize, usize)) -> String {
    chars[a..b].iter().collect::<String>().trim().to_string()
}

/// A header cell that is a year (2025年, 2025, 2025年目标): the year.
fn year_of(cell: &str) -> Option<i32> {
    let digits: String = cell.chars().take_while(char::is_ascii_digit).collect();
    let rest = cell[digits.len()..].trim_start_matches('年');
    let year: i32 = digits.parse().ok()?;
    ((1949..=2100).contains(&year) && digits.len() == 4 && matches!(rest, "" | "目标" | "目标值"))
        .then_some(year)
}

fn read_table(
    chars: &[char],
    rows: &[(usize, usize)],
    found: &[Found],
    issued: Option<i32>,
    targets: &mut Vec<(Read, Option<String>)>,
) {
    // The header: the first row with a year cell. Columns counted from the right.
    let Some((header_at, years)) = rows.iter().enumerate().find_map(|(at, &row)| {
        let cells = cells(chars, row);
        let years: Vec<(usize, i32)> = cells
            .iter()
            .rev()
            .enumerate()
            .filter_map(|(from_right, &cell)| Some((from_right, year_of(&text(chars, cell))?)))
            .collect();
        (!years.is_empty()).then_some((at, years))
    }) else {
        return;
    };
    let Some(&(goal_column, goal_year)) = years.iter().max_by_key(|(_, year)| *year) else {
        return;
    };
    if issued.is_some_and(|issued| goal_year < issued) {
        return;
    }
    let indicator_column = years.iter().map(|(c, _)| c).max().copied().unwrap_or(0) + 1;
    for &row in &rows[header_at + 1..] {
        let cells = cells(chars, row);
        let (Some(&value_cell), Some(&indicator_cell)) = (
            cells.iter().rev().nth(goal_column),
            cells.iter().rev().nth(indicator_column),
        ) else {
            continue;
        };
        let Some((indicator, unit)) = indicator_and_unit(&text(chars, indicator_cell)) else {
            continue;
        };
        let Some(quantity) = found
            .iter()
            .position(|q| q.start >= value_cell.0 && q.end <= value_cell.1)
        else {
            continue; // 保持在合理区间, —: no figure to reach
        };
        let q = &found[quantity];
        let written: String = chars[value_cell.0..value_cell.1].iter().collect();
        let comparator = if q.bound != Comparator::Eq {
            q.bound
        } else if written.contains(['>', '＞']) {
            Comparator::Gt
        } else if written.contains('≥') {
            Comparator::Ge
        } else if written.contains(['<', '＜']) {
            Comparator::Lt
        } else if written.contains('≤') {
            Comparator::Le
        } else {
            Comparator::Eq
        };
        targets.push((
            Read {
                quantity,
                indicator,
                text_start: indicator_cell.0,
                comparator,
                year: Some(goal_year),
                year_implied: false,
                binding: true,
            },
            (q.unit.is_empty()).then_some(unit).flatten(),
        ));
    }
}

/// "2.研发经费投入增长（%）" → ("研发经费投入增长", Some("%")): the row's number cut off,
/// the unit in brackets at the end taken out. None for a cell without Chinese text.
fn indicator_and_unit(cell: &str) -> Option<(String, Option<String>)> {
    let cell = cell.trim_start_matches(|c: char| c.is_ascii_digit());
    let cell = cell.trim_start_matches(['.', '．', '、', ' ']);
    let (name, unit) = match cell.strip_suffix(['）', ')']) {
        Some(open) => match open.rfind(['（', '(']) {
            Some(at) => {
                let unit = open[at..].trim_start_matches(['（', '(']);
                (
                    open[..at].trim(),
                    (unit.chars().count() <= 6).then(|| unit.to_string()),
                )
            }
            None => (cell, None),
        },
        None => (cell, None),
    };
    name.chars().any(is_han).then(|| (name.to_string(), unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicators_lose_their_number_and_unit() {
        assert_eq!(
            indicator_and_unit("2.研发经费投入增长（%）"),
            Some(("研发经费投入增长".into(), Some("%".into())))
        );
        assert_eq!(
            indicator_and_unit("每万人口高价值发明专利拥有量（件）"),
            Some(("每万人口高价值发明专利拥有量".into(), Some("件".into())))
        );
        assert_eq!(indicator_and_unit("—"), None);
        assert_eq!(year_of("2025年"), Some(2025));
        assert_eq!(year_of("年均/累计"), None);
        assert_eq!(year_of("20"), None);
    }
}
