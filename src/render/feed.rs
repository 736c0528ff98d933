//! Machine-readable outputs written without templates, so they are always valid: the Atom
//! feeds (`atom.xml` and one per kind, newest public notices), the JSON Feed (`feed.json`),
//! `sitemap.xml` and `robots.txt`.

use std::fmt::Write;

use serde::Serialize;

use crate::board::{Board, Entry};
use crate::config::Site;
use crate::content::{Audience, Kind};
use crate::render::context::Summary;
use crate::render::i18n;

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    xml_escape_into(&mut out, s);
    out
}

/// [`xml_escape`] appended to `out`.
pub fn xml_escape_into(out: &mut String, s: &str) {
    let plain = |b: &u8| {
        !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'') && (*b >= 0x20 || b"\t\n\r".contains(b))
    };
    if s.as_bytes().iter().all(plain) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
}

/// A day as an Atom timestamp at midnight in the site's time zone (`2025-07-10T00:00:00+08:00`).
fn atom_time(site: &Site, date: &str) -> String {
    let secs = date
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.to_zoned_datetime(site.tz.clone()).ok())
        .map(|z| z.offset().seconds())
        .unwrap_or(8 * 3600);
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.abs();
    format!("{date}T00:00:00{sign}{:02}:{:02}", a / 3600, a % 3600 / 60)
}

/// An absolute URL when the site has a base URL, else the root-relative path.
fn absolute(site: &Site, path: &str) -> String {
    format!("{}{path}", site.base_url())
}

/// One feed: where it is written, the page it is the feed of and the entries it carries.
pub struct Channel<'a> {
    /// `None` for the site's feeds, else the kind whose list the feed follows.
    pub kind: Option<Kind>,
    /// Board positions of its entries, newest first (see `Renderer::feed_entries`).
    pub entries: &'a [usize],
}

impl Channel<'_> {
    /// Where the Atom feed is written: `atom.xml`, or `finance/atom.xml` for a kind.
    pub fn atom_path(&self) -> &'static str {
        match self.kind {
            None => "atom.xml",
            Some(Kind::Finance) => "finance/atom.xml",
            Some(Kind::Evaluation) => "evaluation/atom.xml",
            Some(Kind::Selection) => "selection/atom.xml",
            Some(Kind::Notice) => "notice/atom.xml",
        }
    }

    /// The page the feed follows: the board, or the kind's list.
    fn home(&self) -> String {
        match self.kind {
            None => "index.html".to_string(),
            Some(k) => format!("{}/index.html", k.key()),
        }
    }

    /// The feed's title: the site's, with the kind's name after it.
    pub fn title(&self, site: &Site) -> String {
        match self.kind {
            None => site.config.title.clone(),
            Some(k) => format!(
                "{} · {}",
                site.config.title,
                i18n::kind_name(site.config.language, k)
            ),
        }
    }

    /// The feed's id: the site's URL (or a URN when it has none), and the kind's folder.
    fn id(&self, site: &Site) -> String {
        let c = &site.config;
        match (site.base_url().is_empty(), self.kind) {
            (true, None) => format!("urn:gongkai:{}", c.school_code),
            (true, Some(k)) => format!("urn:gongkai:{}:{}", c.school_code, k.key()),
            (false, None) => site.base_url(),
            (false, Some(k)) => absolute(site, &format!("{}/", k.key())),
        }
    }
}

/// The last day an entry was changed: its last revision, or its date.
fn updated(e: &Entry) -> jiff::civil::Date {
    e.notice
        .revisions
        .last()
        .map(|r| r.date)
        .unwrap_or(e.notice.date)
        .max(e.notice.date)
}

/// The day a feed was last changed: its newest entry's, else the board's day.
fn feed_updated(board: &Board, entries: &[usize]) -> String {
    entries
        .iter()
        .map(|&i| updated(&board.entries[i]))
        .max()
        .unwrap_or(board.now)
        .to_string()
}

/// An entry's id: its absolute URL, or a URN when the site has no base URL.
fn entry_id(site: &Site, e: &Entry) -> String {
    if site.base_url().is_empty() {
        format!("urn:gongkai:{}:{}", site.config.school_code, e.slug)
    } else {
        absolute(site, &e.url)
    }
}

/// Who publishes the feed: the school, else the site's title.
fn publisher(site: &Site) -> &str {
    let c = &site.config;
    if c.school.is_empty() {
        &c.title
    } else {
        &c.school
    }
}

/// The Atom 1.0 feed of `channel`'s entries. `summaries` are in board order; `body(i)` is the
/// HTML body of the entry at board position `i`.
pub fn atom(
    site: &Site,
    board: &Board,
    summaries: &[std::sync::Arc<Summary>],
    channel: &Channel,
    body: &dyn Fn(usize) -> String,
) -> String {
    let c = &site.config;
    let mut x = String::new();
    let _ = writeln!(x, r#"<?xml version="1.0" encoding="utf-8"?>"#);
    let _ = writeln!(
        x,
        r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{}">"#,
        site.config.language.code()
    );
    let _ = writeln!(x, "  <title>{}</title>", xml_escape(&channel.title(site)));
    if let Some(d) = &c.description {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", xml_escape(d));
    }
    let _ = writeln!(x, "  <id>{}</id>", xml_escape(&channel.id(site)));
    let _ = writeln!(
        x,
        r#"  <link rel="self" type="application/atom+xml" href="{}"/>"#,
        xml_escape(&absolute(site, channel.atom_path()))
    );
    let _ = writeln!(
        x,
        r#"  <link rel="alternate" type="text/html" href="{}"/>"#,
        xml_escape(&absolute(site, &channel.home()))
    );
    let updated_at = feed_updated(board, channel.entries);
    let _ = writeln!(x, "  <updated>{}</updated>", atom_time(site, &updated_at));
    let _ = writeln!(
        x,
        "  <author><name>{}</name></author>",
        xml_escape(publisher(site))
    );
    let _ = writeln!(x, "  <generator>gongkai</generator>");
    for &i in channel.entries {
        let (e, s) = (&board.entries[i], &summaries[i]);
        let url = absolute(site, &s.url);
        let _ = writeln!(x, "  <entry>");
        let _ = writeln!(x, "    <title>{}</title>", xml_escape(&s.title));
        let _ = writeln!(x, "    <id>{}</id>", xml_escape(&entry_id(site, e)));
        let _ = writeln!(
            x,
            r#"    <link rel="alternate" type="text/html" href="{}"/>"#,
            xml_escape(&url)
        );
        let _ = writeln!(x, "    <published>{}</published>", atom_time(site, &s.date));
        let _ = writeln!(
            x,
            "    <updated>{}</updated>",
            atom_time(site, &updated(e).to_string())
        );
        if let Some(d) = &s.department {
            let _ = writeln!(x, "    <author><name>{}</name></author>", xml_escape(d));
        }
        let _ = writeln!(
            x,
            r#"    <category term="{}" label="{}"/>"#,
            s.kind,
            xml_escape(s.kind_name)
        );
        for t in &s.tags {
            let _ = writeln!(x, r#"    <category term="{}"/>"#, xml_escape(&t.name));
        }
        if let Some(sum) = &s.summary {
            let _ = writeln!(x, "    <summary>{}</summary>", xml_escape(sum));
        }
        let _ = writeln!(
            x,
            r#"    <content type="html">{}</content>"#,
            xml_escape(&body(i))
        );
        let _ = writeln!(x, "  </entry>");
    }
    x.push_str("</feed>\n");
    x
}

/// Where the site's JSON Feed is written.
pub const JSON_FEED: &str = "feed.json";

/// A JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>); fields in the specification's order.
#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: String,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    authors: [JsonAuthor<'a>; 1],
    language: &'static str,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: String,
    url: String,
    title: &'a str,
    content_html: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    authors: Option<[JsonAuthor<'a>; 1]>,
    /// The kind's name first, then the notice's other tags (the Atom feed's categories).
    tags: Vec<&'a str>,
}

/// The site's JSON Feed 1.1: the same entries, ids, dates and bodies as the site's Atom feed
/// (`channel`), as pretty JSON (struct fields in a fixed order, so the same input gives the
/// same bytes).
pub fn json_feed(
    site: &Site,
    board: &Board,
    summaries: &[std::sync::Arc<Summary>],
    channel: &Channel,
    body: &dyn Fn(usize) -> String,
) -> String {
    let items = channel
        .entries
        .iter()
        .map(|&i| {
            let (e, s) = (&board.entries[i], &summaries[i]);
            JsonItem {
                id: entry_id(site, e),
                url: absolute(site, &s.url),
                title: &s.title,
                content_html: body(i),
                summary: s.summary.as_deref(),
                date_published: atom_time(site, &s.date),
                date_modified: atom_time(site, &updated(e).to_string()),
                authors: s.department.as_deref().map(|name| [JsonAuthor { name }]),
                tags: std::iter::once(s.kind_name)
                    .chain(
                        s.tags
                            .iter()
                            .map(|t| t.name.as_str())
                            .filter(|t| *t != s.kind_name),
                    )
                    .collect(),
            }
        })
        .collect();
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: channel.title(site),
        home_page_url: absolute(site, &channel.home()),
        feed_url: absolute(site, JSON_FEED),
        description: site.config.description.as_deref(),
        authors: [JsonAuthor {
            name: publisher(site),
        }],
        language: site.config.language.code(),
        items,
    };
    let mut text = serde_json::to_string_pretty(&feed)
        .expect("a feed of strings and arrays always serialises");
    text.push('\n');
    text
}

/// `sitemap.xml` listing every page given (root-relative paths).
pub fn sitemap(site: &Site, pages: &[std::borrow::Cow<str>]) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let base = xml_escape(&site.base_url());
    x.reserve(pages.len() * (base.len() + 48));
    for p in pages {
        x.push_str("  <url><loc>");
        x.push_str(&base);
        xml_escape_into(&mut x, p);
        x.push_str("</loc></url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// `robots.txt`: everything allowed in a public build, nothing in a staff build.
pub fn robots(site: &Site, audience: Audience) -> String {
    match audience {
        Audience::Staff => "User-agent: *\nDisallow: /\n".to_string(),
        Audience::Public => {
            let mut s = "User-agent: *\nAllow: /\n".to_string();
            if !site.base_url().is_empty() {
                let _ = writeln!(s, "Sitemap: {}", absolute(site, "sitemap.xml"));
            }
            s
        }
    }
}
