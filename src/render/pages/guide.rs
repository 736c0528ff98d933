//! The disclosure guide (公开指南, `guide.html`): what the school discloses, where, how long
//! notices stay open and how to ask or object — from `site.yaml` and `content/_guide.md`.

use serde::Serialize;

use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::render::context::kind_url;
use crate::render::i18n::{self, t};
use crate::render::markdown;
use crate::render::renderer::Renderer;

/// A kind of notice as the guide describes it.
#[derive(Serialize)]
struct GuideKind {
    name: &'static str,
    url: String,
    about: &'static str,
    /// Notices of this school year.
    count: usize,
}

impl Renderer<'_> {
    pub(crate) fn render_guide(&self) -> Result<(), Diagnostic> {
        let lang = self.site.config.language;
        let mut ctx = self.context("guide.html", t(lang, "guide"), "guide.html");
        let kinds: Vec<GuideKind> = Kind::ALL
            .iter()
            .map(|&k| GuideKind {
                name: i18n::kind_name(lang, k),
                url: kind_url(k),
                about: t(lang, &format!("guide_kind_{}", k.key())),
                count: self.of_kind(k).len(),
            })
            .collect();
        ctx.insert("kinds", &kinds);
        ctx.insert("guide", &self.site.config.guide);
        ctx.insert("min_period_days", &self.site.config.min_period_days);
        // The site's own text, as a notice body is rendered (raw HTML made safe).
        let own = (self.board.guide.as_ref()).map(|g| markdown::to_html(&g.text));
        ctx.insert("guide_html", &own);
        self.write_page("guide.html", "guide.html", &ctx)
    }
}
