//! Workbooks (.xlsx, .xls, .ods) as data files: one sheet, named after `#` (`收支.xlsx#伙食`) or
//! else the first, read into the same header and rows as a CSV file, numbers as exact decimal
//! text and every cell named as Excel names it (`伙食!C7`).

use std::path::Path;

use calamine::{Data, Reader, Sheets};

use super::csv_table::{CsvTable, quote_cell};
use crate::diagnostics::{Diagnostic, Problem, Span, Words};

/// The extensions of the workbooks calamine reads.
const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Workbooks and Word documents unpacking to more than this are not read (zip bombs).
pub const MAX_UNPACKED: u128 = 256 << 20;

/// The sheet a table was read from, for naming its cells.
#[derive(Debug)]
pub struct SheetOrigin {
    pub name: String,
    /// The column (from 0) of the table's first field: a table may start in column B.
    pub first_col: u32,
}

impl SheetOrigin {
    /// The span of field `field` (from 1) on Excel row `row` (from 1): `伙食!C7`.
    pub fn span(&self, file: &str, row: usize, field: usize) -> Span {
        let col = self.first_col as usize + field.max(1) - 1;
        Span::at_cell(file, cell_ref(&self.name, row, col), row, col + 1)
    }

    /// A field's column letters: `D`.
    pub fn column(&self, field: usize) -> String {
        column_name(self.first_col as usize + field.max(1) - 1)
    }
}

/// Why a sheet could not be read.
#[derive(Debug)]
pub enum Unread {
    /// The notice names a sheet the workbook does not have: told where the notice names it.
    NoSheet(Words),
    /// Told at the workbook, or at its cells.
    File(Vec<Diagnostic>),
}

/// Whether `path` is a workbook, by its extension.
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// `收支.xlsx#伙食` → (`收支.xlsx`, `伙食`). A `#` that does not follow a workbook's name is
/// part of the file name (`收支#2.csv`).
pub fn split_sheet(name: &str) -> (&str, Option<&str>) {
    name.match_indices('#')
        .map(|(i, _)| i)
        .find(|&i| is_workbook(Path::new(&name[..i])))
        .map_or((name, None), |i| (&name[..i], Some(&name[i + 1..])))
}

/// Reads sheet `sheet` (or the first) of the workbook at `path`, shown as `file`. Rows are
/// numbered as Excel numbers them; empty rows are skipped, the first other row is the header.
pub fn read(path: &Path, file: &str, sheet: Option<&str>) -> Result<CsvTable, Unread> {
    let whole = |en: String, zh: String| {
        Unread::File(vec![Diagnostic::error(
            Span::file(file),
            Problem::Csv(Words::new(en, zh)),
        )])
    };
    if unpacked_size(path).is_some_and(|n| n > MAX_UNPACKED) {
        return Err(whole(
            format!(
                "the workbook is too large to read (it unpacks to more than {} MB)",
                MAX_UNPACKED >> 20
            ),
            format!(
                "工作簿太大，无法读取（解压后超过 {} MB）",
                MAX_UNPACKED >> 20
            ),
        ));
    }
    // calamine is pure Rust over a file from anywhere: a panic is a file it cannot read.
    let read = std::panic::catch_unwind(|| cells(path, sheet));
    let (name, cells) = match read {
        Ok(Ok(found)) => found,
        Ok(Err(Failure::Open(e))) => {
            return Err(whole(
                format!("the file cannot be read as a workbook (.xlsx, .xls or .ods): {e}"),
                format!("无法作为工作簿（.xlsx、.xls 或 .ods）读取：{e}"),
            ));
        }
        Ok(Err(Failure::Sheet(name, e))) => {
            return Err(whole(
                format!("the sheet `{name}` cannot be read: {e}"),
                format!("无法读取工作表 `{name}`：{e}"),
            ));
        }
        Ok(Err(Failure::NoSheets)) => {
            return Err(whole(
                "the workbook has no sheets".into(),
                "工作簿中没有工作表".into(),
            ));
        }
        Ok(Err(Failure::NoSheet { wanted, sheets })) => {
            let book = Path::new(file)
                .file_name()
                .map_or(file.into(), |n| n.to_string_lossy());
            return Err(Unread::NoSheet(Words::new(
                format!(
                    "the workbook `{book}` has no sheet `{wanted}`; its sheets: {}",
                    sheets.join(", ")
                ),
                format!(
                    "工作簿 `{book}` 中没有工作表 `{wanted}`；它的工作表：{}",
                    sheets.join("、")
                ),
            )));
        }
        Err(_) => {
            return Err(whole(
                "the workbook reader failed on it (a damaged or unusual file)".into(),
                "读取工作簿时出错（文件已损坏或格式特殊）".into(),
            ));
        }
    };
    table(file, name, cells)
}

/// Why the cells of a sheet could not be had.
enum Failure {
    Open(calamine::Error),
    NoSheets,
    NoSheet { wanted: String, sheets: Vec<String> },
    Sheet(String, String),
}

/// A cell: row and column from 0, and its value.
type Cell = (u32, u32, Data);

/// The sheet's name and its cells that hold something, in any order.
fn cells(path: &Path, wanted: Option<&str>) -> Result<(String, Vec<Cell>), Failure> {
    let mut book = calamine::open_workbook_auto(path).map_err(Failure::Open)?;
    let sheets = book.sheet_names();
    let name = match wanted {
        None => sheets.first().cloned().ok_or(Failure::NoSheets)?,
        // Excel does not tell sheet names apart by case.
        Some(w) => sheets
            .iter()
            .find(|s| *s == w)
            .or_else(|| sheets.iter().find(|s| s.to_lowercase() == w.to_lowercase()))
            .cloned()
            .ok_or_else(|| Failure::NoSheet {
                wanted: w.to_string(),
                sheets: sheets.clone(),
            })?,
    };
    let failed = |e: &dyn std::fmt::Display| Failure::Sheet(name.clone(), e.to_string());
    let mut out = Vec::new();
    match &mut book {
        // Cell by cell: a range would be allocated from the first used cell to the last.
        Sheets::Xlsx(x) => {
            let mut reader = x.worksheet_cells_reader(&name).map_err(|e| failed(&e))?;
            while let Some(c) = reader.next_cell().map_err(|e| failed(&e))? {
                let (row, col) = c.get_position();
                out.push((row, col, Data::from(c.get_value().clone())));
            }
        }
        book => {
            let range = book.worksheet_range(&name).map_err(|e| failed(&e))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            for (r, c, v) in range.used_cells() {
                out.push((r0 + r as u32, c0 + c as u32, v.clone()));
            }
        }
    }
    Ok((name, out))
}

/// The cells as a table: the first row with text is the header; rows keep Excel's numbers.
fn table(file: &str, sheet: String, cells: Vec<Cell>) -> Result<CsvTable, Unread> {
    let mut rows: std::collections::BTreeMap<u32, Vec<(u32, Data)>> = Default::default();
    for (row, col, value) in cells {
        rows.entry(row).or_default().push((col, value));
    }
    let first_col = rows
        .values()
        .flatten()
        .filter(|(_, v)| !is_blank(v))
        .map(|(c, _)| *c)
        .min()
        .unwrap_or(0);
    let origin = SheetOrigin {
        name: sheet,
        first_col,
    };
    let mut errors = Vec::new();
    let mut records = Vec::new();
    let mut width = None;
    for (row, mut cells) in rows {
        cells.retain(|(_, v)| !is_blank(v));
        cells.sort_by_key(|(c, _)| *c);
        let Some(last) = cells.last().map(|(c, _)| *c) else {
            continue;
        };
        let line = row as usize + 1;
        // Cells right of the header are not read, as in a CSV file.
        let end = width.unwrap_or(last + 1 - first_col);
        width.get_or_insert(end);
        let mut fields = vec![String::new(); end as usize];
        for (col, value) in cells {
            let field = (col - first_col) as usize;
            if field >= fields.len() {
                continue;
            }
            match text(&value) {
                Ok(t) => fields[field] = t,
                Err(w) => {
                    errors.push(Diagnostic::error(
                        origin.span(file, line, field + 1),
                        Problem::Csv(w),
                    ));
                }
            }
        }
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        records.push((line, fields));
    }
    if !errors.is_empty() {
        return Err(Unread::File(errors));
    }
    let mut records = records.into_iter();
    let Some((header_line, header)) = records.next() else {
        return Err(Unread::File(vec![Diagnostic::error(
            Span::file(file),
            Problem::Csv(Words::new(
                format!(
                    "the sheet `{}` is empty; its first row must name the columns",
                    origin.name
                ),
                format!("工作表 `{}` 是空的；第一行应写各列的名称", origin.name),
            )),
        )]));
    };
    Ok(CsvTable {
        file: file.to_string(),
        text: String::new(),
        header,
        header_line,
        records: records.collect(),
        sheet: Some(origin),
    })
}

fn is_blank(v: &Data) -> bool {
    match v {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A cell's value as the text a CSV export would hold; Excel's error values (`#DIV/0!`) are
/// errors.
fn text(v: &Data) -> Result<String, Words> {
    Ok(match v {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) if d.is_duration() => duration(d.as_f64()),
        Data::DateTime(d) => {
            let (y, m, day, h, min, s, ms) = d.to_ymd_hms_milli();
            match (h, min, s, ms) {
                (0, 0, 0, 0) => format!("{y:04}-{m:02}-{day:02}"),
                (_, _, 0, 0) => format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}"),
                _ => format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}"),
            }
        }
        Data::DateTimeIso(s) => s
            .strip_suffix("T00:00:00")
            .unwrap_or(s)
            .replacen('T', " ", 1),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => {
            let e = quote_cell(&e.to_string());
            return Err(Words::new(
                format!("the cell shows Excel's error `{e}`; correct its formula"),
                format!("单元格显示 Excel 的错误值 `{e}`；请更正其公式"),
            ));
        }
    })
}

/// A number as exact decimal text. A binary float within a millionth of a yuan of a whole
/// number of fen is that number of fen (`=0.1+0.2` saves 0.30000000000000004: `0.3`); any other
/// is written out in full (`1.2345`), so that an amount with more decimals is refused where it
/// is read, never rounded.
fn number(f: f64) -> String {
    // Below 2^53 fen every whole number of fen is exact in a float.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    let fen = (f * 100.0).round();
    if fen.abs() < EXACT && (f - fen / 100.0).abs() <= 1e-6 {
        let fen = fen as i64;
        let (sign, fen) = if fen < 0 { ("-", -fen) } else { ("", fen) };
        return match fen % 100 {
            0 => format!("{sign}{}", fen / 100),
            c if c % 10 == 0 => format!("{sign}{}.{}", fen / 100, c / 10),
            c => format!("{sign}{}.{c:02}", fen / 100),
        };
    }
    // Rust writes the shortest text that reads back as the same float, never in exponent form.
    format!("{f}")
}

/// A duration (days as a float) as `h:mm:ss`, hours past 24 as Excel's `[h]:mm:ss` shows them.
fn duration(days: f64) -> String {
    let secs = (days * 86_400.0).round() as i64;
    let (sign, secs) = if secs < 0 { ("-", -secs) } else { ("", secs) };
    format!(
        "{sign}{}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// A cell as Excel names it: `伙食!C7`, `'My list'!C7` (a sheet name that is not one word is
/// quoted, a quote in it doubled). `row` counts from 1, `col` from 0.
pub fn cell_ref(sheet: &str, row: usize, col: usize) -> String {
    let col = column_name(col);
    if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
        format!("{sheet}!{col}{row}")
    } else {
        format!("'{}'!{col}{row}", sheet.replace('\'', "''"))
    }
}

/// Excel's column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The declared unpacked size of a zip file (xlsx, docx, ods); `None` when it is no zip file.
pub fn unpacked_size(path: &Path) -> Option<u128> {
    let file = std::fs::File::open(path).ok()?;
    zip::ZipArchive::new(std::io::BufReader::new(file))
        .ok()?
        .decompressed_size()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_exact_to_the_fen_or_written_out() {
        assert_eq!(number(12000.0), "12000");
        assert_eq!(number(11500.5), "11500.5");
        assert_eq!(number(1234.56), "1234.56");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(0.07), "0.07");
        assert_eq!(number(-5.05), "-5.05");
        assert_eq!(number(1.2345), "1.2345");
        assert_eq!(number(100.0 / 3.0), "33.333333333333336");
        assert_eq!(number(13812345678.0), "13812345678");
        assert_eq!(number(1e20), "100000000000000000000");
        assert_eq!(duration(1.5), "36:00:00");
    }

    #[test]
    fn sheets_follow_a_workbook_name() {
        assert_eq!(split_sheet("收支.xlsx#伙食"), ("收支.xlsx", Some("伙食")));
        assert_eq!(split_sheet("收支.XLS#a#b"), ("收支.XLS", Some("a#b")));
        assert_eq!(split_sheet("收支#2.csv"), ("收支#2.csv", None));
        assert_eq!(split_sheet("收支.ods"), ("收支.ods", None));
        assert_eq!(cell_ref("伙食", 7, 2), "伙食!C7");
        assert_eq!(cell_ref("My list", 1, 701), "'My list'!ZZ1");
        assert_eq!(cell_ref("O'Brien 表", 1, 702), "'O''Brien 表'!AAA1");
    }
}
