//! Machine-readable outputs written without templates, so they are always valid: the Atom feed
//! (`atom.xml`, newest public notices), `sitemap.xml` and `robots.txt`.

use std::fmt::Write;

use crate::board::Board;
use crate::config::Site;
use crate::content::Audience;
use crate::render::context::Summary;

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

/// The Atom 1.0 feed of the newest notices. `summaries` are in board order; `body(i)` is the
/// HTML body of entry `i`.
pub fn atom(
    site: &Site,
    board: &Board,
    summaries: &[std::sync::Arc<Summary>],
    body: &dyn Fn(usize) -> String,
) -> String {
    let c = &site.config;
    let limit = c.feed_limit.min(summaries.len());
    let updated = board
        .entries
        .iter()
        .take(limit)
        .map(|e| {
            e.notice
                .revisions
                .last()
                .map(|r| r.date)
                .unwrap_or(e.notice.date)
                .max(e.notice.date)
        })
        .max()
        .map(|d| d.to_string())
        .unwrap_or_else(|| board.now.to_string());
    let author = if c.school.is_empty() {
        &c.title
    } else {
        &c.school
    };
    let feed_id = if site.base_url().is_empty() {
        format!("urn:gongkai:{}", xml_escape(&c.school_code))
    } else {
        xml_escape(&site.base_url())
    };
    let mut x = String::new();
    let _ = writeln!(x, r#"<?xml version="1.0" encoding="utf-8"?>"#);
    let _ = writeln!(
        x,
        r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{}">"#,
        site.config.language.code()
    );
    let _ = writeln!(x, "  <title>{}</title>", xml_escape(&c.title));
    if let Some(d) = &c.description {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", xml_escape(d));
    }
    let _ = writeln!(x, "  <id>{feed_id}</id>");
    let _ = writeln!(
        x,
        r#"  <link rel="self" type="application/atom+xml" href="{}"/>"#,
        xml_escape(&absolute(site, "atom.xml"))
    );
    let _ = writeln!(
        x,
        r#"  <link rel="alternate" type="text/html" href="{}"/>"#,
        xml_escape(&absolute(site, "index.html"))
    );
    let _ = writeln!(x, "  <updated>{}</updated>", atom_time(site, &updated));
    let _ = writeln!(x, "  <author><name>{}</name></author>", xml_escape(author));
    let _ = writeln!(x, "  <generator>gongkai</generator>");
    for (i, s) in summaries.iter().take(limit).enumerate() {
        let e = &board.entries[i];
        let url = absolute(site, &s.url);
        let id = if site.base_url().is_empty() {
            format!(
                "urn:gongkai:{}:{}",
                xml_escape(&c.school_code),
                xml_escape(&e.slug)
            )
        } else {
            xml_escape(&url)
        };
        let updated = e
            .notice
            .revisions
            .last()
            .map(|r| r.date)
            .unwrap_or(e.notice.date)
            .max(e.notice.date);
        let _ = writeln!(x, "  <entry>");
        let _ = writeln!(x, "    <title>{}</title>", xml_escape(&s.title));
        let _ = writeln!(x, "    <id>{id}</id>");
        let _ = writeln!(
            x,
            r#"    <link rel="alternate" type="text/html" href="{}"/>"#,
            xml_escape(&url)
        );
        let _ = writeln!(x, "    <published>{}</published>", atom_time(site, &s.date));
        let _ = writeln!(
            x,
            "    <updated>{}</updated>",
            atom_time(site, &updated.to_string())
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
