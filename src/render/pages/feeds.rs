//! Files for machines: the Atom feed (the newest notices in full), the sitemap (every page)
//! and robots.txt; made again only when what they are made of changed.

use std::borrow::Cow;

use crate::diagnostics::{Diagnostic, Problem, Span};
use crate::render::renderer::{Kept, Renderer};
use crate::render::{feed, keys};

impl Renderer<'_> {
    /// `atom.xml`, `sitemap.xml` (listing `pages`) and `robots.txt`.
    pub(crate) fn write_feeds(&self, kept: &Kept, pages: &[Cow<'_, str>]) -> Vec<Diagnostic> {
        let (site, board) = (self.site, self.board);
        let body = |i: usize| match kept.get(i) {
            Some(Some(k)) => k.0.clone(),
            // (A table that fails is reported by its notice page.)
            _ => self.body_and_data(i).map(|b| b.0).unwrap_or_default(),
        };
        let limit = site.config.feed_limit.min(board.entries.len());
        let atom = self
            .inc
            .document("atom.xml", self.entries_key(0..limit), &|| {
                feed::atom(site, board, &self.summaries, &body)
            });
        let sitemap_key = self.inc.on().then(|| keys::of(pages));
        let sitemap = self
            .inc
            .document("sitemap.xml", sitemap_key, &|| feed::sitemap(site, pages));
        let robots = feed::robots(site, board.audience);
        [
            ("atom.xml", atom),
            ("sitemap.xml", sitemap),
            ("robots.txt", robots),
        ]
        .into_iter()
        .filter_map(|(rel, text)| {
            self.emitted(rel);
            self.output
                .write(rel, text.as_bytes())
                .err()
                .map(|e| Diagnostic::error(Span::file(rel), Problem::Io(e.words())))
        })
        .collect()
    }
}
