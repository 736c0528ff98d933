//! One notice: its front matter as written ([`FrontMatter`], strict), and the checked model the
//! rest of the pipeline uses ([`Notice`]), built by [`parse_notice`] with every problem of the
//! file collected, each at its line and column.

use std::path::{Component, Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::frontmatter;
use super::kind::Kind;
use super::scalar::Text;
use crate::calendar::{SchoolYear, parse_date};
use crate::config::{Contact, Site};
use crate::diagnostics::{Diagnostics, Problem, Span};
use crate::yaml::{Seg, YamlSource};

/// The front matter exactly as the clerk may write it; any other key is an error.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<Text>,
    pub kind: Option<Text>,
    pub date: Option<Text>,
    /// 发布部门
    pub department: Option<Text>,
    /// 文号
    pub doc_no: Option<Text>,
    /// An index number (索引号) issued before gongkai; generated when absent.
    pub index_no: Option<Text>,
    /// 内容概述, for lists, the feed and the page description.
    pub summary: Option<Text>,
    pub period: Option<RawPeriod>,
    pub contact: Option<Contact>,
    #[serde(default)]
    pub tags: Vec<Text>,
    pub slug: Option<Text>,
    #[serde(default)]
    pub draft: bool,
    pub audience: Option<Text>,
    #[serde(default)]
    pub attachments: Vec<RawAttachment>,
    #[serde(default)]
    pub revisions: Vec<RawRevision>,
}

/// `period:` as written: `{start, end}`, `{days}` or `{start, days}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPeriod {
    pub start: Option<Text>,
    pub end: Option<Text>,
    pub days: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttachment {
    pub title: Option<Text>,
    pub file: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRevision {
    pub date: Text,
    pub note: Text,
}

/// Who may see a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Public,
    /// Staff only (校内): built only with `--audience staff`.
    Staff,
}

/// 公示期: the window in which objections may be raised, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticePeriod {
    pub start: Date,
    pub end: Date,
    /// Working days from start to end.
    pub working_days: u32,
}

#[derive(Debug, Clone)]
pub struct Attachment {
    pub title: String,
    /// The name in the output folder of the notice.
    pub file_name: String,
    pub source: PathBuf,
    pub size: u64,
}

#[derive(Debug, Clone)]
pub struct Revision {
    pub date: Date,
    pub note: String,
}

/// A checked notice.
#[derive(Debug, Clone)]
pub struct Notice {
    /// Display path relative to the site root, e.g. `content/2025-2026/fees.md`.
    pub rel: String,
    pub source: PathBuf,
    pub title: String,
    pub kind: Kind,
    pub date: Date,
    pub department: Option<String>,
    pub doc_no: Option<String>,
    pub index_no: Option<String>,
    pub summary: Option<String>,
    pub period: Option<NoticePeriod>,
    /// The objection channel: the notice's own, completed from the site's.
    pub contact: Contact,
    pub tags: Vec<String>,
    /// The slug from front matter, already checked.
    pub slug: Option<String>,
    /// The file name without `.md`, when it can serve as a URL.
    pub ascii_stem: Option<String>,
    pub draft: bool,
    pub audience: Audience,
    pub attachments: Vec<Attachment>,
    pub revisions: Vec<Revision>,
    pub body: String,
    pub body_line: usize,
    pub school_year: SchoolYear,
    /// Where `slug:` (or the title) and `index_no:` are, for errors found across notices.
    pub slug_span: Span,
    pub index_no_span: Span,
}

/// Whether `s` may be used as a URL slug: short ASCII that needs no escaping.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        && !s.starts_with(['.', '-'])
        && !s.ends_with(".html")
}

/// Reads and checks one notice file. Returns the notice when it has no error; every problem found
/// is added to `diags`.
pub fn parse_notice(
    root: &Path,
    content_dir: &Path,
    source: &Path,
    text: &str,
    site: &Site,
    diags: &mut Diagnostics,
) -> Option<Notice> {
    let rel = crate::diagnostics::display_path(root, source);
    let split = match frontmatter::split(text) {
        Ok(s) => s,
        Err(p) => {
            diags.error(Span::in_text(&rel, text, 1, 1), p);
            return None;
        }
    };
    let src = YamlSource {
        file: &rel,
        file_text: text,
        yaml: split.yaml,
        line_offset: split.yaml_line_offset,
    };
    let fm: FrontMatter = if split.yaml.trim().is_empty() {
        diags.error(
            Span::in_text(&rel, text, 1, 1),
            Problem::MissingField("title"),
        );
        return None;
    } else {
        match src.parse() {
            Ok(fm) => fm,
            Err(d) => {
                diags.push(d);
                return None;
            }
        }
    };
    let before = diags.error_count();
    let mut check = Checker {
        src: &src,
        site,
        diags,
        top: Span::in_text(&rel, text, 1, 1),
    };
    let title = check.required_text(fm.title.as_ref(), "title");
    let kind = check.kind(fm.kind.as_ref());
    let date = check.required_date(fm.date.as_ref(), "date");
    let department = check.optional_text(fm.department.as_ref(), "department");
    let doc_no = check.optional_text(fm.doc_no.as_ref(), "doc_no");
    let index_no = check.optional_text(fm.index_no.as_ref(), "index_no");
    let summary = check.optional_text(fm.summary.as_ref(), "summary");
    let slug = fm.slug.as_ref().and_then(|s| {
        let s = s.as_str().trim();
        if is_valid_slug(s) {
            Some(s.to_string())
        } else {
            check.error(&[Seg::Key("slug")], Problem::BadSlug(s.to_string()));
            None
        }
    });
    let audience = match fm.audience.as_ref().map(|a| a.as_str().trim()) {
        None | Some("public") | Some("公开") => Audience::Public,
        Some("staff") | Some("校内") | Some("内部") => Audience::Staff,
        Some(other) => {
            check.error(
                &[Seg::Key("audience")],
                Problem::InvalidValue {
                    field: "audience".into(),
                    message: format!("`{other}` is neither `public` nor `staff`"),
                },
            );
            Audience::Public
        }
    };
    let tags = check.tags(&fm.tags);
    let period = match (kind, date) {
        (Some(kind), Some(date)) => check.period(fm.period.as_ref(), kind, date),
        _ => None,
    };
    let revisions = check.revisions(&fm.revisions);
    let notice_dir = source.parent().unwrap_or(content_dir);
    let attachments = check.attachments(&fm.attachments, notice_dir, content_dir);
    let contact = fm
        .contact
        .as_ref()
        .map(|c| c.or(&site.config.contact))
        .unwrap_or_else(|| site.config.contact.clone());
    let slug_span = if fm.slug.is_some() {
        src.span_of(&[Seg::Key("slug")])
    } else {
        src.span_of(&[Seg::Key("title")])
    };
    let index_no_span = src.span_of(&[Seg::Key("index_no")]);
    if diags.error_count() > before {
        return None;
    }
    let (title, kind, date) = (title?, kind?, date?);
    let ascii_stem = source
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| is_valid_slug(s))
        .map(str::to_ascii_lowercase);
    Some(Notice {
        rel,
        source: source.to_path_buf(),
        title,
        kind,
        date,
        department,
        doc_no,
        index_no,
        summary,
        period,
        contact,
        tags,
        slug,
        ascii_stem,
        draft: fm.draft,
        audience,
        attachments,
        revisions,
        body: split.body.to_string(),
        body_line: split.body_line,
        school_year: SchoolYear::of(date, site.year_start),
        slug_span,
        index_no_span,
    })
}

/// The checks of one file's front matter, reporting into the build's diagnostics.
struct Checker<'a, 'b> {
    src: &'a YamlSource<'a>,
    site: &'a Site,
    diags: &'b mut Diagnostics,
    /// The opening `---`, where a missing field is reported.
    top: Span,
}

impl Checker<'_, '_> {
    fn error(&mut self, path: &[Seg], problem: Problem) {
        self.diags.error(self.src.span_of(path), problem);
    }

    fn required_text(&mut self, v: Option<&Text>, field: &'static str) -> Option<String> {
        match v {
            None => {
                self.diags
                    .error(self.top.clone(), Problem::MissingField(field));
                None
            }
            Some(_) => self.optional_text(v, field),
        }
    }

    fn optional_text(&mut self, v: Option<&Text>, field: &'static str) -> Option<String> {
        let text = v?.as_str().trim();
        if text.is_empty() {
            self.error(
                &[Seg::Key(field)],
                Problem::Empty {
                    field: field.into(),
                },
            );
            return None;
        }
        Some(text.to_string())
    }

    fn date_at(&mut self, text: &Text, path: &[Seg], field: &str) -> Option<Date> {
        let d = parse_date(text.as_str(), &self.site.tz);
        if d.is_none() {
            self.error(
                path,
                Problem::BadDate {
                    field: field.to_string(),
                    value: text.as_str().to_string(),
                },
            );
        }
        d
    }

    fn required_date(&mut self, v: Option<&Text>, field: &'static str) -> Option<Date> {
        match v {
            None => {
                self.diags
                    .error(self.top.clone(), Problem::MissingField(field));
                None
            }
            Some(t) => self.date_at(t, &[Seg::Key(field)], field),
        }
    }

    fn kind(&mut self, v: Option<&Text>) -> Option<Kind> {
        let Some(text) = v else {
            self.diags
                .error(self.top.clone(), Problem::MissingField("kind"));
            return None;
        };
        let kind = Kind::parse(text.as_str());
        if kind.is_none() {
            self.error(
                &[Seg::Key("kind")],
                Problem::UnknownKind(text.as_str().to_string()),
            );
        }
        kind
    }

    fn tags(&mut self, tags: &[Text]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (i, t) in tags.iter().enumerate() {
            let t = t.as_str().trim();
            if t.is_empty() {
                self.error(
                    &[Seg::Key("tags"), Seg::Index(i)],
                    Problem::Empty {
                        field: "tags".into(),
                    },
                );
            } else if !out.iter().any(|o| o == t) {
                out.push(t.to_string());
            }
        }
        out
    }

    fn period(&mut self, raw: Option<&RawPeriod>, kind: Kind, date: Date) -> Option<NoticePeriod> {
        let cal = &self.site.calendar;
        let Some(raw) = raw else {
            return kind.has_default_period().then(|| {
                let days = self.site.config.notice_period_days;
                NoticePeriod {
                    start: date,
                    end: cal.end_of_period(date, days),
                    working_days: days,
                }
            });
        };
        let key = |k| [Seg::Key("period"), Seg::Key(k)];
        let start = match &raw.start {
            Some(t) => self.date_at(t, &key("start"), "period.start")?,
            None => date,
        };
        if start < date {
            self.error(
                &key("start"),
                Problem::PeriodBeforeDate {
                    start: start.to_string(),
                    date: date.to_string(),
                },
            );
            return None;
        }
        match (&raw.end, raw.days) {
            (Some(_), Some(_)) => {
                self.error(&[Seg::Key("period")], Problem::PeriodOverdetermined);
                None
            }
            (None, None) => {
                self.error(&[Seg::Key("period")], Problem::PeriodIncomplete);
                None
            }
            (None, Some(0)) => {
                self.error(&key("days"), Problem::ZeroDays);
                None
            }
            (None, Some(days)) => Some(NoticePeriod {
                start,
                end: cal.end_of_period(start, days),
                working_days: days,
            }),
            (Some(end), None) => {
                let end = self.date_at(end, &key("end"), "period.end")?;
                if end < start {
                    self.error(
                        &key("end"),
                        Problem::PeriodEndsBeforeStart {
                            start: start.to_string(),
                            end: end.to_string(),
                        },
                    );
                    return None;
                }
                Some(NoticePeriod {
                    start,
                    end,
                    working_days: cal.working_days_between(start, end),
                })
            }
        }
    }

    fn revisions(&mut self, raw: &[RawRevision]) -> Vec<Revision> {
        let mut out: Vec<Revision> = raw
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let path = [Seg::Key("revisions"), Seg::Index(i), Seg::Key("date")];
                let date = self.date_at(&r.date, &path, "revisions.date")?;
                Some(Revision {
                    date,
                    note: r.note.as_str().trim().to_string(),
                })
            })
            .collect();
        out.sort_by_key(|r| r.date);
        out
    }

    fn attachments(
        &mut self,
        raw: &[RawAttachment],
        dir: &Path,
        content: &Path,
    ) -> Vec<Attachment> {
        let mut out: Vec<Attachment> = Vec::new();
        for (i, a) in raw.iter().enumerate() {
            let path = [Seg::Key("attachments"), Seg::Index(i), Seg::Key("file")];
            let file = a.file.as_str().trim();
            let rel = Path::new(file);
            let escapes = rel.is_absolute()
                || rel
                    .components()
                    .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir));
            let source = normalise(&dir.join(rel));
            if escapes || file.is_empty() || !source.starts_with(content) {
                self.error(&path, Problem::BadAttachmentPath(file.to_string()));
                continue;
            }
            let meta = match std::fs::metadata(&source) {
                Ok(m) if m.is_file() => m,
                _ => {
                    self.error(&path, Problem::MissingAttachment(file.to_string()));
                    continue;
                }
            };
            let file_name = source
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if out.iter().any(|o| o.file_name == file_name) {
                self.error(&path, Problem::DuplicateAttachment(file_name));
                continue;
            }
            let title = a
                .title
                .as_ref()
                .map(|t| t.as_str().trim().to_string())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| file_name.clone());
            out.push(Attachment {
                title,
                file_name,
                source,
                size: meta.len(),
            });
        }
        out
    }
}

/// Resolves `.` and `..` without touching the disk (the file may not exist).
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
