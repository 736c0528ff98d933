//! `gongkai verify`: checks archives against their manifests and reports every file added,
//! missing or altered since the archive was made.

use std::path::{Path, PathBuf};

use super::{ARCHIVE_DIR, MANIFEST, files_under, parse_manifest, sha256_hex};

/// A difference between an archive and its manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Added(PathBuf),
    Missing(PathBuf),
    Altered(PathBuf),
    /// No manifest where one was expected.
    NoManifest(PathBuf),
    /// A symlink: an archive holds files only (a link could lead anywhere).
    Symlink(PathBuf),
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::Added(p) => write!(f, "added: {} is not in the manifest", p.display()),
            Finding::Missing(p) => write!(
                f,
                "missing: {} is in the manifest but not on disk",
                p.display()
            ),
            Finding::Altered(p) => write!(
                f,
                "altered: {} does not match its SHA-256 in the manifest",
                p.display()
            ),
            Finding::NoManifest(p) => write!(f, "no manifest: {} has no {MANIFEST}", p.display()),
            Finding::Symlink(p) => write!(
                f,
                "symlink: {} is a link, not a file of the archive",
                p.display()
            ),
        }
    }
}

impl Finding {
    /// The finding in Chinese.
    pub fn zh(&self) -> String {
        match self {
            Finding::Added(p) => format!("多出：{} 不在清单中", p.display()),
            Finding::Missing(p) => format!("缺失：{} 在清单中，但磁盘上没有", p.display()),
            Finding::Altered(p) => {
                format!("被改动：{} 与清单中的 SHA-256 不符", p.display())
            }
            Finding::NoManifest(p) => format!("没有清单：{} 中没有 {MANIFEST}", p.display()),
            Finding::Symlink(p) => format!("符号链接：{} 是链接，不是归档中的文件", p.display()),
        }
    }
}

/// Checks one archive folder.
pub fn verify_dir(dir: &Path) -> Vec<Finding> {
    let Ok(text) = std::fs::read_to_string(dir.join(MANIFEST)) else {
        return vec![Finding::NoManifest(dir.to_path_buf())];
    };
    let manifest = parse_manifest(&text);
    let mut findings = Vec::new();
    let on_disk: std::collections::BTreeSet<String> = files_under(dir)
        .into_iter()
        .filter(|r| r != MANIFEST)
        .collect();
    for rel in &on_disk {
        match manifest.get(rel) {
            None => findings.push(Finding::Added(dir.join(rel))),
            Some(hash) => {
                let ok = std::fs::read(dir.join(rel)).is_ok_and(|b| sha256_hex(&b) == *hash);
                if !ok {
                    findings.push(Finding::Altered(dir.join(rel)));
                }
            }
        }
    }
    for rel in manifest.keys() {
        if !on_disk.contains(rel) {
            findings.push(Finding::Missing(dir.join(rel)));
        }
    }
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.path_is_symlink() {
            findings.push(Finding::Symlink(e.path().to_path_buf()));
        }
    }
    findings
}

/// The archive folders under `path`: `path` itself when it holds a manifest, else every
/// `archive/*/` below it (a site root or a built output folder).
pub fn archives_in(path: &Path) -> Vec<PathBuf> {
    if path.join(MANIFEST).is_file() {
        return vec![path.to_path_buf()];
    }
    let Ok(entries) = std::fs::read_dir(path.join(ARCHIVE_DIR)) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}
