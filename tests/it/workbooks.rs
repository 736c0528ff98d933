//! Excel workbooks as data files (`ledger_csv: 收支.xlsx#伙食`): the same tables as from CSV,
//! numbers exact to the fen, errors naming the cell as Excel does (`伙食!C7`). The workbooks are
//! written here with rust_xlsxwriter, the way Excel writes them (shared strings, styles, cached
//! formula results).

use crate::support::{Site, assert_has, stderr};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

/// One cell as a clerk types it.
enum Cell<'a> {
    /// Text.
    T(&'a str),
    /// A number.
    N(f64),
    /// A formula with the result Excel saved with it.
    F(&'a str, &'a str),
    /// A date, formatted as one.
    D(u16, u8, u8),
    /// Nothing typed.
    E,
}
use Cell::{D, E, F, N, T};

/// An .xlsx with the named sheets in order; each row from row 1 down, cells from column A.
fn workbook(sheets: &[(&str, &[&[Cell]])]) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, cells) in rows.iter().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    T(s) => sheet.write_string(r, c, *s).map(|_| ()),
                    N(n) => sheet.write_number(r, c, *n).map(|_| ()),
                    F(f, result) => sheet
                        .write_formula(r, c, Formula::new(*f).set_result(*result))
                        .map(|_| ()),
                    D(y, m, d) => sheet
                        .write_datetime_with_format(
                            r,
                            c,
                            ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                            &date,
                        )
                        .map(|_| ()),
                    E => Ok(()),
                }
                .unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// A workbook of sheets `(name, item, amount)`, each a ledger of that one income.
fn income_book(sheets: &[(&str, &str, f64)]) -> Vec<u8> {
    let header: &[Cell] = &[T("项目"), T("类型"), T("金额")];
    let rows: Vec<[Cell; 3]> = sheets
        .iter()
        .map(|(_, item, amount)| [T(item), T("收入"), N(*amount)])
        .collect();
    let tables: Vec<[&[Cell]; 2]> = rows.iter().map(|r| [header, &r[..]]).collect();
    let named: Vec<(&str, &[&[Cell]])> = sheets
        .iter()
        .zip(&tables)
        .map(|((name, _, _), t)| (*name, &t[..]))
        .collect();
    workbook(&named)
}

fn notice(front: &str, body: &str) -> String {
    format!("---\ntitle: 伙食收支公示\ndate: 2026-03-02\n{front}---\n{body}")
}

/// The ledger table of a built page.
fn ledger_table(html: &str) -> &str {
    let start = html.find("<table class=\"data-table ledger\">").unwrap();
    let end = start + html[start..].find("</table>").unwrap();
    &html[start..end]
}

/// 收支 as a clerk keeps it in Excel: a blank row above the header, a blank row between entries,
/// an amount that is a formula (whose saved result is a binary float a hair off 0.3) and a date.
fn canteen_sheet() -> Vec<&'static [Cell<'static>]> {
    vec![
        &[],
        &[T("项目"), T("类型"), T("金额（元）"), T("类别"), T("备注")],
        &[T("伙食费收入"), T("收入"), N(12000.0), T("伙食费")],
        &[T("食材采购"), T("支出"), N(11500.5), T("食材"), T("含调料")],
        &[E, T(""), E],
        &[
            T("调料"),
            T("支出"),
            F("=0.1+0.2", "0.30000000000000004"),
            T("食材"),
            D(2026, 3, 2),
        ],
    ]
}

const CANTEEN_CSV: &str = "项目,类型,金额（元）,类别,备注\n伙食费收入,收入,12000,伙食费,\n食材采购,支出,11500.50,食材,含调料\n调料,支出,0.30,食材,2026-03-02\n";

#[test]
fn an_xlsx_ledger_is_the_same_table_as_its_csv() {
    let front = |file: &str| {
        notice(
            &format!("kind: finance\nledger_csv: {file}\ndeclared: {{balance: \"499.20\"}}\n"),
            "",
        )
    };
    let csv = Site::empty();
    csv.write("content/收支.csv", CANTEEN_CSV);
    csv.write("content/x.md", &front("收支.csv"));
    csv.build_ok(&[]);
    let csv_page = csv.read("notices/x.html");

    let xlsx = Site::empty();
    xlsx.write_bytes(
        "content/收支.xlsx",
        &workbook(&[("收支", &canteen_sheet())]),
    );
    xlsx.write("content/x.md", &front("收支.xlsx"));
    xlsx.build_ok(&[]);
    let page = xlsx.read("notices/x.html");

    assert_eq!(ledger_table(&page), ledger_table(&csv_page));
    assert_has(
        &page,
        &[
            "<td>1</td><td>伙食费收入</td><td>伙食费</td><td class=\"num\">12,000.00</td>",
            "<td class=\"num\">11,500.50</td><td>含调料</td>",
            "<td class=\"num\">0.30</td><td>2026-03-02</td>",
            "肆佰玖拾玖元贰角整",
            "数据来源：收支.xlsx",
        ],
    );
}

#[test]
fn a_sheet_is_chosen_by_name() {
    let site = Site::empty();
    site.write_bytes(
        "content/收支.xlsx",
        &income_book(&[("教师", "培训费收入", 100.0), ("伙食", "伙食费收入", 200.0)]),
    );
    site.write(
        "content/x.md",
        &notice("kind: finance\nledger_csv: 收支.xlsx#伙食\n", ""),
    );
    site.build_ok(&[]);
    let page = site.read("notices/x.html");
    assert_has(&page, &["伙食费收入", "200.00", "数据来源：收支.xlsx"]);
    assert!(!page.contains("培训费收入"), "the first sheet was read");
    // Without a sheet name, the first sheet.
    site.write(
        "content/x.md",
        &notice("kind: finance\nledger_csv: 收支.xlsx\n", ""),
    );
    site.build_ok(&[]);
    let page = site.read("notices/x.html");
    assert_has(&page, &["培训费收入", "100.00"]);
    assert!(!page.contains("伙食费收入"));
}

#[test]
fn an_xlsx_fee_list() {
    let fees: &[&[Cell]] = &[
        &[
            T("收费项目"),
            T("收费标准"),
            T("计费单位"),
            T("收费依据"),
            T("收费对象"),
        ],
        &[
            T("课后服务费"),
            N(300.0),
            T("元/生·学期"),
            T("青价费〔2024〕15号"),
            T("自愿参加的学生"),
        ],
        &[
            T("午餐费"),
            N(8.3),
            T("元/生·天"),
            T("青价费〔2024〕16号"),
            T("在校就餐的学生"),
        ],
    ];
    let site = Site::empty();
    site.write_bytes("content/收费.xlsx", &workbook(&[("收费", fees)]));
    site.write(
        "content/x.md",
        &notice("kind: finance\nfees_csv: 收费.xlsx\n", "{{ fees }}\n"),
    );
    site.build_ok(&[]);
    assert_has(
        &site.read("notices/x.html"),
        &[
            "<td>1</td><td>课后服务费</td><td class=\"num\">300.00</td><td>元/生·学期</td><td>青价费〔2024〕15号</td><td>自愿参加的学生</td>",
            "<td>2</td><td>午餐费</td><td class=\"num\">8.30</td><td>元/生·天</td>",
        ],
    );
}

#[test]
fn workbook_errors_name_the_sheet_row_and_column() {
    let canteen: &[&[Cell]] = &[
        &[],
        &[T("项目"), T("类型"), T("金额"), T("类别")],
        &[T("伙食费收入"), T("收入"), N(12000.0), T("伙食费")],
        &[T("米面"), T("支出"), N(100.0), T("食材")],
        &[T("蔬菜"), T("支出"), N(100.0), T("食材")],
        &[T("肉蛋"), T("支出"), N(100.0), T("食材")],
        &[T("调料"), T("支出"), N(1.2345), T("食材")],
    ];
    let site = Site::empty();
    let book = |rows: &[&[Cell]]| workbook(&[("说明", &[&[T("本表为伙食收支")]]), ("伙食", rows)]);
    site.write_bytes("content/收支.xlsx", &book(canteen));
    site.write(
        "content/x.md",
        &notice("kind: finance\nledger_csv: \"收支.xlsx#伙食\"\n", ""),
    );
    let out = site.build(&[]);
    assert!(!out.status.success());
    assert_has(
        &stderr(&out),
        &["content/收支.xlsx:伙食!C7: error: `amount`: `1.2345` has more than two decimal places"],
    );
    // For editors and CI, with the row and column as numbers.
    let out = site.run(&["check", "--now", "2026-11-28", "--format", "json"]);
    assert_has(
        &crate::support::stdout(&out),
        &["\"file\":\"content/收支.xlsx\",\"line\":7,\"column\":3,\"cell\":\"伙食!C7\""],
    );
    // In Chinese, with the same place.
    let out = site.build(&["--lang", "zh"]);
    assert_has(
        &stderr(&out),
        &["content/收支.xlsx:伙食!C7: error: `amount`：`1.2345` 超过两位小数"],
    );
    // A formula that failed is named before the sheet's values are checked.
    let failed: &[Cell] = &[T("燃气"), T("支出"), F("=1/0", "#DIV/0!"), T("燃料")];
    site.write_bytes("content/收支.xlsx", &book(&[canteen, &[failed]].concat()));
    let out = site.build(&[]);
    assert_has(
        &stderr(&out),
        &[
            "content/收支.xlsx:伙食!C8: error: the cell shows Excel's error `#DIV/0!`; correct its formula",
        ],
    );
    let out = site.build(&["--lang", "zh"]);
    assert_has(
        &stderr(&out),
        &["content/收支.xlsx:伙食!C8: error: 单元格显示 Excel 的错误值 `#DIV/0!`"],
    );

    let unknown: &[&[Cell]] = &[
        &[],
        &[T("项目"), T("类型"), T("金额"), T("负责人")],
        &[T("伙食费收入"), T("收入"), N(12000.0), T("张老师")],
    ];
    site.write_bytes("content/收支.xlsx", &workbook(&[("伙食", unknown)]));
    let out = site.build(&[]);
    assert_has(
        &stderr(&out),
        &["content/收支.xlsx:伙食!D2: error: unknown column `负责人` (column D)"],
    );
    // A sheet name that is not one word is quoted, as Excel writes it.
    site.write_bytes("content/收支.xlsx", &workbook(&[("伙食 三月", unknown)]));
    site.write(
        "content/x.md",
        &notice("kind: finance\nledger_csv: \"收支.xlsx#伙食 三月\"\n", ""),
    );
    let out = site.build(&[]);
    assert_has(
        &stderr(&out),
        &["content/收支.xlsx:'伙食 三月'!D2: error: unknown column `负责人` (column D)"],
    );
}

#[test]
fn a_missing_sheet_lists_the_sheets_and_a_non_workbook_is_refused() {
    let site = Site::empty();
    site.write_bytes(
        "content/收支.xlsx",
        &income_book(&[("说明", "伙食费收入", 200.0), ("伙食", "伙食费收入", 200.0)]),
    );
    site.write(
        "content/x.md",
        &notice("kind: finance\nledger_csv: \"收支.xlsx#食堂\"\n", ""),
    );
    let out = site.build(&[]);
    assert!(!out.status.success());
    assert_has(
        &stderr(&out),
        &[
            "content/x.md:5:1: error: the workbook `收支.xlsx` has no sheet `食堂`; its sheets: 说明, 伙食",
        ],
    );
    let out = site.build(&["--lang", "zh"]);
    assert_has(
        &stderr(&out),
        &[
            "content/x.md:5:1: error: 工作簿 `收支.xlsx` 中没有工作表 `食堂`；它的工作表：说明、伙食",
        ],
    );
    // A CSV saved under a workbook's name: an error, not a panic.
    site.write("content/收支.xlsx", "项目,类型,金额\n伙食费收入,收入,200\n");
    let out = site.build(&[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_has(
        &err,
        &[
            "content/收支.xlsx:1:1: error: the file cannot be read as a workbook (.xlsx, .xls or .ods)",
        ],
    );
    assert!(!err.contains("panicked"), "{err}");
    // The missing file itself is named without the sheet.
    site.remove("content/收支.xlsx");
    let out = site.build(&[]);
    assert_has(
        &stderr(&out),
        &["content/x.md:5:1: error: the attachment `收支.xlsx` does not exist"],
    );
}

#[test]
fn a_workbook_ledger_is_scanned_archived_and_rebuilt() {
    let sheet = |income: f64, note: &'static str| -> Vec<u8> {
        let rows: &[&[Cell]] = &[
            &[T("项目"), T("类型"), T("金额"), T("类别"), T("备注")],
            &[T("伙食费收入"), T("收入"), N(income), T("伙食费"), T(note)],
        ];
        workbook(&[("说明", &[&[T("本表为伙食收支")]]), ("伙食", rows)])
    };
    let site = Site::empty();
    site.write(
        "content/x.md",
        &notice("kind: finance\nledger_csv: \"收支.xlsx#伙食\"\n", ""),
    );
    // The privacy scan reads the workbook named without its sheet.
    site.write_bytes("content/收支.xlsx", &sheet(12000.0, "联系人 13812345678"));
    let out = site.build(&[]);
    assert!(!out.status.success());
    assert_has(
        &stderr(&out),
        &["content/收支.xlsx:1:1: error: a mobile phone number in 伙食!E2: 138****5678"],
    );

    // The archive records the workbook's bytes.
    site.write_bytes("content/收支.xlsx", &sheet(12000.0, "三月"));
    let out = site.run(&["archive", "2025-2026", "--now", "2026-09-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sources =
        std::fs::read_to_string(site.root.join("archive/2025-2026/SOURCES.sha256")).unwrap();
    assert_has(&sources, &["  content/收支.xlsx\n"]);

    // `serve` and `watch` rebuild the page when a cell changes.
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("site.yaml"), crate::support::SITE_YAML).unwrap();
    std::fs::write(
        root.join("content/x.md"),
        notice("kind: finance\nledger_csv: \"收支.xlsx#伙食\"\n", ""),
    )
    .unwrap();
    let book = root.join("content/收支.xlsx");
    std::fs::write(&book, sheet(12000.0, "三月")).unwrap();
    let mut opts = gongkai::BuildOptions::new(root);
    opts.now = Some("2026-11-28".parse().unwrap());
    let mut session = gongkai::watch::Session::new(opts);
    session
        .rebuild(&gongkai::watch::Change::Everything)
        .unwrap();
    let page = |s: &gongkai::watch::Session| {
        String::from_utf8(s.files().get("notices/x.html").unwrap().to_vec()).unwrap()
    };
    assert!(page(&session).contains("12,000.00"));
    std::fs::write(&book, sheet(13000.0, "三月")).unwrap();
    let change = gongkai::watch::Change::Content(
        [std::path::absolute(&book).unwrap()].into_iter().collect(),
    );
    let o = session.rebuild(&change).unwrap();
    assert!(
        o.written.contains(&"notices/x.html".to_string()),
        "{:?}",
        o.written
    );
    assert!(page(&session).contains("13,000.00"));
}

#[test]
fn an_ods_ledger_with_a_date() {
    let text = |v: &str| {
        format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
        )
    };
    let float = |v: &str| {
        format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{v}\"><text:p>{v}</text:p></table:table-cell>"
        )
    };
    let row = |cells: &[String]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let rows = [
        row(&[text("项目"), text("类型"), text("金额"), text("备注")]),
        row(&[text("伙食费收入"), text("收入"), float("12000")]),
        row(&[
            text("食材采购"),
            text("支出"),
            float("11500.5"),
            "<table:table-cell office:value-type=\"date\" office:date-value=\"2026-03-02\"><text:p>2026/3/2</text:p></table:table-cell>".into(),
        ]),
    ]
    .concat();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="伙食">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
        ),
        ("content.xml", &content),
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    }
    let site = Site::empty();
    site.write_bytes("content/收支.ods", &zip.finish().unwrap().into_inner());
    site.write(
        "content/x.md",
        &notice("kind: finance\nledger_csv: \"收支.ods#伙食\"\n", ""),
    );
    site.build_ok(&[]);
    assert_has(
        &site.read("notices/x.html"),
        &[
            "<td class=\"num\">12,000.00</td>",
            "<td class=\"num\">11,500.50</td><td>2026-03-02</td>",
            "数据来源：收支.ods",
        ],
    );
}
