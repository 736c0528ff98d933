//! Checks on what a notice would publish, run on every load (so `build`, `serve` and `check` agree):
//! the privacy guard over the notice file, its CSV files, its attachments' names and their text;
//! raw HTML that the sanitiser will remove; its links; and whether its tables' figures agree.

pub mod aid;
pub mod archive;
pub mod attachments;
pub mod corrections;
pub mod figures;
pub mod links;
pub mod period;
pub mod placeholders;
pub mod privacy;
pub mod report;
pub mod tables;

use crate::diagnostics::Words;
use std::path::Path;

use crate::config::Site;
use crate::content::Notice;
use crate::content::data::csv_table::decode_text;
use crate::diagnostics::{Diagnostic, Diagnostics, Problem, Severity, Span, display_path};
use privacy::{Context, Finding};

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// A privacy finding silenced by a notice's `privacy: allow`, for the build report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Waived {
    pub file: String,
    pub code: String,
    pub reason: String,
    /// How many findings it silenced.
    pub count: usize,
}

/// One notice under check: what it allows, and how often each allowance was used.
struct Checking<'a> {
    notice: &'a Notice,
    used: Vec<usize>,
}

impl Checking<'_> {
    /// Whether the notice's `privacy: allow` covers the finding (then it is counted, not
    /// reported).
    fn allowed(&mut self, f: &Finding) -> bool {
        let code = f.code.key();
        match self.notice.allowances.iter().position(|a| a.code == code) {
            Some(i) => {
                self.used[i] += 1;
                true
            }
            None => false,
        }
    }
}

fn severity(f: &Finding) -> Severity {
    if f.code.is_error() {
        Severity::Error
    } else {
        Severity::Warning
    }
}

fn report(
    file: &str,
    text: &str,
    f: &Finding,
    all: &[Finding],
    notice: &mut Checking,
    diags: &mut Diagnostics,
) {
    if notice.allowed(f) {
        return;
    }
    push_finding(file, text, f, all, diags);
}

/// Reports one privacy finding of `text` at its line and column, the numbers of every finding
/// on that line masked in the quoted source.
fn push_finding(file: &str, text: &str, f: &Finding, all: &[Finding], diags: &mut Diagnostics) {
    let (line, col) = line_col(text, f.start);
    let problem = Problem::Privacy {
        code: f.code.key(),
        hint: f.code.hint(),
        what: f.code.what(),
        hint_zh: f.code.hint_zh(),
        what_zh: f.code.what_zh(),
        masked: f.masked.clone(),
    };
    let severity = severity(f);
    let mut span = Span::in_text(file, text, line, col);
    // The quoted source line would show the numbers being reported: mask every finding in it.
    if let Some(src) = &mut span.source_line {
        for other in all {
            if let Some(raw) = text.get(other.start..other.end) {
                *src = src.replace(raw, &other.masked);
            }
        }
    }
    diags.push(Diagnostic {
        severity,
        span,
        problem,
    });
}

/// Reports every finding of one scanned text.
fn report_all(
    file: &str,
    text: &str,
    findings: &[Finding],
    notice: &mut Checking,
    diags: &mut Diagnostics,
) {
    for f in findings {
        report(file, text, f, findings, notice, diags);
    }
}

/// Everything `check` and `build` verify about one parsed notice beyond its fields; returns the
/// findings its `privacy: allow` silenced.
pub fn notice(
    root: &Path,
    site: &Site,
    notice: &Notice,
    text: &str,
    diags: &mut Diagnostics,
) -> Vec<Waived> {
    let mut checking = Checking {
        notice,
        used: vec![0; notice.allowances.len()],
    };
    scan_notice(root, site, &mut checking, text, diags);
    links::report(notice, diags);
    tables::notice(notice, diags);
    period::minimum(notice, site, diags);
    aid::names_in_body(notice, text, diags);
    aid::expiry(notice, diags);
    placeholders::notice(notice, text, diags);
    figures::notice(notice, diags);
    let rel = &notice.rel;
    notice
        .allowances
        .iter()
        .zip(checking.used)
        .map(|(a, count)| {
            if count == 0 {
                diags.warning(
                    Span::in_text(rel, text, 1, 1),
                    Problem::InvalidValue {
                        field: "privacy".into(),
                        message: Words::new(
                            format!("`allow: {}` silences nothing; remove it", a.code),
                            format!("`allow: {}` 没有起作用，请删去", a.code),
                        ),
                    },
                );
            }
            Waived {
                file: rel.clone(),
                code: a.code.clone(),
                reason: a.reason.clone(),
                count,
            }
        })
        .collect()
}

/// What a contact channel publishes on purpose: its phone, e-mail and address.
fn published(c: &crate::config::Contact) -> impl Iterator<Item = String> + '_ {
    c.phone.iter().chain(&c.email).chain(&c.address).cloned()
}

/// The findings of `piece`, a part of `text` (found where it first stands in it), at their
/// offsets in `text`: reported at the line of `text` that holds the piece.
fn scan_within(text: &str, piece: &str, ctx: &Context) -> Vec<Finding> {
    let at = text.find(piece).unwrap_or(0);
    privacy::scan(piece, ctx)
        .into_iter()
        .map(|f| Finding {
            start: at + f.start,
            end: at + f.end,
            ..f
        })
        .collect()
}

/// The privacy guard over what the disclosure guide publishes — its settings' free text and its
/// own text (`content/_guide.md`, also checked for raw HTML as a notice body is): the site's
/// contacts and the guide's fax and supervisor's numbers may be published.
pub fn guide(
    site: &Site,
    guide: Option<&crate::content::guide::GuideText>,
    diags: &mut Diagnostics,
) {
    let config = &site.config;
    let mut official = config.official_contacts.clone();
    official.extend(published(&config.contact));
    official.extend(config.guide.official());
    let ctx = Context {
        official: &official,
        aid: false,
        table: false,
    };
    guide_settings(site, &ctx, diags);
    let Some(guide) = guide else {
        return;
    };
    let (rel, text) = (&guide.rel, &guide.text);
    let findings = privacy::scan(text, &ctx);
    for f in &findings {
        push_finding(rel, text, f, &findings, diags);
    }
    // Raw HTML nested too deep would stall the sanitiser: an error, as in a notice body.
    let max = crate::content::markdown::MAX_HTML_DEPTH;
    if let Some(line) = crate::content::markdown::html_too_deep(text, 1, max) {
        diags.error(
            Span::in_text(rel, text, line, 1),
            Problem::TooDeep {
                what: "raw HTML",
                max,
            },
        );
    }
    for (snippet, line) in crate::content::markdown::unsafe_html(text, 1) {
        diags.warning(
            Span::in_text(rel, text, line, 1),
            Problem::UnsafeHtml(snippet),
        );
    }
}

/// The guide's free text in `site.yaml` (`places`, `hours`) is published as it is: scanned like
/// a notice body, each finding reported at its line of `site.yaml`.
fn guide_settings(site: &Site, ctx: &Context, diags: &mut Diagnostics) {
    let g = &site.config.guide;
    let texts: Vec<&String> = g.places.iter().chain(&g.hours).collect();
    if texts.is_empty() {
        return;
    }
    let (file, yaml) = (crate::config::SITE_FILE, &site.source);
    for value in texts {
        let findings = scan_within(yaml, value, ctx);
        for f in &findings {
            push_finding(file, yaml, f, &findings, diags);
        }
    }
}

/// The privacy guard and the raw-HTML checks over a notice and the files it publishes.
fn scan_notice(
    root: &Path,
    site: &Site,
    checking: &mut Checking,
    text: &str,
    diags: &mut Diagnostics,
) {
    let notice = checking.notice;
    let mut official: Vec<String> = site.config.official_contacts.clone();
    for c in [&site.config.contact, &notice.contact]
        .into_iter()
        .chain(&notice.contacts)
    {
        official.extend(published(c));
    }
    let aid = notice
        .data
        .selection
        .as_ref()
        .is_some_and(|s| s.award_type == crate::content::data::selection::AwardType::Aid);
    let ctx = Context {
        official: &official,
        aid,
        table: false,
    };
    let rel = notice.rel.clone();
    let findings = privacy::scan(text, &ctx);
    report_all(&rel, text, &findings, checking, diags);
    let table = Context {
        table: true,
        ..ctx.clone()
    };
    let content_dir = root.join(crate::content::CONTENT_DIR);
    for path in &notice.data_sources {
        // One outside content/ was refused when the notice was read: never read it here.
        if !crate::paths::within(&content_dir, path) {
            continue;
        }
        // A workbook is read cell by cell, as an attachment is; every sheet of it.
        if crate::content::data::workbook::is_workbook(path) {
            attachment(root, path, &ctx, &table, checking, diags);
            continue;
        }
        if let Some(csv) = std::fs::read(path).ok().and_then(|b| decode_text(&b)) {
            let file = display_path(root, path);
            let findings = privacy::scan(&csv, &table);
            report_all(&file, &csv, &findings, checking, diags);
        }
    }
    for name in notice
        .attachments
        .iter()
        .map(|a| a.file_name.clone())
        .collect::<Vec<_>>()
    {
        // Report at the line of the notice that names the file.
        let findings = scan_within(text, &name, &table);
        report_all(&rel, text, &findings, checking, diags);
    }
    for a in &notice.attachments {
        // A CSV or workbook that is also the notice's data file was scanned above.
        if notice.data_sources.contains(&a.source) {
            continue;
        }
        attachment(root, &a.source, &ctx, &table, checking, diags);
    }
    let body_line = notice.body_line;
    let max = crate::content::markdown::MAX_HTML_DEPTH;
    if let Some(line) = crate::content::markdown::html_too_deep(&notice.body, body_line, max) {
        diags.error(
            Span::in_text(&rel, text, line, 1),
            Problem::TooDeep {
                what: "raw HTML",
                max,
            },
        );
    }
    for (snippet, line) in crate::content::markdown::unsafe_html(&notice.body, body_line) {
        diags.warning(
            Span::in_text(&rel, text, line, 1),
            Problem::UnsafeHtml(snippet),
        );
    }
}

/// Scans the text of one attachment like the notice; a part that cannot be read is a warning
/// that a person must check it.
fn attachment(
    root: &Path,
    path: &Path,
    ctx: &Context,
    table: &Context,
    notice: &mut Checking,
    diags: &mut Diagnostics,
) {
    let file = display_path(root, path);
    for part in attachments::texts(path).iter() {
        let piece = match part {
            Ok(p) => p,
            Err(attachments::Unreadable(why)) => {
                diags.warning(
                    Span::file(&file),
                    Problem::UnreadableAttachment(why.clone()),
                );
                continue;
            }
        };
        let findings = privacy::scan(&piece.text, if piece.table { table } else { ctx });
        if piece.place == attachments::Place::Lines {
            report_all(&file, &piece.text, &findings, notice, diags);
            continue;
        }
        for f in &findings {
            if notice.allowed(f) {
                continue;
            }
            diags.push(Diagnostic {
                severity: severity(f),
                span: Span::file(&file),
                problem: Problem::AttachmentPrivacy {
                    code: f.code.key(),
                    hint: f.code.hint(),
                    what: f.code.what(),
                    hint_zh: f.code.hint_zh(),
                    what_zh: f.code.what_zh(),
                    place: piece.place.to_string(),
                    masked: f.masked.clone(),
                },
            });
        }
    }
}
