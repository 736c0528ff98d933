//! The national public holidays and 调休 working days built into gongkai: notice periods count
//! them on a site whose site.yaml lists no `holidays:` at all, site.yaml adds to or overrides
//! them, and a period reaching a year the table does not cover is a warning naming the year.

use crate::support::{SITE_YAML, Site, assert_has, stderr};

/// A selection notice dated `date` with a period of `days` working days.
fn selection(date: &str, days: u32) -> String {
    format!(
        "---\ntitle: 评选结果公示\nkind: selection\ndate: {date}\nperiod: {{days: {days}}}\naward: 优秀教师\ncandidates: [{{name: 张三, result: selected}}]\n---\n正文。\n"
    )
}

/// A site with no `holidays:` or `workdays:` (plus `extra` settings) and one selection notice
/// per `(slug, date)`, each with a period of 5 working days, built on 2030-01-01 (every notice
/// published).
fn built(extra: &str, notices: &[(&str, &str)]) -> (Site, String) {
    let site = Site::empty();
    site.write("site.yaml", &format!("{SITE_YAML}{extra}"));
    for (slug, date) in notices {
        site.write(&format!("content/{slug}.md"), &selection(date, 5));
    }
    let out = site.run(&["build", "--now", "2030-01-01"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    (site, err)
}

#[test]
fn national_day_2023_counts_the_holiday_and_the_adjusted_weekend() {
    // 2023: 09-29 to 10-06 off, Saturday 10-07 and Sunday 10-08 worked (国办发明电〔2022〕16号).
    // Wed 09-27, Thu 09-28, Sat 10-07, Sun 10-08, Mon 10-09.
    let (site, err) = built("", &[("n2023", "2023-09-27")]);
    assert!(!err.contains("warning"), "{err}");
    assert_has(
        &site.read("notices/n2023.html"),
        &[
            "2023年9月27日至10月9日（5个工作日）",
            "data-period-start=\"2023-09-27\" data-period-end=\"2023-10-09\" data-working-dates=\"2023-09-27 2023-09-28 2023-10-07 2023-10-08 2023-10-09\"",
        ],
    );
}

#[test]
fn national_day_2025_counts_the_holiday_and_the_adjusted_weekends() {
    // 2025: 10-01 to 10-08 off, Sunday 09-28 and Saturday 10-11 worked.
    // Fri 09-26, Sun 09-28, Mon 09-29, Tue 09-30, Thu 10-09.
    let (site, err) = built("", &[("n2025", "2025-09-26")]);
    assert!(!err.contains("warning"), "{err}");
    assert_has(
        &site.read("notices/n2025.html"),
        &[
            "2025年9月26日至10月9日（5个工作日）",
            "data-working-dates=\"2025-09-26 2025-09-28 2025-09-29 2025-09-30 2025-10-09\"",
        ],
    );
}

#[test]
fn spring_festival_2024_counts_the_holiday_and_both_adjusted_sundays() {
    // 2024: 02-10 to 02-17 off, Sunday 02-04 and Sunday 02-18 worked; 除夕 02-09 is a working day.
    let (site, err) = built("", &[("before", "2024-02-02"), ("across", "2024-02-07")]);
    assert!(!err.contains("warning"), "{err}");
    // Fri 02-02, Sun 02-04, Mon 02-05, Tue 02-06, Wed 02-07.
    assert_has(
        &site.read("notices/before.html"),
        &[
            "2024年2月2日至2月7日（5个工作日）",
            "data-working-dates=\"2024-02-02 2024-02-04 2024-02-05 2024-02-06 2024-02-07\"",
        ],
    );
    // Wed 02-07, Thu 02-08, Fri 02-09, Sun 02-18, Mon 02-19.
    assert_has(
        &site.read("notices/across.html"),
        &[
            "2024年2月7日至2月19日（5个工作日）",
            "data-working-dates=\"2024-02-07 2024-02-08 2024-02-09 2024-02-18 2024-02-19\"",
        ],
    );
}

#[test]
fn site_settings_add_to_and_override_the_national_table() {
    // A school holiday on Thursday 09-28, a day of the national holiday (Monday 10-02) worked,
    // and a national 调休 Saturday (10-07) that the school keeps free:
    // Wed 09-27, Mon 10-02, Sun 10-08, Mon 10-09, Tue 10-10.
    let (site, err) = built(
        "holidays: [2023-09-28, 2023-10-07]\nworkdays: [2023-10-02]\n",
        &[("n2023", "2023-09-27")],
    );
    assert!(!err.contains("warning"), "{err}");
    assert_has(
        &site.read("notices/n2023.html"),
        &[
            "2023年9月27日至10月10日（5个工作日）",
            "data-working-dates=\"2023-09-27 2023-10-02 2023-10-08 2023-10-09 2023-10-10\"",
        ],
    );
}

#[test]
fn the_national_table_can_be_switched_off() {
    // Monday to Friday only: Wed 09-27, Thu 09-28, Fri 09-29, Mon 10-02, Tue 10-03.
    let (site, err) = built("national_holidays: false\n", &[("n2023", "2023-09-27")]);
    assert!(!err.contains("warning"), "{err}");
    assert_has(
        &site.read("notices/n2023.html"),
        &["2023年9月27日至10月3日（5个工作日）"],
    );
}

#[test]
fn a_period_reaching_a_year_without_data_is_a_warning_naming_the_year() {
    // The table ends with 2026: Monday 12-28 .. Friday 2027-01-01, counted Monday to Friday.
    let (site, err) = built("", &[("late", "2026-12-28")]);
    assert_has(
        &err,
        &[
            "content/late.md:5:1: warning: ",
            "2027",
            "`holidays:`",
            "update gongkai",
        ],
    );
    // The notice is still published, with the period counted as well as gongkai can.
    assert_has(
        &site.read("notices/late.html"),
        &["2026年12月28日至2027年1月1日（5个工作日）"],
    );
    // The same without a `period:` (the default period): the warning is at `date:`.
    let site = Site::empty();
    site.write(
        "content/plain.md",
        "---\ntitle: 评选结果公示\nkind: selection\ndate: 2028-03-01\naward: 优秀教师\ncandidates: [{name: 张三, result: selected}]\n---\n正文。\n",
    );
    let out = site.run(&["build", "--now", "2030-01-01"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_has(&err, &["content/plain.md:4:1: warning: ", "2028"]);
    // A year before the table: the hint does not promise an update.
    let (_, err) = built("", &[("old", "2010-03-01")]);
    assert_has(
        &err,
        &["content/old.md:5:1: warning: ", "2010", "`holidays:`"],
    );
    assert!(!err.contains("update gongkai"), "{err}");
    // Holidays of the year in site.yaml silence it: the school has given that year's days.
    let (site, err) = built(
        "holidays: [2027-01-01]\nworkdays: []\n",
        &[("late", "2026-12-28")],
    );
    assert!(!err.contains("warning"), "{err}");
    assert_has(
        &site.read("notices/late.html"),
        &["2026年12月28日至2027年1月4日（5个工作日）"],
    );
}

#[test]
fn a_selection_period_shorter_than_the_rule_is_a_warning_with_the_rule() {
    let site = Site::empty();
    site.write("content/short.md", &selection("2026-03-02", 4));
    site.write("content/enough.md", &selection("2026-03-02", 5));
    let out = site.run(&["check", "--now", "2026-11-28"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "a warning, not an error: {err}");
    assert_has(
        &err,
        &[
            "content/short.md:5:",
            "4 working days",
            "at least 5",
            "min_period_days",
        ],
    );
    assert!(!err.contains("content/enough.md"), "{err}");
    // The site may set its own rule.
    site.write("site.yaml", &format!("{SITE_YAML}min_period_days: 3\n"));
    let err = stderr(&site.run(&["check", "--now", "2026-11-28"]));
    assert!(!err.contains("content/short.md"), "{err}");
}
