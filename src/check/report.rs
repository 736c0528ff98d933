//! The build report and the machine-readable findings of `check --format json`: what was built,
//! every warning, every privacy finding waived with its reason, and every external link (listed,
//! never fetched). The report names source files, staff-only ones too, so it is written beside
//! the sources (`ROOT/gongkai-report.json`), never into a published folder.

use serde::Serialize;

use crate::board::Board;
use crate::check::links::Target;
use crate::diagnostics::{Diagnostic, Severity};

/// Where the build report of `audience` is written, relative to the site root.
pub fn path(root: &std::path::Path, audience: crate::content::Audience) -> std::path::PathBuf {
    root.join(match audience {
        crate::content::Audience::Public => "gongkai-report.json",
        crate::content::Audience::Staff => "gongkai-report-staff.json",
    })
}

/// One finding, as editors and CI read it.
#[derive(Debug, Serialize)]
pub struct FindingJson<'a> {
    pub severity: &'static str,
    pub code: &'static str,
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    /// A spreadsheet cell as Excel names it (`伙食!C7`); `line` and `column` are then its row
    /// and column number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<&'a str>,
    pub message: String,
    pub hint: Option<String>,
}

impl<'a> From<&'a Diagnostic> for FindingJson<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        FindingJson::new(d, crate::diagnostics::Lang::En)
    }
}

impl<'a> FindingJson<'a> {
    /// The finding with its message and hint in `lang` (the code stays the same).
    pub fn new(d: &'a Diagnostic, lang: crate::diagnostics::Lang) -> Self {
        FindingJson {
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            code: d.problem.code(),
            file: &d.span.file,
            line: d.span.line,
            column: d.span.col,
            cell: d.span.cell.as_deref(),
            message: d.problem.message(lang),
            hint: d.problem.hint_in(lang),
        }
    }
}

#[derive(Serialize)]
struct Waived<'a> {
    file: &'a str,
    code: &'a str,
    reason: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct Link<'a> {
    file: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct Report<'a> {
    generator: &'static str,
    now: String,
    audience: &'static str,
    notices: usize,
    notices_by_kind: Vec<(&'static str, usize)>,
    warnings: Vec<FindingJson<'a>>,
    waived: Vec<Waived<'a>>,
    external_links: Vec<Link<'a>>,
}

/// The report of a build of `board` with these warnings, as pretty JSON.
pub fn build_report(board: &Board, warnings: &[Diagnostic], silenced: &[super::Waived]) -> String {
    // Those of the notices this build publishes (few notices waive anything: the set of
    // published files is made only when one does).
    let published: std::collections::HashSet<&str> = if silenced.is_empty() {
        Default::default()
    } else {
        board
            .entries
            .iter()
            .map(|e| e.notice.rel.as_str())
            .collect()
    };
    let mut waived: Vec<Waived> = silenced
        .iter()
        .filter(|w| published.contains(w.file.as_str()))
        .map(|w| Waived {
            file: &w.file,
            code: &w.code,
            reason: &w.reason,
            count: w.count,
        })
        .collect();
    let mut external = Vec::new();
    for e in &board.entries {
        let n = &e.notice;
        for (dest, target) in &n.link_targets {
            if *target == Target::External {
                external.push(Link {
                    file: &n.rel,
                    url: dest,
                });
            }
        }
    }
    waived.sort_by(|a, b| (a.file, a.code).cmp(&(b.file, b.code)));
    external.sort_by(|a, b| (a.file, a.url).cmp(&(b.file, b.url)));
    external.dedup_by(|a, b| a.file == b.file && a.url == b.url);
    let report = Report {
        generator: "gongkai",
        now: board.now.to_string(),
        audience: match board.audience {
            crate::content::Audience::Public => "public",
            crate::content::Audience::Staff => "staff",
        },
        notices: board.entries.len(),
        notices_by_kind: crate::content::Kind::ALL
            .iter()
            .map(|k| {
                (
                    k.key(),
                    board.entries.iter().filter(|e| e.notice.kind == *k).count(),
                )
            })
            .collect(),
        warnings: warnings
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .map(FindingJson::from)
            .collect(),
        waived,
        external_links: external,
    };
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
