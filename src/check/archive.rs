//! Archive rules: an archived school year is read-only. A notice file the archive recorded
//! stays as archived, and no new public notice may be dated in an archived year (the year
//! still running, archived early, takes new notices).

use crate::diagnostics::Words;
use std::path::Path;

use crate::archive::Archive;
use crate::digest::sha256_hex;

/// Warnings about notices an archive recorded, unchanged: nothing can be done about them (the
/// files are read-only; a correction is a new notice), and they were checked when archived, so
/// they are not said again — else a rule added later would fail `check --strict` for good.
pub fn quiet_archived(
    notices: &[std::sync::Arc<crate::content::Notice>],
    archives: &[Archive],
    diags: &mut crate::diagnostics::Diagnostics,
) {
    let frozen: std::collections::HashSet<&str> = notices
        .iter()
        .filter(|n| {
            archives
                .iter()
                .any(|a| a.sources.get(&n.rel) == Some(&n.source_hash))
        })
        .map(|n| n.rel.as_str())
        .collect();
    if frozen.is_empty() {
        return;
    }
    diags.retain(|d| {
        d.severity != crate::diagnostics::Severity::Warning
            || !frozen.contains(d.span.file.as_str())
    });
}

/// Archived notices are read-only: a notice dated in an archived school year must be the very
/// file the archive recorded, and so must the CSVs and attachments it recorded. The school year
/// still running (`running`, archived early) takes new notices.
pub fn sources(
    root: &Path,
    notices: &[std::sync::Arc<crate::content::Notice>],
    archives: &[Archive],
    running: &str,
    diags: &mut crate::diagnostics::Diagnostics,
) {
    use crate::diagnostics::{Problem, Span};
    for a in archives {
        let hashes: std::collections::HashSet<&str> = a
            .sources
            .iter()
            .filter(|(p, _)| p.ends_with(".md"))
            .map(|(_, h)| h.as_str())
            .collect();
        for n in notices {
            // The archived file itself, moved elsewhere: still archived, nothing to say.
            if hashes.contains(n.source_hash.as_str()) && !a.sources.contains_key(&n.rel) {
                continue;
            }
            // A file the archive recorded stays as archived, whatever its date, draft or
            // audience now says; a new public notice may not be dated in an archived year.
            let recorded = a.sources.contains_key(&n.rel);
            let dated_here = n.school_year.label() == a.year
                && !n.draft
                && n.audience == crate::content::Audience::Public;
            if !recorded && !dated_here {
                continue;
            }
            let message = match a.sources.get(&n.rel) {
                Some(hash) if *hash == n.source_hash => continue,
                Some(_) => Words::new(
                    format!(
                        "this notice was archived in {}; publish a correction notice instead of changing it (a new notice with `corrects: SLUG` of this one)",
                        a.year
                    ),
                    format!(
                        "本公示已在 {} 归档；请发布更正公示（新公示写 `corrects:` 本公示的 slug），不要修改原公示",
                        a.year
                    ),
                ),
                None if a.year == running => continue,
                None => Words::new(
                    format!(
                        "this notice is dated in the school year {}, which is archived; date it in the current school year (a correction notice can refer to the archived one)",
                        a.year
                    ),
                    format!(
                        "本公示的日期在已归档的 {} 学年内；请把日期改在本学年（更正公示可以引用已归档的公示）",
                        a.year
                    ),
                ),
            };
            diags.error(Span::file(&n.rel), Problem::Archived(message));
        }
        for (path, hash) in &a.sources {
            if path.ends_with(".md") {
                continue;
            }
            if let Ok(bytes) = std::fs::read(root.join(path))
                && sha256_hex(&bytes) != *hash
            {
                diags.error(
                    Span::file(path),
                    Problem::Archived(Words::new(
                        format!(
                            "this file was archived with the notices of {}; restore it or publish a correction notice",
                            a.year
                        ),
                        format!(
                            "该文件已随 {} 的公示归档；请恢复原文件，或发布更正公示",
                            a.year
                        ),
                    )),
                );
            }
        }
    }
}
