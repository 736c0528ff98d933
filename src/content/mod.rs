//! Loading content: walking `content/` for notices (any nesting; names starting with `.` or `_`
//! are skipped), reading them in parallel and checking each into a [`Notice`].

pub mod check;
pub mod data;
pub mod frontmatter;
pub mod guide;
pub mod kind;
pub mod links;
pub mod markdown;
pub mod money;
pub mod notice;
pub mod privacy_code;
pub mod scalar;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use kind::Kind;
pub use notice::{Attachment, Audience, Notice, NoticePeriod, Revision};

use crate::config::Site;
use crate::diagnostics::{Diagnostics, Problem, Span, display_path};

pub const CONTENT_DIR: &str = "content";

/// The notice files under `content_dir`, in a stable (sorted) order.
pub fn find_notice_files(content_dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || {
                let name = e.file_name().to_string_lossy();
                !name.starts_with('.') && !name.starts_with('_')
            }
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("md")))
        .collect()
}

/// Decodes a notice file: UTF-8 (with or without BOM), else GB18030 as Notepad on Chinese Windows
/// saves it, with a warning. UTF-8 files become the text without being copied.
pub fn decode(mut bytes: Vec<u8>, rel: &str, diags: &mut Diagnostics) -> Option<String> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            let bytes = e.into_bytes();
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
            if had_errors {
                diags.error(Span::file(rel), Problem::NotUtf8);
                None
            } else {
                diags.warning(Span::file(rel), Problem::LegacyEncoding);
                Some(text.into_owned())
            }
        }
    }
}

/// What runs on each notice read, with its file's text: the checks stage, handed in by the
/// pipeline (loading knows nothing of checking). It reads the notice, adds its problems and
/// returns what else it found (`R`); it cannot change the notice.
pub type Check<'a, R> = dyn Fn(&Notice, &str, &mut Diagnostics) -> R + Sync + 'a;

/// Reads one notice file and runs `check` on it; its problems are returned with it.
pub fn load_one<R>(
    root: &Path,
    path: &Path,
    site: &Site,
    check: &Check<R>,
) -> (Option<(Notice, R)>, Diagnostics) {
    let content_dir = root.join(CONTENT_DIR);
    let mut d = Diagnostics::new();
    let rel = display_path(root, path);
    let notice = match std::fs::read(path) {
        Ok(bytes) => {
            // The archive records the file as it is on disk.
            let source_hash = crate::digest::sha256_hex(&bytes);
            decode(bytes, &rel, &mut d).and_then(|text| {
                let (mut n, complete) =
                    notice::read_notice(root, &content_dir, path, &text, site, &mut d)?;
                n.source_hash = source_hash;
                let n = n.sealed();
                // Checked also when it has errors, so all of its findings come in one build;
                // published only without.
                let found = check(&n, &text, &mut d);
                complete.then_some((n, found))
            })
        }
        Err(e) => {
            d.error(
                Span::file(&rel),
                Problem::Io(crate::diagnostics::Words::io(&e)),
            );
            None
        }
    };
    (notice, d)
}

/// Whether `path` (under `ROOT/content`) is a notice file: `*.md`, no part of its path starting
/// with `.` or `_`.
pub fn is_notice_path(content_dir: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(content_dir) else {
        return false;
    };
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("md"))
        && rel.components().all(|c| {
            let name = c.as_os_str().to_string_lossy();
            !name.starts_with('.') && !name.starts_with('_')
        })
}

/// Reads and checks every notice under `ROOT/content`, in parallel; the result is in path order.
pub fn load<R: Send>(
    root: &Path,
    site: &Site,
    check: &Check<R>,
    diags: &mut Diagnostics,
) -> Vec<(Notice, R)> {
    let t = crate::timings::phase("load notices: find files");
    let files = find_notice_files(&root.join(CONTENT_DIR));
    drop(t);
    let _t = crate::timings::phase("load notices: read and check");
    // Pieces of at most 32 files: a thread that joins late (it was reading the registry, see
    // `lib::load_with`) still finds work to take over instead of going idle.
    let results: Vec<(Option<(Notice, R)>, Diagnostics)> = files
        .par_iter()
        .with_max_len(32)
        .map(|path| load_one(root, path, site, check))
        .collect();
    let mut notices = Vec::with_capacity(results.len());
    for (n, d) in results {
        diags.extend(d);
        notices.extend(n);
    }
    notices
}
