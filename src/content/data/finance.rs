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
    /// A path of categories (伙食费支出/主食), any depth.
    pub category: Option<Text>,
    /// 本年累计 beside this period's amount.
    pub cumulative: Option<Text>,
    /// Display columns carried through as written (库存: 200公斤).
    pub extra: Option<Ordered>,
    pub note: Option<Text>,
}

/// A YAML mapping kept in the order written.
#[derive(Debug, Default)]
pub struct Ordered(pub Vec<(String, Text)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping such as {库存: 200公斤}")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Text>()? {
                    out.push((k, v));
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(Visitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeclared {
    pub income: Option<Text>,
    pub expense: Option<Text>,
    pub balance: Option<Text>,
    /// 期末结余 (年末结转和结余): opening balance plus the period's.
    pub closing: Option<Text>,
    /// Stated subtotals by category path (伙食费支出/主食: 15000).
    pub subtotals: Option<Ordered>,
    /// The 结余率 (盈余率) as printed, e.g. 2.30%: checked at its printed precision.
    pub surplus_ratio: Option<Text>,
}

/// One of several accounts of a notice (幼儿伙食, 教工伙食): a ledger with its own name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAccount {
    pub name: Text,
    pub opening_balance: Option<Text>,
    pub ledger: Option<Vec<RawLedgerRow>>,
    pub ledger_csv: Option<Text>,
    pub declared: Option<RawDeclared>,
    pub max_surplus_ratio: Option<Text>,
    pub by_category: Option<bool>,
    pub shares: Option<bool>,
    pub extra_columns: Option<Vec<Text>>,
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
    /// The category split at `/`: where the row sits in the ledger's tree.
    pub path: Vec<String>,
    pub cumulative: Option<Amount>,
    /// Display columns, as written.
    pub extra: Vec<(String, String)>,
    pub note: Option<String>,
}

/// The rows under one category path, summed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Subtotal {
    pub path: Vec<String>,
    pub income: Amount,
    pub expense: Amount,
    pub has_income: bool,
    pub has_expense: bool,
    /// The sum of the rows' 本年累计, when every row under it has one.
    pub cumulative: Option<Amount>,
}

impl Subtotal {
    /// What a stated subtotal means: the income of an income category, the expense of an
    /// expense one, else income less expense (which may be negative).
    pub fn value(&self) -> Amount {
        match (self.has_income, self.has_expense) {
            (true, false) => self.income,
            (false, true) => self.expense,
            _ => Amount(self.income.0 - self.expense.0),
        }
    }
}

/// A share as written (2%, 1.5%) in tenths of a percent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Share {
    pub per_mille: u32,
    pub written: String,
}

/// `20%`, `12.5%` or `20` (percent) in tenths of a percent; `None` beyond 100%.
pub fn parse_share(s: &str) -> Option<Share> {
    let t = s.trim();
    let t = t
        .strip_suffix('%')
        .or_else(|| t.strip_suffix('％'))
        .unwrap_or(t)
        .trim();
    let (whole, tenth) = match t.split_once('.') {
        Some((w, f)) if f.len() == 1 => (w, f),
        Some(_) => return None,
        None => (t, "0"),
    };
    if whole.is_empty() || whole.len() > 3 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v = whole.parse::<u32>().ok()? * 10 + tenth.parse::<u32>().ok()?;
    (v <= 1000).then(|| Share {
        per_mille: v,
        written: s.trim().to_string(),
    })
}

/// An income and expenditure statement (收支明细) with its computed figures.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ledger {
    /// The account's name, for one of several (`accounts:`).
    pub name: Option<String>,
    /// Its place in `accounts:`; `None` for the notice's own ledger.
    pub account: Option<usize>,
    pub rows: Vec<LedgerRow>,
    /// Every category path's subtotal, in the order the categories first appear.
    pub subtotals: Vec<Subtotal>,
    /// Shown by category with a 小计 each (`by_category: true`, or nested categories).
    pub grouped: bool,
    /// Each row shown with its share of its side's total (`shares: true`).
    pub shares: bool,
    /// 本年累计 of income and expense, when the rows have it.
    pub cumulative: Option<(Amount, Amount)>,
    /// The display columns, in the order they first appear.
    pub extra_columns: Vec<String>,
    /// The highest surplus ratio (结余率 = balance / income) the rules allow.
    pub max_surplus_ratio: Option<Share>,
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

impl Ledger {
    /// A ledger's 结余率 (balance / income) to a tenth of a percent, rounded half away from zero;
    /// `None` without income.
    pub fn surplus_ratio(&self) -> Option<String> {
        self.surplus_ratio_at(1)
    }

    /// The 结余率 to `decimals` places of a percent, rounded half away from zero (as printed
    /// ratios are compared: 754.20 / 32,248.70 is 2.34% to two places).
    pub fn surplus_ratio_at(&self, decimals: usize) -> Option<String> {
        if self.income.0 <= 0 {
            return None;
        }
        let b = i128::from(self.balance.0);
        let abs = super::decision::exact_percent(
            b.unsigned_abs(),
            self.income.0.unsigned_abs().into(),
            decimals,
        )?;
        // A loss too small to show is no loss: 0.0%, not -0.0%.
        let shown_zero = abs
            .trim_end_matches('%')
            .chars()
            .all(|c| c == '0' || c == '.');
        Some(if b < 0 && !shown_zero {
            format!("-{abs}")
        } else {
            abs
        })
    }

    /// Where a field of this ledger is written: `accounts[i].key…` or the notice's own `key…`.
    pub fn path<'a>(&self, rest: &[Seg<'a>]) -> Vec<Seg<'a>> {
        let mut path = match self.account {
            Some(i) => vec![Seg::Key("accounts"), Seg::Index(i)],
            None => Vec::new(),
        };
        path.extend_from_slice(rest);
        path
    }
}

/// Totals a notice states beside its ledger.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Declared {
    pub income: Option<Amount>,
    pub expense: Option<Amount>,
    pub balance: Option<Amount>,
    pub closing: Option<Amount>,
    /// Stated subtotals: the path as written, split, and the figure.
    pub subtotals: Vec<(String, Vec<String>, Amount)>,
    /// The 结余率 as printed (2.30%).
    pub surplus_ratio: Option<String>,
}

/// A category path as written (伙食费支出/主食, 伙食费支出／主食 or 伙食费支出 > 主食), split.
pub fn category_path(s: &str) -> Vec<String> {
    s.split(['/', '／', '>', '＞'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
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
            // The price is the number the part ends with; its label may hold digits of its
            // own (1-9年级8元).
            let at = piece
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
                .last()
                .map(|(i, _)| i)?;
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
    let rows = yaml_rows("in_kind", &[Seg::Key("donations")], raw, |g: &RawGift| {
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
    ("amount", &["金额", "本期金额", "本月金额", "amount"]),
    (
        "cumulative",
        &["本年累计", "累计", "累计金额", "cumulative"],
    ),
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
    let cumulative = match row.get("cumulative") {
        None => Ok(None),
        Some(_) => amount_of(check, row, "cumulative").map(Some).ok_or(()),
    };
    let category = optional(row, "category");
    Some(LedgerRow {
        item: item?,
        flow: flow?,
        amount: amount?,
        path: category.as_deref().map(category_path).unwrap_or_default(),
        category,
        cumulative: cumulative.ok()?,
        extra: Vec::new(),
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
    parent: &[Seg<'static>],
    raw: &[R],
    values: impl Fn(&R) -> Vec<(&'static str, String)>,
) -> Vec<Row<'t>> {
    raw.iter()
        .enumerate()
        .map(|(index, r)| Row {
            values: values(r),
            origin: Origin::Yaml {
                parent: parent.to_vec(),
                list,
                index,
            },
        })
        .collect()
}

/// The parts of one ledger as written: the notice's own, or one of `accounts:`.
struct LedgerInput<'a> {
    name: Option<&'a Text>,
    opening: Option<&'a Text>,
    rows: Option<&'a [RawLedgerRow]>,
    csv: Option<&'a Text>,
    declared: Option<&'a RawDeclared>,
    max_surplus_ratio: Option<&'a Text>,
    by_category: Option<bool>,
    shares: Option<bool>,
    /// Display columns of the CSV file to carry through.
    extra_columns: Vec<String>,
    /// Where it is written (empty for the notice's own).
    at: Vec<Seg<'static>>,
}

/// The notice's own ledger (`ledger:` or `ledger_csv:`).
pub fn ledger(fm: &FrontMatter, check: &mut Checker) -> Option<Ledger> {
    if fm.ledger.is_none() && fm.ledger_csv.is_none() {
        for (f, present) in [
            ("declared", fm.declared.is_some()),
            ("opening_balance", fm.opening_balance.is_some()),
            ("max_surplus_ratio", fm.max_surplus_ratio.is_some()),
        ] {
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
    ledger_of(
        LedgerInput {
            name: None,
            opening: fm.opening_balance.as_ref(),
            rows: fm.ledger.as_deref(),
            csv: fm.ledger_csv.as_ref(),
            declared: fm.declared.as_ref(),
            max_surplus_ratio: fm.max_surplus_ratio.as_ref(),
            by_category: fm.by_category,
            shares: fm.shares,
            extra_columns: texts(&fm.extra_columns),
            at: Vec::new(),
        },
        check,
    )
}

/// Several accounts of one notice (`accounts:`), each a ledger with its name.
pub fn accounts(fm: &FrontMatter, check: &mut Checker) -> Option<Vec<Ledger>> {
    let raw = fm.accounts.as_ref()?;
    let mut out = Vec::new();
    let mut ok = true;
    for (i, a) in raw.iter().enumerate() {
        let at = vec![Seg::Key("accounts"), Seg::Index(i)];
        if a.ledger.is_none() && a.ledger_csv.is_none() {
            let mut path = at.clone();
            path.push(Seg::Key("name"));
            check.invalid(
                &path,
                "ledger",
                Words::new(
                    "an account needs its `ledger` (or `ledger_csv`)",
                    "每个账户都要写 `ledger`（或 `ledger_csv`）",
                ),
            );
            ok = false;
            continue;
        }
        match ledger_of(
            LedgerInput {
                name: Some(&a.name),
                opening: a.opening_balance.as_ref(),
                rows: a.ledger.as_deref(),
                csv: a.ledger_csv.as_ref(),
                declared: a.declared.as_ref(),
                max_surplus_ratio: a.max_surplus_ratio.as_ref(),
                // The notice's own settings stand for every account that sets none.
                by_category: a.by_category.or(fm.by_category),
                shares: a.shares.or(fm.shares),
                extra_columns: texts(&a.extra_columns),
                at,
            },
            check,
        ) {
            Some(l) => out.push(l),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn texts(list: &Option<Vec<Text>>) -> Vec<String> {
    list.iter()
        .flatten()
        .map(|t| t.as_str().trim().to_string())
        .collect()
}

fn ledger_of(input: LedgerInput, check: &mut Checker) -> Option<Ledger> {
    let path = |k: &'static str| {
        let mut p = input.at.clone();
        p.push(Seg::Key(k));
        p
    };
    let name = input
        .name
        .and_then(|n| check.text_at(n, &path("name"), "name"));
    let opening = input
        .opening
        .and_then(|t| check.amount(t, &path("opening_balance"), "opening_balance", true));
    let max_surplus_ratio = input.max_surplus_ratio.and_then(|t| {
        let share = parse_share(t.as_str());
        if share.is_none() {
            check.invalid(
                &path("max_surplus_ratio"),
                "max_surplus_ratio",
                Words::new(
                    format!("`{}` is not a share such as 2%", t.as_str()),
                    format!("`{}` 不是 2% 这样的比例", t.as_str()),
                ),
            );
        }
        share
    });
    let (rows, source) = match (input.rows, input.csv) {
        (Some(_), Some(_)) => {
            check.error(
                &path("ledger_csv"),
                Problem::BothGiven {
                    a: "ledger",
                    b: "ledger_csv",
                },
            );
            return None;
        }
        (None, None) => return None,
        (Some(raw), None) => {
            let rows = yaml_rows("ledger", &input.at, raw, |r: &RawLedgerRow| {
                vec![
                    ("item", text(&r.item)),
                    ("type", text(&r.kind)),
                    ("amount", text(&r.amount)),
                    ("category", text(&r.category)),
                    ("cumulative", text(&r.cumulative)),
                    ("note", text(&r.note)),
                ]
            });
            let parsed = all_rows(check, &rows, ledger_row).map(|mut parsed| {
                for (row, r) in parsed.iter_mut().zip(raw) {
                    row.extra = r
                        .extra
                        .iter()
                        .flat_map(|e| &e.0)
                        .map(|(k, v)| (k.trim().to_string(), v.as_str().trim().to_string()))
                        .collect();
                }
                parsed
            });
            (ledger_totals(check, &rows, parsed), None)
        }
        (None, Some(name)) => {
            let (table, cols) = csv_rows(
                check,
                "ledger_csv",
                name,
                LEDGER_COLUMNS,
                &["item", "type", "amount"],
                &input.extra_columns,
            )?;
            let rows = rows_of(&table, &cols);
            let extras = table.extra_values(&input.extra_columns);
            let parsed = all_rows(check, &rows, ledger_row).map(|mut parsed| {
                for (row, extra) in parsed.iter_mut().zip(extras) {
                    row.extra = extra;
                }
                parsed
            });
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
                &path("opening_balance"),
                Problem::Overflow {
                    what: "the closing balance (期末结余)".into(),
                },
            );
            return None;
        }
    };
    let Some((subtotals, cumulative)) = subtotals(&rows) else {
        check.error(
            &path("ledger"),
            Problem::Overflow {
                what: "a subtotal (小计)".into(),
            },
        );
        return None;
    };
    // Read here; compared with the computed figures by `check::tables`.
    let mut declared = Declared::default();
    if let Some(d) = input.declared {
        for (figure, given, slot) in [
            ("income", &d.income, &mut declared.income),
            ("expense", &d.expense, &mut declared.expense),
            ("balance", &d.balance, &mut declared.balance),
            ("closing", &d.closing, &mut declared.closing),
        ] {
            let Some(t) = given else { continue };
            let mut at = path("declared");
            at.push(Seg::Key(figure));
            *slot = check.amount(t, &at, figure, true);
        }
        if d.closing.is_some() && opening.is_none() {
            let mut at = path("declared");
            at.push(Seg::Key("closing"));
            check.invalid(
                &at,
                "closing",
                Words::new(
                    "state `opening_balance` (期初结余) too: the closing balance is the opening one plus the period's",
                    "请同时写 `opening_balance`（期初结余）：期末结余 = 期初结余 + 本期结余",
                ),
            );
        }
        if let Some(t) = &d.surplus_ratio {
            let text = t.as_str().trim().to_string();
            let bare = text.trim_start_matches('-');
            if super::decision::printed_decimals(bare).is_some() {
                declared.surplus_ratio = Some(text.replace('％', "%"));
            } else {
                let mut at = path("declared");
                at.push(Seg::Key("surplus_ratio"));
                check.invalid(
                    &at,
                    "surplus_ratio",
                    Words::new(
                        format!("`{text}` is not a share such as 1.8%"),
                        format!("`{text}` 不是 1.8% 这样的比例"),
                    ),
                );
            }
        }
        for (written, t) in d.subtotals.iter().flat_map(|s| &s.0) {
            let mut at = path("declared");
            at.extend([Seg::Key("subtotals")]);
            let split = category_path(written);
            if !subtotals.iter().any(|s| s.path == split) {
                check.invalid(
                    &at,
                    "subtotals",
                    Words::new(
                        format!("no row has the category `{written}`"),
                        format!("没有哪一行的类别是“{written}”"),
                    ),
                );
                continue;
            }
            if let Some(a) = check.amount(t, &at, "subtotals", true) {
                declared.subtotals.push((written.clone(), split, a));
            }
        }
    }
    let mut extra_columns: Vec<String> = Vec::new();
    for (k, _) in rows.iter().flat_map(|r| &r.extra) {
        if !extra_columns.contains(k) {
            extra_columns.push(k.clone());
        }
    }
    Some(Ledger {
        name,
        grouped: input.by_category.unwrap_or(false) || rows.iter().any(|r| r.path.len() > 1),
        shares: input.shares.unwrap_or(false),
        account: match input.at.as_slice() {
            [_, Seg::Index(i)] => Some(*i),
            _ => None,
        },
        rows,
        subtotals,
        cumulative,
        extra_columns,
        max_surplus_ratio,
        income,
        expense,
        balance,
        opening,
        closing,
        source,
        declared,
    })
}

/// Every category path's subtotal in the order categories first appear, and the 本年累计 of
/// income and expense when every row has one; `None` on overflow.
/// 本年累计 of income and expense.
type Cumulative = Option<(Amount, Amount)>;

fn subtotals(rows: &[LedgerRow]) -> Option<(Vec<Subtotal>, Cumulative)> {
    let mut out: Vec<Subtotal> = Vec::new();
    for r in rows {
        for depth in 1..=r.path.len() {
            let prefix = &r.path[..depth];
            let at = match out.iter().position(|s| s.path == prefix) {
                Some(at) => at,
                None => {
                    out.push(Subtotal {
                        path: prefix.to_vec(),
                        income: Amount::ZERO,
                        expense: Amount::ZERO,
                        has_income: false,
                        has_expense: false,
                        cumulative: Some(Amount::ZERO),
                    });
                    out.len() - 1
                }
            };
            let s = &mut out[at];
            match r.flow {
                Flow::Income => {
                    s.income = s.income.checked_add(r.amount)?;
                    s.has_income = true;
                }
                Flow::Expense => {
                    s.expense = s.expense.checked_add(r.amount)?;
                    s.has_expense = true;
                }
            }
            s.cumulative = match (s.cumulative, r.cumulative) {
                (Some(a), Some(b)) => Some(a.checked_add(b)?),
                _ => None,
            };
        }
    }
    let cumulative = if rows.iter().any(|r| r.cumulative.is_some()) {
        let sum = |flow: Flow| {
            let xs: Vec<Amount> = rows
                .iter()
                .filter(|r| r.flow == flow)
                .filter_map(|r| r.cumulative)
                .collect();
            Amount::checked_sum(&xs).ok()
        };
        Some((sum(Flow::Income)?, sum(Flow::Expense)?))
    } else {
        None
    };
    Some((out, cumulative))
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
            let rows = yaml_rows("fees", &[], raw, |r: &RawFeeRow| {
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
                &[],
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
    let rows = yaml_rows(list, &[Seg::Key("donations")], raw, |r: &RawDonation| {
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
                parent: vec![Seg::Key("donations")],
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
