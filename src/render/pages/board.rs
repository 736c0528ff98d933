//! The board (the home page: notices open for objections and the latest of each kind) and
//! the 404 page.

use serde::Serialize;

use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::render::context::{Summary, kind_url};
use crate::render::i18n;
use crate::render::renderer::Renderer;

#[derive(Serialize)]
pub(crate) struct KindBlock {
    pub(crate) key: &'static str,
    pub(crate) name: &'static str,
    pub(crate) url: String,
    pub(crate) count: usize,
    pub(crate) notices: Vec<Summary>,
}

impl Renderer<'_> {
    pub(crate) fn render_board(&self) -> Result<(), Diagnostic> {
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
                // This year's count; the newest notices whatever their year (marked).
                let newest = self.board.latest.get(&kind).map_or(&[][..], Vec::as_slice);
                KindBlock {
                    key: kind.key(),
                    name: i18n::kind_name(lang, kind),
                    url: kind_url(kind),
                    count: self.of_kind(kind).len(),
                    notices: newest
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

    pub(crate) fn render_404(&self) -> Result<(), Diagnostic> {
        let title = i18n::t(self.site.config.language, "not_found");
        let mut ctx = self.context("404.html", title, "404.html");
        // A 404 page is served at any depth, on the published host or under the preview: its
        // links start at the path of `base_url` (`/xwgk/`, else `/`), and its script finds the
        // root actually serving it (see the template).
        let root = self.site.base_path();
        ctx.insert("root", &root);
        self.write_page("404.html", "404.html", &ctx)
    }
}
