//! What templates see of a notice: a short [`Summary`] for lists (computed once per notice and
//! shared by every list page) and the full [`Detail`] for its own page. URLs here are relative to
//! the site root and already percent-encoded; templates prefix them with `root`.

use jiff::civil::Date;
use serde::Serialize;

use crate::board::{Board, Entry, Group, Status};
use crate::calendar::zh_date;
use crate::config::{Contact, Language, Site};
use crate::content::Audience;
use crate::content::notice::OutcomeKind;
use crate::render::i18n::{kind_name, t};

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    /// `open`, `closed`, `pending` or `posted`.
    pub code: &'static str,
    pub label: String,
    pub days_left: Option<u32>,
    /// "剩余3个工作日" while open.
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodView {
    pub start: String,
    pub end: String,
    /// `17:00` when the period ends at a time of day.
    pub end_time: Option<String>,
    pub working_days: u32,
    /// Every working day of the period, space-separated, for the status script.
    pub working_dates: String,
    /// `2024年12月23日至12月27日（5个工作日）`
    pub display: String,
}

/// A notice as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub title: String,
    /// `no_objection` etc. with its label and note, once the period has closed.
    pub outcome: Option<LabelView>,
    /// 有效性 badge.
    pub validity: Option<LabelView>,
    /// Past `expires`: a stub without names.
    pub taken_down: bool,
    pub url: String,
    pub date: String,
    pub date_display: String,
    pub kind: &'static str,
    pub kind_name: &'static str,
    pub department: Option<String>,
    pub doc_no: Option<String>,
    pub index_no: Option<String>,
    pub summary: Option<String>,
    pub status: StatusView,
    pub period: Option<PeriodView>,
    pub tags: Vec<Link>,
    pub school_year: String,
    pub staff_only: bool,
    pub draft: bool,
}

/// A coded value with its label in the site's language.
#[derive(Debug, Clone, Serialize)]
pub struct LabelView {
    pub key: &'static str,
    pub label: &'static str,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    pub title: String,
    pub url: String,
    pub file_name: String,
    pub size: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RevisionView {
    pub date: String,
    pub date_display: String,
    pub note: String,
}

/// A notice on its own page.
#[derive(Debug, Clone, Serialize)]
pub struct Detail {
    #[serde(flatten)]
    pub summary: Summary,
    pub contact: Contact,
    pub contacts: Vec<Contact>,
    pub attachments: Vec<AttachmentView>,
    pub revisions: Vec<RevisionView>,
    pub body_html: String,
    /// Computed tables and figures; see the README's template reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<crate::render::tables::DataView>,
    pub kind_url: String,
    pub year_url: String,
    pub department_url: Option<String>,
    /// Absolute URL when the site has a base URL.
    pub canonical: Option<String>,
    /// The notice this one corrects (更正).
    pub corrects: Option<Link>,
    /// Corrections of this notice.
    pub corrected_by: Vec<Link>,
    /// The decision that followed: a link when it is a notice of the site, else its document number.
    pub decision: Option<Link>,
    pub decision_text: Option<String>,
    pub expires: Option<String>,
    /// QR code (inline SVG) of the canonical URL, for the printed notice.
    pub qr_svg: Option<String>,
}

/// What [`encode_segment`] leaves as it is: ASCII letters, digits and `-_.~` (RFC 3986's
/// unreserved characters).
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes one path segment (Chinese folder names stay readable on disk and in the
/// address bar, and links work from `file://` too).
pub fn encode_segment(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, SEGMENT).to_string()
}

/// A date as the site's language writes it.
pub fn date_display(lang: Language, d: Date) -> String {
    match lang {
        Language::ZhCn => zh_date(d),
        Language::En => d.to_string(),
    }
}

pub fn group_url(section: &str, g: &Group) -> String {
    format!("{section}/{}/index.html", encode_segment(&g.folder))
}

pub fn year_url(label: &str) -> String {
    format!("years/{label}/index.html")
}

/// A kind's name as lists show it: student aid is a selection, but parents know it as 学生资助.
pub fn kind_label(lang: Language, kind: crate::content::Kind, aid: bool) -> &'static str {
    if aid {
        t(lang, "kind_aid")
    } else {
        kind_name(lang, kind)
    }
}

pub fn kind_url(kind: crate::content::Kind) -> String {
    format!("{}/index.html", kind.key())
}

pub fn status_view(lang: Language, status: Status) -> StatusView {
    let (label, days_left) = match status {
        Status::Open { days_left, .. } => (t(lang, "status_open"), Some(days_left)),
        Status::Closed => (t(lang, "status_closed"), None),
        Status::Pending => (t(lang, "status_pending"), None),
        Status::Upcoming => (t(lang, "status_upcoming"), None),
        Status::Posted => (t(lang, "status_posted"), None),
        Status::Standing => (t(lang, "status_standing"), None),
    };
    StatusView {
        code: status.code(),
        label: label.to_string(),
        days_left,
        detail: match status {
            Status::Open {
                ends_today_at: Some(at),
                ..
            } => Some(t(lang, "until_today").replace("{t}", &at.to_string())),
            _ => days_left.map(|n| t(lang, "days_left").replace("{n}", &n.to_string())),
        },
    }
}

fn period_view(
    lang: Language,
    p: &crate::content::NoticePeriod,
    cal: &crate::calendar::WorkCalendar,
) -> PeriodView {
    let days = t(lang, "working_days").replace("{n}", &p.working_days.to_string());
    let at = p.end_time.map(|t| t.to_string()).unwrap_or_default();
    let display = match lang {
        Language::ZhCn => {
            let end = if p.end.year() == p.start.year() {
                format!("{}月{}日", p.end.month(), p.end.day())
            } else {
                zh_date(p.end)
            };
            format!("{}至{}{at}（{}）", zh_date(p.start), end, days)
        }
        Language::En if at.is_empty() => format!("{} to {} ({})", p.start, p.end, days),
        Language::En => format!("{} to {} {at} ({})", p.start, p.end, days),
    };
    let mut dates = Vec::new();
    let mut d = p.start;
    while d <= p.end {
        if cal.is_working_day(d) {
            dates.push(d.to_string());
        }
        match d.tomorrow() {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    PeriodView {
        start: p.start.to_string(),
        end: p.end.to_string(),
        end_time: p.end_time.map(|t| t.to_string()),
        working_days: p.working_days,
        working_dates: dates.join(" "),
        display,
    }
}

/// The URL of every tag and department list, by name: computed once per build, so no page
/// searches the board's groups.
pub struct GroupUrls {
    tags: foldhash::HashMap<String, String>,
    departments: foldhash::HashMap<String, String>,
    /// A key of all of them, in the board's order.
    key: u64,
}

impl GroupUrls {
    pub fn new(board: &Board) -> Self {
        let urls = |section: &str, groups: &[Group]| -> Vec<(String, String)> {
            groups
                .iter()
                .map(|g| (g.name.clone(), group_url(section, g)))
                .collect()
        };
        let (tags, departments) = (
            urls("tags", &board.tags),
            urls("departments", &board.departments),
        );
        GroupUrls {
            key: crate::digest::key(&(&tags, &departments)),
            tags: tags.into_iter().collect(),
            departments: departments.into_iter().collect(),
        }
    }

    /// Changes when any tag or department list is added, removed or moved.
    pub fn key(&self) -> u64 {
        self.key
    }

    pub fn tag(&self, name: &str) -> Option<&String> {
        self.tags.get(name)
    }

    pub fn department(&self, name: &str) -> Option<&String> {
        self.departments.get(name)
    }
}

fn outcome_label(k: OutcomeKind) -> &'static str {
    match k {
        OutcomeKind::NoObjection => "outcome_no_objection",
        OutcomeKind::ObjectionUpheld => "outcome_objection_upheld",
        OutcomeKind::ObjectionDismissed => "outcome_objection_dismissed",
        OutcomeKind::Withdrawn => "outcome_withdrawn",
    }
}

pub fn summary(site: &Site, e: &Entry, urls: &GroupUrls) -> Summary {
    let lang = site.config.language;
    let n = &e.notice;
    Summary {
        title: n.title.clone(),
        outcome: n.outcome.as_ref().map(|o| LabelView {
            key: o.kind.key(),
            label: t(lang, outcome_label(o.kind)),
            note: o.note.clone(),
        }),
        validity: n.validity.map(|v| LabelView {
            key: v.key(),
            label: t(lang, &format!("validity_{}", v.key())),
            note: None,
        }),
        taken_down: e.taken_down,
        url: e.url.clone(),
        date: n.date.to_string(),
        date_display: date_display(lang, n.date),
        kind: n.kind.key(),
        kind_name: kind_label(lang, n.kind, n.is_aid()),
        department: n.department.clone(),
        doc_no: n.doc_no.clone(),
        index_no: e.index_no.clone(),
        summary: n.summary.clone(),
        status: status_view(lang, e.status),
        period: n
            .period
            .as_ref()
            .map(|p| period_view(lang, p, &site.calendar)),
        tags: n
            .tags
            .iter()
            .map(|name| Link {
                name: name.clone(),
                url: urls.tags.get(name).cloned().unwrap_or_default(),
            })
            .collect(),
        school_year: n.school_year.label(),
        staff_only: n.audience == Audience::Staff,
        draft: n.draft,
    }
}

/// `12.3 KB`, `1.2 MB`, computed in integers.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{}.{} KB", b / 1024, (b % 1024) * 10 / 1024),
        b => format!(
            "{}.{} MB",
            b / (1024 * 1024),
            (b % (1024 * 1024)) * 10 / (1024 * 1024)
        ),
    }
}

fn link(r: &crate::board::NoticeRef) -> Link {
    Link {
        name: r.title.clone(),
        url: r.url.clone(),
    }
}

pub fn attachment_url(e: &Entry, file_name: &str) -> String {
    format!("files/{}/{}", e.slug, encode_segment(file_name))
}

pub fn detail(
    site: &Site,
    urls: &GroupUrls,
    e: &Entry,
    summary: Summary,
    body_html: String,
    data: Option<crate::render::tables::DataView>,
) -> Detail {
    let lang = site.config.language;
    let n = &e.notice;
    let base = site.base_url();
    Detail {
        summary,
        contact: n.contact.clone(),
        contacts: n.contacts.clone(),
        attachments: n
            .attachments
            .iter()
            .map(|a| AttachmentView {
                title: a.title.clone(),
                url: attachment_url(e, &a.file_name),
                file_name: a.file_name.clone(),
                size: human_size(a.size),
            })
            .collect(),
        revisions: n
            .revisions
            .iter()
            .map(|r| RevisionView {
                date: r.date.to_string(),
                date_display: date_display(lang, r.date),
                note: r.note.clone(),
            })
            .collect(),
        body_html,
        data,
        kind_url: kind_url(n.kind),
        year_url: year_url(&n.school_year.label()),
        department_url: n
            .department
            .as_ref()
            .and_then(|d| urls.departments.get(d).cloned()),
        canonical: (!base.is_empty()).then(|| format!("{base}{}", e.url)),
        corrects: e.corrects.as_ref().map(link),
        corrected_by: e.corrected_by.iter().map(link).collect(),
        decision: e.decision.as_ref().map(link),
        decision_text: n.decision_ref.clone().filter(|_| e.decision.is_none()),
        expires: n.expires.map(|d| date_display(lang, d)),
        qr_svg: (!base.is_empty())
            .then(|| {
                crate::render::qr::svg_for(
                    &format!("{base}{}", e.url),
                    &t(lang, "qr_label").replace("{title}", &n.title),
                )
            })
            .flatten(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_segments() {
        assert_eq!(encode_segment("收费"), "%E6%94%B6%E8%B4%B9");
        assert_eq!(encode_segment("a b&c"), "a%20b%26c");
        assert_eq!(encode_segment("fees-2025.pdf"), "fees-2025.pdf");
    }

    #[test]
    fn sizes() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(3 * 1024 * 1024), "3.0 MB");
    }
}
