//! What a build may reuse from the last one (serve and watch), behind one interface: page
//! modules ask whether a page, body, copied file or document is unchanged and say what they
//! made; a one-off build has nothing to reuse ([`Incremental::none`]), so every answer is
//! "make it" and nothing is recorded. Keys come from `render::keys`.

use std::hash::{DefaultHasher, Hasher};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard};

use rayon::prelude::*;

use super::cache::{Body, CopySource, MadeSummary, Recorder, RenderCache, hash_value};
use super::context::{GroupUrls, Summary, summary};
use super::keys;
use crate::board::Board;
use crate::config::Site;

/// The last build's record and what this build records.
pub(crate) struct Incremental<'a> {
    /// The last build's record (serve, watch); `None` in a one-off build.
    last: Option<&'a RenderCache>,
    /// Whether the last build's pages may be reused: its templates and site-wide values were
    /// the same.
    reuse_pages: bool,
    rec: Recorder,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl<'a> Incremental<'a> {
    /// A one-off build: nothing reused, nothing recorded.
    pub fn none() -> Self {
        Incremental {
            last: None,
            reuse_pages: false,
            rec: Recorder::default(),
        }
    }

    /// A rebuild after `last`, with templates and site-wide values whose key is `global`.
    pub fn after(last: &'a RenderCache, global: u64) -> Self {
        Incremental {
            last: Some(last),
            reuse_pages: last.global == Some(global),
            rec: Recorder::sized_like(Some(last)),
        }
    }

    /// Whether keys are made at all (serve, watch).
    pub fn on(&self) -> bool {
        self.last.is_some()
    }

    /// Records the key of the page at `path` and tells whether the last build rendered it from
    /// the same key (and the same templates and site-wide values). Pages are known by a hash of
    /// their path: no string is kept per page. Without a key, the page is made.
    pub fn page_unchanged(&self, path: &str, key: Option<u64>) -> bool {
        let Some(key) = key else {
            return false;
        };
        let at = keys::of(path);
        lock(&self.rec.pages).push((at, key));
        self.reuse_pages && self.last.and_then(|c| c.pages.get(&at)) == Some(&key)
    }

    /// Counts a page rendered by this build.
    pub fn rendered(&self) {
        self.rec.rendered.fetch_add(1, Ordering::Relaxed);
    }

    /// The body of the notice at `rel` as the last build rendered it from the same `key`.
    /// Bodies do not depend on templates: always reusable.
    pub fn body(&self, rel: &str, key: Option<u64>) -> Option<Arc<String>> {
        match self.last?.bodies.get(rel) {
            Some((old, html)) if Some(*old) == key => Some(html.clone()),
            _ => None,
        }
    }

    /// Keeps a body for the next build.
    pub fn keep_body(&self, rel: &str, body: Body) {
        if self.on() {
            lock(&self.rec.bodies).insert(rel.to_string(), body);
        }
    }

    /// Records the source of a copied file and tells whether the last build copied the same,
    /// unchanged one.
    pub fn copy_unchanged(&self, rel: &str, source: CopySource) -> bool {
        let unchanged = self.last.and_then(|c| c.copies.get(rel)) == Some(&source);
        if self.on() {
            lock(&self.rec.copies).insert(rel.to_string(), source);
        }
        unchanged
    }

    /// A file made without templates (`atom.xml`, `sitemap.xml`): the last build's text when it
    /// was made from the same `key`, else `make()`.
    pub fn document(
        &self,
        name: &'static str,
        key: Option<u64>,
        make: &dyn Fn() -> String,
    ) -> String {
        let last = self.last.and_then(|c| c.documents.get(name));
        let text = match (key, last) {
            (Some(key), Some((old, text))) if self.reuse_pages && key == *old => text.clone(),
            _ => make(),
        };
        if let Some(key) = key {
            lock(&self.rec.documents).insert(name, (key, text.clone()));
        }
        text
    }

    /// The summary of every entry, and in a rebuild the keys of what each was made from and
    /// of the summary itself: a summary made from the same entry as in the last build is
    /// reused as it is; one made again that comes out the same keeps its key, so the lists
    /// showing it are not rendered again (a body edit changes the entry, not its summary).
    pub fn summaries(
        &self,
        site: &Site,
        board: &Board,
        urls: &GroupUrls,
    ) -> (Vec<Arc<Summary>>, Vec<u64>, Vec<u64>) {
        let Some(last) = self.last else {
            let all = board
                .entries
                .par_iter()
                .map(|e| Arc::new(summary(site, e, urls)))
                .collect();
            return (all, Vec::new(), Vec::new());
        };
        let shown = |s: &Summary| {
            let mut h = DefaultHasher::new();
            hash_value(&mut h, "summary", s);
            h.finish()
        };
        // (hash of the notice's URL, what was made) per entry.
        let made: Vec<(u64, MadeSummary)> = board
            .entries
            .par_iter()
            .map(|e| {
                let (at, key) = (keys::of(&e.url), keys::summary(e, urls));
                match last.summaries.get(&at) {
                    Some((k, sk, s)) if *k == key => (at, (key, *sk, s.clone())),
                    _ => {
                        let s = summary(site, e, urls);
                        (at, (key, shown(&s), Arc::new(s)))
                    }
                }
            })
            .collect();
        lock(&self.rec.summaries).extend(made.iter().cloned());
        let mut out = (Vec::new(), Vec::new(), Vec::new());
        for (_, (k, sk, s)) in made {
            out.0.push(s);
            out.1.push(k);
            out.2.push(sk);
        }
        out
    }

    /// The output paths sorted, each once. A rebuild usually writes the same paths as the last
    /// one: when their (order-independent) hash is the same, the last sorted list is reused
    /// instead of sorting some 16,000 paths again.
    pub fn sorted_paths(&self, mut paths: Vec<String>) -> Arc<Vec<String>> {
        let Some(last) = self.last else {
            paths.par_sort_unstable();
            paths.dedup();
            return Arc::new(paths);
        };
        let set: std::collections::HashSet<&str, foldhash::fast::FixedState> =
            paths.iter().map(String::as_str).collect();
        let key = set
            .iter()
            .fold((set.len() as u64, 0u64), |(n, x), p| (n, x ^ keys::of(p)));
        let sorted = match &last.paths {
            Some((k, sorted)) if *k == key => sorted.clone(),
            _ => {
                paths.par_sort_unstable();
                paths.dedup();
                Arc::new(paths)
            }
        };
        *lock(&self.rec.paths) = Some((key, sorted.clone()));
        sorted
    }

    /// Pages rendered by this build so far.
    pub fn rendered_count(&self) -> usize {
        self.rec.rendered.load(Ordering::Relaxed)
    }

    /// What this build recorded, for the next one.
    pub fn into_record(self) -> Recorder {
        self.rec
    }
}
