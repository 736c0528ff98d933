//! A fee table by rows and columns (grades × items, 单位：元/生) as fee schedules print it: each
//! row's total computed, and on request a 合计 row of the column totals; the totals a notice
//! states are kept for `check::tables` to compare.

use serde::Deserialize;

use crate::content::check::Checker;
use crate::content::money::Amount;
use crate::content::scalar::{Text, non_empty as opt};
use crate::diagnostics::{Problem, Words};
use crate::yaml::Seg;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMatrix {
    pub caption: Option<Text>,
    /// The heading of the row names (年级).
    pub corner: Option<Text>,
    pub columns: Vec<Text>,
    pub rows: Vec<RawMatrixRow>,
    /// 收费依据 of the whole table.
    pub basis: Option<Text>,
    pub note: Option<Text>,
    /// `true`: a 合计 row; a list: the column totals the notice states (and its grand total).
    pub column_totals: Option<RawColumnTotals>,
}

#[derive(Debug)]
pub enum RawColumnTotals {
    Shown(bool),
    Stated(Vec<Text>),
}

impl<'de> Deserialize<'de> for RawColumnTotals {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawColumnTotals;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`true` (a 合计 row) or a list of the stated column totals")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
                Ok(RawColumnTotals::Shown(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(t) = seq.next_element::<Text>()? {
                    out.push(t);
                }
                Ok(RawColumnTotals::Stated(out))
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMatrixRow {
    pub name: Text,
    pub values: Vec<Text>,
    /// The row's 合计 as the notice states it.
    pub total: Option<Text>,
    pub note: Option<Text>,
}

/// A fee table with its computed totals.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FeeMatrix {
    pub caption: Option<String>,
    pub corner: Option<String>,
    pub columns: Vec<String>,
    pub rows: Vec<MatrixRow>,
    pub basis: Option<String>,
    pub note: Option<String>,
    /// Each column's total and the grand total, when a 合计 row is asked for.
    pub column_totals: Option<(Vec<Amount>, Amount)>,
    /// The column totals the notice states (one per column, then the grand total if given).
    pub stated_columns: Vec<Option<Amount>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MatrixRow {
    /// Its place in `rows:` (the positions of findings).
    pub at: usize,
    pub name: String,
    /// One per column; `None` where the item does not apply (—).
    pub values: Vec<Option<Amount>>,
    pub total: Amount,
    pub stated: Option<Amount>,
    pub note: Option<String>,
}

/// What a cell says when the item does not apply to the row.
fn is_blank(v: &str) -> bool {
    matches!(v, "" | "—" | "-" | "－" | "/" | "／" | "无" | "——")
}

/// A cell's figure: `Ok(None)` for a blank, `Err` (reported) for a figure that cannot be read.
fn cell(check: &mut Checker, v: &Text, path: &[Seg]) -> Result<Option<Amount>, ()> {
    let s = v.as_str().trim();
    if is_blank(s) {
        return Ok(None);
    }
    let s = s.strip_suffix('元').unwrap_or(s).trim();
    check
        .amount(&Text(s.to_string()), path, "values", false)
        .map(Some)
        .ok_or(())
}

pub fn check(raw: &RawMatrix, check: &mut Checker) -> Option<FeeMatrix> {
    let base = [Seg::Key("fee_matrix")];
    let at = |rest: &[Seg<'static>]| -> Vec<Seg<'static>> {
        let mut p = base.to_vec();
        p.extend_from_slice(rest);
        p
    };
    let mut ok = true;
    let mut columns = Vec::new();
    for (j, c) in raw.columns.iter().enumerate() {
        match check.text_at(c, &at(&[Seg::Key("columns"), Seg::Index(j)]), "columns") {
            Some(c) => columns.push(c),
            None => ok = false,
        }
    }
    let mut rows = Vec::new();
    for (i, r) in raw.rows.iter().enumerate() {
        let row = |k| at(&[Seg::Key("rows"), Seg::Index(i), Seg::Key(k)]);
        let name = check.text_at(&r.name, &row("name"), "name");
        if r.values.len() != raw.columns.len() {
            check.invalid(
                &row("values"),
                "values",
                Words::new(
                    format!(
                        "{}: {} values for {} columns; write — where an item does not apply",
                        name.as_deref().unwrap_or_default(),
                        r.values.len(),
                        raw.columns.len()
                    ),
                    format!(
                        "{}：写了 {} 个数，但有 {} 列；不适用的项目写 —",
                        name.as_deref().unwrap_or_default(),
                        r.values.len(),
                        raw.columns.len()
                    ),
                ),
            );
            ok = false;
            continue;
        }
        let mut values = Vec::new();
        for (j, v) in r.values.iter().enumerate() {
            let path = at(&[
                Seg::Key("rows"),
                Seg::Index(i),
                Seg::Key("values"),
                Seg::Index(j),
            ]);
            match cell(check, v, &path) {
                Ok(v) => values.push(v),
                Err(()) => ok = false,
            }
        }
        let stated = r
            .total
            .as_ref()
            .and_then(|t| check.amount(t, &row("total"), "total", false));
        let Some(name) = name else {
            ok = false;
            continue;
        };
        if values.len() != raw.columns.len() {
            continue;
        }
        let figures: Vec<Amount> = values.iter().flatten().copied().collect();
        let Ok(total) = Amount::checked_sum(&figures) else {
            check.error(
                &row("values"),
                Problem::Overflow {
                    what: format!("the total of {name}"),
                },
            );
            ok = false;
            continue;
        };
        rows.push(MatrixRow {
            at: i,
            name,
            values,
            total,
            stated,
            note: opt(&r.note),
        });
    }
    let (column_totals, stated_columns) = match &raw.column_totals {
        None | Some(RawColumnTotals::Shown(false)) => (None, Vec::new()),
        Some(RawColumnTotals::Shown(true)) => (totals(&rows, columns.len()), Vec::new()),
        Some(RawColumnTotals::Stated(list)) => {
            if list.len() != columns.len() && list.len() != columns.len() + 1 {
                check.invalid(
                    &at(&[Seg::Key("column_totals")]),
                    "column_totals",
                    Words::new(
                        format!(
                            "{} totals for {} columns; give one per column, and the grand total last if you like",
                            list.len(),
                            columns.len()
                        ),
                        format!(
                            "写了 {} 个合计，但有 {} 列；每列一个，可在最后加上总计",
                            list.len(),
                            columns.len()
                        ),
                    ),
                );
                ok = false;
            }
            let stated = list
                .iter()
                .enumerate()
                .map(|(j, t)| {
                    let path = at(&[Seg::Key("column_totals"), Seg::Index(j)]);
                    cell(check, t, &path).unwrap_or_else(|()| {
                        ok = false;
                        None
                    })
                })
                .collect();
            (totals(&rows, columns.len()), stated)
        }
    };
    if raw.column_totals.is_some() && column_totals.is_none() && ok {
        check.error(
            &at(&[Seg::Key("column_totals")]),
            Problem::Overflow {
                what: "the column totals".into(),
            },
        );
        ok = false;
    }
    ok.then(|| FeeMatrix {
        caption: opt(&raw.caption),
        corner: opt(&raw.corner),
        columns,
        rows,
        basis: opt(&raw.basis),
        note: opt(&raw.note),
        column_totals,
        stated_columns,
    })
}

/// Each column's total and the grand total, exactly; `None` on overflow.
fn totals(rows: &[MatrixRow], columns: usize) -> Option<(Vec<Amount>, Amount)> {
    let per_column = (0..columns)
        .map(|j| {
            let figures: Vec<Amount> = rows.iter().filter_map(|r| r.values[j]).collect();
            Amount::checked_sum(&figures).ok()
        })
        .collect::<Option<Vec<Amount>>>()?;
    let grand = Amount::checked_sum(&per_column).ok()?;
    Some((per_column, grand))
}
