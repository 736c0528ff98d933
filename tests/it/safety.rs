//! Atomic and deterministic output, staff-only and draft notices, and refusing to write where
//! the output would destroy sources.

use crate::support::{Site, stderr};

#[test]
fn identical_inputs_give_identical_bytes() {
    let site = Site::fixture("basic");
    site.build_ok(&["--output", "out1"]);
    site.build_ok(&["--output", "out2"]);
    let (a, b) = (site.tree("out1"), site.tree("out2"));
    assert!(a.len() > 20);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(v == &b[k], "{k} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let before = site.tree("public");
    site.write(
        "content/2026-2027/broken.md",
        "---\ntitle: 坏\nkind: notice\ndate: 2026-99-01\n---\n",
    );
    site.write(
        "content/2026-2027/good.md",
        "---\ntitle: 新通知\nkind: notice\ndate: 2026-11-01\n---\n",
    );
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        site.tree("public"),
        before,
        "the output changed after a failed build"
    );
    // No staging folders are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Fixed, the next build replaces the output and drops removed pages.
    site.remove("content/2026-2027/broken.md");
    site.remove("content/2026-2027/selection/title-2026.md");
    site.build_ok(&[]);
    assert!(site.out("notices/good.html").exists());
    assert!(!site.out("notices/title-2026.html").exists());
}

#[test]
fn staff_only_notices_never_reach_a_public_build() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    for (rel, bytes) in site.tree("public") {
        let text = String::from_utf8_lossy(&bytes);
        for secret in [
            "绩效工资",
            "jixiao-2026",
            "内部事项",
            "人事办公室/",
            "仅限校内",
        ] {
            assert!(!text.contains(secret), "public/{rel} contains `{secret}`");
        }
    }
    assert!(!site.out("notices/jixiao-2026.html").exists());
    // A staff build has it, goes to its own folder and is kept out of search engines.
    site.build_ok(&["--audience", "staff"]);
    let staff = site.root.join("public-staff");
    let page = std::fs::read_to_string(staff.join("notices/jixiao-2026.html")).unwrap();
    assert!(page.contains("教职工绩效工资分配方案征求意见稿"));
    assert!(page.contains("noindex"));
    assert!(page.contains("仅供教职工查阅"));
    let robots = std::fs::read_to_string(staff.join("robots.txt")).unwrap();
    assert_eq!(robots, "User-agent: *\nDisallow: /\n");
}

#[test]
fn drafts_only_with_the_flag() {
    let site = Site::fixture("basic");
    site.build_ok(&["--drafts"]);
    let html = site.read("notices/draft.html");
    assert!(html.contains("草稿评选方案"));
    assert!(html.contains("（草稿，未编号）"));
}

#[test]
fn refuses_an_output_folder_holding_the_site() {
    let site = Site::fixture("basic");
    let out = site.build(&["--output", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("holds the site's sources"),
        "{}",
        stderr(&out)
    );
    assert!(site.root.join("content").is_dir());
}

#[test]
fn missing_site_yaml_uses_defaults_and_says_so_once() {
    let site = Site::empty();
    site.remove("site.yaml");
    site.write(
        "content/a.md",
        "---\ntitle: 甲\nkind: notice\ndate: 2026-03-02\n---\n",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert_eq!(err.matches("no site.yaml found").count(), 1, "{err}");
    assert!(site.read("notices/a.html").contains("SCHOOL-2026-TZ-0001"));
}

#[test]
fn unchanged_files_keep_their_modification_time() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let meta = |rel: &str| std::fs::metadata(site.out(rel)).unwrap();
    let before_page = meta("notices/title-2026.html").modified().unwrap();
    let before_changed = meta("notices/excellent-teachers.html").modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let path = "content/2026-2027/selection/excellent-teachers.md";
    let text = std::fs::read_to_string(site.root.join(path)).unwrap();
    site.write(path, &text.replace("经评审", "经学校评审"));
    site.build_ok(&[]);
    // The untouched notice's page is the same file (rsync and FTP skip it); the edited one is new.
    assert_eq!(
        meta("notices/title-2026.html").modified().unwrap(),
        before_page
    );
    assert_ne!(
        meta("notices/excellent-teachers.html").modified().unwrap(),
        before_changed
    );
    assert!(
        site.read("notices/excellent-teachers.html")
            .contains("经学校评审")
    );
    // And the result is byte-identical to a build into a fresh folder.
    site.build_ok(&["--output", "fresh"]);
    assert_eq!(site.tree("public"), site.tree("fresh"));
}
