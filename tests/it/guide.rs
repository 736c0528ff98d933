//! The disclosure guide (公开指南) and the catalogue (公开目录): what the school discloses, where,
//! and how to ask for more or object, from `site.yaml` and `content/_guide.md`; every public
//! notice of every school year, archived ones included, as a row; both linked from every page.

use crate::support::{Site, assert_has, links, stderr};

const GUIDE_SETTINGS: &str = "
guide:
  hours: 周一至周五 8:00—11:30，14:00—17:00
  fax: 0571-88123457
  places:
    - 学校大门东侧校务公开栏
    - 行政楼一楼大厅电子屏
  supervisor: 青禾市教育局监督科（0571-88000000）
";

/// The site's `site.yaml`, read.
fn site_yaml(site: &Site) -> String {
    std::fs::read_to_string(site.root.join("site.yaml")).unwrap()
}

/// The lifecycle fixture with the guide's settings and text added.
fn site_with_guide(guide_md: &str) -> Site {
    let site = Site::fixture("lifecycle");
    site.write(
        "site.yaml",
        &format!("{}{GUIDE_SETTINGS}", site_yaml(&site)),
    );
    site.write("content/_guide.md", guide_md);
    site
}

/// Builds `site` on 2025-12-01 and asserts that the build failed with an error at `place`
/// (`file:line:`).
fn fails_at(site: &Site, place: &str) {
    let out = site.run(&["build", "--now", "2025-12-01"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(place), "{}", stderr(&out));
}

#[test]
fn the_guide_says_what_where_how_and_to_whom() {
    let site = site_with_guide(
        "## 查阅往年材料\n\n往年的纸质公示材料可到档案室查阅。<script>alert(1)</script>\n",
    );
    let out = site.run(&["build", "--now", "2025-12-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Its raw script is reported where it is, as in a notice, and never published.
    let err = stderr(&out);
    assert!(err.contains("content/_guide.md:3:"), "{err}");
    let guide_warnings = err
        .lines()
        .filter(|l| l.contains("_guide.md") && l.contains("warning"));
    assert_eq!(guide_warnings.count(), 1, "{err}");
    let guide = site.read("guide.html");
    assert_has(
        &guide,
        &[
            "<h1>校务公开指南</h1>",
            // What: every kind, linked to its list, and the catalogue.
            "href=\"finance/index.html\"",
            "href=\"selection/index.html\"",
            "href=\"evaluation/index.html\"",
            "href=\"notice/index.html\"",
            "href=\"catalogue/index.html\"",
            // Where: the web site, and the places of site.yaml.
            "https://lc.example.edu.cn/",
            "学校大门东侧校务公开栏",
            "行政楼一楼大厅电子屏",
            // How long: the site's notice period.
            "5个工作日",
            // How to ask and object, and to whom.
            "校务公开监督小组",
            "0571-88123456",
            "0571-88123457",
            "周一至周五 8:00—11:30，14:00—17:00",
            "青禾市教育局监督科（0571-88000000）",
            // content/_guide.md, as Markdown, without its script.
            "<h2>查阅往年材料</h2>",
            "往年的纸质公示材料可到档案室查阅。",
        ],
    );
    assert!(!guide.contains("<script>alert"), "{guide}");
    // _guide.md is the guide's, not a notice.
    assert!(!site.out("notices/_guide.html").exists());
    assert!(!site.read("search/meta.json").contains("_guide"));
    assert!(site.read("sitemap.xml").contains("guide.html"));
}

#[test]
fn the_guide_is_checked_like_a_notice() {
    // An identity number in the guide's text: an error at its line; nothing is written.
    let site = site_with_guide("请联系：\n\n张老师 身份证 11010519491231002X\n");
    fails_at(&site, "content/_guide.md:3:");
    assert!(!site.root.join("public").exists());
    // The guide's own numbers (fax, the supervisor's phone) may be published in its text.
    let site = site_with_guide("传真 0571-88123457；上级部门电话 0571-88000000。\n");
    let out = site.run(&["build", "--now", "2025-12-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn an_english_site_has_an_english_guide_and_catalogue() {
    let site = Site::fixture("lifecycle");
    site.write("site.yaml", &format!("{}language: en\n", site_yaml(&site)));
    let out = site.run(&["build", "--now", "2025-12-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let guide = site.read("guide.html");
    assert_has(&guide, &["<h1>Disclosure guide</h1>", "5 working days"]);
    assert!(!guide.contains("公开指南"), "{guide}");
    let catalogue = site.read("catalogue/index.html");
    assert_has(&catalogue, &["Disclosure catalogue", "Index no."]);
}

#[test]
fn guide_and_catalogue_are_linked_from_every_page() {
    let site = site_with_guide("");
    let out = site.run(&["build", "--now", "2025-12-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = site.tree("public");
    let mut seen = 0;
    for (rel, bytes) in &pages {
        // The pages with the site's header and footer (not the print pages or the screen).
        let html = String::from_utf8_lossy(bytes);
        // (The 404 page's links start at the base path: it is served at any depth.)
        if rel == "404.html"
            || !rel.ends_with(".html")
            || !html.contains("<footer class=\"site-footer\">")
        {
            continue;
        }
        seen += 1;
        let depth = rel.matches('/').count();
        let up = "../".repeat(depth);
        let footer = &html[html.find("<footer").unwrap()..];
        assert_has(
            footer,
            &[
                &format!("href=\"{up}guide.html\""),
                &format!("href=\"{up}catalogue/index.html\""),
            ],
        );
    }
    assert!(seen > 10, "{seen} pages");
    // And from the board, above the fold.
    let board = site.read("index.html");
    let main = &board[board.find("<main").unwrap()..board.find("<footer").unwrap()];
    assert_has(
        main,
        &["href=\"guide.html\"", "href=\"catalogue/index.html\""],
    );
}

/// The rows of a catalogue page: each `<tr>` of its table body.
fn rows(html: &str) -> Vec<&str> {
    let body = &html[html.find("<tbody").unwrap()..html.find("</tbody>").unwrap()];
    body.split("<tr").skip(1).collect()
}

#[test]
fn the_catalogue_lists_every_public_notice_of_every_year() {
    let site = Site::fixture("lifecycle");
    site.write(
        "content/2026-2027/new.md",
        "---\ntitle: 新学年评选公示\nkind: selection\ndate: 2026-09-01\ndepartment: 德育处\ndoc_no: 测〔2026〕3号\nsummary: 新学年优秀班集体评选结果。\naward: 甲\ncandidates: [{name: 张三, result: selected}]\n---\n",
    );
    site.write(
        "content/2026-2027/gone.md",
        "---\ntitle: 后来撤回的通知\nkind: notice\ndate: 2026-09-02\n---\n正文。\n",
    );
    site.write(
        "content/2026-2027/staff.md",
        "---\ntitle: 仅限教职工的通知\nkind: notice\ndate: 2026-09-02\naudience: staff\n---\n正文。\n",
    );
    site.write(
        "content/2026-2027/draft.md",
        "---\ntitle: 尚未定稿的通知\nkind: notice\ndate: 2026-09-02\ndraft: true\n---\n正文。\n",
    );
    let out = site.run(&["build", "--now", "2026-09-02"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.run(&["archive", "2025-2026", "--now", "2026-09-02"])
            .status
            .success()
    );
    site.remove("content/2026-2027/gone.md");
    let out = site.run(&["build", "--now", "2026-09-03"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // This school year's page: its notices, the withdrawn one marked, nothing staff-only or draft.
    let page = site.read("catalogue/index.html");
    assert_has(
        &page,
        &[
            "<h1>公开目录</h1>",
            "2026-2027学年",
            "新学年评选公示",
            "href=\"../notices/new.html\"",
            "LC-2026-",
            "德育处",
            "测〔2026〕3号",
            "新学年优秀班集体评选结果。",
            "2026年9月1日",
            "后来撤回的通知",
            "已撤回",
            "href=\"../catalogue/2025-2026.html\"",
            "catalogue.js",
        ],
    );
    assert!(!page.contains("仅限教职工的通知"), "{page}");
    assert!(!page.contains("尚未定稿的通知"), "{page}");
    assert_eq!(rows(&page).len(), 2, "{page}");
    // Each row carries what the script filters and sorts by.
    let new_row = rows(&page)
        .into_iter()
        .find(|r| r.contains("新学年评选公示"))
        .unwrap();
    assert_has(
        new_row,
        &["data-kind=\"评优评先\"", "data-date=\"2026-09-01\""],
    );

    // The archived year: every notice of it, marked, linking into the archive.
    let archived = site.read("catalogue/2025-2026.html");
    assert_has(
        &archived,
        &[
            "星期五发布的评选公示",
            "href=\"../archive/2025-2026/notices/friday.html\"",
            "已归档",
            "LC-2025-",
            "href=\"../catalogue/index.html\"",
        ],
    );
    let fixture_notices = std::fs::read_dir(site.root.join("content"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().ends_with(".md")
        })
        .count();
    assert_eq!(rows(&archived).len(), fixture_notices, "{archived}");
    // Every link of a row leads to a page the build wrote (or the archive holds).
    for page in ["catalogue/index.html", "catalogue/2025-2026.html"] {
        let html = site.read(page);
        for row in rows(&html) {
            for link in links(row) {
                let target = site.out("catalogue").join(&link);
                assert!(target.exists(), "{page}: {link}");
            }
        }
    }
    // The archived year's notices are still in its own catalogue only once.
    assert_eq!(archived.matches("星期五发布的评选公示").count(), 1);
    assert!(
        site.read("sitemap.xml")
            .contains("catalogue/2025-2026.html")
    );
}

#[test]
fn an_archive_lists_its_own_year_only_and_the_catalogue_opens_on_the_latest_year() {
    let site = Site::fixture("lifecycle");
    site.write(
        "content/2024-2025/old.md",
        "---\ntitle: 上学年的通知\nkind: notice\ndate: 2024-10-10\n---\n正文。\n",
    );
    for year in ["2024-2025", "2025-2026"] {
        let out = site.run(&["archive", year, "--now", "2026-09-02"]);
        assert!(out.status.success(), "{year}: {}", stderr(&out));
    }
    let out = site.run(&["build", "--now", "2026-09-02"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The archive of 2025-2026 shows its own year, with no page for the older archive.
    let archive = site.root.join("archive/2025-2026");
    let page = std::fs::read_to_string(archive.join("catalogue/index.html")).unwrap();
    assert_has(&page, &["2025-2026", "星期五发布的评选公示"]);
    assert!(!page.contains("上学年的通知"), "{page}");
    assert!(!archive.join("catalogue/2024-2025.html").exists());
    for row in rows(&page) {
        for link in links(row) {
            assert!(archive.join("catalogue").join(&link).exists(), "{link}");
        }
    }
    // Nothing published yet this school year: the catalogue opens on the latest year, and
    // leads to the earlier one.
    let live = site.read("catalogue/index.html");
    assert_has(
        &live,
        &[
            "2025-2026学年公开的全部信息",
            "href=\"../catalogue/2024-2025.html\"",
        ],
    );
    assert!(!site.out("catalogue/2025-2026.html").exists());
    let older = site.read("catalogue/2024-2025.html");
    assert_has(&older, &["href=\"../archive/2024-2025/notices/old.html\""]);
    // An archived aid list: 学生资助 like a live one, and nothing but its title after `expires`.
    let archived = site.read("catalogue/index.html");
    let aid = rows(&archived)
        .into_iter()
        .find(|r| r.contains("家庭经济困难学生资助名单"))
        .unwrap();
    assert!(aid.contains("data-kind=\"学生资助\""), "{aid}");
    assert!(!aid.contains("资助学生名单"), "{aid}");
}

#[test]
fn the_guide_s_settings_and_deep_html_are_checked() {
    // A private mobile number in `places`: an error at its line of site.yaml.
    let site = Site::fixture("lifecycle");
    let yaml = site_yaml(&site);
    site.write(
        "site.yaml",
        &format!("{yaml}guide:\n  places:\n    - 校门口公开栏，联系王老师 13812345678\n"),
    );
    fails_at(&site, &format!("site.yaml:{}:", yaml.lines().count() + 3));
    // Both numbers of the supervisor's contact may be published, each on its own.
    let site = site_with_guide("监督电话 0571-88000000，传真 0571-88000001。\n");
    let yaml = site_yaml(&site);
    site.write(
        "site.yaml",
        &yaml.replace(
            "supervisor: 青禾市教育局监督科（0571-88000000）",
            "supervisor: 青禾市教育局监督科（电话 0571-88000000，传真 0571-88000001）",
        ),
    );
    let out = site.run(&["build", "--now", "2025-12-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Raw HTML nested too deep for the sanitiser: an error, not a stalled build.
    let deep = format!("{}x{}", "<div>".repeat(300), "</div>".repeat(300));
    fails_at(
        &site_with_guide(&format!("说明\n\n{deep}\n")),
        "content/_guide.md:3:",
    );
}
