//! The output folder as a place on disk: where it really is (symlinks resolved), whether it may
//! be replaced, who holds it (an advisory lock), what of it survives a build, and the swap that
//! puts a new build in its place.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use super::OutputError;

/// The file gongkai writes at the top of every output folder: a folder holding it may be
/// replaced by the next build without asking.
pub const MARKER: &str = ".gongkai-output";

/// What the marker says to a person who opens it.
pub const MARKER_TEXT: &str = "This folder is written by gongkai: each build replaces it whole.\n\
Kept across builds: names starting with `.` (.git, .htaccess, .well-known/ …), CNAME and the \
names listed under `keep_in_output:` in site.yaml.\n";

/// Top-level names of an output folder that a build keeps besides dot-files: publishing tools
/// put them there (GitHub Pages' `CNAME`).
pub const KEPT_NAMES: &[&str] = &["CNAME"];

/// The site's source folders a build must never replace or write into.
const SOURCES: [&str; 5] = ["content", "templates", "static", "themes", "archive"];

pub use crate::paths::resolve;

/// Refuses an output folder that would replace or write into the site's sources: the site root
/// or one of its ancestors, or anything inside `content/`, `templates/`, `static/`, `themes/` or
/// `archive/`. Both sides are compared as resolved paths, so a symlink cannot hide either.
pub fn check_not_sources(target: &Path, root: &Path) -> Result<(), OutputError> {
    let target = resolve(target);
    let root = resolve(root);
    let refuse = || Err(OutputError::UnsafeOutputDir(target.clone()));
    if root.starts_with(&target) {
        return refuse();
    }
    for name in SOURCES {
        let source = resolve(&root.join(name));
        if source.starts_with(&target) || target.starts_with(&source) {
            return refuse();
        }
    }
    Ok(())
}

/// Whether `name`, a top-level entry of an output folder, survives builds.
pub fn is_kept(name: &str, keep: &[String]) -> bool {
    // (The marker starts with `.`, but it is the build's own: never carried over.)
    name.starts_with('.') || KEPT_NAMES.contains(&name) || keep.iter().any(|k| k == name)
}

/// Refuses to replace `target` when it is a file, or a folder holding anything a build would
/// lose that gongkai did not write (no marker, and not the output of a gongkai from before the
/// marker: those wrote `_report.json`), unless `force`.
pub fn check_replaceable(target: &Path, keep: &[String], force: bool) -> Result<(), OutputError> {
    let meta = match std::fs::symlink_metadata(target) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(super::io_err(target)(e)),
    };
    if !meta.is_dir() {
        return Err(OutputError::NotAFolder(target.to_path_buf()));
    }
    if target.join(MARKER).is_file() || target.join("_report.json").is_file() || force {
        return Ok(());
    }
    let mut names: Vec<String> = std::fs::read_dir(target)
        .map_err(super::io_err(target))?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let dir = e.file_type().is_ok_and(|t| t.is_dir());
            (!is_kept(&name, keep)).then(|| if dir { format!("{name}/") } else { name })
        })
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    Err(OutputError::NotOurs {
        path: target.to_path_buf(),
        count: names.len(),
        first: names.into_iter().take(5).collect(),
    })
}

/// An exclusive advisory lock on an output folder, held while a build writes it: a second build
/// into the same folder waits for the first. The lock file sits beside the folder (the folder
/// itself is replaced by the build) and stays there, empty.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Takes the lock of `target` (a resolved path), waiting for another build that holds it and
/// saying so on standard error.
pub fn lock(target: &Path) -> Result<Lock, OutputError> {
    let parent = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(super::io_err(parent))?;
    let path = parent.join(format!(".{}.gongkai-lock", file_name(target)));
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(super::io_err(&path))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            say_err!(
                "another gongkai is writing {}: waiting for it to finish",
                target.display()
            );
            file.lock().map_err(super::io_err(&path))?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(super::io_err(&path)(e)),
    }
    Ok(Lock { _file: file })
}

pub fn file_name(target: &Path) -> String {
    target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

/// The prefix of the staging folders of `target`'s builds, beside it.
pub fn staging_prefix(target: &Path) -> String {
    format!(".{}.gongkai-staging-", file_name(target))
}

/// Removes the staging folders (and folders set aside by a two-step swap) that builds of
/// `target` left behind when they were killed. Called with the lock held, so no other build of
/// `target` is running and every such folder is stale.
pub fn remove_stale(target: &Path) {
    let Some(parent) = target.parent() else {
        return;
    };
    let prefix = staging_prefix(target);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        if e.file_name().to_string_lossy().starts_with(&prefix)
            && e.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Carries the kept top-level entries of the previous output (`old`) into the new build
/// (`new`), as hard links where the file system allows (copies elsewhere); symlinks are copied
/// as symlinks. An entry the build wrote itself is left as the build wrote it.
pub fn carry_kept(old: &Path, new: &Path, keep: &[String]) -> Result<(), OutputError> {
    let Ok(entries) = std::fs::read_dir(old) else {
        return Ok(());
    };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name();
        let text = name.to_string_lossy();
        if !is_kept(&text, keep) || text == MARKER || new.join(&name).exists() {
            continue;
        }
        copy_tree(&e.path(), &new.join(&name))?;
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), OutputError> {
    let meta = std::fs::symlink_metadata(from).map_err(super::io_err(from))?;
    if meta.file_type().is_symlink() {
        let link = std::fs::read_link(from).map_err(super::io_err(from))?;
        return symlink(&link, to).map_err(super::io_err(to));
    }
    if meta.is_dir() {
        std::fs::create_dir(to).map_err(super::io_err(to))?;
        for e in std::fs::read_dir(from).map_err(super::io_err(from))? {
            let e = e.map_err(super::io_err(from))?;
            copy_tree(&e.path(), &to.join(e.file_name()))?;
        }
        return Ok(());
    }
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to).map_err(super::io_err(from))?;
    }
    Ok(())
}

#[cfg(unix)]
fn symlink(link: &Path, to: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(link, to)
}

#[cfg(not(unix))]
fn symlink(_link: &Path, _to: &Path) -> io::Result<()> {
    // Windows symlinks need privileges; a kept symlink is left out rather than followed.
    Ok(())
}

/// Puts the folder `new` in the place of `target`. Where `target` exists, the two are exchanged
/// in one step on Linux (`renameat2` with `RENAME_EXCHANGE`): at every instant `target` is
/// either the old build or the new one, even if the process is killed. Elsewhere (or on a file
/// system without the exchange) it takes two renames: the old folder is moved aside under a name
/// [`remove_stale`] recognises, then the new one moved in; a kill between the two leaves the
/// old build beside the target, and the next build removes it. Returns where the old build now
/// is, for the caller to remove.
pub fn swap_in(new: &Path, target: &Path) -> Result<Option<PathBuf>, OutputError> {
    if std::fs::symlink_metadata(target).is_err() {
        std::fs::rename(new, target).map_err(super::io_err(target))?;
        return Ok(None);
    }
    match exchange(new, target) {
        Ok(()) => return Ok(Some(new.to_path_buf())),
        Err(e) if e.kind() == io::ErrorKind::Unsupported => {}
        Err(e) => return Err(super::io_err(target)(e)),
    }
    let old = new.with_file_name(format!("{}old", staging_prefix(target)));
    if std::fs::symlink_metadata(&old).is_ok() {
        std::fs::remove_dir_all(&old).map_err(super::io_err(&old))?;
    }
    std::fs::rename(target, &old).map_err(super::io_err(target))?;
    if let Err(e) = std::fs::rename(new, target) {
        let _ = std::fs::rename(&old, target);
        return Err(super::io_err(target)(e));
    }
    Ok(Some(old))
}

/// Exchanges two paths atomically; `Unsupported` where the system cannot.
#[cfg(target_os = "linux")]
pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(());
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::EOPNOTSUPP) => {
            Err(io::Error::new(io::ErrorKind::Unsupported, e))
        }
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
pub fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchange_swaps_two_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("x"), "a").unwrap();
        std::fs::write(b.join("x"), "b").unwrap();
        let old = swap_in(&a, &b).unwrap().unwrap();
        assert_eq!(std::fs::read_to_string(b.join("x")).unwrap(), "a");
        assert_eq!(std::fs::read_to_string(old.join("x")).unwrap(), "b");
        if cfg!(target_os = "linux") {
            // One step: the old build is where the new one was.
            assert_eq!(old, a);
        }
    }
}
