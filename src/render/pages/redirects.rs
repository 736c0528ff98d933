//! Small pages at published URLs that no longer carry a notice: an archived notice's old URL,
//! an old slug, a withdrawn notice. Published URLs keep working.

use tera::Context;

use crate::diagnostics::{Diagnostic, Problem, Span};
use crate::render::i18n;
use crate::render::renderer::{Renderer, root_of};

impl Renderer<'_> {
    /// URLs published once keep working (they are printed in QR codes and cited in letters):
    /// an archived notice's old URL leads to its archived page, an old slug to the notice's
    /// new URL, a withdrawn notice's URL to its correction or to a page saying it was
    /// withdrawn.
    pub(crate) fn write_redirects(&self) -> Result<(), Diagnostic> {
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
    pub(crate) fn write_small(
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
            .map_err(|e| Diagnostic::error(Span::file(&path), Problem::Io(e.words())))
    }
}
