//! One notice: its front matter as written ([`FrontMatter`], strict), and the checked model the
//! rest of the pipeline uses ([`Notice`]), built by [`parse_notice`] with every problem of the
//! file collected, each at its line and column.

use crate::diagnostics::Words;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::check::Checker;
use super::data::NoticeData;
use super::data::evaluation::{RawBallots, RawResult};
use super::data::finance::{RawDeclared, RawDonations, RawFeeRow, RawLedgerRow};
use super::data::selection::RawCandidate;
use super::frontmatter;
use super::kind::Kind;
use super::scalar::Text;
use crate::calendar::SchoolYear;
use crate::config::{Contact, Site};
use crate::diagnostics::{Diagnostics, Problem, Span};
use crate::yaml::{KeptYaml, Seg, YamlSource};

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
    #[serde(default)]
    pub period: PeriodSlot,
    pub contact: Option<Contact>,
    /// Further official channels (监督电话 of the school, the education bureau…).
    pub contacts: Option<Vec<Contact>>,
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
    /// What came of the notice period: `no_objection`, or `{result, note}`.
    pub outcome: Option<RawOutcome>,
    /// After this day the public page becomes a stub and the names leave every output file.
    pub expires: Option<Text>,
    /// The slug of the notice this one corrects (更正).
    pub corrects: Option<Text>,
    /// The formal decision that followed: a notice slug or a document number.
    pub decision_ref: Option<Text>,
    /// 有效性: `有效`, `失效`, `废止` or `已修订`.
    pub validity: Option<Text>,
    /// Mask people's names in this notice's tables (on by default for student aid).
    pub mask_names: Option<bool>,
    /// Audited exceptions to privacy findings: `{allow: mobile, reason: …}` or a list of them.
    pub privacy: Option<RawPrivacy>,

    // Finance (财务): see `data::finance`.
    pub opening_balance: Option<Text>,
    pub ledger: Option<Vec<RawLedgerRow>>,
    pub ledger_csv: Option<Text>,
    pub declared: Option<RawDeclared>,
    /// The highest surplus ratio (结余率) the rules allow, e.g. 2%.
    pub max_surplus_ratio: Option<Text>,
    /// Show the ledger by category, with a 小计 each.
    pub by_category: Option<bool>,
    /// Show each row's share of its side's total (占比).
    pub shares: Option<bool>,
    /// Display columns of a ledger's CSV file carried through (月末库存).
    pub extra_columns: Option<Vec<Text>>,
    /// Decisions by count, in a notice of any kind: a procurement result, a vote, a
    /// consultation.
    pub procurement: Option<super::data::decision::RawProcurement>,
    pub vote: Option<super::data::decision::RawVote>,
    pub consultation: Option<super::data::decision::RawConsultation>,
    /// Several accounts in one notice (幼儿伙食, 教工伙食).
    pub accounts: Option<Vec<super::data::finance::RawAccount>>,
    pub fees: Option<Vec<RawFeeRow>>,
    pub fees_csv: Option<Text>,
    /// A fee table by rows and columns (grades × items).
    pub fee_matrix: Option<super::data::matrix::RawMatrix>,
    pub donations: Option<RawDonations>,

    // Evaluation (评议): see `data::evaluation`.
    pub ballots: Option<RawBallots>,
    /// 在册 / 应到 / 实到 of an appraisal.
    pub attendance: Option<super::data::evaluation::Attendance>,
    pub grades: Option<Vec<Text>>,
    pub satisfied_grades: Option<Vec<Text>>,
    /// The headline rate's name (满意率, 称职及以上率).
    pub rate_name: Option<Text>,
    /// Aspects scored one by one (政治思想, 工作能力与实绩 …) and their grades (好/较好/一般/差).
    pub aspects: Option<Vec<Text>>,
    pub aspect_grades: Option<Vec<Text>>,
    /// Caps on final grades (优秀: 20%).
    pub caps: Option<std::collections::BTreeMap<String, Text>>,
    pub results: Option<Vec<RawResult>>,

    // Selection (评选): see `data::selection`.
    pub award: Option<Text>,
    pub award_type: Option<Text>,
    pub quota: Option<u32>,
    pub electorate: Option<u32>,
    pub criteria: Option<Text>,
    pub panel: Option<Vec<Text>>,
    pub candidates: Option<Vec<RawCandidate>>,
    /// Several lists, each with its own places (awards or tiers of one notice).
    pub groups: Option<Vec<super::data::selection::RawGroup>>,
    /// Student aid by tier (资助档次): standard × students × months.
    pub tiers: Option<Vec<super::data::selection::RawTier>>,
    /// What a tier's standard is for: 月 (the default), 学期, 学年.
    pub tier_per: Option<Text>,
    /// The totals a tier notice states.
    pub tier_totals: Option<super::data::selection::RawTierTotals>,
    pub sort: Option<Text>,
}

/// `period:` as the front matter gives it: absent, empty (`period:` or `null`), a word
/// (`none`, 常年公示: a standing notice with no period) or the period's fields.
#[derive(Debug, Default)]
pub enum PeriodSlot {
    #[default]
    Absent,
    Null,
    Word(String),
    Fields(RawPeriod),
}

impl<'de> Deserialize<'de> for PeriodSlot {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PeriodSlot;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`{days: 5}`, `{start: …, end: …}` or `none` (a standing notice)")
            }
            fn visit_unit<E: de::Error>(self) -> Result<PeriodSlot, E> {
                Ok(PeriodSlot::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<PeriodSlot, E> {
                Ok(PeriodSlot::Null)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PeriodSlot, E> {
                Ok(PeriodSlot::Word(v.trim().to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PeriodSlot, A::Error> {
                RawPeriod::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(PeriodSlot::Fields)
            }
        }
        d.deserialize_any(V)
    }
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

/// `privacy:` as written.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawPrivacy {
    One(RawAllow),
    Many(Vec<RawAllow>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAllow {
    pub allow: Text,
    pub reason: Option<Text>,
}

/// A privacy finding code silenced on one notice, with the reason given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Hash)]
pub struct Allowance {
    pub code: String,
    pub reason: String,
}

/// `outcome:` as written.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawOutcome {
    Plain(Text),
    Full { result: Text, note: Option<Text> },
}

/// What came of a notice period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// 无异议
    NoObjection,
    /// 异议成立
    ObjectionUpheld,
    /// 异议不成立
    ObjectionDismissed,
    /// 撤回
    Withdrawn,
}

impl OutcomeKind {
    fn parse(s: &str) -> Option<OutcomeKind> {
        Some(match s.trim() {
            "no_objection" | "无异议" => OutcomeKind::NoObjection,
            "objection_upheld" | "异议成立" => OutcomeKind::ObjectionUpheld,
            "objection_dismissed" | "异议不成立" => OutcomeKind::ObjectionDismissed,
            "withdrawn" | "撤回" => OutcomeKind::Withdrawn,
            _ => return None,
        })
    }

    pub fn key(self) -> &'static str {
        match self {
            OutcomeKind::NoObjection => "no_objection",
            OutcomeKind::ObjectionUpheld => "objection_upheld",
            OutcomeKind::ObjectionDismissed => "objection_dismissed",
            OutcomeKind::Withdrawn => "withdrawn",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Outcome {
    pub kind: OutcomeKind,
    pub note: Option<String>,
}

/// 有效性 badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    Valid,
    Expired,
    Repealed,
    Amended,
}

impl Validity {
    fn parse(s: &str) -> Option<Validity> {
        Some(match s.trim() {
            "有效" | "valid" => Validity::Valid,
            "失效" | "expired" => Validity::Expired,
            "废止" | "repealed" => Validity::Repealed,
            "已修订" | "amended" => Validity::Amended,
            _ => return None,
        })
    }

    pub fn key(self) -> &'static str {
        match self {
            Validity::Valid => "valid",
            Validity::Expired => "expired",
            Validity::Repealed => "repealed",
            Validity::Amended => "amended",
        }
    }
}

/// Who may see a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Public,
    /// Staff only (校内): built only with `--audience staff`.
    Staff,
}

/// 公示期: the window in which objections may be raised, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NoticePeriod {
    pub start: Date,
    pub end: Date,
    /// The time of day it ends on `end` (`end: 2025-11-14 17:00`); without, at the end of the day.
    pub end_time: Option<crate::calendar::ClockTime>,
    /// Working days from start to end.
    pub working_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Attachment {
    pub title: String,
    /// The name in the output folder of the notice.
    pub file_name: String,
    pub source: PathBuf,
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Revision {
    pub date: Date,
    pub note: String,
}

/// Where a body link points.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LinkTarget {
    /// `https://…`, `mailto:`, `tel:`: listed in the report.
    External,
    /// `#anchor` within the page.
    Fragment,
    /// Another notice, by its source file.
    Notice(PathBuf),
    /// Another notice, by slug (`@slug`).
    Slug(String),
    /// One of this notice's attachments, by its output file name.
    Attachment(String),
    /// Nothing: no such file in the content folder (a broken link, an error).
    Missing,
    /// A scheme the sanitiser removes (`javascript:`, `data:`…): a warning.
    Refused(String),
}

/// A checked notice.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    /// `period: none`: a standing notice (常年公示, a fee board), with no period at all.
    pub standing: bool,
    /// The objection channel: the notice's own, completed from the site's.
    pub contact: Contact,
    /// Further official channels the notice lists (`contacts:`), as written, blanks left out.
    pub contacts: Vec<Contact>,
    pub tags: Vec<String>,
    /// The slug from front matter, already checked.
    pub slug: Option<String>,
    /// The file name without `.md`, when it can serve as a URL.
    pub ascii_stem: Option<String>,
    pub draft: bool,
    pub audience: Audience,
    pub attachments: Vec<Attachment>,
    pub revisions: Vec<Revision>,
    pub outcome: Option<Outcome>,
    pub expires: Option<Date>,
    pub corrects: Option<String>,
    pub decision_ref: Option<String>,
    pub validity: Option<Validity>,
    /// Hash of the file's bytes as read, for the archive's record of its sources.
    pub source_hash: String,
    /// A hash of every other field, set once the notice is read (see [`Notice::sealed`]): two
    /// readings with the same digest are the same notice, whatever field is added later.
    pub digest: u64,
    /// CSV files the notice's tables were read from.
    pub data_sources: Vec<PathBuf>,
    /// Privacy findings silenced by `privacy: allow`, for the build report.
    pub allowances: Vec<Allowance>,
    /// Link destinations in the body, with the line each is on.
    pub links: Vec<(String, usize)>,
    /// What each link points to, in the order of `links`.
    pub link_targets: Vec<(String, LinkTarget)>,
    /// Tables and figures (财务, 评议, 评选 data).
    pub data: NoticeData,
    pub body: String,
    pub body_line: usize,
    pub school_year: SchoolYear,
    /// The front matter, to say where `slug:` (or the title), `index_no:` and `corrects:` are
    /// when a problem is found across notices; positions are found only then.
    pub front_matter: KeptYaml,
}

impl Notice {
    /// Whether it is a student-aid selection (资助), which readers know as 学生资助.
    pub fn is_aid(&self) -> bool {
        (self.data.selection.as_ref())
            .is_some_and(|s| s.award_type == super::data::selection::AwardType::Aid)
    }

    /// The notice with its [`digest`](Notice::digest) set: a hash of all its fields (derived,
    /// so a field added later is in it without anyone listing it).
    pub fn sealed(mut self) -> Notice {
        self.digest = 0;
        self.digest = crate::digest::key(&self);
        self
    }

    /// What remains public after `expires`: title, dates, numbers and the objection channel;
    /// the body, summary, tables and attachments (which name people) are gone.
    pub fn taken_down(&self) -> Notice {
        Notice {
            body: String::new(),
            summary: None,
            attachments: Vec::new(),
            data: NoticeData::default(),
            ..self.clone()
        }
    }

    /// Where `slug:` is (the title when there is none), for errors found across notices.
    pub fn slug_span(&self) -> Span {
        let key = if self.slug.is_some() { "slug" } else { "title" };
        self.front_matter.span_of(&self.rel, &[Seg::Key(key)])
    }

    /// Where `index_no:` is.
    pub fn index_no_span(&self) -> Span {
        self.front_matter
            .span_of(&self.rel, &[Seg::Key("index_no")])
    }

    /// Where `corrects:` is.
    pub fn corrects_span(&self) -> Span {
        self.front_matter
            .span_of(&self.rel, &[Seg::Key("corrects")])
    }
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

/// The audited exceptions of a notice; every one needs a known code and a reason.
fn allowances(raw: Option<&RawPrivacy>, check: &mut Checker) -> Vec<Allowance> {
    let list: Vec<&RawAllow> = match raw {
        None => return Vec::new(),
        Some(RawPrivacy::One(a)) => vec![a],
        Some(RawPrivacy::Many(v)) => v.iter().collect(),
    };
    let mut out = Vec::new();
    for a in list {
        let code = a.allow.as_str().trim();
        if super::privacy_code::Code::parse(code).is_none() {
            let known: Vec<&str> = super::privacy_code::Code::ALL
                .iter()
                .map(|c| c.key())
                .collect();
            check.invalid(
                &[Seg::Key("privacy")],
                "privacy",
                Words::new(
                    format!(
                        "unknown finding code `{code}`; use one of {}",
                        known.join(", ")
                    ),
                    format!("未知的检查代码 `{code}`；可用：{}", known.join("、")),
                ),
            );
            continue;
        }
        match a
            .reason
            .as_ref()
            .map(|r| r.as_str().trim())
            .filter(|r| !r.is_empty())
        {
            Some(reason) => out.push(Allowance {
                code: code.to_string(),
                reason: reason.to_string(),
            }),
            None => check.invalid(
                &[Seg::Key("privacy")],
                "privacy",
                Words::new(
                    format!("`allow: {code}` needs a `reason:` (it is kept in the build report)"),
                    format!("`allow: {code}` 需要写明 `reason:`（理由会记入生成报告）"),
                ),
            ),
        }
    }
    out
}

/// Each `{{ name }}` line of the body must name a table the notice has, written exactly
/// `{{ name }}` (or `{{name}}`), once: anything else would show on the page as typed. A table
/// whose data was written but failed has its own error; its marker gets none.
fn check_markers(
    body: &str,
    first_line: usize,
    data: &NoticeData,
    written: &dyn Fn(&str) -> bool,
    check: &mut Checker,
) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, line) in body.lines().enumerate() {
        let t = line.trim();
        let Some(name) = t.strip_prefix("{{").and_then(|r| r.strip_suffix("}}")) else {
            continue;
        };
        let name = name.trim();
        let exact = t == format!("{{{{ {name} }}}}") || t == format!("{{{{{name}}}}}");
        let message = match name {
            n if super::data::MARKERS.contains(&n) => {
                let present = match name {
                    "ledger" => data.ledger.is_some(),
                    "fees" => data.fees.is_some(),
                    "fee_matrix" => data.fee_matrix.is_some(),
                    "accounts" => data.accounts.is_some(),
                    "procurement" => data.procurement.is_some(),
                    "vote" => data.vote.is_some(),
                    "consultation" => data.consultation.is_some(),
                    "donations" => data.donations.is_some(),
                    "results" => data.evaluation.is_some(),
                    _ => data.selection.is_some(),
                };
                if seen.contains(&name) {
                    Words::new(
                        format!("`{{{{ {name} }}}}` is placed twice; a table is shown once"),
                        format!("`{{{{ {name} }}}}` 放了两次；一张表只显示一次"),
                    )
                } else if !exact {
                    Words::new(
                        format!(
                            "write the marker as `{{{{ {name} }}}}` (one space inside each brace pair)"
                        ),
                        format!("标记请写成 `{{{{ {name} }}}}`（每对花括号内各一个空格）"),
                    )
                } else if present || written(name) {
                    seen.push(name);
                    continue;
                } else {
                    Words::new(
                        format!(
                            "the body places `{{{{ {name} }}}}` but the notice has no {name} data"
                        ),
                        format!("正文放了 `{{{{ {name} }}}}`，但字段区没有 {name} 数据"),
                    )
                }
            }
            _ => Words::new(
                format!(
                    "unknown table marker `{{{{ {name} }}}}`; use one of {}",
                    super::data::MARKERS.join(", ")
                ),
                format!(
                    "未知的表格标记 `{{{{ {name} }}}}`；可用：{}",
                    super::data::MARKERS.join("、")
                ),
            ),
        };
        let col = line.find("{{").unwrap_or(0) + 1;
        let span = Span::in_text(&check.top.file, check.src.file_text, first_line + i, col);
        check.diags.error(
            span,
            Problem::InvalidValue {
                field: "body".into(),
                message,
            },
        );
    }
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
    read_notice(root, content_dir, source, text, site, diags)
        .and_then(|(n, complete)| complete.then_some(n))
}

/// Reads one notice file as far as it can be read: the notice, and whether it was read without
/// an error. A notice with errors elsewhere is still returned when it has its title, kind and
/// date (what it lacks is left out), so that the check stage can report its other findings in
/// the same build; it is never published.
pub fn read_notice(
    root: &Path,
    content_dir: &Path,
    source: &Path,
    text: &str,
    site: &Site,
    diags: &mut Diagnostics,
) -> Option<(Notice, bool)> {
    let rel = crate::diagnostics::display_path(root, source);
    let split = match frontmatter::split(text) {
        Ok(s) => s,
        Err(p) => {
            diags.error(Span::in_text(&rel, text, 1, 1), p);
            return None;
        }
    };
    let src = YamlSource::new(&rel, text, split.yaml, split.yaml_line_offset);
    let fm: FrontMatter = if split.yaml.trim().is_empty() {
        diags.error(
            Span::in_text(&rel, text, 1, 1),
            Problem::MissingField("title"),
        );
        return None;
    } else {
        match src.parse_all() {
            Ok(fm) => fm,
            Err(all) => {
                for d in all {
                    diags.push(d);
                }
                return None;
            }
        }
    };
    let before = diags.error_count();
    let notice_dir = source.parent().unwrap_or(content_dir);
    let mut check = Checker {
        src: &src,
        site,
        diags,
        top: Span::in_text(&rel, text, 1, 1),
        dir: notice_dir,
        content_dir,
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
        if is_valid_slug(s) && s.bytes().any(|b| b.is_ascii_uppercase()) {
            // Published URLs are lower-case: say so rather than change what was written.
            check.error(&[Seg::Key("slug")], Problem::SlugCase(s.to_string()));
            None
        } else if is_valid_slug(s) {
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
                    message: Words::new(
                        format!("`{other}` is neither `public` nor `staff`"),
                        format!("`{other}` 既不是 `public`（公开）也不是 `staff`（校内）"),
                    ),
                },
            );
            Audience::Public
        }
    };
    let tags = check.tags(&fm.tags);
    let period = match (kind, date) {
        (Some(kind), Some(date)) => check.period(&fm.period, kind, date),
        _ => None,
    };
    let revisions = check.revisions(&fm.revisions);
    let outcome = fm.outcome.as_ref().and_then(|o| {
        let (result, note) = match o {
            RawOutcome::Plain(t) => (t, None),
            RawOutcome::Full { result, note } => (result, note.as_ref()),
        };
        let kind = OutcomeKind::parse(result.as_str());
        if kind.is_none() {
            check.invalid(
                &[Seg::Key("outcome")],
                "outcome",
                Words::new(
                    format!(
                        "`{}` is not no_objection (无异议), objection_upheld (异议成立), objection_dismissed (异议不成立) or withdrawn (撤回)",
                        result.as_str()
                    ),
                    format!(
                        "`{}` 不是 no_objection（无异议）、objection_upheld（异议成立）、objection_dismissed（异议不成立）或 withdrawn（撤回）",
                        result.as_str()
                    ),
                ),
            );
        }
        Some(Outcome {
            kind: kind?,
            note: note.map(|n| n.as_str().trim().to_string()).filter(|n| !n.is_empty()),
        })
    });
    let expires = fm
        .expires
        .as_ref()
        .and_then(|t| check.date_at(t, &[Seg::Key("expires")], "expires"));
    let corrects = fm.corrects.as_ref().and_then(|t| {
        let s = t.as_str().trim();
        if is_valid_slug(s) {
            Some(s.to_ascii_lowercase())
        } else {
            check.error(&[Seg::Key("corrects")], Problem::BadSlug(s.to_string()));
            None
        }
    });
    let decision_ref = check.optional_text(fm.decision_ref.as_ref(), "decision_ref");
    let allowances = allowances(fm.privacy.as_ref(), &mut check);
    let validity = fm.validity.as_ref().and_then(|t| {
        let v = Validity::parse(t.as_str());
        if v.is_none() {
            check.invalid(
                &[Seg::Key("validity")],
                "validity",
                Words::new(
                    format!("`{}` is not 有效, 失效, 废止 or 已修订", t.as_str()),
                    format!("`{}` 不是 有效、失效、废止 或 已修订", t.as_str()),
                ),
            );
        }
        v
    });
    let attachments = check.attachments(&fm.attachments);
    let links = crate::content::markdown::links(split.body, split.body_line);
    let link_targets = super::links::resolve(&links, &attachments, notice_dir, content_dir);
    let data = match kind {
        Some(k) => super::data::check(&fm, k, &mut check),
        None => NoticeData::default(),
    };
    // Data written in the front matter (its own errors, if it failed, are said already).
    let written = |name: &str| match name {
        "ledger" => fm.ledger.is_some() || fm.ledger_csv.is_some(),
        "fees" => fm.fees.is_some() || fm.fees_csv.is_some(),
        "fee_matrix" => fm.fee_matrix.is_some(),
        "accounts" => fm.accounts.is_some(),
        "procurement" => fm.procurement.is_some(),
        "vote" => fm.vote.is_some(),
        "consultation" => fm.consultation.is_some(),
        "donations" => fm.donations.is_some(),
        "results" => fm.results.is_some() || fm.ballots.is_some(),
        _ => fm.candidates.is_some() || fm.groups.is_some() || fm.tiers.is_some(),
    };
    check_markers(split.body, split.body_line, &data, &written, &mut check);
    let contact = fm
        .contact
        .as_ref()
        .map(|c| c.or(&site.config.contact))
        .unwrap_or_else(|| site.config.contact.clone());
    let contacts = fm
        .contacts
        .iter()
        .flatten()
        .map(Contact::trimmed)
        .filter(|c| *c != Contact::default())
        .collect();
    let complete = diags.error_count() == before;
    let (title, kind, date) = (title?, kind?, date?);
    let ascii_stem = source
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| is_valid_slug(s))
        .map(str::to_ascii_lowercase);
    let front_matter = src.keep();
    let notice = Notice {
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
        contacts,
        standing: matches!(&fm.period, PeriodSlot::Word(w) if super::check::is_standing(w)),
        tags,
        slug,
        ascii_stem,
        draft: fm.draft,
        audience,
        attachments,
        revisions,
        outcome,
        expires,
        corrects,
        decision_ref,
        validity,
        // Set by the loader from the bytes as read (the text here may have been decoded).
        source_hash: String::new(),
        digest: 0,
        allowances,
        link_targets,
        links,
        data_sources: [fm.ledger_csv.as_ref(), fm.fees_csv.as_ref()]
            .into_iter()
            .flatten()
            .map(|f| {
                let (file, _sheet) = super::data::workbook::split_sheet(f.as_str().trim());
                super::check::normalise(&notice_dir.join(file))
            })
            .collect(),
        data,
        body: split.body.to_string(),
        body_line: split.body_line,
        school_year: SchoolYear::of(date, site.year_start),
        front_matter,
    };
    Some((notice, complete))
}
