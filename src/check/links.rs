//! Links in notice bodies: external ones are listed for the build report (never fetched); links
//! to other notices (by their source file or `@slug`) and to attachments are checked here and
//! rewritten to output URLs when rendering.

use std::path::Path;

use crate::content::Notice;
use crate::diagnostics::{Diagnostics, Problem, Span};

pub use crate::content::notice::LinkTarget as Target;

/// Resolves every link of `notice`, reporting broken ones at their line.
pub fn resolve(
    notice: &Notice,
    content_dir: &Path,
    text: &str,
    diags: &mut Diagnostics,
) -> Vec<(String, Target)> {
    let dir = notice.source.parent().unwrap_or(content_dir);
    let mut out = Vec::new();
    for (dest, line) in &notice.links {
        let d = dest.trim();
        let scheme = d.split_once(':').filter(|(s, _)| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        });
        let target = if d.starts_with('#') {
            Some(Target::Fragment)
        } else if let Some(slug) = d.strip_prefix('@') {
            Some(Target::Slug(
                slug.trim_end_matches(".html").to_ascii_lowercase(),
            ))
        } else if let Some((s, _)) = scheme {
            if !matches!(
                s.to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto" | "tel"
            ) {
                // The sanitiser removes script and data URLs; say so, but it is not a broken link.
                diags.warning(
                    Span::file(&notice.rel).at_line(*line),
                    Problem::UnsafeHtml(format!("link to `{s}:`")),
                );
                continue;
            }
            Some(Target::External)
        } else if d.starts_with('/') {
            None
        } else {
            let path = d.split(['#', '?']).next().unwrap_or(d);
            let abs = super::super::content::check::normalise(
                &dir.join(crate::paths::percent_decode(path)),
            );
            if !abs.starts_with(content_dir) || !abs.is_file() {
                None
            } else if crate::content::is_notice_path(content_dir, &abs) {
                Some(Target::Notice(abs))
            } else {
                notice
                    .attachments
                    .iter()
                    .find(|a| a.source == abs)
                    .map(|a| Target::Attachment(a.file_name.clone()))
            }
        };
        match target {
            Some(t) => out.push((dest.clone(), t)),
            None => {
                let col = text
                    .lines()
                    .nth(line - 1)
                    .and_then(|l| l.find(d))
                    .map_or(1, |b| {
                        text.lines()
                            .nth(line - 1)
                            .map_or(1, |l| l[..b].chars().count() + 1)
                    });
                diags.error(
                    Span::in_text(&notice.rel, text, *line, col),
                    Problem::BrokenLink(d.to_string()),
                );
            }
        }
    }
    out
}
