//! Files for machines: the feeds (the site's Atom feed and JSON Feed, and an Atom feed per
//! kind: the newest public notices in full), the sitemap (every page) and robots.txt; made
//! again only when what they are made of changed.

use std::borrow::Cow;

use rayon::prelude::*;

use crate::board::Status;
use crate::content::{Audience, Kind};
use crate::diagnostics::{Diagnostic, Problem, Span};
use crate::render::feed::{self, Channel};
use crate::render::keys;
use crate::render::renderer::{Kept, Renderer};

impl Renderer<'_> {
    /// The entries a feed carries (of `kind`, or of every kind): the newest `feed_limit`
    /// notices the public may read. A staff-only notice, a draft or a notice not yet published
    /// is in no feed, whatever the build shows: feeds are copied by readers and services the
    /// school does not control. (Withdrawn notices are not on the board; a notice past its
    /// `expires` date is there only as a stub without names, body or tables.)
    pub(crate) fn feed_entries(&self, kind: Option<Kind>) -> Vec<usize> {
        self.board
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                let n = &e.notice;
                n.audience == Audience::Public
                    && !n.draft
                    && e.status != Status::Upcoming
                    && kind.is_none_or(|k| n.kind == k)
            })
            .map(|(i, _)| i)
            .take(self.site.config.feed_limit)
            .collect()
    }

    /// Every entry some feed carries, by board position.
    pub(crate) fn in_feeds(&self) -> Vec<bool> {
        let mut shown = vec![false; self.board.entries.len()];
        let kinds = Kind::ALL.map(Some);
        for kind in std::iter::once(None).chain(kinds) {
            for i in self.feed_entries(kind) {
                shown[i] = true;
            }
        }
        shown
    }

    /// The feeds, `sitemap.xml` (listing `pages`) and `robots.txt`.
    pub(crate) fn write_feeds(&self, kept: &Kept, pages: &[Cow<'_, str>]) -> Vec<Diagnostic> {
        let (site, board) = (self.site, self.board);
        let body = |i: usize| match kept.get(i) {
            Some(Some(k)) => k.0.clone(),
            // (A table that fails is reported by its notice page.)
            _ => self.body_and_data(i).map(|b| b.0).unwrap_or_default(),
        };
        // The feeds (all notices: Atom and JSON; each kind: Atom) and the sitemap, made side by
        // side.
        let mut docs: Vec<(Option<Kind>, bool)> = vec![(None, false), (None, true)];
        docs.extend(Kind::ALL.map(|k| (Some(k), false)));
        let (mut files, sitemap) = rayon::join(
            || {
                docs.par_iter()
                    .map(|&(kind, json)| {
                        let entries = self.feed_entries(kind);
                        let channel = Channel {
                            kind,
                            entries: &entries,
                        };
                        let key = self.entries_key(entries.iter().copied());
                        let path = if json {
                            feed::JSON_FEED
                        } else {
                            channel.atom_path()
                        };
                        let text = self.inc.document(path, key, &|| {
                            if json {
                                feed::json_feed(site, board, &self.summaries, &channel, &body)
                            } else {
                                feed::atom(site, board, &self.summaries, &channel, &body)
                            }
                        });
                        (path, text)
                    })
                    .collect::<Vec<(&str, String)>>()
            },
            || {
                let sitemap_key = self.inc.on().then(|| keys::of(pages));
                self.inc
                    .document("sitemap.xml", sitemap_key, &|| feed::sitemap(site, pages))
            },
        );
        files.push(("sitemap.xml", sitemap));
        files.push(("robots.txt", feed::robots(site, board.audience)));
        files
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
