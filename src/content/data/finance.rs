//! Finance disclosures (财务公开): income and expenditure ledgers with their totals, balance and
//! optional declared figures (checked to the fen), fee schedules (收费公示, each fee with its legal
//! basis) and donations received and disbursed (捐款去向).

use crate::diagnostics::Words;
use serde::Deserialize;

use super::{Origin, Row, csv_rows, rows_of};
use crate::content::check::Checker;
use crate::content::money::Amount;
use crate::content::notice::FrontMatter;
use crate::content::scalar::Text;
use crate::diagnostics::Problem;
use crate::yaml::Seg;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLedgerRow {
    pub item: Option<Text>,
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    pub amount: Option<Text>,
    pub category: Option<Text>,
    pub note: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeclared {
    pub income: Option<Text>,
    pub expense: Option<Text>,
    pub balance: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFeeRow {
    /// 收费性质: 服务性收费, 代收费, 行政事业性收费…
    pub nature: Option<Text>,
    pub item: Option<Text>,
    pub standard: Option<Text>,
    pub unit: Option<Text>,
    pub basis: Option<Text>,
    pub scope: Option<Text>,
    pub note: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDonations {
    #[serde(default)]
    pub received: Vec<RawDonation>,
    /// Absent in a receipts-only notice.
    pub disbursed: Option<Vec<RawDonation>>,
    /// 笔数: how many gifts the rows stand for (rows are often sums by unit).
    pub count: Option<u64>,
    /// Gifts in kind (捐赠物资).
    #[serde(default)]
    pub in_kind: Vec<RawGift>,
    /// The totals the notice states.
    pub declared: Option<RawDonationTotals>,
}

/// A gift in kind as written: from whom, what, how many of which unit, its value if valued.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGift {
    pub from: Option<Text>,
    pub item: Option<Text>,
    pub quantity: Option<Text>,
    pub unit: Option<Text>,
    pub value: Option<Text>,
    pub date: Option<Text>,
    pub note: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDonationTotals {
    pub received: Option<Text>,
    pub disbursed: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDonation {
    /// Donor (received rows).
    pub from: Option<Text>,
    /// Purpose or recipient category (disbursed rows).
    pub to: Option<Text>,
    pub amount: Option<Text>,
    pub date: Option<Text>,
    pub note: Option<Text>,
}

/// Income or expense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flow {
    Income,
    Expense,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LedgerRow {
    pub item: String,
    pub flow: Flow,
    pub amount: Amount,
    pub category: Option<String>,
    pub note: Option<String>,
}

/// An income and expenditure statement (收支明细) with its computed figures.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ledger {
    pub rows: Vec<LedgerRow>,
    pub income: Amount,
    pub expense: Amount,
    /// 本期结余 = income − expense.
    pub balance: Amount,
    /// 期初结余
    pub opening: Option<Amount>,
    /// 期末结余 = opening + balance.
    pub closing: Option<Amount>,
    /// The CSV file the rows came from.
    pub source: Option<String>,
    /// The totals the notice states (`declared:`), checked against the computed ones by
    /// `check::tables`.
    pub declared: Declared,
}

/// Totals a notice states beside its ledger.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Declared {
    pub income: Option<Amount>,
    pub expense: Option<Amount>,
    pub balance: Option<Amount>,
}

/// A fee (收费项目) with its legal basis.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FeeRow {
    /// 收费性质, as written.
    pub nature: Option<String>,
    pub item: String,
    pub standard: Standard,
    pub unit: String,
    pub basis: String,
    pub scope: Option<String>,
    pub note: Option<String>,
}

/// A fee's standard: one price, priced parts (早餐3元 中餐8.3元, 小学生80元；初中生100元), or a
/// rule with no figure (据实收取).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Standard {
    Amount(Amount),
    Parts(Vec<(String, Amount)>),
    Rule(String),
}

impl Standard {
    /// The standard as written, or `None` when a figure in it cannot be read exactly.
    pub fn parse(text: &str) -> Option<Standard> {
        let text = text.trim();
        if let Ok(a) = Amount::parse(text.strip_suffix('元').unwrap_or(text).trim()) {
            return Some(Standard::Amount(a));
        }
        if !text
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        {
            // A rule is words (据实收取, 免费), never a stray word such as `abc`.
            let words = text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            return words.then(|| Standard::Rule(text.to_string()));
        }
        // Parts: a label, a price and 元, separated by spaces, ；, ; or ，.
        let mut parts = Vec::new();
        for piece in text
            .split(|c: char| c.is_whitespace() || matches!(c, '；' | ';' | '，' | ',' | '、'))
            .filter(|p| !p.is_empty())
        {
            let piece = piece.strip_suffix('元').unwrap_or(piece);
            let at = piece.find(|c: char| c.is_ascii_digit())?;
            let (label, price) = piece.split_at(at);
            let amount = Amount::parse(price).ok().filter(|a| !a.is_negative())?;
            if label.trim().is_empty() {
                return None;
            }
            parts.push((label.trim().to_string(), amount));
        }
        (!parts.is_empty()).then_some(Standard::Parts(parts))
    }

    /// For pages: `300.00`, `早餐 3.00；中餐 8.30`, or the rule.
    pub fn display(&self) -> String {
        match self {
            Standard::Amount(a) => a.display(),
            Standard::Parts(p) => p
                .iter()
                .map(|(l, a)| format!("{l} {}", a.display()))
                .collect::<Vec<_>>()
                .join("；"),
            Standard::Rule(r) => r.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DonationRow {
    /// Donor or purpose.
    pub party: String,
    pub amount: Amount,
    pub date: Option<String>,
    pub note: Option<String>,
}

/// Donations received and where they went (捐款去向).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Donations {
    pub received: Vec<DonationRow>,
    /// `None`: a receipts-only notice, which says nothing of their use.
    pub disbursed: Option<Vec<DonationRow>>,
    pub total_received: Amount,
    pub total_disbursed: Option<Amount>,
    /// Received less disbursed, when the use is given.
    pub remainder: Option<Amount>,
    /// 笔数, as stated.
    pub count: Option<u64>,
    /// The totals the notice states, checked against the rows by `check::tables`.
    pub declared: DonationTotals,
    /// Gifts in kind (捐赠物资).
    pub in_kind: Vec<Gift>,
    /// The value of the gifts in kind, when every one is valued.
    pub in_kind_value: Option<Amount>,
}

/// A gift in kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Gift {
    pub party: String,
    pub item: String,
    /// As written: a whole or decimal number (1200, 2.5).
    pub quantity: String,
    pub unit: String,
    pub value: Option<Amount>,
    pub date: Option<String>,
    pub note: Option<String>,
}

/// The gifts in kind of `donations.in_kind`, with the total of their values when all are valued.
fn gifts(check: &mut Checker, raw: &[RawGift]) -> Option<(Vec<Gift>, Option<Amount>)> {
    let rows = yaml_rows("in_kind", Some("donations"), raw, |g: &RawGift| {
        vec![
            ("from", text(&g.from)),
            ("item", text(&g.item)),
            ("quantity", text(&g.quantity)),
            ("unit", text(&g.unit)),
            ("value", text(&g.value)),
            ("date", text(&g.date)),
            ("note", text(&g.note)),
        ]
    });
    let gifts = all_rows(check, &rows, |check, row| {
        let party = required(check, row, "from");
        let item = required(check, row, "item");
        let unit = required(check, row, "unit");
        let quantity = required(check, row, "quantity").filter(|q| {
            let ok = super::is_decimal(q);
            if !ok {
                let span = row.span(check, "quantity");
                check.diags.error(
                    span,
                    Problem::InvalidValue {
                        field: "quantity".into(),
                        message: Words::new(
                            format!("`{q}` is not a quantity such as 120 or 2.5"),
                            format!("`{q}` 不是 120 或 2.5 这样的数量"),
                        ),
                    },
                );
            }
            ok
        });
        let value = match row.get("value") {
            Some(_) => Some(amount_of(check, row, "value")?),
            None => None,
        };
        Some(Gift {
            party: party?,
            item: item?,
            quantity: quantity?,
            unit: unit?,
            value,
            date: optional(row, "date"),
            note: optional(row, "note"),
        })
    })?;
    let values: Option<Vec<Amount>> = gifts.iter().map(|g| g.value).collect();
    let total = match values {
        Some(v) if !v.is_empty() => Some(donation_total(
            check,
            "in_kind",
            &v,
            "the value of the gifts in kind",
        )?),
        _ => None,
    };
    Some((gifts, total))
}

/// Totals a donation notice states.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct DonationTotals {
    pub received: Option<Amount>,
    pub disbursed: Option<Amount>,
}

fn text(t: &Option<Text>) -> String {
    t.as_ref()
        .map(|t| t.as_str().trim().to_string())
        .unwrap_or_default()
}

/// A required non-empty value of a row.
fn required(check: &mut Checker, row: &Row, field: &'static str) -> Option<String> {
    match row.get(field) {
        Some(v) => Some(v.trim().to_string()),
        None => {
            let span = row.span(check, field);
            check.diags.error(
                span,
                Problem::Empty {
                    field: field.into(),
                },
            );
            None
        }
    }
}

fn amount_of(check: &mut Checker, row: &Row, field: &'static str) -> Option<Amount> {
    let v = required(check, row, field)?;
    match Amount::parse(&v) {
        Ok(a) if a.is_negative() => {
            let span = row.span(check, field);
            check.diags.error(
                span,
                Problem::InvalidValue {
                    field: field.into(),
                    message: Words::new(
                        format!("`{v}` is negative; record refunds as their own rows"),
                        format!("`{v}` 是负数；退款请单独记一行"),
                    ),
                },
            );
            None
        }
        Ok(a) => Some(a),
        Err(error) => {
            let span = row.span(check, field);
            check.diags.error(
                span,
                Problem::Amount {
                    field: field.into(),
                    error: error.words(),
                },
            );
            None
        }
    }
}

fn optional(row: &Row, field: &str) -> Option<String> {
    row.get(field).map(|v| v.trim().to_string())
}

const LEDGER_COLUMNS: &[(&str, &[&str])] = &[
    ("item", &["项目", "名称", "摘要", "收支项目", "item"]),
    ("type", &["类型", "收支", "收支类型", "type"]),
    ("amount", &["金额", "amount"]),
    (
        "category",
        &["类别", "科目", "分类", "经济分类", "category"],
    ),
    ("note", &["备注", "说明", "note"]),
];

const FEE_COLUMNS: &[(&str, &[&str])] = &[
    ("nature", &["性质", "收费性质", "收费类别", "nature"]),
    ("item", &["项目", "收费项目", "item"]),
    ("standard", &["标准", "收费标准", "standard"]),
    ("unit", &["单位", "计费单位", "unit"]),
    ("basis", &["依据", "收费依据", "basis"]),
    ("scope", &["范围", "收费范围", "对象", "收费对象", "scope"]),
    ("note", &["备注", "说明", "note"]),
];

fn ledger_row(check: &mut Checker, row: &Row) -> Option<LedgerRow> {
    let item = required(check, row, "item");
    let flow = required(check, row, "type").and_then(|t| match t.as_str() {
        "income" | "收入" => Some(Flow::Income),
        "expense" | "支出" => Some(Flow::Expense),
        other => {
            let span = row.span(check, "type");
            check.diags.error(
                span,
                Problem::InvalidValue {
                    field: "type".into(),
                    message: Words::new(
                        format!("`{other}` is neither `income` (收入) nor `expense` (支出)"),
                        format!("`{other}` 既不是 `income`（收入）也不是 `expense`（支出）"),
                    ),
                },
            );
            None
        }
    });
    let amount = amount_of(check, row, "amount");
    Some(LedgerRow {
        item: item?,
        flow: flow?,
        amount: amount?,
        category: optional(row, "category"),
        note: optional(row, "note"),
    })
}

/// The exact total of `amounts` (item `i` read from `raw[i]`), or an error at the row whose
/// amount makes the running total overflow.
fn checked_total(
    check: &mut Checker,
    raw: &[&Row],
    amounts: &[Amount],
    what: &str,
) -> Option<Amount> {
    match Amount::checked_sum(amounts) {
        Ok(total) => Some(total),
        Err(i) => {
            let span = raw[i].span(check, "amount");
            check.diags.error(
                span,
                Problem::Overflow {
                    what: what.to_string(),
                },
            );
            None
        }
    }
}

/// Income and expense of a ledger's rows, exactly (`raw` are the rows as read).
fn ledger_totals(
    check: &mut Checker,
    raw: &[Row],
    rows: Option<Vec<LedgerRow>>,
) -> Option<(Vec<LedgerRow>, Amount, Amount)> {
    let rows = rows?;
    let mut total = |flow: Flow, what: &str| {
        let (raw, amounts): (Vec<&Row>, Vec<Amount>) = raw
            .iter()
            .zip(&rows)
            .filter(|(_, r)| r.flow == flow)
            .map(|(raw, r)| (raw, r.amount))
            .unzip();
        checked_total(check, &raw, &amounts, what)
    };
    let income = total(Flow::Income, "the income (收入合计)");
    let expense = total(Flow::Expense, "the expense (支出合计)");
    Some((rows, income?, expense?))
}

/// Checks rows one by one, reporting every bad row; `None` if any was bad.
fn all_rows<T>(
    check: &mut Checker,
    rows: &[Row],
    f: impl Fn(&mut Checker, &Row) -> Option<T>,
) -> Option<Vec<T>> {
    let out: Vec<Option<T>> = rows.iter().map(|r| f(check, r)).collect();
    out.into_iter().collect()
}

fn yaml_rows<'t, R>(
    list: &'static str,
    parent: Option<&'static str>,
    raw: &[R],
    values: impl Fn(&R) -> Vec<(&'static str, String)>,
) -> Vec<Row<'t>> {
    raw.iter()
        .enumerate()
        .map(|(index, r)| Row {
            values: values(r),
            origin: Origin::Yaml {
                parent,
                list,
                index,
            },
        })
        .collect()
}

pub fn ledger(fm: &FrontMatter, check: &mut Checker) -> Option<Ledger> {
    let opening = fm
        .opening_balance
        .as_ref()
        .and_then(|t| check.amount(t, &[Seg::Key("opening_balance")], "opening_balance", true));
    let (rows, source) = match (&fm.ledger, &fm.ledger_csv) {
        (Some(_), Some(_)) => {
            check.error(
                &[Seg::Key("ledger_csv")],
                Problem::BothGiven {
                    a: "ledger",
                    b: "ledger_csv",
                },
            );
            return None;
        }
        (None, None) => {
            for f in ["declared", "opening_balance"] {
                let present = if f == "declared" {
                    fm.declared.is_some()
                } else {
                    fm.opening_balance.is_some()
                };
                if present {
                    check.invalid(
                        &[Seg::Key(f)],
                        f,
                        Words::new(
                            "there is no `ledger` or `ledger_csv` to check it against",
                            "没有 `ledger` 或 `ledger_csv` 可供核对",
                        ),
                    );
                }
            }
            return None;
        }
        (Some(raw), None) => {
            let rows = yaml_rows("ledger", None, raw, |r: &RawLedgerRow| {
                vec![
                    ("item", text(&r.item)),
                    ("type", text(&r.kind)),
                    ("amount", text(&r.amount)),
                    ("category", text(&r.category)),
                    ("note", text(&r.note)),
                ]
            });
            let parsed = all_rows(check, &rows, ledger_row);
            (ledger_totals(check, &rows, parsed), None)
        }
        (None, Some(name)) => {
            let (table, cols) = csv_rows(
                check,
                "ledger_csv",
                name,
                LEDGER_COLUMNS,
                &["item", "type", "amount"],
            )?;
            let rows = rows_of(&table, &cols);
            let parsed = all_rows(check, &rows, ledger_row);
            (
                ledger_totals(check, &rows, parsed),
                Some(table.file.clone()),
            )
        }
    };
    let (rows, income, expense) = rows?;
    // Both totals are sums of amounts that are not negative: their difference cannot overflow.
    let balance = income.checked_sub(expense)?;
    let closing = match opening.map(|o| o.checked_add(balance)) {
        None => None,
        Some(Some(c)) => Some(c),
        Some(None) => {
            check.error(
                &[Seg::Key("opening_balance")],
                Problem::Overflow {
                    what: "the closing balance (期末结余)".into(),
                },
            );
            return None;
        }
    };
    // Read here; compared with the computed figures by `check::tables`.
    let mut declared = Declared::default();
    if let Some(d) = &fm.declared {
        for (figure, given, slot) in [
            ("income", &d.income, &mut declared.income),
            ("expense", &d.expense, &mut declared.expense),
            ("balance", &d.balance, &mut declared.balance),
        ] {
            let Some(t) = given else { continue };
            *slot = check.amount(t, &[Seg::Key("declared"), Seg::Key(figure)], figure, true);
        }
    }
    Some(Ledger {
        rows,
        income,
        expense,
        balance,
        opening,
        closing,
        source,
        declared,
    })
}

fn fee_row(check: &mut Checker, row: &Row) -> Option<FeeRow> {
    let item = required(check, row, "item");
    let standard = required(check, row, "standard").and_then(|s| {
        let parsed = Standard::parse(&s);
        if parsed.is_none() {
            let span = row.span(check, "standard");
            check.diags.error(
                span,
                Problem::Amount {
                    field: "standard".into(),
                    error: Words::new(
                        format!(
                            "`{s}` is neither a price, priced parts (早餐3元 中餐8.3元) nor a rule without figures (据实收取)"
                        ),
                        format!(
                            "`{s}` 既不是价格，也不是分项价格（早餐3元 中餐8.3元），也不是不含数字的收费办法（据实收取）"
                        ),
                    ),
                },
            );
        }
        parsed
    });
    let unit = required(check, row, "unit");
    let basis = match row.get("basis") {
        Some(b) => Some(b.trim().to_string()),
        None => {
            let span = row.span(check, "item");
            let name = item.clone().unwrap_or_default();
            check.diags.error(span, Problem::MissingBasis(name));
            None
        }
    };
    Some(FeeRow {
        nature: optional(row, "nature"),
        item: item?,
        standard: standard?,
        unit: unit?,
        basis: basis?,
        scope: optional(row, "scope"),
        note: optional(row, "note"),
    })
}

pub fn fees(fm: &FrontMatter, check: &mut Checker) -> Option<Vec<FeeRow>> {
    match (&fm.fees, &fm.fees_csv) {
        (Some(_), Some(_)) => {
            check.error(
                &[Seg::Key("fees_csv")],
                Problem::BothGiven {
                    a: "fees",
                    b: "fees_csv",
                },
            );
            None
        }
        (None, None) => None,
        (Some(raw), None) => {
            let rows = yaml_rows("fees", None, raw, |r: &RawFeeRow| {
                vec![
                    ("item", text(&r.item)),
                    ("nature", text(&r.nature)),
                    ("standard", text(&r.standard)),
                    ("unit", text(&r.unit)),
                    ("basis", text(&r.basis)),
                    ("scope", text(&r.scope)),
                    ("note", text(&r.note)),
                ]
            });
            all_rows(check, &rows, fee_row)
        }
        (None, Some(name)) => {
            let (table, cols) = csv_rows(
                check,
                "fees_csv",
                name,
                FEE_COLUMNS,
                &["item", "standard", "unit"],
            )?;
            let rows = rows_of(&table, &cols);
            all_rows(check, &rows, fee_row)
        }
    }
}

fn donation_rows(
    check: &mut Checker,
    list: &'static str,
    party: &'static str,
    raw: &[RawDonation],
) -> Option<Vec<DonationRow>> {
    let rows = yaml_rows(list, Some("donations"), raw, |r: &RawDonation| {
        vec![
            (party, text(if party == "from" { &r.from } else { &r.to })),
            ("amount", text(&r.amount)),
            ("date", text(&r.date)),
            ("note", text(&r.note)),
        ]
    });
    all_rows(check, &rows, |check, row| {
        let name = required(check, row, party);
        let amount = amount_of(check, row, "amount");
        Some(DonationRow {
            party: name?,
            amount: amount?,
            date: optional(row, "date"),
            note: optional(row, "note"),
        })
    })
}

fn amounts_of(rows: &[DonationRow]) -> Vec<Amount> {
    rows.iter().map(|r| r.amount).collect()
}

/// The exact total of one list of `donations` (amounts in the order of the list), or an error
/// at the row that overflows it.
fn donation_total(
    check: &mut Checker,
    list: &'static str,
    amounts: &[Amount],
    what: &str,
) -> Option<Amount> {
    let raw: Vec<Row> = (0..amounts.len())
        .map(|index| Row {
            values: Vec::new(),
            origin: Origin::Yaml {
                parent: Some("donations"),
                list,
                index,
            },
        })
        .collect();
    checked_total(check, &raw.iter().collect::<Vec<_>>(), amounts, what)
}

pub fn donations(fm: &FrontMatter, check: &mut Checker) -> Option<Donations> {
    let raw = fm.donations.as_ref()?;
    let received = donation_rows(check, "received", "from", &raw.received);
    let disbursed = raw
        .disbursed
        .as_ref()
        .map(|rows| donation_rows(check, "disbursed", "to", rows));
    // Stated totals, read here and compared by `check::tables`.
    let mut declared = DonationTotals::default();
    if let Some(d) = &raw.declared {
        for (figure, given, slot) in [
            ("received", &d.received, &mut declared.received),
            ("disbursed", &d.disbursed, &mut declared.disbursed),
        ] {
            let path = [
                Seg::Key("donations"),
                Seg::Key("declared"),
                Seg::Key(figure),
            ];
            *slot = given
                .as_ref()
                .and_then(|t| check.amount(t, &path, figure, true));
        }
    }
    let in_kind = gifts(check, &raw.in_kind);
    let received = received?;
    let (in_kind, in_kind_value) = in_kind?;
    let disbursed = match disbursed {
        Some(rows) => Some(rows?),
        None => None,
    };
    let total_received = donation_total(
        check,
        "received",
        &amounts_of(&received),
        "the donations received",
    )?;
    let total_disbursed = match &disbursed {
        Some(rows) => Some(donation_total(
            check,
            "disbursed",
            &amounts_of(rows),
            "the donations disbursed",
        )?),
        None => None,
    };
    Some(Donations {
        received,
        disbursed,
        total_received,
        total_disbursed,
        // Two sums of amounts that are not negative: the difference cannot overflow. Negative
        // when more was spent than received, which `check::tables` reports.
        remainder: match total_disbursed {
            Some(t) => Some(total_received.checked_sub(t)?),
            None => None,
        },
        count: raw.count,
        declared,
        in_kind,
        in_kind_value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standards_as_schedules_write_them() {
        let a = |t: &str| Amount::parse(t).unwrap();
        assert_eq!(Standard::parse("300"), Some(Standard::Amount(a("300"))));
        assert_eq!(Standard::parse("8.3元"), Some(Standard::Amount(a("8.30"))));
        assert_eq!(
            Standard::parse("早餐3元 中餐8.3元"),
            Some(Standard::Parts(vec![
                ("早餐".into(), a("3")),
                ("中餐".into(), a("8.30"))
            ]))
        );
        assert_eq!(
            Standard::parse("小学生80元；初中生100元").map(|s| s.display()),
            Some("小学生 80.00；初中生 100.00".into())
        );
        assert_eq!(
            Standard::parse("据实收取"),
            Some(Standard::Rule("据实收取".into()))
        );
        for bad in ["abc", "", "中餐8.3.5元", "3元 5元", "早餐三元 中餐8元"] {
            assert_eq!(Standard::parse(bad), None, "{bad}");
        }
    }
}
