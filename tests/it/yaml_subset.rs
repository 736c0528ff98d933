//! The fast reader of plain front matter (`yaml::subset`) on every notice and `site.yaml` the
//! tests and the bundled board hold, real notices included: where it reads one, the full
//! parser reads exactly the same front matter or settings.

use std::path::Path;

use gongkai::config::SiteConfig;
use gongkai::content::frontmatter::split;
use gongkai::content::notice::FrontMatter;
use gongkai::yaml::subset;

/// Every file under the repository's `content/` and `tests/fixtures/` whose name ends in `end`.
fn files(end: &str) -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["content", "tests/fixtures", "site.yaml"]
        .iter()
        .flat_map(|d| walkdir::WalkDir::new(root.join(d)))
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(end))
        .map(|e| e.into_path())
        .collect()
}

/// `yaml` read by the subset (if it reads it) and by the full parser, as `T`: the same.
fn same<T: serde::de::DeserializeOwned + std::fmt::Debug>(yaml: &str, file: &Path) -> bool {
    let Some(fast) = subset::from_str::<T>(yaml) else {
        return false;
    };
    let full = serde_yaml::from_str::<T>(yaml).unwrap_or_else(|e| {
        panic!(
            "{}: the subset read what the parser refuses: {e}",
            file.display()
        )
    });
    assert_eq!(
        format!("{fast:?}"),
        format!("{full:?}"),
        "{}",
        file.display()
    );
    true
}

#[test]
fn reads_the_front_matter_of_every_fixture_as_the_full_parser_does() {
    let (mut notices, mut read) = (0, 0);
    for file in files(".md") {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let Ok(parts) = split(text.trim_start_matches('\u{feff}')) else {
            continue;
        };
        notices += 1;
        read += usize::from(same::<FrontMatter>(parts.yaml, &file));
    }
    // About half of them are plain; those with comments, block text and the like go to the
    // full parser.
    assert!(
        notices > 100 && read * 3 > notices,
        "{read} of {notices} read by the subset"
    );
}

#[test]
fn reads_every_site_yaml_as_the_full_parser_does() {
    let (mut sites, mut read) = (0, 0);
    for file in files("site.yaml") {
        let text = std::fs::read_to_string(&file).unwrap();
        sites += 1;
        read += usize::from(same::<SiteConfig>(&text, &file));
    }
    assert!(
        sites > 3 && read > 0,
        "{read} of {sites} read by the subset"
    );
}
