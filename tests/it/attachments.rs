//! The privacy scan of attached files: CSV and text in any encoding Excel writes, spreadsheets
//! (named by cell), Word documents (by paragraph) and the text layer of PDFs (by page); files
//! whose text cannot be read are warnings that a person must check them.

use std::io::Write;

use crate::support::{Site, assert_has, stderr};

/// A notice attaching `file` (in `content/`).
fn notice(file: &str, front: &str) -> String {
    format!(
        "---\ntitle: 名单公示\nkind: notice\ndate: 2026-03-02\n{front}attachments:\n  - {{title: 名单, file: {file}}}\n---\n名单见附件。\n"
    )
}

/// A site with one notice attaching `content/NAME` holding `bytes`.
fn site_with(name: &str, bytes: &[u8]) -> Site {
    let site = Site::empty();
    site.write_bytes(&format!("content/{name}"), bytes);
    site.write("content/x.md", &notice(name, ""));
    site
}

/// Builds, expects failure (exit code 1, no output folder) and returns stderr.
fn build_fails(site: &Site) -> String {
    let out = site.build(&[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "expected failure:\n{err}");
    assert!(
        !site.root.join("public").exists(),
        "output written despite errors"
    );
    err
}

/// A zip archive of `(name, text)` entries (an .xlsx or .docx is one).
fn zip(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A minimal .xlsx: one sheet `Sheet1` with cells `(reference, value)`. A value `#N` is the
/// shared string N (姓名, 班级, 联系电话), one of digits a number, anything else an inline string.
fn xlsx(cells: &[(&str, &str)]) -> Vec<u8> {
    let mut rows: std::collections::BTreeMap<u32, String> = Default::default();
    for (r, value) in cells {
        let row: u32 = r.trim_start_matches(char::is_alphabetic).parse().unwrap();
        let cell = if let Some(n) = value.strip_prefix('#') {
            format!("<c r=\"{r}\" t=\"s\"><v>{n}</v></c>")
        } else if value.bytes().all(|b| b.is_ascii_digit()) {
            format!("<c r=\"{r}\"><v>{value}</v></c>")
        } else {
            format!("<c r=\"{r}\" t=\"inlineStr\"><is><t>{value}</t></is></c>")
        };
        rows.entry(row).or_default().push_str(&cell);
    }
    let rows: String = rows
        .iter()
        .map(|(n, cells)| format!("<row r=\"{n}\">{cells}</row>"))
        .collect();
    zip(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
        ),
        (
            "xl/sharedStrings.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>姓名</t></si><si><t>班级</t></si><si><t>联系电话</t></si></sst>"#,
        ),
        (
            "xl/worksheets/sheet1.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
            ),
        ),
    ])
}

/// A minimal .docx: `word/document.xml` with the given body XML.
fn docx(body: &str) -> Vec<u8> {
    zip(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        (
            "word/document.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
            ),
        ),
    ])
}

/// A minimal valid PDF: one page per content stream, the font `/F1` (Helvetica) and the image
/// `/Im1` (one grey pixel) available on every page.
fn pdf(pages: &[&str]) -> Vec<u8> {
    let first_page = 5;
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", first_page + 2 * i))
        .collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
        "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\u{7f}\nendstream".into(),
    ];
    for (i, content) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents {} 0 R >>",
            first_page + 2 * i + 1
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ));
    }
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn attachment_csv_with_an_id_number_fails_naming_file_and_row() {
    let site = site_with(
        "list.csv",
        "姓名,班级,身份证号\n李四,三年级（1）班,无\n张三,三年级（2）班,11010519491231002X\n"
            .as_bytes(),
    );
    let err = build_fails(&site);
    assert_has(
        &err,
        &[
            "content/list.csv:3:12: error: a resident identity number: 1101**********002X",
            "help: remove it: identity numbers must never be published",
        ],
    );
    assert!(!err.contains("11010519491231002X"), "{err}");
    // Excel on Chinese Windows saves CSV as GBK: read as the notice scan reads data files.
    let (gbk, _, _) = encoding_rs::GBK.encode("姓名,手机\n张三,13812345678\n");
    site.write_bytes("content/list.csv", &gbk);
    let err = build_fails(&site);
    assert_has(
        &err,
        &["content/list.csv:2:4: error: a mobile phone number: 138****5678"],
    );
}

#[test]
fn attachment_xlsx_with_a_mobile_number_fails_naming_the_cell() {
    let site = site_with(
        "名单.xlsx",
        &xlsx(&[
            ("A1", "#0"),
            ("B1", "#1"),
            ("C1", "#2"),
            ("A2", "李四"),
            ("C2", "无"),
            ("A3", "张三"),
            ("B3", "三年级（2）班"),
            // Typed into Excel, a phone number is stored as a number.
            ("C3", "13812345678"),
        ]),
    );
    let err = build_fails(&site);
    assert_has(
        &err,
        &["content/名单.xlsx:1:1: error: a mobile phone number in Sheet1!C3: 138****5678"],
    );
    assert!(!err.contains("13812345678"), "{err}");
}

#[test]
fn attachment_docx_with_an_id_number_fails() {
    // Word splits text into runs at any edit: the number is in two of them.
    let site = site_with(
        "说明.docx",
        &docx(
            "<w:p><w:r><w:t>附：学生名单</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">张三 身份证号 110105194912</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>31002X</w:t></w:r></w:p>",
        ),
    );
    let err = build_fails(&site);
    assert_has(
        &err,
        &[
            "content/说明.docx:1:1: error: a resident identity number in paragraph 2: 1101**********002X",
        ],
    );
}

#[test]
fn attachment_pdf_with_an_id_number_in_its_text_fails_naming_the_page() {
    let site = site_with(
        "名单.pdf",
        &pdf(&[
            "BT /F1 12 Tf 72 720 Td (Name list) Tj ET",
            "BT /F1 12 Tf 72 720 Td (Zhang San) Tj 0 -20 Td (ID 11010519491231002X) Tj ET",
        ]),
    );
    let err = build_fails(&site);
    assert_has(
        &err,
        &["content/名单.pdf:1:1: error: a resident identity number on page 2: 1101**********002X"],
    );
}

#[test]
fn attachments_without_readable_text_are_warnings_that_a_person_must_check() {
    let image_pdf = pdf(&["q 100 0 0 100 72 600 cm /Im1 Do Q"]);
    let garbage_pdf = b"%PDF-1.4\nthis is not a PDF at all\n".to_vec();
    let png =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    for (name, bytes) in [
        ("scan.pdf", image_pdf),
        ("broken.pdf", garbage_pdf),
        ("photo.png", png),
    ] {
        let site = site_with(name, &bytes);
        let out = site.build(&[]);
        let err = stderr(&out);
        assert!(out.status.success(), "{name}: build failed:\n{err}");
        assert_has(
            &err,
            &[
                &format!("content/{name}:1:1: warning: "),
                "a person must check it",
            ],
        );
        // The file is still published: the warning does not hold the notice back.
        assert!(site.out(&format!("files/x/{name}")).exists(), "{name}");
    }
}

#[test]
fn clean_attachments_build_without_warnings() {
    let site = Site::empty();
    site.write(
        "content/list.csv",
        "姓名,班级,奖项\n张三,三年级（2）班,三好学生\n",
    );
    site.write_bytes(
        "content/名单.xlsx",
        &xlsx(&[
            ("A1", "#0"),
            ("B1", "#1"),
            ("A2", "张三"),
            ("B2", "三年级（2）班"),
            ("C2", "2026"),
        ]),
    );
    site.write_bytes(
        "content/说明.docx",
        &docx("<w:p><w:r><w:t>评选办法见正文。</w:t></w:r></w:p>"),
    );
    site.write_bytes(
        "content/名单.pdf",
        &pdf(&["BT /F1 12 Tf 72 720 Td (Zhang San, class 3-2) Tj ET"]),
    );
    site.write(
        "content/x.md",
        "---\ntitle: 名单公示\nkind: notice\ndate: 2026-03-02\nattachments:\n  - {file: list.csv}\n  - {file: 名单.xlsx}\n  - {file: 说明.docx}\n  - {file: 名单.pdf}\n---\n名单见附件。\n",
    );
    let out = site.build_ok(&[]);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

#[test]
fn a_failed_build_leaves_the_output_folder_untouched() {
    let site = site_with("list.csv", "姓名,班级\n张三,三年级（2）班\n".as_bytes());
    site.build_ok(&[]);
    let before = site.tree("public");
    assert!(!before.is_empty());
    site.write("content/list.csv", "姓名,手机\n张三,13812345678\n");
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(site.tree("public"), before, "the output folder changed");
}

#[test]
fn privacy_allowances_apply_to_attachments() {
    let site = Site::empty();
    site.write_bytes(
        "content/名单.xlsx",
        &xlsx(&[("A1", "#2"), ("A2", "家委会主任 13812345678")]),
    );
    site.write(
        "content/x.md",
        &notice(
            "名单.xlsx",
            "privacy: {allow: mobile, reason: 家委会主任同意公开其电话}\n",
        ),
    );
    let out = site.build_ok(&[]);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    assert_has(
        &std::fs::read_to_string(site.root.join("gongkai-report.json")).unwrap(),
        &["\"code\": \"mobile\"", "\"count\": 1"],
    );
}

#[test]
fn attachment_ods_names_sheet_and_cell() {
    let cell = |v: &str| {
        format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
        )
    };
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="学生 名单"><table:table-row>{}{}</table:table-row><table:table-row><table:table-cell/>{}<table:table-cell office:value-type="float" office:value="13812345678"><text:p>13812345678</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
        cell("姓名"),
        cell("电话"),
        cell("张三"),
    );
    let site = site_with(
        "名单.ods",
        &zip(&[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            (
                "META-INF/manifest.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
            ),
            ("content.xml", &content),
        ]),
    );
    let err = build_fails(&site);
    assert_has(
        &err,
        &["content/名单.ods:1:1: error: a mobile phone number in '学生 名单'!C2: 138****5678"],
    );
}
