//! List pages: the notices of each kind in the current school year, of each school year, of a
//! kind within a year, of each tag and department, paginated, with a pager that links the ends
//! and the neighbourhood.

use serde::Serialize;

use super::terms::TermView;
use crate::board::Group;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::render::context::encode_segment;
use crate::render::feed::Channel;
use crate::render::renderer::{Renderer, root_of};
use crate::render::{i18n, keys};
use std::borrow::Cow;

use rayon::prelude::*;

/// A list of notices shown over one or more pages.
pub(crate) struct Listing<'a> {
    pub(crate) title: String,
    /// Folder of the list, e.g. `finance` or `tags/%E6%94%B6%E8%B4%B9` (encoded) and on disk.
    pub(crate) url_dir: String,
    pub(crate) disk_dir: String,
    pub(crate) items: &'a [usize],
    pub(crate) kind: Option<Kind>,
    /// Other school years of the same list (links shown on the page).
    pub(crate) years: Vec<TermView>,
}

/// The Atom feed of a list's kind, as its pages link it.
#[derive(Serialize)]
pub(crate) struct FeedLink {
    pub(crate) title: String,
    /// Relative to the site root: `finance/atom.xml`.
    pub(crate) url: &'static str,
}

#[derive(Serialize)]
pub(crate) struct Pager {
    pub(crate) current: usize,
    pub(crate) total: usize,
    pub(crate) prev_url: Option<String>,
    pub(crate) next_url: Option<String>,
    pub(crate) pages: Vec<PagerLink>,
}

#[derive(Serialize)]
pub(crate) struct PagerLink {
    pub(crate) n: usize,
    pub(crate) url: String,
    pub(crate) current: bool,
    /// Pages are left out before this one (shown as `…`).
    pub(crate) gap_before: bool,
}

/// How many pages on each side of the current one the pager links to.
pub(crate) const PAGER_SPAN: usize = 2;

/// The pages a pager links to: the first, the last and those near `page`, so a page of a long
/// list costs the same as one of a short list (linking every page made lists quadratic).
pub(crate) fn pager_window(page: usize, pages: usize) -> impl Iterator<Item = (usize, bool)> {
    let near = page.saturating_sub(PAGER_SPAN).max(1)..=(page + PAGER_SPAN).min(pages);
    let mut shown: Vec<usize> = std::iter::once(1).chain(near).chain([pages]).collect();
    shown.dedup();
    let mut last = 0;
    shown.into_iter().map(move |n| {
        let gap = n > last + 1;
        last = n;
        (n, gap)
    })
}

pub(crate) fn group_listings<'b>(
    lang: crate::config::Language,
    section: &'static str,
    prefix: &'static str,
    list: &'b [Group],
) -> impl Iterator<Item = Listing<'b>> {
    list.iter().map(move |g| Listing {
        title: format!("{}{}", i18n::t(lang, prefix), g.name),
        url_dir: format!("{section}/{}", encode_segment(&g.folder)),
        disk_dir: format!("{section}/{}", g.folder),
        items: &g.items,
        kind: None,
        years: Vec::new(),
    })
}

pub(crate) fn page_path(dir: &str, n: usize) -> String {
    if n == 1 {
        format!("{dir}/index.html")
    } else {
        format!("{dir}/page-{n}.html")
    }
}

impl Renderer<'_> {
    /// Every page of every list, in parallel.
    pub(crate) fn render_lists(
        &mut self,
        pages: &mut Vec<Cow<'_, str>>,
        errors: &mut Vec<Diagnostic>,
    ) {
        let listings = self.listings();
        let per = self.site.config.paginate_by;
        let jobs: Vec<(usize, usize, usize)> = listings
            .iter()
            .enumerate()
            .flat_map(|(li, l)| {
                let pages = l.items.len().div_ceil(per).max(1);
                (1..=pages).map(move |p| (li, p, pages))
            })
            .collect();
        let results: Vec<Result<String, Diagnostic>> = jobs
            .par_iter()
            .with_max_len(16)
            .map(|&(li, p, total)| self.render_listing(&listings[li], p, total))
            .collect();
        for res in results {
            match res {
                Ok(url) => pages.push(url.into()),
                Err(d) => errors.push(d),
            }
        }
        drop(listings);
        // Lists were the only pages that show items made once per notice.
        self.list_items = Vec::new();
    }

    /// The feed of `kind`'s notices.
    pub(crate) fn kind_feed(&self, kind: Kind) -> FeedLink {
        let channel = Channel {
            kind: Some(kind),
            entries: &[],
        };
        FeedLink {
            title: channel.title(self.site),
            url: channel.atom_path(),
        }
    }

    pub(crate) fn listings(&self) -> Vec<Listing<'_>> {
        let lang = self.site.config.language;
        let t = |k| i18n::t(lang, k);
        let mut out = Vec::new();
        // Per kind: the current school year, with links to the kind's earlier years.
        for kind in Kind::ALL {
            let years: Vec<TermView> = self
                .board
                .year_kinds
                .iter()
                .rev()
                .filter(|((y, k), _)| *k == kind && *y != self.board.current_year)
                .map(|((y, _), items)| TermView {
                    name: format!("{}{}", y.label(), t("year_suffix")),
                    url: format!("years/{}/{}/index.html", y.label(), kind.key()),
                    count: items.len(),
                })
                // Archived years: the archive's own list of the kind.
                .chain(
                    self.board
                        .archived_counts()
                        .iter()
                        .rev()
                        .filter(|((_, k), _)| *k == kind)
                        .map(|((y, _), count)| TermView {
                            name: format!("{y}{}（{}）", t("year_suffix"), t("archived_mark")),
                            url: format!("archive/{y}/{}/index.html", kind.key()),
                            count: *count,
                        }),
                )
                .collect();
            out.push(Listing {
                title: format!(
                    "{} · {}{}",
                    i18n::kind_name(lang, kind),
                    self.board.current_year.label(),
                    t("year_suffix")
                ),
                url_dir: kind.key().to_string(),
                disk_dir: kind.key().to_string(),
                items: self.of_kind(kind),
                kind: Some(kind),
                years,
            });
        }
        for (year, items) in &self.board.years {
            let label = year.label();
            out.push(Listing {
                title: format!("{label}{}", t("year_suffix")),
                url_dir: format!("years/{label}"),
                disk_dir: format!("years/{label}"),
                items,
                kind: None,
                years: Vec::new(),
            });
        }
        for ((year, kind), items) in &self.board.year_kinds {
            let label = year.label();
            let dir = format!("years/{label}/{}", kind.key());
            out.push(Listing {
                title: format!(
                    "{label}{} · {}",
                    t("year_suffix"),
                    i18n::kind_name(lang, *kind)
                ),
                url_dir: dir.clone(),
                disk_dir: dir,
                items,
                kind: Some(*kind),
                years: Vec::new(),
            });
        }
        out.extend(group_listings(lang, "tags", "tag_prefix", &self.board.tags));
        out.extend(group_listings(
            lang,
            "departments",
            "department_prefix",
            &self.board.departments,
        ));
        out
    }

    /// One page of a listing; its key is made of the listing, the page and the keys of the
    /// entries it shows.
    pub(crate) fn render_listing(
        &self,
        l: &Listing,
        page: usize,
        pages: usize,
    ) -> Result<String, Diagnostic> {
        let per = self.site.config.paginate_by;
        let disk = page_path(&l.disk_dir, page);
        let url_of = |n: usize| page_path(&l.url_dir, n);
        let shown = || l.items.iter().skip((page - 1) * per).take(per);
        let key = (!self.summary_keys.is_empty()).then(|| {
            let items: Vec<u64> = shown().map(|&i| self.summary_keys[i]).collect();
            keys::of(&(
                &l.title,
                &l.url_dir,
                page,
                pages,
                l.items.len(),
                l.kind,
                &l.years,
                items,
            ))
        });
        let mut failed = None;
        self.write_keyed("list.html", &disk, key, || {
            let title = if page > 1 {
                format!(
                    "{} · {}",
                    l.title,
                    i18n::t(self.site.config.language, "page").replace("{n}", &page.to_string())
                )
            } else {
                l.title.clone()
            };
            let mut ctx = self.context_hashed(&url_of(page), &title, "list.html", false);
            let root = root_of(&disk);
            ctx.insert("root", &root);
            // Only for a theme whose list reads them: the default one prints `items_html`.
            match shown()
                .map(|&i| self.list_item(i, &root))
                .collect::<Result<Vec<_>, _>>()
            {
                Ok(html) => ctx.insert("items_html", &html),
                Err(d) => failed = Some(d),
            }
            ctx.insert("total", &l.items.len());
            ctx.insert("kind", &l.kind.map(Kind::key));
            ctx.insert("feed", &l.kind.map(|kind| self.kind_feed(kind)));
            ctx.insert("other_years", &l.years);
            ctx.insert(
                "pager",
                &Pager {
                    current: page,
                    total: pages,
                    prev_url: (page > 1).then(|| url_of(page - 1)),
                    next_url: (page < pages).then(|| url_of(page + 1)),
                    pages: pager_window(page, pages)
                        .map(|(n, gap_before)| PagerLink {
                            n,
                            url: url_of(n),
                            current: n == page,
                            gap_before,
                        })
                        .collect(),
                },
            );
            ctx
        })?;
        if let Some(d) = failed {
            return Err(d);
        }
        Ok(url_of(page))
    }
}
#[cfg(test)]
mod pager_tests {
    #[test]
    fn pager_links_the_ends_and_the_neighbourhood() {
        let w = |page, pages| super::pager_window(page, pages).collect::<Vec<_>>();
        assert_eq!(w(1, 1), [(1, false)]);
        assert_eq!(w(1, 3), [(1, false), (2, false), (3, false)]);
        assert_eq!(
            w(10, 500),
            [
                (1, false),
                (8, true),
                (9, false),
                (10, false),
                (11, false),
                (12, false),
                (500, true)
            ]
        );
        assert_eq!(
            w(500, 500),
            [(1, false), (498, true), (499, false), (500, false)]
        );
    }
}
