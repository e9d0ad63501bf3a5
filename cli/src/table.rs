//! Plain-text tables with aligned columns.

use crate::terminal_text::{clean, one_line};

/// Columns between two cells.
const GAP: usize = 2;

/// The narrowest a shrunk column gets.
const MIN_SHRUNK: usize = 6;

/// A table: a header row and data rows, printed with columns padded to the widest cell.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column titles.
    pub(crate) fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(|title| (*title).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; missing cells are blank, extra cells are dropped.
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table as lines, the last column unpadded, every cell whole.
    pub(crate) fn render(&self) -> String {
        self.render_within(usize::MAX, &[])
    }

    /// The table as lines of at most `max_width` characters where it can be done by cutting
    /// the `shrinkable` columns (widest first, down to a few characters); a cut cell ends
    /// with `…`. Other columns stay whole.
    pub(crate) fn render_within(&self, max_width: usize, shrinkable: &[usize]) -> String {
        let columns = self.header.len();
        let cells: Vec<Vec<String>> = std::iter::once(&self.header)
            .chain(&self.rows)
            .map(|row| (0..columns).map(|column| cell(row, column)).collect())
            .collect();
        let mut widths = vec![0; columns];
        for row in &cells {
            for (width, text) in widths.iter_mut().zip(row) {
                *width = (*width).max(text.chars().count());
            }
        }
        shrink(&mut widths, max_width, shrinkable);
        let mut out = String::new();
        for row in &cells {
            let mut line = String::new();
            for (column, (width, text)) in widths.iter().zip(row).enumerate() {
                let text = cut(text, *width);
                let length = text.chars().count();
                line.push_str(&text);
                if column + 1 < columns {
                    let pad = width.saturating_sub(length) + GAP;
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// One cell as shown: on one line (line breaks escaped, tabs as spaces), with nothing that
/// drives the terminal.
fn cell(row: &[String], column: usize) -> String {
    row.get(column)
        .map(|text| clean(&one_line(&text.replace('\t', " "))).into_owned())
        .unwrap_or_default()
}

/// Narrows the widest of the `shrinkable` columns until the line fits `max_width` or none
/// can shrink any more.
fn shrink(widths: &mut [usize], max_width: usize, shrinkable: &[usize]) {
    let line =
        |widths: &[usize]| widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1);
    let mut over = line(widths).saturating_sub(max_width);
    while over > 0 {
        let mut candidates: Vec<usize> = shrinkable
            .iter()
            .copied()
            .filter(|&column| widths.get(column).is_some_and(|&w| w > MIN_SHRUNK))
            .collect();
        candidates.sort_by_key(|&column| std::cmp::Reverse(widths[column]));
        let Some(&widest) = candidates.first() else {
            return;
        };
        let next = candidates
            .get(1)
            .map_or(MIN_SHRUNK, |&column| widths[column].max(MIN_SHRUNK));
        let step = (widths[widest] - next).clamp(1, over);
        widths[widest] -= step;
        over -= step;
    }
}

/// `text` in at most `width` characters, ending with `…` when cut.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(width.saturating_sub(1)).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_columns() {
        let mut table = Table::new(&["SLOT", "TEXT"]);
        table.row(vec!["0".into(), "Hi".into()]);
        table.row(vec!["11".into(), "two\nlines\tand\r".into()]);
        assert_eq!(
            table.render(),
            "SLOT  TEXT\n0     Hi\n11    two\\nlines and\\r\n"
        );
    }

    #[test]
    fn fits_a_width_by_cutting_the_shrinkable_columns() {
        let mut table = Table::new(&["ID", "FROM", "MESSAGE"]);
        table.row(vec![
            "not_0123456789".into(),
            "a rather long name".into(),
            "x".repeat(80),
        ]);
        let text = table.render_within(40, &[1, 2]);
        for line in text.lines() {
            assert!(line.chars().count() <= 40, "{line:?}");
        }
        let row = text.lines().nth(1).expect("row");
        assert!(row.starts_with("not_0123456789  "), "{row}");
        assert!(row.ends_with('…'), "{row}");
        // Nothing to cut: as wide as it needs.
        assert_eq!(table.render_within(40, &[]), table.render());
        assert_eq!(table.render_within(1000, &[1, 2]), table.render());
    }
}
