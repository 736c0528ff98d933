//! The renderer: the board, its summaries and the templates, and the few ways a page gets
//! written — by the hash of its context, by a key made before its context, or copied — all
//! through one [`Output`] and asking [`Incremental`] what the last build already made. The page
//! modules (`render::pages`) add one method each.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use tera::Context;

use super::cache::hash_value;
use super::context::{self, Summary};
use super::incremental::Incremental;
use super::templates::Templates;
use super::{keys, markdown, tables};
use crate::board::Board;
use crate::config::Site;
use crate::content::Kind;
use crate::diagnostics::{Diagnostic, Problem, Span};
use crate::output::Output;
use crate::theme::{StaticFile, Theme};

pub(crate) struct Renderer<'a> {
    pub(crate) site: &'a Site,
    pub(crate) board: &'a Board,
    pub(crate) templates: &'a Templates,
    pub(crate) theme: &'a Theme,
    pub(crate) output: &'a dyn Output,
    pub(crate) summaries: Vec<Arc<Summary>>,
    /// Per entry, the key of what its summary was made from, and the key of the summary itself
    /// (serve and watch only; see [`keys`]).
    pub(crate) entry_keys: Vec<u64>,
    pub(crate) summary_keys: Vec<u64>,
    pub(crate) urls: context::GroupUrls,
    /// What the last build made (serve, watch), and what this one records.
    pub(crate) inc: &'a Incremental<'a>,
    /// Every output path of the build, in no order (sorted once at the end).
    pub(crate) paths: std::sync::Mutex<Vec<String>>,
    /// The plain text of each body parsed by this build, by entry, for the search index.
    pub(crate) body_texts: Vec<std::sync::OnceLock<String>>,
    /// Each entry's items of list pages (`partials/notice_item.html`) one, two and three
    /// folders deep, made once for the several lists that show it.
    pub(crate) list_items: Vec<std::sync::OnceLock<Vec<Result<tera::Value, Diagnostic>>>>,
}

/// Depths of list pages whose items are kept (`finance/`, `tags/收费/`, `years/2025-2026/finance/`).
pub(crate) const ITEM_DEPTHS: usize = 3;

/// The template of one notice in a list.
pub(crate) const ITEM_TEMPLATE: &str = "partials/notice_item.html";

/// Empty slots, one per entry of the board.
pub(crate) fn per_entry<T: Default>(board: &Board) -> Vec<T> {
    (0..board.entries.len()).map(|_| T::default()).collect()
}

/// `../` once per folder level of `path`, so links work from `file://` and any sub-path.
pub(crate) fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// A template context that also hashes what goes into it, so a rebuild can tell whether the
/// page would come out differently.
pub(crate) struct PageCtx {
    pub(crate) ctx: Context,
    /// Only when a later build may reuse the page (serve, watch): a one-off build skips it.
    pub(crate) hash: Option<DefaultHasher>,
}

impl PageCtx {
    pub(crate) fn new(hashing: bool) -> Self {
        PageCtx {
            ctx: Context::new(),
            hash: hashing.then(DefaultHasher::new),
        }
    }

    pub(crate) fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if let Some(h) = &mut self.hash {
            hash_value(h, key, value);
        }
        self.ctx.insert(key, value);
    }
}

#[derive(Serialize)]
pub(crate) struct PageInfo<'a> {
    pub(crate) title: &'a str,
    pub(crate) url: &'a str,
    pub(crate) canonical: Option<String>,
    pub(crate) template: &'a str,
}

/// Bodies and tables of the entries that later pages show again (the feed, print and kiosk
/// pages), by board position; the others are dropped as soon as their page is written.
pub(crate) type Kept = Vec<KeptBody>;

pub(crate) type KeptBody = Option<Box<(String, tables::DataView)>>;

impl<'a> Renderer<'a> {
    /// A renderer of `board` with these templates into `output`; its entries' summaries are
    /// made (or, in a rebuild, reused) here.
    pub(crate) fn new(
        site: &'a Site,
        board: &'a Board,
        templates: &'a Templates,
        theme: &'a Theme,
        output: &'a dyn Output,
        inc: &'a Incremental<'a>,
    ) -> Self {
        let urls = context::GroupUrls::new(board);
        let (summaries, entry_keys, summary_keys) = inc.summaries(site, board, &urls);
        Renderer {
            site,
            board,
            templates,
            theme,
            output,
            summaries,
            entry_keys,
            summary_keys,
            urls,
            inc,
            paths: Default::default(),
            body_texts: per_entry(board),
            list_items: per_entry(board),
        }
    }

    /// Every output path written, in no order, and the rest of what the renderer made, to be
    /// freed by the caller (the summaries, list items and plain texts of 10,000 notices took
    /// some 12 ms to free).
    pub(crate) fn into_paths(self) -> (Vec<String>, impl Send + 'static) {
        let paths = self.paths.into_inner().unwrap_or_else(|e| e.into_inner());
        (
            paths,
            (self.summaries, self.urls, self.body_texts, self.list_items),
        )
    }
}

impl Renderer<'_> {
    /// Entry `i`'s item on a list page whose `root` is given: `partials/notice_item.html`
    /// with `n` (the summary), `root` and the site-wide values, as HTML. Lists are one, two
    /// and three folders deep (kinds; years, tags and departments; kinds within a year) and a
    /// notice shows on lists of each depth: its items for the three are made together, from
    /// one template value of its summary that is not kept.
    pub(crate) fn list_item(&self, i: usize, root: &str) -> Result<tera::Value, Diagnostic> {
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

    pub(crate) fn context(&self, path: &str, title: &str, template: &str) -> PageCtx {
        self.context_hashed(path, title, template, self.inc.on())
    }

    /// A page context; `hashing` when the page is reused by the hash of its context.
    pub(crate) fn context_hashed(
        &self,
        path: &str,
        title: &str,
        template: &str,
        hashing: bool,
    ) -> PageCtx {
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

    pub(crate) fn emitted(&self, path: &str) {
        let path = path.to_string();
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path);
    }

    /// Renders a page unless the previous build rendered it from the same inputs.
    pub(crate) fn write_page(
        &self,
        template: &str,
        path: &str,
        ctx: &PageCtx,
    ) -> Result<(), Diagnostic> {
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
    pub(crate) fn emit_page(&self, path: &str, html: Vec<u8>) -> Result<(), Diagnostic> {
        self.output
            .write_owned(path, html)
            .map_err(|e| Diagnostic::error(Span::file(path), Problem::Io(e.words())))?;
        self.inc.rendered();
        Ok(())
    }

    /// Whether the last build rendered the page at `path` from the same key (see
    /// [`Incremental::page_unchanged`]).
    pub(crate) fn unchanged(&self, path: &str, key: Option<u64>) -> bool {
        self.inc.page_unchanged(path, key)
    }

    /// Renders a page unless the previous build rendered it with the same `key` (see [`keys`]);
    /// its context is only made when the page is rendered. Without a key (one-off builds), the
    /// page is always rendered.
    pub(crate) fn write_keyed(
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

    /// The key of entry `i`'s page: the entry as lists show it, and where its links lead.
    pub(crate) fn notice_key(&self, i: usize) -> Option<u64> {
        let sk = *self.entry_keys.get(i)?;
        let e = &self.board.entries[i];
        let links: Vec<(&String, Option<String>)> = e
            .notice
            .links
            .iter()
            .map(|(d, _)| (d, self.link_url(e, d)))
            .collect();
        Some(keys::entry(sk, &links))
    }

    /// A key for pages that show entries `which` in full (print, kiosk, feed).
    pub(crate) fn entries_key(&self, which: impl Iterator<Item = usize>) -> Option<u64> {
        let keys: Option<Vec<u64>> = which.map(|i| self.notice_key(i)).collect();
        keys.map(|k| keys::of(&k))
    }

    /// Copies a file unless the previous build copied the same, unchanged source.
    pub(crate) fn copy(&self, rel: &str, source: &Path, owner: &str) -> Result<(), Diagnostic> {
        self.emitted(rel);
        let meta = std::fs::metadata(source).map_err(|e| {
            Diagnostic::error(
                Span::file(owner),
                Problem::Io(crate::diagnostics::Words::io(&e)),
            )
        })?;
        let key = (source.to_path_buf(), meta.modified().ok(), meta.len());
        if !self.inc.copy_unchanged(rel, key) {
            self.output
                .copy(rel, source)
                .map_err(|e| Diagnostic::error(Span::file(owner), Problem::Io(e.words())))?;
        }
        Ok(())
    }

    /// A notice's body with its tables placed, and its data as templates see it.
    pub(crate) fn body_and_data(&self, i: usize) -> Result<(String, tables::DataView), Diagnostic> {
        let e = &self.board.entries[i];
        let view = tables::data_view(&e.notice.data, self.site.config.language);
        let tables = tables::tables_html(&view, self.templates)?;
        Ok((tables::place(&self.body_html(i), &tables), view))
    }

    /// Where a body link of `e` leads in the output, relative to its page.
    pub(crate) fn link_url(&self, e: &crate::board::Entry, dest: &str) -> Option<String> {
        use crate::content::notice::LinkTarget as Target;
        let target = &e.notice.link_targets.iter().find(|(d, _)| d == dest)?.1;
        let url = match target {
            Target::Notice(p) => self.board.by_source.get(p)?.clone(),
            Target::Slug(s) => self.board.by_slug.get(s)?.clone(),
            Target::Attachment(name) => context::attachment_url(e, name),
            Target::External | Target::Fragment | Target::Missing | Target::Refused(_) => {
                return None;
            }
        };
        Some(format!("../{url}"))
    }

    /// A notice body as HTML, reused from the previous build when its Markdown is unchanged.
    /// A body parsed here leaves its plain text for the search index.
    pub(crate) fn body_html(&self, i: usize) -> Arc<String> {
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
        let hash = self.inc.on().then(|| keys::of(&(markdown, &resolved)));
        let html = match self.inc.body(rel, hash) {
            Some(html) => html,
            None => {
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
            self.inc.keep_body(rel, (hash, html.clone()));
        }
        html
    }

    /// The notices of a kind, newest first.
    pub(crate) fn of_kind(&self, kind: Kind) -> &[usize] {
        self.board
            .kinds
            .get(&kind)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The theme's stylesheet, for pages that must stand alone.
    pub(crate) fn inline_css(&self) -> String {
        match self.theme.statics.get("style.css") {
            Some(StaticFile::Embedded(b)) => String::from_utf8_lossy(b).into_owned(),
            Some(StaticFile::Disk(p)) => std::fs::read_to_string(p).unwrap_or_default(),
            None => String::new(),
        }
    }
}
