//! Plain-text tables with aligned columns.

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

    /// The table as lines, the last column unpadded.
    pub(crate) fn render(&self) -> String {
        let columns = self.header.len();
        let cell = |row: &[String], column: usize| -> String {
            row.get(column)
                .map(|text| {
                    crate::terminal_text::clean(&text.replace(['\r', '\n', '\t'], " ")).into_owned()
                })
                .unwrap_or_default()
        };
        let mut widths = vec![0; columns];
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (column, width) in widths.iter_mut().enumerate() {
                *width = (*width).max(cell(row, column).chars().count());
            }
        }
        let mut out = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let mut line = String::new();
            for (column, width) in widths.iter().enumerate() {
                let text = cell(row, column);
                line.push_str(&text);
                if column + 1 < columns {
                    let pad = width.saturating_sub(text.chars().count()) + 2;
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_columns() {
        let mut table = Table::new(&["SLOT", "TEXT"]);
        table.row(vec!["0".into(), "Hi".into()]);
        table.row(vec!["11".into(), "two\nlines".into()]);
        assert_eq!(table.render(), "SLOT  TEXT\n0     Hi\n11    two lines\n");
    }
}
