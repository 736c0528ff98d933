//! Structured data as readers see it: every computed figure of a notice as display strings (the
//! `notice.data` that templates get, documented in the README), the inline SVG charts built from
//! them, and the accessible HTML tables the theme's partials (`partials/table_*.html`) draw from
//! them, placed in the body at `{{ ledger }}`-style markers or after it.

use std::fmt::Write;

use std::sync::OnceLock;

use serde::Serialize;
use tera::{Context, Value};

use super::i18n::t;
use super::templates::Templates;
use crate::config::Language;
use crate::content::data::decision::{
    Consultation, Printed, Procurement, Vote, exact_percent, percent_of, printed_decimals,
};
use crate::content::data::evaluation::{per_mille, percent};
use crate::content::data::finance::{Flow, LedgerRow};
use crate::content::data::matrix::FeeMatrix;
use crate::content::data::selection::{AwardType, Group, Outcome};
use crate::content::data::{Donations, Evaluation, FeeRow, Ledger, NoticeData, SelectionData};
use crate::content::money::Amount;
use crate::diagnostics::Diagnostic;

/// Escapes text for HTML (the XML escaping is valid HTML5 too).
pub use super::feed::xml_escape as esc;

/// An amount with its Chinese capitals.
#[derive(Debug, Clone, Serialize)]
pub struct Money {
    /// `1,234.50`
    pub display: String,
    /// 壹仟贰佰叁拾肆元伍角整; empty on an English site.
    pub capitals: String,
    /// Exact value in fen.
    pub fen: i64,
}

impl Money {
    fn new(a: Amount, lang: Language) -> Self {
        Money {
            display: a.display(),
            capitals: if lang == Language::En {
                String::new()
            } else {
                a.capitals()
            },
            fen: a.0,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LedgerRowView {
    pub item: String,
    /// `income` or `expense`
    pub flow: &'static str,
    pub amount: String,
    /// Its share of its side's total, with `shares: true`.
    pub amount_share: Option<String>,
    pub category: Option<String>,
    /// 本年累计, when given, and its share of its side's 本年累计.
    pub cumulative: Option<String>,
    pub cumulative_share: Option<String>,
    /// The display columns' values, one per `extra_columns` (empty where a row has none).
    pub extra: Vec<String>,
    pub note: Option<String>,
}

/// A line of a ledger shown by category: a category's heading, a row, or a category's 小计.
#[derive(Debug, Clone, Serialize)]
pub struct LedgerLine {
    /// `group`, `row` or `subtotal`.
    pub kind: &'static str,
    /// Depth of the category (1 for the top level).
    pub level: usize,
    /// The category's name (group, subtotal).
    pub label: String,
    /// The row (for `row`).
    pub row: Option<LedgerRowView>,
    /// The row's number among all rows (for `row`).
    pub no: usize,
    /// The subtotal's figures, where the category has rows of that kind.
    pub income: Option<String>,
    pub expense: Option<String>,
    pub cumulative: Option<String>,
    /// Their shares of the totals, with `shares: true` (a category of one side only).
    pub income_share: Option<String>,
    pub expense_share: Option<String>,
    pub cumulative_share: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LedgerView {
    /// The account's name, for one of several.
    pub name: Option<String>,
    pub rows: Vec<LedgerRowView>,
    /// Shown by category with a 小计 each: the lines in order.
    pub grouped: bool,
    pub lines: Vec<LedgerLine>,
    /// 本年累计 of income and expense, when the rows have it.
    pub cumulative: Option<(Money, Money)>,
    pub extra_columns: Vec<String>,
    /// 结余率, and the maximum the rules allow, when stated.
    pub surplus_ratio: Option<String>,
    pub max_surplus_ratio: Option<String>,
    pub income: Money,
    pub expense: Money,
    pub balance: Money,
    pub opening: Option<Money>,
    pub closing: Option<Money>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeeView {
    /// 收费性质 where a group of rows starts (the rows are grouped as the schedule lists them).
    pub group_start: Option<String>,
    pub item: String,
    pub standard: String,
    pub unit: String,
    pub basis: String,
    pub scope: Option<String>,
    pub note: Option<String>,
}

/// A count with its share, for the decision tables.
#[derive(Debug, Clone, Serialize)]
pub struct CountView {
    pub label: String,
    pub count: u32,
    pub share: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub item: String,
    pub spec: Option<String>,
    pub quantity: Option<u64>,
    pub unit: Option<String>,
    pub price: String,
    pub amount: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    pub role: String,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct BodyView {
    pub name: String,
    pub size: Option<u32>,
    pub members: Vec<RoleView>,
}

/// A procurement or tender result.
#[derive(Debug, Clone, Serialize)]
pub struct ProcurementView {
    pub project: String,
    pub method: Option<String>,
    pub supplier: Option<String>,
    pub body: Option<BodyView>,
    /// Those who could vote: stated, else the body's size.
    pub voters: Option<u32>,
    /// Those who voted, as the notice states them.
    pub stated_voters: Option<u32>,
    /// Each option's votes and share of those who could vote.
    pub votes: Vec<CountView>,
    pub items: Vec<ItemView>,
    pub has_spec: bool,
    /// The items' total, when each item has its quantity.
    pub total: Option<String>,
    /// The amount the notice states without items to sum (成交金额).
    pub amount: Option<String>,
    pub note: Option<String>,
}

/// A vote of the staff congress.
#[derive(Debug, Clone, Serialize)]
pub struct VoteView {
    pub roll: Option<u32>,
    pub present: u32,
    pub observers: Option<u32>,
    /// The rule in the site's language.
    pub rule: String,
    pub motions: Vec<MotionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MotionView {
    pub motion: String,
    /// 同意, 反对, 弃权 with their shares of those present.
    pub counts: Vec<CountView>,
    /// 通过 or 未通过: the notice's word, else the computed one.
    pub result: String,
}

/// A consultation (征求意见).
#[derive(Debug, Clone, Serialize)]
pub struct ConsultationView {
    pub subject: String,
    pub issued: Option<u32>,
    pub returned: u32,
    pub return_rate: Option<String>,
    /// 同意, 不同意 (and 其他) with their shares of those returned.
    pub counts: Vec<CountView>,
    pub threshold: Option<String>,
    pub result: Option<String>,
}

/// A fee table by rows and columns, its figures formatted.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixView {
    pub caption: Option<String>,
    pub corner: Option<String>,
    pub columns: Vec<String>,
    /// name, values (— where an item does not apply), total, note.
    pub rows: Vec<MatrixRowView>,
    pub basis: Option<String>,
    pub note: Option<String>,
    /// The 合计 row: each column's total, then the grand total.
    pub column_totals: Option<Vec<String>>,
    pub has_note: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRowView {
    pub name: String,
    pub values: Vec<String>,
    pub total: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DonationRowView {
    pub party: String,
    pub amount: String,
    pub date: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DonationsView {
    pub received: Vec<DonationRowView>,
    /// Absent in a receipts-only notice.
    pub disbursed: Option<Vec<DonationRowView>>,
    pub total_received: Money,
    pub total_disbursed: Option<Money>,
    pub remainder: Option<Money>,
    /// 笔数 with thousands separators (`11,514`).
    pub count: Option<String>,
    /// Gifts in kind (捐赠物资).
    pub in_kind: Vec<GiftView>,
    /// Their value, when every gift is valued.
    pub in_kind_value: Option<Money>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GiftView {
    pub party: String,
    pub item: String,
    pub quantity: String,
    pub unit: String,
    pub value: Option<String>,
    pub date: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GradeCount {
    pub grade: String,
    pub count: u32,
    /// Share of valid ballots, `81.1%`.
    pub share: String,
    pub per_mille: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub name: String,
    pub post: Option<String>,
    pub votes: Vec<GradeCount>,
    pub blank: u32,
    pub satisfied_rate: String,
    /// Inline SVG bar chart (safe markup generated by gongkai).
    pub chart_svg: String,
    pub grade: Option<String>,
    pub note: Option<String>,
    /// Votes per aspect: the aspect and its counts with shares.
    pub aspects: Vec<AspectView>,
    pub strengths: Option<String>,
    pub weaknesses: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AspectView {
    pub name: String,
    pub votes: Vec<GradeCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvaluationView {
    /// 在册 / 应到 / 实到 and the share present, when stated.
    pub attendance: Option<AttendanceView>,
    pub issued: u32,
    pub returned: u32,
    pub valid: u32,
    pub invalid: u32,
    pub return_rate: String,
    pub grades: Vec<String>,
    /// The grades counted as satisfied, e.g. `优秀+称职`.
    pub satisfied_grades: String,
    /// The headline rate's own name (称职及以上率), when the notice gives one.
    pub rate_name: Option<String>,
    pub aspect_grades: Vec<String>,
    /// Whether any person has a final grade, a note, votes per aspect, comments.
    pub has_grade: bool,
    pub has_note: bool,
    pub has_aspects: bool,
    pub has_comments: bool,
    pub results: Vec<PersonView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttendanceView {
    pub roll: u32,
    pub expected: Option<u32>,
    pub present: u32,
    /// present / roll, one decimal.
    pub rate: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CandidateView {
    pub name: String,
    pub unit: Option<String>,
    pub post: Option<String>,
    pub votes: Option<u32>,
    pub score: Option<String>,
    /// `selected`, `not_selected`, `withdrawn` or `open`.
    pub result: &'static str,
    /// The notice's own word (拟推荐), else the usual one in the site's language.
    pub result_label: String,
    pub note: Option<String>,
}

/// One list of a selection with its own places.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    /// The award or tier; none for a notice's only list.
    pub name: Option<String>,
    pub quota: Option<u32>,
    pub electorate: Option<u32>,
    pub criteria: Option<String>,
    /// `criteria` rendered from Markdown (safe markup).
    pub criteria_html: Option<String>,
    pub candidates: Vec<CandidateView>,
    /// How many take a place, and how many are still open (候选).
    pub selected: usize,
    pub open: usize,
    /// The notice's own word for those taking a place, when they share one (拟推荐).
    pub selected_word: Option<String>,
    /// Whether any candidate has a post, votes, a score, a note (the table's optional columns).
    pub has_post: bool,
    pub has_votes: bool,
    pub has_score: bool,
    pub has_note: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SelectionView {
    pub award: Option<String>,
    pub aid: bool,
    pub panel: Vec<String>,
    /// The lists: one, or one per group (award or tier).
    pub groups: Vec<GroupView>,
    pub masked: bool,
    /// Aid by tier: name, standard, count, months, amount, note.
    pub tiers: Vec<TierView>,
    /// What each standard is for (学期), in the site's words for a month by default.
    pub tier_per: String,
    pub tier_students: u64,
    pub tier_amount: Money,
}

#[derive(Debug, Clone, Serialize)]
pub struct TierView {
    pub name: String,
    pub standard: String,
    pub count: u32,
    pub months: u32,
    pub amount: String,
    pub note: Option<String>,
}

/// All structured data of a notice, for templates.
#[derive(Debug, Clone, Default)]
pub struct DataView {
    pub ledger: Option<LedgerView>,
    pub fees: Option<Vec<FeeView>>,
    pub fee_matrix: Option<MatrixView>,
    pub accounts: Option<Vec<LedgerView>>,
    pub procurement: Option<ProcurementView>,
    pub vote: Option<VoteView>,
    pub consultation: Option<ConsultationView>,
    pub donations: Option<DonationsView>,
    pub evaluation: Option<EvaluationView>,
    pub selection: Option<SelectionView>,
    /// The parts above as a template value, made once when the tables are drawn: the pages
    /// that show the notice get a clone of it (shared, not made again). Its maps are in no
    /// fixed order, so a view that has one must not be hashed for a key.
    value: OnceLock<Value>,
}

/// The fields of a [`DataView`], serialised.
#[derive(Serialize)]
struct DataFields<'a> {
    ledger: &'a Option<LedgerView>,
    fees: &'a Option<Vec<FeeView>>,
    fee_matrix: &'a Option<MatrixView>,
    accounts: &'a Option<Vec<LedgerView>>,
    procurement: &'a Option<ProcurementView>,
    vote: &'a Option<VoteView>,
    consultation: &'a Option<ConsultationView>,
    donations: &'a Option<DonationsView>,
    evaluation: &'a Option<EvaluationView>,
    selection: &'a Option<SelectionView>,
}

impl DataView {
    fn fields(&self) -> DataFields<'_> {
        DataFields {
            ledger: &self.ledger,
            fees: &self.fees,
            fee_matrix: &self.fee_matrix,
            accounts: &self.accounts,
            procurement: &self.procurement,
            vote: &self.vote,
            consultation: &self.consultation,
            donations: &self.donations,
            evaluation: &self.evaluation,
            selection: &self.selection,
        }
    }
}

impl Serialize for DataView {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.value.get() {
            // Into a template value: cloned, not made again.
            Some(v) => v.serialize(s),
            None => self.fields().serialize(s),
        }
    }
}

/// `part` of `whole` in percent, one decimal, rounded half up; `None` without a whole.
fn share_of(part: Amount, whole: Amount) -> Option<String> {
    if whole.0 <= 0 || part.0 < 0 {
        return None;
    }
    exact_percent(
        part.0.unsigned_abs().into(),
        whole.0.unsigned_abs().into(),
        1,
    )
}

/// The totals of a ledger's two sides, this period and 本年累计, for the shares.
fn side_totals(l: &Ledger, flow: Flow) -> (Amount, Option<Amount>) {
    match flow {
        Flow::Income => (l.income, l.cumulative.map(|c| c.0)),
        Flow::Expense => (l.expense, l.cumulative.map(|c| c.1)),
    }
}

fn ledger_row_view(l: &Ledger, r: &LedgerRow) -> LedgerRowView {
    let extra_columns = &l.extra_columns;
    let (total, cumulative_total) = side_totals(l, r.flow);
    LedgerRowView {
        amount_share: l.shares.then(|| share_of(r.amount, total)).flatten(),
        cumulative_share: match (l.shares, r.cumulative, cumulative_total) {
            (true, Some(c), Some(t)) => share_of(c, t),
            _ => None,
        },
        item: r.item.clone(),
        flow: if r.flow == Flow::Income {
            "income"
        } else {
            "expense"
        },
        amount: r.amount.display(),
        category: r.category.clone(),
        cumulative: r.cumulative.map(|a| a.display()),
        extra: extra_columns
            .iter()
            .map(|c| {
                r.extra
                    .iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            })
            .collect(),
        note: r.note.clone(),
    }
}

/// The lines of a ledger shown by category: under each category (in the order categories first
/// appear) its rows and its subcategories, then its 小计; rows without a category where they are.
fn ledger_lines(l: &Ledger) -> Vec<LedgerLine> {
    fn walk(l: &Ledger, prefix: &[String], rows: &[usize], out: &mut Vec<LedgerLine>) {
        let depth = prefix.len();
        let mut done: Vec<&str> = Vec::new();
        for &i in rows {
            let r = &l.rows[i];
            if r.path.len() == depth {
                out.push(LedgerLine {
                    kind: "row",
                    level: depth,
                    label: String::new(),
                    row: Some(ledger_row_view(l, r)),
                    no: i + 1,
                    income: None,
                    expense: None,
                    cumulative: None,
                    income_share: None,
                    expense_share: None,
                    cumulative_share: None,
                });
                continue;
            }
            let child = r.path[depth].as_str();
            if done.contains(&child) {
                continue;
            }
            done.push(child);
            let mut path = prefix.to_vec();
            path.push(child.to_string());
            let under: Vec<usize> = rows
                .iter()
                .copied()
                .filter(|&k| l.rows[k].path.len() > depth && l.rows[k].path[depth] == child)
                .collect();
            out.push(LedgerLine {
                kind: "group",
                level: depth + 1,
                label: child.to_string(),
                row: None,
                no: 0,
                income: None,
                expense: None,
                cumulative: None,
                income_share: None,
                expense_share: None,
                cumulative_share: None,
            });
            walk(l, &path, &under, out);
            if let Some(s) = l.subtotals.iter().find(|s| s.path == path) {
                out.push(LedgerLine {
                    kind: "subtotal",
                    level: depth + 1,
                    label: child.to_string(),
                    row: None,
                    no: 0,
                    income: s.has_income.then(|| s.income.display()),
                    expense: s.has_expense.then(|| s.expense.display()),
                    cumulative: s.cumulative.map(|a| a.display()),
                    income_share: (l.shares && s.has_income)
                        .then(|| share_of(s.income, l.income))
                        .flatten(),
                    expense_share: (l.shares && s.has_expense)
                        .then(|| share_of(s.expense, l.expense))
                        .flatten(),
                    cumulative_share: match (l.shares, s.has_income, s.has_expense, s.cumulative) {
                        (true, true, false, Some(c)) => {
                            side_totals(l, Flow::Income).1.and_then(|t| share_of(c, t))
                        }
                        (true, false, true, Some(c)) => {
                            side_totals(l, Flow::Expense).1.and_then(|t| share_of(c, t))
                        }
                        _ => None,
                    },
                });
            }
        }
    }
    let mut out = Vec::new();
    if l.grouped {
        let all: Vec<usize> = (0..l.rows.len()).collect();
        walk(l, &[], &all, &mut out);
    }
    out
}

fn ledger_view(l: &Ledger, lang: Language) -> LedgerView {
    let money = |a| Money::new(a, lang);
    LedgerView {
        name: l.name.clone(),
        rows: l.rows.iter().map(|r| ledger_row_view(l, r)).collect(),
        grouped: l.grouped,
        lines: ledger_lines(l),
        cumulative: l.cumulative.map(|(i, e)| (money(i), money(e))),
        extra_columns: l.extra_columns.clone(),
        // Shown where the notice gives a rule or prints the ratio: at its printed precision.
        surplus_ratio: match (&l.declared.surplus_ratio, &l.max_surplus_ratio) {
            (Some(printed), _) => printed_decimals(printed.trim_start_matches('-'))
                .and_then(|d| l.surplus_ratio_at(d)),
            (None, Some(_)) => l.surplus_ratio(),
            (None, None) => None,
        },
        max_surplus_ratio: l.max_surplus_ratio.as_ref().map(|m| m.written.clone()),
        income: money(l.income),
        expense: money(l.expense),
        balance: money(l.balance),
        opening: l.opening.map(money),
        closing: l.closing.map(money),
        source: l.source.clone(),
    }
}

fn fees_view(f: &[FeeRow]) -> Vec<FeeView> {
    f.iter()
        .enumerate()
        .map(|(i, r)| FeeView {
            group_start: r
                .nature
                .clone()
                .filter(|n| i == 0 || f[i - 1].nature.as_ref() != Some(n)),
            item: r.item.clone(),
            standard: r.standard.display(),
            unit: r.unit.clone(),
            basis: r.basis.clone(),
            scope: r.scope.clone(),
            note: r.note.clone(),
        })
        .collect()
}

fn procurement_view(p: &Procurement) -> ProcurementView {
    let voters = p.voters.or(p.body.as_ref().and_then(|b| b.size));
    ProcurementView {
        project: p.project.clone(),
        method: p.method.clone(),
        supplier: p.supplier.clone(),
        body: p.body.as_ref().map(|b| BodyView {
            name: b.name.clone(),
            size: b.size,
            members: b
                .members
                .iter()
                .map(|(role, count)| RoleView {
                    role: role.clone(),
                    count: *count,
                })
                .collect(),
        }),
        voters,
        stated_voters: p.voters,
        votes: p
            .votes
            .iter()
            .map(|(option, votes, printed)| CountView {
                label: option.clone(),
                count: *votes,
                share: voters
                    .map_or_else(String::new, |v| percent_of(*votes, v, decimals_of(printed))),
            })
            .collect(),
        has_spec: p.items.iter().any(|i| i.spec.is_some()),
        items: p
            .items
            .iter()
            .map(|i| ItemView {
                item: i.item.clone(),
                spec: i.spec.clone(),
                quantity: i.quantity,
                unit: i.unit.clone(),
                price: i.price.display(),
                amount: i.amount.map(|a| a.display()),
            })
            .collect(),
        total: p.total.map(|a| a.display()),
        amount: p
            .stated_total
            .filter(|_| p.total.is_none())
            .map(|a| a.display()),
        note: p.note.clone(),
    }
}

fn vote_view(v: &Vote, lang: Language) -> VoteView {
    let count = |key, n| CountView {
        label: t(lang, key).to_string(),
        count: n,
        share: percent_of(n, v.present, 1),
    };
    let words = v.rule.words();
    VoteView {
        roll: v.roll,
        present: v.present,
        observers: v.observers,
        rule: if lang == Language::En {
            words.en.to_string()
        } else {
            words.zh.to_string()
        },
        motions: v
            .motions
            .iter()
            .map(|m| MotionView {
                motion: m.motion.clone(),
                counts: vec![
                    count("vote_for", m.yes),
                    count("vote_against", m.against),
                    count("vote_abstain", m.abstain),
                ],
                result: match (&m.stated, v.passes(m)) {
                    (Some((_, w)), _) => w.clone(),
                    (None, Some(true)) => t(lang, "vote_passed").to_string(),
                    (None, Some(false)) => t(lang, "vote_failed").to_string(),
                    (None, None) => String::new(),
                },
            })
            .collect(),
    }
}

/// The decimals of a printed share (so the page shows it as printed), else one.
fn decimals_of(printed: &Option<Printed>) -> usize {
    printed
        .as_ref()
        .and_then(|p| printed_decimals(&p.text))
        .unwrap_or(1)
}

fn consultation_view(c: &Consultation, lang: Language) -> ConsultationView {
    let count = |key, n, printed: &Option<Printed>| CountView {
        label: t(lang, key).to_string(),
        count: n,
        share: percent_of(n, c.returned, decimals_of(printed)),
    };
    let mut counts = vec![count("consult_agree", c.agree, &c.agree_share)];
    if let Some(d) = c.disagree {
        counts.push(count("consult_disagree", d, &c.disagree_share));
    }
    if c.other > 0 {
        counts.push(count("consult_other", c.other, &None));
    }
    ConsultationView {
        subject: c.subject.clone(),
        issued: c.issued,
        returned: c.returned,
        return_rate: c.issued.map(|i| percent_of(c.returned, i, 1)),
        counts,
        threshold: c.threshold.as_ref().map(|(_, w)| w.clone()),
        result: c.stated.as_ref().map(|(_, w)| w.clone()),
    }
}

fn matrix_view(m: &FeeMatrix) -> MatrixView {
    MatrixView {
        caption: m.caption.clone(),
        corner: m.corner.clone(),
        columns: m.columns.clone(),
        rows: m
            .rows
            .iter()
            .map(|r| MatrixRowView {
                name: r.name.clone(),
                values: r
                    .values
                    .iter()
                    .map(|v| v.map_or_else(|| "—".to_string(), |a| a.display()))
                    .collect(),
                total: r.total.display(),
                note: r.note.clone(),
            })
            .collect(),
        basis: m.basis.clone(),
        note: m.note.clone(),
        column_totals: m.column_totals.as_ref().map(|(columns, grand)| {
            columns
                .iter()
                .chain(std::iter::once(grand))
                .map(|a| a.display())
                .collect()
        }),
        has_note: m.rows.iter().any(|r| r.note.is_some()),
    }
}

fn donations_view(d: &Donations, lang: Language) -> DonationsView {
    let money = |a| Money::new(a, lang);
    let rows = |rows: &[crate::content::data::finance::DonationRow]| {
        rows.iter()
            .map(|r| DonationRowView {
                party: r.party.clone(),
                amount: r.amount.display(),
                date: r.date.clone(),
                note: r.note.clone(),
            })
            .collect()
    };
    DonationsView {
        received: rows(&d.received),
        disbursed: d.disbursed.as_deref().map(rows),
        total_received: money(d.total_received),
        total_disbursed: d.total_disbursed.map(money),
        remainder: d.remainder.map(money),
        count: d.count.map(crate::content::money::grouped),
        in_kind: d
            .in_kind
            .iter()
            .map(|g| GiftView {
                party: g.party.clone(),
                item: g.item.clone(),
                quantity: g.quantity.clone(),
                unit: g.unit.clone(),
                value: g.value.map(|v| v.display()),
                date: g.date.clone(),
                note: g.note.clone(),
            })
            .collect(),
        in_kind_value: d.in_kind_value.map(money),
    }
}

/// Counts per grade with their shares of the valid ballots.
fn grade_counts(grades: &[String], counts: &[u32], valid: u32) -> Vec<GradeCount> {
    grades
        .iter()
        .zip(counts)
        .map(|(g, &count)| {
            let pm = per_mille(count, valid);
            GradeCount {
                grade: g.clone(),
                count,
                share: percent(pm),
                per_mille: pm,
            }
        })
        .collect()
}

fn evaluation_view(e: &Evaluation, lang: Language) -> EvaluationView {
    let words = ChartWords::new(lang);
    let valid = e.ballots.valid;
    EvaluationView {
        attendance: e.attendance.map(|a| AttendanceView {
            roll: a.roll,
            expected: a.expected,
            present: a.present,
            rate: percent(per_mille(a.present, a.roll)),
        }),
        issued: e.ballots.issued,
        returned: e.ballots.returned,
        valid,
        invalid: e.ballots.returned - valid,
        return_rate: percent(per_mille(e.ballots.returned, e.ballots.issued)),
        grades: e.grades.clone(),
        satisfied_grades: e.grades[..e.satisfied].join("+"),
        results: e
            .results
            .iter()
            .map(|p| {
                let votes = grade_counts(&e.grades, &p.votes, valid);
                PersonView {
                    chart_svg: bar_chart(&p.name, &votes, &words),
                    name: p.name.clone(),
                    post: p.post.clone(),
                    blank: p.blank(&e.ballots),
                    satisfied_rate: percent(per_mille(p.satisfied_votes(e.satisfied), valid)),
                    votes,
                    grade: p.grade.clone(),
                    note: p.note.clone(),
                    aspects: e
                        .aspects
                        .iter()
                        .zip(&p.aspect_votes)
                        .map(|(name, counts)| AspectView {
                            name: name.clone(),
                            votes: grade_counts(&e.aspect_grades, counts, valid),
                        })
                        .collect(),
                    strengths: p.strengths.clone(),
                    weaknesses: p.weaknesses.clone(),
                }
            })
            .collect(),
        rate_name: e.rate_name.clone(),
        aspect_grades: e.aspect_grades.clone(),
        has_grade: e.results.iter().any(|p| p.grade.is_some()),
        has_note: e.results.iter().any(|p| p.note.is_some()),
        has_aspects: e.results.iter().any(|p| !p.aspect_votes.is_empty()),
        has_comments: e
            .results
            .iter()
            .any(|p| p.strengths.is_some() || p.weaknesses.is_some()),
    }
}

/// The i18n key of an outcome's label.
fn outcome_key(o: Outcome, aid: bool) -> &'static str {
    match (o, aid) {
        (Outcome::Selected, true) => "result_aided",
        (Outcome::Selected, false) => "result_selected",
        (Outcome::NotSelected, _) => "result_not_selected",
        (Outcome::Withdrawn, _) => "result_withdrawn",
        (Outcome::Open, _) => "result_open",
    }
}

fn group_view(g: &Group, label: &dyn Fn(Outcome) -> &'static str) -> GroupView {
    let candidates: Vec<CandidateView> = g
        .shown()
        .into_iter()
        .map(|c| CandidateView {
            name: c.name.clone(),
            unit: c.unit.clone(),
            post: c.post.clone(),
            votes: c.votes,
            score: c.score.clone(),
            result: c.outcome.key(),
            result_label: c.word.clone().unwrap_or_else(|| label(c.outcome).into()),
            note: c.note.clone(),
        })
        .collect();
    let mut words = g
        .candidates
        .iter()
        .filter(|c| c.outcome == Outcome::Selected)
        .map(|c| c.word.as_deref());
    let first = words.next().flatten();
    let selected_word = first
        .filter(|w| words.all(|x| x == Some(w)))
        .map(str::to_string);
    GroupView {
        name: g.name.clone(),
        quota: g.quota,
        electorate: g.electorate,
        criteria: g.criteria.clone(),
        criteria_html: g.criteria.as_deref().map(super::markdown::to_html),
        has_post: candidates.iter().any(|c| c.post.is_some()),
        has_votes: candidates.iter().any(|c| c.votes.is_some()),
        has_score: candidates.iter().any(|c| c.score.is_some()),
        has_note: candidates.iter().any(|c| c.note.is_some()),
        candidates,
        selected: g.count(Outcome::Selected),
        open: g.count(Outcome::Open),
        selected_word,
    }
}

fn selection_view(s: &SelectionData, lang: Language) -> SelectionView {
    let aid = s.award_type == AwardType::Aid;
    // Each label looked up once, not once per candidate.
    let labels = [
        Outcome::Selected,
        Outcome::NotSelected,
        Outcome::Withdrawn,
        Outcome::Open,
    ]
    .map(|o| (o, t(lang, outcome_key(o, aid))));
    let label = |o: Outcome| labels.iter().find(|(x, _)| *x == o).map_or("", |(_, l)| *l);
    SelectionView {
        award: s.award.clone(),
        aid,
        panel: s.panel.clone(),
        groups: s.groups.iter().map(|g| group_view(g, &label)).collect(),
        masked: s.masked,
        tiers: s
            .tiers
            .iter()
            .map(|t| TierView {
                name: t.name.clone(),
                standard: t.standard.display(),
                count: t.count,
                months: t.months,
                amount: t.amount.display(),
                note: t.note.clone(),
            })
            .collect(),
        tier_per: s
            .tier_per
            .clone()
            .unwrap_or_else(|| t(lang, "tiers_per_month").to_string()),
        tier_students: s.tier_students,
        tier_amount: Money::new(s.tier_amount, lang),
    }
}

pub fn data_view(d: &NoticeData, lang: Language) -> DataView {
    DataView {
        ledger: d.ledger.as_ref().map(|l| ledger_view(l, lang)),
        fees: d.fees.as_deref().map(fees_view),
        fee_matrix: d.fee_matrix.as_deref().map(matrix_view),
        accounts: d
            .accounts
            .as_ref()
            .map(|a| a.iter().map(|l| ledger_view(l, lang)).collect()),
        procurement: d.procurement.as_deref().map(procurement_view),
        vote: d.vote.as_ref().map(|v| vote_view(v, lang)),
        consultation: d.consultation.as_ref().map(|c| consultation_view(c, lang)),
        donations: d.donations.as_ref().map(|x| donations_view(x, lang)),
        evaluation: d.evaluation.as_ref().map(|e| evaluation_view(e, lang)),
        selection: d.selection.as_ref().map(|s| selection_view(s, lang)),
        value: OnceLock::new(),
    }
}

/// The words of a bar chart in the site's language, looked up and split once per evaluation.
struct ChartWords {
    /// `{name}：{votes}`: the chart's text alternative.
    label: Pattern,
    /// `{grade}{n}票（{share}）`: one grade in the text alternative.
    vote: Pattern,
    /// Between the grades of the text alternative.
    separator: &'static str,
    /// `{n}（{share}）`: the label after a bar.
    bar: Pattern,
}

impl ChartWords {
    fn new(lang: Language) -> Self {
        ChartWords {
            label: Pattern::new(t(lang, "chart_label"), &["name", "votes"]),
            vote: Pattern::new(t(lang, "chart_vote"), &["grade", "n", "share"]),
            separator: t(lang, "chart_separator"),
            bar: Pattern::new(t(lang, "chart_bar"), &["n", "share"]),
        }
    }
}

/// A text with `{name}` placeholders, split once into its pieces.
struct Pattern(Vec<Piece>);

enum Piece {
    Text(&'static str),
    /// The value of the placeholder with this index among the names.
    Slot(usize),
}

impl Pattern {
    /// `text` split at the placeholders of `names` (other braces are text).
    fn new(text: &'static str, names: &[&str]) -> Self {
        let mut pieces = Vec::new();
        let (mut rest, mut from) = (text, 0);
        while let Some(i) = rest[from..].find('{').map(|i| from + i) {
            let open = &rest[i + 1..];
            let slot = names
                .iter()
                .position(|k| open.starts_with(k) && open[k.len()..].starts_with('}'));
            match slot {
                Some(k) => {
                    pieces.push(Piece::Text(&rest[..i]));
                    pieces.push(Piece::Slot(k));
                    rest = &open[names[k].len() + 1..];
                    from = 0;
                }
                None => from = i + 1,
            }
        }
        pieces.push(Piece::Text(rest));
        Pattern(pieces)
    }

    /// Appends the text to `out` with the placeholders' `values` (in the order of the names).
    fn push(&self, out: &mut String, values: &[&str]) {
        for piece in &self.0 {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Slot(k) => out.push_str(values[*k]),
            }
        }
    }
}

/// Horizontal bars, one per grade, labelled with the count and share so the chart reads in
/// black and white; grey levels and outlines tell the bars apart on paper.
fn bar_chart(name: &str, votes: &[GradeCount], words: &ChartWords) -> String {
    const FILLS: [&str; 6] = [
        "#1f2328", "#57606a", "#8c959f", "#d0d7de", "#eaeef2", "#ffffff",
    ];
    let (label_w, bar_w, row_h) = (84u32, 180u32, 22u32);
    let height = row_h * votes.len() as u32 + 4;
    let width = label_w + bar_w + 110;
    let mut all = String::new();
    for (i, v) in votes.iter().enumerate() {
        if i > 0 {
            all.push_str(words.separator);
        }
        words
            .vote
            .push(&mut all, &[&v.grade, &v.count.to_string(), &v.share]);
    }
    let mut alt = String::new();
    words.label.push(&mut alt, &[name, &all]);
    let alt = esc(&alt);
    let mut s = format!(
        r#"<svg class="vote-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{alt}"><title>{alt}</title>"#
    );
    let text_x = label_w + bar_w + 6;
    for (i, v) in votes.iter().enumerate() {
        let y = 2 + row_h * i as u32;
        let (ty, ry) = (y + 13, y + 2);
        let w = v.per_mille * bar_w / 1000;
        let (grade, fill) = (esc(&v.grade), FILLS[i % FILLS.len()]);
        let _ = write!(
            s,
            r##"<text x="0" y="{ty}" font-size="13">{grade}</text><rect x="{label_w}" y="{ry}" width="{bar_w}" height="14" fill="none" stroke="#d0d7de"/><rect x="{label_w}" y="{ry}" width="{w}" height="14" fill="{fill}" stroke="#1f2328"/><text x="{text_x}" y="{ty}" font-size="13">"##
        );
        // The words are the theme's own (no markup); the figures are digits.
        words.bar.push(&mut s, &[&v.count.to_string(), &v.share]);
        s.push_str("</text>");
    }
    s.push_str("</svg>");
    s
}

/// The parts of a notice's data, in the order they go after a body that places none: the marker
/// that places each in a body, and its name in `notice.data`, by which its partial
/// `partials/table_{marker}.html` reads it.
const PARTS: [(&str, &str); 10] = [
    ("candidates", "selection"),
    ("results", "evaluation"),
    ("fees", "fees"),
    ("fee_matrix", "fee_matrix"),
    ("ledger", "ledger"),
    ("accounts", "accounts"),
    ("donations", "donations"),
    ("procurement", "procurement"),
    ("vote", "vote"),
    ("consultation", "consultation"),
];

/// The HTML of each part present, by marker name, each drawn by its partial with the part and
/// the site-wide values (once per notice, with the templates compiled once for the build).
pub fn tables_html(
    view: &DataView,
    templates: &Templates,
) -> Result<Vec<(&'static str, String)>, Diagnostic> {
    let f = view.fields();
    let present = [
        f.selection.is_some(),
        f.evaluation.is_some(),
        f.fees.is_some(),
        f.fee_matrix.is_some(),
        f.ledger.is_some(),
        f.accounts.is_some(),
        f.donations.is_some(),
        f.procurement.is_some(),
        f.vote.is_some(),
        f.consultation.is_some(),
    ];
    if !present.contains(&true) {
        return Ok(Vec::new());
    }
    let value = view.value.get_or_init(|| Value::from_serializable(&f));
    let mut out = Vec::new();
    for ((marker, name), _) in PARTS.into_iter().zip(present).filter(|(_, p)| *p) {
        let Some(part) = value.get_from_path(name) else {
            continue;
        };
        let mut ctx = Context::new();
        ctx.insert(name, part);
        let html = templates.render(&format!("partials/table_{marker}.html"), &ctx)?;
        let html = String::from_utf8(html)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        out.push((marker, html));
    }
    Ok(out)
}

/// Puts each table where the body has its marker on a line of its own, else after the body.
pub fn place(body_html: &str, tables: &[(&'static str, String)]) -> String {
    let mut html = body_html.to_string();
    let mut after = String::new();
    for (marker, table) in tables {
        let forms = [
            format!("<p>{{{{ {marker} }}}}</p>"),
            format!("<p>{{{{{marker}}}}}</p>"),
        ];
        match forms.iter().find(|f| html.contains(f.as_str())) {
            Some(f) => {
                html = html.replacen(
                    f.as_str(),
                    &format!("<div class=\"data data-{marker}\" tabindex=\"0\">\n{table}</div>"),
                    1,
                )
            }
            None => {
                let _ = write!(
                    after,
                    "<div class=\"data data-{marker}\" tabindex=\"0\">\n{table}</div>\n"
                );
            }
        }
    }
    if !after.is_empty() {
        html.push_str(&after);
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_fill_their_placeholders_and_keep_other_braces() {
        let p = Pattern::new("{name}：{x}{votes}（{votes}）{", &["name", "votes"]);
        let mut out = String::new();
        p.push(&mut out, &["甲", "3"]);
        assert_eq!(out, "甲：{x}3（3）{");
    }

    #[test]
    fn chart_words_are_plain_text() {
        // Bar labels are written unescaped.
        for lang in [Language::ZhCn, Language::En] {
            for key in ["chart_label", "chart_vote", "chart_separator", "chart_bar"] {
                let text = t(lang, key);
                assert!(!text.is_empty() && !text.contains(['<', '>', '&', '"', '\'']));
            }
        }
    }
}
