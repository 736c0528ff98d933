//! The whole site as data: which notices a build publishes (drafts, audience, publish dates), their
//! identities and status, in a stable order, grouped once into the lists the pages show (kinds,
//! school years, tags, departments, the open notices).

pub mod ids;
pub mod status;

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

pub use status::Status;

use crate::calendar::SchoolYear;
use crate::config::Site;
use crate::content::{Audience, Kind, Notice};
use crate::diagnostics::{Diagnostics, Problem, Span};

/// What a build includes.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The day the board is built for.
    pub now: Date,
    pub drafts: bool,
    pub audience: Audience,
}

/// A published notice with its identities.
#[derive(Debug, Clone)]
pub struct Entry {
    pub notice: Arc<Notice>,
    pub slug: String,
    /// `notices/{slug}.html`, relative to the site root.
    pub url: String,
    pub index_no: Option<String>,
    pub status: Status,
}

/// A named group of notices with its folder in the output (tags, departments).
#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    /// Folder name: the name made safe for a file system.
    pub folder: String,
    /// Positions in [`Board::entries`], newest first.
    pub items: Vec<usize>,
}

/// The published board.
#[derive(Debug, Clone)]
pub struct Board {
    /// Newest first: date descending, then path.
    pub entries: Vec<Entry>,
    pub now: Date,
    pub audience: Audience,
    pub kinds: BTreeMap<Kind, Vec<usize>>,
    /// Newest school year first.
    pub years: Vec<(SchoolYear, Vec<usize>)>,
    pub tags: Vec<Group>,
    pub departments: Vec<Group>,
    /// Notices in their notice period, ending soonest first.
    pub open: Vec<usize>,
}

/// Assigns identities over every notice and selects and groups the ones this build publishes.
pub fn assemble(
    notices: Vec<Arc<Notice>>,
    site: &Site,
    sel: &Selection,
    diags: &mut Diagnostics,
) -> Board {
    let index_nos = ids::index_numbers(&notices, &site.config.school_code, diags);
    let slugs = ids::slugs(&notices, diags);
    let mut entries: Vec<Entry> = notices
        .into_iter()
        .zip(index_nos)
        .zip(slugs)
        .filter(|((n, _), _)| {
            (!n.draft || sel.drafts)
                && (n.audience == Audience::Public || sel.audience == Audience::Staff)
        })
        .map(|((notice, index_no), slug)| Entry {
            status: Status::of(notice.date, notice.period.as_ref(), sel.now, &site.calendar),
            url: format!("notices/{slug}.html"),
            slug,
            index_no,
            notice,
        })
        .filter(|e| e.status != Status::Upcoming)
        .collect();
    entries.sort_by(|a, b| {
        b.notice
            .date
            .cmp(&a.notice.date)
            .then_with(|| a.notice.rel.cmp(&b.notice.rel))
    });

    let mut kinds: BTreeMap<Kind, Vec<usize>> = BTreeMap::new();
    let mut years: BTreeMap<SchoolYear, Vec<usize>> = BTreeMap::new();
    let mut tags: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut departments: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut open = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let n = &e.notice;
        kinds.entry(n.kind).or_default().push(i);
        years.entry(n.school_year).or_default().push(i);
        for t in &n.tags {
            tags.entry(t).or_default().push(i);
        }
        if let Some(d) = &n.department {
            departments.entry(d).or_default().push(i);
        }
        if e.status.is_open() {
            open.push(i);
        }
    }
    open.sort_by_key(|&i| (entries[i].notice.period.map(|p| p.end), i));
    let tags = groups(tags, "tags", diags);
    let departments = groups(departments, "department", diags);
    Board {
        now: sel.now,
        audience: sel.audience,
        kinds,
        years: years.into_iter().rev().collect(),
        tags,
        departments,
        open,
        entries,
    }
}

fn groups(map: BTreeMap<&str, Vec<usize>>, field: &str, diags: &mut Diagnostics) -> Vec<Group> {
    let mut by_folder: BTreeMap<String, String> = BTreeMap::new();
    let mut out = Vec::new();
    for (name, items) in map {
        let folder = folder_name(name);
        if let Some(other) = by_folder.insert(folder.clone(), name.to_string()) {
            diags.error(
                Span::file("content"),
                Problem::NameCollision {
                    a: format!("{field} {other}"),
                    b: name.to_string(),
                    folder,
                },
            );
            continue;
        }
        out.push(Group {
            name: name.to_string(),
            folder,
            items,
        });
    }
    out
}

/// A tag or department name made safe as one path segment on every file system: separators,
/// reserved characters and control characters become `-`, leading and trailing dots and spaces
/// go. Chinese stays as it is.
pub fn folder_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '#' | '%' => '-',
            c if c.is_control() => '-',
            c if c.is_whitespace() => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c| c == '.' || c == '-');
    if trimmed.is_empty() {
        "-".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::folder_name;

    #[test]
    fn folder_names_are_safe() {
        assert_eq!(folder_name("收费公示"), "收费公示");
        assert_eq!(folder_name("../etc"), "etc");
        assert_eq!(folder_name("a/b c"), "a-b-c");
        assert_eq!(folder_name(".."), "-");
        assert_eq!(folder_name("Fees"), "fees");
    }
}
