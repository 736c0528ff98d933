//! CSV files beside a notice, as Excel exports them: UTF-8 with or without BOM, UTF-16 ("Unicode
//! text"), or GBK/GB18030 (Excel on Chinese Windows). Headers are matched by name, in Chinese or
//! English, and every value keeps its row and column for error messages.

use std::collections::BTreeMap;
use std::path::Path;

use super::workbook::SheetOrigin;
use crate::diagnostics::{Diagnostic, Problem, Span, Words};

/// A decoded CSV file, or a sheet of a workbook (see [`super::workbook`]).
#[derive(Debug)]
pub struct CsvTable {
    /// Display path, e.g. `content/2025-2026/canteen.csv`.
    pub file: String,
    /// The CSV text (empty for a sheet).
    pub text: String,
    pub header: Vec<String>,
    pub header_line: usize,
    /// (line in the file, or row of the sheet, fields)
    pub records: Vec<(usize, Vec<String>)>,
    /// The sheet, when read from a workbook: cells are then named `伙食!C7`.
    pub sheet: Option<SheetOrigin>,
}

/// Decodes bytes of a CSV or text file exported on any Chinese office PC.
pub fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).ok().map(str::to_string);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, errors) = encoding_rs::UTF_16LE.decode(bytes);
        return (!errors).then(|| text.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    let (text, errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    (!errors).then(|| text.into_owned())
}

impl CsvTable {
    pub fn read(path: &Path, file: &str) -> Result<CsvTable, Diagnostic> {
        let err = |line, en: String, zh: String| {
            Diagnostic::error(
                Span::file(file).at_line(line),
                Problem::Csv(Words::new(en, zh)),
            )
        };
        let bytes = std::fs::read(path).map_err(|e| {
            err(
                1,
                format!("cannot read the CSV file: {e}"),
                format!("无法读取 CSV 文件：{e}"),
            )
        })?;
        let text = decode_text(&bytes).ok_or_else(|| {
            err(
                1,
                "the CSV file is neither UTF-8 nor GBK/GB18030 text".into(),
                "CSV 文件既不是 UTF-8 也不是 GBK/GB18030 编码的文本".into(),
            )
        })?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        // Lines as the file shows them, counted from the record's byte offset: after CRLF line
        // ends (as Excel on Windows writes them) the csv crate's line count and offset both
        // stop at the line end before the record, so line ends there are skipped first.
        // Records come in order: newlines are counted once, from the last record on.
        let bytes = text.as_bytes();
        let mut counted = (0usize, 1usize);
        let mut line_at = |byte: u64| {
            let mut at = (byte as usize).min(bytes.len());
            while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
                at += 1;
            }
            let (from, line) = counted;
            let from = from.min(at);
            let line = line + bytes[from..at].iter().filter(|&&b| b == b'\n').count();
            counted = (at, line);
            line
        };
        let mut rows = Vec::new();
        for rec in reader.records() {
            let rec = match rec {
                Ok(rec) => rec,
                Err(e) => {
                    let line = e.position().map_or(1, |p| line_at(p.byte()));
                    return Err(err(
                        line,
                        format!("unreadable CSV: {e}"),
                        format!("CSV 无法读取：{e}"),
                    ));
                }
            };
            let line = rec.position().map_or(1, |p| line_at(p.byte()));
            let fields: Vec<String> = rec.iter().map(str::to_string).collect();
            if fields.iter().all(|f| f.is_empty()) {
                continue;
            }
            rows.push((line, fields));
        }
        let mut rows = rows.into_iter();
        let (header_line, header) = rows.next().unwrap_or((1, Vec::new()));
        if header.is_empty() {
            return Err(err(
                1,
                "the CSV file is empty; the first row must name the columns".into(),
                "CSV 文件是空的；第一行应写各列的名称".into(),
            ));
        }
        Ok(CsvTable {
            file: file.to_string(),
            text: text.clone(),
            header,
            header_line,
            records: rows.collect(),
            sheet: None,
        })
    }

    /// The span of a cell (1-based field number). The quoted source line shows that cell alone
    /// (at most [`QUOTE_CHARS`] characters of it), every other cell of the row as `…`: an error
    /// never repeats the rest of a row, which may hold other people's data.
    pub fn span(&self, line: usize, field: usize) -> Span {
        if let Some(sheet) = &self.sheet {
            return sheet.span(&self.file, line, field);
        }
        let mut span = Span::in_text(&self.file, "", line, field);
        let cells: Option<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(
                self.text
                    .lines()
                    .nth(line.saturating_sub(1))
                    .unwrap_or("")
                    .as_bytes(),
            )
            .records()
            .next()
            .and_then(Result::ok)
            .map(|r| r.iter().map(str::to_string).collect());
        let Some(cells) = cells else {
            return span;
        };
        let mut shown = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                shown.push(',');
            }
            if i + 1 == field {
                span.caret = Some(shown.chars().count() + 1);
                shown.push_str(&quote_cell(cell.trim()));
            } else {
                shown.push('…');
            }
        }
        span.source_line = Some(shown);
        span
    }

    /// Maps the header to known fields by their aliases; an unknown or missing column is an error.
    /// The columns of `aliases` by field, with `extra` columns (display columns a notice names)
    /// allowed besides them; any other column is an error.
    pub fn columns(
        &self,
        aliases: &[(&'static str, &[&str])],
        required: &[&'static str],
        extra: &[String],
    ) -> Result<BTreeMap<&'static str, usize>, Vec<Diagnostic>> {
        let mut map = BTreeMap::new();
        let mut errors = Vec::new();
        let header_line = self.header_line;
        for (i, h) in self.header.iter().enumerate() {
            let norm = normalise_header(h);
            if self.extra_column(h, extra) {
                continue;
            }
            match aliases
                .iter()
                .find(|(_, names)| names.iter().any(|n| *n == norm))
            {
                Some((field, _)) => {
                    map.insert(*field, i);
                }
                None => {
                    let (col_en, col_zh) = match &self.sheet {
                        Some(sheet) => (
                            format!("column {}", sheet.column(i + 1)),
                            format!("{} 列", sheet.column(i + 1)),
                        ),
                        None => (format!("column {}", i + 1), format!("第 {} 列", i + 1)),
                    };
                    let known: Vec<String> = aliases
                        .iter()
                        .flat_map(|(_, n)| n.iter().map(|s| s.to_string()))
                        .collect();
                    errors.push(Diagnostic::error(
                        self.span(header_line, i + 1),
                        Problem::Csv(Words::new(
                            format!(
                                "unknown column `{}` ({col_en}); known columns: {}",
                                quote_cell(h),
                                known.join(", ")
                            ),
                            format!(
                                "未知的列 `{}`（{col_zh}）；可用的列名：{}",
                                quote_cell(h),
                                known.join("、")
                            ),
                        )),
                    ));
                }
            }
        }
        for r in required {
            if !map.contains_key(r) {
                let names = aliases
                    .iter()
                    .find(|(f, _)| f == r)
                    .map(|(_, n)| n.join(" / "))
                    .unwrap_or_default();
                errors.push(Diagnostic::error(
                    self.span(header_line, 1),
                    Problem::Csv(Words::new(
                        format!("missing column `{r}` ({names})"),
                        format!("缺少列 `{r}`（{names}）"),
                    )),
                ));
            }
        }
        if errors.is_empty() {
            Ok(map)
        } else {
            Err(errors)
        }
    }
}

/// Characters of a cell an error message quotes at most.
pub const QUOTE_CHARS: usize = 40;

/// A cell as an error message may quote it: at most [`QUOTE_CHARS`] characters.
pub fn quote_cell(cell: &str) -> String {
    if cell.chars().count() <= QUOTE_CHARS {
        return cell.to_string();
    }
    let mut s: String = cell.chars().take(QUOTE_CHARS).collect();
    s.push('…');
    s
}

/// `金额（元）` → `金额`, ` Amount ` → `amount`.
impl CsvTable {
    /// Whether header `h` is one of the display columns `extra`.
    fn extra_column(&self, h: &str, extra: &[String]) -> bool {
        let norm = normalise_header(h);
        extra.iter().any(|e| normalise_header(e) == norm)
    }

    /// Each record's values of the display columns `extra`, in that order (empty where absent).
    pub fn extra_values(&self, extra: &[String]) -> Vec<Vec<(String, String)>> {
        let at: Vec<(String, Option<usize>)> = extra
            .iter()
            .map(|e| {
                let norm = normalise_header(e);
                (
                    e.clone(),
                    self.header.iter().position(|h| normalise_header(h) == norm),
                )
            })
            .collect();
        self.records
            .iter()
            .map(|(_, fields)| {
                at.iter()
                    .filter_map(|(name, i)| {
                        let v = fields.get((*i)?)?.trim();
                        (!v.is_empty()).then(|| (name.clone(), v.to_string()))
                    })
                    .collect()
            })
            .collect()
    }
}

fn normalise_header(h: &str) -> String {
    let h = h.trim().to_lowercase().replace([' ', '\u{3000}'], "");
    for suffix in ["（元）", "(元)", "（元/生）", "(rmb)", "（人民币）"] {
        if let Some(stripped) = h.strip_suffix(suffix) {
            return stripped.to_string();
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_excel_exports() {
        let (gbk, _, _) = encoding_rs::GBK.encode("项目,金额\r\n水电费,1.00\r\n");
        assert_eq!(decode_text(&gbk).unwrap(), "项目,金额\r\n水电费,1.00\r\n");
        let bom = [b"\xEF\xBB\xBF".as_slice(), "项目".as_bytes()].concat();
        assert_eq!(decode_text(&bom).unwrap(), "项目");
        assert_eq!(normalise_header(" 金额（元） "), "金额");
    }
}

#[cfg(test)]
mod crlf_tests {
    #[test]
    fn rows_keep_their_lines_with_crlf() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.csv");
        std::fs::write(&p, "a,b\r\n1,2\r\n3,4\r\n\r\n5,6\r\n").unwrap();
        let t = super::CsvTable::read(&p, "f.csv").unwrap();
        let lines: Vec<usize> = t.records.iter().map(|(l, _)| *l).collect();
        assert_eq!((t.header_line, lines), (1, vec![2, 3, 5]));
        assert_eq!(t.span(3, 1).source_line.as_deref(), Some("3,…"));
    }
}
