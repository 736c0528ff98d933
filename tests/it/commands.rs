//! `init`, `new`, `--help` and usage errors.

use assert_cmd::Command;

use crate::support::{Site, stderr, stdout};

#[test]
fn init_then_build_works_anywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("gongkai")
        .unwrap()
        .env("GONGKAI_LANG", "en")
        .current_dir(tmp.path())
        .args(["init", "board"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let root = tmp.path().join("board");
    assert!(root.join("site.yaml").is_file());
    let out = Command::cargo_bin("gongkai")
        .unwrap()
        .env("GONGKAI_LANG", "en")
        .current_dir(&root)
        .args(["build"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // It builds, but the samples left in are said, and `check --strict` stops on them: the
    // school 某某, the phone 0000-…, the example base URL (the QR codes would lead there).
    let err = stderr(&out);
    for (needle, file) in [
        ("某某", "site.yaml"),
        ("0000-0000", "site.yaml"),
        ("example.edu.cn", "site.yaml"),
    ] {
        assert!(
            err.contains(&format!("a placeholder is left in: `{needle}`")) && err.contains(file),
            "{needle}: {err}"
        );
    }
    let strict = Command::cargo_bin("gongkai")
        .unwrap()
        .env("GONGKAI_LANG", "en")
        .current_dir(&root)
        .args(["check", "--strict"])
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    let index = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(index.contains("校务公开栏开通公告"));
    // The embedded theme's stylesheet is written without any theme folder on disk.
    assert!(root.join("public/style.css").is_file());
    assert!(!root.join("themes").exists());
    // A second init into the same folder is refused.
    let out = Command::cargo_bin("gongkai")
        .unwrap()
        .env("GONGKAI_LANG", "en")
        .current_dir(tmp.path())
        .args(["init", "board"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not empty"));
}

#[test]
fn new_creates_a_notice_that_builds() {
    let site = Site::empty();
    for (kind, title) in [
        ("finance", "2026年春季学期收费项目及标准公示"),
        ("评议", "2026年度领导班子民主测评结果公示"),
        ("selection", "优秀教师评选结果公示"),
        ("notice", "寒假安全告家长书"),
    ] {
        let out = site.run(&["new", kind, title, "--date", "2026-11-20"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains("created"));
    }
    // The skeletons' （在此…） text to write is a placeholder until it is written.
    let err = stderr(&site.run(&["check", "--now", "2026-11-28"]));
    assert!(
        err.contains("寒假安全告家长书.md:") && err.contains("a placeholder is left in: `（在此`"),
        "{err}"
    );
    let path = site
        .root
        .join("content/2026-2027/finance/2026-11-20-2026年春季学期收费项目及标准公示.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with(
            "---\ntitle: 2026年春季学期收费项目及标准公示\nkind: finance\ndate: 2026-11-20\n"
        ),
        "{text}"
    );
    site.build_ok(&[]);
    let board = site.read("index.html");
    assert!(board.contains("优秀教师评选结果公示"));
    let out = site.run(&["new", "report", "标题"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unknown kind `report`"));
}

#[test]
fn usage_errors_exit_2_and_every_command_has_help() {
    let site = Site::empty();
    assert_eq!(site.run(&["build", "--bogus"]).status.code(), Some(2));
    assert_eq!(
        site.run(&["build", "--now", "yesterday"]).status.code(),
        Some(2)
    );
    assert_eq!(
        site.run(&["build", "--audience", "everyone"]).status.code(),
        Some(2)
    );
    for cmd in ["build", "init", "new"] {
        let out = site.run(&[cmd, "--help"]);
        assert!(out.status.success());
        assert!(stdout(&out).contains("Usage: gongkai"), "{cmd}");
    }
}

/// `gongkai new KIND` writes the structured data of its kind with sample rows, the marker where
/// the table goes, and the department the site uses; the samples build into real tables (so a
/// clerk sees the shape) and every sample row is flagged until it is replaced.
#[test]
fn new_writes_the_structured_block_of_its_kind_and_flags_its_samples() {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: 公开栏\nschool: 青禾市第二小学\nschool_code: QHEX\ndepartments: [总务处, 工会]\n",
    );
    let made = |kind: &str, title: &str| {
        let out = site.run(&["new", kind, title, "--date", "2026-11-20"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let path = stdout(&out);
        let path = path.trim().trim_start_matches("created ").trim();
        std::fs::read_to_string(site.root.join(path).canonicalize().unwrap_or(path.into())).unwrap()
    };
    let finance = made("finance", "2026年秋季学期食堂伙食收支公示");
    let evaluation = made("evaluation", "2026年度中层干部民主测评结果公示");
    let selection = made("selection", "2026年度优秀教师评选公示");
    for (text, needles) in [
        (
            &finance,
            &[
                "department: 总务处",
                "ledger:",
                "declared:",
                "{{ ledger }}",
                "# fees:",
                "# donations:",
            ][..],
        ),
        (
            &evaluation,
            &[
                "department: 总务处",
                "ballots:",
                "results:",
                "{{ results }}",
            ][..],
        ),
        (
            &selection,
            &[
                "department: 总务处",
                "award:",
                "quota:",
                "candidates:",
                "{{ candidates }}",
            ][..],
        ),
    ] {
        for n in needles {
            assert!(text.contains(n), "missing `{n}` in:\n{text}");
        }
        // The table is placed before the objection paragraph and the signature.
        let marker = text.find("{{ ").unwrap();
        assert!(marker < text.find("公示期内如有异议").unwrap(), "{text}");
    }
    // The samples build: the tables are on the pages.
    let out = site.build_ok(&[]);
    let notice = |slug: &str| site.read(&format!("notices/{slug}.html"));
    assert!(notice("20261120-finance-1").contains("<caption>收支明细"));
    assert!(notice("20261120-evaluation-1").contains("测评结果"));
    assert!(notice("20261120-selection-1").contains("候选人及评选结果"));
    // …and each sample row is flagged until it is replaced.
    let err = stderr(&out);
    for file in [
        "食堂伙食收支公示.md",
        "中层干部民主测评结果公示.md",
        "优秀教师评选公示.md",
    ] {
        let lines: Vec<&str> = err
            .lines()
            .filter(|l| l.contains(file) && l.contains("placeholder"))
            .collect();
        assert!(lines.len() >= 2, "{file}: {err}");
    }
    let strict = site.run(&["check", "--strict", "--now", "2026-11-28"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
}

/// `gongkai new KIND` offers every structure of its kind as a commented block (issue 16, item
/// 10), and each block builds once uncommented, as a clerk would use it.
#[test]
fn new_offers_each_structure_commented_and_each_builds_uncommented() {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: 公开栏\nschool: 青禾市第二小学\nschool_code: QHEX\n",
    );
    let uncomment = |text: &str, key: &str| -> String {
        let mut out = String::new();
        let mut inside = false;
        for line in text.lines() {
            let start = line.starts_with(&format!("# {key}:"));
            if start || (inside && line.starts_with("#   ")) {
                inside = true;
                out.push_str(&line[2..]);
            } else {
                inside = false;
                out.push_str(line);
            }
            out.push('\n');
        }
        out
    };
    for (kind, keys) in [
        (
            "finance",
            &["fees", "donations", "fee_matrix", "accounts", "procurement"][..],
        ),
        (
            "evaluation",
            &["attendance", "rate_name", "aspects", "caps"][..],
        ),
        ("selection", &["tiers", "tier_totals"][..]),
        ("notice", &["vote", "consultation"][..]),
    ] {
        let out = site.run(&["new", kind, "结构示例", "--date", "2026-11-20"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let path = stdout(&out);
        let path = site
            .root
            .join(path.trim().trim_start_matches("created ").trim());
        let text = std::fs::read_to_string(&path).unwrap();
        for key in keys {
            assert!(
                text.contains(&format!("# {key}:")),
                "{kind}: no `# {key}:` in\n{text}"
            );
            std::fs::write(&path, uncomment(&text, key)).unwrap();
            let built = site.build(&[]);
            assert!(
                built.status.success(),
                "{kind} with {key} uncommented:\n{}\n{}",
                stderr(&built),
                std::fs::read_to_string(&path).unwrap()
            );
        }
        std::fs::remove_file(&path).unwrap();
    }
}
