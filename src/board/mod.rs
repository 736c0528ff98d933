//! The whole site as data: which notices a build publishes (drafts, audience, publish dates), their
//! identities and status, in a stable order, grouped once into the lists the pages show (kinds,
//! school years, tags, departments, the open notices).

pub mod ids;
pub mod registry;
pub mod status;

use crate::diagnostics::Words;
use std::collections::{BTreeMap, BTreeSet};
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
    /// Also list notices not yet published (the preview server shows them with a banner).
    pub preview: bool,
    /// School years that are archived: their notices leave the live lists.
    pub archived: BTreeSet<String>,
    /// What the site's archives hold (all of them, the running year's too).
    pub frozen: Frozen,
    /// Build one school year only (for its archive).
    pub only_year: Option<SchoolYear>,
}

impl Selection {
    pub fn new(now: Date) -> Selection {
        Selection {
            now,
            drafts: false,
            audience: Audience::Public,
            preview: false,
            archived: BTreeSet::new(),
            frozen: Frozen::default(),
            only_year: None,
        }
    }
}

pub use crate::archive::Frozen;

/// A link to another notice: its title and URL relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NoticeRef {
    pub title: String,
    pub url: String,
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
    /// Past its `expires` date: only a stub is published, without names, body or tables.
    pub taken_down: bool,
    /// The notice this one corrects.
    pub corrects: Option<NoticeRef>,
    /// Corrections published for this notice.
    pub corrected_by: Vec<NoticeRef>,
    /// The decision that followed, when `decision_ref` names a notice.
    pub decision: Option<NoticeRef>,
}

/// Every field of the entry, its notice by [`Notice::digest`] (which covers every field of the
/// notice): the key of what pages show of it. The fields are named without `..`, so a field
/// added to `Entry` does not compile until it is hashed here.
impl std::hash::Hash for Entry {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let Entry {
            notice,
            slug,
            url,
            index_no,
            status,
            taken_down,
            corrects,
            corrected_by,
            decision,
        } = self;
        notice.digest.hash(h);
        (slug, url, index_no, status, taken_down).hash(h);
        (corrects, corrected_by, decision).hash(h);
    }
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
    /// The school year lists show by default.
    pub current_year: SchoolYear,
    /// Notices of the current school year by kind.
    pub kinds: BTreeMap<Kind, Vec<usize>>,
    /// Every live notice by kind, whatever its school year, newest first: the board shows the
    /// newest of each kind even on the first days of a school year.
    pub latest: BTreeMap<Kind, Vec<usize>>,
    /// Notices by school year and kind.
    pub year_kinds: BTreeMap<(SchoolYear, Kind), Vec<usize>>,
    /// Newest school year first.
    pub years: Vec<(SchoolYear, Vec<usize>)>,
    pub tags: Vec<Group>,
    pub departments: Vec<Group>,
    /// Notices in their notice period, ending soonest first.
    pub open: Vec<usize>,
    /// Notices of archived years: (slug, year), whose old URLs point into the archive.
    pub archived: Vec<(String, String)>,
    /// The site's archives, copied into the output as they are.
    pub archives: Vec<crate::archive::Archive>,
    /// Root-relative URL of every notice this build can link to, by source file and by slug.
    pub by_source: BTreeMap<std::path::PathBuf, String>,
    pub by_slug: BTreeMap<String, String>,
    /// Every identity published, this build's included: `build` writes it back.
    pub registry: registry::Registry,
    /// Published notices whose file is gone: their URLs keep a page that says so, or lead to
    /// the correction that replaced them.
    pub withdrawn: Vec<Withdrawn>,
    /// Old slugs of notices whose `slug:` was changed: (old slug, URL the notice has now).
    pub moved: Vec<(String, String)>,
    /// Archived notices per (school year, kind), from the registry.
    pub archived_counts: BTreeMap<(String, Kind), usize>,
    /// Every public notice the archives hold, newest first: the catalogue's rows of archived
    /// years (none in a build of one school year, such as an archive's).
    pub archived_notices: Vec<ArchivedNotice>,
    /// The one school year this board holds (an archive's build), if it holds only one.
    pub only_year: Option<SchoolYear>,
    /// The disclosure guide's own text (`content/_guide.md`), if the site has one.
    pub guide: Option<crate::content::guide::GuideText>,
}

/// A notice an archive holds, as its identity record and (while its file is still there) its
/// front matter describe it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArchivedNotice {
    /// The school year of the archive: `2024-2025`.
    pub year: String,
    /// `archive/{year}/notices/{slug}.html`.
    pub url: String,
    pub title: String,
    pub index_no: Option<String>,
    pub doc_no: Option<String>,
    pub department: Option<String>,
    pub summary: Option<String>,
    pub date: Date,
    pub kind: Kind,
    /// A student-aid selection (labelled 学生资助 like a live one), as far as its file tells.
    pub aid: bool,
}

/// A notice that was published and whose file is gone.
#[derive(Debug, Clone)]
pub struct Withdrawn {
    pub slug: String,
    pub title: String,
    pub index_no: Option<String>,
    pub date: Date,
    pub kind: Kind,
    /// A published notice that `corrects:` it.
    pub correction: Option<NoticeRef>,
}

/// Assigns identities over every notice and selects and groups the ones this build publishes.
pub fn assemble(
    notices: Vec<Arc<Notice>>,
    site: &Site,
    sel: &Selection,
    known: registry::Registry,
    diags: &mut Diagnostics,
) -> Board {
    let mut ids = ids::assign(&notices, known, &site.config.school_code, diags);
    let (slugs, index_nos) = (&ids.slugs, ids.index_nos.clone());
    let visible = |n: &Notice| {
        (!n.draft || sel.drafts)
            && (n.audience == Audience::Public || sel.audience == Audience::Staff)
    };
    // Where every visible notice lives, for corrections and decisions.
    let mut refs: BTreeMap<&str, NoticeRef> = BTreeMap::new();
    for (n, slug) in notices.iter().zip(slugs) {
        if visible(n) {
            let url = match sel.frozen.year_of(n).filter(|y| sel.archived.contains(*y)) {
                Some(year) => format!("archive/{year}/notices/{slug}.html"),
                None => format!("notices/{slug}.html"),
            };
            refs.insert(
                slug,
                NoticeRef {
                    title: n.title.clone(),
                    url,
                },
            );
        }
    }
    let by_slug: BTreeMap<String, String> = refs
        .iter()
        .map(|(s, r)| (s.to_string(), r.url.clone()))
        .collect();
    let by_source: BTreeMap<std::path::PathBuf, String> = notices
        .iter()
        .zip(slugs)
        .filter_map(|(n, s)| by_slug.get(s).map(|u| (n.source.clone(), u.clone())))
        .collect();
    let mut entries: Vec<Entry> = Vec::new();
    for ((notice, index_no), slug) in notices.iter().zip(index_nos).zip(slugs) {
        if !visible(notice) {
            continue;
        }
        if sel.only_year.is_some_and(|y| y != notice.school_year) {
            continue;
        }
        // Notices an archive holds live in the archive (its pages and the redirects to them
        // come from the archive itself).
        if sel
            .frozen
            .year_of(notice)
            .is_some_and(|y| sel.archived.contains(y))
        {
            continue;
        }
        let status = if notice.standing && notice.date <= sel.now {
            Status::Standing
        } else {
            Status::of(notice.date, notice.period.as_ref(), sel.now, &site.calendar)
        };
        if status == Status::Upcoming && !sel.preview {
            continue;
        }
        // A correction may replace a notice that was withdrawn since (its page says so).
        let withdrawn_ref = |slug: &str| {
            ids.registry
                .get(slug)
                .filter(|r| r.public && r.archived.is_none())
                .map(|r| NoticeRef {
                    title: r.title.clone(),
                    url: format!("notices/{slug}.html"),
                })
        };
        let corrects =
            notice
                .corrects
                .as_ref()
                .and_then(|target| match refs.get(target.as_str()) {
                    Some(r) => Some(r.clone()),
                    // (None: reported by the check stage, `check::corrections`.)
                    None => withdrawn_ref(target),
                });
        let decision = notice
            .decision_ref
            .as_ref()
            .and_then(|d| refs.get(d.as_str()).cloned());
        let taken_down = notice.expires.is_some_and(|d| sel.now > d);
        let notice = if taken_down {
            Arc::new(notice.taken_down())
        } else {
            notice.clone()
        };
        entries.push(Entry {
            url: format!("notices/{slug}.html"),
            slug: slug.clone(),
            index_no,
            status,
            taken_down,
            corrects,
            corrected_by: Vec::new(),
            decision,
            notice,
        });
    }
    entries.sort_by(|a, b| {
        b.notice
            .date
            .cmp(&a.notice.date)
            .then_with(|| a.notice.rel.cmp(&b.notice.rel))
    });
    // Back-links from corrected notices to their corrections, newest first.
    let by_url: BTreeMap<String, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.url.clone(), i))
        .collect();
    for i in 0..entries.len() {
        if let Some(target) = entries[i].corrects.clone()
            && let Some(&t) = by_url.get(&target.url)
        {
            let link = NoticeRef {
                title: entries[i].notice.title.clone(),
                url: entries[i].url.clone(),
            };
            entries[t].corrected_by.push(link);
        }
    }

    let current_year = sel
        .only_year
        .unwrap_or_else(|| SchoolYear::of(sel.now, site.year_start));
    let mut kinds: BTreeMap<Kind, Vec<usize>> = BTreeMap::new();
    let mut latest: BTreeMap<Kind, Vec<usize>> = BTreeMap::new();
    let mut year_kinds: BTreeMap<(SchoolYear, Kind), Vec<usize>> = BTreeMap::new();
    let mut years: BTreeMap<SchoolYear, Vec<usize>> = BTreeMap::new();
    let mut tags: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut departments: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut open = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let n = &e.notice;
        if n.school_year == current_year {
            kinds.entry(n.kind).or_default().push(i);
        }
        latest.entry(n.kind).or_default().push(i);
        year_kinds
            .entry((n.school_year, n.kind))
            .or_default()
            .push(i);
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
    // Identities published before whose notice is gone, or that it had before.
    // (A notice this build does not show — now a draft, or staff-only in a public build — has
    // withdrawn its public page too.)
    let held: BTreeSet<&str> = ids
        .records
        .iter()
        .zip(&notices)
        .filter(|(_, n)| visible(n))
        .filter_map(|(r, _)| r.as_deref())
        .collect();
    // The archives hold what they hold: their notice pages' old URLs lead into them, whatever
    // became of the files they were made from.
    let archived: Vec<(String, String)> = sel
        .frozen
        .slugs
        .iter()
        .filter(|(year, _)| sel.archived.contains(*year))
        .flat_map(|(year, slugs)| slugs.iter().map(|s| (s.clone(), year.clone())))
        .collect();
    let in_archives: BTreeSet<&str> = archived.iter().map(|(s, _)| s.as_str()).collect();
    // An archived notice's record says so (archives made before the registry included).
    let mut registry = std::mem::take(&mut ids.registry);
    for (n, record) in notices.iter().zip(&ids.records) {
        // Its record says it was archived, but no archive holds the file as it is now: it was
        // moved and changed.
        if let Some(r) = record.as_deref().and_then(|s| registry.get(s))
            && let Some(year) = &r.archived
            && sel.frozen.year_of(n).is_none()
            && !sel.frozen.by_path.contains_key(&n.rel)
        {
            diags.error(
                n.slug_span(),
                Problem::Archived(Words::new(
                    format!(
                        "this notice (notices/{}.html) was archived in {year}; publish a correction notice instead of changing it (a new notice with `corrects: {}`)",
                        r.slug, r.slug
                    ),
                    format!(
                        "本公示（notices/{}.html）已在 {year} 归档；请发布更正公示（新公示写 `corrects: {}`），不要修改原公示",
                        r.slug, r.slug
                    ),
                )),
            );
        }
        if let (Some(year), Some(slug)) = (sel.frozen.year_of(n), record)
            && let Some(mut r) = registry.get(slug).cloned()
            && r.archived.as_deref() != Some(year)
        {
            r.archived = Some(year.to_string());
            registry.insert(r);
        }
    }
    let mut withdrawn = Vec::new();
    let mut moved = Vec::new();
    for r in registry.records() {
        if in_archives.contains(r.slug.as_str()) {
            continue;
        }
        let public = r.public || sel.audience == Audience::Staff;
        if r.archived.is_some() || !public {
            continue;
        }
        if !held.contains(r.slug.as_str()) {
            let correction = entries
                .iter()
                .find(|e| e.notice.corrects.as_deref() == Some(r.slug.as_str()))
                .map(|e| NoticeRef {
                    title: e.notice.title.clone(),
                    url: e.url.clone(),
                });
            withdrawn.push(Withdrawn {
                slug: r.slug.clone(),
                title: r.title.clone(),
                index_no: r.index_no.clone(),
                date: r.date,
                kind: r.kind,
                correction,
            });
        }
        if let Some(url) = by_slug.get(&r.slug) {
            for old in &r.old_slugs {
                moved.push((old.clone(), url.clone()));
            }
        }
    }
    let archived_years: BTreeSet<&str> = archived.iter().map(|(_, y)| y.as_str()).collect();
    let mut archived_counts = BTreeMap::new();
    for r in registry.records() {
        if let Some(y) = r.archived.as_deref()
            && archived_years.contains(y)
            && r.public
        {
            *archived_counts.entry((y.to_string(), r.kind)).or_insert(0) += 1;
        }
    }
    // A board of one school year (an archive's) shows no other archive.
    let archived_notices = match sel.only_year {
        Some(_) => Vec::new(),
        None => archived_notices(&archived, &registry, &notices, slugs, sel),
    };
    Board {
        archived_counts,
        archived_notices,
        only_year: sel.only_year,
        guide: None,
        registry,
        withdrawn,
        moved,
        now: sel.now,
        audience: sel.audience,
        current_year,
        kinds,
        latest,
        year_kinds,
        years: years.into_iter().rev().collect(),
        tags,
        departments,
        open,
        archived,
        archives: Vec::new(),
        by_source,
        by_slug,
        entries,
    }
}

/// The public notices of `archived` (slug, year), newest first, from their identity records,
/// with the fields only the notice file has while it is still there.
fn archived_notices(
    archived: &[(String, String)],
    registry: &registry::Registry,
    notices: &[Arc<Notice>],
    slugs: &[String],
    sel: &Selection,
) -> Vec<ArchivedNotice> {
    if archived.is_empty() {
        return Vec::new();
    }
    let files: BTreeMap<&str, &Notice> = slugs
        .iter()
        .map(String::as_str)
        .zip(notices.iter().map(|n| &**n))
        .collect();
    let mut out: Vec<ArchivedNotice> = archived
        .iter()
        .filter_map(|(slug, year)| {
            let r = registry.get(slug)?;
            if !r.public && sel.audience == Audience::Public {
                return None;
            }
            let file = files.get(slug.as_str());
            // A list taken down at `expires` keeps no more than its title here too.
            let taken_down = file.is_some_and(|n| n.expires.is_some_and(|d| sel.now > d));
            Some(ArchivedNotice {
                year: year.clone(),
                url: format!("archive/{year}/notices/{slug}.html"),
                title: r.title.clone(),
                index_no: r.index_no.clone(),
                doc_no: file.and_then(|n| n.doc_no.clone()),
                department: file.and_then(|n| n.department.clone()),
                summary: file.filter(|_| !taken_down).and_then(|n| n.summary.clone()),
                date: r.date,
                kind: r.kind,
                aid: file.is_some_and(|n| n.is_aid()),
            })
        })
        .collect();
    out.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    out
}

impl Board {
    /// Archived notices per (school year, kind), of the archives this board leads to (the
    /// running year's, archived early, is still on the live board).
    pub fn archived_counts(&self) -> &BTreeMap<(String, Kind), usize> {
        &self.archived_counts
    }

    /// The archived school years this board leads to, newest first.
    pub fn archived_years(&self) -> Vec<String> {
        let years: BTreeSet<&str> = self.archived.iter().map(|(_, y)| y.as_str()).collect();
        years.into_iter().rev().map(str::to_string).collect()
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
