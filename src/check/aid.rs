//! Student aid (资助) lists name minors: their names go in `candidates:`, which masks them
//! (张*明) on every page, the feed and the search index. A table of names typed in the body
//! would be published as typed: it is an error pointing to `candidates:`. A named list is
//! taken down when its period of use ends: without `expires:` it is a warning.

use crate::content::Notice;
use crate::content::data::selection::AwardType;
use crate::diagnostics::{Diagnostics, Problem, Span};

/// Warns when a student-aid list has no `expires:` (it would stay published for good).
pub fn expiry(notice: &Notice, diags: &mut Diagnostics) {
    let aid = notice
        .data
        .selection
        .as_ref()
        .is_some_and(|s| s.award_type == AwardType::Aid);
    if aid && notice.expires.is_none() {
        diags.warning(
            notice
                .front_matter
                .span_of(&notice.rel, &[crate::yaml::Seg::Key("award_type")]),
            Problem::MissingExpires,
        );
    }
}

/// Column headings that hold people's names.
const NAME_HEADINGS: [&str; 4] = ["姓名", "学生姓名", "受助学生", "name"];

/// Whether `c` can be part of a Chinese name.
fn hanzi(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Where a name is written in prose as `张三丰等3名同学` (a name, 等, a count, 名 and
/// 同学/学生/幼儿): the byte offset of the name in `line` — the last two or three hanzi before
/// 等 (a name of two or three characters; a longer run is the words before it).
fn name_in_prose(line: &str) -> Option<usize> {
    for (at, _) in line.match_indices('等') {
        let rest = &line[at + '等'.len_utf8()..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let counted = ["名同学", "名学生", "名幼儿"]
            .iter()
            .any(|w| rest[digits..].starts_with(w));
        if digits == 0 || !counted {
            continue;
        }
        let run: Vec<usize> = line[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| hanzi(*c))
            .map(|(b, _)| b)
            .collect();
        if run.len() >= 2 {
            return Some(run[run.len().min(3) - 1]);
        }
    }
    None
}

/// Reports each Markdown table in the body of a student-aid notice whose heading row has a
/// name column, and each name written in its prose as 张三丰等3名同学.
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
    for (i, line) in lines.iter().enumerate() {
        if let Some(b) = name_in_prose(line) {
            diags.error(
                Span::in_text(
                    &notice.rel,
                    text,
                    notice.body_line + i,
                    line[..b].chars().count() + 1,
                ),
                Problem::NamesInAidBody,
            );
        }
    }
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
