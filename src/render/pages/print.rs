//! The print page of the open notices (A4, with QR codes) and the lobby screen: both show
//! the open notices in full.

use crate::diagnostics::Diagnostic;
use crate::render::renderer::Kept;
use crate::render::renderer::{PageCtx, Renderer};
use crate::render::{context, i18n, kiosk};

impl Renderer<'_> {
    /// `print/open.html` and `kiosk.html`: both show the open notices in full, made only when
    /// one of those changed, and then once for both.
    pub(crate) fn render_open(&self, kept: &Kept) -> Vec<Diagnostic> {
        let open = &self.board.open;
        let details = std::cell::OnceCell::new();
        // A table that fails to render fails on its notice page too, and is reported there.
        let details = || details.get_or_init(|| self.details(open, kept).unwrap_or_default());
        let key = self.entries_key(open.iter().copied());
        let title = i18n::t(self.site.config.language, "print_title");
        [
            self.write_keyed("print.html", "print/open.html", key, || {
                self.print_context(details(), "print/open.html", title, false)
            }),
            self.write_keyed("kiosk.html", "kiosk.html", key, || {
                self.kiosk_context(details())
            }),
        ]
        .into_iter()
        .filter_map(Result::err)
        .collect()
    }

    /// `print/open.html`: every open notice on A4 pages, with its QR code, for the board. A
    /// standalone page (`gongkai print`) carries its stylesheet inline.
    pub(crate) fn print_context(
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
    pub(crate) fn kiosk_context(&self, details: &[context::Detail]) -> PageCtx {
        let k = &self.site.config.kiosk;
        let title = i18n::t(self.site.config.language, "kiosk_title");
        let mut ctx = self.context_hashed("kiosk.html", title, "kiosk.html", false);
        ctx.insert(
            "notices",
            &kiosk::slides(details, self.site.config.language),
        );
        ctx.insert("max_rows", &k.rows_per_page.map(|n| n.max(1)));
        ctx.insert("seconds", &k.seconds.max(3));
        ctx.insert("refresh_minutes", &k.refresh_minutes.max(1));
        ctx
    }
}
