//! A successful build of the `basic` fixture: every page type and every field.

use crate::support::{Site, links, percent_decode, stdout};

fn built() -> Site {
    let site = Site::fixture("basic");
    let out = site.build_ok(&[]);
    assert!(stdout(&out).contains("built 4 notices"), "{}", stdout(&out));
    site
}

/// The `basic` fixture built with one theme file of the site's own.
fn built_with(rel: &str, template: &str) -> Site {
    let site = Site::fixture("basic");
    site.write(rel, template);
    site.build_ok(&[]);
    site
}

#[test]
fn writes_every_page_type() {
    let site = built();
    for rel in [
        "index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "style.css",
        "extra.txt",
        "finance/index.html",
        "evaluation/index.html",
        "selection/index.html",
        "notice/index.html",
        "years/index.html",
        "years/2025-2026/index.html",
        "years/2026-2027/index.html",
        "tags/index.html",
        "tags/收费公示/index.html",
        "departments/index.html",
        "departments/总务处/index.html",
        "notices/fees-2025-autumn.html",
        "notices/excellent-teachers.html",
        "notices/title-2026.html",
        "files/fees-2025-autumn/pifu.txt",
    ] {
        assert!(site.out(rel).is_file(), "missing public/{rel}");
    }
    assert_eq!(site.read("extra.txt"), "User static file\n");
    assert_eq!(
        site.read("files/fees-2025-autumn/pifu.txt"),
        "青价费〔2024〕15号 批复全文\n"
    );
}

#[test]
fn notice_page_shows_every_field() {
    let site = built();
    let html = site.read("notices/fees-2025-autumn.html");
    for needle in [
        "<h1>2025年秋季学期收费项目及标准公示</h1>",
        "<dt>索引号</dt><dd>QHEX-2025-CW-0001</dd>",
        "总务处",
        "<dt>文号</dt><dd>青禾二小发〔2025〕21号</dd>",
        "<time datetime=\"2025-08-25\">2025年8月25日</time>",
        "2025年8月25日至8月29日（5个工作日）",
        "公示期满",
        "<dd>财务室</dd>",
        // The notice's own contact: another office than the site's, so none of the site's
        // person, e-mail or address is put under it.
        "0571-88123457",
        "href=\"../files/fees-2025-autumn/pifu.txt\"",
        "物价部门批复",
        "2025年8月27日</time>：更正课后服务费计费单位",
        "<td style=\"text-align: right\">300.00</td>",
        "<link rel=\"canonical\" href=\"https://www.qhex.edu.cn/xwgk/notices/fees-2025-autumn.html\">",
        // 2025-08-25 is before the 09-01 cut-over.
        "<a href=\"../years/2024-2025/index.html\">2024-2025</a>",
    ] {
        assert!(html.contains(needle), "notice page lacks {needle}\n{html}");
    }
    let objection = &html[html.find("class=\"objection\"").unwrap()..];
    let objection = &objection[..objection.find("</section>").unwrap()];
    assert!(
        !objection.contains("李老师") && !objection.contains("行政楼一楼意见箱"),
        "{objection}"
    );
}

#[test]
fn periods_count_working_days_with_holidays_and_adjusted_workdays() {
    let site = built();
    // 2026-09-25 .. 2026-10-09: Friday 09-25 is 中秋节 (from the built-in national table; the
    // fixture's site.yaml does not list it) and 10-01 to 10-07 are off, so 09-28, 09-29, 09-30,
    // 10-08 and 10-09 are left.
    let html = site.read("notices/title-2026.html");
    assert!(
        html.contains("2026年9月25日至10月9日（5个工作日）"),
        "{html}"
    );
    // Open on 2026-11-28 (Saturday): 11-25 + 5 working days ends Tuesday 12-01.
    let html = site.read("notices/excellent-teachers.html");
    assert!(
        html.contains("2026年11月25日至12月1日（5个工作日）"),
        "{html}"
    );
    assert!(html.contains("公示中 · 剩余2个工作日"), "{html}");
    assert!(html.contains("截至2026年11月28日"));
}

#[test]
fn index_numbers_and_urls() {
    let site = built();
    // Chinese file name: date + sequence.
    let html = site.read("notices/20260116-1.html");
    assert!(html.contains("QHEX-2026-TZ-0001"), "{html}");
    // The staff-only notice is numbered too (public and staff builds agree), so the next
    // selection of 2026 is 0002 after title-2026 (09-25) and excellent-teachers (11-25).
    assert!(
        site.read("notices/title-2026.html")
            .contains("QHEX-2026-PX-0001")
    );
    assert!(
        site.read("notices/excellent-teachers.html")
            .contains("QHEX-2026-PX-0002")
    );
}

#[test]
fn board_lists_open_notices_first_with_the_objection_channel() {
    let site = built();
    let html = site.read("index.html");
    let open = html.find("正在公示").unwrap();
    let first_notice = html.find("2026年度优秀教师评选结果公示").unwrap();
    let latest = html.find("最新公开").unwrap();
    assert!(open < first_notice && first_notice < latest, "{html}");
    assert!(html.contains("剩余2个工作日"));
    assert!(html.contains("校务公开监督小组") && html.contains("0571-88123456"));
    // Future-dated notices and drafts are not published; `_` folders are skipped.
    for absent in [
        "尚未发布的评选公示",
        "草稿评选方案",
        "被下划线目录跳过的文件",
    ] {
        assert!(!html.contains(absent), "{absent} on the board");
    }
    assert!(!site.out("notices/future.html").exists());
    assert!(!site.out("notices/draft.html").exists());
}

#[test]
fn lists_group_by_kind_year_tag_and_department() {
    let site = built();
    // Kind lists show the current school year, with links to earlier years of the kind.
    let finance = site.read("finance/index.html");
    assert!(!finance.contains("2025年秋季学期收费项目及标准公示"));
    assert!(
        finance.contains("href=\"../years/2024-2025/finance/index.html\">2024-2025学年</a>"),
        "{finance}"
    );
    let old = site.read("years/2024-2025/finance/index.html");
    assert!(old.contains("2025年秋季学期收费项目及标准公示"));
    assert!(!old.contains("寒假安全"));
    let year = site.read("years/2026-2027/index.html");
    assert!(year.contains("优秀教师") && year.contains("职称") && !year.contains("收费"));
    let tags = site.read("tags/index.html");
    assert!(
        tags.contains("href=\"../tags/%E6%94%B6%E8%B4%B9%E5%85%AC%E7%A4%BA/index.html\""),
        "{tags}"
    );
    let dept = site.read("departments/总务处/index.html");
    assert!(dept.contains("收费项目"));
    // Newest first in the selection list.
    let sel = site.read("selection/index.html");
    assert!(sel.find("优秀教师").unwrap() < sel.find("职称").unwrap());
}

#[test]
fn every_internal_link_is_relative_and_resolves() {
    let site = built();
    let checked = assert_links_resolve(&site.tree("public"));
    assert!(checked > 100, "only {checked} links checked");
}

/// Checks that every relative `href`/`src` of every HTML page (404 excepted) names a file of
/// `tree`, and that no link is root-absolute; returns how many links were checked.
pub fn assert_links_resolve(tree: &std::collections::BTreeMap<String, Vec<u8>>) -> usize {
    let mut checked = 0;
    for (rel, bytes) in tree {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes.clone()).unwrap();
        for link in links(&html) {
            if link.starts_with("https://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with('#')
            {
                continue;
            }
            assert!(!link.starts_with('/'), "{rel}: absolute link {link}");
            let target = link.split('#').next().unwrap();
            let base = std::path::Path::new(rel).parent().unwrap();
            let mut path = std::path::PathBuf::new();
            for part in base.join(percent_decode(target)).components() {
                match part {
                    std::path::Component::ParentDir => {
                        assert!(path.pop(), "{rel}: {link} leaves the site");
                    }
                    other => path.push(other),
                }
            }
            let key = path.to_string_lossy().replace('\\', "/");
            assert!(tree.contains_key(&key), "{rel}: broken link {link} ({key})");
            checked += 1;
        }
    }
    checked
}

#[test]
fn feed_and_sitemap() {
    let site = built();
    let atom = site.read("atom.xml");
    assert!(atom.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert_eq!(atom.matches("<entry>").count(), 4);
    assert!(atom.contains("<id>https://www.qhex.edu.cn/xwgk/notices/excellent-teachers.html</id>"));
    assert!(atom.contains("<published>2026-11-25T00:00:00+08:00</published>"));
    // The feed's own date comes from the content, never from the build machine's clock.
    assert!(atom.contains("<updated>2026-11-25T00:00:00+08:00</updated>"));
    // Body HTML is escaped inside <content>.
    assert!(atom.contains("&lt;p&gt;"));
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://www.qhex.edu.cn/xwgk/index.html</loc>"));
    assert!(sitemap.contains("<loc>https://www.qhex.edu.cn/xwgk/notices/title-2026.html</loc>"));
    assert!(sitemap.contains("tags/%E6%94%B6%E8%B4%B9%E5%85%AC%E7%A4%BA/index.html"));
    let robots = site.read("robots.txt");
    assert!(robots.contains("Sitemap: https://www.qhex.edu.cn/xwgk/sitemap.xml"));
}

#[test]
fn pagination_twenty_a_page() {
    let site = Site::empty();
    for i in 0..45 {
        site.write(
            &format!("content/n{i:02}.md"),
            &format!(
                "---\ntitle: 通知{i:02}\nkind: notice\ndate: 2026-10-{:02}\n---\n正文\n",
                i % 28 + 1
            ),
        );
    }
    site.build_ok(&[]);
    let p1 = site.read("notice/index.html");
    let p3 = site.read("notice/page-3.html");
    assert_eq!(p1.matches("class=\"notice-item\"").count(), 20);
    assert_eq!(
        site.read("notice/page-2.html")
            .matches("class=\"notice-item\"")
            .count(),
        20
    );
    assert_eq!(p3.matches("class=\"notice-item\"").count(), 5);
    assert!(
        p1.contains("rel=\"next\" href=\"../notice/page-2.html\""),
        "{p1}"
    );
    assert!(p3.contains("rel=\"prev\" href=\"../notice/page-2.html\""));
    assert!(!site.out("notice/page-4.html").exists());
}

#[test]
fn raw_html_cannot_run_script() {
    let site = Site::empty();
    site.write(
        "content/x.md",
        "---\ntitle: 测试\nkind: notice\ndate: 2026-01-05\n---\n<script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n[点我](javascript:alert(3))\n\n<p onclick=\"alert(4)\">段落</p>\n",
    );
    site.build_ok(&[]);
    let html = site.read("notices/x.html").to_lowercase();
    for bad in [
        "<script>alert",
        "alert(",
        "onerror",
        "javascript:",
        "onclick",
    ] {
        assert!(!html.contains(bad), "{bad} in output");
    }
    assert!(html.contains("段落"));
}

#[test]
fn crlf_bom_and_gbk_notices_are_read() {
    let site = Site::empty();
    site.write(
        "content/win.md",
        "\u{feff}---\r\ntitle: Windows记事本\r\nkind: notice\r\ndate: 2026-01-05\r\n---\r\n正文\r\n",
    );
    let (gbk, _, _) = encoding_rs::GBK
        .encode("---\ntitle: 旧版记事本\nkind: notice\ndate: 2026-01-06\n---\n正文\n");
    site.write_bytes("content/gbk.md", &gbk);
    let out = site.build_ok(&[]);
    assert!(site.read("notices/win.html").contains("Windows记事本"));
    assert!(site.read("notices/gbk.html").contains("旧版记事本"));
    let err = crate::support::stderr(&out);
    assert!(err.contains("content/gbk.md:1:1: warning"), "{err}");
}

#[test]
fn english_site() {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: Disclosure board\nlanguage: en\nschool_code: EN\n",
    );
    site.write(
        "content/a.md",
        "---\ntitle: Fees\nkind: finance\ndate: 2026-11-27\n---\nText\n",
    );
    site.build_ok(&[]);
    let html = site.read("notices/a.html");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(
        html.contains("2026-11-27 to 2026-12-03 (5 working days)"),
        "{html}"
    );
    assert!(html.contains("Open · 4 working day(s) left"), "{html}");
}

#[test]
fn list_items_come_from_the_item_partial_at_each_depth() {
    let site = built_with(
        "templates/partials/notice_item.html",
        "<li class=\"mine\"><a href=\"{{ root }}{{ n.url }}\">{{ n.title }}</a></li>\n",
    );
    // Every list page draws each of its notices with the one partial, linked from its own
    // depth.
    let mut depths = std::collections::BTreeSet::new();
    for (rel, bytes) in site.tree("public") {
        let html = String::from_utf8(bytes).unwrap();
        if !html.contains("class=\"page-list\"") || !html.contains("notice-list") {
            continue;
        }
        let depth = rel.matches('/').count();
        let up = "../".repeat(depth);
        let items = html.matches("<li class=\"mine\">").count();
        assert!(items > 0, "{rel}: {html}");
        assert_eq!(
            items,
            html.matches(&format!("<li class=\"mine\"><a href=\"{up}notices/"))
                .count(),
            "{rel}"
        );
        assert!(
            !html.contains("notice-item"),
            "{rel}: the default item is not used"
        );
        depths.insert(depth);
    }
    // Kinds; tags, departments and years; a kind within a year.
    assert_eq!(depths.into_iter().collect::<Vec<_>>(), [1, 2, 3]);
}

#[test]
fn a_list_template_reading_notices_is_told_where_they_are() {
    // The context of list.html is fixed and documented: its notices come rendered, one by
    // `partials/notice_item.html` (which gets each notice as `n`); a list that loops over
    // `notices` fails with the template's file and line, whatever file the loop is in.
    let site = Site::fixture("basic");
    site.write(
        "templates/own/rows.html",
        "{% for n in notices %}<p class=\"own\">{{ n.title }}</p>{% endfor %}",
    );
    site.write(
        "templates/list.html",
        "{% extends \"base.html\" %}{% block content %}\n{% include \"own/rows.html\" %}{% endblock content %}",
    );
    let out = site.build(&[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("templates/own/rows.html:1"), "{err}");
}

/// On the first days of a school year the board still shows the newest notices of each kind,
/// from the year just ended, marked with their year (issue 18, item 7); the count says it is
/// this year's.
#[test]
fn the_board_is_never_empty_at_the_start_of_a_school_year() {
    let site = Site::empty();
    for (slug, date) in [("a", "2026-08-20"), ("b", "2026-08-28")] {
        site.write(
            &format!("content/{slug}.md"),
            &format!("---\ntitle: 暑期校舍维修公示{slug}\ndate: {date}\nkind: finance\nperiod: {{days: 5}}\nledger:\n  - {{item: 拨款, type: income, amount: 100}}\n---\n正文。\n"),
        );
    }
    let out = site.run(&["build", "--now", "2026-09-01"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = site.read("index.html");
    let block = &html[html.find("id=\"kind-finance\"").unwrap()..];
    let block = &block[..block.find("</section>").unwrap()];
    assert!(block.contains("暑期校舍维修公示b"), "{block}");
    assert!(
        block.contains("<span class=\"badge badge-year\">2025-2026</span>"),
        "{block}"
    );
    assert!(
        block.contains("本学年 0 份") || block.contains("0 this school year"),
        "{block}"
    );
    // The newest first.
    assert!(
        block.find("公示b").unwrap() < block.find("公示a").unwrap(),
        "{block}"
    );
}

/// Student aid is labelled 学生资助 in lists and badges, not 评优评先 (issue 18, item 9).
#[test]
fn student_aid_is_labelled_as_such() {
    let site = Site::empty();
    site.write(
        "content/aid.md",
        "---\ntitle: 国家助学金公示\ndate: 2026-11-02\nkind: selection\naward_type: aid\ncandidates: []\ntiers: [{name: 一档, standard: 100, count: 2, months: 5}]\n---\n正文。\n",
    );
    site.build_ok(&[]);
    for page in ["selection/index.html", "index.html", "notices/aid.html"] {
        let html = site.read(page);
        assert!(html.contains(">学生资助<"), "{page}: {html}");
    }
    assert!(
        !site
            .read("notices/aid.html")
            .contains("badge kind-selection\">评优评先")
    );
}
