//! Rendering the board into files: every page (board, notice pages, paginated lists, term
//! indexes, 404), the feed, sitemap and robots.txt, the search index, the theme's static files,
//! the attachments and the archives, all written through one [`Output`]. [`render_site`] runs
//! the stages in order; each kind of page is a module of [`pages`]. Independent pages render in
//! parallel; what each page contains depends only on the board, so the output is the same
//! whatever the thread timing.

pub mod cache;
pub mod context;
pub mod feed;
mod globals;
pub mod i18n;
mod incremental;
pub mod keys;
pub mod kiosk;
pub mod markdown;
mod pages;
pub mod postings;
pub mod qr;
mod renderer;
pub mod search;
pub mod tables;
pub mod templates;

use std::borrow::Cow;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use crate::board::Board;
use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::output::Output;
use crate::theme::Theme;
use cache::RenderCache;
use globals::global_context;
use incremental::Incremental;
use renderer::{Kept, Renderer};
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
#[derive(Debug, Default)]
pub struct Rendered {
    pub stats: Stats,
    pub paths: Arc<Vec<String>>,
    /// What rendering made and no longer needs, for the caller to free when it suits.
    pub leftovers: Leftovers,
}

/// Values rendering made and no longer needs: dropping them takes a while at 10,000 notices,
/// so a one-off build frees them on a thread of its own while it saves and commits.
#[derive(Default)]
pub struct Leftovers {
    /// Held only to be dropped.
    _values: Option<Box<dyn Send>>,
}

impl std::fmt::Debug for Leftovers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Leftovers")
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
    let output = crate::output::MemoryOutput::default();
    let inc = Incremental::none();
    let r = Renderer::new(site, board, &templates, theme, &output, &inc);
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

/// Renders the whole board into `output`; with the `cache` of the last build (serve, watch),
/// only what changed. On error, returns every error found; what was already written is left
/// for the caller to discard.
pub fn render_site(
    site: &Site,
    board: &Board,
    theme: &Theme,
    output: &dyn Output,
    mut cache: Option<&mut RenderCache>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let stage = crate::timings::phase("render: templates and summaries");
    // The templates as the last build compiled them, when they are the same.
    let source_key = crate::digest::key(&theme.templates);
    let compiled = cache
        .as_deref_mut()
        .and_then(|c| c.templates.take())
        .filter(|(key, _)| *key == source_key);
    let mut templates = match compiled {
        Some((_, t)) => t,
        None => Templates::compile(theme).map_err(|d| vec![d])?,
    };
    // The key of the templates and the site-wide values: when it changes, no page is reused.
    let mut global = DefaultHasher::new();
    source_key.hash(&mut global);
    templates
        .set_globals(cache.is_none(), |tera| global_context(tera, site, board))
        .hash(&mut global);
    let global = global.finish();
    // The search index is updated in place, apart from the rest of the cache.
    let mut search_state = cache.as_deref_mut().map(|c| std::mem::take(&mut c.search));
    let inc = match cache.as_deref() {
        Some(last) => Incremental::after(last, global),
        None => Incremental::none(),
    };
    let mut r = Renderer::new(site, board, &templates, theme, output, &inc);
    drop(stage);
    let mut errors: Vec<Diagnostic> = Vec::new();
    // The sitemap's pages, in a stable order.
    let mut pages: Vec<Cow<str>> = vec!["index.html".into()];

    let stage = crate::timings::phase("render: notice pages");
    let kept = r.render_notices(&mut pages, &mut errors);
    drop(stage);
    // The search index next, while the bodies' plain texts are the only extra memory held.
    let stage = crate::timings::phase("render: search index");
    errors.extend(r.write_search_index(search_state.as_mut()));
    drop(stage);
    let stage = crate::timings::phase("render: lists");
    r.render_lists(&mut pages, &mut errors);
    drop(stage);
    let stage = crate::timings::phase("render: other pages and files");
    r.render_all_terms(&mut pages, &mut errors);
    errors.extend(r.render_board().err());
    errors.extend(r.render_404().err());
    errors.extend(r.render_open(&kept));
    errors.extend(r.render_search_page().err());
    errors.extend(r.render_guide().err());
    r.render_catalogue(&mut pages, &mut errors);
    pages.extend(["search.html", "guide.html", "print/open.html", "kiosk.html"].map(Into::into));
    errors.extend(r.copy_archives().err());
    errors.extend(r.write_redirects().err());
    let statics = r.write_statics(theme).unwrap_or_else(|d| {
        errors.push(d);
        0
    });
    drop(stage);
    let stage = crate::timings::phase("render: feed, sitemap");
    errors.extend(r.write_feeds(&kept, &pages));
    drop(stage);
    if !errors.is_empty() {
        return Err(errors);
    }
    let attachments: usize = board
        .entries
        .iter()
        .map(|e| e.notice.attachments.len())
        .sum();
    let (paths, rest) = r.into_paths();
    let paths = inc.sorted_paths(paths);
    let compiled = (source_key, templates);
    let stats = Stats {
        notices: board.entries.len(),
        pages: pages.len() + 1,
        files: statics + attachments + 3,
        rendered: inc.rendered_count(),
    };
    let record = inc.into_record();
    // The templates are kept by serve and watch, else freed with the rest.
    let compiled = match cache {
        Some(c) => {
            c.absorb(global, record);
            c.templates = Some(compiled);
            c.search = search_state.unwrap_or_default();
            None
        }
        None => Some(compiled),
    };
    let leftovers = Leftovers {
        _values: Some(Box::new((rest, kept, compiled))),
    };
    Ok(Rendered {
        stats,
        paths,
        leftovers,
    })
}
