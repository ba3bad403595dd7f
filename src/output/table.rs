//! Aligned tables for the terminal and CSV for spreadsheets, over the same rows.
//!
//! Column widths are display widths (`unicode-width`): a Chinese character takes two
//! columns, so 食品抽检合格率 lines up with GDP. Cells are sanitized before they are
//! measured, so an escaped control character is counted as what is shown.
//!
//! ```
//! use zhengce::output::table::{Align, Table};
//! let mut table = Table::new(&[("指标", Align::Left), ("VALUE", Align::Right)]);
//! table.push(vec!["合格率".into(), "98.5%".into()]);
//! table.push(vec!["GDP".into(), "4%".into()]);
//! let mut out = Vec::new();
//! table.write_plain(&mut out, zhengce::output::style::Painter { color: false }, None).unwrap();
//! assert_eq!(String::from_utf8(out).unwrap(), "指标    VALUE\n合格率  98.5%\nGDP        4%\n");
//! ```

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::style::{sanitize, Paint, Painter};

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Rows of text cells under a header.
#[derive(Debug, Clone)]
pub struct Table {
    headers: Vec<String>,
    aligns: Vec<Align>,
    /// Columns left out on a terminal too narrow for them and a useful width of the rest.
    optional: Vec<bool>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(columns: &[(&str, Align)]) -> Table {
        Table {
            headers: columns.iter().map(|(h, _)| (*h).to_owned()).collect(),
            aligns: columns.iter().map(|(_, a)| *a).collect(),
            optional: vec![false; columns.len()],
            rows: Vec::new(),
        }
    }

    /// Marks the column headed `header` as one to leave out when the terminal is too
    /// narrow for every column (`WRITTEN AS` beside the agency it spells).
    pub fn optional(mut self, header: &str) -> Table {
        if let Some(k) = self.headers.iter().position(|h| h == header) {
            self.optional[k] = true;
        }
        self
    }

    /// Adds a row; it must have one cell per column.
    pub fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.headers.len());
        self.rows.push(row);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Writes the table aligned for a terminal, header painted. With `fit`, lines are at
    /// most that many columns: the widest left-aligned columns shrink (numbers never do),
    /// cells longer than their column end in `…`; if that is not enough, optional columns
    /// are left out, then headers are cut too, and last the lines themselves.
    pub fn write_plain<W: Write>(
        &self,
        out: &mut W,
        painter: Painter,
        fit: Option<usize>,
    ) -> io::Result<()> {
        let mut cells: Vec<Vec<String>> = std::iter::once(&self.headers)
            .chain(&self.rows)
            .map(|row| row.iter().map(|c| sanitize(c)).collect())
            .collect();
        let mut shown: Vec<usize> = (0..self.headers.len()).collect();
        let mut widths = vec![0; self.headers.len()];
        for row in &cells {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        if let Some(limit) = fit {
            let full = widths.clone();
            self.shrink(&mut widths, &shown, limit, true);
            // Leave out optional columns, rightmost first, while the rest do not fit or
            // a text column had to narrow below a readable width.
            let cramped = |widths: &[usize], shown: &[usize]| {
                total(widths, shown) > limit
                    || shown.iter().any(|&k| widths[k] < full[k].min(COMFORTABLE))
            };
            while cramped(&widths, &shown) {
                let Some(at) = shown.iter().rposition(|&k| self.optional[k]) else {
                    break;
                };
                shown.remove(at);
                widths.clone_from(&full);
                self.shrink(&mut widths, &shown, limit, true);
            }
            self.shrink(&mut widths, &shown, limit, false);
            for row in &mut cells {
                for (cell, &w) in row.iter_mut().zip(&widths) {
                    if cell.width() > w {
                        *cell = truncate(cell, w);
                    }
                }
            }
        }
        for (index, row) in cells.iter().enumerate() {
            let mut line = String::new();
            let last = *shown.last().expect("a table has columns");
            for &k in &shown {
                let cell = &row[k];
                let pad = widths[k] - cell.width();
                let cell = if index == 0 {
                    painter.paint(Paint::Heading, cell)
                } else {
                    cell.clone()
                };
                match self.aligns[k] {
                    Align::Right => {
                        line.push_str(&" ".repeat(pad));
                        line.push_str(&cell);
                    }
                    // No trailing spaces after the last column.
                    Align::Left if k == last => line.push_str(&cell),
                    Align::Left => {
                        line.push_str(&cell);
                        line.push_str(&" ".repeat(pad));
                    }
                }
                if k != last {
                    line.push_str("  ");
                }
            }
            writeln!(out, "{}", super::fit::truncate(&line, fit))?;
        }
        Ok(())
    }

    /// Narrows the `shown` left-aligned columns, widest first, until a line fits in
    /// `limit` columns or none can narrow further: below [`MIN_SHRUNK`] columns, or, when
    /// `keep_headers`, below its header.
    fn shrink(&self, widths: &mut [usize], shown: &[usize], limit: usize, keep_headers: bool) {
        while total(widths, shown) > limit {
            let narrowest = |k: usize| {
                if keep_headers {
                    self.headers[k].width().max(MIN_SHRUNK)
                } else {
                    MIN_SHRUNK
                }
            };
            let widest = shown
                .iter()
                .copied()
                .filter(|&k| self.aligns[k] == Align::Left && widths[k] > narrowest(k))
                .max_by_key(|&k| widths[k]);
            let Some(k) = widest else {
                return;
            };
            widths[k] -= 1;
        }
    }

    /// Writes the table as CSV (RFC 4180: commas, CRLF-free, quotes doubled).
    pub fn write_csv<W: Write>(&self, out: &mut W) -> io::Result<()> {
        for row in std::iter::once(&self.headers).chain(&self.rows) {
            let line: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
            writeln!(out, "{}", line.join(","))?;
        }
        Ok(())
    }
}

/// The width of a line of the `shown` columns, two spaces between them.
fn total(widths: &[usize], shown: &[usize]) -> usize {
    shown.iter().map(|&k| widths[k]).sum::<usize>() + 2 * shown.len().saturating_sub(1)
}

/// A text column narrower than this (and than its longest cell) is cramped: optional
/// columns make room for it first.
const COMFORTABLE: usize = 20;

/// The narrowest a shrunk column gets: a few characters still say what a cell is.
const MIN_SHRUNK: usize = 8;

/// `text` cut to at most `width` columns, ending in `…`.
fn truncate(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// A CSV field: control and invisible characters escaped as in the terminal, a cell that
/// a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first, and not a number)
/// prefixed with `'`, and quoted when it holds a comma, quote or line break.
pub fn csv_field(text: &str) -> String {
    let mut text = crate::output::style::sanitize(text);
    let formula = text.starts_with(['=', '+', '-', '@']) && text.parse::<f64>().is_err();
    if formula {
        text.insert(0, '\'');
    }
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_cells_cannot_drive_a_terminal_or_a_spreadsheet() {
        assert_eq!(
            csv_field("省\u{1b}]52;c;ZWNobw==\u{7}局"),
            "省\\u{1b}]52;c;ZWNobw==\\u{7}局"
        );
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-2000"), "-2000");
        assert_eq!(csv_field("+5"), "+5");
        assert_eq!(csv_field("合格率, 98.5%"), "\"合格率, 98.5%\"");
    }

    #[test]
    fn a_table_fits_the_width_it_is_given() {
        use super::{Align, Table};
        use unicode_width::UnicodeWidthStr;
        let mut table = Table::new(&[
            ("INDICATOR", Align::Left),
            ("VALUE", Align::Right),
            ("DOCUMENT", Align::Left),
        ]);
        table.push(vec![
            "全省食品安全抽检合格率和主要农产品质量安全监测合格率".into(),
            "98.5".into(),
            "2023-guangdong-quality-province-outline".into(),
        ]);
        table.push(vec!["GDP".into(), "4".into(), "plan".into()]);
        for limit in [40, 60, 80] {
            let mut out = Vec::new();
            let painter = crate::output::style::Painter { color: false };
            table.write_plain(&mut out, painter, Some(limit)).unwrap();
            let text = String::from_utf8(out).unwrap();
            for line in text.lines() {
                assert!(line.width() <= limit, "{limit}: {line}");
            }
            assert!(text.contains('…') && text.contains("98.5"), "{text}");
        }
    }

    #[test]
    fn optional_columns_go_before_the_text_is_cramped() {
        use super::{Align, Table};
        let mut table = Table::new(&[
            ("INDICATOR", Align::Left),
            ("VALUE", Align::Right),
            ("WRITTEN AS", Align::Left),
        ])
        .optional("WRITTEN AS");
        table.push(vec![
            "全省食品安全抽检合格率".into(),
            "98.5".into(),
            "省质监局、省食品药品监管局".into(),
        ]);
        let painter = crate::output::style::Painter { color: false };
        let render = |limit| {
            let mut out = Vec::new();
            table.write_plain(&mut out, painter, Some(limit)).unwrap();
            String::from_utf8(out).unwrap()
        };
        // Room for all: all shown.
        assert!(render(100).contains("WRITTEN AS"));
        // 22 + 2 + 5 + 2 + 26 = 57 columns do not fit 40: the indicator would be cut below
        // a readable width, so the optional column goes and the indicator stays whole.
        assert_eq!(
            render(40),
            "INDICATOR               VALUE\n全省食品安全抽检合格率   98.5\n"
        );
    }
}
