//! From file-system events to what must be rebuilt: a pure function, tested case by case, that
//! ignores what is not the site (the output folder, version control, editor swap and lock
//! files, reads) and sorts the rest into content, static files, or everything.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::session::Change;

/// What happened to some paths, as far as rebuilding is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Create,
    Modify,
    Remove,
    /// A rename: both the old and the new path are listed.
    Rename,
    /// Reads, metadata-only access and anything else that changes nothing.
    Other,
}

/// The folders of a site that matter, and those to ignore.
#[derive(Debug, Clone)]
pub struct Layout {
    pub root: PathBuf,
    pub theme: String,
    /// Output folders (served or written) whose changes must never trigger a build.
    pub ignored: Vec<PathBuf>,
}

/// Temporary files editors and office programs write beside the real one.
pub fn is_editor_temp(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.ends_with(".crdownload")
        || name.ends_with(".part")
        || name.starts_with(".#")
        || name.starts_with("~$")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || name == ".DS_Store"
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

/// Sorts one batch of events into the change to rebuild, or `None` when nothing relevant changed.
pub fn classify(layout: &Layout, events: &[(EventKind, Vec<PathBuf>)]) -> Option<Change> {
    let root = &layout.root;
    let content = root.join("content");
    let theme_dir = root.join("themes").join(&layout.theme);
    let mut notices = BTreeSet::new();
    let mut statics = false;
    for (kind, paths) in events {
        if *kind == EventKind::Other {
            continue;
        }
        for path in paths {
            if layout.ignored.iter().any(|i| path.starts_with(i)) || !path.starts_with(root) {
                continue;
            }
            let rel = path.strip_prefix(root).unwrap_or(path);
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            let hidden_part = rel.components().any(|c| {
                let s = c.as_os_str().to_string_lossy();
                s == ".git" || s == "target" || s.contains(".gongkai-staging-")
            });
            if hidden_part || is_editor_temp(&name) {
                continue;
            }
            if rel == Path::new(crate::config::SITE_FILE)
                || path.starts_with(root.join("templates"))
                || path.starts_with(theme_dir.join("templates"))
            {
                return Some(Change::Everything);
            }
            if path.starts_with(root.join("static")) || path.starts_with(theme_dir.join("static")) {
                statics = true;
            } else if path.starts_with(&content) {
                notices.insert(path.clone());
            }
        }
    }
    match (notices.is_empty(), statics) {
        (true, false) => None,
        (true, true) => Some(Change::Statics),
        // Content and static files together: content rebuild also rereads the theme's statics.
        (false, true) => Some(Change::Everything),
        (false, false) => Some(Change::Content(notices)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout {
            root: PathBuf::from("/site"),
            theme: "default".into(),
            ignored: vec![PathBuf::from("/site/public")],
        }
    }

    fn one(kind: EventKind, path: &str) -> Option<Change> {
        classify(&layout(), &[(kind, vec![PathBuf::from(path)])])
    }

    fn content(paths: &[&str]) -> Option<Change> {
        Some(Change::Content(paths.iter().map(PathBuf::from).collect()))
    }

    #[test]
    fn table() {
        use EventKind::*;
        let cases: &[(EventKind, &str, Option<Change>)] = &[
            (
                Modify,
                "/site/content/a.md",
                content(&["/site/content/a.md"]),
            ),
            (
                Create,
                "/site/content/2025/b.md",
                content(&["/site/content/2025/b.md"]),
            ),
            (
                Remove,
                "/site/content/a.md",
                content(&["/site/content/a.md"]),
            ),
            (
                Modify,
                "/site/content/ledger.csv",
                content(&["/site/content/ledger.csv"]),
            ),
            (Other, "/site/content/a.md", None),
            (Modify, "/site/site.yaml", Some(Change::Everything)),
            (
                Modify,
                "/site/templates/notice.html",
                Some(Change::Everything),
            ),
            (
                Modify,
                "/site/themes/default/templates/base.html",
                Some(Change::Everything),
            ),
            (Modify, "/site/themes/other/templates/base.html", None),
            (Modify, "/site/static/logo.png", Some(Change::Statics)),
            (
                Modify,
                "/site/themes/default/static/style.css",
                Some(Change::Statics),
            ),
            (Modify, "/site/public/index.html", None),
            (Create, "/site/.public.gongkai-staging-42/index.html", None),
            (Modify, "/site/.git/index", None),
            (Modify, "/site/README.md", None),
            (Modify, "/elsewhere/content/a.md", None),
            // Editor and office temporary files.
            (Create, "/site/content/.a.md.swp", None),
            (Create, "/site/content/a.md~", None),
            (Create, "/site/content/4913", None),
            (Create, "/site/content/.#a.md", None),
            (Create, "/site/content/#a.md#", None),
            (Create, "/site/content/~$ledger.xlsx", None),
            (Create, "/site/content/.DS_Store", None),
        ];
        for (kind, path, want) in cases {
            assert_eq!(&one(*kind, path), want, "{kind:?} {path}");
        }
    }

    #[test]
    fn batches() {
        use EventKind::*;
        // A save-as-rename: temp file written, renamed over the notice.
        let batch = [
            (Create, vec![PathBuf::from("/site/content/a.md.tmp")]),
            (
                Rename,
                vec![
                    PathBuf::from("/site/content/a.md.tmp"),
                    PathBuf::from("/site/content/a.md"),
                ],
            ),
        ];
        assert_eq!(
            classify(&layout(), &batch),
            content(&["/site/content/a.md"])
        );
        // A checkout touching content and a template: everything.
        let batch = [
            (Modify, vec![PathBuf::from("/site/content/a.md")]),
            (Modify, vec![PathBuf::from("/site/templates/list.html")]),
        ];
        assert_eq!(classify(&layout(), &batch), Some(Change::Everything));
        // Renaming a notice: both paths.
        let batch = [(
            Rename,
            vec![
                PathBuf::from("/site/content/old.md"),
                PathBuf::from("/site/content/new.md"),
            ],
        )];
        assert_eq!(
            classify(&layout(), &batch),
            content(&["/site/content/new.md", "/site/content/old.md"])
        );
        // Content plus a static file.
        let batch = [
            (Modify, vec![PathBuf::from("/site/content/a.md")]),
            (Modify, vec![PathBuf::from("/site/static/x.css")]),
        ];
        assert_eq!(classify(&layout(), &batch), Some(Change::Everything));
        assert_eq!(classify(&layout(), &[]), None);
    }
}
