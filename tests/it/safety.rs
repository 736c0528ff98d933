//! Atomic and deterministic output, staff-only and draft notices, and refusing to write where
//! the output would destroy sources.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{Site, assert_fails_saying, assert_has, stderr};

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
    // A removed notice's published URL says it was withdrawn.
    assert!(
        site.read("notices/title-2026.html")
            .contains("本公示已撤除")
    );
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
    assert_fails_saying(&out, "holds the site's sources");
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
    // Both pages dated far in the past (instead of waiting for the clock to move on).
    let past = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_577_836_800);
    for rel in ["notices/title-2026.html", "notices/excellent-teachers.html"] {
        let f = std::fs::File::options()
            .write(true)
            .open(site.out(rel))
            .unwrap();
        f.set_modified(past).unwrap();
    }
    let before_page = meta("notices/title-2026.html").modified().unwrap();
    let before_changed = meta("notices/excellent-teachers.html").modified().unwrap();
    assert_eq!(before_page, past);
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

/// Every file under `dir` with its bytes (for folders outside the site).
fn tree_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_symlink_cannot_hide_the_sources_from_the_output_guard() {
    let site = Site::fixture("basic");
    let before = site.tree("");
    let link = site.root.with_file_name("link");
    std::os::unix::fs::symlink(&site.root, &link).unwrap();
    let link_text = link.to_string_lossy().into_owned();
    let root_text = site.root.to_string_lossy().into_owned();
    let content_text = site.root.join("content").to_string_lossy().into_owned();
    let content_via_link = link.join("content").to_string_lossy().into_owned();
    // The site reached through a symlink, the output the real folder; and the other way round;
    // and the notices folder itself, named both ways.
    for (root, output) in [
        (&link_text, &root_text),
        (&root_text, &link_text),
        (&link_text, &content_text),
        (&root_text, &content_via_link),
    ] {
        let out = site.run(&[
            "build",
            "--now",
            "2026-11-28",
            "--root",
            root,
            "--output",
            output,
        ]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "--root {root} --output {output}"
        );
        assert!(
            stderr(&out).contains("holds the site's sources"),
            "{}",
            stderr(&out)
        );
        assert_eq!(
            site.tree(""),
            before,
            "--root {root} --output {output} changed the site"
        );
    }
    // A symlinked source folder (content/ living elsewhere) is protected as well.
    let elsewhere = site.root.with_file_name("notices-elsewhere");
    std::fs::rename(site.root.join("content"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.root.join("content")).unwrap();
    let inside = elsewhere.join("2026-2027").to_string_lossy().into_owned();
    let out = site.build(&["--output", &inside]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        elsewhere
            .join("2026-2027/selection/title-2026.md")
            .is_file()
    );
}

#[test]
fn a_folder_gongkai_did_not_write_is_not_replaced_without_force() {
    let site = Site::fixture("basic");
    let www = site.root.with_file_name("www");
    std::fs::create_dir_all(www.join("old-site")).unwrap();
    std::fs::write(www.join("index.php"), "<?php echo 1;").unwrap();
    std::fs::write(www.join("old-site/a.html"), "a").unwrap();
    let www_text = www.to_string_lossy().into_owned();
    let before = tree_of(&www);
    let out = site.build(&["--output", &www_text]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_has(
        &err,
        &[
            "not empty and was not written by gongkai",
            "`index.php`",
            "`old-site/`",
            "--force",
        ],
    );
    assert_eq!(tree_of(&www), before, "the folder was changed");
    // With --force it is replaced, and marked: the next build needs no --force.
    site.build_ok(&["--output", &www_text, "--force"]);
    assert!(www.join("index.html").is_file());
    assert!(!www.join("index.php").exists());
    assert!(www.join(".gongkai-output").is_file());
    site.build_ok(&["--output", &www_text]);
    // An empty folder, or one holding only what a build keeps, needs no --force.
    let fresh = site.root.with_file_name("fresh");
    std::fs::create_dir_all(fresh.join(".git")).unwrap();
    std::fs::write(fresh.join("CNAME"), "board.example.cn\n").unwrap();
    site.build_ok(&["--output", &fresh.to_string_lossy()]);
}

#[test]
fn an_output_that_is_a_file_is_left_exactly_as_it_was() {
    let site = Site::fixture("basic");
    let file = site.root.with_file_name("notes.txt");
    std::fs::write(&file, "IT teacher's notes").unwrap();
    let dir_before: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let out = site.build(&["--output", &file.to_string_lossy()]);
    assert_fails_saying(&out, "it is a file, not a folder");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "IT teacher's notes"
    );
    let dir_after: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(dir_before, dir_after, "files appeared beside it");
}

#[test]
fn publishing_files_in_the_output_survive_builds() {
    let site = Site::fixture("basic");
    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{yaml}keep_in_output: [baidu_verify_codeva-abc.html]\n"),
    );
    site.build_ok(&[]);
    site.write("public/CNAME", "board.example.cn\n");
    site.write("public/.htaccess", "Options -Indexes\n");
    site.write(
        "public/.well-known/security.txt",
        "Contact: mailto:it@example.cn\n",
    );
    site.write("public/.git/config", "[core]\n");
    site.write("public/baidu_verify_codeva-abc.html", "abc");
    site.write("public/stray.html", "not ours");
    site.build_ok(&[]);
    for (rel, text) in [
        ("CNAME", "board.example.cn\n"),
        (".htaccess", "Options -Indexes\n"),
        (
            ".well-known/security.txt",
            "Contact: mailto:it@example.cn\n",
        ),
        (".git/config", "[core]\n"),
        ("baidu_verify_codeva-abc.html", "abc"),
    ] {
        assert_eq!(site.read(rel), text, "{rel} was not kept");
    }
    assert!(!site.out("stray.html").exists(), "other files are replaced");
    assert!(site.out("index.html").is_file());
}

#[test]
fn staging_folders_of_killed_builds_are_removed_by_the_next_build() {
    let site = Site::fixture("basic");
    // Enough notices that a build takes a while.
    for i in 0..1500 {
        site.write(
            &format!("content/bulk/n{i}.md"),
            &format!("---\ntitle: 通知{i}\nkind: notice\ndate: 2026-03-02\n---\n正文{i}\n"),
        );
    }
    let staging = |site: &Site| -> Vec<String> {
        std::fs::read_dir(&site.root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public.gongkai-staging-"))
            .collect()
    };
    let mut killed = 0;
    for _ in 0..5 {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("gongkai"))
            .env("GONGKAI_LANG", "en")
            .current_dir(&site.root)
            .args(["build", "--now", "2026-11-28"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill it as soon as its staging folder appears (if it finishes first, try again).
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let seen = loop {
            if !staging(&site).is_empty() {
                break true;
            }
            if child.try_wait().unwrap().is_some() || std::time::Instant::now() > deadline {
                break false;
            }
            std::thread::yield_now();
        };
        child.kill().unwrap();
        child.wait().unwrap();
        if seen && !staging(&site).is_empty() {
            killed += 1;
        }
    }
    assert!(killed > 0, "no build could be killed while staging");
    // A leftover of another (dead) process as well.
    std::fs::create_dir_all(site.root.join(".public.gongkai-staging-4000000/notices")).unwrap();
    site.build_ok(&[]);
    assert_eq!(staging(&site), Vec::<String>::new());
    assert!(site.out("notices/n1499.html").is_file());
}

#[test]
fn builds_at_once_into_the_same_output_all_succeed() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    for _ in 0..6 {
        let spawn = || {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("gongkai"))
                .env("GONGKAI_LANG", "en")
                .current_dir(&site.root)
                .args(["build", "--now", "2026-11-28"])
                .output()
                .unwrap()
        };
        let outs: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..3).map(|_| s.spawn(spawn)).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for out in outs {
            assert!(out.status.success(), "{}", stderr(&out));
        }
        assert!(site.out("index.html").is_file());
    }
}

#[test]
fn the_output_folder_is_there_at_every_instant_of_a_rebuild() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let index = site.out("index.html");
    let stop = std::sync::atomic::AtomicBool::new(false);
    let missing = std::thread::scope(|s| {
        let watcher = s.spawn(|| {
            let mut missing = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                if std::fs::metadata(&index).is_err() {
                    missing += 1;
                }
            }
            missing
        });
        for _ in 0..10 {
            site.build_ok(&[]);
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        watcher.join().unwrap()
    });
    assert_eq!(
        missing, 0,
        "index.html was missing {missing} times during rebuilds"
    );
}

#[test]
fn the_build_report_is_never_published() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    site.build_ok(&["--audience", "staff"]);
    for dir in ["public", "public-staff"] {
        for (rel, bytes) in site.tree(dir) {
            assert!(!rel.contains("report"), "{dir}/{rel}");
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("\"waived\""), "{dir}/{rel}");
            assert!(!text.contains(".md\""), "{dir}/{rel} names a source file");
        }
    }
    // The report sits beside the sources, one per audience.
    let public = std::fs::read_to_string(site.root.join("gongkai-report.json")).unwrap();
    assert!(public.contains("\"audience\": \"public\""));
    let staff = std::fs::read_to_string(site.root.join("gongkai-report-staff.json")).unwrap();
    assert!(staff.contains("\"audience\": \"staff\""));
}
