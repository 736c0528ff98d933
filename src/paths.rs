//! Paths as the disk sees them: absolute, with every symlink of the existing part resolved, and
//! whether one lies inside another. Every check of "inside the site" compares such paths, never
//! the strings a user typed.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute with every symlink of its existing ancestors resolved; the part that
/// does not exist yet is appended with `.` and `..` resolved lexically (it holds no symlinks).
pub fn resolve(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest: Vec<Component> = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            let mut out = real;
            for c in rest.iter().rev() {
                match c {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other.as_os_str()),
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return abs,
        }
    }
}

/// Whether `path`, resolved, lies inside (or is) the folder `base`, resolved.
pub fn within(base: &Path, path: &Path) -> bool {
    resolve(path).starts_with(resolve(base))
}

/// Every file below `dir`, relative with `/`, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            e.path()
                .strip_prefix(dir)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    v.sort();
    v
}

/// Decodes `%XX` escapes of a URL path; invalid escapes stay as they are, and bytes that do not
/// make UTF-8 become U+FFFD.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn symlinks_are_resolved_before_comparing() {
        let tmp = tempfile::tempdir().unwrap();
        let (site, outside) = (tmp.path().join("site"), tmp.path().join("outside"));
        std::fs::create_dir_all(site.join("content")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret.csv"), "x").unwrap();
        std::os::unix::fs::symlink(outside.join("secret.csv"), site.join("content/a.csv")).unwrap();
        std::os::unix::fs::symlink(&outside, site.join("content/dir")).unwrap();
        std::os::unix::fs::symlink(&site, tmp.path().join("link")).unwrap();
        let content = site.join("content");
        assert!(!within(&content, &content.join("a.csv")));
        assert!(!within(&content, &content.join("dir/secret.csv")));
        assert!(!within(&content, &content.join("../outside/secret.csv")));
        assert!(within(&content, &content.join("new/not-yet.csv")));
        // The site reached through a symlink is the site.
        assert!(within(&content, &tmp.path().join("link/content/b.csv")));
        let r = resolve(&tmp.path().join("link/new/../x"));
        assert_eq!(r, std::fs::canonicalize(&site).unwrap().join("x"));
    }
}
