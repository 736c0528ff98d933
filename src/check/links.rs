//! Links in notice bodies: a link that leads nowhere is an error at its line, one the sanitiser
//! removes (`javascript:`…) a warning; links to notices must reach one this build publishes.
//! External links are listed in the build report, never fetched.

use crate::board::Board;
use crate::content::Notice;
use crate::diagnostics::Words;
use crate::diagnostics::{Diagnostics, Problem, Span};

pub use crate::content::notice::LinkTarget as Target;

/// Where link `dest` on `line` of the notice is: its destination (`](dest` or `<dest`, not the
/// link text that may read the same), with the line quoted.
fn link_span(notice: &Notice, line: usize, dest: &str) -> Span {
    let d = dest.trim();
    let text = notice
        .body
        .lines()
        .nth(line.saturating_sub(notice.body_line))
        .unwrap_or("");
    let at = [format!("]({d}"), format!("<{d}")]
        .iter()
        .find_map(|p| text.find(p.as_str()).map(|b| b + p.len() - d.len()))
        .or_else(|| text.find(d));
    Span {
        file: notice.rel.clone(),
        line,
        col: at.map_or(1, |b| text[..b].chars().count() + 1),
        source_line: Some(text.to_string()),
        caret: None,
        cell: None,
    }
}

/// Reports the broken and refused links of one notice.
pub fn report(notice: &Notice, diags: &mut Diagnostics) {
    for ((dest, line), (_, target)) in notice.links.iter().zip(&notice.link_targets) {
        match target {
            Target::Refused(scheme) => diags.warning(
                Span::file(&notice.rel).at_line(*line),
                Problem::UnsafeHtml(format!("link to `{scheme}:`")),
            ),
            Target::Missing => {
                diags.error(
                    link_span(notice, *line, dest),
                    Problem::BrokenLink(dest.trim().to_string()),
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
                    link_span(notice, *line, dest),
                    Problem::InvalidValue {
                        field: "link".into(),
                        message: Words::new(
                            format!("`{dest}` does not lead to a notice published in this build"),
                            format!("`{dest}` 指向的公示不在本次发布之中"),
                        ),
                    },
                );
            }
        }
    }
}
