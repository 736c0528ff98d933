//! Property tests: random ledgers total exactly, and the amount parser never panics.

use std::path::Path;

use gongkai::config::Site;
use gongkai::content::money::Amount;
use gongkai::content::notice::parse_notice;
use gongkai::diagnostics::Diagnostics;
use gongkai::render::tables::data_view;
use proptest::prelude::*;

/// `1234567` → `1,234,567`, written independently of the library.
fn group(yuan: u64) -> String {
    let d = yuan.to_string();
    let mut s = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i).is_multiple_of(3) {
            s.push(',');
        }
        s.push(c);
    }
    s
}

/// Formats fen the way a clerk might type it: plain, grouped, with ¥, with one decimal.
fn typed(fen: i64, style: u8) -> String {
    let (yuan, cents) = (fen / 100, fen % 100);
    let grouped = group(yuan as u64);
    match style % 4 {
        0 => format!("{yuan}.{cents:02}"),
        1 => format!("\"{grouped}.{cents:02}\""),
        2 => format!("\"¥{grouped}.{cents:02}\""),
        _ if cents % 10 == 0 => format!("{yuan}.{}", cents / 10),
        _ => format!("{yuan}.{cents:02}"),
    }
}

/// What the page must show for an exact sum in fen.
fn shown(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", group(abs / 100), abs % 100)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn ledger_totals_are_the_exact_sums(rows in prop::collection::vec((any::<bool>(), 0i64..100_000_000_000, any::<u8>()), 1..40)) {
        let mut text = String::from("---\ntitle: 随机\nkind: finance\ndate: 2026-01-05\nledger:\n");
        for (i, (income, fen, style)) in rows.iter().enumerate() {
            let t = if *income { "income" } else { "expense" };
            text.push_str(&format!("  - {{item: 项{i}, type: {t}, amount: {}}}\n", typed(*fen, *style)));
        }
        text.push_str("---\n");
        let root = Path::new("/site");
        let mut diags = Diagnostics::new();
        let notice = parse_notice(root, &root.join("content"), &root.join("content/x.md"), &text, &Site::defaults(), &mut diags);
        prop_assert!(!diags.has_errors(), "{:?}", diags.sorted());
        let notice = notice.unwrap();
        let view = data_view(&notice.data, gongkai::config::Language::ZhCn).ledger.unwrap();
        let income: i64 = rows.iter().filter(|r| r.0).map(|r| r.1).sum();
        let expense: i64 = rows.iter().filter(|r| !r.0).map(|r| r.1).sum();
        prop_assert_eq!(view.income.display, shown(income));
        prop_assert_eq!(view.expense.display, shown(expense));
        prop_assert_eq!(view.balance.display, shown(income - expense));
        prop_assert_eq!(view.balance.fen, income - expense);
    }

    #[test]
    fn the_amount_parser_never_panics(s in any::<String>()) {
        let _ = Amount::parse(&s);
    }

    #[test]
    fn the_amount_parser_never_panics_on_number_like_text(s in "[-¥￥ 0-9０-９,.，．元]{0,30}") {
        if let Ok(a) = Amount::parse(&s) {
            // Whatever parses displays and re-parses to itself.
            prop_assert_eq!(Amount::parse(&a.display()), Ok(a));
            let _ = a.capitals();
        }
    }

    #[test]
    fn capitals_never_panic(fen in any::<i64>()) {
        let _ = Amount(fen).capitals();
        let _ = Amount(fen).display();
    }
}

/// Front-matter-like text assembled from fragments clerks and editors produce, valid or not.
fn notice_text() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "title",
        "kind",
        "date",
        "period",
        "ledger",
        "fees",
        "ballots",
        "results",
        "candidates",
        "quota",
        "tags",
        "attachments",
        "declared",
        "donations",
        "grades",
        "slug",
        "titel",
        "",
    ]);
    let value = prop::sample::select(vec![
        "公示",
        "finance",
        "selection",
        "2026-02-30",
        "2026-03-02",
        "{days: 0}",
        "{start: 2026-03-02, end: 2026-01-01}",
        "[{item: 甲, type: income, amount: 1.005}]",
        "[{item: 甲, type: 收入, amount: \"¥1,2,3\"}]",
        "{issued: 1, returned: 2, valid: 3}",
        "[{name: 张三, votes: [1, 2]}]",
        "[{name: 李四, result: 当选, votes: 99}]",
        "-1",
        "[",
        "{",
        "\"",
        "'",
        "- x",
        "|\n  多行",
        "{{ ledger }}",
        "\t",
        "[{file: ../../etc/passwd}]",
        "",
    ]);
    let line = (key, value).prop_map(|(k, v)| format!("{k}: {v}\n"));
    (prop::collection::vec(line, 0..12), any::<bool>(), ".{0,40}").prop_map(
        |(lines, close, tail)| {
            let mut s = String::from("---\n");
            s.extend(lines);
            if close {
                s.push_str("---\n");
            }
            s.push_str(&tail);
            s
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_notice_parser_never_panics(text in notice_text()) {
        let root = Path::new("/site");
        let mut diags = Diagnostics::new();
        let notice = parse_notice(root, &root.join("content"), &root.join("content/x.md"), &text, &Site::defaults(), &mut diags);
        // Either a notice or at least one error, never both silently.
        prop_assert!(notice.is_some() != diags.has_errors());
        for d in diags.sorted() {
            let _ = d.to_string();
        }
    }

    #[test]
    fn the_notice_parser_never_panics_on_any_text(text in any::<String>()) {
        let root = Path::new("/site");
        let mut diags = Diagnostics::new();
        let _ = parse_notice(root, &root.join("content"), &root.join("content/x.md"), &text, &Site::defaults(), &mut diags);
        for d in diags.sorted() {
            let _ = d.to_string();
        }
    }
}

/// Inputs the fuzzer found (hangs and crashes), kept so they stay fixed: each must parse to a
/// notice or to errors, quickly.
#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let root = Path::new("/site");
        let mut diags = Diagnostics::new();
        let started = std::time::Instant::now();
        let notice = parse_notice(
            root,
            &root.join("content"),
            &root.join("content/x.md"),
            &text,
            &Site::defaults(),
            &mut diags,
        );
        assert!(notice.is_some() || diags.has_errors(), "{}", path.display());
        assert!(
            started.elapsed().as_secs() < 5,
            "{} took {:?}",
            path.display(),
            started.elapsed()
        );
        n += 1;
    }
    assert!(n >= 1);
}

/// Link and image addresses of every kind: the schemes the fast path keeps, the ones it must
/// not, and scheme-like text hidden by case, entities, percent-escapes and whitespace.
fn destination() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec![
        "http",
        "https",
        "HTTP",
        "hTtPs",
        "mailto",
        "MailTo",
        "tel",
        "javascript",
        "JaVaScRiPt",
        "java\tscript",
        "java\nscript",
        "java script",
        "jav&#x09;ascript",
        "&#106;avascript",
        "&#x6A;avascript",
        "java%73cript",
        "java\\script",
        "vbscript",
        "VBScript",
        "data",
        "DATA",
        " data",
        "file",
        "ftp",
        "x-y+z.1",
        "a",
        "1a",
        "中",
        "",
    ]);
    let colon = prop::sample::select(vec![":", ":", ":", "&#58;", "&colon;", "%3A", "\\:", ""]);
    let rest = prop::sample::select(vec![
        "//e.com/a?b=1&c=2#f",
        "//e.com",
        "//E.COM:8080/路径/文件.pdf",
        "//例子.中国/",
        "//a b",
        "//[::1]/",
        "//[::1",
        "//999.1.1.1/",
        "//1.2.3.4/",
        "//xn--a/",
        "//xn--fiqs8s/",
        "//%zz/",
        "//a%20b/",
        "//a_b.c/",
        "//user:pw@h/",
        "//",
        "/x",
        "",
        "alert(1)",
        "alert('x')",
        "a@b.c",
        "张三@学校.cn?subject=公示",
        "+86-571-8812",
        "text/html;base64,PHNjcmlwdD4=",
        "image/png;base64,iVBOR",
        "///etc/passwd",
        "x&amp;y",
        "x\"y",
        "x'y",
        "x<y>",
        "x\u{a0}y",
    ]);
    let relative = prop::sample::select(vec![
        "a.html",
        "../x/y.pdf",
        "#frag",
        "#",
        "?q=1&r=2",
        "/abs/path",
        "//proto-relative.com/x",
        "%中.pdf",
        "附件/通知.pdf",
        "x.md",
        "../a.md",
        "@slug",
        "a b.pdf",
        "a%2",
        "a:b",
        "./c:d",
        "\\\\host\\share",
        "",
    ]);
    prop_oneof![
        3 => (scheme, colon, rest).prop_map(|(s, c, r)| format!("{s}{c}{r}")),
        1 => relative.prop_map(String::from),
        1 => "[a-zA-Z:/&#;%0-9 \t.]{0,12}",
    ]
}

/// Inline Markdown: text (CJK, quotes, entities, odd characters), emphasis, code, links and
/// images written every way, autolinks, references and footnotes.
fn inline() -> impl Strategy<Value = String> {
    let text = prop::sample::select(vec![
        "公示",
        "学校收费标准",
        "他说\"好\"",
        "it's",
        "a > b",
        "a & b",
        "&amp;",
        "&#106;",
        "&#x09;",
        "&#0;",
        "&nbsp;",
        "&#39;",
        "&quot;",
        "&lt;b&gt;",
        "&copy;",
        "&bogus;",
        "\u{a0}",
        "\u{0}",
        "\r",
        "\t",
        "\u{200b}",
        "\u{feff}",
        "\\*",
        "\\<",
        "~",
        "*",
        "_",
        "[",
        "]",
        "!",
        "<",
        "`",
        " ",
        "  \n",
        "\\\n",
        "\n",
        "x",
        "1.",
        "[^1]",
        "[^注]",
        "[ref]",
        "[Ref][]",
        "[文][ref]",
    ]);
    let title = prop::sample::select(vec![
        "",
        " \"标题\"",
        " 't'",
        " (t)",
        " \"a<b>&'\\\"\"",
        " \"&amp;&#39;\"",
    ]);
    let leaf = text.prop_map(String::from);
    leaf.prop_recursive(3, 24, 4, move |inner| {
        let words = prop::collection::vec(inner, 1..4).prop_map(|v| v.concat());
        prop_oneof![
            (words.clone(), destination(), title.clone(), any::<bool>()).prop_map(
                |(t, d, ti, angle)| if angle {
                    format!("[{t}](<{d}>{ti})")
                } else {
                    format!("[{t}]({d}{ti})")
                }
            ),
            (words.clone(), destination(), title.clone())
                .prop_map(|(t, d, ti)| format!("![{t}]({d}{ti})")),
            destination().prop_map(|d| format!("<{d}>")),
            Just("<a@b.c>".to_string()),
            Just("<张三@学校.cn>".to_string()),
            Just("<//a@b.c>".to_string()),
            words.clone().prop_map(|t| format!("*{t}*")),
            words.clone().prop_map(|t| format!("**{t}**")),
            words.clone().prop_map(|t| format!("~~{t}~~")),
            words.clone().prop_map(|t| format!("`{t}`")),
            words.clone().prop_map(|t| format!("[{t}][ref]")),
            words,
        ]
    })
}

/// A Markdown body: blocks of inline content, headings with attributes, tables, lists, quotes,
/// code, footnote and reference definitions.
fn markdown_body() -> impl Strategy<Value = String> {
    let attrs = prop::sample::select(vec![
        "",
        " {#top}",
        " {#top .x}",
        " {.a .b key=val}",
        " {#a\"b onclick=alert(1)}",
        " {title=t lang=zh}",
        " {#中文 id=x}",
        " {#&amp;}",
        " {#'}",
        " {",
    ]);
    let info = prop::sample::select(vec!["", "rust", "x onclick", "\"q\"", "&amp;", "中"]);
    let align = prop::sample::select(vec!["---", ":--", "--:", ":-:"]);
    let block = prop_oneof![
        4 => inline(),
        1 => (1usize..7, inline(), attrs).prop_map(|(n, t, a)| format!("{} {t}{a}", "#".repeat(n))),
        1 => (inline(), inline(), align, inline()).prop_map(|(a, b, al, c)| format!("| {a} | {b} |\n|{al}|---|\n| {c} | 1.00 |")),
        1 => prop::collection::vec(inline(), 1..4).prop_map(|v| v.iter().map(|x| format!("- {x}\n")).collect()),
        1 => inline().prop_map(|t| format!("1. {t}\n2. x")),
        1 => inline().prop_map(|t| format!("> {t}")),
        1 => (info, inline()).prop_map(|(i, t)| format!("```{i}\n{t}\n```")),
        1 => inline().prop_map(|t| format!("    {t}")),
        1 => (inline(), destination()).prop_map(|(t, d)| format!("[^1]: {t} <{d}>")),
        1 => inline().prop_map(|t| format!("[^注]: {t}")),
        1 => destination().prop_map(|d| format!("[ref]: {d} \"t\"")),
        1 => destination().prop_map(|d| format!("[ref]: <{d}>")),
        1 => Just("---".to_string()),
        1 => Just("***".to_string()),
    ];
    let sep = prop::sample::select(vec!["\n\n", "\n", "\r\n", "\n\n\n"]);
    prop::collection::vec((block, sep), 1..6)
        .prop_map(|v| v.into_iter().map(|(b, s)| b + s).collect())
}

/// Links to notices' source files become their pages, as when building.
fn rewrite(d: &str) -> Option<String> {
    d.strip_suffix(".md").map(|s| format!("/notices/{s}/"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    /// The fast path publishes exactly what the sanitiser would, byte for byte, whenever a body
    /// takes it.
    #[test]
    fn the_sanitisers_fast_path_publishes_what_the_sanitiser_would(body in markdown_body()) {
        if let Some((published, given)) = gongkai::render::markdown::fast_path(&body, &rewrite) {
            prop_assert_eq!(&published, &gongkai::render::markdown::sanitize(&given), "body {:?}", body);
        }
    }
}
