//! Notice pages: one per entry, its body and tables made only when the page is rendered, and
//! its attachments copied beside it; and the full details of entries that other pages (print,
//! kiosk, feed) show again.

use crate::diagnostics::Diagnostic;
use crate::render::context;
use crate::render::renderer::{Kept, KeptBody, Renderer};
use std::borrow::Cow;

use rayon::prelude::*;

impl Renderer<'_> {
    /// Every notice page, each body and table made, written and dropped in turn; only those
    /// shown again later (open notices: print and kiosk; the newest: the feeds) are kept.
    pub(crate) fn render_notices(
        &self,
        pages: &mut Vec<Cow<'_, str>>,
        errors: &mut Vec<Diagnostic>,
    ) -> Kept {
        let board = self.board;
        let mut shown_again = self.in_feeds();
        for &i in &board.open {
            if let Some(flag) = shown_again.get_mut(i) {
                *flag = true;
            }
        }
        let results: Vec<Result<KeptBody, Diagnostic>> = (0..board.entries.len())
            .into_par_iter()
            // Small pieces, so that neither thread runs out of work while the other finishes a
            // long run of pages alone (a writer thread takes a core now and then).
            .with_max_len(32)
            .map(|i| self.render_notice(i, shown_again[i]))
            .collect();
        pages.extend(board.entries.iter().map(|e| Cow::Owned(e.url.clone())));
        let mut kept = Kept::with_capacity(board.entries.len());
        for res in results {
            match res {
                Ok(k) => kept.push(k),
                Err(d) => {
                    kept.push(None);
                    errors.push(d);
                }
            }
        }
        kept
    }

    /// Entry `i`'s page (its body and tables made only when the page is rendered) and its
    /// attachments. Returns the body and tables when `keep` asks for them and they were made.
    pub(crate) fn render_notice(&self, i: usize, keep: bool) -> Result<KeptBody, Diagnostic> {
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

    /// The full details of some entries, with the bodies and tables `kept` from the notice pages
    /// (made again for entries not kept).
    pub(crate) fn details(
        &self,
        which: &[usize],
        kept: &Kept,
    ) -> Result<Vec<context::Detail>, Diagnostic> {
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
                    // The kiosk shows the tables' rows and totals.
                    Some(data),
                ))
            })
            .collect()
    }
}
