//! What a notice body's Markdown holds, found without rendering it: its links with their lines,
//! raw HTML the sanitiser will remove, and how deep its raw HTML nests. The Markdown dialect
//! (the parser's options) is defined here once, for these scans and for rendering.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// CommonMark with GFM tables, footnotes, strikethrough and heading attributes.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The 1-based line of a byte offset of the body.
fn line_of(body: &str, offset: usize, first_line: usize) -> usize {
    first_line + body[..offset.min(body.len())].matches('\n').count()
}

/// Link and image destinations of a body, with their lines.
pub fn links(body: &str, first_line: usize) -> Vec<(String, usize)> {
    // Every link, image, autolink and reference needs a `[` or a `<`: most bodies have neither,
    // and need no parse.
    if !body.contains(['[', '<']) {
        return Vec::new();
    }
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter_map(|(e, range)| match e {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                Some((dest_url.to_string(), line_of(body, range.start, first_line)))
            }
            _ => None,
        })
        .collect()
}

const UNSAFE: [&str; 17] = [
    "<script",
    "javascript:",
    "vbscript:",
    "<iframe",
    "<object",
    "<embed",
    "<style",
    "<link",
    "<meta",
    "<base",
    "<form",
    "<svg",
    "<math",
    "expression(",
    "srcdoc",
    "<frame",
    "data:text/html",
];

/// The deepest nesting of raw HTML elements a body may have. The sanitiser's time grows with
/// the square of the depth (40,000 nested `<div>`s: 2 s, 100,000: 28 s); no notice nests tags
/// more than a few levels.
pub const MAX_HTML_DEPTH: usize = 256;

/// Elements that have no closing tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The line where the raw HTML of `body` first nests elements more than `max` deep, if it does:
/// opening tags less closing tags over the raw HTML of the body, in order. Linear in the body.
pub fn html_too_deep(body: &str, first_line: usize, max: usize) -> Option<usize> {
    if !body.contains('<') {
        return None;
    }
    let mut depth = 0usize;
    for (e, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let (Event::Html(h) | Event::InlineHtml(h)) = e else {
            continue;
        };
        let mut rest = h.as_ref();
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            let closing = rest.starts_with('/');
            let name_start = usize::from(closing);
            let name: String = rest[name_start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
                continue;
            }
            if closing {
                depth = depth.saturating_sub(1);
                continue;
            }
            let tag_end = rest.find(['<', '>']).unwrap_or(rest.len());
            if VOID.contains(&name.as_str()) || rest[..tag_end].ends_with('/') {
                continue;
            }
            depth += 1;
            if depth > max {
                return Some(line_of(body, range.start, first_line));
            }
        }
    }
    None
}

/// Raw HTML in a body that the sanitiser will remove, with its line: what `check` warns about.
pub fn unsafe_html(body: &str, first_line: usize) -> Vec<(String, usize)> {
    // Raw HTML starts with `<`.
    if !body.contains('<') {
        return Vec::new();
    }
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter_map(|(e, range)| match e {
            Event::Html(h) | Event::InlineHtml(h) => {
                let lower = h.to_lowercase();
                let handler = lower.match_indices(" on").any(|(i, _)| {
                    lower[i + 3..]
                        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                        .trim_start()
                        .starts_with('=')
                });
                // Attributes the sanitiser drops: inline styles, and data: URLs (images too).
                let dropped = [
                    " style=", "\tstyle=", "\nstyle=", "=\"data:", "='data:", "=data:",
                ]
                .iter()
                .any(|p| lower.contains(p));
                let bad = UNSAFE.iter().any(|p| lower.contains(p)) || handler || dropped;
                bad.then(|| {
                    let snippet: String = h.trim().chars().take(40).collect();
                    (snippet, line_of(body, range.start, first_line))
                })
            }
            _ => None,
        })
        .collect()
}
