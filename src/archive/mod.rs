//! The yearly archive (归档): a school year's board frozen as a self-contained static site in
//! `archive/YEAR/`, with `MANIFEST.sha256` over every file (the format `sha256sum -c` reads) and
//! `SOURCES.sha256` recording the notice files, CSVs and attachments it was built from. Archived
//! years are copied into every build byte for byte and their notices become read-only.

pub mod create;
pub mod verify;

use crate::diagnostics::Words;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub const ARCHIVE_DIR: &str = "archive";
pub const MANIFEST: &str = "MANIFEST.sha256";
pub const SOURCES: &str = "SOURCES.sha256";

pub use crate::digest::sha256_hex;

/// `hash  path` lines, sorted by path: what `sha256sum` writes and `sha256sum -c` reads.
pub fn manifest_text(entries: &BTreeMap<String, String>) -> String {
    let mut s = String::new();
    for (path, hash) in entries {
        let _ = writeln!(s, "{hash}  {path}");
    }
    s
}

/// Parses `hash  path` lines (also `hash *path`, binary mode).
pub fn parse_manifest(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| {
            let (hash, rest) = l.split_once(' ')?;
            let path = rest.strip_prefix(' ').or_else(|| rest.strip_prefix('*'))?;
            Some((path.to_string(), hash.to_ascii_lowercase()))
        })
        .collect()
}

/// An archived school year found in the site.
#[derive(Debug, Clone)]
pub struct Archive {
    /// `2024-2025`
    pub year: String,
    pub dir: PathBuf,
    /// Site-relative source path → SHA-256, from `SOURCES.sha256`.
    pub sources: BTreeMap<String, String>,
    /// The slugs of its notice pages (`notices/{slug}.html`).
    pub slugs: Vec<String>,
}

impl Archive {
    /// Notices in this archive (from its record of sources).
    pub fn notice_count(&self) -> usize {
        self.sources.keys().filter(|p| p.ends_with(".md")).count()
    }
}

/// The archives under `ROOT/archive/`, by year (newest first): every folder there, each
/// checked against its manifest. A folder without a manifest, a file added, missing or altered,
/// or a symlink is an error: an archive's protection is never lost silently.
pub fn find_checked(root: &Path, diags: &mut crate::diagnostics::Diagnostics) -> Vec<Archive> {
    use crate::diagnostics::{Problem, Span};
    let Ok(dirs) = std::fs::read_dir(root.join(ARCHIVE_DIR)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in dirs.filter_map(Result::ok) {
        let dir = e.path();
        let year = e.file_name().to_string_lossy().into_owned();
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir() || t.is_symlink());
        if !is_dir || crate::calendar::SchoolYear::parse(&year).is_none() {
            continue;
        }
        let shown = format!("{ARCHIVE_DIR}/{year}");
        // An archive is part of the site: a symlink to a folder elsewhere is not one.
        if e.file_type().is_ok_and(|t| t.is_symlink()) || !crate::paths::within(root, &dir) {
            diags.error(
                Span::file(&shown),
                Problem::Archived(Words::new(
                    format!("{shown} is a symlink; an archive must be a folder of the site"),
                    format!("{shown} 是符号链接；归档必须是网站文件夹中的真实文件夹"),
                )),
            );
            continue;
        }
        let findings = verify::verify_dir(&dir);
        for f in &findings {
            diags.error(
                Span::file(&shown),
                Problem::Archived(Words::new(
                    format!(
                        "the archive of {year} is not as it was made ({f}); restore it from {year}.tar.gz or version control — an archive is never changed"
                    ),
                    format!(
                        "{year} 的归档与归档时不一致（{f}）；请从 {year}.tar.gz 或版本库恢复——归档永不修改"
                    ),
                )),
            );
        }
        if findings
            .iter()
            .any(|f| matches!(f, verify::Finding::NoManifest(_)))
        {
            continue;
        }
        let slugs = files_under(&dir.join("notices"))
            .into_iter()
            .filter_map(|f| f.strip_suffix(".html").map(str::to_string))
            .filter(|f| !f.contains('/'))
            .collect();
        out.push(Archive {
            sources: std::fs::read_to_string(dir.join(SOURCES))
                .map(|t| parse_manifest(&t))
                .unwrap_or_default(),
            year,
            dir,
            slugs,
        });
    }
    out.sort_by(|a, b| b.year.cmp(&a.year));
    out
}

/// The notices the site's archives hold, as their records of sources say, and the notice
/// pages they hold: an archived notice stays archived whatever is done to its file.
#[derive(Debug, Clone, Default)]
pub struct Frozen {
    /// Source path → (SHA-256 of the file as archived, school year).
    pub by_path: std::collections::HashMap<String, (String, String)>,
    /// SHA-256 of an archived notice file → school year (a moved file is still archived).
    pub by_hash: std::collections::HashMap<String, String>,
    /// Slugs of the notice pages in each archive, by school year.
    pub slugs: BTreeMap<String, std::collections::BTreeSet<String>>,
}

impl Frozen {
    /// The school year whose archive holds this notice file as it is.
    pub fn year_of(&self, n: &crate::content::Notice) -> Option<&str> {
        match self.by_path.get(&n.rel) {
            Some((hash, year)) if *hash == n.source_hash => Some(year),
            _ => self.by_hash.get(&n.source_hash).map(String::as_str),
        }
    }
}

/// What the archives hold, for the board.
pub fn frozen(archives: &[Archive]) -> Frozen {
    let mut f = Frozen::default();
    for a in archives {
        for (path, hash) in &a.sources {
            if path.ends_with(".md") {
                f.by_path
                    .insert(path.clone(), (hash.clone(), a.year.clone()));
                f.by_hash.insert(hash.clone(), a.year.clone());
            }
        }
        f.slugs
            .insert(a.year.clone(), a.slugs.iter().cloned().collect());
    }
    f
}

pub use crate::paths::files_under;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_and_manifest_round_trip() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let m: BTreeMap<String, String> = [
            ("b/c.html".to_string(), "00ff".to_string()),
            ("a.html".to_string(), "11".to_string()),
        ]
        .into();
        let text = manifest_text(&m);
        assert_eq!(text, "11  a.html\n00ff  b/c.html\n");
        assert_eq!(parse_manifest(&text), m);
        assert_eq!(
            parse_manifest("AB *x.bin\n")
                .get("x.bin")
                .map(String::as_str),
            Some("ab")
        );
    }
}
