//! The search index for Chinese: character bigrams (and lone characters) of CJK text, lower-case
//! words of Latin letters and digits, and document and index numbers as whole tokens, built at
//! build time from what the public pages show and split into shards by token hash so that one
//! query downloads only the shards of its tokens and the few document chunks it displays. The
//! shards also hold each title's tokens (`^token`, ranked first) and the filters (`k:kind`,
//! `y:year`). The browser side is `search.js` in the theme; both sides tokenise and hash the same
//! way (tested).

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::board::Board;
use crate::render::context::Summary;
use crate::render::postings::Postings;

/// Documents per chunk of display data: small, because the hits of a query are spread over the
/// board and a result page fetches one chunk per hit it shows (at 8, a page of 20 results of a
/// common word downloaded some 70 KB of chunks at 10,000 notices, at 4 half that).
pub const CHUNK: usize = 4;

/// Characters of a result's snippet: search.js shows 30 before the first match and 60 after it.
const SNIPPET: usize = 120;

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// A text as the tokeniser reads it: full-width letters and digits as their ASCII forms, ASCII
/// letters in lower case.
fn normalise(text: &str) -> String {
    // Full-width digits and letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A) are EF BC 90–99,
    // EF BC A1–BA and EF BD 81–9A in UTF-8; without any, lower-casing the bytes is all there is
    // to do (full-width punctuation such as ， shares their first bytes and stays).
    let full_width = text.as_bytes().windows(3).any(|w| {
        w[0] == 0xEF
            && matches!((w[1], w[2]), (0xBC, 0x90..=0x99 | 0xA1..=0xBA) | (0xBD, 0x81..=0x9A))
    });
    if !full_width {
        return text.to_ascii_lowercase();
    }
    text.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            c => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The tokens of a normalised text as byte ranges of it: bigrams of each run of CJK characters
/// (a run of one gives the character) and runs of ASCII letters and digits. Slices of the text,
/// so tokenising a document allocates nothing per token.
fn token_ranges(norm: &str, out: &mut Vec<(u32, u32)>) {
    // The previous CJK character's start, and where the current ASCII word started.
    let mut cjk_prev: Option<usize> = None;
    let mut cjk_run = 0usize;
    let mut word: Option<usize> = None;
    let end_cjk = |prev: Option<usize>, run: usize, at: usize, out: &mut Vec<(u32, u32)>| {
        if let (Some(p), 1) = (prev, run) {
            out.push((p as u32, at as u32));
        }
    };
    for (i, c) in norm.char_indices() {
        if is_cjk(c) {
            if let Some(w) = word.take() {
                out.push((w as u32, i as u32));
            }
            if let Some(p) = cjk_prev {
                out.push((p as u32, (i + c.len_utf8()) as u32));
            }
            cjk_prev = Some(i);
            cjk_run += 1;
            continue;
        }
        end_cjk(cjk_prev, cjk_run, i, out);
        cjk_prev = None;
        cjk_run = 0;
        if c.is_ascii_alphanumeric() {
            word.get_or_insert(i);
        } else if let Some(w) = word.take() {
            out.push((w as u32, i as u32));
        }
    }
    end_cjk(cjk_prev, cjk_run, norm.len(), out);
    if let Some(w) = word {
        out.push((w as u32, norm.len() as u32));
    }
}

/// Opening and closing brackets of a document number's year: 〔2024〕, [2024], (2024), （2024）,
/// ［2024］, 【2024】, 〖2024〗 are all the same number.
const OPEN: [char; 7] = ['〔', '[', '(', '（', '［', '【', '〖'];
const CLOSE: [char; 7] = ['〕', ']', ')', '）', '］', '】', '〗'];
/// Hyphens joining the parts of an index number (QHEX-2025-CW-0001).
const HYPHEN: [char; 2] = ['-', '－'];
/// The most parts of an index number indexed as one token: longer chains are indexed as their
/// runs of this many parts (and a query for one looks for those runs).
const MAX_PARTS: usize = 8;

/// A unit of a normalised text searched as a whole: a document number (`〔2024〕15号` in any
/// bracket form, token `[2024]15号`, the number without leading zeros) or a chain of words
/// joined by hyphens (`qhex-2025-cw-0001`), as its span and its parts.
enum Unit {
    DocNo(String),
    Chain(Vec<String>),
}

/// The units of a normalised text with their byte spans, left to right. search.js finds the
/// same (tested).
fn units(norm: &str) -> Vec<(usize, usize, Unit)> {
    // By byte offsets: digits and letters are ASCII, one byte each; other characters are
    // decoded where a unit may start or end.
    let bytes = norm.as_bytes();
    let at = |i: usize| norm.get(i..).and_then(|s| s.chars().next());
    let ascii_run = |mut i: usize, is: fn(&u8) -> bool| {
        while bytes.get(i).is_some_and(is) {
            i += 1;
        }
        i
    };
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = at(i) {
        if OPEN.contains(&c) {
            let y0 = i + c.len_utf8();
            let y1 = ascii_run(y0, u8::is_ascii_digit);
            if let Some(close) = at(y1).filter(|c| y1 - y0 == 4 && CLOSE.contains(c)) {
                let n0 = y1 + close.len_utf8();
                let n1 = ascii_run(n0, u8::is_ascii_digit);
                if n1 > n0 && at(n1) == Some('号') {
                    let year = &norm[y0..y1];
                    let num = norm[n0..n1].trim_start_matches('0');
                    let num = if num.is_empty() { "0" } else { num };
                    let tok = format!("[{year}]{num}号");
                    let end = n1 + '号'.len_utf8();
                    out.push((i, end, Unit::DocNo(tok)));
                    i = end;
                    continue;
                }
            }
            i = y0;
        } else if c.is_ascii_alphanumeric() {
            let mut parts = vec![(i, ascii_run(i, u8::is_ascii_alphanumeric))];
            while let Some(&(_, e)) = parts.last() {
                let Some(h) = at(e).filter(|h| HYPHEN.contains(h)) else {
                    break;
                };
                let next = e + h.len_utf8();
                if !bytes.get(next).is_some_and(u8::is_ascii_alphanumeric) {
                    break;
                }
                parts.push((next, ascii_run(next, u8::is_ascii_alphanumeric)));
            }
            let end = parts.last().map_or(i, |p| p.1);
            if parts.len() > 1 {
                let words = parts.iter().map(|&(a, b)| norm[a..b].to_string()).collect();
                out.push((i, end, Unit::Chain(words)));
            }
            i = end;
        } else {
            i += c.len_utf8();
        }
    }
    out
}

/// The search tokens of a query: bigrams of each run of CJK characters (a run of one gives the
/// character), lower-cased runs of ASCII letters and digits, and each document number or index
/// number as one token in place of its parts (the index holds both).
pub fn tokens(text: &str) -> Vec<String> {
    let norm = normalise(text);
    let mut out = Vec::new();
    let mut ranges = Vec::new();
    let mut from = 0;
    let mut plain = |seg: &str, out: &mut Vec<String>| {
        ranges.clear();
        token_ranges(seg, &mut ranges);
        out.extend(
            ranges
                .iter()
                .map(|&(a, b)| seg[a as usize..b as usize].to_string()),
        );
    };
    for (a, b, unit) in units(&norm) {
        plain(&norm[from..a], &mut out);
        from = b;
        match unit {
            Unit::DocNo(tok) => out.push(tok),
            Unit::Chain(parts) => {
                let n = parts.len().min(MAX_PARTS);
                out.extend(parts.windows(n).map(|w| w.join("-")));
            }
        }
    }
    plain(&norm[from..], &mut out);
    out
}

/// The whole-unit tokens a normalised text adds to its bigrams and words: each document number,
/// and each run of two to `MAX_PARTS` parts of an index number.
fn unit_tokens(norm: &str, out: &mut Vec<String>) {
    for (_, _, unit) in units(norm) {
        match unit {
            Unit::DocNo(tok) => out.push(tok),
            Unit::Chain(parts) => {
                for n in 2..=parts.len().min(MAX_PARTS) {
                    out.extend(parts.windows(n).map(|w| w.join("-")));
                }
            }
        }
    }
}

/// The shard a stored key lives in: a title key (`^收费`) lives with its token, so a query
/// learns which hits have its words in the title from the shards it fetches anyway.
fn shard_key(key: &str) -> &str {
    key.strip_prefix('^').unwrap_or(key)
}

/// FNV-1a over the token's UTF-8 bytes: the shard a token lives in.
pub fn shard_of(token: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in token.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % shards
}

/// Shards for `docs` documents: about sixteen documents' worth of postings per shard file
/// (some 9 KB before gzip at 10,000 notices). Smaller shards save a query little and cost a
/// file each (at eight, the index was a fifth of the files of a build); larger ones make a
/// query download the postings of many tokens it does not ask for.
pub fn shard_count(docs: usize) -> u32 {
    (docs / 16).next_power_of_two().clamp(16, 2048) as u32
}

#[derive(Serialize)]
struct DocView<'a> {
    t: &'a str,
    u: &'a str,
    d: &'a str,
    k: &'a str,
    y: &'a str,
    s: String,
}

#[derive(Serialize)]
struct Meta {
    shards: u32,
    chunk: usize,
    docs: usize,
    kinds: Vec<(&'static str, &'static str)>,
    years: Vec<String>,
    /// Archived school years: search.js also searches each archive's own index
    /// (`archive/YEAR/search/`) and marks those results with `archived_label`.
    archives: Vec<String>,
    archived_label: &'static str,
}

/// One notice as the index sees it: its normalised text, the distinct tokens in it (byte
/// ranges), and its display data.
struct DocTokens {
    text: String,
    distinct: Vec<(u32, u32)>,
    doc: String,
}

impl DocTokens {
    fn iter(&self) -> impl Iterator<Item = &str> {
        self.distinct
            .iter()
            .map(|&(a, b)| &self.text[a as usize..b as usize])
    }
}

/// The distinct tokens of one notice and its display data; `body` is its body's plain text when
/// the page render already made it.
fn doc_tokens(e: &crate::board::Entry, s: &Summary, body: Option<String>) -> DocTokens {
    let n = &e.notice;
    let body = body.unwrap_or_else(|| crate::render::markdown::plain_text(&n.body));
    let mut text = String::new();
    for p in [
        Some(&n.title),
        n.summary.as_ref(),
        n.department.as_ref(),
        n.doc_no.as_ref(),
        e.index_no.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        let _ = writeln!(text, "{p}");
    }
    for t in &n.tags {
        let _ = writeln!(text, "{t}");
    }
    if let Some(sel) = &n.data.selection {
        for c in sel.shown() {
            let _ = writeln!(text, "{} {}", c.name, c.unit.as_deref().unwrap_or(""));
        }
        if let Some(a) = &sel.award {
            let _ = writeln!(text, "{a}");
        }
    }
    if let Some(ev) = &n.data.evaluation {
        for p in &ev.results {
            let _ = writeln!(text, "{} {}", p.name, p.post.as_deref().unwrap_or(""));
        }
    }
    text.push_str(&body);
    let mut text = normalise(&text);
    let mut all = Vec::new();
    token_ranges(&text, &mut all);
    // Keys beyond the text's bigrams and words, appended to it (a line each) so that every key
    // is a range of the one string: whole document and index numbers; `^token` for the tokens of
    // the title, document number and index number (ranked first); `k:kind` and `y:year` (the
    // search form's filters, intersected like words).
    let mut extra = Vec::new();
    unit_tokens(&text, &mut extra);
    let head = normalise(&format!(
        "{}\n{}\n{}",
        n.title,
        n.doc_no.as_deref().unwrap_or(""),
        e.index_no.as_deref().unwrap_or("")
    ));
    let mut head_ranges = Vec::new();
    token_ranges(&head, &mut head_ranges);
    let mut head_tokens: Vec<String> = head_ranges
        .iter()
        .map(|&(a, b)| head[a as usize..b as usize].to_string())
        .collect();
    unit_tokens(&head, &mut head_tokens);
    extra.extend(head_tokens.into_iter().map(|t| format!("^{t}")));
    extra.push(format!("k:{}", s.kind));
    extra.push(format!("y:{}", s.school_year));
    for key in extra {
        text.push('\n');
        let a = text.len() as u32;
        text.push_str(&key);
        all.push((a, text.len() as u32));
    }
    // Each token once.
    let mut seen = std::collections::HashSet::with_capacity_and_hasher(
        all.len(),
        foldhash::fast::FixedState::default(),
    );
    let distinct = all
        .into_iter()
        .filter(|&(a, b)| seen.insert(&text[a as usize..b as usize]))
        .collect();
    let snippet = snippet(n.summary.as_deref(), &body, SNIPPET);
    let doc = DocView {
        t: &n.title,
        u: &e.url,
        d: &s.date,
        k: s.kind,
        y: &s.school_year,
        s: snippet,
    };
    let doc = serde_json::to_string(&doc).unwrap_or_default();
    DocTokens {
        distinct,
        text,
        doc,
    }
}

/// The first `n` characters of the summary (if any) and a space, then the words of the body
/// separated by single spaces: only as much of the body is collapsed as the snippet shows.
fn snippet(summary: Option<&str>, body: &str, n: usize) -> String {
    let mut out = String::with_capacity(n * 3);
    let mut left = n;
    let mut push = |s: &str| {
        for c in s.chars().take(left) {
            out.push(c);
            left -= 1;
        }
        left > 0
    };
    if let Some(sum) = summary {
        let _ = push(sum) && push(" ");
    }
    for (i, word) in body.split_whitespace().enumerate() {
        if (i > 0 && !push(" ")) || !push(word) {
            break;
        }
    }
    out
}

/// A token of a document: its shard and its byte range in the document's text.
type ShardToken = (u32, u32, u32);

/// A document's tokens with their shards, grouped by shard in shard order (a counting sort:
/// shards are few, and comparison sorting was a twentieth of indexing).
fn by_shard(d: &DocTokens, shards: u32) -> Vec<ShardToken> {
    let keyed: Vec<ShardToken> = d
        .distinct
        .iter()
        .map(|&(a, b)| {
            let key = &d.text[a as usize..b as usize];
            (shard_of(shard_key(key), shards), a, b)
        })
        .collect();
    let mut next = vec![0u32; shards as usize + 1];
    for t in &keyed {
        next[t.0 as usize + 1] += 1;
    }
    for s in 1..next.len() {
        next[s] += next[s - 1];
    }
    let mut out = vec![(0, 0, 0); keyed.len()];
    for t in keyed {
        let at = &mut next[t.0 as usize];
        out[*at as usize] = t;
        *at += 1;
    }
    out
}

type TokenMap = HashMap<String, Postings, foldhash::fast::FixedState>;

/// The index of the last build, kept by serve and watch so that editing a notice re-tokenises
/// only that notice and re-serialises only the shards and chunks it touches.
#[derive(Debug, Default)]
pub struct SearchState {
    shards: u32,
    /// The inputs each document was indexed from.
    inputs: Vec<(crate::board::Entry, Arc<Summary>)>,
    /// Postings by shard: token → ascending document numbers.
    postings: Vec<TokenMap>,
    shard_json: Vec<String>,
    doc_json: Vec<String>,
    /// Shards and chunks changed since the files were last emitted; `None`: all of them.
    dirty: Option<(BTreeSet<usize>, BTreeSet<usize>)>,
}

/// Whether a document would be indexed the same way: same notice (the same loaded file), URL,
/// index number and displayed fields.
fn same_input(
    a: &(crate::board::Entry, Arc<Summary>),
    e: &crate::board::Entry,
    s: &Summary,
) -> bool {
    std::sync::Arc::ptr_eq(&a.0.notice, &e.notice)
        && a.0.url == e.url
        && a.0.index_no == e.index_no
        && a.1.date == s.date
        && a.1.kind == s.kind
        && a.1.kind_name == s.kind_name
        && a.1.school_year == s.school_year
}

/// The 64 digits of a posting bitmap, six documents each (bit `j` of digit `i`: document
/// `6i + j`); search.js decodes them.
const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A posting list as JSON: ascending document numbers as deltas (`[3,1,40]`), or, where it is
/// shorter (a token in more than about one notice in eight), a bitmap string: a common word's
/// postings are most of what a query downloads.
fn push_postings(json: &mut String, ids: &Postings, num: &mut itoa::Buffer) {
    let deltas: usize = ids
        .iter()
        .scan(0, |prev, id| {
            let d = id - *prev;
            *prev = id;
            Some(num.format(d).len() + 1)
        })
        .sum();
    let bits = ids.last().map_or(0, |max| max as usize / 6 + 1);
    if bits + 2 < deltas {
        let mut digits = vec![0u8; bits];
        for id in ids.iter() {
            digits[id as usize / 6] |= 1 << (id % 6);
        }
        json.push('"');
        json.extend(digits.iter().map(|&d| B64[d as usize] as char));
        json.push('"');
        return;
    }
    json.push('[');
    let mut prev = 0;
    for (j, id) in ids.iter().enumerate() {
        if j > 0 {
            json.push(',');
        }
        json.push_str(num.format(id - prev));
        prev = id;
    }
    json.push(']');
}

fn shard_json(map: &TokenMap) -> String {
    let mut entries: Vec<(&String, &Postings)> = map.iter().collect();
    // Sorted by token: the same bytes whatever the hash map's order.
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let ids: usize = entries.iter().map(|(_, ids)| ids.len()).sum();
    let mut json = String::with_capacity(2 + entries.len() * 12 + ids * 3);
    json.push('{');
    // Numbers through itoa: a shard of a common token holds a number per notice of the board,
    // and serve rewrites the shards an edited notice touches.
    let mut num = itoa::Buffer::new();
    for (i, (tok, ids)) in entries.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(&serde_json::to_string(tok).unwrap_or_default());
        json.push(':');
        push_postings(&mut json, ids, &mut num);
    }
    json.push('}');
    json
}

fn chunk_json(docs: &[String], c: usize) -> String {
    let end = ((c + 1) * CHUNK).min(docs.len());
    format!("[{}]", docs[c * CHUNK..end].join(","))
}

/// Where the index files go: `emit(path, Some(json))` writes a file, `emit(path, None)` keeps
/// the previous build's file of that path, unchanged.
pub type Emit<'a> = dyn Fn(&str, Option<&str>) + Sync + 'a;

/// Postings of the whole board by shard, and each document's display data. `bodies` holds the
/// plain texts of bodies the render made (taken as they are indexed), by entry.
fn index_board(
    board: &Board,
    summaries: &[Arc<Summary>],
    mut bodies: Vec<Option<String>>,
    shards: u32,
) -> (Vec<TokenMap>, Vec<String>) {
    let mut postings: Vec<TokenMap> = (0..shards).map(|_| TokenMap::default()).collect();
    let mut docs: Vec<String> = Vec::with_capacity(board.entries.len());
    // Tokenising is per document and independent: in parallel, a batch at a time (so the
    // tokens of the whole board are never all in memory), merged in document order.
    const BATCH: usize = 256;
    bodies.resize(board.entries.len(), None);
    for (b, ((entries, sums), texts)) in board
        .entries
        .chunks(BATCH)
        .zip(summaries.chunks(BATCH))
        .zip(bodies.chunks_mut(BATCH))
        .enumerate()
    {
        // Each document's tokens with their shards, in shard order.
        let per_doc: Vec<(DocTokens, Vec<ShardToken>)> = entries
            .par_iter()
            .zip(sums)
            .zip(texts.par_iter_mut())
            .with_max_len(8)
            .map(|((e, s), text)| {
                let d = doc_tokens(e, s, text.take());
                let by_shard = by_shard(&d, shards);
                (d, by_shard)
            })
            .collect();
        // Merged in parallel too: each task owns a contiguous range of shards and takes the
        // tokens that fall in it, documents in order.
        let per_task = (shards as usize).div_ceil(rayon::current_num_threads().max(1) * 4);
        postings
            .par_chunks_mut(per_task)
            .enumerate()
            .for_each(|(task, maps)| {
                let first = (task * per_task) as u32;
                let range = first..first + maps.len() as u32;
                for (k, (d, by_shard)) in per_doc.iter().enumerate() {
                    let id = (b * BATCH + k) as u32;
                    let from = by_shard.partition_point(|t| t.0 < range.start);
                    let to = by_shard.partition_point(|t| t.0 < range.end);
                    for &(shard, a, z) in &by_shard[from..to] {
                        let tok = &d.text[a as usize..z as usize];
                        let map = &mut maps[(shard - first) as usize];
                        match map.get_mut(tok) {
                            Some(ids) => ids.push(id),
                            None => {
                                map.insert(tok.to_string(), Postings::one(id));
                            }
                        }
                    }
                }
            });
        docs.extend(per_doc.into_iter().map(|(d, _)| d.doc));
    }
    (postings, docs)
}

fn meta_json(shards: u32, docs: usize, board: &Board, lang: crate::config::Language) -> String {
    let meta = Meta {
        shards,
        chunk: CHUNK,
        docs,
        kinds: crate::content::Kind::ALL
            .iter()
            .map(|k| (k.key(), crate::render::i18n::kind_name(lang, *k)))
            .collect(),
        years: board.years.iter().map(|(y, _)| y.label()).collect(),
        archives: board.archived_years(),
        archived_label: crate::render::i18n::t(lang, "archived_mark"),
    };
    serde_json::to_string(&meta).unwrap_or_default()
}

fn shard_path(shard: usize) -> String {
    format!("search/s/{shard}.json")
}

fn chunk_path(chunk: usize) -> String {
    format!("search/d/{chunk}.json")
}

impl SearchState {
    /// Indexes the whole board.
    fn full(board: &Board, summaries: &[Arc<Summary>], bodies: Vec<Option<String>>) -> SearchState {
        let shards = shard_count(board.entries.len());
        let (postings, docs) = index_board(board, summaries, bodies, shards);
        SearchState {
            shards,
            inputs: board
                .entries
                .iter()
                .cloned()
                .zip(summaries.iter().cloned())
                .collect(),
            shard_json: postings.par_iter().map(shard_json).collect(),
            postings,
            doc_json: docs,
            dirty: None,
        }
    }

    /// Brings the index up to date with `board`: re-tokenises the documents whose input changed
    /// when their numbering is unchanged (an edit), else rebuilds.
    fn update(&mut self, board: &Board, summaries: &[Arc<Summary>]) -> bool {
        if self.shards != shard_count(board.entries.len())
            || self.inputs.len() != board.entries.len()
        {
            return false;
        }
        let changed: Vec<usize> = (0..board.entries.len())
            .filter(|&i| !same_input(&self.inputs[i], &board.entries[i], &summaries[i]))
            .collect();
        if changed.len() > 64 {
            return false;
        }
        let mut dirty_shards = BTreeSet::new();
        let mut dirty_chunks = BTreeSet::new();
        for &i in &changed {
            let id = i as u32;
            // Only the tokens that come or go change postings, and only their shards are written.
            let old = doc_tokens(&self.inputs[i].0, &self.inputs[i].1, None);
            let new = doc_tokens(&board.entries[i], &summaries[i], None);
            let old_set: std::collections::HashSet<&str> = old.iter().collect();
            let new_set: std::collections::HashSet<&str> = new.iter().collect();
            for &tok in old_set.difference(&new_set) {
                let shard = shard_of(shard_key(tok), self.shards) as usize;
                if let Some(ids) = self.postings[shard].get_mut(tok) {
                    ids.remove(id);
                    if ids.is_empty() {
                        self.postings[shard].remove(tok);
                    }
                }
                dirty_shards.insert(shard);
            }
            for &tok in new_set.difference(&old_set) {
                let shard = shard_of(shard_key(tok), self.shards) as usize;
                self.postings[shard]
                    .entry(tok.to_string())
                    .or_default()
                    .insert(id);
                dirty_shards.insert(shard);
            }
            self.doc_json[i] = new.doc;
            dirty_chunks.insert(i / CHUNK);
            self.inputs[i] = (board.entries[i].clone(), summaries[i].clone());
        }
        for &shard in &dirty_shards {
            self.shard_json[shard] = shard_json(&self.postings[shard]);
        }
        if let Some((shards, chunks)) = &mut self.dirty {
            shards.extend(dirty_shards);
            chunks.extend(dirty_chunks);
        }
        true
    }

    /// Emits every file of the index, writing only those changed since the last time.
    fn emit(&mut self, board: &Board, lang: crate::config::Language, emit: &Emit) {
        emit(
            "search/meta.json",
            Some(&meta_json(self.shards, self.doc_json.len(), board, lang)),
        );
        let dirty = self.dirty.replace(Default::default());
        let (shards, docs) = (&self.shard_json, &self.doc_json);
        (0..shards.len()).into_par_iter().for_each(|s| {
            let changed = dirty.as_ref().is_none_or(|(d, _)| d.contains(&s));
            emit(&shard_path(s), changed.then_some(shards[s].as_str()));
        });
        (0..docs.len().div_ceil(CHUNK))
            .into_par_iter()
            .for_each(|c| {
                let changed = dirty.as_ref().is_none_or(|(_, d)| d.contains(&c));
                emit(
                    &chunk_path(c),
                    changed.then(|| chunk_json(docs, c)).as_deref(),
                );
            });
    }
}

/// Writes the index: `search/meta.json`, `search/s/{shard}.json` (token → ascending document
/// numbers, delta-encoded) and `search/d/{chunk}.json` (what a result shows). With a `state`
/// from the previous build (serve, watch), only what changed is redone and written; without, the
/// index is built, written and dropped shard by shard. `bodies`: the plain texts of the bodies
/// the render parsed, by entry (any missing is made here).
pub fn write_index(
    board: &Board,
    summaries: &[Arc<Summary>],
    bodies: Vec<Option<String>>,
    lang: crate::config::Language,
    state: Option<&mut SearchState>,
    emit: &Emit,
) {
    match state {
        None => {
            let shards = shard_count(board.entries.len());
            let (postings, docs) = index_board(board, summaries, bodies, shards);
            emit(
                "search/meta.json",
                Some(&meta_json(shards, docs.len(), board, lang)),
            );
            postings.into_par_iter().enumerate().for_each(|(s, map)| {
                emit(&shard_path(s), Some(&shard_json(&map)));
            });
            (0..docs.len().div_ceil(CHUNK))
                .into_par_iter()
                .for_each(|c| emit(&chunk_path(c), Some(&chunk_json(&docs, c))));
        }
        Some(state) => {
            let t = crate::timings::phase("search: update");
            if !state.update(board, summaries) {
                *state = SearchState::full(board, summaries, bodies);
            }
            drop(t);
            let _t = crate::timings::phase("search: emit");
            state.emit(board, lang, emit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_words_and_numbers() {
        assert_eq!(tokens("收费公示"), ["收费", "费公", "公示"]);
        assert_eq!(
            tokens("青禾二小发〔2025〕12号"),
            ["青禾", "禾二", "二小", "小发", "[2025]12号"]
        );
        assert_eq!(tokens("ＱＨＥＸ-2025-CW-0001"), ["qhex-2025-cw-0001"]);
        assert_eq!(tokens("（2024）015号文件"), ["[2024]15号", "文件"]);
        assert_eq!(tokens("〔24〕15号"), ["24", "15", "号"]);
        let mut index = Vec::new();
        unit_tokens("见qhex-2025-cw-0001及〔2024〕15号", &mut index);
        assert_eq!(
            index,
            [
                "qhex-2025",
                "2025-cw",
                "cw-0001",
                "qhex-2025-cw",
                "2025-cw-0001",
                "qhex-2025-cw-0001",
                "[2024]15号"
            ]
        );
        assert_eq!(tokens("优秀教师"), ["优秀", "秀教", "教师"]);
    }

    #[test]
    fn common_postings_are_bitmaps() {
        let mut num = itoa::Buffer::new();
        let mut json = String::new();
        let of = |ids: &[u32]| {
            let mut p = Postings::default();
            ids.iter().for_each(|&id| p.push(id));
            p
        };
        push_postings(&mut json, &of(&[3, 4, 44]), &mut num);
        assert_eq!(json, "[3,1,40]");
        json.clear();
        let all: Vec<u32> = (0..20).collect();
        push_postings(&mut json, &of(&all), &mut num);
        // 0–5, 6–11, 12–17 all set (63 = '_'), then 18 and 19 (3 = 'D').
        assert_eq!(json, "\"___D\"");
    }

    #[test]
    fn snippets_collapse_the_body_s_whitespace() {
        let old = |sum: Option<&str>, body: &str, n: usize| -> String {
            let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
            let src = match sum {
                Some(s) => format!("{s} {body}"),
                None => body,
            };
            src.chars().take(n).collect()
        };
        for (sum, body) in [
            (None, "  一、基本情况 \n\n 收费  标准 "),
            (Some("概述 两句"), "正文\u{3000}第一段\n第二段"),
            (Some(""), ""),
            (None, ""),
            (Some("很长的概述".repeat(60).as_str()), "正文"),
        ] {
            for n in [0, 1, 5, 12, 240] {
                assert_eq!(
                    snippet(sum, body, n),
                    old(sum, body, n),
                    "{sum:?} {body:?} {n}"
                );
            }
        }
    }

    #[test]
    fn normalises_full_width_and_case() {
        assert_eq!(normalise("ＱＨＥＸ-2025，Ａｂ１２"), "qhex-2025，ab12");
        assert_eq!(normalise("收费，（ABC）：12"), "收费，（abc）：12");
        assert_eq!(normalise("ｚ"), "z");
    }

    #[test]
    fn shards_are_stable() {
        // The same values are asserted for search.js by the Node test.
        // FNV-1a of the UTF-8 bytes of 收费 is 0x43419f42.
        assert_eq!(shard_of("收费", 256), 66);
        assert_eq!(shard_of("", 16), 0x811c_9dc5 % 16);
        assert_eq!(shard_count(10), 16);
        assert_eq!(shard_count(10_000), 1024);
        assert_eq!(shard_count(50_000), 2048);
    }
}
