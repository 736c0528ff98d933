//! The checks shared by every part of a notice's front matter: each reports a [`Problem`] at
//! the line and column of the offending value and returns what it could make of it, so that one
//! pass finds every error of a file.

use crate::diagnostics::Words;
use std::path::{Component, Path, PathBuf};

use jiff::civil::Date;

use super::kind::Kind;
use super::money::Amount;
use super::notice::PeriodSlot;
use super::notice::{Attachment, NoticePeriod, RawAttachment, RawPeriod, RawRevision, Revision};
use super::scalar::Text;
use crate::calendar::parse_date;
use crate::config::Site;
use crate::diagnostics::{Diagnostics, Problem, Span};
use crate::yaml::{Seg, YamlSource};

/// The checks of one file's front matter, reporting into the build's diagnostics.
pub struct Checker<'a, 'b> {
    pub src: &'a YamlSource<'a>,
    pub site: &'a Site,
    pub diags: &'b mut Diagnostics,
    /// The opening `---`, where a missing field is reported.
    pub top: Span,
    /// The folder of the notice, for files it refers to.
    pub dir: &'a Path,
    pub content_dir: &'a Path,
}

impl Checker<'_, '_> {
    pub fn error(&mut self, path: &[Seg], problem: Problem) {
        self.diags.error(self.src.span_of(path), problem);
    }

    pub fn required_text(&mut self, v: Option<&Text>, field: &'static str) -> Option<String> {
        match v {
            None => {
                self.diags
                    .error(self.top.clone(), Problem::MissingField(field));
                None
            }
            Some(_) => self.optional_text(v, field),
        }
    }

    pub fn optional_text(&mut self, v: Option<&Text>, field: &'static str) -> Option<String> {
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

    pub fn date_at(&mut self, text: &Text, path: &[Seg], field: &str) -> Option<Date> {
        let d = parse_date(text.as_str(), &self.site.tz);
        match d {
            None => self.error(
                path,
                Problem::BadDate {
                    field: field.to_string(),
                    value: text.as_str().to_string(),
                },
            ),
            Some(d) if !crate::calendar::YEARS.contains(&d.year()) => {
                self.error(
                    path,
                    Problem::DateOutOfRange {
                        field: field.to_string(),
                        value: text.as_str().trim().to_string(),
                    },
                );
                return None;
            }
            Some(_) => {}
        }
        d
    }

    pub fn required_date(&mut self, v: Option<&Text>, field: &'static str) -> Option<Date> {
        match v {
            None => {
                self.diags
                    .error(self.top.clone(), Problem::MissingField(field));
                None
            }
            Some(t) => self.date_at(t, &[Seg::Key(field)], field),
        }
    }

    pub fn kind(&mut self, v: Option<&Text>) -> Option<Kind> {
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

    pub fn tags(&mut self, tags: &[Text]) -> Vec<String> {
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

    /// The notice period: as written, or the site's default for kinds that have one. A period
    /// reaching a year whose holidays the calendar does not know is a warning at `period:` (at
    /// `date:` for the default period).
    pub fn period(&mut self, slot: &PeriodSlot, kind: Kind, date: Date) -> Option<NoticePeriod> {
        let raw = match slot {
            PeriodSlot::Absent => None,
            PeriodSlot::Fields(r) => Some(r),
            PeriodSlot::Word(w) if is_standing(w) => return None,
            PeriodSlot::Word(w) => {
                self.invalid(
                    &[Seg::Key("period")],
                    "period",
                    Words::new(
                        format!(
                            "`{w}` is not a period; write `{{days: 5}}`, `{{start: …, end: …}}`, or `none` for a standing notice (常年公示)"
                        ),
                        format!(
                            "`{w}` 不是公示期；请写 `{{days: 5}}`、`{{start: …, end: …}}`，长期公开的内容写 `none`（常年公示）"
                        ),
                    ),
                );
                return None;
            }
            PeriodSlot::Null => {
                self.invalid(
                    &[Seg::Key("period")],
                    "period",
                    Words::new(
                        "`period:` is empty; write `none` for a standing notice (常年公示), or the period, e.g. `{days: 5}`",
                        "`period:` 是空的；长期公开的内容写 `none`（常年公示），否则写明公示期，如 `{days: 5}`",
                    ),
                );
                return None;
            }
        };
        let period = self.period_of(raw, kind, date)?;
        let cal = &self.site.calendar;
        let Some(table) = cal.national_years() else {
            return Some(period);
        };
        let (first, last) = (*table.start(), *table.end());
        let at = [Seg::Key(if raw.is_some() { "period" } else { "date" })];
        for year in cal.years_without_data(period.start, period.end) {
            self.diags.warning(
                self.src.span_of(&at),
                Problem::NoHolidayData {
                    year,
                    start: period.start.to_string(),
                    end: period.end.to_string(),
                    first,
                    last,
                },
            );
        }
        Some(period)
    }

    fn period_of(
        &mut self,
        raw: Option<&RawPeriod>,
        kind: Kind,
        date: Date,
    ) -> Option<NoticePeriod> {
        let cal = &self.site.calendar;
        let Some(raw) = raw else {
            return kind.has_default_period().then(|| {
                let days = self.site.config.notice_period_days;
                NoticePeriod {
                    start: date,
                    end: cal.end_of_period(date, days),
                    end_time: None,
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
            (None, Some(days)) if days > crate::calendar::MAX_PERIOD_DAYS => {
                self.error(
                    &key("days"),
                    Problem::PeriodTooLong {
                        days,
                        max: crate::calendar::MAX_PERIOD_DAYS,
                    },
                );
                None
            }
            (None, Some(days)) => Some(NoticePeriod {
                start,
                end: cal.end_of_period(start, days),
                end_time: None,
                working_days: days,
            }),
            (Some(end), None) => {
                let end_time = crate::calendar::parse_date_time(end.as_str(), &self.site.tz)
                    .and_then(|(_, t)| t);
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
                let working_days = cal.working_days_between(start, end);
                if working_days > crate::calendar::MAX_PERIOD_DAYS {
                    self.error(
                        &key("end"),
                        Problem::PeriodTooLong {
                            days: working_days,
                            max: crate::calendar::MAX_PERIOD_DAYS,
                        },
                    );
                    return None;
                }
                Some(NoticePeriod {
                    start,
                    end,
                    end_time,
                    working_days,
                })
            }
        }
    }

    pub fn revisions(&mut self, raw: &[RawRevision]) -> Vec<Revision> {
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

    pub fn attachments(&mut self, raw: &[RawAttachment]) -> Vec<Attachment> {
        let (dir, content) = (self.dir, self.content_dir);
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
            // A symlink may not lead out of content/: whatever it points at would be published.
            let real = std::fs::canonicalize(&source).ok();
            let real_content = std::fs::canonicalize(content).ok();
            if let (Some(real), Some(real_content)) = (real, real_content)
                && !real.starts_with(&real_content)
            {
                self.error(&path, Problem::BadAttachmentPath(file.to_string()));
                continue;
            }
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

    /// A non-empty text at `path`.
    pub fn text_at(&mut self, v: &Text, path: &[Seg], field: &str) -> Option<String> {
        let t = v.as_str().trim();
        if t.is_empty() {
            self.error(
                path,
                Problem::Empty {
                    field: field.to_string(),
                },
            );
            return None;
        }
        Some(t.to_string())
    }

    /// An exact amount at `path`; negative amounts only where `negative_ok`.
    pub fn amount(
        &mut self,
        v: &Text,
        path: &[Seg],
        field: &str,
        negative_ok: bool,
    ) -> Option<Amount> {
        match Amount::parse(v.as_str()) {
            Ok(a) if a.is_negative() && !negative_ok => {
                self.error(
                    path,
                    Problem::InvalidValue {
                        field: field.to_string(),
                        message: Words::new(
                            format!("`{}` is negative", v.as_str()),
                            format!("`{}` 是负数", v.as_str()),
                        ),
                    },
                );
                None
            }
            Ok(a) => Some(a),
            Err(e) => {
                self.error(
                    path,
                    Problem::Amount {
                        field: field.to_string(),
                        error: e.words(),
                    },
                );
                None
            }
        }
    }

    pub fn invalid(&mut self, path: &[Seg], field: &str, message: Words) {
        self.error(
            path,
            Problem::InvalidValue {
                field: field.to_string(),
                message,
            },
        );
    }
}

/// Resolves `.` and `..` without touching the disk (the file may not exist).
pub fn normalise(p: &Path) -> PathBuf {
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

/// Whether `period:` says the notice stands with no period (收费公示牌 and the like).
pub fn is_standing(word: &str) -> bool {
    matches!(
        word.trim(),
        "none" | "None" | "standing" | "常年公示" | "常年" | "长期公示" | "长期"
    )
}
