//! Permanent identities: a published notice keeps its URL and index number (索引号) whatever
//! else is added, removed, re-dated or renamed, through the registry `gongkai.lock`.

use crate::support::{Site, assert_fails_saying, assert_has, stderr, stdout};

/// `gongkai build --now NOW ARGS`, asserting success.
fn build_at(site: &Site, now: &str, args: &[&str]) {
    let mut all = vec!["build", "--now", now];
    all.extend_from_slice(args);
    let out = site.run(&all);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
}

fn notice(title: &str, kind: &str, date: &str, extra: &str) -> String {
    format!("---\ntitle: {title}\nkind: {kind}\ndate: {date}\n{extra}---\n{title}的正文。\n")
}

/// The index number shown on a notice page.
fn index_no(site: &Site, slug: &str) -> String {
    let page = site.read(&format!("notices/{slug}.html"));
    let i = page
        .find("T-20")
        .unwrap_or_else(|| panic!("no index number in {slug}"));
    page[i..i + "T-2026-CW-0001".len()].to_string()
}

#[test]
fn a_back_dated_notice_changes_no_published_index_number() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        &notice("甲收支", "finance", "2026-03-02", ""),
    );
    site.write(
        "content/b.md",
        &notice("乙收支", "finance", "2026-03-05", ""),
    );
    site.build_ok(&[]);
    assert_eq!(index_no(&site, "a"), "T-2026-CW-0001");
    assert_eq!(index_no(&site, "b"), "T-2026-CW-0002");
    assert!(site.root.join("gongkai.lock").is_file());
    // A notice dated before both is added: theirs stay, it gets the next free number.
    site.write(
        "content/c.md",
        &notice("丙收支", "finance", "2026-03-01", ""),
    );
    site.build_ok(&[]);
    assert_eq!(index_no(&site, "a"), "T-2026-CW-0001");
    assert_eq!(index_no(&site, "b"), "T-2026-CW-0002");
    assert_eq!(index_no(&site, "c"), "T-2026-CW-0003");
    // A removed notice's number is never given again.
    site.remove("content/c.md");
    site.build_ok(&[]);
    site.write(
        "content/d.md",
        &notice("丁收支", "finance", "2026-03-09", ""),
    );
    site.build_ok(&[]);
    assert_eq!(index_no(&site, "d"), "T-2026-CW-0004");
    assert!(site.read("notices/c.html").contains("本公示已撤除"));
    assert!(
        site.read("notices/c.html")
            .contains("丙收支（T-2026-CW-0003）")
    );
}

#[test]
fn same_day_notices_with_chinese_file_names_keep_their_urls() {
    let site = Site::empty();
    site.write(
        "content/资助名单.md",
        &notice("国家助学金名单", "notice", "2026-12-02", ""),
    );
    build_at(&site, "2026-12-03", &[]);
    let first = site.read("notices/20261202-1.html");
    assert!(first.contains("国家助学金名单"));
    // Two more that day, whose names sort before it.
    site.write(
        "content/元旦放假.md",
        &notice("元旦放假通知", "notice", "2026-12-02", ""),
    );
    site.write(
        "content/一.md",
        &notice("一号通知", "notice", "2026-12-02", ""),
    );
    build_at(&site, "2026-12-03", &[]);
    assert!(
        site.read("notices/20261202-1.html")
            .contains("国家助学金名单")
    );
    let others = [
        site.read("notices/20261202-2.html"),
        site.read("notices/20261202-3.html"),
    ];
    assert!(others.iter().any(|p| p.contains("元旦放假通知")));
    assert!(others.iter().any(|p| p.contains("一号通知")));
    // Renamed or moved into a folder, unchanged: still the same notice at the same URL.
    std::fs::create_dir_all(site.root.join("content/2026-2027/selection")).unwrap();
    std::fs::rename(
        site.root.join("content/资助名单.md"),
        site.root
            .join("content/2026-2027/selection/资助名单（终稿）.md"),
    )
    .unwrap();
    build_at(&site, "2026-12-03", &[]);
    assert!(
        site.read("notices/20261202-1.html")
            .contains("国家助学金名单")
    );
}

#[test]
fn a_notice_made_by_new_keeps_its_identity_when_renamed_and_edited() {
    let site = Site::empty();
    site.write(
        "content/old.md",
        &notice("旧收支", "finance", "2026-03-02", ""),
    );
    site.build_ok(&[]);
    let out = site.run(&[
        "new",
        "selection",
        "2026年国家助学金拟资助名单公示",
        "--date",
        "2026-12-02",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = site
        .root
        .join(stdout(&out).trim().strip_prefix("created ").unwrap());
    let text = std::fs::read_to_string(&path).unwrap();
    assert_has(
        &text,
        &["slug: 20261202-selection-1", "index_no: T-2026-PX-0001"],
    );
    build_at(&site, "2026-12-03", &["--drafts"]);
    let url = "notices/20261202-selection-1.html";
    assert!(site.read(url).contains("T-2026-PX-0001"));
    // Renamed and edited: same URL, same number.
    let moved = site.root.join("content/名单终稿.md");
    std::fs::rename(&path, &moved).unwrap();
    std::fs::write(&moved, text.replace("经个人申报", "经个人申请")).unwrap();
    build_at(&site, "2026-12-03", &["--drafts"]);
    assert!(site.read(url).contains("T-2026-PX-0001"));
    assert!(site.read(url).contains("经个人申请"));
    // A second `new` the same day gets the next identity.
    let out = site.run(&["new", "selection", "第二份名单", "--date", "2026-12-02"]);
    let second = std::fs::read_to_string(
        site.root
            .join(stdout(&out).trim().strip_prefix("created ").unwrap()),
    )
    .unwrap();
    assert_has(
        &second,
        &["slug: 20261202-selection-2", "index_no: T-2026-PX-0002"],
    );
}

#[test]
fn a_changed_slug_leaves_a_redirect_at_the_old_url() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        &notice("收费公示", "notice", "2026-03-02", "slug: fees-2026\n"),
    );
    site.build_ok(&[]);
    let no = index_no(&site, "fees-2026");
    site.write(
        "content/a.md",
        &notice(
            "收费公示",
            "notice",
            "2026-03-02",
            "slug: fees-2026-spring\n",
        ),
    );
    site.build_ok(&[]);
    assert_eq!(index_no(&site, "fees-2026-spring"), no);
    let old = site.read("notices/fees-2026.html");
    assert!(
        old.contains("url=../notices/fees-2026-spring.html"),
        "{old}"
    );
    // The old slug is never given to another notice.
    site.write(
        "content/b.md",
        &notice("别的", "notice", "2026-03-03", "slug: fees-2026\n"),
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "the URL `notices/fees-2026.html` is used by this notice and by content/a.md"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_withdrawn_notice_leads_to_its_correction() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        &notice("原公示", "notice", "2026-03-02", "slug: orig\n"),
    );
    site.build_ok(&[]);
    site.remove("content/a.md");
    site.write(
        "content/b.md",
        &notice(
            "更正公示",
            "notice",
            "2026-03-04",
            "slug: fix\ncorrects: orig\n",
        ),
    );
    // `corrects:` names a withdrawn notice: its URL now leads to the correction.
    site.build_ok(&[]);
    let page = site.read("notices/orig.html");
    assert_has(
        &page,
        &[
            "本公示已撤除，请以更正通知为准",
            "href=\"../notices/fix.html\"",
            "原公示",
        ],
    );
    assert!(site.read("notices/fix.html").contains("原公示"));
}

#[test]
fn hand_written_duplicates_name_both_files_and_a_broken_registry_stops_the_build() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        &notice(
            "甲",
            "notice",
            "2026-03-02",
            "index_no: QHEX-2020-TZ-0001\n",
        ),
    );
    site.write(
        "content/b.md",
        &notice(
            "乙",
            "notice",
            "2026-03-03",
            "index_no: QHEX-2020-TZ-0001\n",
        ),
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "the index number `QHEX-2020-TZ-0001` is used by this notice and by content/a.md"
        ),
        "{}",
        stderr(&out)
    );
    site.remove("content/b.md");
    site.build_ok(&[]);
    // `check` and a failed build never write the registry; a damaged one is an error.
    let lock = std::fs::read_to_string(site.root.join("gongkai.lock")).unwrap();
    assert!(lock.contains("QHEX-2020-TZ-0001"));
    site.write("gongkai.lock", &format!("{lock}broken line\n"));
    let out = site.build(&[]);
    assert_fails_saying(&out, "gongkai.lock");
}

#[test]
fn a_registry_that_cannot_be_written_fails_the_build_before_publishing() {
    let site = Site::empty();
    site.write("content/a.md", &notice("甲", "notice", "2026-03-02", ""));
    site.build_ok(&[]);
    let before = site.tree("public");
    site.write("content/b.md", &notice("乙", "notice", "2026-03-03", ""));
    // The registry can be read but not written (its temporary file's place is a folder).
    std::fs::create_dir(site.root.join(".gongkai.lock.tmp")).unwrap();
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("gongkai.lock"), "{}", stderr(&out));
    assert_eq!(
        site.tree("public"),
        before,
        "published without recording its identities"
    );
}
