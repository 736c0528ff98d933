//! Reads the text of an attached file for the privacy scan, each piece with its place in the
//! file: CSV and plain text, spreadsheets (xlsx, xlsm, xlsb, xls, ods) by cell, Word documents
//! (docx) by paragraph and the text layer of PDFs by page; what it cannot read is said so.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Once, mpsc};
use std::time::{Duration, SystemTime};

use crate::content::data::csv_table::decode_text;
use crate::content::data::workbook::{MAX_UNPACKED, cell_ref, unpacked_size};

/// Where a piece of text is in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The whole file as text: findings are reported by line and column.
    Lines,
    /// A spreadsheet cell; `row` and `col` count from 0.
    Cell { sheet: String, row: u32, col: u32 },
    /// A paragraph of a Word document, counted from 1; `part` names a part other than the body
    /// (`word/footer1.xml`).
    Paragraph { part: Option<String>, n: usize },
    /// A PDF page, counted from 1.
    Page(u32),
}

/// As it completes a message: `in Sheet1!C7`, `in paragraph 3`, `on page 2`.
impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Lines => Ok(()),
            Place::Cell { sheet, row, col } => {
                write!(
                    f,
                    "in {}",
                    cell_ref(sheet, *row as usize + 1, *col as usize)
                )
            }
            Place::Paragraph { part: None, n } => write!(f, "in paragraph {n}"),
            Place::Paragraph { part: Some(p), n } => write!(f, "in {p}, paragraph {n}"),
            Place::Page(n) => write!(f, "on page {n}"),
        }
    }
}

/// Text read from an attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub place: Place,
    pub text: String,
    /// Spreadsheet-like content (a table of people): scanned with `Context::table`.
    pub table: bool,
}

/// Why (part of) a file could not be read, as a phrase: "an image", "page 3 has no text layer".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub String);

/// What was read of a file: every piece of text, and an error for every part that could not be
/// read (a person must check those).
pub type Texts = Arc<Vec<Result<Piece, Unreadable>>>;

/// Text files (and PDFs) larger than this are not read into memory: a person checks them.
const MAX_FILE: u64 = 32 << 20;
/// How long the PDF reader may take on one file. It reads a text PDF of 100 pages in well under
/// a second; a damaged or hostile file can keep it busy for minutes, and then the file is
/// reported as unreadable (its thread finishes in the background; see [`pdf`]).
const PDF_TIME_LIMIT: Duration = Duration::from_secs(20);

/// The text of the attachment at `path`, read anew only when its size or modification time
/// changed (the office formats and PDFs: `serve` checks every attachment on each rebuild).
pub fn texts(path: &Path) -> Texts {
    type Cache = Mutex<HashMap<PathBuf, (u64, Option<SystemTime>, Texts)>>;
    static CACHE: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
    let kind = Kind::of(path);
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return one(Unreadable(format!("the file cannot be opened ({e})"))),
    };
    if matches!(kind, Kind::Text { .. } | Kind::Other) {
        return Arc::new(read(path, kind, meta.len()));
    }
    let key = (meta.len(), meta.modified().ok());
    let cache = CACHE.get_or_init(Default::default);
    if let Some((len, modified, texts)) = cache.lock().ok().and_then(|c| c.get(path).cloned())
        && (len, modified) == key
    {
        return texts;
    }
    let texts = Arc::new(read(path, kind, meta.len()));
    if let Ok(mut c) = cache.lock() {
        c.insert(path.to_path_buf(), (key.0, key.1, texts.clone()));
    }
    texts
}

fn one(u: Unreadable) -> Texts {
    Arc::new(vec![Err(u)])
}

/// The kind of file, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text { table: bool },
    Spreadsheet,
    Word,
    Pdf,
    Image,
    Other,
}

impl Kind {
    fn of(path: &Path) -> Kind {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "csv" | "tsv" => Kind::Text { table: true },
            "txt" => Kind::Text { table: false },
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Kind::Spreadsheet,
            "docx" | "docm" => Kind::Word,
            "pdf" => Kind::Pdf,
            "png" | "jpg" | "jpeg" | "gif" | "bmp" | "tif" | "tiff" | "webp" | "heic" | "heif" => {
                Kind::Image
            }
            _ => Kind::Other,
        }
    }
}

fn read(path: &Path, kind: Kind, len: u64) -> Vec<Result<Piece, Unreadable>> {
    let too_large = || {
        vec![Err(Unreadable(format!(
            "it is too large to be checked here ({} MB)",
            len >> 20
        )))]
    };
    match kind {
        Kind::Image => vec![Err(Unreadable(
            "it is an image, whose text cannot be read".into(),
        ))],
        Kind::Spreadsheet | Kind::Word => {
            if unpacked_size(path).is_some_and(|n| n > MAX_UNPACKED) {
                return too_large();
            }
            // Both readers are pure Rust over untrusted files: a panic is an unreadable file.
            let res = std::panic::catch_unwind(|| {
                if kind == Kind::Word {
                    word(path)
                } else {
                    spreadsheet(path)
                }
            });
            res.unwrap_or_else(|_| {
                vec![Err(Unreadable(
                    "the reader failed on it (a damaged or unusual file)".into(),
                ))]
            })
        }
        _ if len > MAX_FILE => too_large(),
        _ => {
            let bytes = match std::fs::read(path) {
                Ok(b) => b,
                Err(e) => return vec![Err(Unreadable(format!("it cannot be read ({e})")))],
            };
            if kind == Kind::Pdf || bytes.starts_with(b"%PDF-") {
                return pdf(bytes, PDF_TIME_LIMIT);
            }
            text(&bytes, kind, path)
        }
    }
}

/// CSV and text files in any encoding Excel and Notepad write; other files when they are text.
fn text(bytes: &[u8], kind: Kind, path: &Path) -> Vec<Result<Piece, Unreadable>> {
    let decoded = decode_text(bytes).filter(|t| {
        kind != Kind::Other
            || !t
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
    });
    match decoded {
        Some(text) => vec![Ok(Piece {
            place: Place::Lines,
            text,
            table: kind == Kind::Text { table: true },
        })],
        None if kind == Kind::Other => {
            let what = path
                .extension()
                .map(|e| format!("a .{} file", e.to_string_lossy()))
                .unwrap_or_else(|| "a file without extension".into());
            vec![Err(Unreadable(format!("{what} whose text cannot be read")))]
        }
        None => vec![Err(Unreadable(
            "it is neither UTF-8, UTF-16 nor GBK/GB18030 text".into(),
        ))],
    }
}

/// Every cell of every sheet (hidden ones too) that holds text or a number.
fn spreadsheet(path: &Path) -> Vec<Result<Piece, Unreadable>> {
    use calamine::{Data, DataRef, Reader, Sheets};
    let mut book = match calamine::open_workbook_auto(path) {
        Ok(b) => b,
        Err(e) => {
            return vec![Err(Unreadable(format!(
                "it cannot be opened as a spreadsheet ({e})"
            )))];
        }
    };
    let mut out = Vec::new();
    let cell = |sheet: &str, (row, col): (u32, u32), text: String| {
        Ok(Piece {
            place: Place::Cell {
                sheet: sheet.to_string(),
                row,
                col,
            },
            text,
            table: true,
        })
    };
    for sheet in book.sheet_names() {
        let failed = |e: &dyn fmt::Display| {
            Err(Unreadable(format!(
                "the sheet `{sheet}` cannot be read ({e})"
            )))
        };
        match &mut book {
            // Cell by cell: a range would be allocated from A1 to the last used cell.
            Sheets::Xlsx(x) => {
                let mut cells = match x.worksheet_cells_reader(&sheet) {
                    Ok(c) => c,
                    Err(e) => {
                        out.push(failed(&e));
                        continue;
                    }
                };
                loop {
                    match cells.next_cell() {
                        Ok(Some(c)) => {
                            let text = match c.get_value() {
                                DataRef::SharedString(s) => Some(s.to_string()),
                                DataRef::String(s)
                                | DataRef::DateTimeIso(s)
                                | DataRef::DurationIso(s) => Some(s.clone()),
                                DataRef::Int(i) => Some(i.to_string()),
                                DataRef::Float(f) => Some(number(*f)),
                                _ => None,
                            };
                            if let Some(t) = text {
                                out.push(cell(&sheet, c.get_position(), t));
                            }
                        }
                        Ok(None) => break,
                        Err(e) => {
                            out.push(failed(&e));
                            break;
                        }
                    }
                }
            }
            book => match book.worksheet_range(&sheet) {
                Ok(range) => {
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    for (r, c, v) in range.used_cells() {
                        let text = match v {
                            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                                Some(s.clone())
                            }
                            Data::Int(i) => Some(i.to_string()),
                            Data::Float(f) => Some(number(*f)),
                            _ => None,
                        };
                        if let Some(t) = text {
                            out.push(cell(&sheet, (r0 + r as u32, c0 + c as u32), t));
                        }
                    }
                }
                Err(e) => out.push(failed(&e)),
            },
        }
    }
    out
}

/// A number as Excel shows it in a General cell: a phone number typed in is stored as a
/// float, and must read `13812345678`, not `13812345678.0`.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e17 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// The paragraphs of a Word document: the body, headers, footers, notes and comments (all are
/// in the published file), deleted text of tracked changes included.
fn word(path: &Path) -> Vec<Result<Piece, Unreadable>> {
    let failed = |what: String| vec![Err(Unreadable(what))];
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return failed(format!("it cannot be read ({e})")),
    };
    let mut zip = match zip::ZipArchive::new(std::io::BufReader::new(file)) {
        Ok(z) => z,
        Err(e) => return failed(format!("it is no Word document ({e})")),
    };
    let mut parts: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| {
            n.strip_prefix("word/")
                .and_then(|n| n.strip_suffix(".xml"))
                .is_some_and(|n| {
                    n.starts_with("header")
                        || n.starts_with("footer")
                        || matches!(n, "document" | "footnotes" | "endnotes" | "comments")
                })
        })
        .map(|n| n.into_owned())
        .collect();
    if !parts.iter().any(|p| p == "word/document.xml") {
        return failed("it has no word/document.xml: it is no Word document".into());
    }
    // The body first.
    parts.sort_by_key(|p| (p != "word/document.xml", p.clone()));
    let mut out = Vec::new();
    for part in parts {
        let mut xml = String::new();
        let read = zip.by_name(&part).map_err(|e| e.to_string()).and_then(|f| {
            f.take(MAX_UNPACKED as u64)
                .read_to_string(&mut xml)
                .map_err(|e| e.to_string())
        });
        if let Err(e) = read {
            out.push(Err(Unreadable(format!("{part} cannot be read ({e})"))));
            continue;
        }
        let name = (part != "word/document.xml").then_some(part.as_str());
        match paragraphs(&xml, name) {
            Ok(p) => out.extend(p.into_iter().map(Ok)),
            Err(e) => out.push(Err(Unreadable(format!("{part} cannot be read ({e})")))),
        }
    }
    out
}

/// The text of every paragraph (`w:p`) of one WordprocessingML part.
fn paragraphs(xml: &str, part: Option<&str>) -> Result<Vec<Piece>, quick_xml::Error> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    // Open paragraphs (a text box puts one inside another): number, text, in a table cell.
    let mut open: Vec<(usize, String, bool)> = Vec::new();
    let mut count = 0;
    let mut in_text = 0usize;
    let mut cells = 0usize;
    loop {
        match reader.read_event()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "p" => {
                    count += 1;
                    open.push((count, String::new(), cells > 0));
                }
                "t" | "delText" => in_text += 1,
                "tc" => cells += 1,
                _ => {}
            },
            Event::Empty(e) => {
                if let Some((_, text, _)) = open.last_mut() {
                    match e.local_name().as_ref() {
                        "tab" => text.push('\t'),
                        "br" | "cr" => text.push('\n'),
                        _ => {}
                    }
                }
                if e.local_name().as_ref() == "p" {
                    count += 1;
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "p" => {
                    if let Some((n, text, table)) = open.pop()
                        && !text.trim().is_empty()
                    {
                        out.push(Piece {
                            place: Place::Paragraph {
                                part: part.map(str::to_string),
                                n,
                            },
                            text,
                            table,
                        });
                    }
                }
                "t" | "delText" => in_text = in_text.saturating_sub(1),
                "tc" => cells = cells.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_text > 0 => {
                if let Some((_, text, _)) = open.last_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text > 0 => {
                if let Some((_, text, _)) = open.last_mut() {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        text.push(c);
                    } else if let Some(s) = quick_xml::escape::resolve_xml_entity(&r) {
                        text.push_str(s);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Names the thread that reads a PDF, so that its panics are not printed (see [`quiet_panics`]).
const PDF_THREAD: &str = "gongkai-pdf-text";

/// The text layer of a PDF, page by page, read by `pdf-extract` on a thread of its own: the
/// crate panics on many damaged or unusual files (by its maintainer's choice) and can run for
/// minutes on some, so a panic, an error or `limit` running out makes the file unreadable,
/// never clean. A thread cannot be stopped: after a timeout it runs on in the background and
/// its result is dropped (`texts` caches the verdict, so `serve` does not start it again).
fn pdf(bytes: Vec<u8>, limit: Duration) -> Vec<Result<Piece, Unreadable>> {
    isolated(bytes, limit, pdf_pages)
}

/// Runs `read` on `bytes` on a thread of its own, for at most `limit`.
fn isolated(
    bytes: Vec<u8>,
    limit: Duration,
    read: fn(&[u8]) -> Vec<Result<Piece, Unreadable>>,
) -> Vec<Result<Piece, Unreadable>> {
    quiet_panics();
    let (tx, rx) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name(PDF_THREAD.into())
        // Deeply nested objects are parsed recursively: room for them (reserved, not used).
        .stack_size(64 << 20)
        .spawn(move || {
            let pages = std::panic::catch_unwind(|| read(&bytes));
            let _ = tx.send(pages);
        });
    if let Err(e) = spawned {
        return vec![Err(Unreadable(format!(
            "the PDF reader could not be started ({e})"
        )))];
    }
    match rx.recv_timeout(limit) {
        Ok(Ok(pages)) => pages,
        Ok(Err(_panic)) => vec![Err(Unreadable(
            "the PDF reader failed on it (a damaged or unusual PDF)".into(),
        ))],
        Err(_) => vec![Err(Unreadable(format!(
            "reading its text took longer than {} s",
            limit.as_secs_f32()
        )))],
    }
}

/// Keeps panics of the PDF thread off stderr (they are reported as an unreadable file); every
/// other panic goes to the hook that was installed before.
fn quiet_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(PDF_THREAD) {
                previous(info);
            }
        }));
    });
}

fn pdf_pages(bytes: &[u8]) -> Vec<Result<Piece, Unreadable>> {
    use pdf_extract::{Document, PlainTextOutput, output_doc_page};
    let mut doc = match Document::load_mem(bytes) {
        Ok(d) => d,
        Err(e) => {
            return vec![Err(Unreadable(format!(
                "it cannot be opened as a PDF ({e})"
            )))];
        }
    };
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return vec![Err(Unreadable("the PDF is password-protected".into()))];
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return vec![Err(Unreadable("the PDF has no pages".into()))];
    }
    let mut out = Vec::new();
    let mut no_text = Vec::new();
    for (&n, &id) in &pages {
        let mut text = String::new();
        match output_doc_page(&doc, &mut PlainTextOutput::new(&mut text), n) {
            Err(e) => out.push(Err(Unreadable(format!("page {n} cannot be read ({e})")))),
            Ok(()) if text.trim().is_empty() => {
                if shows_something(&doc, id) {
                    no_text.push(n);
                }
            }
            Ok(()) => out.push(Ok(Piece {
                place: Place::Page(n),
                text,
                table: false,
            })),
        }
    }
    if !no_text.is_empty() {
        let why = if no_text.len() == pages.len() {
            "the PDF has no readable text (a scanned image?)".to_string()
        } else {
            let list: Vec<String> = no_text.iter().take(10).map(u32::to_string).collect();
            let more = if no_text.len() > 10 { ", …" } else { "" };
            let (pages, have) = if no_text.len() == 1 {
                ("page", "has")
            } else {
                ("pages", "have")
            };
            format!(
                "PDF {pages} {}{more} {have} no readable text (a scanned image?)",
                list.join(", ")
            )
        };
        out.push(Err(Unreadable(why)));
    }
    out
}

/// Whether a page without extracted text shows something: an image or a form (text may be
/// there as a picture), paths (or as outlines), or text the reader could not decode (fonts
/// without a Unicode map). A blank page does not.
fn shows_something(doc: &pdf_extract::Document, page: pdf_extract::ObjectId) -> bool {
    let Ok(bytes) = doc.get_page_content(page) else {
        return true;
    };
    let Ok(content) = pdf_extract::content::Content::decode(&bytes) else {
        return true;
    };
    content.operations.iter().any(|op| {
        matches!(
            op.operator.as_str(),
            "Do" | "BI"
                | "sh"
                | "f"
                | "F"
                | "f*"
                | "B"
                | "B*"
                | "b"
                | "b*"
                | "S"
                | "s"
                | "Tj"
                | "TJ"
                | "'"
                | "\""
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_like_excel() {
        let cell = |sheet: &str, row, col| Place::Cell {
            sheet: sheet.into(),
            row,
            col,
        };
        assert_eq!(cell("Sheet1", 6, 2).to_string(), "in Sheet1!C7");
        assert_eq!(cell("名单", 0, 26).to_string(), "in 名单!AA1");
        assert_eq!(cell("My list", 0, 701).to_string(), "in 'My list'!ZZ1");
        assert_eq!(cell("x", 0, 702).to_string(), "in x!AAA1");
        assert_eq!(Place::Page(2).to_string(), "on page 2");
    }

    #[test]
    fn numbers_as_excel_shows_them() {
        assert_eq!(number(13812345678.0), "13812345678");
        assert_eq!(number(100.5), "100.5");
    }

    #[test]
    fn word_paragraphs_runs_and_entities() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p/><w:p><w:r><w:t>A&amp;B 138</w:t></w:r><w:r><w:t>1234</w:t><w:tab/><w:t>5678</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:delText>&#x5F20;三</w:delText></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;
        let p = paragraphs(xml, None).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "A&B 1381234\t5678");
        assert_eq!(p[0].place.to_string(), "in paragraph 2");
        assert!(!p[0].table);
        assert_eq!((p[1].text.as_str(), p[1].table), ("张三", true));
    }

    /// A PDF of the given objects (object 1 is the catalog).
    fn pdf_of(objects: &[String]) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let (xref, size) = (out.len(), objects.len() + 1);
        out.extend(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend(
            format!("trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n")
                .as_bytes(),
        );
        out
    }

    /// Two pages showing `<0001>` in a CID font (object 5, descendant 6), the second page also
    /// `(Zhang San)` in Helvetica (object 7).
    fn cid_pdf(font: &str, descendant: &str) -> Vec<u8> {
        let stream = |c: &str| format!("<< /Length {} >>\nstream\n{c}\nendstream", c.len());
        pdf_of(&[
            "<< /Type /Catalog /Pages 2 0 R >>".into(),
            "<< /Type /Pages /Kids [3 0 R 8 0 R] /Count 2 >>".into(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".into(),
            stream("BT /F1 12 Tf 72 720 Td <0001> Tj ET"),
            font.into(),
            descendant.into(),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /F2 7 0 R >> >> /Contents 9 0 R >>".into(),
            stream("BT /F1 12 Tf 72 720 Td <0001> Tj /F2 12 Tf (Zhang San) Tj ET"),
        ])
    }

    const TYPE0: &str = "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] >>";
    const CID: &str = "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>";

    /// A PDF the reader panics on (a CID font without its required descriptor) is unreadable,
    /// not clean; so is one it has no time for.
    #[test]
    fn pdf_panics_and_timeouts_are_unreadable() {
        assert_eq!(
            pdf(cid_pdf(TYPE0, &format!("{CID} >>")), PDF_TIME_LIMIT),
            vec![Err(Unreadable(
                "the PDF reader failed on it (a damaged or unusual PDF)".into()
            ))]
        );
        let slow = |_: &[u8]| {
            std::thread::sleep(Duration::from_secs(2));
            Vec::new()
        };
        let r = isolated(Vec::new(), Duration::from_millis(50), slow);
        assert_eq!(
            r,
            vec![Err(Unreadable(
                "reading its text took longer than 0.05 s".into()
            ))]
        );
    }

    /// Text in a font without a Unicode map comes out empty: that page is unreadable, and the
    /// text of the other page is still read.
    #[test]
    fn pdf_text_that_cannot_be_decoded_is_unreadable() {
        let descriptor = "/FontDescriptor << /Type /FontDescriptor /FontName /X /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >> >>";
        let r = pdf(
            cid_pdf(TYPE0, &format!("{CID} {descriptor}")),
            PDF_TIME_LIMIT,
        );
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(
            matches!(&r[0], Ok(Piece { place: Place::Page(2), text, .. }) if text.contains("Zhang San")),
            "{r:?}"
        );
        assert_eq!(
            r[1],
            Err(Unreadable(
                "PDF page 1 has no readable text (a scanned image?)".into()
            ))
        );
    }
}
