//! The identities every notice gets across the whole site: its index number (索引号,
//! `{school_code}-{year}-{kind code}-{seq}`) and its URL slug, both stable and unique. Both are
//! assigned over every notice (drafts excepted for index numbers, staff-only included), so a
//! public and a staff build agree.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use crate::content::Notice;
use crate::diagnostics::{Diagnostics, Problem};

/// Index numbers by notice position; drafts have none.
pub fn index_numbers(
    notices: &[std::sync::Arc<Notice>],
    school_code: &str,
    diags: &mut Diagnostics,
) -> Vec<Option<String>> {
    let mut order: Vec<usize> = (0..notices.len()).filter(|&i| !notices[i].draft).collect();
    order.sort_by(|&a, &b| {
        (notices[a].date, &notices[a].rel).cmp(&(notices[b].date, &notices[b].rel))
    });
    let mut next: BTreeMap<(i16, &str), u32> = BTreeMap::new();
    let mut out = vec![None; notices.len()];
    for i in order {
        let n = &notices[i];
        let seq = next.entry((n.date.year(), n.kind.code())).or_insert(0);
        *seq += 1;
        out[i] = Some(match &n.index_no {
            Some(given) => given.clone(),
            None => format!(
                "{school_code}-{}-{}-{:04}",
                n.date.year(),
                n.kind.code(),
                seq
            ),
        });
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, no) in out.iter().enumerate() {
        let Some(no) = no else { continue };
        match seen.entry(no.as_str()) {
            Entry::Vacant(v) => {
                v.insert(i);
            }
            Entry::Occupied(o) => {
                let first = *o.get();
                // Report at the notice that wrote its number by hand.
                let (here, other) = if notices[i].index_no.is_some() {
                    (i, first)
                } else {
                    (first, i)
                };
                diags.error(
                    notices[here].index_no_span.clone(),
                    Problem::DuplicateIndexNo {
                        index_no: no.clone(),
                        other: notices[other].rel.clone(),
                    },
                );
            }
        }
    }
    out
}

/// URL slugs by notice position: `slug:` if given, else the file name when it is ASCII, else the
/// date and a sequence among that day's notices (`20250710-1`). A collision is an error that
/// names both files.
pub fn slugs(notices: &[std::sync::Arc<Notice>], diags: &mut Diagnostics) -> Vec<String> {
    let mut per_day: BTreeMap<jiff::civil::Date, u32> = BTreeMap::new();
    let mut order: Vec<usize> = (0..notices.len()).collect();
    order.sort_by(|&a, &b| {
        (notices[a].date, &notices[a].rel).cmp(&(notices[b].date, &notices[b].rel))
    });
    let mut out = vec![String::new(); notices.len()];
    for i in order {
        let n = &notices[i];
        out[i] = match n.slug.as_ref().or(n.ascii_stem.as_ref()) {
            Some(s) => s.to_ascii_lowercase(),
            None => {
                let seq = per_day.entry(n.date).or_insert(0);
                *seq += 1;
                format!("{}-{}", n.date.strftime("%Y%m%d"), seq)
            }
        };
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, s) in out.iter().enumerate() {
        match seen.entry(s.as_str()) {
            Entry::Vacant(v) => {
                v.insert(i);
            }
            Entry::Occupied(o) => diags.error(
                notices[i].slug_span.clone(),
                Problem::DuplicateSlug {
                    url: format!("notices/{s}.html"),
                    other: notices[*o.get()].rel.clone(),
                },
            ),
        }
    }
    out
}
