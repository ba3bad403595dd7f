//! Targets in indicator tables: the 主要指标 box of a plan outline (专栏1 "十四五"时期经济
//! 社会发展主要指标), a header row of years (2020年 | 2025年) over rows of an indicator with
//! its unit in brackets and a value per year. The sentence reader cannot read them: a row
//! has no verb and no deadline, and its cells run into each other. Here a table is the run
//! of lines of a clause that hold cell separators, tabs or bars (see
//! `structure::paragraphs`: each row keeps its cells); the first year of its header is the base, every later year a goal column, and
//! each row below gives a target per goal column it has a figure in, of the indicator in
//! the cell left of the year columns.
//!
//! Rows are aligned on their last cell: a row that continues a category leaves its first
//! cell empty, and reading it from the left would shift every column.

use crate::model::Comparator;
use crate::normalize::{is_cell_bar, is_cell_separator, is_han};

use super::quantity::Found;
use super::target::Read;

/// The lines of `chars` that are rows of a table, as char ranges (without the `\n`).
pub fn rows(chars: &[char]) -> Vec<(usize, usize)> {
    let mut rows = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().chain(std::iter::once(&'\n')).enumerate() {
        if c == '\n' {
            if chars[start..i].iter().any(|&c| is_cell_separator(c)) {
                rows.push((start, i));
            }
            start = i + 1;
        }
    }
    rows
}

/// The targets of the indicator tables in `chars` (folded clause text; `written` the same
/// as written, which indicators are quoted from; `rows` its [`rows`]), from the quantities
/// `found` in it, each with the unit its row names when the figure has none. Goals of a
/// year before `issued` are not targets.
pub fn read(
    chars: &[char],
    written: &[char],
    rows: &[(usize, usize)],
    found: &[Found],
    issued: Option<i32>,
) -> Vec<(Read, Option<String>)> {
    let mut targets = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        // A table: rows on consecutive lines.
        let mut end = i + 1;
        while end < rows.len() && rows[end].0 == rows[end - 1].1 + 1 {
            end += 1;
        }
        read_table(chars, written, &rows[i..end], found, issued, &mut targets);
        i = end;
    }
    targets
}

/// The cells of a row, as char ranges. The bars that open and close a Markdown or
/// box-drawn row (|a|b|) bound no cell.
fn cells(chars: &[char], (mut start, mut end): (usize, usize)) -> Vec<(usize, usize)> {
    if start < end && is_cell_bar(chars[start]) {
        start += 1;
    }
    if start < end && is_cell_bar(chars[end - 1]) {
        end -= 1;
    }
    let mut cells = Vec::new();
    let mut from = start;
    for (i, &c) in chars[start..end].iter().enumerate() {
        if is_cell_separator(c) {
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

/// A header cell that names one year (2025年, 2025, 2025年目标, 目标值（2025年）,
/// 2025年预期值): the year. Other digits make it something else (2021-2025年, 年均/累计).
fn year_of(cell: &str) -> Option<i32> {
    let digits: Vec<&str> = cell
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| !d.is_empty())
        .collect();
    let [digits] = digits.as_slice() else {
        return None;
    };
    let year: i32 = digits.parse().ok()?;
    let words: String = cell
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, '年' | '（' | '）' | '(' | ')' | ' '))
        .collect();
    (digits.len() == 4
        && (1949..=2100).contains(&year)
        && ["", "目标", "目标值", "预期", "预期值", "规划目标"].contains(&words.as_str()))
    .then_some(year)
}

fn read_table(
    chars: &[char],
    written: &[char],
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
    // The leftmost year is the base (现状值) when there are several; every later one is a
    // goal (an annual plan's 2021年 2022年 2023年), unless it is past when the document
    // was issued.
    let base = years.iter().map(|&(column, _)| column).max().unwrap_or(0);
    let goals: Vec<(usize, i32)> = years
        .iter()
        .copied()
        .filter(|&(column, year)| {
            (years.len() == 1 || column != base) && issued.is_none_or(|issued| year >= issued)
        })
        .collect();
    let indicator_column = base + 1;
    // A plan's 属性 column says which goals bind (约束性) and which are expected (预期性).
    let kind_column = cells(chars, rows[header_at])
        .iter()
        .rev()
        .position(|&cell| matches!(text(chars, cell).as_str(), "属性" | "指标属性"));
    for &row in &rows[header_at + 1..] {
        let cells = cells(chars, row);
        let Some(&indicator_cell) = cells.iter().rev().nth(indicator_column) else {
            continue;
        };
        let (Some((_, unit)), Some((indicator, _))) = (
            indicator_and_unit(&text(chars, indicator_cell)),
            indicator_and_unit(&text(written, indicator_cell)),
        ) else {
            continue;
        };
        let expected = kind_column
            .and_then(|k| cells.iter().rev().nth(k))
            .is_some_and(|&cell| text(chars, cell) == "预期性");
        for &(goal_column, goal_year) in goals.iter().rev() {
            let Some(&value_cell) = cells.iter().rev().nth(goal_column) else {
                continue;
            };
            let Some(quantity) = found
                .iter()
                .position(|q| q.start >= value_cell.0 && q.end <= value_cell.1)
            else {
                continue; // 保持在合理区间, —: no figure to reach
            };
            let q = &found[quantity];
            let value_text: String = chars[value_cell.0..value_cell.1].iter().collect();
            targets.push((
                Read {
                    quantity,
                    indicator: indicator.clone(),
                    text_start: indicator_cell.0,
                    comparator: comparator(q, &value_text),
                    year: Some(goal_year),
                    year_implied: false,
                    binding: !expected,
                },
                (q.unit.is_empty()).then(|| unit.clone()).flatten(),
            ));
        }
    }
}

/// The comparator of a figure in a cell: the quantity's own (98%以上), else a sign
/// written before it (>7, ≥98).
fn comparator(q: &Found, cell: &str) -> Comparator {
    if q.bound != Comparator::Eq {
        q.bound
    } else if cell.contains(['>', '＞']) {
        Comparator::Gt
    } else if cell.contains(['≥', '⩾']) {
        Comparator::Ge
    } else if cell.contains(['<', '＜']) {
        Comparator::Lt
    } else if cell.contains(['≤', '⩽']) {
        Comparator::Le
    } else {
        Comparator::Eq
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
    }

    #[test]
    fn year_columns() {
        assert_eq!(year_of("2025年"), Some(2025));
        assert_eq!(year_of("2025年目标"), Some(2025));
        assert_eq!(year_of("目标值（2025年）"), Some(2025));
        assert_eq!(year_of("年均/累计"), None);
        assert_eq!(year_of("2021-2025年"), None);
        assert_eq!(year_of("20"), None);
        assert_eq!(year_of("2025年完成情况"), None);
    }

    /// (indicator, value, unit, comparator, year) of the targets of `text`.
    fn targets_of(text: &str, issued: Option<i32>) -> Vec<(String, f64, String, Comparator, i32)> {
        let chars: Vec<char> = text.chars().collect();
        let found = super::super::quantity::scan(&chars);
        read(&chars, &chars, &rows(&chars), &found, issued)
            .into_iter()
            .map(|(t, unit)| {
                let q = &found[t.quantity];
                (
                    t.indicator,
                    q.value,
                    unit.unwrap_or_else(|| q.unit.clone()),
                    t.comparator,
                    t.year.unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn every_year_after_the_base_is_a_goal() {
        let table = "指标\t2020年\t2021年\t2022年\t2023年\n研发投入强度（%）\t2.4\t2.5\t2.6\t≥2.8";
        let row = |value, comparator, year| {
            (
                "研发投入强度".to_string(),
                value,
                "%".to_string(),
                comparator,
                year,
            )
        };
        assert_eq!(
            targets_of(table, Some(2021)),
            [
                row(2.5, Comparator::Eq, 2021),
                row(2.6, Comparator::Eq, 2022),
                row(2.8, Comparator::Ge, 2023)
            ]
        );
        // Issued later, the past years are a record, not goals.
        assert_eq!(
            targets_of(table, Some(2023)),
            [row(2.8, Comparator::Ge, 2023)]
        );
    }

    #[test]
    fn markdown_and_box_drawn_tables() {
        let row = |indicator: &str, value, year| {
            (
                indicator.to_string(),
                value,
                "%".to_string(),
                Comparator::Eq,
                year,
            )
        };
        assert_eq!(
            targets_of(
                "|指标|2020年|2025年|\n|---|---|---|\n|森林覆盖率(%)|23.2|24.1|",
                Some(2021)
            ),
            [row("森林覆盖率", 24.1, 2025)]
        );
        assert_eq!(
            targets_of("│指标│2020年│2025年│\n│城镇化率(%)│60.6│65│", None),
            [row("城镇化率", 65.0, 2025)]
        );
    }

    #[test]
    fn a_table_without_a_year_column_gives_nothing() {
        assert_eq!(
            targets_of("序号\t任务\t完成时限\n1\t建成检测中心（个）\t3", None),
            []
        );
    }
}
