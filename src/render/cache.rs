//! What a rebuild may reuse from the previous one (serve and watch): the hash of every page's
//! inputs (template set, site-wide values and the page's own context), the HTML of each notice
//! body, and the sources of copied files. A page is rendered again only when its inputs hash
//! differs, so an incremental result is the same as a full build by construction.

/// Maps keyed by output path or notice URL, hashed with foldhash (many lookups per rebuild).
type HashMap<K, V> = foldhash::HashMap<K, V>;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use serde::Serialize;

/// Feeds serialised values into a hasher without building strings.
pub struct HashWriter<'a>(pub &'a mut DefaultHasher);

impl io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Adds a serialisable value to a hash.
pub fn hash_value<T: Serialize + ?Sized>(h: &mut DefaultHasher, key: &str, value: &T) {
    key.hash(h);
    // Serialising our own view structs cannot fail.
    let _ = serde_json::to_writer(HashWriter(h), value);
}

/// An entry's summary as made by a build: the key of the entry it was made from (see
/// `render::keys`), the key of the summary itself (what lists show), and the summary.
pub type MadeSummary = (u64, u64, Arc<crate::render::context::Summary>);

/// A copied file's source as last seen: path, modification time, length.
pub type CopySource = (PathBuf, Option<SystemTime>, u64);

/// A rendered notice body and the hash of the Markdown it came from.
pub type Body = (u64, Arc<String>);

/// The hash (count, xor of path hashes) of a build's set of output paths, and the paths sorted.
pub type SortedPaths = ((u64, u64), Arc<Vec<String>>);

/// The state kept between builds of one serve/watch session.
#[derive(Debug, Default)]
pub struct RenderCache {
    /// Hash of the templates and the site-wide template values of the last build.
    pub(crate) global: Option<u64>,
    /// Hash of an output path → hash of the inputs it was rendered from.
    pub(crate) pages: HashMap<u64, u64>,
    /// Notice path → (hash of its Markdown, rendered HTML).
    pub(crate) bodies: HashMap<String, Body>,
    /// Output path → (source, modified time, length) of a copied file.
    pub(crate) copies: HashMap<String, CopySource>,
    /// The search index of the last build.
    pub(crate) search: crate::render::search::SearchState,
    /// The hash of the set of output paths and the paths sorted.
    pub(crate) paths: Option<SortedPaths>,
    /// Files made without templates (`atom.xml`, `sitemap.xml`): the key of what each was made
    /// from, and its text.
    pub(crate) documents: HashMap<&'static str, (u64, String)>,
    /// Hash of a notice URL → its summary as the last build made it.
    pub(crate) summaries: HashMap<u64, MadeSummary>,
    /// The templates as the last build compiled them, and the key of their sources.
    pub(crate) templates: Option<(u64, crate::render::templates::Templates)>,
}

/// What the current build records, filled from rendering threads.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    /// (hash of an output path, key): pushed from rendering threads, made a map at the end.
    pub pages: Mutex<Vec<(u64, u64)>>,
    pub bodies: Mutex<HashMap<String, Body>>,
    pub copies: Mutex<HashMap<String, CopySource>>,
    pub summaries: Mutex<HashMap<u64, MadeSummary>>,
    pub documents: Mutex<HashMap<&'static str, (u64, String)>>,
    pub paths: Mutex<Option<SortedPaths>>,
    pub rendered: std::sync::atomic::AtomicUsize,
}

impl Recorder {
    /// A recorder with room for as many pages and summaries as the last build had.
    pub(crate) fn sized_like(cache: Option<&RenderCache>) -> Recorder {
        let (pages, summaries) = cache.map_or((0, 0), |c| (c.pages.len(), c.summaries.len()));
        let rec = Recorder::default();
        rec.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .reserve(pages);
        rec.summaries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .reserve(summaries);
        rec
    }
}

impl RenderCache {
    pub(crate) fn absorb(&mut self, global: u64, rec: Recorder) {
        self.global = Some(global);
        self.pages = rec
            .pages
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .collect();
        self.bodies = rec.bodies.into_inner().unwrap_or_else(|e| e.into_inner());
        self.copies = rec.copies.into_inner().unwrap_or_else(|e| e.into_inner());
        self.summaries = rec
            .summaries
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        self.documents = rec
            .documents
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        self.paths = rec.paths.into_inner().unwrap_or_else(|e| e.into_inner());
    }
}
