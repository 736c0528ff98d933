//! Tables of figures typed in a notice's text (Markdown tables): nothing checks them, so `check`
//! says where each is and which structure would compute and check its figures.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::content::Notice;
use crate::content::kind::Kind;
use crate::diagnostics::{Diagnostics, Problem, Span};

/// Whether a cell holds a figure: a number with its usual marks (12,000.00, ¥300, 76.8%, 8.3元).
fn is_figure(cell: &str) -> bool {
    let t: String = cell
        .trim()
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches(['元', '%', '％'])
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let mut parts = t.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && parts
            .next()
            .is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// The structure that would check a table with these header words, in a notice of `kind`.
fn structure(header: &str, kind: Kind) -> &'static str {
    let has = |words: &[&str]| words.iter().any(|w| header.contains(w));
    if has(&["收入", "支出", "结余", "盈余"]) {
        "ledger"
    } else if has(&["同意", "反对", "弃权"]) {
        "vote"
    } else if has(&["得票", "票数", "名额"]) {
        match kind {
            Kind::Evaluation => "results",
            _ => "candidates",
        }
    } else if has(&["收费", "标准", "年级"]) {
        "fees` or `fee_matrix"
    } else if has(&["单价", "数量"]) {
        "procurement"
    } else if has(&["捐"]) {
        "donations"
    } else {
        match kind {
            Kind::Finance => "ledger` or `fees",
            Kind::Evaluation => "results",
            Kind::Selection => "candidates",
            Kind::Notice => "procurement`, `vote` or `consultation",
        }
    }
}

/// Warns at each Markdown table in the body with figures in two or more of its body rows.
pub fn notice(notice: &Notice, diags: &mut Diagnostics) {
    let body = &notice.body;
    if !body.contains('|') {
        return;
    }
    let mut start = None;
    let (mut header, mut in_head) = (String::new(), false);
    // The body rows' cells, by row.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell = String::new();
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => {
                start = Some(range.start);
                header.clear();
                rows.clear();
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell.clear(),
            Event::End(TagEnd::TableCell) => {
                if in_head {
                    header.push_str(&cell);
                    header.push(' ');
                } else if let Some(row) = rows.last_mut() {
                    row.push(std::mem::take(&mut cell));
                }
            }
            Event::Text(t) | Event::Code(t) => cell.push_str(&t),
            Event::End(TagEnd::Table) => {
                let rows = rows_with_figures(&rows);
                if rows >= 2
                    && let Some(at) = start.take()
                {
                    let line = notice.body_line + body[..at].matches('\n').count();
                    diags.warning(
                        Span::file(&notice.rel).at_line(line),
                        Problem::UnverifiedTable {
                            rows,
                            structure: structure(&header, notice.kind),
                        },
                    );
                }
            }
            _ => {}
        }
    }
}

/// Rows with a figure outside a numbering column (1, 2, 3 … down the rows: 序号, 包号).
fn rows_with_figures(rows: &[Vec<String>]) -> usize {
    let numbering = |col: usize| {
        rows.iter()
            .enumerate()
            .all(|(i, r)| r.get(col).is_some_and(|c| c.trim() == (i + 1).to_string()))
    };
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let counted: Vec<usize> = (0..width).filter(|&c| !numbering(c)).collect();
    rows.iter()
        .filter(|r| {
            counted
                .iter()
                .any(|&c| r.get(c).is_some_and(|cell| is_figure(cell)))
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_and_words() {
        for f in ["12,000.00", "300", "¥1,234.5", "76.8%", "8.3元", " 15 "] {
            assert!(is_figure(f), "{f}");
        }
        for w in [
            "9月1日",
            "2026-09-01",
            "0571-8888",
            "",
            "一年级",
            "8:00",
            "1.2.3",
        ] {
            assert!(!is_figure(w), "{w}");
        }
    }

    #[test]
    fn a_numbering_column_is_no_figure() {
        let rows = |cells: &[&[&str]]| -> Vec<Vec<String>> {
            cells
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect()
        };
        assert_eq!(
            rows_with_figures(&rows(&[&["1", "大米"], &["2", "肉类"]])),
            0
        );
        assert_eq!(rows_with_figures(&rows(&[&["1", "300"], &["2", "400"]])), 2);
        assert_eq!(
            rows_with_figures(&rows(&[&["3", "大米"], &["5", "肉类"]])),
            2
        );
    }
}
