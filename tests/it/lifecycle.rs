//! The life of a notice: status across period boundaries (weekends, holidays, adjusted working
//! days), the status script, take-downs at `expires`, corrections, and the yearly archive.

use std::process::Command;

use crate::support::{Site, assert_fails_saying, assert_has, stderr, stdout};

fn built_on(now: &str) -> Site {
    let site = Site::fixture("lifecycle");
    let out = site.run(&["build", "--now", now]);
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

/// The status text of a notice page.
fn status(site: &Site, slug: &str) -> String {
    let html = site.read(&format!("notices/{slug}.html"));
    let start = html
        .find("<span class=\"status ")
        .unwrap_or_else(|| panic!("no status in {html}"));
    let rest = &html[start..];
    let text = &rest[rest.find('>').unwrap() + 1..rest.find("</span>").unwrap()];
    text.to_string()
}

#[test]
fn statuses_across_a_weekend() {
    // Friday 2025-11-28, 5 working days: Fri, Mon, Tue, Wed, Thu 12-04.
    let cases = [
        ("2025-11-27", None),
        ("2025-11-28", Some("公示中 · 剩余5个工作日")),
        ("2025-11-29", Some("公示中 · 剩余4个工作日")),
        ("2025-12-04", Some("公示中 · 剩余1个工作日")),
        ("2025-12-05", Some("公示期满")),
    ];
    for (now, want) in cases {
        let site = built_on(now);
        match want {
            // Not yet posted: not published at all.
            None => assert!(!site.out("notices/friday.html").exists(), "{now}"),
            Some(want) => {
                assert_eq!(status(&site, "friday"), want, "on {now}");
                assert!(
                    site.read("notices/friday.html")
                        .contains("2025年11月28日至12月4日（5个工作日）")
                );
            }
        }
    }
}

#[test]
fn statuses_across_a_holiday_and_an_adjusted_workday() {
    // Fri 09-26, Sun 09-28 (worked), Mon 09-29, Tue 09-30, then the holiday, Thu 10-09.
    let cases = [
        ("2025-09-27", "公示中 · 剩余4个工作日"),
        ("2025-09-28", "公示中 · 剩余4个工作日"),
        ("2025-10-03", "公示中 · 剩余1个工作日"),
        ("2025-10-09", "公示中 · 剩余1个工作日"),
        ("2025-10-10", "公示期满"),
    ];
    for (now, want) in cases {
        let site = built_on(now);
        assert_eq!(status(&site, "national-day"), want, "on {now}");
    }
    let site = built_on("2025-10-10");
    let html = site.read("notices/national-day.html");
    assert_has(
        &html,
        &[
            "2025年9月26日至10月9日（5个工作日）",
            "data-period-start=\"2025-09-26\" data-period-end=\"2025-10-09\" data-working-dates=\"2025-09-26 2025-09-28 2025-09-29 2025-09-30 2025-10-09\"",
            "data-tz=\"Asia/Shanghai\"",
            "data-l-days-left=\"剩余{n}个工作日\"",
            "<span class=\"as-of\">（截至2025年10月10日）</span>",
            "公示结果：无异议",
            "<dd>无异议：公示期内未收到异议</dd>",
            "<dt>决定文件</dt><dd>青禾二小发〔2025〕30号</dd>",
            "<script src=\"../status.js\" defer></script>",
        ],
    );
}

/// Runs the theme's status script with a minimal DOM and a fixed clock; returns the texts.
fn run_status_js(site: &Site, page: &str, now_utc: &str) -> Option<String> {
    let html = site.read(page);
    let attr = |name: &str| -> String {
        let key = format!("{name}=\"");
        let i = html.find(&key).unwrap() + key.len();
        html[i..i + html[i..].find('"').unwrap()].to_string()
    };
    // An attribute the page may leave out, as JSON (null when absent).
    let optional = |name: &str| -> String {
        let key = format!("{name}=\"");
        html.find(&key)
            .map_or("null".into(), |_| format!("{:?}", attr(name)))
    };
    let element = format!(
        "{{\"data-period-start\": {:?}, \"data-period-end\": {:?}, \"data-period-end-time\": {}, \"data-working-dates\": {:?}}}",
        attr("data-period-start"),
        attr("data-period-end"),
        optional("data-period-end-time"),
        attr("data-working-dates")
    );
    let body = format!(
        "{{\"data-tz\": {:?}, \"data-l-open\": {:?}, \"data-l-closed\": {:?}, \"data-l-pending\": {:?}, \"data-l-days-left\": {:?}, \"data-l-until\": {}}}",
        attr("data-tz"),
        attr("data-l-open"),
        attr("data-l-closed"),
        attr("data-l-pending"),
        attr("data-l-days-left"),
        optional("data-l-until")
    );
    let script = site.out("status.js");
    let harness = format!(
        r#"
const RealDate = Date;
global.Date = class extends RealDate {{ constructor(...a) {{ super(...(a.length ? a : ["{now_utc}"])); }} static now() {{ return new RealDate("{now_utc}").getTime(); }} }};
const el = {{ attrs: {element}, textContent: "", className: "", getAttribute(k) {{ return this.attrs[k] ?? null; }} }};
const asOf = {{ hidden: false }};
global.document = {{
  body: {{ attrs: {body}, getAttribute(k) {{ return this.attrs[k] ?? null; }} }},
  querySelectorAll(sel) {{ return sel === "[data-period-end]" ? [el] : [asOf]; }},
}};
require({script:?});
console.log(el.textContent + "|" + el.className + "|" + asOf.hidden);
"#
    );
    let out = crate::support::node(&harness)?;
    assert!(out.status.success(), "{}", stderr(&out));
    Some(stdout(&out).trim().to_string())
}

#[test]
fn the_status_script_updates_from_the_readers_clock() {
    // Built long before the period: the static text says it is not yet open.
    let site = built_on("2025-09-26");
    let page = "notices/national-day.html";
    // 2025-09-29 09:00 in Shanghai is 01:00 UTC.
    let Some(first) = run_status_js(&site, page, "2025-09-29T01:00:00Z") else {
        return;
    };
    assert_eq!(first, "公示中 · 剩余3个工作日|status status-open|true");
    // 23:30 UTC on 10-09 is already 10-10 in Shanghai: closed.
    assert_eq!(
        run_status_js(&site, page, "2025-10-09T23:30:00Z").unwrap(),
        "公示期满|status status-closed|true"
    );
    assert_eq!(
        run_status_js(&site, page, "2025-10-05T04:00:00Z").unwrap(),
        "公示中 · 剩余1个工作日|status status-open|true"
    );
}

#[test]
fn expired_lists_lose_their_names_everywhere() {
    // The day before: names on the page, in the attachment and the feed.
    let site = built_on("2025-10-31");
    assert!(site.read("notices/aid.html").contains("张*明"));
    assert!(site.read("files/aid/aid-list.txt").contains("张小明"));
    // The day after: a stub, and no file of the output carries the name, masked or not.
    let site = built_on("2025-11-01");
    let html = site.read("notices/aid.html");
    assert_has(
        &html,
        &[
            "2025年秋季学期家庭经济困难学生资助名单公示",
            "公示期已结束，名单已撤除。",
            "<dt>撤除日期</dt><dd>2025年10月31日</dd>",
        ],
    );
    for (rel, bytes) in site.tree("public") {
        let text = String::from_utf8_lossy(&bytes);
        for name in ["张小明", "张*明", "资助学生名单"] {
            assert!(!text.contains(name), "public/{rel} still contains {name}");
        }
    }
    assert!(!site.out("files/aid/aid-list.txt").exists());
}

#[test]
fn corrections_link_both_ways() {
    let site = built_on("2025-11-01");
    let original = site.read("notices/fees-2025.html");
    assert_has(
        &original,
        &[
            "本公示已更正，请以更正通知为准：<a href=\"../notices/fees-correction.html\">关于收费标准公示的更正</a>",
            "<dt>有效性</dt><dd>已修订</dd>",
        ],
    );
    let correction = site.read("notices/fees-correction.html");
    assert!(
        correction.contains("本通知更正：<a href=\"../notices/fees-2025.html\">收费标准公示</a>"),
        "{correction}"
    );
    let site = Site::fixture("lifecycle");
    site.write(
        "content/bad.md",
        "---\ntitle: 更正\nkind: notice\ndate: 2025-09-05\ncorrects: nothing-here\n---\n",
    );
    let out = site.run(&["build", "--now", "2025-11-01"]);
    assert_fails_saying(
        &out,
        "content/bad.md:5:1: error: invalid value for `corrects`: no published notice has the URL `notices/nothing-here.html`",
    );
}

#[test]
fn an_archived_year_is_frozen() {
    let site = Site::fixture("lifecycle");
    let out = site.run(&["archive", "2025-2026", "--now", "2026-09-01", "--bundle"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = site.root.join("archive/2025-2026");
    // sha256sum -c accepts the manifest.
    let check = Command::new("sha256sum")
        .args(["-c", "--quiet", "MANIFEST.sha256"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let sources = std::fs::read_to_string(dir.join("SOURCES.sha256")).unwrap();
    assert_has(
        &sources,
        &[
            "  content/friday.md\n",
            "  content/fees-correction.md\n",
            "  content/aid.md\n",
        ],
    );
    // The aid list had expired when the year was archived: no name in the archive either.
    for (rel, bytes) in site.tree("archive/2025-2026") {
        assert!(!String::from_utf8_lossy(&bytes).contains("张小明"), "{rel}");
    }
    assert!(site.root.join("archive/2025-2026.tar.gz").is_file());
    // An archived page is read as the live one is: with its QR code and a search box (issue 18,
    // item 9; the bundled board's 2025-2026 archive, made by an earlier gongkai, has neither and
    // stays as it was published).
    let page = std::fs::read_to_string(dir.join("notices/fees-2025.html")).unwrap();
    assert_has(
        &page,
        &[
            "<svg class=\"qr-code\"",
            "<form class=\"site-search\" action=\"../search.html\"",
        ],
    );
    // Archiving again is refused.
    let out = site.run(&["archive", "2025-2026"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already archived"));

    // Every archived page's links resolve inside the archive.
    crate::build::assert_links_resolve(&site.tree("archive/2025-2026"));

    // A build with a changed theme copies the archive byte for byte.
    site.write("templates/notice.html", "{% extends \"base.html\" %}{% block content %}<h1>新主题 {{ notice.title }}</h1>{% endblock content %}\n");
    site.run(&["build", "--now", "2026-09-02"]);
    let archived = site.tree("archive/2025-2026");
    let copied = site.tree("public/archive/2025-2026");
    assert_eq!(archived, copied);
    assert!(site.read("archive/index.html").contains("2025-2026学年"));
    // The live board lists archived notices no more; their old URLs lead into the archive.
    assert!(!site.read("index.html").contains("星期五发布的评选公示"));
    assert!(
        site.read("notices/friday.html")
            .contains("url=../archive/2025-2026/notices/friday.html")
    );
    assert!(site.read("notices/friday.html").len() < 1000);

    // Editing an archived notice fails the build.
    let text = std::fs::read_to_string(site.root.join("content/friday.md")).unwrap();
    site.write("content/friday.md", &text.replace("正文", "悄悄改过的正文"));
    let out = site.run(&["build", "--now", "2026-09-02"]);
    assert_fails_saying(
        &out,
        "content/friday.md:1:1: error: this notice was archived in 2025-2026; publish a correction notice instead of changing it",
    );
    site.write("content/friday.md", &text);

    // verify passes, then names a flipped byte, an added and a missing file.
    assert!(site.run(&["verify"]).status.success());
    let page = dir.join("notices/friday.html");
    let mut bytes = std::fs::read(&page).unwrap();
    bytes[100] ^= 1;
    std::fs::write(&page, bytes).unwrap();
    std::fs::write(dir.join("extra.html"), "x").unwrap();
    std::fs::remove_file(dir.join("robots.txt")).unwrap();
    let out = site.run(&["verify"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_has(
        &err,
        &[
            "altered: ",
            "notices/friday.html does not match its SHA-256",
            "added: ",
            "extra.html is not in the manifest",
            "missing: ",
            "robots.txt is in the manifest but not on disk",
        ],
    );
    // verify also checks the archives inside a built output folder.
    assert!(site.run(&["verify", "public"]).status.success());
}

#[test]
fn the_preview_lists_unpublished_notices_with_a_banner_and_builds_do_not() {
    let site = Site::fixture("lifecycle");
    let mut opts = gongkai::BuildOptions::new(&site.root);
    opts.now = Some("2025-11-20".parse().unwrap());
    opts.preview = true;
    let mut session = gongkai::watch::Session::new(opts);
    session
        .rebuild(&gongkai::watch::Change::Everything)
        .unwrap();
    let files = session.files();
    let page = String::from_utf8_lossy(&files["notices/friday.html"]).into_owned();
    assert!(
        page.contains("预览：本通知尚未发布，将于2025年11月28日公开。"),
        "{page}"
    );
    assert!(String::from_utf8_lossy(&files["index.html"]).contains("星期五发布的评选公示"));
    let site = built_on("2025-11-20");
    assert!(!site.out("notices/friday.html").exists());
    assert!(!site.read("index.html").contains("星期五发布的评选公示"));
}

#[test]
fn archiving_the_running_year_or_open_notices_is_refused_without_a_reason() {
    let site = Site::fixture("lifecycle");
    // The year runs until 31 August: refused, and nothing is written.
    let out = site.run(&["archive", "2025-2026", "--now", "2025-12-31"]);
    assert_fails_saying(
        &out,
        "the school year 2025-2026 has not ended: it runs until 2026-08-31",
    );
    assert!(!site.root.join("archive/2025-2026").exists());
    // A notice still open after the year ended (a period running into September).
    site.write(
        "content/late.md",
        "---\ntitle: 暑期末评选公示\nkind: selection\ndate: 2026-08-28\naward: 甲\ncandidates: [{name: 张三, result: selected}]\n---\n",
    );
    let out = site.run(&["archive", "2025-2026", "--now", "2026-09-01"]);
    assert_fails_saying(
        &out,
        "1 notice(s) of 2025-2026 are still open for objections: 暑期末评选公示 (content/late.md)",
    );
    assert!(!site.root.join("archive/2025-2026").exists());
    // --force needs a reason, and keeps it in the archive.
    let out = site.run(&[
        "archive",
        "2025-2026",
        "--now",
        "2025-12-31",
        "--force",
        " ",
    ]);
    assert_fails_saying(&out, "--force needs a reason");
    let out = site.run(&[
        "archive",
        "2025-2026",
        "--now",
        "2025-12-31",
        "--force",
        "学校撤并，提前归档",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let reason = std::fs::read_to_string(site.root.join("archive/2025-2026/REASON.txt")).unwrap();
    assert!(reason.contains("学校撤并，提前归档"));
    // Archived early, the running year's board is not emptied: its notices stay live.
    let out = site.run(&["build", "--now", "2025-12-31"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.read("index.html").contains("星期五发布的评选公示"));
    assert!(!site.read("notices/friday.html").contains("url=../archive/"));
    assert!(site.run(&["verify"]).status.success());
}

#[test]
fn an_archived_notice_stays_frozen_whatever_is_done_to_its_file() {
    let site = Site::fixture("lifecycle");
    let out = site.run(&["archive", "2025-2026", "--now", "2026-09-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lock = std::fs::read_to_string(site.root.join("gongkai.lock")).unwrap();
    assert!(
        lock.lines()
            .any(|l| l.starts_with("friday\t") && l.contains("\t2025-2026\t")),
        "{lock}"
    );
    let build = |site: &Site| site.run(&["build", "--now", "2026-09-02"]);
    assert!(build(&site).status.success());
    let text = std::fs::read_to_string(site.root.join("content/friday.md")).unwrap();
    // Re-dated into the next year and rewritten, marked draft, or staff-only: refused.
    for changed in [
        text.replace("date: 2025-11-28", "date: 2026-09-01")
            .replace("正文", "改写的正文"),
        text.replacen("---\n", "---\ndraft: true\n", 1),
        text.replacen("---\n", "---\naudience: staff\n", 1),
    ] {
        site.write("content/friday.md", &changed);
        let out = build(&site);
        assert_eq!(out.status.code(), Some(1), "{changed}");
        assert!(
            stderr(&out)
                .contains("this notice was archived in 2025-2026; publish a correction notice"),
            "{}",
            stderr(&out)
        );
    }
    // Moved unchanged: still the archived notice, not published again.
    site.remove("content/friday.md");
    site.write("content/2026-2027/friday-moved.md", &text);
    assert!(build(&site).status.success(), "{}", stderr(&build(&site)));
    assert!(
        site.read("notices/friday.html")
            .contains("url=../archive/2025-2026/notices/friday.html")
    );
    assert!(!site.read("index.html").contains("星期五发布的评选公示"));
    // Moved and changed (it keeps its slug): refused.
    site.write(
        "content/2026-2027/friday-moved.md",
        &text
            .replacen("---\n", "---\nslug: friday\n", 1)
            .replace("正文", "改写的正文"),
    );
    assert_eq!(build(&site).status.code(), Some(1));
    // Its file, or the whole year's folder of files, deleted: the archive still serves its
    // pages and the old URLs lead there.
    std::fs::remove_dir_all(site.root.join("content")).unwrap();
    std::fs::create_dir_all(site.root.join("content")).unwrap();
    let out = build(&site);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.read("notices/friday.html")
            .contains("url=../archive/2025-2026/notices/friday.html")
    );
    assert!(site.out("archive/2025-2026/notices/friday.html").is_file());
}

#[test]
fn a_tampered_or_unprotected_archive_stops_the_build() {
    let site = Site::fixture("lifecycle");
    assert!(
        site.run(&["archive", "2025-2026", "--now", "2026-09-01"])
            .status
            .success()
    );
    let dir = site.root.join("archive/2025-2026");
    let build = |site: &Site| site.run(&["build", "--now", "2026-09-02"]);
    // A page added to the archive is never published.
    std::fs::write(dir.join("evil.html"), "<script>alert(1)</script>").unwrap();
    let out = build(&site);
    assert_fails_saying(&out, "evil.html is not in the manifest");
    assert!(!site.out("archive/2025-2026/evil.html").exists());
    std::fs::remove_file(dir.join("evil.html")).unwrap();
    // A symlink in it: verify and build both say so.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", dir.join("passwd.html")).unwrap();
        let out = site.run(&["verify"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("passwd.html is a link"),
            "{}",
            stderr(&out)
        );
        assert_eq!(build(&site).status.code(), Some(1));
        std::fs::remove_file(dir.join("passwd.html")).unwrap();
    }
    // Deleting the manifest does not remove the protection: it is an error.
    std::fs::remove_file(dir.join("MANIFEST.sha256")).unwrap();
    let out = build(&site);
    assert_fails_saying(&out, "has no MANIFEST.sha256");
}

/// Runs the theme's search.js under Node on the built site's files for query `q` (a DOM of the
/// three elements it uses, `fetch` reading the output folder), printing each result as
/// `title|href|meta line|class`.
pub(crate) fn search_js(site: &Site, q: &str) -> Option<Vec<String>> {
    let script = crate::support::fixture_dir("../../themes/default/static/search.js");
    let public = site.out("");
    let js = format!(
        r#"
const fs = require("fs");
const made = [];
function node(tag) {{
  return {{ tag, children: [], className: "", textContent: "", href: "",
    appendChild(c) {{ this.children.push(c); if (c.tag) made.push(c); return c; }} }};
}}
const out = node("ol"), status = node("p");
const form = {{ q: {{ value: "", addEventListener() {{}} }}, kind: {{ value: "", addEventListener() {{}} }},
  year: {{ value: "", addEventListener() {{}} }},
  getAttribute: (a) => a === "data-root" ? "" : "{{}}" }};
global.document = {{
  getElementById: (id) => ({{ "search-form": form, "search-results": out, "search-status": status }})[id],
  createElement: (tag) => node(tag),
  createTextNode: (t) => ({{ textContent: t }}),
}};
global.location = {{ search: "?q=" + encodeURIComponent({q:?}), protocol: "http:" }};
global.fetch = (path) => Promise.resolve(fs.existsSync({public:?} + "/" + path)
  ? {{ ok: true, json: () => Promise.resolve(JSON.parse(fs.readFileSync({public:?} + "/" + path, "utf8"))) }}
  : {{ ok: false }});
require({script:?});
// Done when the status line shows the count of results (search.js's last step).
const started = Date.now();
const poll = setInterval(() => {{
  if (!/^\d+( \+)?$/.test(status.textContent) && Date.now() - started < 10000) return;
  clearInterval(poll);
  for (const li of made.filter((n) => n.tag === "li")) {{
    const a = li.children[0], meta = li.children[1];
    console.log([a.textContent, a.href, meta.textContent, li.className].join("|"));
  }}
}}, 5);
"#
    );
    let out = crate::support::node(&js)?;
    assert!(out.status.success(), "{}", stderr(&out));
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

#[test]
fn archived_years_stay_findable() {
    let site = Site::fixture("lifecycle");
    assert!(
        site.run(&["archive", "2025-2026", "--now", "2026-09-01"])
            .status
            .success()
    );
    site.write(
        "content/2026-2027/new.md",
        "---\ntitle: 新学年评选公示\nkind: selection\ndate: 2026-09-01\naward: 甲\ncandidates: [{name: 张三, result: selected}]\n---\n",
    );
    let out = site.run(&["build", "--now", "2026-09-02"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The kind list and the year navigation lead into the archive.
    let list = site.read("selection/index.html");
    assert!(
        list.contains("href=\"../archive/2025-2026/selection/index.html\""),
        "{list}"
    );
    assert!(list.contains("2025-2026学年（已归档）"), "{list}");
    let years = site.read("years/index.html");
    assert!(
        years.contains("href=\"../archive/2025-2026/index.html\""),
        "{years}"
    );
    assert!(years.contains("2025-2026学年（已归档）"), "{years}");
    // Search finds archived notices too, marked as archived, linking into the archive.
    let meta = site.read("search/meta.json");
    assert!(meta.contains("\"archives\":[\"2025-2026\"]"), "{meta}");
    let Some(found) = search_js(&site, "评选公示") else {
        return;
    };
    assert!(
        found
            .iter()
            .any(|r| r.starts_with("新学年评选公示|notices/")),
        "{found:?}"
    );
    let archived = found
        .iter()
        .find(|r| r.starts_with("星期五发布的评选公示|"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(
        archived.contains("|archive/2025-2026/notices/friday.html|")
            && archived.contains("已归档")
            && archived.ends_with("archived"),
        "{archived}"
    );
    // The print page of an archived year.
    let out = site.run(&[
        "print",
        "2025-2026",
        "--now",
        "2026-09-02",
        "--output",
        "p.html",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(site.root.join("p.html")).unwrap();
    assert!(page.contains("星期五发布的评选公示"));
}

/// A period that ends at a time of day (截止时间): the build says until when on the last day,
/// and the status script closes it at that time, not at midnight.
#[test]
fn a_period_that_ends_at_five_in_the_afternoon() {
    let site = Site::empty();
    site.write(
        "content/evening.md",
        "---\ntitle: 2025年度优秀教师评选结果公示\nkind: selection\ndate: 2025-11-10\nperiod: {start: 2025-11-10, end: 2025-11-14 17:00}\naward: 优秀教师\ncandidates:\n  - {name: 赵丽华, result: selected}\n---\n名单如下。\n",
    );
    let built = |now: &str| {
        let out = site.run(&["build", "--now", now]);
        assert!(out.status.success(), "{}", stderr(&out));
        status(&site, "evening")
    };
    assert_eq!(built("2025-11-13"), "公示中 · 剩余2个工作日");
    assert_eq!(built("2025-11-14"), "公示中 · 今日17:00截止");
    assert_eq!(built("2025-11-15"), "公示期满");
    built("2025-11-10");
    let page = "notices/evening.html";
    assert_has(
        &site.read(page),
        &[
            "2025年11月10日至11月14日17:00（5个工作日）",
            "data-period-end=\"2025-11-14\" data-period-end-time=\"17:00\"",
        ],
    );
    // 16:59 and 17:00 in Shanghai on the last day are 08:59 and 09:00 UTC.
    let Some(before) = run_status_js(&site, page, "2025-11-14T08:59:00Z") else {
        return;
    };
    assert_eq!(before, "公示中 · 今日17:00截止|status status-open|true");
    assert_eq!(
        run_status_js(&site, page, "2025-11-14T09:00:00Z").unwrap(),
        "公示期满|status status-closed|true"
    );
    assert_eq!(
        run_status_js(&site, page, "2025-11-13T09:00:00Z").unwrap(),
        "公示中 · 剩余2个工作日|status status-open|true"
    );
}
