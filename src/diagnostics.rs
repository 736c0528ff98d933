//! Content and template problems, with where they are: the typed error enum of the library
//! ([`Problem`]), a position in a source file ([`Span`]) and the collection that a build fills
//! ([`Diagnostics`]) so that every error of a build is reported together.

mod zh;
use std::fmt;
use std::path::PathBuf;

/// How bad a finding is: errors stop the build, warnings are printed only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a source file: the path as shown to the user (relative to the site root, with `/`),
/// a 1-based line and a 1-based column counted in characters, and the text of that line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub source_line: Option<String>,
    /// Where in `source_line` the caret points when that is not `col` (a CSV error reports the
    /// field number as its column but quotes only the cell).
    pub caret: Option<usize>,
    /// A spreadsheet cell as Excel names it (`伙食!C7`), shown in place of line and column
    /// (which then hold its row and column number, for sorting and JSON).
    pub cell: Option<String>,
}

impl Span {
    /// A span pointing at `line`:`col` of `text`, which is the whole file `file`.
    pub fn in_text(file: &str, text: &str, line: usize, col: usize) -> Span {
        let source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        Span {
            file: file.to_string(),
            line: line.max(1),
            col: col.max(1),
            source_line,
            caret: None,
            cell: None,
        }
    }

    /// The same file at another line (no source text known).
    pub fn at_line(mut self, line: usize) -> Span {
        self.line = line.max(1);
        self
    }

    /// A span for a whole file (no line known, e.g. an I/O error).
    pub fn file(file: &str) -> Span {
        Span {
            file: file.to_string(),
            line: 1,
            col: 1,
            source_line: None,
            caret: None,
            cell: None,
        }
    }

    /// A cell of spreadsheet `file`, `reference` as Excel names it (`伙食!C7`), at `row` and
    /// `col` (from 1).
    pub fn at_cell(file: &str, reference: String, row: usize, col: usize) -> Span {
        Span {
            file: file.to_string(),
            line: row.max(1),
            col: col.max(1),
            source_line: None,
            caret: None,
            cell: Some(reference),
        }
    }
}

/// The language findings are told in: the site's (`language:` in site.yaml), or `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `zh`, `zh-CN`, `en`… (case-insensitive); `None` for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s == "zh" || s.starts_with("zh-") || s.starts_with("zh_") {
            Some(Lang::Zh)
        } else if s == "en" || s.starts_with("en-") || s.starts_with("en_") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// A finding's words in both languages, where the place that raises it composes them (figures
/// that disagree, say): shown in English as `Display`, in Chinese through [`Problem::message`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Words {
    pub en: String,
    pub zh: String,
}

impl Words {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Words {
        Words {
            en: en.into(),
            zh: zh.into(),
        }
    }
}

impl Words {
    /// An I/O error in both languages.
    pub fn io(e: &std::io::Error) -> Words {
        Words::new(e.to_string(), io_zh(e))
    }
}

impl fmt::Display for Words {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// Everything that can be wrong with a site's content, configuration or templates.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
pub enum Problem {
    #[error("cannot read the file: {0}")]
    Io(Words),
    #[error("the file is not valid UTF-8 text")]
    NotUtf8,
    #[error("the notice has no front matter")]
    NoFrontMatter,
    #[error("the front matter is not closed")]
    UnclosedFrontMatter,
    #[error("invalid YAML: {0}")]
    Yaml(String),
    /// A slip of a Chinese keyboard or of a value that needs quotes, found where the YAML
    /// failed: what it is, and the line as it should be.
    #[error("invalid YAML: {what}")]
    YamlSlip { what: Words, fix: String },
    #[error("unknown field `{field}`")]
    UnknownField {
        field: String,
        suggestion: Option<String>,
        expected: Vec<String>,
    },
    #[error("missing required field `{0}`")]
    MissingField(&'static str),
    #[error("`{field}`: `{value}` is not a valid date")]
    BadDate { field: String, value: String },
    #[error("`{field}: {value}` is outside the years 1949 to 2100 that a notice's dates fall in")]
    DateOutOfRange { field: String, value: String },
    #[error("a notice period of {days} working days is longer than the {max} gongkai accepts")]
    PeriodTooLong { days: u32, max: u32 },
    #[error("names typed in the body of a student-aid notice would be published unmasked")]
    NamesInAidBody,
    #[error("a placeholder is left in: `{0}`")]
    Placeholder(String),
    #[error(
        "the notice period is {days} working days; a {kind} notice is open for objections at least {min}"
    )]
    PeriodTooShort {
        days: u32,
        min: u32,
        kind: &'static str,
    },
    /// A notice period reaching a year outside gongkai's table of national holidays (`first` to
    /// `last`), for which site.yaml gives no day either: its working days there are counted
    /// Monday to Friday.
    #[error(
        "the notice period ({start} to {end}) reaches {year}, a year whose public holidays and 调休 working days gongkai does not know: its working days in {year} are counted Monday to Friday"
    )]
    NoHolidayData {
        year: i16,
        start: String,
        end: String,
        first: i16,
        last: i16,
    },
    #[error("unknown kind `{0}`")]
    UnknownKind(String),
    #[error("the notice period ends ({end}) before it starts ({start})")]
    PeriodEndsBeforeStart { start: String, end: String },
    #[error("the notice period needs `end` or `days`")]
    PeriodIncomplete,
    #[error("`period` gives both `end` and `days`")]
    PeriodOverdetermined,
    #[error("the notice period starts ({start}) before the publish date ({date})")]
    PeriodBeforeDate { start: String, date: String },
    #[error("`days` must be at least 1")]
    ZeroDays,
    #[error("`slug: {0}` is not a valid URL slug")]
    BadSlug(String),
    #[error("`slug: {0}` has capital letters; page URLs are lower-case")]
    SlugCase(String),
    #[error("the URL `{url}` is used by this notice and by {other}")]
    DuplicateSlug { url: String, other: String },
    #[error("the index number `{index_no}` is used by this notice and by {other}")]
    DuplicateIndexNo { index_no: String, other: String },
    #[error("the attachment `{0}` does not exist")]
    MissingAttachment(String),
    #[error("the attachment path `{0}` is not allowed")]
    BadAttachmentPath(String),
    #[error("two attachments of this notice are both named `{0}`")]
    DuplicateAttachment(String),
    #[error("`{0}` leads outside the site folder (through a symlink or `..`); it was not read")]
    OutsideSite(String),
    #[error("`{field}` is empty")]
    Empty { field: String },
    #[error("invalid value for `{field}`: {message}")]
    InvalidValue { field: String, message: Words },
    #[error("`{a}` and `{b}` both become the folder `{folder}`")]
    NameCollision {
        a: String,
        b: String,
        folder: String,
    },
    #[error("`{field}`: {error}")]
    Amount {
        field: String,
        /// Why the text is not an amount, as the money parser says it.
        error: Words,
    },
    #[error("`{field}` belongs to {kind} notices")]
    FieldNotForKind {
        field: &'static str,
        kind: &'static str,
    },
    #[error(
        "`mask_names: true` cannot act on a {kind} notice: it masks the names in selection and evaluation lists only, so names written here would be published in full"
    )]
    MaskNamesCannotAct { kind: &'static str },
    #[error(
        "{what} exceeds the largest sum gongkai computes exactly (92,233,720,368,547,758.07 yuan); nothing was rounded or cut"
    )]
    Overflow { what: String },
    #[error("the identity registry cannot be read: {0}")]
    Registry(Words),
    #[error("{what} nested more than {max} levels deep")]
    TooDeep { what: &'static str, max: usize },
    #[error("internal error of gongkai while rebuilding after this file changed: {0}")]
    Internal(String),
    #[error("give either `{a}` or `{b}`, not both")]
    BothGiven { a: &'static str, b: &'static str },
    #[error("declared {figure} {declared} does not match the computed {computed}")]
    DeclaredMismatch {
        figure: &'static str,
        declared: String,
        computed: String,
    },
    #[error("fee `{0}` has no `basis` (收费依据)")]
    MissingBasis(String),
    #[error("{0}")]
    Inconsistent(Words),
    /// A data file (CSV, or a workbook's sheet) that cannot be read, or whose columns are wrong.
    #[error("{0}")]
    Csv(Words),
    #[error("{0}")]
    Archived(Words),
    #[error("{what}: {masked}")]
    Privacy {
        /// The finding's code (`id-number`) and hint, from the privacy guard.
        code: &'static str,
        hint: &'static str,
        what: &'static str,
        hint_zh: &'static str,
        what_zh: &'static str,
        masked: String,
    },
    #[error("raw HTML removed: {0}")]
    UnsafeHtml(String),
    #[error("broken link `{0}`")]
    BrokenLink(String),
    #[error("a list of named students has no `expires:` date")]
    MissingExpires,
    #[error("a table of figures in the text ({rows} rows) is not checked")]
    UnverifiedTable {
        rows: usize,
        structure: &'static str,
    },
    #[error("template error: {0}")]
    Template(String),
    #[error("the theme `{0}` does not exist")]
    UnknownTheme(String),
    #[error("no site.yaml found; using the defaults")]
    NoSiteConfig,
    #[error("the file was saved as GBK/GB18030, not UTF-8; it was read as GB18030")]
    LegacyEncoding,
    /// A privacy finding in an attachment, at a place that is not a line (`in Sheet1!C7`,
    /// `on page 2`).
    #[error("{what} {place}: {masked}")]
    AttachmentPrivacy {
        code: &'static str,
        hint: &'static str,
        what: &'static str,
        hint_zh: &'static str,
        what_zh: &'static str,
        place: String,
        masked: String,
    },
    #[error(
        "the text of this attachment cannot be read: {0}; a person must check it before it is published"
    )]
    UnreadableAttachment(String),
}

impl Problem {
    /// A stable code for machine-readable output (`check --format json`) and `privacy: allow`.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Io(..) => "io",
            Problem::NotUtf8 => "not-utf8",
            Problem::NoFrontMatter => "no-front-matter",
            Problem::UnclosedFrontMatter => "unclosed-front-matter",
            Problem::Yaml(..) | Problem::YamlSlip { .. } => "yaml",
            Problem::UnknownField { .. } => "unknown-field",
            Problem::MissingField(..) => "missing-field",
            Problem::BadDate { .. } => "bad-date",
            Problem::DateOutOfRange { .. } => "date-out-of-range",
            Problem::PeriodTooLong { .. } => "period-too-long",
            Problem::PeriodTooShort { .. } => "period-too-short",
            Problem::NamesInAidBody => "aid-names",
            Problem::Placeholder(..) => "placeholder",
            Problem::NoHolidayData { .. } => "no-holiday-data",
            Problem::UnknownKind(..) => "unknown-kind",
            Problem::PeriodEndsBeforeStart { .. } => "period-ends-before-start",
            Problem::PeriodIncomplete => "period-incomplete",
            Problem::PeriodOverdetermined => "period-overdetermined",
            Problem::PeriodBeforeDate { .. } => "period-before-date",
            Problem::ZeroDays => "zero-days",
            Problem::BadSlug(..) | Problem::SlugCase(..) => "bad-slug",
            Problem::DuplicateSlug { .. } => "duplicate-slug",
            Problem::DuplicateIndexNo { .. } => "duplicate-index-no",
            Problem::MissingAttachment(..) => "missing-attachment",
            Problem::BadAttachmentPath(..) => "bad-attachment-path",
            Problem::DuplicateAttachment(..) => "duplicate-attachment",
            Problem::OutsideSite(..) => "outside-site",
            Problem::Empty { .. } => "empty",
            Problem::InvalidValue { .. } => "invalid-value",
            Problem::NameCollision { .. } => "name-collision",
            Problem::Amount { .. } => "amount",
            Problem::FieldNotForKind { .. } => "field-not-for-kind",
            Problem::MaskNamesCannotAct { .. } => "mask-names-cannot-act",
            Problem::Overflow { .. } => "overflow",
            Problem::Internal(..) => "internal",
            Problem::TooDeep { .. } => "too-deep",
            Problem::Registry(..) => "registry",
            Problem::BothGiven { .. } => "both-given",
            Problem::DeclaredMismatch { .. } => "declared-mismatch",
            Problem::MissingBasis(..) => "missing-basis",
            Problem::Inconsistent(..) => "inconsistent",
            Problem::Csv(..) => "csv",
            Problem::Archived(..) => "archived",
            Problem::Privacy { code, .. } => code,
            Problem::UnsafeHtml(..) => "unsafe-html",
            Problem::BrokenLink(..) => "broken-link",
            Problem::MissingExpires => "missing-expires",
            Problem::UnverifiedTable { .. } => "unverified-table",
            Problem::Template(..) => "template",
            Problem::UnknownTheme(..) => "unknown-theme",
            Problem::NoSiteConfig => "no-site-config",
            Problem::LegacyEncoding => "legacy-encoding",
            Problem::AttachmentPrivacy { code, .. } => code,
            Problem::UnreadableAttachment(..) => "unreadable-attachment",
        }
    }

    /// How to fix it, in one sentence, where there is more to say than the message.
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => zh::message(self),
        }
    }

    /// What to do about it, in `lang`.
    pub fn hint_in(&self, lang: Lang) -> Option<String> {
        match lang {
            Lang::En => self.hint(),
            Lang::Zh => zh::hint(self),
        }
    }

    pub fn hint(&self) -> Option<String> {
        Some(match self {
            Problem::NotUtf8 => "save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8)".into(),
            Problem::NoFrontMatter => {
                "start the file with a line `---`, the fields (`title:`, `kind:`, `date:`), then another `---`".into()
            }
            Problem::UnclosedFrontMatter => "end the front matter with a line holding only `---`".into(),
            Problem::Yaml(_) => {
                "check the indentation and quoting; values containing `:` or `#` need quotes".into()
            }
            Problem::YamlSlip { fix, .. } => format!("write it as `{fix}`"),
            Problem::UnknownField {
                suggestion: Some(s),
                ..
            } => format!("did you mean `{s}`?"),
            Problem::UnknownField { expected, .. } => {
                format!("allowed fields: {}", expected.join(", "))
            }
            Problem::MissingField(f) => format!("add a line `{f}: …` to the front matter"),
            Problem::BadDate { .. } => {
                "write dates as YYYY-MM-DD (e.g. 2025-07-10) or RFC 3339 (2025-07-10T09:00:00+08:00)".into()
            }
            Problem::UnknownKind(_) => {
                "use one of finance (财务), evaluation (评议), selection (评选), notice (通知)".into()
            }
            Problem::PeriodEndsBeforeStart { .. } => "swap the dates or correct the end date".into(),
            Problem::PeriodIncomplete => {
                "write `period: {start: 2025-07-10, end: 2025-07-16}` or `period: {days: 5}`".into()
            }
            Problem::PeriodOverdetermined => "keep one of them".into(),
            Problem::PeriodBeforeDate { .. } => {
                "a notice period cannot start before the notice is published".into()
            }
            Problem::ZeroDays => "a notice period lasts at least one working day".into(),
            Problem::BadSlug(_) => {
                "use ASCII letters, digits, `-` and `_` only (it becomes the page URL and its QR code)".into()
            }
            Problem::SlugCase(s) => format!("write it as `slug: {}`", s.to_ascii_lowercase()),
            Problem::DuplicateSlug { .. } => "give one of the two notices its own `slug:`".into(),
            Problem::DuplicateIndexNo { .. } => {
                "an index number (索引号) is issued once; remove the `index_no:` of one notice".into()
            }
            Problem::MissingAttachment(_) => {
                "put the file beside the notice (paths are relative to the notice's folder) or correct the name".into()
            }
            Problem::BadAttachmentPath(_) => {
                "give a path relative to the notice's folder, inside content/".into()
            }
            Problem::DuplicateAttachment(_) => "rename one of the two files".into(),
            Problem::OutsideSite(_) => {
                "copy the file into the site folder instead of linking to it: everything a build reads must be inside the site".into()
            }
            Problem::NameCollision { .. } => "rename one of them".into(),
            Problem::UnknownTheme(_) => {
                "put the theme in themes/NAME/ or remove `theme:` to use the built-in default".into()
            }
            Problem::NoSiteConfig => "run `gongkai init` for a commented site.yaml".into(),
            Problem::Amount { .. } => {
                "write amounts like 1234.50, \"1,234.50\" or \"¥1,234.50\": at most two decimals".into()
            }
            Problem::FieldNotForKind { .. } => "remove the field or change `kind:`".into(),
            Problem::DateOutOfRange { .. } => "check the year for a typing slip".into(),
            Problem::NoHolidayData {
                year, first, last, ..
            } => {
                let add = format!(
                    "add the {year} public holidays to `holidays:` and its 调休 working weekends to `workdays:` in site.yaml"
                );
                if year > last {
                    format!(
                        "{add}, or update gongkai: its national holidays end with {last} (the State Council publishes each year's in the November before)"
                    )
                } else {
                    format!("{add}: gongkai's national holidays start with {first}")
                }
            }
            Problem::Placeholder(_) => "replace the sample with the real text, name, number or address before publishing".into(),
            Problem::NamesInAidBody => "list the students under `candidates:` (`- {name: 张小明, unit: 四（2）班, post: 一档, result: selected}`), which masks their names, and place the list with `{{ candidates }}`".into(),
            Problem::PeriodTooShort { min, .. } => format!(
                "make the period at least {min} working days (`period: {{days: {min}}}`), or set the rule with `min_period_days:` in site.yaml"
            ),
            Problem::PeriodTooLong { .. } => {
                "check the number for a typing slip; a standing notice (such as a fee board) needs no period: use `kind: notice`".into()
            }
            Problem::Registry(_) => {
                "restore gongkai.lock from version control (it records every published URL and index number; never edit it by hand)".into()
            }
            Problem::TooDeep { .. } => {
                "no notice needs this: look for a run of brackets or tags that is not closed where it should be".into()
            }
            Problem::Internal(_) => {
                "the last good site is still served and the next change rebuilds everything; please report this with the file".into()
            }
            Problem::Overflow { .. } => {
                "check the amounts for a typing slip (extra digits): no school's figures come near this".into()
            }
            Problem::MaskNamesCannotAct { .. } => {
                "remove `mask_names` and write each name as it may be published (a donor who did not agree to be named: 爱心人士 or 张*明)".into()
            }
            Problem::DeclaredMismatch { .. } => {
                "correct the declared figure or the rows: the page shows the computed totals".into()
            }
            Problem::MissingBasis(_) => {
                "add `basis:` with the approving document (批准机关 + 文号); a fee without its legal basis must not be posted".into()
            }
            Problem::Privacy { hint, .. } => hint.to_string(),
            Problem::UnsafeHtml(_) => {
                "script, event handlers, frames, forms and styles from content are never published; remove the raw HTML".into()
            }
            Problem::BrokenLink(_) => {
                "link to another notice by its file (`../2025-2026/fees.md`) or `@slug`, or to a file listed in `attachments`".into()
            }
            Problem::UnverifiedTable { structure, .. } => format!(
                "write it as `{structure}:` in the front matter, which computes the totals and checks every stated figure (README: Structured data)"
            ),
            Problem::MissingExpires => {
                "add `expires: YYYY-MM-DD`: after it the names are taken down from every page, list and feed (student-aid lists must not stay up)".into()
            }
            Problem::LegacyEncoding => "save the file as UTF-8 to silence this warning".into(),
            Problem::AttachmentPrivacy { hint, .. } => hint.to_string(),
            Problem::UnreadableAttachment(_) => {
                "open it and look for identity, phone and bank card numbers, home addresses and family circumstances; attach CSV, .xlsx, .docx or a PDF with a text layer and the build checks it".into()
            }
            _ => return None,
        })
    }
}

/// One finding: a problem, where it is, and how bad it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    pub span: Span,
    pub problem: Problem,
}

impl Diagnostic {
    pub fn error(span: Span, problem: Problem) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span,
            problem,
        }
    }

    pub fn warning(span: Span, problem: Problem) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            span,
            problem,
        }
    }
}

impl Diagnostic {
    /// The finding as [`Display`](fmt::Display) writes it, in `lang`.
    pub fn shown(&self, lang: Lang) -> Shown<'_> {
        Shown { d: self, lang }
    }
}

/// A finding told in one language (see [`Diagnostic::shown`]).
pub struct Shown<'a> {
    d: &'a Diagnostic,
    lang: Lang,
}

/// `path:line:col: error: message`, then the source line with a caret under the column, then the
/// hint: the form editors and CI logs recognise (`error`/`warning` stay English words in every
/// language, for the editors' and CI's patterns).
impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = self.lang;
        let level = match self.d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let Span {
            file,
            line,
            col,
            source_line,
            caret,
            cell,
        } = &self.d.span;
        match cell {
            Some(cell) => write!(f, "{file}:{cell}")?,
            None => write!(f, "{file}:{line}:{col}")?,
        }
        writeln!(f, ": {level}: {}", self.d.problem.message(lang))?;
        if let Some(text) = source_line {
            let gutter = line.to_string().len();
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{line} | {text}")?;
            let pad: usize = text
                .chars()
                .take(caret.unwrap_or(*col).saturating_sub(1))
                .map(display_width)
                .sum();
            writeln!(f, "{:gutter$} | {:pad$}^", "", "")?;
        }
        if let Some(hint) = self.d.problem.hint_in(lang) {
            let help = match lang {
                Lang::En => "help",
                Lang::Zh => "提示",
            };
            writeln!(f, "  = {help}: {hint}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.shown(Lang::En).fmt(f)
    }
}

/// Terminal columns a character takes: CJK characters are two wide.
fn display_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// All findings of one build, errors and warnings, in a stable order.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn error(&mut self, span: Span, problem: Problem) {
        self.push(Diagnostic::error(span, problem));
    }

    pub fn warning(&mut self, span: Span, problem: Problem) {
        self.push(Diagnostic::warning(span, problem));
    }

    /// Keeps the findings `keep` says yes to.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Sorted by file, line and column, so reports do not depend on thread timing.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.span.file, a.span.line, a.span.col, a.severity).cmp(&(
                &b.span.file,
                b.span.line,
                b.span.col,
                b.severity,
            ))
        });
        self.items.dedup();
        self.items
    }
}

/// What an I/O error means, in Chinese (the system's own words in brackets).
pub fn io_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "已经存在",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "磁盘是只读的",
        K::IsADirectory => "这是文件夹，不是文件",
        K::NotADirectory => "这是文件，不是文件夹",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::InvalidData => "内容无效",
        _ => "读写失败",
    };
    format!("{what}（{e}）")
}

/// The display form of a path relative to the site root: forward slashes on every platform.
pub fn display_path(root: &std::path::Path, path: &std::path::Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.to_string_lossy().replace('\\', "/")
}
