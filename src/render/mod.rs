//! Rendering the board into files: every page (board, notice pages, paginated lists, term
//! indexes, 404), the feed, sitemap and robots.txt, the theme's static files and the attachments,
//! all written through one [`Output`]. Independent pages render in parallel; what each page
//! contains depends only on the board, so the output is the same whatever the thread timing.

pub mod cache;
pub mod context;
pub mod feed;
pub mod i18n;
pub mod keys;
pub mod kiosk;
pub mod markdown;
pub mod qr;
pub mod search;
pub mod tables;
pub mod templates;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::board::{Board, Group};
use crate::config::Site;
use crate::content::{Audience, Kind};
use crate::diagnostics::{Diagnostic, Problem, Span};
use crate::output::Output;
use crate::theme::{StaticFile, Theme};
use cache::{Recorder, RenderCache, hash_value};
use context::{Summary, encode_segment, group_url, kind_url, summary, year_url};
use templates::Templates;

/// What a build wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub notices: usize,
    pub pages: usize,
    pub files: usize,
    /// Pages rendered by this build (fewer than `pages` when a cache let some be reused).
    pub rendered: usize,
}

/// The result of rendering: the counts and every output path of the build (sorted, each once).
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub stats: Stats,
    pub paths: Arc<Vec<String>>,
}

/// A template context that also hashes what goes into it, so a rebuild can tell whether the
/// page would come out differently.
struct PageCtx {
    ctx: Context,
    /// Only when a later build may reuse the page (serve, watch): a one-off build skips it.
    hash: Option<DefaultHasher>,
}

impl PageCtx {
    fn new(hashing: bool) -> Self {
        PageCtx {
            ctx: Context::new(),
            hash: hashing.then(DefaultHasher::new),
        }
    }

    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if let Some(h) = &mut self.hash {
            hash_value(h, key, value);
        }
        self.ctx.insert(key, value);
    }
}

/// Bodies and tables of the entries that later pages show again (the feed, print and kiosk
/// pages), by board position; the others are dropped as soon as their page is written.
type Kept = Vec<KeptBody>;
type KeptBody = Option<Box<(String, tables::DataView)>>;

/// A list of notices shown over one or more pages.
struct Listing<'a> {
    title: String,
    /// Folder of the list, e.g. `finance` or `tags/%E6%94%B6%E8%B4%B9` (encoded) and on disk.
    url_dir: String,
    disk_dir: String,
    items: &'a [usize],
    kind: Option<Kind>,
    /// Other school years of the same list (links shown on the page).
    years: Vec<TermView>,
}

#[derive(Serialize)]
struct PageInfo<'a> {
    title: &'a str,
    url: &'a str,
    canonical: Option<String>,
    template: &'a str,
}

#[derive(Serialize)]
struct Pager {
    current: usize,
    total: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    pages: Vec<PagerLink>,
}

#[derive(Serialize)]
struct PagerLink {
    n: usize,
    url: String,
    current: bool,
    /// Pages are left out before this one (shown as `…`).
    gap_before: bool,
}

/// How many pages on each side of the current one the pager links to.
const PAGER_SPAN: usize = 2;

/// The pages a pager links to: the first, the last and those near `page`, so a page of a long
/// list costs the same as one of a short list (linking every page made lists quadratic).
fn pager_window(page: usize, pages: usize) -> impl Iterator<Item = (usize, bool)> {
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

#[derive(Serialize, Hash)]
struct TermView {
    name: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct KindBlock {
    key: &'static str,
    name: &'static str,
    url: String,
    count: usize,
    notices: Vec<Summary>,
}

fn group_listings<'b>(
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

/// `../` once per folder level of `path`, so links work from `file://` and any sub-path.
fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

fn page_path(dir: &str, n: usize) -> String {
    if n == 1 {
        format!("{dir}/index.html")
    } else {
        format!("{dir}/page-{n}.html")
    }
}

struct Renderer<'a> {
    site: &'a Site,
    board: &'a Board,
    templates: &'a Templates,
    theme: &'a Theme,
    output: &'a dyn Output,
    summaries: Vec<Arc<Summary>>,
    /// Per entry, the key of its summary (serve and watch only; see [`keys`]).
    summary_keys: Vec<u64>,
    urls: context::GroupUrls,
    /// The previous build's record, when its templates and site-wide values were the same.
    cache: Option<&'a RenderCache>,
    /// Whether pages may be reused: the templates and site-wide values are unchanged.
    reuse_pages: bool,
    rec: &'a Recorder,
    /// Every output path of the build, in no order (sorted once at the end).
    paths: std::sync::Mutex<Vec<String>>,
    /// The plain text of each body parsed by this build, by entry, for the search index.
    body_texts: Vec<std::sync::OnceLock<String>>,
    /// Each entry's summary as a template value, made once for the several lists that show it
    /// (a clone shares it).
    summary_values: Vec<std::sync::OnceLock<tera::Value>>,
    /// Each entry's items of list pages (`partials/notice_item.html`) one, two and three
    /// folders deep, made once for the several lists that show it.
    list_items: Vec<std::sync::OnceLock<Vec<Result<tera::Value, Diagnostic>>>>,
}

/// Depths of list pages whose items are kept (`finance/`, `tags/收费/`, `years/2025-2026/finance/`).
const ITEM_DEPTHS: usize = 3;

/// The template of one notice in a list.
const ITEM_TEMPLATE: &str = "partials/notice_item.html";

/// Empty slots, one per entry of the board.
fn per_entry<T: Default>(board: &Board) -> Vec<T> {
    (0..board.entries.len()).map(|_| T::default()).collect()
}

impl Renderer<'_> {
    /// Entry `i`'s item on a list page whose `root` is given: `partials/notice_item.html`
    /// with `n` (the summary), `root` and the site-wide values, as HTML. Lists are one, two
    /// and three folders deep (kinds; years, tags and departments; kinds within a year) and a
    /// notice shows on lists of each depth: its items for the three are made together, from
    /// one template value of its summary that is not kept.
    fn list_item(&self, i: usize, root: &str) -> Result<tera::Value, Diagnostic> {
        let render = |n: &tera::Value, root: &str| -> Result<tera::Value, Diagnostic> {
            let mut ctx = Context::new();
            ctx.insert("n", n);
            ctx.insert("root", root);
            let html = self.templates.render(ITEM_TEMPLATE, &ctx)?;
            Ok(tera::Value::safe_string(&String::from_utf8_lossy(&html)))
        };
        let summary = || tera::Value::from_serializable(&*self.summaries[i]);
        let depth = root.len() / "../".len();
        if !(1..=ITEM_DEPTHS).contains(&depth) {
            return render(&summary(), root);
        }
        let items = self.list_items[i].get_or_init(|| {
            let n = summary();
            (1..=ITEM_DEPTHS)
                .map(|d| render(&n, &"../".repeat(d)))
                .collect()
        });
        items[depth - 1].clone()
    }

    /// Entry `i`'s summary as a template value.
    fn summary_value(&self, i: usize) -> tera::Value {
        self.summary_values[i]
            .get_or_init(|| tera::Value::from_serializable(&*self.summaries[i]))
            .clone()
    }

    fn context(&self, path: &str, title: &str, template: &str) -> PageCtx {
        self.context_hashed(path, title, template, self.cache.is_some())
    }

    /// A page context; `hashing` when the page is reused by the hash of its context.
    fn context_hashed(&self, path: &str, title: &str, template: &str, hashing: bool) -> PageCtx {
        let mut ctx = PageCtx::new(hashing);
        let base = self.site.base_url();
        ctx.insert("root", &root_of(path));
        ctx.insert(
            "page",
            &PageInfo {
                title,
                url: path,
                canonical: (!base.is_empty()).then(|| format!("{base}{path}")),
                template,
            },
        );
        ctx
    }

    fn emitted(&self, path: &str) {
        let path = path.to_string();
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path);
    }

    /// Renders a page unless the previous build rendered it from the same inputs.
    fn write_page(&self, template: &str, path: &str, ctx: &PageCtx) -> Result<(), Diagnostic> {
        self.emitted(path);
        let hash = ctx.hash.clone().map(|mut h| {
            (template, path).hash(&mut h);
            h.finish()
        });
        if self.unchanged(path, hash) {
            return Ok(());
        }
        let html = self.templates.render(template, &ctx.ctx)?;
        self.emit_page(path, html)
    }

    /// Hands a rendered page to the output.
    fn emit_page(&self, path: &str, html: Vec<u8>) -> Result<(), Diagnostic> {
        self.output
            .write_owned(path, html)
            .map_err(|e| Diagnostic::error(Span::file(path), Problem::Io(e.to_string())))?;
        self.rec.rendered.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Records the key of the page at `path` and tells whether the last build rendered it from
    /// the same key (and the same templates and site-wide values). Pages are known by a hash of
    /// their path: no string is kept per page.
    fn unchanged(&self, path: &str, key: Option<u64>) -> bool {
        let Some(key) = key else {
            return false;
        };
        let at = keys::of(path);
        self.rec
            .pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((at, key));
        self.reuse_pages && self.cache.and_then(|c| c.pages.get(&at)) == Some(&key)
    }

    /// Renders a page unless the previous build rendered it with the same `key` (see [`keys`]);
    /// its context is only made when the page is rendered. Without a key (one-off builds), the
    /// page is always rendered.
    fn write_keyed(
        &self,
        template: &str,
        path: &str,
        key: Option<u64>,
        make: impl FnOnce() -> PageCtx,
    ) -> Result<(), Diagnostic> {
        self.emitted(path);
        if self.unchanged(path, key.map(|k| keys::of(&(k, template, path)))) {
            return Ok(());
        }
        let html = self.templates.render(template, &make().ctx)?;
        self.emit_page(path, html)
    }

    /// The key of entry `i`'s page: its summary, department and where its links lead.
    fn notice_key(&self, i: usize) -> Option<u64> {
        let sk = *self.summary_keys.get(i)?;
        let e = &self.board.entries[i];
        let links: Vec<(&String, Option<String>)> = e
            .notice
            .links
            .iter()
            .map(|(d, _)| (d, self.link_url(e, d)))
            .collect();
        let department = e
            .notice
            .department
            .as_ref()
            .and_then(|d| self.urls.department(d));
        Some(keys::of(&(keys::entry(e, sk), department, links)))
    }

    /// Copies a file unless the previous build copied the same, unchanged source.
    fn copy(&self, rel: &str, source: &Path, owner: &str) -> Result<(), Diagnostic> {
        self.emitted(rel);
        let meta = std::fs::metadata(source)
            .map_err(|e| Diagnostic::error(Span::file(owner), Problem::Io(e.to_string())))?;
        let key = (source.to_path_buf(), meta.modified().ok(), meta.len());
        let unchanged = self.cache.and_then(|c| c.copies.get(rel)) == Some(&key);
        if !unchanged {
            self.output
                .copy(rel, source)
                .map_err(|e| Diagnostic::error(Span::file(owner), Problem::Io(e.to_string())))?;
        }
        self.rec
            .copies
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_string(), key);
        Ok(())
    }

    /// A notice's body with its tables placed, and its data as templates see it.
    fn body_and_data(&self, i: usize) -> Result<(String, tables::DataView), Diagnostic> {
        let e = &self.board.entries[i];
        let view = tables::data_view(&e.notice.data, self.site.config.language);
        let tables = tables::tables_html(&view, self.templates)?;
        Ok((tables::place(&self.body_html(i), &tables), view))
    }

    /// Where a body link of `e` leads in the output, relative to its page.
    fn link_url(&self, e: &crate::board::Entry, dest: &str) -> Option<String> {
        use crate::content::notice::LinkTarget as Target;
        let target = &e.notice.link_targets.iter().find(|(d, _)| d == dest)?.1;
        let url = match target {
            Target::Notice(p) => self.board.by_source.get(p)?.clone(),
            Target::Slug(s) => self.board.by_slug.get(s)?.clone(),
            Target::Attachment(name) => context::attachment_url(e, name),
            Target::External | Target::Fragment => return None,
        };
        Some(format!("../{url}"))
    }

    /// A notice body as HTML, reused from the previous build when its Markdown is unchanged.
    /// A body parsed here leaves its plain text for the search index.
    fn body_html(&self, i: usize) -> Arc<String> {
        let e = &self.board.entries[i];
        let (rel, markdown) = (&e.notice.rel, &e.notice.body);
        // Links to other notices and attachments lead to their output URLs.
        let resolved: Vec<(String, Option<String>)> = e
            .notice
            .links
            .iter()
            .map(|(d, _)| (d.clone(), self.link_url(e, d)))
            .collect();
        // Only serve and watch keep bodies between builds; a one-off build hashes nothing.
        let hash = self.cache.map(|_| keys::of(&(markdown, &resolved)));
        let html = match self.cache.and_then(|c| c.bodies.get(rel.as_str())) {
            Some((old, html)) if Some(*old) == hash => html.clone(),
            _ => {
                let (html, text) = markdown::to_html_and_text(markdown, &|d: &str| {
                    resolved
                        .iter()
                        .find(|(x, _)| x == d)
                        .and_then(|(_, u)| u.clone())
                });
                if let Some(slot) = self.body_texts.get(i) {
                    let _ = slot.set(text);
                }
                Arc::new(html)
            }
        };
        if let Some(hash) = hash {
            self.rec
                .bodies
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(rel.to_string(), (hash, html.clone()));
        }
        html
    }

    /// The notices of a kind, newest first.
    fn of_kind(&self, kind: Kind) -> &[usize] {
        self.board
            .kinds
            .get(&kind)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    fn listings(&self) -> Vec<Listing<'_>> {
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
    fn render_listing(&self, l: &Listing, page: usize, pages: usize) -> Result<String, Diagnostic> {
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
            if self.templates.lists_read_notices {
                let items: Vec<tera::Value> = shown().map(|&i| self.summary_value(i)).collect();
                ctx.insert("notices", &items);
            }
            match shown()
                .map(|&i| self.list_item(i, &root))
                .collect::<Result<Vec<_>, _>>()
            {
                Ok(html) => ctx.insert("items_html", &html),
                Err(d) => failed = Some(d),
            }
            ctx.insert("total", &l.items.len());
            ctx.insert("kind", &l.kind.map(Kind::key));
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

    fn render_board(&self) -> Result<(), Diagnostic> {
        let lang = self.site.config.language;
        let mut ctx = self.context("index.html", &self.site.config.title, "index.html");
        let open: Vec<&Summary> = self
            .board
            .open
            .iter()
            .map(|&i| &*self.summaries[i])
            .collect();
        ctx.insert("open", &open);
        let latest: Vec<KindBlock> = Kind::ALL
            .iter()
            .map(|&kind| {
                let items = self.of_kind(kind);
                KindBlock {
                    key: kind.key(),
                    name: i18n::kind_name(lang, kind),
                    url: kind_url(kind),
                    count: items.len(),
                    notices: items
                        .iter()
                        .take(5)
                        .map(|&i| (*self.summaries[i]).clone())
                        .collect(),
                }
            })
            .collect();
        ctx.insert("latest", &latest);
        ctx.insert("total", &self.board.entries.len());
        self.write_page("index.html", "index.html", &ctx)
    }

    fn render_terms(
        &self,
        section: &str,
        title_key: &str,
        terms: Vec<TermView>,
    ) -> Result<String, Diagnostic> {
        let path = format!("{section}/index.html");
        let title = i18n::t(self.site.config.language, title_key);
        let mut ctx = self.context(&path, title, "terms.html");
        ctx.insert("terms", &terms);
        ctx.insert("section", section);
        self.write_page("terms.html", &path, &ctx)?;
        Ok(path)
    }

    /// Entry `i`'s page (its body and tables made only when the page is rendered) and its
    /// attachments. Returns the body and tables when `keep` asks for them and they were made.
    fn render_notice(&self, i: usize, keep: bool) -> Result<KeptBody, Diagnostic> {
        let e = &self.board.entries[i];
        let (mut kept, mut failed) = (None, None);
        self.write_keyed("notice.html", &e.url, self.notice_key(i), || {
            let (body, data) = self.body_and_data(i).unwrap_or_else(|d| {
                failed = Some(d);
                Default::default()
            });
            if keep {
                kept = Some(Box::new((body.clone(), data.clone())));
            }
            let summary = (*self.summaries[i]).clone();
            let data = Some(data);
            let detail = context::detail(self.site, &self.urls, e, summary, body, data);
            let mut ctx = self.context_hashed(&e.url, &e.notice.title, "notice.html", false);
            ctx.insert("notice", &detail);
            ctx
        })?;
        if let Some(d) = failed {
            return Err(d);
        }
        for a in &e.notice.attachments {
            let rel = format!("files/{}/{}", e.slug, a.file_name);
            self.copy(&rel, &a.source, &e.notice.rel)?;
        }
        Ok(kept)
    }

    /// Copies every archive into the output as it is: never rendered again.
    fn copy_archives(&self) -> Result<(), Diagnostic> {
        for a in &self.board.archives {
            for rel in crate::paths::files_under(&a.dir) {
                let source = a.dir.join(&rel);
                self.copy(
                    &format!("archive/{}/{rel}", a.year),
                    &source,
                    &format!("archive/{}", a.year),
                )?;
            }
        }
        Ok(())
    }

    /// URLs published once keep working (they are printed in QR codes and cited in letters):
    /// an archived notice's old URL leads to its archived page, an old slug to the notice's
    /// new URL, a withdrawn notice's URL to its correction or to a page saying it was
    /// withdrawn.
    fn write_redirects(&self) -> Result<(), Diagnostic> {
        let lang = self.site.config.language;
        let t = |key| i18n::t(lang, key);
        for (slug, year) in &self.board.archived {
            let target = format!("../archive/{year}/notices/{slug}.html");
            let message = t("archive_moved").replace("{year}", year);
            self.write_small(slug, &message, None, Some(&target), true)?;
        }
        for (old, url) in &self.board.moved {
            self.write_small(old, t("slug_moved"), None, Some(&format!("../{url}")), true)?;
        }
        for w in &self.board.withdrawn {
            let mut about = w.title.clone();
            if let Some(no) = &w.index_no {
                about = format!("{about}（{no}）");
            }
            match &w.correction {
                // A link, not a redirect: the correction links back to this page.
                Some(c) => self.write_small(
                    &w.slug,
                    t("withdrawn_corrected"),
                    Some(&about),
                    Some(&format!("../{}", c.url)),
                    false,
                )?,
                None => self.write_small(&w.slug, t("withdrawn"), Some(&about), None, false)?,
            }
        }
        Ok(())
    }

    /// `notices/{slug}.html` as a small page (`small.html`) with a message and a link to
    /// `target` (a redirect there when `redirect`), else to the board.
    fn write_small(
        &self,
        slug: &str,
        message: &str,
        about: Option<&str>,
        target: Option<&str>,
        redirect: bool,
    ) -> Result<(), Diagnostic> {
        let path = format!("notices/{slug}.html");
        let mut ctx = Context::new();
        ctx.insert("root", &root_of(&path));
        ctx.insert("message", message);
        ctx.insert("about", &about);
        ctx.insert("target", &target);
        ctx.insert("redirect", &(redirect && target.is_some()));
        let html = self.templates.render("small.html", &ctx)?;
        self.emitted(&path);
        self.output
            .write(&path, &html)
            .map_err(|e| Diagnostic::error(Span::file(&path), Problem::Io(e.to_string())))
    }

    /// The full details of some entries, with the bodies and tables `kept` from the notice pages
    /// (made again for entries not kept).
    fn details(&self, which: &[usize], kept: &Kept) -> Result<Vec<context::Detail>, Diagnostic> {
        which
            .iter()
            .map(|&i| {
                let e = &self.board.entries[i];
                let (body, data) = match kept.get(i) {
                    Some(Some(k)) => (**k).clone(),
                    _ => self.body_and_data(i)?,
                };
                Ok(context::detail(
                    self.site,
                    &self.urls,
                    e,
                    (*self.summaries[i]).clone(),
                    body,
                    // The kiosk pages through the tables' rows.
                    Some(data),
                ))
            })
            .collect()
    }

    /// `print/open.html`: every open notice on A4 pages, with its QR code, for the board. A
    /// standalone page (`gongkai print`) carries its stylesheet inline.
    fn print_context(
        &self,
        details: &[context::Detail],
        path: &str,
        title: &str,
        standalone: bool,
    ) -> PageCtx {
        let mut ctx = self.context_hashed(path, title, "print.html", false);
        ctx.insert("notices", details);
        ctx.insert("style", &standalone.then(|| self.inline_css()));
        ctx
    }

    /// `kiosk.html`: the lobby screen.
    fn kiosk_context(&self, details: &[context::Detail]) -> PageCtx {
        let k = &self.site.config.kiosk;
        let title = i18n::t(self.site.config.language, "kiosk_title");
        let mut ctx = self.context_hashed("kiosk.html", title, "kiosk.html", false);
        ctx.insert(
            "slides",
            &kiosk::slides(details, k.rows_per_page, self.site.config.language),
        );
        ctx.insert("seconds", &k.seconds.max(3));
        ctx.insert("refresh_minutes", &k.refresh_minutes.max(1));
        ctx
    }

    /// A key for pages that show entries `which` in full (print, kiosk, feed).
    fn entries_key(&self, which: impl Iterator<Item = usize>) -> Option<u64> {
        let keys: Option<Vec<u64>> = which.map(|i| self.notice_key(i)).collect();
        keys.map(|k| keys::of(&k))
    }

    /// `search.html`: the search form and its results (filled by `search.js`).
    fn render_search_page(&self) -> Result<(), Diagnostic> {
        let lang = self.site.config.language;
        let mut ctx = self.context("search.html", i18n::t(lang, "search"), "search.html");
        let labels: std::collections::BTreeMap<&str, &str> = [
            ("searching", "search_searching"),
            ("count", "search_count"),
            ("unavailable", "search_unavailable"),
            ("file", "search_file"),
        ]
        .into_iter()
        .map(|(k, v)| (k, i18n::t(lang, v)))
        .collect();
        ctx.insert(
            "labels",
            &serde_json::to_string(&labels).unwrap_or_default(),
        );
        self.write_page("search.html", "search.html", &ctx)
    }

    /// The theme's stylesheet, for pages that must stand alone.
    fn inline_css(&self) -> String {
        match self.theme.statics.get("style.css") {
            Some(StaticFile::Embedded(b)) => String::from_utf8_lossy(b).into_owned(),
            Some(StaticFile::Disk(p)) => std::fs::read_to_string(p).unwrap_or_default(),
            None => String::new(),
        }
    }

    fn render_404(&self) -> Result<(), Diagnostic> {
        let title = i18n::t(self.site.config.language, "not_found");
        let mut ctx = self.context("404.html", title, "404.html");
        // A 404 page is served at any depth: link from the site root.
        let base = self.site.base_url();
        let root = if base.is_empty() {
            "/".to_string()
        } else {
            base
        };
        ctx.insert("root", &root);
        self.write_page("404.html", "404.html", &ctx)
    }

    fn write_statics(&self, theme: &Theme) -> Result<usize, Diagnostic> {
        theme
            .statics
            .par_iter()
            .map(|(rel, file)| match file {
                StaticFile::Embedded(bytes) => {
                    self.emitted(rel);
                    self.output
                        .write(rel, bytes)
                        .map_err(|e| Diagnostic::error(Span::file(rel), Problem::Io(e.to_string())))
                }
                StaticFile::Disk(path) => self.copy(rel, path, rel),
            })
            .collect::<Result<Vec<()>, _>>()
            .map(|v| v.len())
    }
}

/// The archived school years the board leads to, newest first, as terms leading to each
/// archive (`2025-2026{suffix}（已归档）`) with its count of notices.
fn archived_year_terms(
    board: &Board,
    lang: crate::config::Language,
    suffix: &str,
) -> Vec<TermView> {
    let counts = board.archived_counts();
    board
        .archived_years()
        .into_iter()
        .map(|y| TermView {
            count: counts
                .iter()
                .filter(|((year, _), _)| *year == y)
                .map(|(_, n)| n)
                .sum(),
            url: format!("archive/{y}/index.html"),
            name: format!("{y}{suffix}（{}）", i18n::t(lang, "archived_mark")),
        })
        .collect()
}

/// The archived school years, newest first.
fn archive_terms(board: &Board, lang: crate::config::Language) -> Vec<TermView> {
    board
        .archives
        .iter()
        .map(|a| TermView {
            name: format!("{}{}", a.year, i18n::t(lang, "year_suffix")),
            url: format!("archive/{}/index.html", a.year),
            count: a.notice_count(),
        })
        .collect()
}

/// Values every template sees: the site, the UI strings, the navigation. Returns their hash.
fn global_context(tera: &mut tera::Tera, site: &Site, board: &Board) -> u64 {
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
struct SiteView<'a> {
    title: &'a str,
    school: &'a str,
    school_code: &'a str,
    description: Option<&'a str>,
    lang: &'static str,
    base_url: String,
    contact: &'a crate::config::Contact,
    notice_period_days: u32,
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

/// A standalone print page (stylesheet inline) of every notice of `board`, in board order: what
/// `gongkai print` writes.
pub fn print_page(
    site: &Site,
    board: &Board,
    theme: &Theme,
    title: &str,
) -> Result<String, Vec<Diagnostic>> {
    let mut templates = Templates::compile(theme).map_err(|d| vec![d])?;
    templates.set_globals(false, |tera| global_context(tera, site, board));
    let urls = context::GroupUrls::new(board);
    let output = crate::output::MemoryOutput::default();
    let rec = Recorder::default();
    let r = Renderer {
        site,
        board,
        templates: &templates,
        theme,
        output: &output,
        summaries: board
            .entries
            .iter()
            .map(|e| Arc::new(summary(site, e, &urls)))
            .collect(),
        summary_keys: Vec::new(),
        urls,
        cache: None,
        reuse_pages: false,
        rec: &rec,
        paths: Default::default(),
        body_texts: per_entry(board),
        summary_values: per_entry(board),
        list_items: per_entry(board),
    };
    let all: Vec<usize> = (0..board.entries.len()).collect();
    let details = r.details(&all, &Kept::new()).map_err(|d| vec![d])?;
    r.write_keyed("print.html", "print.html", None, || {
        r.print_context(&details, "print.html", title, true)
    })
    .map_err(|d| vec![d])?;
    drop(r);
    let files = output.into_files();
    Ok(files
        .get("print.html")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default())
}

/// The summary of every entry, and with a cache (serve, watch) their keys: a summary whose key
/// is the same as in the last build is reused as it is.
fn summaries_of(
    site: &Site,
    board: &Board,
    urls: &context::GroupUrls,
    cache: Option<&RenderCache>,
    rec: &Recorder,
) -> (Vec<Arc<Summary>>, Vec<u64>) {
    let Some(cache) = cache else {
        let all = board
            .entries
            .par_iter()
            .map(|e| Arc::new(summary(site, e, urls)))
            .collect();
        return (all, Vec::new());
    };
    // (hash of the notice's URL, summary key, summary) per entry.
    let made: Vec<(u64, u64, Arc<Summary>)> = board
        .entries
        .par_iter()
        .map(|e| {
            let (at, key) = (keys::of(&e.url), keys::summary(e, urls));
            match cache.summaries.get(&at) {
                Some((k, s)) if *k == key => (at, key, s.clone()),
                _ => (at, key, Arc::new(summary(site, e, urls))),
            }
        })
        .collect();
    rec.summaries
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .extend(made.iter().map(|(at, k, s)| (*at, (*k, s.clone()))));
    made.into_iter().map(|(_, k, s)| (s, k)).unzip()
}

/// The output paths sorted, each once. A rebuild usually writes the same paths as the last
/// one: when their (order-independent) hash is the same, the last sorted list is reused instead
/// of sorting some 16,000 paths again.
fn sorted_paths(
    mut paths: Vec<String>,
    cache: Option<&RenderCache>,
    rec: &Recorder,
) -> Arc<Vec<String>> {
    let Some(cache) = cache else {
        paths.par_sort_unstable();
        paths.dedup();
        return Arc::new(paths);
    };
    let set: std::collections::HashSet<&str, foldhash::fast::FixedState> =
        paths.iter().map(String::as_str).collect();
    let key = set
        .iter()
        .fold((set.len() as u64, 0u64), |(n, x), p| (n, x ^ keys::of(p)));
    let sorted = match &cache.paths {
        Some((k, sorted)) if *k == key => sorted.clone(),
        _ => {
            paths.par_sort_unstable();
            paths.dedup();
            Arc::new(paths)
        }
    };
    *rec.paths.lock().unwrap_or_else(|e| e.into_inner()) = Some((key, sorted.clone()));
    sorted
}

/// Renders the whole board into `output`. On error, returns every error found; what was already
/// written is left for the caller to discard.
pub fn render_site(
    site: &Site,
    board: &Board,
    theme: &Theme,
    output: &dyn Output,
    cache: Option<&mut RenderCache>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let t = crate::timings::phase("render: templates and global values");
    let mut templates = Templates::compile(theme).map_err(|d| vec![d])?;
    let mut global = DefaultHasher::new();
    for (name, src) in &theme.templates {
        (name, &src.text).hash(&mut global);
    }
    templates
        .set_globals(cache.is_none(), |tera| global_context(tera, site, board))
        .hash(&mut global);
    let global = global.finish();
    let rec = Recorder::sized_like(cache.as_deref());
    let (reuse, mut cache) = match cache {
        Some(c) => (c.global == Some(global), Some(c)),
        None => (false, None),
    };
    drop(t);
    // The search index is updated in place, apart from the rest of the cache.
    let mut search_state = cache.as_deref_mut().map(|c| std::mem::take(&mut c.search));
    let lang = site.config.language;
    let urls = context::GroupUrls::new(board);
    let _t = crate::timings::phase("render: summaries");
    let (summaries, summary_keys) = summaries_of(site, board, &urls, cache.as_deref(), &rec);
    let mut r = Renderer {
        site,
        board,
        templates: &templates,
        theme,
        output,
        summaries,
        summary_keys,
        urls,
        // Bodies and copies do not depend on templates: always reusable.
        cache: cache.as_deref(),
        reuse_pages: reuse,
        rec: &rec,
        paths: Default::default(),
        body_texts: per_entry(board),
        summary_values: per_entry(board),
        list_items: per_entry(board),
    };
    drop(_t);
    let mut errors: Vec<Diagnostic> = Vec::new();
    // The sitemap's pages, in a stable order.
    let mut pages: Vec<std::borrow::Cow<str>> = vec!["index.html".into()];

    // Notice pages, each body and table made, written and dropped in turn; only those shown
    // again later are kept.
    let _t = crate::timings::phase("render: notice pages");
    let mut shown_again = vec![false; board.entries.len()];
    for i in board.open.iter().copied().chain(0..site.config.feed_limit) {
        if let Some(flag) = shown_again.get_mut(i) {
            *flag = true;
        }
    }
    let notice_results: Vec<Result<KeptBody, Diagnostic>> = board
        .entries
        .par_iter()
        .enumerate()
        .map(|(i, _)| r.render_notice(i, shown_again[i]))
        .collect();
    pages.extend(board.entries.iter().map(|e| e.url.as_str().into()));
    let mut kept = Kept::with_capacity(board.entries.len());
    for res in notice_results {
        match res {
            Ok(k) => kept.push(k),
            Err(d) => {
                kept.push(None);
                errors.push(d);
            }
        }
    }

    drop(_t);
    // The search index next, while the bodies' plain texts are the only extra memory held.
    let _t = crate::timings::phase("render: search index");
    let bodies = std::mem::take(&mut r.body_texts)
        .into_iter()
        .map(std::sync::OnceLock::into_inner)
        .collect();
    let search_errors = std::sync::Mutex::new(Vec::new());
    let emit = |rel: &str, json: Option<&str>| {
        r.emitted(rel);
        if let Some(json) = json
            && let Err(e) = output.write(rel, json.as_bytes())
        {
            let d = Diagnostic::error(Span::file(rel), Problem::Io(e.to_string()));
            search_errors
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(d);
        }
    };
    search::write_index(
        board,
        &r.summaries,
        bodies,
        lang,
        search_state.as_mut(),
        &emit,
    );
    errors.extend(
        search_errors
            .into_inner()
            .unwrap_or_else(|e| e.into_inner()),
    );
    drop(_t);
    let _t = crate::timings::phase("render: lists");
    let listings = r.listings();
    let per = site.config.paginate_by;
    let list_jobs: Vec<(usize, usize, usize)> = listings
        .iter()
        .enumerate()
        .flat_map(|(li, l)| {
            let pages = l.items.len().div_ceil(per).max(1);
            (1..=pages).map(move |p| (li, p, pages))
        })
        .collect();
    let list_results: Vec<Result<String, Diagnostic>> = list_jobs
        .par_iter()
        .map(|&(li, p, total)| r.render_listing(&listings[li], p, total))
        .collect();
    for res in list_results {
        match res {
            Ok(url) => pages.push(url.into()),
            Err(d) => errors.push(d),
        }
    }
    // Lists were the only pages that show summaries and items as shared values.
    r.summary_values = Vec::new();
    r.list_items = Vec::new();

    drop(_t);
    let _t = crate::timings::phase("render: other pages, archives, statics");
    let term = |groups: &[Group], section: &str| -> Vec<TermView> {
        groups
            .iter()
            .map(|g| TermView {
                name: g.name.clone(),
                url: group_url(section, g),
                count: g.items.len(),
            })
            .collect()
    };
    let years: Vec<TermView> = board
        .years
        .iter()
        .map(|(y, items)| TermView {
            name: format!("{}{}", y.label(), i18n::t(lang, "year_suffix")),
            url: year_url(&y.label()),
            count: items.len(),
        })
        // Archived years: their archive.
        .chain(archived_year_terms(
            board,
            lang,
            i18n::t(lang, "year_suffix"),
        ))
        .collect();
    for res in [
        r.render_terms("tags", "tags", term(&board.tags, "tags")),
        r.render_terms(
            "departments",
            "departments",
            term(&board.departments, "departments"),
        ),
        r.render_terms("years", "school_years", years),
    ] {
        match res {
            Ok(url) => pages.push(url.into()),
            Err(d) => errors.push(d),
        }
    }
    if !board.archives.is_empty() {
        match r.render_terms("archive", "archives", archive_terms(board, lang)) {
            Ok(url) => pages.push(url.into()),
            Err(d) => errors.push(d),
        }
    }
    errors.extend(r.render_board().err());
    errors.extend(r.render_404().err());
    // The print and kiosk pages show the open notices in full: made only when one of those
    // changed, and then once for both.
    let open = std::cell::OnceCell::new();
    // A table that fails to render fails on its notice page too, and is reported there.
    let open_details = || open.get_or_init(|| r.details(&board.open, &kept).unwrap_or_default());
    let open_key = r.entries_key(board.open.iter().copied());
    errors.extend(
        r.write_keyed("print.html", "print/open.html", open_key, || {
            let title = i18n::t(lang, "print_title");
            r.print_context(open_details(), "print/open.html", title, false)
        })
        .err(),
    );
    errors.extend(
        r.write_keyed("kiosk.html", "kiosk.html", open_key, || {
            r.kiosk_context(open_details())
        })
        .err(),
    );
    errors.extend(r.render_search_page().err());
    pages.extend(["search.html", "print/open.html", "kiosk.html"].map(Into::into));
    errors.extend(r.copy_archives().err());
    errors.extend(r.write_redirects().err());
    let statics = r.write_statics(theme).map_err(|d| vec![d]);

    let mut write = |rel: &str, text: String| {
        r.emitted(rel);
        if let Err(e) = output.write(rel, text.as_bytes()) {
            errors.push(Diagnostic::error(
                Span::file(rel),
                Problem::Io(e.to_string()),
            ));
        }
    };
    drop(_t);
    let _t = crate::timings::phase("render: feed, sitemap");
    let body = |i: usize| match kept.get(i) {
        Some(Some(k)) => k.0.clone(),
        // (A table that fails is reported by its notice page.)
        _ => r.body_and_data(i).map(|b| b.0).unwrap_or_default(),
    };
    // Made again only when what they are made of changed (serve, watch; `key` is `None` in a
    // one-off build).
    let document = |name: &'static str, key: Option<u64>, make: &dyn Fn() -> String| {
        let text = match (key, r.cache.and_then(|c| c.documents.get(name))) {
            (Some(key), Some((old, text))) if r.reuse_pages && key == *old => text.clone(),
            _ => make(),
        };
        if let Some(key) = key {
            rec.documents
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(name, (key, text.clone()));
        }
        text
    };
    // The feed carries the newest notices in full; the sitemap lists every page.
    let limit = site.config.feed_limit.min(board.entries.len());
    let atom = document("atom.xml", r.entries_key(0..limit), &|| {
        feed::atom(site, board, &r.summaries, &body)
    });
    write("atom.xml", atom);
    let sitemap_key = r.cache.map(|_| keys::of(&pages));
    let sitemap = document("sitemap.xml", sitemap_key, &|| feed::sitemap(site, &pages));
    write("sitemap.xml", sitemap);
    write("robots.txt", feed::robots(site, board.audience));
    let statics = match statics {
        Ok(n) => n,
        Err(mut d) => {
            errors.append(&mut d);
            0
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let attachments: usize = board
        .entries
        .iter()
        .map(|e| e.notice.attachments.len())
        .sum();
    let paths = sorted_paths(
        r.paths.into_inner().unwrap_or_else(|e| e.into_inner()),
        cache.as_deref(),
        &rec,
    );

    let stats = Stats {
        notices: board.entries.len(),
        pages: pages.len() + 1,
        files: statics + attachments + 3,
        rendered: rec.rendered.load(Ordering::Relaxed),
    };
    if let Some(c) = cache {
        c.absorb(global, rec);
        c.search = search_state.unwrap_or_default();
    }
    Ok(Rendered { stats, paths })
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
