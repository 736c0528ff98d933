//! The safety net for changing the code's shape: every page (HTML, feeds, sitemap) of the bundled
//! example board and of the fixture sites, as a build writes it for a fixed day, kept as
//! snapshots in tests/snapshots/. A change of any byte fails here until its snapshot is
//! reviewed and accepted (`cargo insta review`, or `INSTA_UPDATE=always cargo test snapshots`),
//! and the commit says why. Archived pages are left out: they are copied byte for byte.

use std::path::Path;

use gongkai::output::MemoryOutput;
use gongkai::{BuildOptions, build_into};

fn snapshot_site(name: &str, root: &Path) {
    let mut opts = BuildOptions::new(root);
    opts.now = Some("2026-11-28".parse().unwrap());
    let out = MemoryOutput::default();
    build_into(&opts, &out).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let files = out.into_files();
    let pages: Vec<_> = files
        .iter()
        .filter(|(path, _)| {
            !path.starts_with("archive/")
                && ([".html", ".xml", ".txt"].iter().any(|x| path.ends_with(x))
                    || path.as_str() == "feed.json")
        })
        .collect();
    assert!(pages.len() > 10, "{name}: {} pages", pages.len());
    settings.bind(|| {
        for (path, bytes) in pages {
            let text = String::from_utf8_lossy(bytes);
            insta::assert_snapshot!(format!("{name}@{}", path.replace('/', "~")), text);
        }
    });
}

#[test]
fn the_bundled_board_pages_are_as_recorded() {
    snapshot_site("bundled", Path::new(env!("CARGO_MANIFEST_DIR")));
}

#[test]
fn the_fixture_sites_pages_are_as_recorded() {
    for fixture in ["basic", "lifecycle"] {
        snapshot_site(fixture, &crate::support::fixture_dir(fixture));
    }
}
