//! The structured data of a notice (公开数据): finance ledgers, fee schedules and donations,
//! evaluation ballots and selections. Each part is read from front matter (or a CSV file beside
//! the notice) and kept as a model whose figures are computed exactly, never typed; the figures
//! a notice states are kept beside them for `check::tables` to compare. Names that must not be
//! published in full are masked here, before rendering.

pub mod csv_table;
pub mod decision;
pub mod evaluation;
pub mod finance;
pub mod matrix;
pub mod names;
pub mod selection;
pub mod workbook;

use super::check::Checker;
use super::kind::Kind;
use super::notice::FrontMatter;
use super::scalar::Text;
use crate::diagnostics::Span;
use crate::yaml::Seg;
use csv_table::CsvTable;

pub use evaluation::Evaluation;
pub use finance::{Donations, FeeRow, Ledger};
pub use selection::SelectionData;

/// Everything structured a notice discloses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
///
/// Each part is boxed: most notices have one part or none, and the board keeps every notice's
/// data for the whole build (unboxed, the absent parts took 1.6 KB a notice, 16 MB at 10,000).
pub struct NoticeData {
    pub ledger: Option<Box<Ledger>>,
    pub fees: Option<Vec<FeeRow>>,
    pub fee_matrix: Option<Box<matrix::FeeMatrix>>,
    /// Several accounts (`accounts:`), each a ledger with its name.
    pub accounts: Option<Vec<Ledger>>,
    pub procurement: Option<Box<decision::Procurement>>,
    pub vote: Option<Box<decision::Vote>>,
    pub consultation: Option<Box<decision::Consultation>>,
    pub donations: Option<Box<Donations>>,
    pub evaluation: Option<Box<Evaluation>>,
    pub selection: Option<Box<SelectionData>>,
}

/// A row to check, from front matter or from a CSV file: its values by field name and where
/// each value is, found only when an error needs it.
pub struct Row<'t> {
    pub values: Vec<(&'static str, String)>,
    pub origin: Origin<'t>,
}

pub enum Origin<'t> {
    /// Item `index` of the front-matter list `list` (e.g. `ledger`), under `parent` if nested
    /// (`donations`, `accounts[1]`).
    Yaml {
        parent: Vec<Seg<'static>>,
        list: &'static str,
        index: usize,
    },
    Csv {
        table: &'t CsvTable,
        line: usize,
        columns: &'t std::collections::BTreeMap<&'static str, usize>,
    },
}

impl Row<'_> {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }

    /// Where `field` of this row is.
    pub fn span(&self, check: &Checker, field: &str) -> Span {
        match &self.origin {
            Origin::Yaml {
                parent,
                list,
                index,
            } => {
                let mut path: Vec<Seg> = parent.clone();
                path.extend([Seg::Key(list), Seg::Index(*index), Seg::Key(field)]);
                check.src.span_of(&path)
            }
            Origin::Csv {
                table,
                line,
                columns,
            } => table.span(*line, columns.get(field).map_or(1, |c| c + 1)),
        }
    }
}

/// Reads the CSV file or workbook sheet (`收支.xlsx#伙食`) named by `field` (relative to the
/// notice's folder) into rows.
fn csv_rows(
    check: &mut Checker,
    field: &'static str,
    name: &Text,
    aliases: &[(&'static str, &[&str])],
    required: &[&'static str],
    extra: &[String],
) -> Option<(CsvTable, std::collections::BTreeMap<&'static str, usize>)> {
    let (rel, sheet) = workbook::split_sheet(name.as_str().trim());
    let path = super::check::normalise(&check.dir.join(rel));
    if rel.is_empty() || !path.starts_with(check.content_dir) || !path.is_file() {
        check.error(
            &[Seg::Key(field)],
            crate::diagnostics::Problem::MissingAttachment(rel.to_string()),
        );
        return None;
    }
    // A symlink may not lead out of content/: whatever it points at would be read and published.
    if !crate::paths::within(check.content_dir, &path) {
        check.error(
            &[Seg::Key(field)],
            crate::diagnostics::Problem::OutsideSite(rel.to_string()),
        );
        return None;
    }
    let root = check.content_dir.parent().unwrap_or(check.content_dir);
    let display = crate::diagnostics::display_path(root, &path);
    let read = if workbook::is_workbook(&path) {
        workbook::read(&path, &display, sheet)
    } else {
        CsvTable::read(&path, &display).map_err(|d| workbook::Unread::File(vec![d]))
    };
    let table = match read {
        Ok(t) => t,
        Err(workbook::Unread::NoSheet(words)) => {
            check.error(&[Seg::Key(field)], crate::diagnostics::Problem::Csv(words));
            return None;
        }
        Err(workbook::Unread::File(diags)) => {
            for d in diags {
                check.diags.push(d);
            }
            return None;
        }
    };
    match table.columns(aliases, required, extra) {
        Ok(cols) => Some((table, cols)),
        Err(errors) => {
            for e in errors {
                check.diags.push(e);
            }
            None
        }
    }
}

/// The rows of a CSV table.
fn rows_of<'t>(
    table: &'t CsvTable,
    columns: &'t std::collections::BTreeMap<&'static str, usize>,
) -> Vec<Row<'t>> {
    table
        .records
        .iter()
        .map(|(line, fields)| Row {
            values: columns
                .iter()
                .map(|(f, &i)| (*f, fields.get(i).cloned().unwrap_or_default()))
                .collect(),
            origin: Origin::Csv {
                table,
                line: *line,
                columns,
            },
        })
        .collect()
}

/// Whether `s` is a number as written in a score or a quantity: digits with at most one
/// decimal point (kept as text, never a float).
fn is_decimal(s: &str) -> bool {
    let mut parts = s.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// `{{ ledger }}` and the other markers that place a table inside the body.
pub const MARKERS: [&str; 10] = [
    "ledger",
    "accounts",
    "fees",
    "fee_matrix",
    "donations",
    "results",
    "candidates",
    "procurement",
    "vote",
    "consultation",
];

/// Reads and checks all structured data of a notice.
pub fn check(fm: &FrontMatter, kind: Kind, check: &mut Checker) -> NoticeData {
    let mut data = NoticeData::default();
    let finance = [
        ("opening_balance", fm.opening_balance.is_some()),
        ("ledger", fm.ledger.is_some()),
        ("ledger_csv", fm.ledger_csv.is_some()),
        ("declared", fm.declared.is_some()),
        ("fees", fm.fees.is_some()),
        ("fees_csv", fm.fees_csv.is_some()),
        ("fee_matrix", fm.fee_matrix.is_some()),
        ("accounts", fm.accounts.is_some()),
        ("max_surplus_ratio", fm.max_surplus_ratio.is_some()),
        ("by_category", fm.by_category.is_some()),
        ("shares", fm.shares.is_some()),
        ("extra_columns", fm.extra_columns.is_some()),
        ("donations", fm.donations.is_some()),
    ];
    let evaluation = [
        ("ballots", fm.ballots.is_some()),
        ("attendance", fm.attendance.is_some()),
        ("grades", fm.grades.is_some()),
        ("satisfied_grades", fm.satisfied_grades.is_some()),
        ("rate_name", fm.rate_name.is_some()),
        ("aspects", fm.aspects.is_some()),
        ("aspect_grades", fm.aspect_grades.is_some()),
        ("caps", fm.caps.is_some()),
        ("results", fm.results.is_some()),
    ];
    let selection = [
        ("award", fm.award.is_some()),
        ("award_type", fm.award_type.is_some()),
        ("quota", fm.quota.is_some()),
        ("electorate", fm.electorate.is_some()),
        ("criteria", fm.criteria.is_some()),
        ("panel", fm.panel.is_some()),
        ("candidates", fm.candidates.is_some()),
        ("groups", fm.groups.is_some()),
        ("tiers", fm.tiers.is_some()),
        ("tier_totals", fm.tier_totals.is_some()),
        ("tier_per", fm.tier_per.is_some()),
        ("sort", fm.sort.is_some()),
    ];
    let mut allowed = true;
    for (fields, wanted) in [
        (&finance[..], Kind::Finance),
        (&evaluation[..], Kind::Evaluation),
        (&selection[..], Kind::Selection),
    ] {
        for (field, present) in fields {
            if *present && kind != wanted {
                check.error(
                    &[Seg::Key(field)],
                    crate::diagnostics::Problem::FieldNotForKind {
                        field,
                        kind: wanted.key(),
                    },
                );
                allowed = false;
            }
        }
    }
    if fm.mask_names == Some(true) && matches!(kind, Kind::Finance | Kind::Notice) {
        check.error(
            &[Seg::Key("mask_names")],
            crate::diagnostics::Problem::MaskNamesCannotAct { kind: kind.key() },
        );
    }
    if !allowed {
        return data;
    }
    // Decisions by count fit a notice of any kind.
    data.procurement = fm
        .procurement
        .as_ref()
        .and_then(|p| decision::procurement(p, check))
        .map(Box::new);
    data.vote = fm
        .vote
        .as_ref()
        .and_then(|v| decision::vote(v, check))
        .map(Box::new);
    data.consultation = fm
        .consultation
        .as_ref()
        .and_then(|c| decision::consultation(c, check))
        .map(Box::new);
    match kind {
        Kind::Finance => {
            data.ledger = finance::ledger(fm, check).map(Box::new);
            data.fees = finance::fees(fm, check);
            data.fee_matrix = fm
                .fee_matrix
                .as_ref()
                .and_then(|m| matrix::check(m, check))
                .map(Box::new);
            data.accounts = finance::accounts(fm, check);
            data.donations = finance::donations(fm, check).map(Box::new);
        }
        Kind::Evaluation => data.evaluation = evaluation::check(fm, check).map(Box::new),
        Kind::Selection => data.selection = selection::check(fm, check).map(Box::new),
        Kind::Notice => {}
    }
    data
}
