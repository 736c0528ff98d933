//! Bad input: every error names the file, line and column, says how to fix it, all errors of a
//! build are reported together, and the exit code is 1.

use assert_cmd::Command;

use crate::support::{Site, assert_has, stderr, stdout};

fn fails_with(notice: &str) -> String {
    crate::support::fails_with("content/bad.md", notice)
}

#[test]
fn malformed_yaml() {
    let err = fails_with("---\ntitle: 公示\nkind: notice\ndate: [2026-01-01\n---\n");
    assert_has(&err, &["content/bad.md:", "error: invalid YAML", "help:"]);
}

#[test]
fn a_full_width_colon_gets_its_own_hint() {
    let err = fails_with("---\ntitle：关于收费的公示\nkind: notice\ndate: 2026-03-02\n---\n正文\n");
    assert!(err.contains("content/bad.md:2:6"), "{err}");
    assert!(err.contains("full-width colon"), "{err}");
    assert!(err.contains("write it as `title: 关于收费的公示`"), "{err}");
}

#[test]
fn brackets_in_a_row_value_get_the_quoted_form() {
    let err = fails_with(
        "---\ntitle: 收费\nkind: finance\ndate: 2026-03-02\nfees: [{item: 学费, standard: 300, unit: 学期, basis: 常价费[2004]343号}]\n---\n正文\n",
    );
    assert!(err.contains("content/bad.md:5:"), "{err}");
    assert!(
        err.contains("write it as `basis: \"常价费[2004]343号\"`"),
        "{err}"
    );
}

#[test]
fn a_slug_with_capitals_is_an_error_not_lowercased_silently() {
    let err = fails_with(
        "---\ntitle: 公示\nkind: notice\ndate: 2026-03-02\nslug: Fees-2026\n---\n正文\n",
    );
    assert!(err.contains("content/bad.md:5:"), "{err}");
    assert!(err.contains("write it as `slug: fees-2026`"), "{err}");
}

const FEES: &str = "---\ntitle: 收费公示\nkind: finance\ndate: 2026-03-02\nfees:\n  - {item: 学费, standard: 300, unit: 学期, basis: 文件}\n---\n正文\n\n";

#[test]
fn a_failed_data_block_is_one_error_not_two() {
    let err = fails_with(&format!(
        "{}{{{{ fees }}}}\n",
        FEES.replace("standard: 300", "standard: abc")
    ));
    assert!(err.contains("`abc` is neither a price"), "{err}");
    assert!(!err.contains("no fees data"), "{err}");
    assert!(err.contains("1 error(s)"), "{err}");
}

#[test]
fn a_marker_not_written_exactly_or_placed_twice_is_an_error() {
    let err = fails_with(&format!("{FEES}{{{{  fees  }}}}\n"));
    assert!(err.contains("content/bad.md:10:1"), "{err}");
    assert!(err.contains("write the marker as `{{ fees }}`"), "{err}");
    let err = fails_with(&format!("{FEES}{{{{ fees }}}}\n\n{{{{ fees }}}}\n"));
    assert!(err.contains("content/bad.md:12:1"), "{err}");
    assert!(err.contains("placed twice"), "{err}");
}

#[test]
fn a_csv_saved_by_excel_on_windows_names_the_right_row() {
    // Excel writes CRLF line endings: the bad cell is on line 3, and only it is quoted.
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: 收费公示\nkind: finance\ndate: 2026-03-02\nfees_csv: fees.csv\n---\n正文\n",
    );
    site.write(
        "content/fees.csv",
        "item,standard,unit,basis\r\n学费,300,学期,文件\r\n书本费,abc,学期,文件\r\n住宿费,500,学期,文件\r\n",
    );
    let err = stderr(&site.build(&[]));
    assert!(err.contains("content/fees.csv:3:2"), "{err}");
    assert!(err.contains("abc") && !err.contains(",300,"), "{err}");
}

#[test]
fn check_warns_about_all_the_sanitiser_removes() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: 公示\nkind: notice\ndate: 2026-03-02\n---\n<p style=\"color:red\">红字</p>\n\n<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"图\">\n",
    );
    let err = stderr(&site.run(&["check", "--now", "2026-11-28"]));
    assert!(
        err.contains("content/a.md:6:1: warning: raw HTML removed"),
        "{err}"
    );
    assert!(
        err.contains("content/a.md:8:1: warning: raw HTML removed"),
        "{err}"
    );
}

#[test]
fn unknown_filters_and_includes_name_the_template_file_and_line() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: 公示\nkind: notice\ndate: 2026-03-02\n---\n正文\n",
    );
    for (body, what) in [
        ("<h1>{{ page.title | nosuchfilter }}</h1>", "nosuchfilter"),
        ("{% include \"nosuch.html\" %}", "nosuch.html"),
    ] {
        site.write(
            "templates/terms.html",
            &format!("{{% extends \"base.html\" %}}\n{{% block content %}}\n{body}\n{{% endblock content %}}\n"),
        );
        let out = site.run(&["check", "--format", "json", "--now", "2026-11-28"]);
        let text = crate::support::stdout(&out);
        let f: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(f["file"], "templates/terms.html", "{text}");
        assert_eq!(f["line"], 3, "{text}");
        assert!(f["message"].as_str().unwrap().contains(what), "{text}");
    }
}

#[test]
fn link_errors_point_at_the_destination_with_the_line() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: 公示\nkind: notice\ndate: 2026-03-02\n---\n见[b.md](b.md)与[草稿](draft.md)。\n",
    );
    site.write(
        "content/draft.md",
        "---\ntitle: 草稿\nkind: notice\ndate: 2026-03-02\ndraft: true\n---\n正文\n",
    );
    let err = stderr(&site.run(&["check", "--now", "2026-11-28"]));
    // The destination, not the link text that reads the same.
    assert!(err.contains("content/a.md:6:9: error"), "{err}");
    // A link to a notice this build does not publish: its column and the line quoted.
    assert!(err.contains("content/a.md:6:20: error"), "{err}");
    assert!(
        err.matches("6 | 见[b.md](b.md)与[草稿](draft.md)。")
            .count()
            == 2,
        "{err}"
    );
}

#[test]
fn a_bad_satisfied_grades_does_not_hide_the_ballot_errors() {
    let err = fails_with(
        "---\ntitle: 测评\nkind: evaluation\ndate: 2026-03-02\nsatisfied_grades: [优良]\nballots: {issued: 10, returned: 12, valid: 10}\nresults:\n  - {name: 王建军, votes: [9, 1, 0, 0]}\n---\n正文\n",
    );
    assert!(
        err.contains("content/bad.md:5:1: error: invalid value for `satisfied_grades`"),
        "{err}"
    );
    assert!(err.contains("content/bad.md:6:"), "{err}");
    assert!(
        err.contains("12 ballots returned but only 10 issued"),
        "{err}"
    );
}

#[test]
fn every_unknown_key_of_a_file_is_reported_at_once() {
    let err = fails_with(
        "---\ntitle: 公示\nkind: notice\ndate: 2026-03-02\ndepartmnt: 办公室\nsumary: 概述\ntags: [a]\n---\n正文\n",
    );
    assert!(
        err.contains("content/bad.md:5:1: error: unknown field `departmnt`"),
        "{err}"
    );
    assert!(
        err.contains("content/bad.md:6:1: error: unknown field `sumary`"),
        "{err}"
    );
    assert!(err.contains("did you mean `summary`?"), "{err}");
    assert!(err.contains("2 error(s)"), "{err}");
}

#[test]
fn unknown_key_with_suggestion() {
    let err = fails_with("---\ntitel: 公示\nkind: notice\ndate: 2026-01-01\n---\n");
    assert_has(
        &err,
        &[
            "content/bad.md:2:1: error: unknown field `titel`",
            "2 | titel: 公示",
            "help: did you mean `title`?",
        ],
    );
}

#[test]
fn unknown_nested_key() {
    let err = fails_with(
        "---\ntitle: 公示\nkind: finance\ndate: 2026-01-01\nperiod:\n  start: 2026-01-01\n  ends: 2026-01-09\n---\n",
    );
    assert_has(
        &err,
        &[
            "content/bad.md:7:3: error: unknown field `ends`",
            "did you mean `end`?",
        ],
    );
}

#[test]
fn wrong_type() {
    let err = fails_with("---\ntitle: 公示\nkind: notice\ndate: 2026-01-01\ntags: 收费\n---\n");
    assert_has(&err, &["content/bad.md:5:", "invalid type"]);
}

#[test]
fn missing_required_fields() {
    let err = fails_with("---\ntitle: 公示\n---\n");
    assert_has(
        &err,
        &[
            "content/bad.md:1:1: error: missing required field `kind`",
            "missing required field `date`",
        ],
    );
}

#[test]
fn bad_dates() {
    let err = fails_with("---\ntitle: 公示\nkind: notice\ndate: 2026-02-30\n---\n");
    assert_has(
        &err,
        &[
            "content/bad.md:4:1: error: `date`: `2026-02-30` is not a valid date",
            "YYYY-MM-DD",
        ],
    );
}

#[test]
fn period_end_before_start() {
    let err = fails_with(
        "---\ntitle: 公示\nkind: selection\ndate: 2026-03-02\nperiod: {start: 2026-03-02, end: 2026-02-27}\n---\n",
    );
    assert_has(
        &err,
        &[
            "content/bad.md:5:29: error: the notice period ends (2026-02-27) before it starts (2026-03-02)",
        ],
    );
}

/// Regression: text in a quoted title that looks like a key (`period:`) once took the
/// position of a later error in the real `period:`.
#[test]
fn quoted_text_does_not_take_a_later_errors_position() {
    let err = fails_with(
        "---\ntitle: \"关于 period: 的说明\"\nkind: selection\ndate: 2026-03-02\nperiod:\n  start: 2026-03-02\n  end: 2026-02-27\n---\n",
    );
    assert_has(
        &err,
        &[
            "content/bad.md:7:3: error: the notice period ends (2026-02-27) before it starts (2026-03-02)",
            "7 |   end: 2026-02-27",
        ],
    );
    // A trailing comment that looks like a key.
    let err = fails_with(
        "---\ntitle: 公示 # period: {end: 1}\nkind: selection\ndate: 2026-03-02\nperiod: {start: 2026-03-02, end: 2026-02-27}\n---\n",
    );
    assert_has(
        &err,
        &["content/bad.md:5:29: error: the notice period ends (2026-02-27) before it starts"],
    );
}

#[test]
fn site_yaml_errors_are_not_fooled_by_quoted_text() {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: \"公开栏 timezone: 北京\"\nschool: 测试学校\nschool_code: T\ntimezone: Mars/Olympus\nholidays: [\"2026-01-01\", \"2026-13-01\"]\n",
    );
    site.write(
        "content/a.md",
        "---\ntitle: 甲\nkind: notice\ndate: 2026-03-02\n---\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert_has(
        &stderr(&out),
        &[
            "site.yaml:4:1: error: invalid value for `timezone`",
            "site.yaml:5:26: error: `holidays`: `2026-13-01`",
        ],
    );
}

#[test]
fn unknown_kind() {
    let err = fails_with("---\ntitle: 公示\nkind: 公告\ndate: 2026-03-02\n---\n");
    assert_has(
        &err,
        &[
            "content/bad.md:3:1: error: unknown kind `公告`",
            "finance (财务)",
        ],
    );
}

#[test]
fn missing_attachment() {
    let err = fails_with(
        "---\ntitle: 公示\nkind: notice\ndate: 2026-03-02\nattachments:\n  - {title: 批复, file: pifu.pdf}\n---\n",
    );
    assert_has(
        &err,
        &["content/bad.md:6:17: error: the attachment `pifu.pdf` does not exist"],
    );
}

#[test]
fn attachment_outside_content_is_refused() {
    let err = fails_with(
        "---\ntitle: 公示\nkind: notice\ndate: 2026-03-02\nattachments:\n  - {file: ../site.yaml}\n---\n",
    );
    assert_has(
        &err,
        &[
            "content/bad.md:6:",
            "the attachment path `../site.yaml` is not allowed",
        ],
    );
}

#[test]
fn no_front_matter() {
    let err = fails_with("# 只有正文\n");
    assert_has(
        &err,
        &["content/bad.md:1:1: error: the notice has no front matter"],
    );
}

#[test]
fn duplicate_slugs_name_both_files() {
    let site = Site::empty();
    site.write(
        "content/a/fees.md",
        "---\ntitle: 甲\nkind: notice\ndate: 2026-03-02\n---\n",
    );
    site.write(
        "content/b/fees.md",
        "---\ntitle: 乙\nkind: notice\ndate: 2026-03-03\n---\n",
    );
    site.write(
        "content/c.md",
        "---\ntitle: 丙\nkind: notice\ndate: 2026-03-03\nslug: fees\n---\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_has(
        &err,
        &[
            "content/c.md:5:1: error: the URL `notices/fees.html` is used by this notice and by content/a/fees.md",
        ],
    );
    // A file name that is taken is no error: the second notice gets the next free URL.
    assert!(!err.contains("content/b/fees.md"), "{err}");
    site.remove("content/c.md");
    site.build_ok(&[]);
    assert!(site.read("notices/fees.html").contains("甲"));
    assert!(site.read("notices/fees-2.html").contains("乙"));
}

#[test]
fn duplicate_index_numbers() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: 甲\nkind: notice\ndate: 2026-03-02\n---\n",
    );
    site.write(
        "content/b.md",
        "---\ntitle: 乙\nkind: notice\ndate: 2026-03-03\nindex_no: T-2026-TZ-0001\n---\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert_has(
        &stderr(&out),
        &[
            "content/b.md:5:1: error: the index number `T-2026-TZ-0001` is used by this notice and by content/a.md",
        ],
    );
}

#[test]
fn bad_slug() {
    let err = fails_with("---\ntitle: 公示\nkind: notice\ndate: 2026-03-02\nslug: 收费公示\n---\n");
    assert_has(
        &err,
        &[
            "content/bad.md:5:1: error: `slug: 收费公示` is not a valid URL slug",
            "ASCII",
        ],
    );
}

#[test]
fn site_yaml_errors() {
    let site = Site::empty();
    site.write("site.yaml", "title: 公开栏\nschool_cde: X\n");
    site.write(
        "content/a.md",
        "---\ntitle: 甲\nkind: notice\ndate: 2026-03-02\n---\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert_has(
        &stderr(&out),
        &[
            "site.yaml:2:1: error: unknown field `school_cde`",
            "did you mean `school_code`?",
        ],
    );
    site.write(
        "site.yaml",
        "timezone: Mars/Olympus\nschool_year_start: \"13-01\"\n",
    );
    let out = site.build(&[]);
    assert_has(
        &stderr(&out),
        &[
            "site.yaml:1:1: error: invalid value for `timezone`",
            "site.yaml:2:1: error: invalid value for `school_year_start`",
        ],
    );
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let site = Site::empty();
    site.write(
        "content/1.md",
        "---\ntitel: 甲\nkind: notice\ndate: 2026-03-02\n---\n",
    );
    site.write(
        "content/2.md",
        "---\ntitle: 乙\nkind: notice\ndate: 2026-13-01\n---\n",
    );
    site.write(
        "content/3.md",
        "---\ntitle: 丙\nkind: nothing\ndate: 2026-03-02\nperiod: {days: 0}\n---\n",
    );
    site.write("content/4.md", "no front matter\n");
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_has(
        &err,
        &[
            "content/1.md:2:1: error: unknown field `titel`",
            "content/2.md:4:1: error: `date`",
            "content/3.md:3:1: error: unknown kind `nothing`",
            "content/4.md:1:1: error: the notice has no front matter",
            "build failed: 4 error(s); the output folder was not changed",
        ],
    );
    // In file order.
    assert!(err.find("content/1.md").unwrap() < err.find("content/4.md").unwrap());
}

#[test]
fn template_errors_name_the_template_and_line() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: 甲\nkind: notice\ndate: 2026-03-02\n---\n",
    );
    site.write("templates/notice.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ notice.nonexistent.field }}\n{% endblock content %}\n");
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert_has(
        &stderr(&out),
        &["templates/notice.html:3:", "error: template error"],
    );
    site.write("templates/notice.html", "{% if %}\n");
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert_has(&stderr(&out), &["templates/notice.html:1:"]);
}

/// A Chinese site tells its clerk in Chinese: messages, hints and the summary line; `--lang en`
/// (or GONGKAI_LANG) gives English; the codes in `--format json` are the same in both.
#[test]
fn a_chinese_site_gets_its_messages_in_chinese() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle：测评结果\nkind: evaluation\ndate: 2026-03-02\n---\n正文\n",
    );
    site.write(
        "content/b.md",
        "---\ntitle: 测评结果\nkind: evaluation\ndate: 2026-03-02\nballots: {issued: 38, returned: 39, valid: 38}\nresults:\n  - {name: 王建军, votes: [30, 6, 1, 0]}\n---\n经某某组织测评。\n",
    );
    let run = |args: &[&str]| {
        Command::cargo_bin("gongkai")
            .unwrap()
            .env_remove("GONGKAI_LANG")
            .current_dir(&site.root)
            .args(args)
            .output()
            .unwrap()
    };
    let zh = stderr(&run(&["check", "--now", "2026-03-03"]));
    assert_has(
        &zh,
        &[
            "content/a.md:2:6: error: 字段区格式有误",
            "content/b.md:5:23: error: 收回 39 张选票，但只发出 38 张",
            "content/b.md:9:2: warning: 还留有示例文字：`某某`",
            "content/a.md:2:6: error: 字段区格式有误：`title` 后面是中文全角冒号",
            "  = 提示: 公开前请把示例换成真实的文字、姓名、号码或地址",
            "检查完成：2 个错误，1 个警告",
        ],
    );
    assert!(!zh.contains("help:"), "{zh}");
    let en = stderr(&run(&["check", "--now", "2026-03-03", "--lang", "en"]));
    assert_has(
        &en,
        &[
            "content/b.md:5:23: error: 39 ballots returned but only 38 issued",
            "check: 2 error(s), 1 warning(s)",
        ],
    );
    let codes = |lang: &str| -> Vec<String> {
        stdout(&run(&[
            "check",
            "--now",
            "2026-03-03",
            "--format",
            "json",
            "--lang",
            lang,
        ]))
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["code"].to_string())
        .collect()
    };
    assert_eq!(codes("zh"), codes("en"));
    let json = stdout(&run(&["check", "--now", "2026-03-03", "--format", "json"]));
    assert!(json.contains("收回 39 张选票"), "{json}");
    // The build's own lines too.
    let out = run(&["build", "--now", "2026-03-03"]);
    assert!(
        stderr(&out).contains("生成失败：2 个错误；输出文件夹没有改动"),
        "{}",
        stderr(&out)
    );
    // And the commands' own errors and help.
    let out = run(&["new", "report", "标题"]);
    assert!(
        stderr(&out).contains("错误：未知的类别 `report`"),
        "{}",
        stderr(&out)
    );
    site.remove("content/a.md");
    site.remove("content/b.md");
    site.write("elsewhere/index.php", "<?php");
    let out = run(&["build", "--now", "2026-03-03", "--output", "elsewhere"]);
    assert!(
        stderr(&out).contains("错误：不替换") && stderr(&out).contains("`index.php`"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&run(&["build", "--help"])).starts_with("生成网站"));
}
