//! The catalogue (公开目录): every public notice as a row — live, withdrawn and archived — one
//! page per school year (`catalogue/index.html` for the current one, `catalogue/{year}.html` for
//! the others), filtered and sorted in the reader's browser by `catalogue.js`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::board::{ArchivedNotice, Withdrawn};
use crate::calendar::SchoolYear;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::render::context::{Summary, date_display, kind_label};
use crate::render::i18n::{self, t};
use crate::render::keys;
use crate::render::renderer::Renderer;

/// The notices of one school year's page.
#[derive(Default)]
struct YearRows<'a> {
    live: Vec<usize>,
    archived: Vec<&'a ArchivedNotice>,
    withdrawn: Vec<&'a Withdrawn>,
}

impl YearRows<'_> {
    fn len(&self) -> usize {
        self.live.len() + self.archived.len() + self.withdrawn.len()
    }
}

/// One row of the catalogue.
#[derive(Serialize)]
struct Row<'a> {
    title: &'a str,
    url: Cow<'a, str>,
    index_no: Option<&'a str>,
    doc_no: Option<&'a str>,
    department: Option<&'a str>,
    summary: Option<&'a str>,
    date: String,
    date_display: Cow<'a, str>,
    kind_name: &'static str,
    /// A live notice: its status, period, outcome and validity as lists show them.
    live: Option<&'a Summary>,
    /// An archived or withdrawn notice: the word that says so.
    mark: Option<&'static str>,
}

/// A school year in the catalogue's navigation.
#[derive(Serialize, Hash)]
struct YearLink {
    name: String,
    url: String,
    count: usize,
    current: bool,
}

/// The catalogue's page of school year `year`: `index.html` for the current one.
fn page_path(year: &str, current: bool) -> String {
    if current {
        "catalogue/index.html".into()
    } else {
        format!("catalogue/{year}.html")
    }
}

impl Renderer<'_> {
    /// Every public notice by school year (labelled `2025-2026`).
    fn catalogue_years(&self) -> BTreeMap<String, YearRows<'_>> {
        let board = self.board;
        let mut years: BTreeMap<SchoolYear, YearRows> = BTreeMap::new();
        for (i, e) in board.entries.iter().enumerate() {
            years.entry(e.notice.school_year).or_default().live.push(i);
        }
        for a in &board.archived_notices {
            if let Some(year) = SchoolYear::parse(&a.year) {
                years.entry(year).or_default().archived.push(a);
            }
        }
        for w in &board.withdrawn {
            let year = SchoolYear::of(w.date, self.site.year_start);
            // A board of one school year (an archive's) lists that year's only.
            if board.only_year.is_none_or(|only| only == year) {
                years.entry(year).or_default().withdrawn.push(w);
            }
        }
        years
            .into_iter()
            .map(|(y, rows)| (y.label(), rows))
            .collect()
    }

    /// The catalogue's pages, one per school year (the newest at `catalogue/index.html`).
    pub(crate) fn render_catalogue(
        &self,
        pages: &mut Vec<Cow<'_, str>>,
        errors: &mut Vec<Diagnostic>,
    ) {
        let years = self.catalogue_years();
        let lang = self.site.config.language;
        // `catalogue/index.html` is the current school year's; before anything is published in
        // it (the first days of a school year), the latest earlier year's (as the board shows the
        // newest notices whatever their year). A later year (a preview of notices dated ahead)
        // has a page of its own.
        let this_year = self.board.current_year.label();
        let mut labels: Vec<&str> = years.keys().map(String::as_str).rev().collect();
        let current = (labels.iter())
            .find(|y| **y <= this_year.as_str())
            .map_or(this_year.clone(), |y| (*y).to_string());
        if !labels.contains(&current.as_str()) {
            labels.push(&current);
            labels.sort_unstable_by(|a, b| b.cmp(a));
        }
        let nav = |at: usize| -> Vec<YearLink> {
            labels
                .iter()
                .enumerate()
                .map(|(i, y)| YearLink {
                    name: format!("{y}{}", t(lang, "year_suffix")),
                    url: page_path(y, *y == current),
                    count: years.get(*y).map_or(0, YearRows::len),
                    current: i == at,
                })
                .collect()
        };
        let empty = YearRows::default();
        let results: Vec<Result<String, Diagnostic>> = labels
            .par_iter()
            .enumerate()
            .map(|(at, year)| {
                let rows = years.get(*year).unwrap_or(&empty);
                let path = page_path(year, *year == current);
                self.render_catalogue_year(year, rows, nav(at), &path)
                    .map(|()| path)
            })
            .collect();
        for r in results {
            match r {
                Ok(path) => pages.push(path.into()),
                Err(d) => errors.push(d),
            }
        }
    }

    /// One school year's page of the catalogue, unless the last build wrote the same.
    fn render_catalogue_year(
        &self,
        year: &str,
        rows: &YearRows,
        nav: Vec<YearLink>,
        path: &str,
    ) -> Result<(), Diagnostic> {
        let lang = self.site.config.language;
        let withdrawn: Vec<_> = (rows.withdrawn.iter())
            .map(|w| (&w.slug, &w.title, &w.index_no, w.date, w.kind))
            .collect();
        // The rows as lists show them (summaries), not the notices' bodies.
        let key = (!self.summary_keys.is_empty()).then(|| {
            let live: Vec<u64> = rows.live.iter().map(|&i| self.summary_keys[i]).collect();
            keys::of(&(year, live, &rows.archived, &withdrawn, &nav))
        });
        self.write_keyed("catalogue.html", path, key, || {
            let year_name = format!("{year}{}", t(lang, "year_suffix"));
            let title = i18n::fill(t(lang, "catalogue_title"), &[("year", &year_name)]);
            let mut ctx = self.context(path, &title, "catalogue.html");
            let mut all = self.catalogue_rows(rows);
            all.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
            // The kinds present, in the board's order, for the filter.
            let mut kinds: Vec<&str> = Vec::new();
            for k in Kind::ALL {
                let name = i18n::kind_name(lang, k);
                if all.iter().any(|r| r.kind_name == name) {
                    kinds.push(name);
                }
            }
            let aid = kind_label(lang, Kind::Selection, true);
            if all.iter().any(|r| r.kind_name == aid) {
                kinds.push(aid);
            }
            let mut departments: Vec<&str> = all.iter().filter_map(|r| r.department).collect();
            departments.sort_unstable();
            departments.dedup();
            ctx.insert("year", &format!("{year}{}", t(lang, "year_suffix")));
            ctx.insert("rows", &all);
            ctx.insert("kinds", &kinds);
            ctx.insert("departments", &departments);
            ctx.insert("years_nav", &nav);
            ctx
        })
    }

    /// The rows of one school year, in no order.
    fn catalogue_rows<'r>(&'r self, rows: &YearRows<'r>) -> Vec<Row<'r>> {
        let lang = self.site.config.language;
        let live = rows.live.iter().map(|&i| {
            let s = &*self.summaries[i];
            Row {
                title: &s.title,
                url: Cow::Borrowed(&s.url),
                index_no: s.index_no.as_deref(),
                doc_no: s.doc_no.as_deref(),
                department: s.department.as_deref(),
                // A notice taken down at `expires` shows no more than its title.
                summary: s.summary.as_deref().filter(|_| !s.taken_down),
                date: s.date.clone(),
                date_display: Cow::Borrowed(&s.date_display),
                kind_name: s.kind_name,
                live: Some(s),
                mark: None,
            }
        });
        let archived = rows.archived.iter().map(|a| Row {
            title: &a.title,
            url: Cow::Borrowed(&a.url),
            index_no: a.index_no.as_deref(),
            doc_no: a.doc_no.as_deref(),
            department: a.department.as_deref(),
            summary: a.summary.as_deref(),
            date: a.date.to_string(),
            date_display: Cow::Owned(date_display(lang, a.date)),
            kind_name: kind_label(lang, a.kind, a.aid),
            live: None,
            mark: Some(t(lang, "archived_mark")),
        });
        let withdrawn = rows.withdrawn.iter().map(|w| Row {
            title: &w.title,
            url: Cow::Owned(format!("notices/{}.html", w.slug)),
            index_no: w.index_no.as_deref(),
            doc_no: None,
            department: None,
            summary: None,
            date: w.date.to_string(),
            date_display: Cow::Owned(date_display(lang, w.date)),
            kind_name: i18n::kind_name(lang, w.kind),
            live: None,
            mark: Some(t(lang, "outcome_withdrawn")),
        });
        live.chain(archived).chain(withdrawn).collect()
    }
}
