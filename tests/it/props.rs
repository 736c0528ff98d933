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
