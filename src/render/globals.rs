//! Values every template sees: the site, the UI strings, the navigation, the day.

use std::hash::Hasher;

use serde::Serialize;

use crate::board::Board;
use crate::config::Site;
use crate::content::{Audience, Kind};
use crate::render::context::{self, kind_url, year_url};
use crate::render::i18n;
use crate::render::pages::terms::{TermView, archive_terms, archived_year_terms};
use crate::render::renderer::PageCtx;

/// Values every template sees: the site, the UI strings, the navigation. Returns their hash.
pub(crate) fn global_context(tera: &mut tera::Tera, site: &Site, board: &Board) -> u64 {
    let lang = site.config.language;
    let mut g = PageCtx::new(true);
    g.insert("site", &SiteView::new(site));
    g.insert("t", &i18n::strings(lang));
    let nav: Vec<TermView> = Kind::ALL
        .iter()
        .map(|&k| TermView {
            name: i18n::kind_name(lang, k).to_string(),
            url: kind_url(k),
            count: board.kinds.get(&k).map_or(0, Vec::len),
        })
        .collect();
    g.insert("nav", &nav);
    let years: Vec<TermView> = board
        .years
        .iter()
        .map(|(y, items)| TermView {
            name: y.label(),
            url: year_url(&y.label()),
            count: items.len(),
        })
        // Archived years lead to their archive.
        .chain(archived_year_terms(board, lang, ""))
        .collect();
    g.insert("years", &years);
    g.insert("now", &board.now.to_string());
    g.insert("now_display", &context::date_display(lang, board.now));
    g.insert("staff_build", &(board.audience == Audience::Staff));
    g.insert("archives", &archive_terms(board, lang));
    g.insert("current_year", &board.current_year.label());
    g.insert("timezone", &site.config.timezone);
    tera.global_context().extend(g.ctx);
    g.hash.map_or(0, |h| h.finish())
}

#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    pub(crate) title: &'a str,
    pub(crate) school: &'a str,
    pub(crate) school_code: &'a str,
    pub(crate) description: Option<&'a str>,
    pub(crate) lang: &'static str,
    pub(crate) base_url: String,
    pub(crate) contact: &'a crate::config::Contact,
    pub(crate) notice_period_days: u32,
}
impl<'a> SiteView<'a> {
    fn new(site: &'a Site) -> Self {
        let c = &site.config;
        SiteView {
            title: &c.title,
            school: &c.school,
            school_code: &c.school_code,
            description: c.description.as_deref(),
            lang: c.language.code(),
            base_url: site.base_url(),
            contact: &c.contact,
            notice_period_days: c.notice_period_days,
        }
    }
}
