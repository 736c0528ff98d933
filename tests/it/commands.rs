//! `init`, `new`, `--help` and usage errors.

use assert_cmd::Command;

use crate::support::{Site, stderr, stdout};

#[test]
fn init_then_build_works_anywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("gongkai")
        .unwrap()
        .current_dir(tmp.path())
        .args(["init", "board"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let root = tmp.path().join("board");
    assert!(root.join("site.yaml").is_file());
    let out = Command::cargo_bin("gongkai")
        .unwrap()
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
