//! Hostile and broken input: XSS payloads, paths that try to leave the site, broken links, and
//! very large inputs, which must finish with a result or a clear error.

use crate::support::{Site, assert_fails_saying, assert_has, stderr};

/// Known XSS vectors (OWASP cheat sheet, html5sec, mXSS reports): raw HTML in Markdown, link and
/// image URLs, attributes.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://x.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"x\" onerror=\"alert(1)\">",
    "<IMG SRC=javascript:alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<IMG SRC=`javascript:alert(1)`>",
    "<img src=\"jav&#x09;ascript:alert(1);\">",
    "<img src=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JAVASCRIPT:alert(1)\">x</a>",
    "<a href=\" javascript:alert(1)\">x</a>",
    "<a href=\"java\nscript:alert(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a onmouseover=alert(1)>x</a>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<div style=\"width: expression(alert(1))\">x</div>",
    "<style>body{background:url(\"javascript:alert(1)\")}</style>",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<input onfocus=alert(1) autofocus>",
    "<select onfocus=alert(1) autofocus>",
    "<textarea onfocus=alert(1) autofocus>",
    "<keygen onfocus=alert(1) autofocus>",
    "<video><source onerror=\"alert(1)\">",
    "<audio src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<table background=\"javascript:alert(1)\">",
    "<td background=\"javascript:alert(1)\">",
    "<isindex action=javascript:alert(1) type=image>",
    "<frameset onload=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<xss id=x tabindex=1 onfocus=alert(1)></xss>",
    "<a href=\"#\" onclick=\"alert(1)\">x</a>",
    "<img src=x:alert(1) onerror=eval(src)>",
    "<object type=\"text/x-scriptlet\" data=\"https://x.example/x\"></object>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "![x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<https://x.example/\" onmouseover=\"alert(1)>",
    "<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">x</p>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1);//<</script>",
];

/// The page without the theme's own scripts (`status.js`, `kiosk.js`, `search.js`, `tables.js`), search forms and QR codes.
fn without_own_scripts(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<script src=\"") {
        let tail = &rest[i..];
        let end = "\" defer></script>";
        match tail.find(end) {
            Some(j)
                if !tail[..j].contains('>')
                    && [
                        "status.js",
                        "kiosk.js",
                        "search.js",
                        "tables.js",
                        "catalogue.js",
                    ]
                    .iter()
                    .any(|s| tail[..j].ends_with(s)) =>
            {
                out.push_str(&rest[..i]);
                rest = &tail[j + end.len()..];
            }
            _ => {
                out.push_str(&rest[..i + 1]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    // And without the search forms and QR codes gongkai draws itself.
    for start in [
        "<form class=\"site-search\"",
        "<form id=\"search-form\"",
        "<form class=\"catalogue-filter\"",
    ] {
        while let Some(i) = out.find(start) {
            let Some(j) = out[i..].find("</form>") else {
                break;
            };
            out.replace_range(i..i + j + "</form>".len(), "");
        }
    }
    while let Some(i) = out.find("<svg class=\"qr-code\"") {
        let Some(j) = out[i..].find("</svg>") else {
            break;
        };
        out.replace_range(i..i + j + "</svg>".len(), "");
    }
    out
}

#[test]
fn no_xss_payload_survives_in_any_output_file() {
    assert!(PAYLOADS.len() >= 50);
    let site = Site::empty();
    let body: String = PAYLOADS.iter().map(|p| format!("{p}\n\n")).collect();
    site.write("content/x.md", &format!("---\ntitle: XSS\nkind: notice\ndate: 2026-03-02\nsummary: \"<script>alert(1)</script>\"\n---\n{body}"));
    let out = site.build_ok(&[]);
    // `check`-level warnings say what was removed.
    assert!(
        stderr(&out).contains("warning: raw HTML removed"),
        "{}",
        stderr(&out)
    );
    for (rel, bytes) in site.tree("public") {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        // Our own scripts are the only ones: the theme's files, and the 404 page's inline
        // script that finds the root serving it (the 404 page shows no content).
        let mut text = without_own_scripts(&text);
        if rel == "404.html"
            && let Some(i) = text.find("<script data-root=\"")
            && let Some(j) = text[i..].find("</script>")
        {
            text.replace_range(i..i + j + "</script>".len(), "");
        }
        if rel.ends_with(".js") || rel.ends_with(".json") {
            continue;
        }
        for bad in [
            "<script",
            "javascript:",
            "vbscript:",
            "data:text/html",
            "onerror=",
            "onload=",
            "onclick=",
            "onfocus=",
            "onmouseover=",
            "ontoggle=",
            "onbegin=",
            "onstart=",
            "<iframe",
            "<object",
            "<embed",
            "<svg",
            "<math",
            "<style",
            "<link rel=stylesheet",
            "<meta http-equiv",
            "<base",
            "<form",
            "expression(",
        ] {
            // The feed escapes the page HTML; an escaped tag is text, not markup.
            if rel == "atom.xml" && !bad.starts_with('<') && text.contains(bad) {
                assert!(
                    !text.contains(&format!(" {bad}")) || !text.contains("<a "),
                    "{rel}: {bad}"
                );
                continue;
            }
            assert!(!text.contains(bad), "{rel} contains {bad}");
        }
    }
}

#[test]
fn paths_cannot_leave_the_site() {
    for (file, note) in [
        ("/etc/passwd", "absolute"),
        ("../../etc/passwd", "parent"),
        ("../site.yaml", "outside content"),
    ] {
        let site = Site::empty();
        site.write("content/x.md", &format!("---\ntitle: x\nkind: notice\ndate: 2026-03-02\nattachments:\n  - {{file: \"{file}\"}}\n---\n"));
        let out = site.build(&[]);
        assert_eq!(out.status.code(), Some(1), "{note}");
        assert!(
            stderr(&out).contains(&format!("the attachment path `{file}` is not allowed")),
            "{note}: {}",
            stderr(&out)
        );
    }
    #[cfg(unix)]
    {
        let site = Site::empty();
        site.write("secret.txt", "不公开");
        std::os::unix::fs::symlink(
            site.root.join("secret.txt"),
            site.root.join("content/link.txt"),
        )
        .unwrap();
        site.write("content/x.md", "---\ntitle: x\nkind: notice\ndate: 2026-03-02\nattachments:\n  - {file: link.txt}\n---\n");
        let out = site.build(&[]);
        assert!(
            stderr(&out).contains("the attachment path `link.txt` is not allowed"),
            "{}",
            stderr(&out)
        );
    }
    // Output folders that would replace sources are refused, and the sources stay.
    let site = Site::fixture("basic");
    for output in [".", "content", "content/2025-2026", "static", ".."] {
        let out = site.build(&["--output", output]);
        assert_eq!(out.status.code(), Some(1), "--output {output}");
        assert!(
            stderr(&out).contains("holds the site's sources"),
            "{output}: {}",
            stderr(&out)
        );
    }
    assert!(
        site.root
            .join("content/2025-2026/finance/fees-2025-autumn.md")
            .is_file()
    );
    assert!(site.root.join("static/extra.txt").is_file());
}

#[test]
fn links_between_notices_and_to_attachments() {
    let site = Site::empty();
    site.write("content/2026/fees.md", "---\ntitle: 收费公示\nkind: finance\ndate: 2026-03-02\nslug: fees-2026\nattachments:\n  - {title: 批复, file: files/pifu.txt}\n---\n见[批复](files/pifu.txt)。\n");
    site.write("content/2026/files/pifu.txt", "批复");
    site.write(
        "content/2026/correction.md",
        "---\ntitle: 更正\nkind: notice\ndate: 2026-03-05\n---\n更正[原公示](fees.md)，亦见[原文](@fees-2026)与[教育局](https://jyj.example.gov.cn/)。\n",
    );
    site.build_ok(&[]);
    let html = site.read("notices/correction.html");
    assert_has(
        &html,
        &[
            "<a href=\"../notices/fees-2026.html\" rel=\"noopener\">原公示</a>",
            "<a href=\"../notices/fees-2026.html\" rel=\"noopener\">原文</a>",
            "https://jyj.example.gov.cn/",
        ],
    );
    assert!(
        site.read("notices/fees-2026.html")
            .contains("<a href=\"../files/fees-2026/pifu.txt\" rel=\"noopener\">批复</a>")
    );
    assert!(
        std::fs::read_to_string(site.root.join("gongkai-report.json"))
            .unwrap()
            .contains("\"url\": \"https://jyj.example.gov.cn/\"")
    );
    crate::build::assert_links_resolve(&site.tree("public"));

    site.write(
        "content/2026/broken.md",
        "---\ntitle: 坏链接\nkind: notice\ndate: 2026-03-06\n---\n第一行\n\n见[旧文](old.md)、[附件](nothere.pdf)、[绝对](/notices/x.html)和[编号](@nobody)。\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert_has(
        &stderr(&out),
        &[
            "content/2026/broken.md:8:7: error: broken link `old.md`",
            "content/2026/broken.md:8:20: error: broken link `nothere.pdf`",
            "content/2026/broken.md:8:38: error: broken link `/notices/x.html`",
            "content/2026/broken.md:8:60: error: invalid value for `link`: `@nobody` does not lead to a notice published in this build",
        ],
    );
}

#[test]
fn a_link_to_a_staff_only_notice_is_an_error_in_a_public_build() {
    let site = Site::empty();
    site.write(
        "content/staff.md",
        "---\ntitle: 内部\nkind: notice\ndate: 2026-03-02\naudience: staff\n---\n",
    );
    site.write(
        "content/public.md",
        "---\ntitle: 公开\nkind: notice\ndate: 2026-03-03\n---\n见[内部通知](staff.md)。\n",
    );
    let out = site.build(&[]);
    assert!(
        stderr(&out).contains("`staff.md` does not lead to a notice published in this build"),
        "{}",
        stderr(&out)
    );
    site.build_ok(&["--audience", "staff"]);
}

#[test]
fn very_large_inputs_finish() {
    let site = Site::empty();
    // A 50 MB notice.
    let para = "校务公开内容，按照规定程序办理。".repeat(40) + "\n\n";
    let mut big = String::from("---\ntitle: 很长的通知\nkind: notice\ndate: 2026-03-02\n---\n");
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(&para);
    }
    site.write("content/big.md", &big);
    // A 100,000-row CSV ledger.
    let mut csv = String::from("项目,类型,金额\n");
    for i in 0..100_000 {
        csv.push_str(&format!(
            "项目{i},{},{}.{:02}\n",
            if i % 2 == 0 { "收入" } else { "支出" },
            i % 1000,
            i % 100
        ));
    }
    site.write("content/ledger.csv", &csv);
    site.write(
        "content/ledger.md",
        "---\ntitle: 十万行\nkind: finance\ndate: 2026-03-03\nledger_csv: ledger.csv\n---\n",
    );
    // A list and a quotation nested 10,000 levels deep.
    let nested = format!(
        "{}第一万层\n\n{}引文\n",
        "- ".repeat(10_000),
        ">".repeat(10_000)
    );
    site.write(
        "content/nested.md",
        &format!("---\ntitle: 深层列表\nkind: notice\ndate: 2026-03-04\n---\n{nested}"),
    );
    let out = site.build(&[]);
    assert!(out.status.code().is_some(), "killed by a signal");
    let err = stderr(&out);
    assert!(out.status.success() || err.contains("error:"), "{err}");
    if out.status.success() {
        assert!(site.read("notices/ledger.html").contains("项目99999"));
    }
}

/// A finance notice reading `ledger.csv` beside it.
const LEDGER_NOTICE: &str =
    "---\ntitle: 收支\nkind: finance\ndate: 2026-03-03\nledger_csv: ledger.csv\n---\n";

#[cfg(unix)]
#[test]
fn data_files_are_never_read_from_outside_the_site() {
    let site = Site::empty();
    let outside = site.root.with_file_name("outside");
    std::fs::create_dir_all(&outside).unwrap();
    // What /etc/shadow looks like: one field per line, no commas.
    std::fs::write(
        outside.join("shadow"),
        "root:$6$SeCrEtHaSh$xyz:19000:0:99999:7:::\n",
    )
    .unwrap();
    site.write("content/a/x.md", LEDGER_NOTICE);
    std::os::unix::fs::symlink(
        outside.join("shadow"),
        site.root.join("content/a/ledger.csv"),
    )
    .unwrap();
    // The same through a symlinked folder.
    std::os::unix::fs::symlink(&outside, site.root.join("content/linked")).unwrap();
    site.write(
        "content/b/y.md",
        &LEDGER_NOTICE.replace("ledger.csv", "../linked/shadow"),
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(
        err.matches("leads outside the site folder").count(),
        2,
        "{err}"
    );
    assert!(!err.contains("SeCrEt"), "the file was read:\n{err}");
    assert!(!site.out("").exists());
}

#[cfg(unix)]
#[test]
fn themes_and_templates_are_never_read_from_outside_the_site() {
    let site = Site::empty();
    site.write(
        "content/x.md",
        "---\ntitle: 甲\nkind: notice\ndate: 2026-03-02\n---\n",
    );
    let outside = site.root.with_file_name("evil-theme");
    std::fs::create_dir_all(outside.join("templates")).unwrap();
    std::fs::write(outside.join("templates/base.html"), "EVIL {{ site.title }}").unwrap();
    let abs = outside.to_string_lossy().into_owned();
    for theme in [abs.as_str(), "../../evil-theme", "../evil-theme"] {
        site.write(
            "site.yaml",
            &format!("{}theme: \"{theme}\"\n", crate::support::SITE_YAML),
        );
        let out = site.build(&[]);
        assert_eq!(out.status.code(), Some(1), "theme: {theme}");
        assert!(stderr(&out).contains("theme"), "{}", stderr(&out));
        assert!(!site.out("").exists());
    }
    // A theme folder or the site's templates/ that is a symlink leading out of the site.
    std::fs::create_dir_all(site.root.join("themes")).unwrap();
    std::os::unix::fs::symlink(&outside, site.root.join("themes/school")).unwrap();
    site.write(
        "site.yaml",
        &format!("{}theme: school\n", crate::support::SITE_YAML),
    );
    let out = site.build(&[]);
    assert_fails_saying(&out, "leads outside the site folder");
    site.write("site.yaml", crate::support::SITE_YAML);
    std::os::unix::fs::symlink(outside.join("templates"), site.root.join("templates")).unwrap();
    let out = site.build(&[]);
    assert_fails_saying(&out, "leads outside the site folder");
    std::fs::remove_file(site.root.join("templates")).unwrap();
    site.build_ok(&[]);
    assert!(!site.read("index.html").contains("EVIL"));
}

#[test]
fn a_csv_error_quotes_the_offending_cell_and_nothing_else_of_the_row() {
    let site = Site::empty();
    site.write("content/x.md", LEDGER_NOTICE);
    let header_cell = "这是一个非常长的未知列名".repeat(10);
    site.write(
        "content/ledger.csv",
        &format!(
            "项目,类型,金额,备注\n办公费,支出,12x.5,经办人张三 身份证11010519491231002X\n项目,类型,金额,{header_cell}\n"
        ),
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // The error of the amount, up to the next finding.
    let start = err.find("content/ledger.csv:2:3: error:").expect(&err);
    let end = err[start + 1..]
        .find("content/")
        .map_or(err.len(), |e| start + 1 + e);
    let amount = &err[start..end];
    assert!(amount.contains("…,…,12x.5,…"), "{err}");
    assert!(
        !amount.contains("张三") && !amount.contains("002X"),
        "{err}"
    );
    // The identity number is reported in the same build (the notice has other errors), masked.
    assert!(
        err.contains(
            "content/ledger.csv:2:23: error: a resident identity number: 1101**********002X"
        ),
        "{err}"
    );
    assert!(!err.contains("110105"), "{err}");
    // An unknown column (here a second header) is quoted only in part.
    site.write(
        "content/ledger.csv",
        &format!("项目,类型,金额,{header_cell}\n办公费,支出,12.50,x\n"),
    );
    let err = stderr(&site.build(&[]));
    assert!(err.contains("unknown column"), "{err}");
    assert!(
        !err.contains(&header_cell[..header_cell.len() / 2 + 3]),
        "{err}"
    );
}

#[test]
fn a_percent_before_a_multibyte_character_is_a_broken_link_not_a_crash() {
    let site = Site::empty();
    for (i, link) in ["%中.pdf", "%e4%b8.pdf", "%", "a%2", "%ZZ中"]
        .iter()
        .enumerate()
    {
        site.write(
            &format!("content/x{i}.md"),
            &format!("---\ntitle: 甲{i}\nkind: notice\ndate: 2026-03-02\n---\n[附件]({link})\n"),
        );
    }
    for args in [&["build", "--now", "2026-11-28"][..], &["check"][..]] {
        let out = site.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{err}");
        assert!(err.matches("content/x").count() >= 5, "{err}");
    }
}

/// Peak memory (KiB) of a finished `gongkai ARGS` run in `site`, and whether it succeeded.
#[cfg(target_os = "linux")]
#[allow(clippy::zombie_processes)] // waited for by `wait4`, which also gives the peak memory
fn peak_kib(site: &Site, args: &[&str]) -> (i64, bool) {
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("gongkai"))
        .env("GONGKAI_LANG", "en")
        .current_dir(&site.root)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value to be overwritten by wait4.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own unwaited child; both pointers are valid for the call.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    (
        usage.ru_maxrss,
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    )
}

/// A site with a ledger of `rows` rows in a notice open for objections on 2026-11-26.
fn open_ledger(rows: usize) -> Site {
    let site = Site::empty();
    let mut csv = String::from("项目,类型,金额\n");
    for i in 0..rows {
        csv.push_str(&format!("项目{i},收入,{}.{:02}\n", i % 1000, i % 100));
    }
    site.write("content/ledger.csv", &csv);
    site.write(
        "content/ledger.md",
        "---\ntitle: 收支\nkind: finance\ndate: 2026-11-25\nledger_csv: ledger.csv\n---\n",
    );
    site
}

#[cfg(target_os = "linux")]
#[test]
fn memory_grows_linearly_with_the_rows_of_an_open_ledger() {
    let args = ["build", "--now", "2026-11-26"];
    let (small, ok) = peak_kib(&open_ledger(5_000), &args);
    assert!(ok);
    let site = open_ledger(100_000);
    let (large, ok) = peak_kib(&site, &args);
    assert!(ok, "the 100,000-row ledger did not build while open");
    // Twenty times the rows: well under twenty times the memory over a fixed base.
    assert!(
        large < 40 * small && large < 1024 * 1024,
        "5,000 rows {small} KiB, 100,000 rows {large} KiB"
    );
    // It is open: the kiosk and the print page carry it.
    assert!(site.read("kiosk.html").contains("项目99999"));
    assert!(site.read("print/open.html").contains("项目99999"));
}

#[test]
fn deep_nesting_is_refused_quickly_with_the_line() {
    let started = std::time::Instant::now();
    let site = Site::empty();
    // YAML nested 200,000 deep in flow and in compact block style, and 100,000 nested <div>s.
    site.write(
        "content/a.md",
        &format!(
            "---\ntitle: 甲\nkind: notice\ndate: 2026-03-02\ntags: {}{}\n---\n",
            "[".repeat(200_000),
            "]".repeat(200_000)
        ),
    );
    site.write(
        "content/b.md",
        &format!(
            "---\ntitle: 乙\nkind: notice\ndate: 2026-03-02\ntags:\n{}x\n---\n",
            "- ".repeat(200_000)
        ),
    );
    site.write(
        "content/c.md",
        &format!(
            "---\ntitle: 丙\nkind: notice\ndate: 2026-03-02\n---\n正文\n\n{}x{}\n",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_has(
        &err,
        &[
            "content/a.md:5:71: error: YAML nested more than 64 levels deep",
            "content/b.md:6:1: error: YAML nested more than 64 levels deep",
            "content/c.md:8:1: error: raw HTML nested more than 256 levels deep",
        ],
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    // Ordinary nesting is fine.
    site.write(
        "content/a.md",
        "---\ntitle: 甲\nkind: notice\ndate: 2026-03-02\ntags: [[a], {b: [c]}]\n---\n",
    );
    site.remove("content/b.md");
    site.write(
        "content/c.md",
        &format!(
            "---\ntitle: 丙\nkind: notice\ndate: 2026-03-02\n---\n{}x{}\n",
            "<div>".repeat(200),
            "</div>".repeat(200)
        ),
    );
    let err = stderr(&site.build(&[]));
    assert!(!err.contains("nested more than"), "{err}");
}
