//! The lobby screen (电子滚动屏): the notices open for objections as slides — one notice, then
//! its table a page of rows at a time — for `kiosk.html`.

use serde::Serialize;

use crate::config::Language;
use crate::render::context::{Detail, Summary};
use crate::render::i18n::t;
use crate::render::tables::DataView;

#[derive(Debug, Serialize)]
pub struct SlideTable {
    pub caption: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub page: usize,
    pub pages: usize,
}

/// A slide: the notice's own slide carries the notice in full; each slide of its table only the
/// notice's summary (title, kind, dates…), so the page's context grows with the rows, not with
/// rows × pages.
#[derive(Debug, Serialize)]
pub struct Slide<'a> {
    pub notice: SlideNotice<'a>,
    pub table: Option<SlideTable>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum SlideNotice<'a> {
    Full(&'a Detail),
    Summary(&'a Summary),
}

/// A table for the screen: caption, column headers, rows.
type ScreenTable = (String, Vec<&'static str>, Vec<Vec<String>>);

/// The rows a screen can show of a notice's data: a few columns, large; caption and headers in
/// the site's language.
fn table_rows(data: &DataView, lang: Language) -> Option<ScreenTable> {
    let t = |key| t(lang, key);
    if let Some(s) = &data.selection
        && s.groups.iter().all(|g| g.candidates.is_empty())
        && !s.tiers.is_empty()
    {
        // Aid by tier without names: the tiers.
        let rows = s
            .tiers
            .iter()
            .map(|r| vec![r.name.clone(), r.count.to_string(), r.amount.clone()])
            .collect();
        let caption = s.award.clone().unwrap_or_else(|| t("tiers_caption").into());
        let headers = vec![t("tiers_name"), t("tiers_count"), t("tiers_amount")];
        return Some((caption, headers, rows));
    }
    if let Some(s) = &data.selection {
        let caption = s.award.clone().unwrap_or_else(|| t("kiosk_list").into());
        // Several groups (awards or tiers): each row says which.
        let named = s.groups.iter().any(|g| g.name.is_some());
        let rows = s
            .groups
            .iter()
            .flat_map(|g| {
                g.candidates.iter().map(move |c| {
                    let mut row = vec![
                        c.name.clone(),
                        c.unit.clone().unwrap_or_default(),
                        c.result_label.clone(),
                    ];
                    if named {
                        row.insert(0, g.name.clone().unwrap_or_default());
                    }
                    row
                })
            })
            .collect();
        let mut headers = vec![t("table_name"), t("kiosk_unit"), t("kiosk_result")];
        if named {
            headers.insert(0, t("selection_award"));
        }
        return Some((caption, headers, rows));
    }
    if let Some(e) = &data.evaluation {
        let rows = e
            .results
            .iter()
            .map(|p| {
                vec![
                    p.name.clone(),
                    p.post.clone().unwrap_or_default(),
                    p.satisfied_rate.clone(),
                ]
            })
            .collect();
        let headers = vec![t("table_name"), t("table_post"), t("kiosk_satisfied")];
        return Some((t("kiosk_results").into(), headers, rows));
    }
    if let Some(f) = &data.fees {
        let rows = f
            .iter()
            .map(|r| vec![r.item.clone(), r.standard.clone(), r.unit.clone()])
            .collect();
        let headers = vec![
            t("table_item"),
            t("kiosk_fee_standard"),
            t("kiosk_fee_unit"),
        ];
        return Some((t("fees_caption").into(), headers, rows));
    }
    if let Some(l) = &data.ledger {
        let (income, expense) = (t("table_income"), t("table_expense"));
        let rows = l
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.item.clone(),
                    if r.flow == "income" { income } else { expense }.to_string(),
                    r.amount.clone(),
                ]
            })
            .collect();
        let headers = vec![t("table_item"), t("kiosk_flow"), t("table_amount")];
        return Some((t("kiosk_ledger").into(), headers, rows));
    }
    if let Some(d) = &data.donations {
        if d.disbursed.is_none() && d.received.is_empty() && !d.in_kind.is_empty() {
            let rows = d
                .in_kind
                .iter()
                .map(|g| vec![g.item.clone(), format!("{} {}", g.quantity, g.unit)])
                .collect();
            let headers = vec![t("donations_item"), t("donations_quantity")];
            return Some((t("donations_in_kind").into(), headers, rows));
        }
        // Their use where the notice gives it, else what was received.
        let (rows, party) = match &d.disbursed {
            Some(rows) => (rows, "donations_use"),
            None => (&d.received, "donations_donor"),
        };
        let rows = rows
            .iter()
            .map(|r| vec![r.party.clone(), r.amount.clone()])
            .collect();
        let headers = vec![t(party), t("table_amount")];
        return Some((t("kiosk_donations").into(), headers, rows));
    }
    None
}

/// One slide per open notice, followed by its table in pages of `per_page` rows.
pub fn slides(notices: &[Detail], per_page: usize, lang: Language) -> Vec<Slide<'_>> {
    let per_page = per_page.max(1);
    let mut out = Vec::new();
    for n in notices {
        out.push(Slide {
            notice: SlideNotice::Full(n),
            table: None,
        });
        if n.summary.taken_down {
            continue;
        }
        if let Some((caption, headers, rows)) = n.data.as_ref().and_then(|d| table_rows(d, lang)) {
            let pages = rows.len().div_ceil(per_page);
            for (i, chunk) in rows.chunks(per_page).enumerate() {
                out.push(Slide {
                    notice: SlideNotice::Summary(&n.summary),
                    table: Some(SlideTable {
                        caption: caption.clone(),
                        headers: headers.clone(),
                        rows: chunk.to_vec(),
                        page: i + 1,
                        pages,
                    }),
                });
            }
        }
    }
    out
}
