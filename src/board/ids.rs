//! The identities every notice gets across the whole site: its index number (索引号,
//! `{school_code}-{year}-{kind code}-{seq}`) and its URL slug, unique, and kept for ever through
//! the [`Registry`]: assigned once, never changed or given to another notice.

use crate::diagnostics::Words;
use std::sync::Arc;

use super::registry::{Record, Registry};
use crate::content::{Audience, Notice};
use crate::diagnostics::{Diagnostics, Problem};

/// Maps and sets of this module: looked up only, never iterated, so the hash's order never
/// shows; foldhash hashes these short keys faster than the standard (DoS-resistant) hasher.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// The identities of a build's notices (by position) and the registry with them recorded.
#[derive(Debug, Clone)]
pub struct Identities {
    pub slugs: Vec<String>,
    /// Drafts have none.
    pub index_nos: Vec<Option<String>>,
    /// Which record each notice holds (`None` for a draft never published).
    pub records: Vec<Option<String>>,
    /// Every identity ever published, with this build's notices recorded.
    pub registry: Registry,
}

/// Assigns every notice its slug and index number. A notice the registry knows keeps its
/// identity: found by its `index_no:`, its `slug:` (or a slug it had before), its file, or — a
/// file moved or renamed — its bytes. A new notice gets `slug:` if given, else the file name
/// when it is ASCII, else its date and the first free sequence number (`20260116-1`); and
/// `index_no:` if given, else the next free number of its year and kind
/// (`{school_code}-{year}-{kind code}-{seq}`) — never one published before, so adding a
/// back-dated notice changes no other notice's number. Drafts get a slug but are not
/// recorded and get no index number until they are published. Staff-only notices are recorded
/// too, so public and staff builds agree.
pub fn assign(
    notices: &[Arc<Notice>],
    known: Registry,
    school_code: &str,
    diags: &mut Diagnostics,
) -> Identities {
    let registry = &known;
    let mut order: Vec<usize> = (0..notices.len()).collect();
    order.sort_by(|&a, &b| {
        (notices[a].date, &notices[a].rel).cmp(&(notices[b].date, &notices[b].rel))
    });
    let present: HashSet<&str> = notices.iter().map(|n| n.rel.as_str()).collect();
    let by_source: HashMap<&str, &str> = registry
        .records()
        .map(|r| (r.source.as_str(), r.slug.as_str()))
        .collect();
    let by_hash: HashMap<&str, Vec<&str>> =
        registry
            .records()
            .fold(HashMap::default(), |mut m: HashMap<&str, Vec<&str>>, r| {
                m.entry(r.sha256.as_str())
                    .or_default()
                    .push(r.slug.as_str());
                m
            });
    let mut c = Claims {
        claimed: HashMap::default(),
        matched: vec![None; notices.len()],
    };
    // By the identity written in the notice: its index number, then its slug.
    for &i in &order {
        if let Some(no) = &notices[i].index_no
            && let Some(r) = registry.by_index_no(no)
        {
            c.claim(notices, &r.slug, i, diags, Some(true));
        }
    }
    for &i in &order {
        if let Some(slug) = &notices[i].slug {
            let slug = slug.to_ascii_lowercase();
            let record = registry.get(&slug).or_else(|| registry.by_old_slug(&slug));
            if let Some(r) = record {
                c.claim(notices, &r.slug, i, diags, Some(false));
            }
        }
    }
    // By its file, then a moved file by its bytes.
    for &i in &order {
        if let Some(slug) = by_source.get(notices[i].rel.as_str())
            && !c.claimed.contains_key(*slug)
        {
            c.claim(notices, slug, i, diags, None);
        }
    }
    for &i in &order {
        if c.matched[i].is_some() {
            continue;
        }
        let moved = by_hash
            .get(notices[i].source_hash.as_str())
            .into_iter()
            .flatten()
            .filter_map(|s| registry.get(s))
            .find(|r| !present.contains(r.source.as_str()) && !c.claimed.contains_key(&r.slug));
        if let Some(r) = moved {
            c.claim(notices, &r.slug, i, diags, None);
        }
    }

    // The claims borrow the registry as loaded; each record is then moved into the result.
    let matched = c.matched;
    drop((by_source, by_hash, present));
    let mut reg = known;
    let mut slugs = vec![String::new(); notices.len()];
    let mut index_nos = vec![None; notices.len()];
    let mut records = vec![None; notices.len()];
    // Slugs given out in this build (drafts' too).
    let mut taken: HashMap<String, usize> = HashMap::default();
    // Notices numbered so far per prefix: a site's first build numbers in date order.
    let mut counted: HashMap<String, u32> = HashMap::default();
    for &i in &order {
        let n = &notices[i];
        let old = matched[i].as_ref().and_then(|s| reg.remove(s));
        let wanted = n.slug.as_ref().map(|s| s.to_ascii_lowercase());
        let slug = match (&old, &wanted) {
            (_, Some(w)) => w.clone(),
            (Some(r), None) => r.slug.clone(),
            (None, None) => fresh_slug(n, &reg, &taken),
        };
        // (The notice's own record is out of `reg`: its slugs do not count here.)
        let elsewhere = reg.slug_taken(&slug);
        if let Some(&j) = taken.get(&slug) {
            diags.error(
                n.slug_span(),
                Problem::DuplicateSlug {
                    url: format!("notices/{slug}.html"),
                    other: notices[j].rel.clone(),
                },
            );
        } else if elsewhere {
            let other = reg
                .get(&slug)
                .or_else(|| reg.by_old_slug(&slug))
                .map(|r| format!("{} (published before, {})", r.source, super::registry::FILE))
                .unwrap_or_default();
            diags.error(
                n.slug_span(),
                Problem::DuplicateSlug {
                    url: format!("notices/{slug}.html"),
                    other,
                },
            );
        }
        taken.insert(slug.clone(), i);
        slugs[i] = slug.clone();
        let prefix = format!("{school_code}-{}-{}-", n.date.year(), n.kind.code());
        if n.draft {
            // Not published: nothing is recorded, and a record it had stays as it was.
            if let Some(r) = old {
                index_nos[i] = r.index_no.clone();
                records[i] = Some(r.slug.clone());
                reg.insert(r);
            }
            continue;
        }
        let seen = counted.entry(prefix.clone()).or_insert(0);
        *seen += 1;
        let seen = *seen;
        let index_no = match (&n.index_no, old.as_ref().and_then(|r| r.index_no.clone())) {
            (Some(given), Some(published)) if *given != published => {
                diags.error(
                    n.index_no_span(),
                    Problem::InvalidValue {
                        field: "index_no".into(),
                        message: Words::new(
                            format!(
                                "this notice was published as `{published}`; a published index number never changes"
                            ),
                            format!("本公示发布时的索引号是 `{published}`；已公开的索引号永不改变"),
                        ),
                    },
                );
                published
            }
            (Some(given), _) => {
                if let Some(other) = reg.by_index_no(given) {
                    diags.error(
                        n.index_no_span(),
                        Problem::DuplicateIndexNo {
                            index_no: given.clone(),
                            other: format!("{} ({})", other.source, super::registry::FILE),
                        },
                    );
                }
                given.clone()
            }
            (None, Some(published)) => published,
            (None, None) => {
                let seq = reg.max_seq(&prefix).max(seen - 1) + 1;
                format!("{prefix}{seq:04}")
            }
        };
        let mut old_slugs = old
            .as_ref()
            .map(|r| r.old_slugs.clone())
            .unwrap_or_default();
        if let Some(r) = &old
            && r.slug != slug
        {
            old_slugs.push(r.slug.clone());
        }
        old_slugs.retain(|s| *s != slug);
        index_nos[i] = Some(index_no.clone());
        records[i] = Some(slug.clone());
        reg.insert(Record {
            slug,
            index_no: Some(index_no),
            date: n.date,
            kind: n.kind,
            public: n.audience == Audience::Public || old.as_ref().is_some_and(|r| r.public),
            archived: old.as_ref().and_then(|r| r.archived.clone()),
            source: n.rel.clone(),
            sha256: n.source_hash.clone(),
            old_slugs,
            title: n.title.clone(),
        });
    }
    Identities {
        slugs,
        index_nos,
        records,
        registry: reg,
    }
}

/// Which registry record each notice holds.
struct Claims {
    /// Record (by slug) → the notice holding it.
    claimed: HashMap<String, usize>,
    /// Notice → the record it holds.
    matched: Vec<Option<String>>,
}

impl Claims {
    /// Gives `record` to notice `i` unless one of them is taken. Two notices naming the same
    /// identity in their front matter (`by_hand`: by index number or by slug) is an error.
    fn claim(
        &mut self,
        notices: &[Arc<Notice>],
        record: &str,
        i: usize,
        diags: &mut Diagnostics,
        by_hand: Option<bool>,
    ) {
        if self.matched[i].is_some() {
            return;
        }
        match self.claimed.get(record) {
            None => {
                self.claimed.insert(record.to_string(), i);
                self.matched[i] = Some(record.to_string());
            }
            Some(&j) if by_hand == Some(true) => diags.error(
                notices[i].index_no_span(),
                Problem::DuplicateIndexNo {
                    index_no: notices[i].index_no.clone().unwrap_or_default(),
                    other: notices[j].rel.clone(),
                },
            ),
            Some(&j) if by_hand == Some(false) => diags.error(
                notices[i].slug_span(),
                Problem::DuplicateSlug {
                    url: format!(
                        "notices/{}.html",
                        notices[i].slug.clone().unwrap_or_default()
                    ),
                    other: notices[j].rel.clone(),
                },
            ),
            Some(_) => {}
        }
    }
}

/// A slug for a new notice that gave none: its ASCII file name, else its date and a sequence
/// number; the first of those (`name`, `name-2`, …) never published and not given out in
/// this build.
fn fresh_slug(n: &Notice, reg: &Registry, taken: &HashMap<String, usize>) -> String {
    let free = |s: &str| !reg.slug_taken(s) && !taken.contains_key(s);
    match &n.ascii_stem {
        Some(stem) => {
            let stem = stem.to_ascii_lowercase();
            if free(&stem) {
                return stem;
            }
            (2..)
                .map(|k| format!("{stem}-{k}"))
                .find(|s| free(s))
                .unwrap_or(stem)
        }
        None => {
            let day = n.date.strftime("%Y%m%d").to_string();
            (1..)
                .map(|k| format!("{day}-{k}"))
                .find(|s| free(s))
                .unwrap_or(day)
        }
    }
}
