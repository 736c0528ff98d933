//! The feeds, read by a real feed reader (`feed-rs`): the site's Atom feed and JSON Feed, one
//! Atom feed per kind holding only that kind, every one linked from the pages, and none ever
//! carrying a staff-only, draft or withdrawn notice.

use std::collections::BTreeMap;
use std::path::Path;

use gongkai::content::Audience;
use gongkai::output::MemoryOutput;
use gongkai::{BuildOptions, build_into};

use crate::support::{Site, fixture_dir};

const KINDS: [&str; 4] = ["finance", "evaluation", "selection", "notice"];

/// Every file of a build of the site at `root` on the snapshots' day.
fn files_of(root: &Path, audience: Audience) -> BTreeMap<String, Vec<u8>> {
    let mut opts = BuildOptions::new(root);
    opts.now = Some("2026-11-28".parse().unwrap());
    opts.audience = audience;
    let out = MemoryOutput::default();
    build_into(&opts, &out).unwrap_or_else(|e| panic!("{}: {e}", root.display()));
    out.into_files()
}

/// The feed at `rel`, as a feed reader reads it.
fn parse(files: &BTreeMap<String, Vec<u8>>, rel: &str) -> feed_rs::model::Feed {
    let bytes = files.get(rel).unwrap_or_else(|| panic!("no {rel}"));
    feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every feed a build writes: the site's two and one per kind.
fn feed_paths() -> Vec<String> {
    let mut all = vec!["atom.xml".to_string(), "feed.json".to_string()];
    all.extend(KINDS.map(|k| format!("{k}/atom.xml")));
    all
}

/// The kind of an entry: its first category (Atom `term`, JSON Feed's first tag).
fn kind_of(e: &feed_rs::model::Entry) -> &str {
    e.categories
        .first()
        .map(|c| c.term.as_str())
        .unwrap_or_default()
}

fn check_site(name: &str, files: &BTreeMap<String, Vec<u8>>) {
    let site = parse(files, "atom.xml");
    assert_eq!(site.feed_type, feed_rs::model::FeedType::Atom, "{name}");
    assert!(!site.entries.is_empty(), "{name}: empty site feed");
    for kind in KINDS {
        let rel = format!("{kind}/atom.xml");
        let feed = parse(files, &rel);
        assert_eq!(
            feed.feed_type,
            feed_rs::model::FeedType::Atom,
            "{name} {rel}"
        );
        for e in &feed.entries {
            assert_eq!(kind_of(e), kind, "{name} {rel}: {:?}", e.title);
        }
        // The site feed's entries of this kind lead the kind's feed, in the same order.
        let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        let in_site: Vec<&str> = site
            .entries
            .iter()
            .filter(|e| kind_of(e) == kind)
            .map(|e| e.id.as_str())
            .collect();
        assert!(
            ids.starts_with(&in_site),
            "{name} {rel}: {ids:?} {in_site:?}"
        );
        // Its list page links it; every page links the site's feeds.
        let list = String::from_utf8_lossy(&files[&format!("{kind}/index.html")]).into_owned();
        assert!(
            list.contains(&format!(
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{} · ",
                site.title.as_ref().unwrap().content
            )) && list.contains(&format!("href=\"../{kind}/atom.xml\">")),
            "{name} {kind}/index.html:\n{list}"
        );
    }
    let json = parse(files, "feed.json");
    assert_eq!(json.feed_type, feed_rs::model::FeedType::JSON, "{name}");
    let raw: serde_json::Value = serde_json::from_slice(&files["feed.json"]).unwrap();
    assert_eq!(raw["version"], "https://jsonfeed.org/version/1.1", "{name}");
    assert!(raw["language"].is_string(), "{name}");
    // The same entries as the Atom feed, with the same ids, titles and dates.
    let atom: Vec<_> = site
        .entries
        .iter()
        .map(|e| (&e.id, e.title.as_ref().map(|t| &t.content), e.published))
        .collect();
    let items: Vec<_> = json
        .entries
        .iter()
        .map(|e| (&e.id, e.title.as_ref().map(|t| &t.content), e.published))
        .collect();
    assert_eq!(atom, items, "{name}");
    for e in &json.entries {
        assert!(e.updated.is_some() && !e.links.is_empty(), "{name}: {e:?}");
        assert!(e.content.is_some(), "{name}: {e:?}");
    }
    for (rel, bytes) in files {
        if !rel.ends_with(".html") || rel.starts_with("archive/") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        if !html.contains("<header class=\"site-header\">") {
            // Print, kiosk and redirect pages stand alone, without the site's header.
            continue;
        }
        let root = match rel.as_str() {
            // Served at any depth: it links from the site's root.
            "404.html" => html
                .split("<link rel=\"stylesheet\" href=\"")
                .nth(1)
                .and_then(|h| h.split_once("style.css\""))
                .map_or("", |(root, _)| root)
                .to_string(),
            _ => "../".repeat(rel.matches('/').count()),
        };
        for (ty, file) in [
            ("application/atom+xml", "atom.xml"),
            ("application/feed+json", "feed.json"),
        ] {
            assert!(
                html.contains(&format!(
                    "<link rel=\"alternate\" type=\"{ty}\" title=\"{}\" href=\"{root}{file}\">",
                    site.title.as_ref().unwrap().content
                )),
                "{name} {rel}: no link to {file}"
            );
        }
    }
}

#[test]
fn feeds_of_the_bundled_board_parse_and_each_kind_feed_holds_its_kind() {
    let files = files_of(Path::new(env!("CARGO_MANIFEST_DIR")), Audience::Public);
    check_site("bundled", &files);
    // (The board's evaluations are all of 2025-2026, which is archived: that feed is empty.)
    for kind in ["finance", "selection", "notice"] {
        let feed = parse(&files, &format!("{kind}/atom.xml"));
        assert!(!feed.entries.is_empty(), "bundled: no {kind} entries");
    }
    assert!(parse(&files, "evaluation/atom.xml").entries.is_empty());
}

#[test]
fn feeds_of_the_fixture_sites_parse_and_each_kind_feed_holds_its_kind() {
    for name in ["basic", "lifecycle"] {
        check_site(name, &files_of(&fixture_dir(name), Audience::Public));
    }
}

#[test]
fn feeds_are_built_the_same_twice() {
    let root = fixture_dir("basic");
    let (a, b) = (
        files_of(&root, Audience::Public),
        files_of(&root, Audience::Public),
    );
    for rel in feed_paths() {
        assert_eq!(a[&rel], b[&rel], "{rel}");
    }
}

/// Titles, ids and links of every entry of every feed, and the feeds' text.
fn everything_in_feeds(files: &BTreeMap<String, Vec<u8>>) -> String {
    let mut all = String::new();
    for rel in feed_paths() {
        let feed = parse(files, &rel);
        for e in &feed.entries {
            all.push_str(&format!("{} {:?} {:?}\n", e.id, e.title, e.links));
        }
        all.push_str(&String::from_utf8_lossy(&files[&rel]));
    }
    all
}

#[test]
fn staff_only_drafts_and_withdrawn_notices_are_in_no_feed() {
    let site = Site::fixture("basic");
    site.write(
        "content/2025-2026/notice/gone.md",
        "---\ntitle: 已撤回的通知\nkind: notice\ndate: 2026-11-20\nslug: gone-notice\n---\n\n即将撤回。\n",
    );
    site.build_ok(&[]);
    assert!(site.read("notice/atom.xml").contains("已撤回的通知"));
    site.remove("content/2025-2026/notice/gone.md");
    site.build_ok(&[]);
    // The withdrawn notice keeps a page that says so, and leaves every feed.
    assert!(site.out("notices/gone-notice.html").is_file());
    let files = site.tree("public");
    let all = everything_in_feeds(&files);
    for absent in [
        "已撤回的通知",
        "gone-notice",
        // Staff-only (`audience: staff`).
        "教职工绩效工资分配方案征求意见稿",
        "jixiao-2026",
        // The draft.
        "草稿评选方案",
    ] {
        assert!(!all.contains(absent), "{absent} is in a feed");
    }
    // A staff build shows staff-only notices on its pages, never in a feed.
    let staff = files_of(&site.root, Audience::Staff);
    assert!(staff.contains_key("notices/jixiao-2026.html"));
    let all = everything_in_feeds(&staff);
    for absent in ["教职工绩效工资分配方案征求意见稿", "jixiao-2026"] {
        assert!(!all.contains(absent), "{absent} is in a staff build's feed");
    }
}

#[test]
fn expired_names_are_in_no_feed() {
    let site = Site::fixture("lifecycle");
    let out = site.run(&["build", "--now", "2025-10-31"]);
    assert!(out.status.success());
    assert!(site.read("selection/atom.xml").contains("张*明"));
    assert!(site.read("feed.json").contains("张*明"));
    let out = site.run(&["build", "--now", "2025-11-01"]);
    assert!(out.status.success());
    let files = site.tree("public");
    let all = everything_in_feeds(&files);
    for name in ["张小明", "张*明", "资助学生名单"] {
        assert!(!all.contains(name), "{name} is in a feed");
    }
}
