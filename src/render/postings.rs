//! One search token's posting list: the ascending numbers of the documents that hold it, kept as
//! a list while it is short and as a bitmap once a bitmap is smaller.
//!
//! At 10,000 notices a thousand common tokens hold most of the index's 4.7 million postings; as
//! lists of `u32` they took some 20 MiB while the index was built, as bitmaps about 1.5 MiB.

/// The documents holding a token, in ascending order. Which form it is in never shows: only
/// [`Postings::iter`] reads it.
#[derive(Debug, Clone, Default)]
pub struct Postings(Repr);

#[derive(Debug, Clone)]
enum Repr {
    /// Ascending, without repeats.
    List(Vec<u32>),
    /// Bit `i % 64` of word `i / 64` is document `i`; `len` bits are set.
    Bits { words: Vec<u64>, len: u32 },
}

impl Default for Repr {
    fn default() -> Self {
        Repr::List(Vec::new())
    }
}

/// A list turns into a bitmap once it holds this many documents and at least one in 32 of the
/// documents up to its last (four bytes a document against one bit).
const MIN_BITMAP: usize = 16;

impl Postings {
    /// The list of one document.
    pub fn one(id: u32) -> Postings {
        Postings(Repr::List(vec![id]))
    }

    /// Adds `id`, greater than every document held (documents are indexed in order).
    pub fn push(&mut self, id: u32) {
        debug_assert!(self.last().is_none_or(|last| last < id));
        match &mut self.0 {
            Repr::List(ids) => {
                ids.push(id);
                self.compact();
            }
            Repr::Bits { words, len } => {
                set(words, id);
                *len += 1;
            }
        }
    }

    /// Adds `id` wherever it falls; nothing when it is held already.
    pub fn insert(&mut self, id: u32) {
        match &mut self.0 {
            Repr::List(ids) => {
                if let Err(at) = ids.binary_search(&id) {
                    ids.insert(at, id);
                    self.compact();
                }
            }
            Repr::Bits { words, len } => {
                if !get(words, id) {
                    set(words, id);
                    *len += 1;
                }
            }
        }
    }

    /// Takes `id` out; nothing when it is not held.
    pub fn remove(&mut self, id: u32) {
        match &mut self.0 {
            Repr::List(ids) => {
                if let Ok(at) = ids.binary_search(&id) {
                    ids.remove(at);
                }
            }
            Repr::Bits { words, len } => {
                if get(words, id) {
                    words[id as usize / 64] &= !(1u64 << (id % 64));
                    *len -= 1;
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::List(ids) => ids.len(),
            Repr::Bits { len, .. } => *len as usize,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The greatest document held.
    pub fn last(&self) -> Option<u32> {
        match &self.0 {
            Repr::List(ids) => ids.last().copied(),
            Repr::Bits { words, .. } => {
                let (i, w) = words.iter().enumerate().rev().find(|(_, w)| **w != 0)?;
                Some(i as u32 * 64 + 63 - w.leading_zeros())
            }
        }
    }

    /// The documents, ascending.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let (list, words) = match &self.0 {
            Repr::List(ids) => (&ids[..], &[][..]),
            Repr::Bits { words, .. } => (&[][..], &words[..]),
        };
        list.iter().copied().chain(
            words
                .iter()
                .enumerate()
                .flat_map(|(i, &w)| Ones(w).map(move |b| i as u32 * 64 + b)),
        )
    }

    /// A list that has become dense enough is turned into a bitmap.
    fn compact(&mut self) {
        let Repr::List(ids) = &self.0 else {
            return;
        };
        let Some(&last) = ids.last() else {
            return;
        };
        if ids.len() < MIN_BITMAP || (ids.len() as u64) * 32 <= u64::from(last) {
            return;
        }
        let mut words = Vec::new();
        for &id in ids {
            set(&mut words, id);
        }
        self.0 = Repr::Bits {
            words,
            len: ids.len() as u32,
        };
    }
}

fn set(words: &mut Vec<u64>, id: u32) {
    let w = id as usize / 64;
    if words.len() <= w {
        words.resize(w + 1, 0);
    }
    words[w] |= 1u64 << (id % 64);
}

fn get(words: &[u64], id: u32) -> bool {
    words
        .get(id as usize / 64)
        .is_some_and(|w| w & (1u64 << (id % 64)) != 0)
}

/// The positions of the set bits of a word, lowest first.
struct Ones(u64);

impl Iterator for Ones {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.0 == 0 {
            return None;
        }
        let b = self.0.trailing_zeros();
        self.0 &= self.0 - 1;
        Some(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    #[test]
    fn common_tokens_become_bitmaps_and_read_the_same() {
        let mut p = Postings::default();
        for id in (0..2000).step_by(3) {
            p.push(id);
        }
        assert!(matches!(p.0, Repr::Bits { .. }));
        assert_eq!(p.len(), 667);
        assert_eq!(p.last(), Some(1998));
        assert!(p.iter().eq((0..2000).step_by(3)));
        let mut rare = Postings::one(5);
        rare.push(4000);
        assert!(matches!(rare.0, Repr::List(_)));
        assert!(rare.iter().eq([5, 4000]));
    }

    proptest! {
        /// Any mix of pushes, inserts and removes reads as the same set kept in a `BTreeSet`.
        #[test]
        fn reads_as_a_sorted_set(
            pushes in proptest::collection::vec(1u32..40, 0..300),
            edits in proptest::collection::vec((any::<bool>(), 0u32..6000), 0..200),
        ) {
            let mut p = Postings::default();
            let mut model = BTreeSet::new();
            let mut id = 0;
            for step in pushes {
                id += step;
                p.push(id);
                model.insert(id);
            }
            for (add, id) in edits {
                if add {
                    p.insert(id);
                    model.insert(id);
                } else {
                    p.remove(id);
                    model.remove(&id);
                }
                prop_assert_eq!(p.len(), model.len());
                prop_assert_eq!(p.last(), model.last().copied());
            }
            prop_assert!(p.iter().eq(model.iter().copied()));
        }
    }
}
