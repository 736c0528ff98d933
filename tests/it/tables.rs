//! The data tables of notices (ledger, fees, donations, evaluation results, candidates) and the
//! small pages at published URLs come from the theme's templates, in the site's language, and a
//! site can override them one partial at a time.

use crate::support::{Site, assert_has, stderr};

const EN_SITE: &str =
    "title: Disclosure board\nschool: Example School\nlanguage: en\nschool_code: EN\n";

/// Whether `c` is a CJK character or CJK / full-width punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

fn assert_no_cjk(what: &str, text: &str) {
    let found: String = text.chars().filter(|c| is_cjk(*c)).collect();
    assert!(found.is_empty(), "{what}: CJK `{found}` in:\n{text}");
}

/// Every piece of `html` from `start` to the first `end` after it.
fn pieces<'a>(html: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(start) {
        let len = rest[i..].find(end).expect(end) + end.len();
        out.push(&rest[i..i + len]);
        rest = &rest[i + len..];
    }
    out
}

/// An English site with one notice of each table, all open for objections on the build day.
fn english_site() -> Site {
    let site = Site::empty();
    site.write("site.yaml", EN_SITE);
    let notice = |name: &str, front: &str, body: &str| {
        site.write(
            &format!("content/{name}.md"),
            &format!(
                "---\ntitle: {name}\ndate: 2026-11-27\nperiod: {{days: 5}}\n{front}---\n{body}"
            ),
        );
    };
    notice(
        "ledger",
        "kind: finance\nopening_balance: \"100.00\"\nledger:\n  - {item: Books, type: income, amount: \"1,200.50\", category: Library, note: Gift}\n  - {item: Shelves, type: expense, amount: \"300.00\"}\n",
        "Before\n\n{{ ledger }}\n\nAfter\n",
    );
    notice(
        "fees",
        "kind: finance\nfees:\n  - {item: Lunch, standard: \"12.00\", unit: per day, basis: Order 15, scope: All pupils, note: Optional}\n",
        "",
    );
    notice(
        "donations",
        "kind: finance\ndonations:\n  received:\n    - {from: Parents, amount: \"500.00\", date: 2026-11-01, note: Fair}\n  disbursed:\n    - {to: Library books, amount: \"200.00\", date: 2026-11-10}\n",
        "",
    );
    notice(
        "evaluation",
        "kind: evaluation\ngrades: [Excellent, Good, Fair, Poor]\nsatisfied_grades: [Excellent, Good]\nballots: {issued: 40, returned: 38, valid: 37}\nresults:\n  - {name: Alice Smith, post: Head, votes: [30, 5, 1, 0]}\n  - {name: Bob Jones, votes: [20, 10, 5, 2]}\n",
        "",
    );
    notice(
        "selection",
        "kind: selection\naward: Teacher of the year\nquota: 1\nelectorate: 40\ncriteria: Ten years of service\npanel: [Ann Lee, Tom Wu]\ncandidates:\n  - {name: Carol White, unit: Maths, post: Teacher, votes: 30, score: \"95.5\", result: selected, note: Unanimous}\n  - {name: Dan Brown, unit: English, votes: 8, result: not_selected}\n  - {name: Eve Black, unit: Music, result: withdrawn}\n",
        "",
    );
    notice(
        "aid",
        "kind: selection\naward_type: aid\naward: Lunch grant\ncandidates:\n  - {name: Fay Green, unit: Class 2, post: Level one, result: selected}\n",
        "",
    );
    site.build_ok(&[]);
    site
}

#[test]
fn an_english_site_has_english_tables() {
    let site = english_site();
    let wanted: &[(&str, &[&str])] = &[
        (
            "ledger",
            &[
                "<caption>Income and expenditure (yuan)</caption>",
                "<th scope=\"col\">No.</th><th scope=\"col\">Item</th><th scope=\"col\">Category</th><th scope=\"col\" class=\"num\">Income</th><th scope=\"col\" class=\"num\">Expenditure</th><th scope=\"col\">Note</th>",
                "<td>1</td><td>Books</td><td>Library</td><td class=\"num\">1,200.50</td><td class=\"num\"></td><td>Gift</td>",
                "<th scope=\"row\" colspan=\"3\">Total</th><td class=\"num\">1,200.50</td><td class=\"num\">300.00</td>",
                "<th scope=\"row\" colspan=\"3\">Opening balance</th><td class=\"num\" colspan=\"2\">100.00</td>",
                "<th scope=\"row\" colspan=\"3\">Closing balance</th><td class=\"num\" colspan=\"2\">1,000.50</td>",
            ],
        ),
        (
            "fees",
            &[
                "<caption>Fees and charges</caption>",
                "<td>1</td><td>Lunch</td><td class=\"num\">12.00</td><td>per day</td><td>Order 15</td><td>All pupils</td><td>Optional</td>",
            ],
        ),
        (
            "donations",
            &[
                "<caption>Donations received (yuan)</caption>",
                "<caption>Donations spent (yuan)</caption>",
                "<th scope=\"col\">Donor</th>",
                "<th scope=\"col\">Used for</th>",
                "<strong>300.00 yuan</strong>",
            ],
        ),
        (
            "evaluation",
            &[
                "<caption>Evaluation results</caption>",
                "<th scope=\"col\" class=\"num\">Excellent+Good rate</th>",
                "<figcaption>Alice Smith (Head)</figcaption>",
                "aria-label=\"Votes for Alice Smith: Excellent 30 (81.1%), Good 5 (13.5%)",
                "font-size=\"13\">30 (81.1%)</text>",
            ],
        ),
        (
            "selection",
            &[
                "<dt>Award</dt><dd>Teacher of the year</dd>",
                "<dt>Review panel</dt><dd>Ann Lee, Tom Wu</dd>",
                "<caption>Candidates and results</caption>",
                "<td>Selected</td>",
                "<td>Not selected</td>",
                "<td>Withdrawn</td>",
                "3 candidate(s), 1 selected (quota: 1)",
            ],
        ),
        (
            "aid",
            &[
                "<caption>Aid recipients</caption>",
                "<th scope=\"col\">Class</th>",
                "<td>To be funded</td>",
            ],
        ),
    ];
    for (name, needles) in wanted {
        let html = site.read(&format!("notices/{name}.html"));
        assert_has(&html, needles);
        let tables = pieces(&html, "<div class=\"notice-body\">", "</article>");
        assert_eq!(tables.len(), 1, "{name}");
        assert!(tables[0].contains("class=\"data data-"), "{name}");
        assert_no_cjk(name, tables[0]);
    }
    // The table goes where the body places it.
    let ledger = site.read("notices/ledger.html");
    assert!(ledger.find("Before").unwrap() < ledger.find("<caption>").unwrap());
    assert!(ledger.find("</table>").unwrap() < ledger.find("After").unwrap());

    // The lobby screen carries the same tables whole, with their totals, in English.
    let kiosk = site.read("kiosk.html");
    let tables = pieces(&kiosk, "<table class=\"kiosk-table\"", "</table>");
    assert_eq!(tables.len(), 7, "{kiosk}");
    let figures = pieces(&kiosk, "<dl class=\"kiosk-figures\">", "</dl>");
    for t in tables.iter().chain(&figures) {
        assert_no_cjk("kiosk", t);
    }
    assert_has(
        &kiosk,
        &[
            "data-page-label=\" ({page}/{pages})\"",
            "<caption>Teacher of the year</caption>",
            "<th scope=\"col\">Name</th>",
            "<caption>Income and expenditure (yuan)</caption>",
            "<tr data-row=\"1\"><td>Books</td><td class=\"num\">1,200.50</td><td class=\"num\"></td></tr>",
            "<tr><th scope=\"row\">Total</th><td class=\"num\">1,200.50</td><td class=\"num\">300.00</td></tr>",
            "<div><dt>Opening balance</dt><dd>100.00</dd></div>",
            "<div><dt>Closing balance</dt><dd>1,000.50</dd></div>",
            "<caption>Donations received (yuan)</caption>",
            "<caption>Use of donations (yuan)</caption>",
            "<div><dt>Remaining</dt><dd>300.00</dd></div>",
        ],
    );
    // The print page carries the bodies with their tables.
    let print = site.read("print/open.html");
    for t in pieces(&print, "<table", "</table>") {
        assert_no_cjk("print", t);
    }
}

#[test]
fn a_site_overrides_a_table_partial() {
    let site = Site::empty();
    site.write(
        "templates/partials/table_ledger.html",
        "<p class=\"my-ledger\">{{ ledger.rows | length }} rows; {{ t.ledger_balance }} {{ ledger.balance.display }}</p>\n",
    );
    site.write(
        "content/x.md",
        "---\ntitle: 收支\nkind: finance\ndate: 2026-03-02\nledger:\n  - {item: 甲, type: income, amount: \"10.00\"}\n  - {item: 乙, type: expense, amount: \"2.50\"}\n---\n前言\n\n{{ ledger }}\n",
    );
    site.build_ok(&[]);
    let html = site.read("notices/x.html");
    assert_has(
        &html,
        &[
            "<div class=\"data data-ledger\" tabindex=\"0\">\n<p class=\"my-ledger\">2 rows; 本期结余 7.50</p>\n</div>",
        ],
    );
    assert!(!html.contains("data-table"), "{html}");
}

#[test]
fn an_error_in_a_table_partial_names_its_line() {
    let site = Site::empty();
    site.write(
        "templates/partials/table_fees.html",
        "<table>\n{{ fees.nonexistent.field }}\n</table>\n",
    );
    site.write(
        "content/x.md",
        "---\ntitle: 收费\nkind: finance\ndate: 2026-03-02\nfees:\n  - {item: 课后服务费, standard: 300, unit: 元/生·学期, basis: 青价费〔2024〕15号}\n---\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_has(
        &stderr(&out),
        &[
            "templates/partials/table_fees.html:2:",
            "error: template error",
        ],
    );
}

#[test]
fn the_chinese_tables_keep_their_words() {
    let site = Site::empty();
    site.write(
        "content/x.md",
        "---\ntitle: 收支\nkind: finance\ndate: 2026-03-02\nopening_balance: \"1.00\"\nledger:\n  - {item: 甲, type: income, amount: \"10.00\"}\n---\n",
    );
    site.write(
        "content/d.md",
        "---\ntitle: 捐款\nkind: finance\ndate: 2026-03-02\ndonations:\n  received:\n    - {from: 某公司, amount: \"100.00\"}\n  disbursed:\n    - {to: 图书, amount: \"40.00\"}\n---\n",
    );
    site.build_ok(&[]);
    assert_has(
        &site.read("notices/x.html"),
        &[
            "<div class=\"data data-ledger\" tabindex=\"0\">\n<table class=\"data-table ledger\">\n<caption>收支明细（单位：元）</caption>\n",
            "<th scope=\"row\" colspan=\"3\">期初结余</th><td class=\"num\" colspan=\"2\">1.00</td><td class=\"capitals\">壹元整</td></tr>\n",
            "<th scope=\"row\" colspan=\"3\">期末结余</th><td class=\"num\" colspan=\"2\">11.00</td><td class=\"capitals\">壹拾壹元整</td></tr>\n</tfoot>\n</table>\n</div>",
        ],
    );
    assert_has(
        &site.read("notices/d.html"),
        &[
            "<p class=\"data-summary\">累计收到捐款 100.00 元，已使用 40.00 元，结余 <strong>60.00 元</strong>（陆拾元整）。</p>\n</div>",
        ],
    );
}

#[test]
fn the_page_at_an_old_url_comes_from_small_html() {
    let site = Site::empty();
    site.write("site.yaml", EN_SITE);
    let notice = |slug: &str| {
        format!("---\ntitle: Fees\nkind: notice\ndate: 2026-03-02\nslug: {slug}\n---\nText\n")
    };
    site.write("content/a.md", &notice("fees-2026"));
    site.build_ok(&[]);
    site.write("content/a.md", &notice("fees-2026-spring"));
    site.build_ok(&[]);
    // The default page: in English, with the stylesheet, a redirect and its canonical URL.
    assert_has(
        &site.read("notices/fees-2026.html"),
        &[
            "<html lang=\"en\">",
            "<title>This notice has a new address.</title>",
            "<link rel=\"stylesheet\" href=\"../style.css\">",
            "<meta http-equiv=\"refresh\" content=\"0; url=../notices/fees-2026-spring.html\">\n<link rel=\"canonical\" href=\"../notices/fees-2026-spring.html\">",
            "<main id=\"main\" class=\"wrap\">\n<p>This notice has a new address. <a href=\"../notices/fees-2026-spring.html\">",
        ],
    );
    // A site's own small.html replaces it.
    site.write(
        "templates/small.html",
        "<p class=\"mine\">{{ message }} → {{ target }} ({{ redirect }})</p>\n",
    );
    site.build_ok(&[]);
    assert_eq!(
        site.read("notices/fees-2026.html"),
        "<p class=\"mine\">This notice has a new address. → ../notices/fees-2026-spring.html (true)</p>\n"
    );
}
