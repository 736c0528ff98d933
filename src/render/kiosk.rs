//! The lobby screen (电子滚动屏): the notices open for objections, each as a slide of its own
//! followed by its tables for `kiosk.html`. A table is carried whole — caption, columns, every
//! row, its total rows and figures — and `kiosk.js` cuts it into pages that fit the screen it is
//! shown on, repeating the caption, header row and totals on each. Every figure is the notice
//! view's own display string: nothing is computed here.

use serde::Serialize;

use crate::config::Language;
use crate::render::context::Detail;
use crate::render::i18n::t;
use crate::render::tables::{
    ConsultationView, DataView, DonationRowView, DonationsView, EvaluationView, FeeView, GroupView,
    LedgerView, MatrixView, MotionView, ProcurementView, SelectionView, VoteView,
};

/// A column of a screen table: its heading, and whether it holds figures (set right).
#[derive(Debug, Serialize)]
pub struct Column {
    pub label: String,
    pub num: bool,
}

/// A figure shown under a table on every page of it (本期结余, 名额 …).
#[derive(Debug, Serialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
}

/// A table for the screen, whole: `kiosk.js` pages its rows.
#[derive(Debug, Serialize)]
pub struct ScreenTable {
    pub caption: String,
    pub columns: Vec<Column>,
    /// One cell per column.
    pub rows: Vec<Vec<String>>,
    /// Total rows (合计), one cell per column, the first naming the line: on every page.
    pub totals: Vec<Vec<String>>,
    /// Figures under the table: on every page.
    pub figures: Vec<Figure>,
}

/// An open notice on the screen: its own slide (the notice in full), then its tables.
#[derive(Debug, Serialize)]
pub struct NoticeSlides<'a> {
    pub notice: &'a Detail,
    pub tables: Vec<ScreenTable>,
}

/// The open notices with their tables (none for a list taken down), in the order given.
pub fn slides(notices: &[Detail], lang: Language) -> Vec<NoticeSlides<'_>> {
    let words = Words(lang);
    notices
        .iter()
        .map(|n| NoticeSlides {
            notice: n,
            tables: match &n.data {
                Some(d) if !n.summary.taken_down => tables(d, &words),
                _ => Vec::new(),
            },
        })
        .collect()
}

/// The site's words, with their placeholders filled.
struct Words(Language);

impl Words {
    /// The word of `key`.
    fn t(&self, key: &str) -> String {
        t(self.0, key).to_string()
    }

    /// The word of `key` with each `{name}` replaced by its value.
    fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        crate::render::i18n::fill(t(self.0, key), values)
    }

    /// A column of text headed by the word of `key`.
    fn text(&self, key: &str) -> Column {
        Column {
            label: self.t(key),
            num: false,
        }
    }

    /// A column of figures headed by the word of `key`.
    fn num(&self, key: &str) -> Column {
        Column {
            label: self.t(key),
            num: true,
        }
    }

    /// A figure named by the word of `key`.
    fn figure(&self, key: &str, value: impl Into<String>) -> Figure {
        Figure {
            label: self.t(key),
            value: value.into(),
        }
    }

    /// A count of people, `3人`.
    fn people(&self, n: impl ToString) -> String {
        self.fill("selection_electorate_n", &[("n", &n.to_string())])
    }
}

/// A 合计 row: the word, then the cells.
fn total_row(words: &Words, cells: &[&str]) -> Vec<String> {
    std::iter::once(words.t("table_total"))
        .chain(cells.iter().map(|c| c.to_string()))
        .collect()
}

/// Every table of a notice's data, in the order the notice page places parts after a body.
fn tables(d: &DataView, w: &Words) -> Vec<ScreenTable> {
    let mut out = Vec::new();
    if let Some(s) = &d.selection {
        out.extend(selection_tables(s, w));
    }
    out.extend(d.evaluation.as_ref().map(|e| evaluation_table(e, w)));
    out.extend(d.fees.as_deref().map(|f| fees_table(f, w)));
    out.extend(d.fee_matrix.as_ref().map(|m| matrix_table(m, w)));
    out.extend(
        d.ledger
            .as_ref()
            .map(|l| ledger_table(l, w.t("kiosk_ledger"), w)),
    );
    for account in d.accounts.iter().flatten() {
        let caption = account.name.clone().unwrap_or_else(|| w.t("kiosk_ledger"));
        out.push(ledger_table(account, caption, w));
    }
    if let Some(dn) = &d.donations {
        out.extend(donation_tables(dn, w));
    }
    if let Some(p) = &d.procurement {
        out.extend(procurement_tables(p, w));
    }
    out.extend(d.vote.as_ref().map(|v| vote_table(v, w)));
    out.extend(d.consultation.as_ref().map(|c| consultation_table(c, w)));
    out
}

/// Aid by tier (with the students and amount of all tiers), then each list with candidates.
fn selection_tables(s: &SelectionView, w: &Words) -> Vec<ScreenTable> {
    let mut out = Vec::new();
    if !s.tiers.is_empty() {
        out.push(ScreenTable {
            caption: w.t("tiers_caption"),
            columns: vec![
                w.text("tiers_name"),
                Column {
                    label: w.fill("tiers_standard", &[("per", &s.tier_per)]),
                    num: true,
                },
                w.num("tiers_count"),
                w.num("tiers_amount"),
            ],
            rows: s
                .tiers
                .iter()
                .map(|r| {
                    vec![
                        r.name.clone(),
                        r.standard.clone(),
                        r.count.to_string(),
                        r.amount.clone(),
                    ]
                })
                .collect(),
            totals: vec![total_row(
                w,
                &["", &s.tier_students.to_string(), &s.tier_amount.display],
            )],
            figures: Vec::new(),
        });
    }
    for g in s.groups.iter().filter(|g| !g.candidates.is_empty()) {
        out.push(group_table(s, g, w));
    }
    out
}

/// One list of candidates with its places and how many take one.
fn group_table(s: &SelectionView, g: &GroupView, w: &Words) -> ScreenTable {
    let caption = g
        .name
        .clone()
        .or_else(|| s.award.clone())
        .unwrap_or_else(|| w.t("kiosk_list"));
    let mut columns = vec![w.text("table_name"), w.text("kiosk_unit")];
    if g.has_votes {
        columns.push(w.num("candidates_votes"));
    }
    columns.push(w.text("kiosk_result"));
    let rows = g
        .candidates
        .iter()
        .map(|c| {
            let mut row = vec![c.name.clone(), c.unit.clone().unwrap_or_default()];
            if g.has_votes {
                row.push(c.votes.map(|v| v.to_string()).unwrap_or_default());
            }
            row.push(c.result_label.clone());
            row
        })
        .collect();
    ScreenTable {
        caption,
        columns,
        rows,
        totals: Vec::new(),
        figures: group_figures(s, g, w),
    }
}

/// A list's places and tally: 名额, 参加投票人数, the candidates, those taking a place and those
/// still open (only the candidates while nothing is decided).
fn group_figures(s: &SelectionView, g: &GroupView, w: &Words) -> Vec<Figure> {
    let n = g.candidates.len();
    let mut out = Vec::new();
    if let Some(q) = g.quota {
        out.push(w.figure(
            "selection_quota",
            w.fill("selection_quota_n", &[("n", &q.to_string())]),
        ));
    }
    if let Some(e) = g.electorate {
        out.push(w.figure("selection_electorate", w.people(e)));
    }
    out.push(w.figure("kiosk_candidates", w.people(n)));
    if g.open < n {
        let word = g.selected_word.clone().unwrap_or_else(|| {
            w.t(if s.aid {
                "result_aided"
            } else {
                "result_selected"
            })
        });
        out.push(Figure {
            label: word,
            value: w.people(g.selected),
        });
        if g.open > 0 {
            out.push(w.figure("result_open", w.people(g.open)));
        }
    }
    out
}

/// Each person's headline rate, under the ballots it is counted from.
fn evaluation_table(e: &EvaluationView, w: &Words) -> ScreenTable {
    let rate = e
        .rate_name
        .clone()
        .unwrap_or_else(|| w.fill("results_rate", &[("grades", &e.satisfied_grades)]));
    let mut columns = vec![
        w.text("table_name"),
        w.text("table_post"),
        Column {
            label: rate,
            num: true,
        },
    ];
    if e.has_grade {
        columns.push(w.text("results_grade"));
    }
    let rows = e
        .results
        .iter()
        .map(|p| {
            let mut row = vec![
                p.name.clone(),
                p.post.clone().unwrap_or_default(),
                p.satisfied_rate.clone(),
            ];
            if e.has_grade {
                row.push(p.grade.clone().unwrap_or_default());
            }
            row
        })
        .collect();
    let sheets = |n: u32| w.fill("kiosk_sheets", &[("n", &n.to_string())]);
    ScreenTable {
        caption: w.t("kiosk_results"),
        columns,
        rows,
        totals: Vec::new(),
        figures: vec![
            w.figure("kiosk_ballots_issued", sheets(e.issued)),
            w.figure("kiosk_ballots_returned", sheets(e.returned)),
            w.figure("kiosk_ballots_valid", sheets(e.valid)),
        ],
    }
}

/// The fee schedule: item, standard, unit (no sums: each fee stands alone).
fn fees_table(f: &[FeeView], w: &Words) -> ScreenTable {
    ScreenTable {
        caption: w.t("fees_caption"),
        columns: vec![
            w.text("table_item"),
            w.text("kiosk_fee_standard"),
            w.text("kiosk_fee_unit"),
        ],
        rows: f
            .iter()
            .map(|r| vec![r.item.clone(), r.standard.clone(), r.unit.clone()])
            .collect(),
        totals: Vec::new(),
        figures: Vec::new(),
    }
}

/// A fee table by grades and items, with each row's 合计 and the column totals when asked for.
fn matrix_table(m: &MatrixView, w: &Words) -> ScreenTable {
    let corner = Column {
        label: m.corner.clone().unwrap_or_else(|| w.t("matrix_corner")),
        num: false,
    };
    let columns = std::iter::once(corner)
        .chain(m.columns.iter().map(|c| Column {
            label: c.clone(),
            num: true,
        }))
        .chain(std::iter::once(w.num("table_total")))
        .collect();
    ScreenTable {
        caption: m.caption.clone().unwrap_or_else(|| w.t("matrix_caption")),
        columns,
        rows: m
            .rows
            .iter()
            .map(|r| {
                std::iter::once(r.name.clone())
                    .chain(r.values.iter().cloned())
                    .chain(std::iter::once(r.total.clone()))
                    .collect()
            })
            .collect(),
        totals: m
            .column_totals
            .iter()
            .map(|c| total_row(w, &c.iter().map(String::as_str).collect::<Vec<_>>()))
            .collect(),
        figures: Vec::new(),
    }
}

/// A ledger or one account: its rows by side, the totals of both sides, and its balances.
fn ledger_table(l: &LedgerView, caption: String, w: &Words) -> ScreenTable {
    let rows = l
        .rows
        .iter()
        .map(|r| {
            let (income, expense) = if r.flow == "income" {
                (r.amount.clone(), String::new())
            } else {
                (String::new(), r.amount.clone())
            };
            vec![r.item.clone(), income, expense]
        })
        .collect();
    let mut figures = Vec::new();
    if let Some(o) = &l.opening {
        figures.push(w.figure("ledger_opening", o.display.clone()));
    }
    figures.push(w.figure("ledger_balance", l.balance.display.clone()));
    if let Some(c) = &l.closing {
        figures.push(w.figure("ledger_closing", c.display.clone()));
    }
    if let Some(r) = &l.surplus_ratio {
        let max = l
            .max_surplus_ratio
            .as_ref()
            .map_or_else(String::new, |m| w.fill("ledger_surplus_max", &[("max", m)]));
        figures.push(w.figure("ledger_surplus_ratio", format!("{r}{max}")));
    }
    ScreenTable {
        caption,
        columns: vec![
            w.text("table_item"),
            w.num("table_income"),
            w.num("table_expense"),
        ],
        rows,
        totals: vec![total_row(w, &[&l.income.display, &l.expense.display])],
        figures,
    }
}

/// Donations received, their use (with what is left), and gifts in kind: each that the notice
/// gives.
fn donation_tables(d: &DonationsView, w: &Words) -> Vec<ScreenTable> {
    let mut out = Vec::new();
    if !d.received.is_empty() || (d.disbursed.is_none() && d.in_kind.is_empty()) {
        let figures = d
            .count
            .iter()
            .map(|c| w.figure("kiosk_donation_count", c.clone()))
            .collect();
        out.push(donation_table(
            w.t("kiosk_donations_received"),
            w.text("donations_donor"),
            &d.received,
            &d.total_received.display,
            figures,
            w,
        ));
    }
    if let (Some(rows), Some(total)) = (&d.disbursed, &d.total_disbursed) {
        let mut figures = vec![w.figure("kiosk_received_total", d.total_received.display.clone())];
        if let Some(r) = &d.remainder {
            figures.push(w.figure("kiosk_remainder", r.display.clone()));
        }
        out.push(donation_table(
            w.t("kiosk_donations"),
            w.text("donations_use"),
            rows,
            &total.display,
            figures,
            w,
        ));
    }
    if !d.in_kind.is_empty() {
        out.push(gifts_table(d, w));
    }
    out
}

/// One side of the donations: who gave (or what for) and how much, with its total.
fn donation_table(
    caption: String,
    party: Column,
    rows: &[DonationRowView],
    total: &str,
    figures: Vec<Figure>,
    w: &Words,
) -> ScreenTable {
    ScreenTable {
        caption,
        columns: vec![party, w.num("table_amount")],
        rows: rows
            .iter()
            .map(|r| vec![r.party.clone(), r.amount.clone()])
            .collect(),
        totals: vec![total_row(w, &[total])],
        figures,
    }
}

/// Gifts in kind: donor, item, quantity, and their value when every gift is valued.
fn gifts_table(d: &DonationsView, w: &Words) -> ScreenTable {
    let valued = d.in_kind_value.is_some();
    let mut columns = vec![
        w.text("donations_donor"),
        w.text("donations_item"),
        w.num("donations_quantity"),
    ];
    if valued {
        columns.push(w.num("donations_value"));
    }
    let rows = d
        .in_kind
        .iter()
        .map(|g| {
            let mut row = vec![
                g.party.clone(),
                g.item.clone(),
                format!("{} {}", g.quantity, g.unit),
            ];
            if valued {
                row.push(g.value.clone().unwrap_or_default());
            }
            row
        })
        .collect();
    ScreenTable {
        caption: w.t("donations_in_kind"),
        columns,
        rows,
        totals: d
            .in_kind_value
            .iter()
            .map(|v| total_row(w, &["", "", &v.display]))
            .collect(),
        figures: Vec::new(),
    }
}

/// A procurement: what was bought (with its total) and the votes that chose the supplier, the
/// project and supplier under the first; a result without either is one row of those facts.
fn procurement_tables(p: &ProcurementView, w: &Words) -> Vec<ScreenTable> {
    let mut facts = vec![w.figure("procurement_project", p.project.clone())];
    if let Some(s) = &p.supplier {
        facts.push(w.figure("procurement_supplier", s.clone()));
    }
    if let Some(a) = &p.amount {
        facts.push(w.figure("procurement_total", a.clone()));
    }
    let mut out = Vec::new();
    if !p.items.is_empty() {
        out.push(procurement_items(p, std::mem::take(&mut facts), w));
    }
    if !p.votes.is_empty() {
        out.push(procurement_votes(p, std::mem::take(&mut facts), w));
    }
    if out.is_empty() {
        out.push(ScreenTable {
            caption: w.t("kiosk_procurement"),
            columns: facts
                .iter()
                .map(|f| Column {
                    label: f.label.clone(),
                    num: false,
                })
                .collect(),
            rows: vec![facts.into_iter().map(|f| f.value).collect()],
            totals: Vec::new(),
            figures: Vec::new(),
        });
    }
    out
}

/// What a procurement bought: quantity, unit price and amount of each item, with their total.
fn procurement_items(p: &ProcurementView, figures: Vec<Figure>, w: &Words) -> ScreenTable {
    let rows = p
        .items
        .iter()
        .map(|i| {
            let quantity = match (i.quantity, &i.unit) {
                (Some(q), Some(u)) => format!("{q} {u}"),
                (Some(q), None) => q.to_string(),
                (None, _) => String::new(),
            };
            let amount = i.amount.clone().unwrap_or_default();
            vec![i.item.clone(), quantity, i.price.clone(), amount]
        })
        .collect();
    ScreenTable {
        caption: w.t("procurement_items_caption"),
        columns: vec![
            w.text("table_item"),
            w.num("procurement_quantity"),
            w.num("procurement_price"),
            w.num("procurement_amount"),
        ],
        rows,
        totals: p.total.iter().map(|t| total_row(w, &["", "", t])).collect(),
        figures,
    }
}

/// The votes that chose a supplier, with the body that voted and how many could.
fn procurement_votes(p: &ProcurementView, mut figures: Vec<Figure>, w: &Words) -> ScreenTable {
    if let Some(b) = &p.body {
        figures.push(w.figure("procurement_body", b.name.clone()));
    }
    if let Some(v) = p.voters {
        figures.push(w.figure("kiosk_voters", w.people(v)));
    }
    ScreenTable {
        caption: w.t("procurement_votes_caption"),
        columns: vec![
            w.text("procurement_option"),
            w.num("count_votes"),
            w.num("count_share"),
        ],
        rows: p
            .votes
            .iter()
            .map(|v| vec![v.label.clone(), v.count.to_string(), v.share.clone()])
            .collect(),
        totals: Vec::new(),
        figures,
    }
}

/// A vote of the staff congress: one motion by choice (同意, 反对, 弃权), several as a row each
/// with their counts; who was there and the rule under it.
fn vote_table(v: &VoteView, w: &Words) -> ScreenTable {
    let mut figures = Vec::new();
    if let Some(r) = v.roll {
        figures.push(w.figure("kiosk_roll", w.people(r)));
    }
    figures.push(w.figure("kiosk_present", w.people(v.present)));
    figures.push(w.figure("vote_rule", v.rule.clone()));
    match v.motions.as_slice() {
        [m] => motion_table(m, figures, w),
        motions => motions_table(motions, figures, w),
    }
}

/// One motion's votes by choice with their shares, its name and result among the figures.
fn motion_table(m: &MotionView, mut figures: Vec<Figure>, w: &Words) -> ScreenTable {
    figures.insert(0, w.figure("vote_motion", m.motion.clone()));
    if !m.result.is_empty() {
        figures.push(w.figure("vote_result", m.result.clone()));
    }
    ScreenTable {
        caption: w.t("vote_caption"),
        columns: vec![
            w.text("vote_choice"),
            w.num("count_votes"),
            w.num("count_share"),
        ],
        rows: m
            .counts
            .iter()
            .map(|c| vec![c.label.clone(), c.count.to_string(), c.share.clone()])
            .collect(),
        totals: Vec::new(),
        figures,
    }
}

/// Several motions, a row each: for, against, abstaining and the result.
fn motions_table(motions: &[MotionView], figures: Vec<Figure>, w: &Words) -> ScreenTable {
    ScreenTable {
        caption: w.t("vote_caption"),
        columns: vec![
            w.text("vote_motion"),
            w.num("vote_for"),
            w.num("vote_against"),
            w.num("vote_abstain"),
            w.text("vote_result"),
        ],
        rows: motions
            .iter()
            .map(|m| {
                std::iter::once(m.motion.clone())
                    .chain(m.counts.iter().map(|c| c.count.to_string()))
                    .chain(std::iter::once(m.result.clone()))
                    .collect()
            })
            .collect(),
        totals: Vec::new(),
        figures,
    }
}

/// A consultation's answers with their shares, under its subject, returns and result.
fn consultation_table(c: &ConsultationView, w: &Words) -> ScreenTable {
    let copies = |n: u32| w.fill("kiosk_copies", &[("n", &n.to_string())]);
    let mut figures = vec![w.figure("consult_subject", c.subject.clone())];
    if let Some(i) = c.issued {
        figures.push(w.figure("kiosk_issued", copies(i)));
    }
    figures.push(w.figure("kiosk_ballots_returned", copies(c.returned)));
    if let Some(r) = &c.return_rate {
        figures.push(w.figure("kiosk_return_rate", r.clone()));
    }
    if let Some(t) = &c.threshold {
        figures.push(w.figure("consult_threshold", t.clone()));
    }
    if let Some(r) = &c.result {
        figures.push(w.figure("consult_result", r.clone()));
    }
    ScreenTable {
        caption: w.t("consult_caption"),
        columns: vec![
            w.text("consult_answer"),
            w.num("consult_count"),
            w.num("count_share"),
        ],
        rows: c
            .counts
            .iter()
            .map(|x| vec![x.label.clone(), x.count.to_string(), x.share.clone()])
            .collect(),
        totals: Vec::new(),
        figures,
    }
}
