//! Notice bodies: CommonMark with GFM tables, strikethrough and footnotes, rendered by
//! pulldown-cmark, with headings shifted under the page title, then sanitised so that raw HTML in
//! content can never run script.

use std::collections::HashSet;
use std::sync::LazyLock;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};

use crate::content::markdown::options;

/// Renders Markdown to safe HTML. The body's highest heading becomes `<h2>` (the page title is
/// the only `<h1>`), keeping heading levels in order for screen readers.
pub fn to_html(markdown: &str) -> String {
    to_html_with(markdown, &|_| None)
}

/// Like [`to_html`], with link destinations rewritten by `rewrite` (links to other notices'
/// source files become their pages).
///
/// A body without raw HTML, NUL characters or links inside links, and whose links and images
/// all lead to relative addresses or to `http`, `https`, `mailto` or `tel` URLs the sanitiser
/// can parse, is safe as pulldown-cmark writes it (text and attributes escaped; heading
/// attributes other than the id and code block languages are dropped on both paths): it skips
/// the sanitiser, which parses and writes the whole body again and was a sixteenth of a build,
/// and is written as the sanitiser writes it ([`fast_path`]: byte for byte the same, a
/// differential property test and a fuzz target check it). Everything else goes through the
/// sanitiser.
pub fn to_html_with(markdown: &str, rewrite: &dyn Fn(&str) -> Option<String>) -> String {
    render(markdown, rewrite, false).0
}

/// Like [`to_html_with`], with the body's [`plain_text`] from the same parse (the search index
/// needs both, and parsing was a tenth of indexing).
pub fn to_html_and_text(
    markdown: &str,
    rewrite: &dyn Fn(&str) -> Option<String>,
) -> (String, String) {
    let (html, text) = render(markdown, rewrite, true);
    (html, text.unwrap_or_default())
}

/// The text of a body without markup, its words separated by whitespace as it comes (not
/// collapsed): what search indexes and quotes in its snippets.
pub fn plain_text(markdown: &str) -> String {
    plain_of(&Parser::new_ext(markdown, options()).collect::<Vec<_>>())
}

fn plain_of(events: &[Event]) -> String {
    let mut s = String::with_capacity(events.len() * 16);
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => s.push(' '),
            _ => {}
        }
    }
    s
}

fn render(
    markdown: &str,
    rewrite: &dyn Fn(&str) -> Option<String>,
    text: bool,
) -> (String, Option<String>) {
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    let text = text.then(|| plain_of(&events));
    let (html, plain) = unsanitised(markdown, events, rewrite);
    let html = if plain {
        as_sanitised(&html)
    } else {
        sanitize(&html)
    };
    (html, text)
}

/// The fast path, for the differential test and the fuzzer: when the body skips the sanitiser,
/// the HTML it publishes and the HTML the sanitiser would have been given instead. The fast path
/// is right when `sanitize(given) == published`, byte for byte.
#[doc(hidden)]
pub fn fast_path(
    markdown: &str,
    rewrite: &dyn Fn(&str) -> Option<String>,
) -> Option<(String, String)> {
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    let (html, plain) = unsanitised(markdown, events, rewrite);
    plain.then(|| (as_sanitised(&html), html))
}

/// The body's HTML as pulldown-cmark writes it (headings shifted, heading attributes other than
/// the id and code languages dropped, link addresses rewritten), and whether it may skip the
/// sanitiser.
fn unsanitised(
    markdown: &str,
    events: Vec<Event>,
    rewrite: &dyn Fn(&str) -> Option<String>,
) -> (String, bool) {
    let min_level = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let shift = 2usize.saturating_sub(min_level);
    // The sanitiser drops NUL characters from text (pulldown-cmark keeps them).
    let mut plain = !markdown.contains('\0');
    // Links inside links (an autolink in a link's text; a footnote reference would be one too,
    // though pulldown-cmark ends the link before it today): the sanitiser's HTML parser closes
    // the outer one first.
    let mut links = 0usize;
    let events = events.into_iter().map(|e| match e {
        Event::Start(Tag::Heading { level, id, .. }) => Event::Start(Tag::Heading {
            level: shifted(level, shift),
            id,
            classes: Vec::new(),
            attrs: Vec::new(),
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shifted(level, shift))),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = rewrite(&dest_url).map(Into::into).unwrap_or(dest_url);
            plain &= links == 0;
            links += 1;
            plain &= if link_type == LinkType::Email {
                // Written as `mailto:` and the address.
                safe_url(&format!("mailto:{dest_url}"))
            } else {
                safe_url(&dest_url)
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::End(TagEnd::Link) => {
            links = links.saturating_sub(1);
            e
        }
        Event::FootnoteReference(_) => {
            plain &= links == 0;
            e
        }
        Event::Start(Tag::Image { ref dest_url, .. }) => {
            plain &= safe_url(dest_url);
            e
        }
        // The sanitiser drops the `language-…` class: the fast path writes none.
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced("".into())))
        }
        Event::Html(_) | Event::InlineHtml(_) => {
            plain = false;
            e
        }
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    (html, plain)
}

/// Whether a link or image address may stay as written: relative, or one of the schemes the
/// sanitiser keeps, with nothing that still reads as `script:` or `data:` once spaces, control
/// characters and backticks are removed, and (with a scheme) a URL the sanitiser can parse as
/// pulldown-cmark writes it: it drops `http://a b` or `http://999.1.1.1` (invalid hosts).
fn safe_url(url: &str) -> bool {
    let squeezed = squeezed(url);
    if reads_as_script(&squeezed) {
        return false;
    }
    match squeezed.find([':', '/', '?', '#']) {
        Some(at) if squeezed.as_bytes()[at] == b':' => {
            matches!(&squeezed[..at], "http" | "https" | "mailto" | "tel")
                && ammonia::Url::parse(&as_written(url)).is_ok()
        }
        _ => true,
    }
}

/// The bytes pulldown-cmark percent-escapes in link and image addresses (besides non-ASCII):
/// `&` and `'` it writes as references, which read back as themselves.
const HREF_ESCAPED: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// An address as the sanitiser reads it from pulldown-cmark's `href` or `src` attribute.
fn as_written(url: &str) -> String {
    utf8_percent_encode(url, HREF_ESCAPED).to_string()
}

/// A URL as old browsers may read it: without spaces, control characters and backticks (read as
/// quotes), in lower case.
fn squeezed(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && *c != '`')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Whether a squeezed URL still says `script:` or `data:`.
fn reads_as_script(squeezed: &str) -> bool {
    squeezed.contains("script:") || squeezed.contains("data:")
}

/// pulldown-cmark's HTML as the sanitiser writes it back: `rel="noopener"` on every link, void
/// elements without the slash (`<br>`), `'` unescaped, no-break spaces as `&nbsp;`, line breaks
/// as `\n`. In pulldown-cmark's output without raw HTML, `<` only starts a tag, `>` only ends
/// one and `&` only starts one of its own escapes: text and attribute values are escaped.
fn as_sanitised(html: &str) -> String {
    /// The bytes [`as_sanitised`] may rewrite at.
    const REWRITES: [bool; 256] = {
        let mut t = [false; 256];
        let mut k = 0;
        let bytes = [b'<', b'>', b' ', b'&', b'\r', 0xC2];
        while k < bytes.len() {
            t[bytes[k] as usize] = true;
            k += 1;
        }
        t
    };
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() + 64);
    let (mut copied, mut i, mut in_link) = (0, 0, false);
    while i < b.len() {
        // Most bytes are text: skip to the next one that may start a rewrite.
        while i < b.len() && !REWRITES[b[i] as usize] {
            i += 1;
        }
        if i == b.len() {
            break;
        }
        let (len, with) = match b[i] {
            b'<' if b[i + 1..].starts_with(b"a ") => {
                in_link = true;
                i += 1;
                continue;
            }
            b'>' if in_link => {
                in_link = false;
                (1, " rel=\"noopener\">")
            }
            b' ' if b[i..].starts_with(b" />") => (3, ">"),
            b'&' if b[i..].starts_with(b"&#39;") => (5, "'"),
            b'&' if b[i..].starts_with(b"&#x27;") => (6, "'"),
            b'\r' if b[i..].starts_with(b"\r\n") => (2, "\n"),
            b'\r' => (1, "\n"),
            0xC2 if b.get(i + 1) == Some(&0xA0) => (2, "&nbsp;"),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&html[copied..i]);
        out.push_str(with);
        i += len;
        copied = i;
    }
    out.push_str(&html[copied..]);
    out
}

fn shifted(level: HeadingLevel, by: usize) -> HeadingLevel {
    HeadingLevel::try_from((level as usize + by).min(6)).unwrap_or(HeadingLevel::H6)
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tag_attributes("h1", ["id"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"])
        .add_tag_attributes("div", ["id", "class"])
        .add_tag_attributes("sup", ["id", "class"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .link_rel(Some("noopener"))
        .attribute_filter(|element, attribute, value| {
            // Old browsers read backticks as quotes and skip control characters: a URL that
            // still says `script:` after removing them is dropped.
            if matches!(attribute, "href" | "src" | "cite" | "longdesc")
                && reads_as_script(&squeezed(value))
            {
                return None;
            }
            // Keep only the column alignment pulldown-cmark writes for tables.
            if attribute == "style" && matches!(element, "th" | "td") {
                return matches!(
                    value,
                    "text-align: left" | "text-align: center" | "text-align: right"
                )
                .then_some(value.into());
            }
            Some(value.into())
        });
    b
});

/// Removes everything that could run script or load active content from HTML.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_and_handlers_are_removed() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<a href=\"JaVaScRiPt:alert(1)\">y</a>\n\n<svg><script>alert(1)</script></svg>\n\n<iframe src=\"https://e.com\"></iframe>",
        );
        let lower = html.to_lowercase();
        for bad in ["<script", "onerror", "javascript:", "<svg", "<iframe"] {
            assert!(!lower.contains(bad), "{bad} survived in {html}");
        }
    }

    #[test]
    fn bodies_without_raw_html_skip_the_sanitiser_safely() {
        // Heading attributes could carry handlers: only the id stays.
        let html =
            to_html("# 标题 {#top .x onclick=alert(1)}\n\n[链接](https://e.com/a?b=1&c=2)\n");
        assert!(html.contains("<h2 id=\"top\">标题</h2>"), "{html}");
        assert!(
            !html.contains("onclick") && !html.contains("class"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"https://e.com/a?b=1&amp;c=2\" rel=\"noopener\">"),
            "{html}"
        );
        // Unsafe addresses, however written, send the body through the sanitiser.
        for bad in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](<java script:alert(1)>)",
            "![x](data:text/html;base64,PHNjcmlwdD4=)",
            "[x](vbscript:msgbox)",
            "[x](file:///etc/passwd)",
        ] {
            let html = to_html(bad).to_lowercase();
            assert!(
                !html.contains("script:") && !html.contains("data:") && !html.contains("file:"),
                "{bad} -> {html}"
            );
        }
        for ok in [
            "a.html",
            "../x/y.pdf",
            "#frag",
            "?q=1",
            "mailto:a@b.cn",
            "tel:0571",
        ] {
            assert!(safe_url(ok), "{ok}");
        }
    }

    /// What the differential test (`the_sanitisers_fast_path_publishes_what_the_sanitiser_would`
    /// in tests/it/props.rs) found: bodies whose fast-path HTML differed from the sanitiser's.
    #[test]
    fn the_fast_path_writes_what_the_sanitiser_would() {
        for body in [
            // Written differently: no-break spaces, `'` in attributes, `<br />`, `<img />`, CR.
            "[^注]: *[\u{a0}][ref]*\n",
            "[x](a \"it's\")\n",
            "[x](https://e.com/?a='b')\n",
            "line  \nbreak\n\n---\n\n![图](b.png)\n",
            "a\r\nb  \r\nc\rd\n",
            // Removed by the sanitiser: the code block's language class, NUL characters.
            "```rust\n公示\n```\n",
            "*`\0`*\n",
            // Addresses the sanitiser cannot parse: it drops them.
            "[^1]: 公示 <http://[::1]/>\n",
            "[x](<http://a b>)\n",
            "[x](http://999.1.1.1/)\n",
            "[x](https://xn--a/)\n",
            // A link in a link: the sanitiser's parser closes the outer one.
            "[<a@b.c>](http:alert(1))\n",
        ] {
            if let Some((published, given)) = fast_path(body, &|_| None) {
                assert_eq!(published, sanitize(&given), "{body:?}");
            }
            // Published either way, the sanitiser leaves it as it is.
            let published = to_html(body);
            assert_eq!(sanitize(&published), published, "{body:?}");
        }
    }

    #[test]
    fn headings_start_at_h2_and_tables_keep_alignment() {
        let html =
            to_html("# 一、基本情况\n\n## 细则\n\n| 项目 | 金额 |\n|---|--:|\n| 水电 | 1.00 |\n");
        assert!(html.contains("<h2>一、基本情况</h2>"), "{html}");
        assert!(html.contains("<h3>细则</h3>"));
        assert!(
            html.contains("<td style=\"text-align: right\">1.00</td>"),
            "{html}"
        );
        let html = to_html("## 一、基本情况\n");
        assert!(html.contains("<h2>"));
    }

    #[test]
    fn footnotes_and_strikethrough() {
        let html = to_html("文件[^1]，~~旧标准~~\n\n[^1]: 青价费〔2024〕15号\n");
        assert!(html.contains("<del>旧标准</del>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }
}
