//! What each link of a notice body points to: another notice (by its source file or `@slug`),
//! one of the notice's attachments, an external address, an anchor — or nothing (a broken or
//! refused link, which the check stage reports). Rendering rewrites links to output URLs.

use std::path::Path;

use super::notice::{Attachment, LinkTarget as Target};

/// The target of each link in `links` (destination, line), in the same order. `dir` is the
/// notice's folder, `content_dir` the site's content folder: a path out of it leads nowhere.
pub fn resolve(
    links: &[(String, usize)],
    attachments: &[Attachment],
    dir: &Path,
    content_dir: &Path,
) -> Vec<(String, Target)> {
    links
        .iter()
        .map(|(dest, _)| (dest.clone(), target(dest, attachments, dir, content_dir)))
        .collect()
}

fn target(dest: &str, attachments: &[Attachment], dir: &Path, content_dir: &Path) -> Target {
    let d = dest.trim();
    let scheme = d.split_once(':').filter(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if d.starts_with('#') {
        Target::Fragment
    } else if let Some(slug) = d.strip_prefix('@') {
        Target::Slug(slug.trim_end_matches(".html").to_ascii_lowercase())
    } else if let Some((s, _)) = scheme {
        if matches!(
            s.to_ascii_lowercase().as_str(),
            "http" | "https" | "mailto" | "tel"
        ) {
            Target::External
        } else {
            Target::Refused(s.to_string())
        }
    } else if d.starts_with('/') {
        Target::Missing
    } else {
        let path = d.split(['#', '?']).next().unwrap_or(d);
        let abs = super::check::normalise(&dir.join(crate::paths::percent_decode(path)));
        if !abs.starts_with(content_dir) || !abs.is_file() {
            Target::Missing
        } else if super::is_notice_path(content_dir, &abs) {
            Target::Notice(abs)
        } else {
            attachments
                .iter()
                .find(|a| a.source == abs)
                .map_or(Target::Missing, |a| Target::Attachment(a.file_name.clone()))
        }
    }
}
