//! What a page depends on, as a number: serve and watch keep the keys of the last build and
//! skip every page whose key is unchanged, without building its context. A key is made from
//! the same whole values the page is made from, never from a list of fields: an entry (every
//! field, its notice by its digest of every field; see `board::Entry`'s `Hash`), the URLs of
//! every tag and department list, and where the entry's links lead. What is site-wide (settings,
//! templates, the binary, the day) is the session's world: when it changes nothing is reused.

use crate::board::Entry;
use crate::digest::key;

/// Hashes a value into one key (the crate's one 64-bit key, [`crate::digest::key`]).
pub use crate::digest::key as of;

/// An entry as lists show it ([`crate::render::context::summary`] of the entry and the group
/// URLs).
pub fn summary(e: &Entry, urls: &crate::render::context::GroupUrls) -> u64 {
    key(&(e, urls.key()))
}

/// An entry as its own page, the print and kiosk pages and the feed show it: its summary, its
/// body with its links resolved to these output URLs, and its tables.
pub fn entry(summary: u64, links: &[(&String, Option<String>)]) -> u64 {
    key(&(summary, links))
}
