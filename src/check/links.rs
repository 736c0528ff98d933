//! Links in notice bodies: a link that leads nowhere is an error at its line, one the sanitiser
//! removes (`javascript:`…) a warning; links to notices must reach one this build publishes.
//! External links are listed in the build report, never fetched.

use crate::board::Board;
use crate::content::Notice;
use crate::diagnostics::{Diagnostics, Problem, Span};

pub use crate::content::notice::LinkTarget as Target;

/// Reports the broken and refused links of one notice.
pub fn report(notice: &Notice, text: &str, diags: &mut Diagnostics) {
    for ((dest, line), (_, target)) in notice.links.iter().zip(&notice.link_targets) {
        match target {
            Target::Refused(scheme) => diags.warning(
                Span::file(&notice.rel).at_line(*line),
                Problem::UnsafeHtml(format!("link to `{scheme}:`")),
            ),
            Target::Missing => {
                let d = dest.trim();
                let col = text
                    .lines()
                    .nth(line - 1)
                    .and_then(|l| l.find(d).map(|b| l[..b].chars().count() + 1))
                    .unwrap_or(1);
                diags.error(
                    Span::in_text(&notice.rel, text, *line, col),
                    Problem::BrokenLink(d.to_string()),
                );
            }
            _ => {}
        }
    }
}

/// Links to notices must reach one this build publishes (never a staff-only, draft or archived
/// one): checked over the assembled board.
pub fn across(board: &Board, diags: &mut Diagnostics) {
    for e in &board.entries {
        let notice = &e.notice;
        for ((dest, line), (_, target)) in notice.links.iter().zip(&notice.link_targets) {
            let published = match target {
                Target::Slug(s) => board.by_slug.contains_key(s),
                Target::Notice(p) => board.by_source.contains_key(p),
                _ => true,
            };
            if !published {
                diags.error(
                    Span::file(&notice.rel).at_line(*line),
                    Problem::InvalidValue {
                        field: "link".into(),
                        message: format!(
                            "`{dest}` does not lead to a notice published in this build"
                        ),
                    },
                );
            }
        }
    }
}
