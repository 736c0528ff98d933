//! Student aid (资助) lists name minors: their names go in `candidates:`, which masks them
//! (张*明) on every page, the feed and the search index. A table of names typed in the body
//! would be published as typed: it is an error pointing to `candidates:`.

use crate::content::Notice;
use crate::content::data::selection::AwardType;
use crate::diagnostics::{Diagnostics, Problem, Span};

/// Column headings that hold people's names.
const NAME_HEADINGS: [&str; 4] = ["姓名", "学生姓名", "受助学生", "name"];

/// Reports each Markdown table in the body of a student-aid notice whose heading row has a
/// name column.
pub fn names_in_body(notice: &Notice, text: &str, diags: &mut Diagnostics) {
    let aid = notice
        .data
        .selection
        .as_ref()
        .is_some_and(|s| s.award_type == AwardType::Aid);
    if !aid {
        return;
    }
    let lines: Vec<&str> = notice.body.lines().collect();
    for (i, pair) in lines.windows(2).enumerate() {
        let (head, rule) = (pair[0].trim(), pair[1].trim());
        let is_rule = rule.starts_with('|') && rule.contains("---");
        if !head.starts_with('|') || !is_rule {
            continue;
        }
        let named = head
            .split('|')
            .map(|c| c.trim().to_lowercase())
            .any(|c| NAME_HEADINGS.contains(&c.as_str()));
        if named {
            let line = notice.body_line + i;
            diags.error(
                Span::in_text(&notice.rel, text, line, 1),
                Problem::NamesInAidBody,
            );
        }
    }
}
