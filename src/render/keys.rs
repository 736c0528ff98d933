//! What a page depends on, as a number. serve and watch keep the keys of the last build and
//! skip every page whose key is unchanged, without building its context: this is the dependency
//! map from notices to pages. A notice page depends on its entry (which reading of the file,
//! its identities and status on the board), the URLs of its tags, department and links, and the
//! site-wide values; a list page on its own title, position and pager and on the summaries of
//! the entries it shows (so a body edit re-renders the notice's page only). Anything else a page
//! shows (site settings, templates) is in the global key, and a change of `site.yaml` reloads
//! every notice, so every entry key changes with it.

use std::hash::{BuildHasher, Hash, Hasher};

use crate::board::Entry;

/// foldhash with a fixed seed: keys are compared between builds of one process, hashed for
/// every notice on every rebuild (SipHash was a tenth of a rebuild), and never face input made
/// to collide.
fn hasher() -> impl Hasher {
    foldhash::quality::FixedState::with_seed(0x676f_6e67_6b61_6921).build_hasher()
}

/// An entry as lists show it: what its summary is made of (see `context::summary`), and the
/// URLs of its tags.
pub fn summary(e: &Entry, urls: &crate::render::context::GroupUrls) -> u64 {
    let n = &e.notice;
    let mut h = hasher();
    (
        &n.title,
        &n.outcome,
        n.validity,
        n.date,
        n.kind,
        &n.department,
    )
        .hash(&mut h);
    (&n.doc_no, &n.summary, &n.period, &n.tags, n.school_year).hash(&mut h);
    (n.audience, n.draft).hash(&mut h);
    (e.taken_down, &e.url, &e.index_no, e.status).hash(&mut h);
    for tag in &n.tags {
        urls.tag(tag).hash(&mut h);
    }
    h.finish()
}

/// An entry as its own page shows it: its summary key, the reading of its file (see
/// [`crate::content::Notice::load_id`]), and its links to corrections and decisions.
pub fn entry(e: &Entry, summary: u64) -> u64 {
    let mut h = hasher();
    (summary, e.notice.load_id, &e.slug).hash(&mut h);
    (&e.corrects, &e.corrected_by, &e.decision).hash(&mut h);
    h.finish()
}

/// Hashes a list of values into one key.
pub fn of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = hasher();
    value.hash(&mut h);
    h.finish()
}
