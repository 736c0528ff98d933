//! `gongkai serve` facing hostile or broken requests: malformed percent-encoding, redirects
//! that could leave the origin, slow or idle connections, and the security headers of its
//! responses. Also the site's own address (`--base-url`, `base_url`), which ends up in every QR
//! code and link of the built site.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::live::{get, serve_env, wait_for};
use crate::support::{SITE_YAML, Site, stderr};

/// A GET with a raw request target (sent as given, bytes and all). `None` when the server closed
/// the connection without answering (a panicking handler does that).
fn request(addr: &str, target: &[u8]) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let mut req = b"GET ".to_vec();
    req.extend_from_slice(target);
    req.extend_from_slice(
        format!(" HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    s.write_all(&req).unwrap();
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text.get(9..12)?.parse().ok()?;
    Some((status, text))
}

/// The value of header `name` in a response.
fn header<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    let head = response.split("\r\n\r\n").next()?;
    head.split("\r\n").skip(1).find_map(|line| {
        let (k, v) = line.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

#[test]
fn malformed_percent_encoding_is_a_client_error_not_a_panic() {
    let site = Site::fixture("basic");
    let (_server, addr) = serve_env(&site, &[]);
    let targets: [&[u8]; 9] = [
        "/%中".as_bytes(),
        "/notices/%中.html".as_bytes(),
        b"/%e4%b8",
        b"/%e4%b8/index.html",
        b"/%zz",
        b"/%",
        b"/%4",
        b"/a%",
        b"/%ff%fe",
    ];
    for target in targets {
        let shown = String::from_utf8_lossy(target);
        let answer = request(&addr, target);
        let Some((status, text)) = answer else {
            panic!("no answer to GET {shown}: the server dropped the connection");
        };
        assert!(
            status == 400 || status == 404,
            "GET {shown}: {status}\n{text}"
        );
    }
    // Still serving, and well-formed escapes still work (also one at the very end of the path).
    assert_eq!(get(&addr, "/").0, 200);
    let (status, page) = get(
        &addr,
        "/tags/%E8%AF%84%E4%BC%98%E8%AF%84%E5%85%88/index.html",
    );
    assert_eq!(status, 200, "{page}");
    let (status, page) = get(
        &addr,
        "/tags/%E8%AF%84%E4%BC%98%E8%AF%84%E5%85%88/index.htm%6C",
    );
    assert_eq!(status, 200, "{page}");
}

/// Whether a browser following `location` stays on the server's origin: a path that starts with
/// one slash (browsers drop tabs and newlines and read `\\` as `/` first).
fn same_origin(location: &str) -> bool {
    let seen: String = location
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    seen.starts_with('/') && !seen.starts_with("//")
}

#[test]
fn redirects_to_folders_stay_on_the_same_origin() {
    let site = Site::fixture("basic");
    // A folder whose name is a host: `//evil.example` named it and was sent to `//evil.example/`.
    site.write(
        "static/evil.example/index.html",
        "<html><body>x</body></html>",
    );
    let (_server, addr) = serve_env(&site, &[]);
    let targets: [&[u8]; 7] = [
        b"//evil.example",
        b"///evil.example",
        b"/\\evil.example",
        b"/%5Cevil.example",
        b"/%2F%2Fevil.example",
        b"/%2Fevil.example",
        b"/%09/evil.example",
    ];
    for target in targets {
        let shown = String::from_utf8_lossy(target);
        let (status, text) = request(&addr, target).expect("an answer");
        if (300..400).contains(&status) {
            let location = header(&text, "location").unwrap_or_default();
            assert!(
                same_origin(location),
                "GET {shown} redirects off the origin to `{location}`"
            );
        }
    }
    let (status, text) = request(&addr, b"//evil.example").unwrap();
    assert_eq!(status, 301, "{text}");
    assert_eq!(header(&text, "location"), Some("/evil.example/"));
    // An ordinary folder redirect still works, and keeps its query.
    for (target, location) in [
        ("/finance", "/finance/"),
        ("/finance?year=2025", "/finance/?year=2025"),
        (
            "/tags/%E8%AF%84%E4%BC%98%E8%AF%84%E5%85%88",
            "/tags/%E8%AF%84%E4%BC%98%E8%AF%84%E5%85%88/",
        ),
        (
            "/tags/评优评先",
            "/tags/%E8%AF%84%E4%BC%98%E8%AF%84%E5%85%88/",
        ),
    ] {
        let (status, text) = request(&addr, target.as_bytes()).unwrap();
        assert_eq!(status, 301, "GET {target}\n{text}");
        assert_eq!(header(&text, "location"), Some(location), "GET {target}");
    }
    assert_eq!(get(&addr, "/finance/").0, 200);
}

/// How long the tests' server waits for a request's headers (and, between requests, for the
/// next one): short, so that the tests see connections cut without waiting long.
const SHORT_TIMEOUT: (&str, &str) = ("GONGKAI_SERVE_HEADER_TIMEOUT_MS", "300");

/// Whether the server has closed `s`: a read gives end of file or an error (a reset). Bytes that
/// arrive meanwhile are kept in `seen`.
fn closed(s: &mut TcpStream, seen: &mut Vec<u8>) -> bool {
    s.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    let mut buf = [0u8; 4096];
    match s.read(&mut buf) {
        Ok(0) => true,
        Ok(n) => {
            seen.extend_from_slice(&buf[..n]);
            false
        }
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    }
}

/// Opens a connection and sends the start of a request whose headers never end (slowloris).
fn partial_request(addr: &str) -> TcpStream {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Slow: 1").unwrap();
    s
}

#[test]
fn connections_that_never_finish_their_headers_are_closed() {
    let site = Site::fixture("basic");
    let (_server, addr) = serve_env(&site, &[SHORT_TIMEOUT]);
    // More slow clients than the server serves at once (the test limit is 16).
    let (_server2, addr2) = serve_env(
        &site,
        &[SHORT_TIMEOUT, ("GONGKAI_SERVE_MAX_CONNECTIONS", "16")],
    );
    for addr in [&addr, &addr2] {
        let mut slow: Vec<TcpStream> = (0..40).map(|_| partial_request(addr)).collect();
        // Also a connection that says nothing at all.
        slow.push(TcpStream::connect(addr).unwrap());
        let mut seen = Vec::new();
        wait_for("the server to close the slow connections", || {
            slow.retain_mut(|s| !closed(s, &mut seen));
            slow.is_empty()
        });
        // And it still answers.
        assert_eq!(get(addr, "/").0, 200);
    }
}

#[test]
fn idle_keep_alive_connections_are_closed() {
    let site = Site::fixture("basic");
    let (_server, addr) = serve_env(&site, &[SHORT_TIMEOUT]);
    let mut s = TcpStream::connect(&addr).unwrap();
    write!(s, "GET /style.css HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut seen = Vec::new();
    wait_for(
        "the server to answer and then close the idle connection",
        || closed(&mut s, &mut seen),
    );
    let text = String::from_utf8_lossy(&seen);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(header(&text, "connection") != Some("close"), "{text}");
}

#[test]
fn the_live_reload_stream_outlives_the_idle_timeout() {
    let site = Site::fixture("basic");
    let (_server, addr) = serve_env(&site, &[SHORT_TIMEOUT]);
    let mut events = TcpStream::connect(&addr).unwrap();
    write!(
        events,
        "GET /__gongkai/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut received = Vec::new();
    wait_for("the hello event", || {
        assert!(!closed(&mut events, &mut received), "stream closed");
        String::from_utf8_lossy(&received).contains("event: hello")
    });
    // A slow connection opened now is cut once the timeout has passed: then the stream, older
    // than that, must still be open and still deliver events.
    let mut probe = partial_request(&addr);
    let mut ignored = Vec::new();
    wait_for("the probe to be cut", || closed(&mut probe, &mut ignored));
    assert!(!closed(&mut events, &mut received), "the stream was cut");
    let notice = "content/2026-2027/selection/excellent-teachers.md";
    let text = std::fs::read_to_string(site.root.join(notice)).unwrap();
    site.write(notice, &text.replace("经评审", "经学校评审小组评审"));
    wait_for("the reload event", || {
        assert!(!closed(&mut events, &mut received), "the stream was cut");
        String::from_utf8_lossy(&received).contains("event: reload")
    });
}

#[test]
fn connections_beyond_the_limit_wait_for_a_free_slot() {
    let site = Site::fixture("basic");
    // A long header timeout: the held connections stay until the test lets them go.
    let (_server, addr) = serve_env(
        &site,
        &[
            ("GONGKAI_SERVE_HEADER_TIMEOUT_MS", "60000"),
            ("GONGKAI_SERVE_MAX_CONNECTIONS", "4"),
        ],
    );
    let mut held: Vec<TcpStream> = (0..4).map(|_| partial_request(&addr)).collect();
    let mut waiting = TcpStream::connect(&addr).unwrap();
    write!(
        waiting,
        "GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // Not served while four connections hold every slot...
    waiting
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let mut buf = [0u8; 64];
    let early = waiting.read(&mut buf);
    assert!(
        early.is_err(),
        "answered beyond the limit: {:?}",
        early.map(|n| String::from_utf8_lossy(&buf[..n]).into_owned())
    );
    // ...and served as soon as one of them goes.
    drop(held.pop());
    waiting
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    let mut text = Vec::new();
    waiting.read_to_end(&mut text).unwrap();
    assert!(text.starts_with(b"HTTP/1.1 200"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_with_a_tab_open() {
    let site = Site::fixture("basic");
    let (mut server, addr) = serve_env(&site, &[]);
    let mut events = TcpStream::connect(&addr).unwrap();
    write!(
        events,
        "GET /__gongkai/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut received = Vec::new();
    wait_for("the hello event", || {
        assert!(!closed(&mut events, &mut received), "stream closed");
        String::from_utf8_lossy(&received).contains("event: hello")
    });
    let status = std::process::Command::new("kill")
        .args(["-INT", &server.0.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    wait_for("the server to stop", || {
        server.0.try_wait().unwrap().is_some()
    });
    assert!(server.0.wait().unwrap().success());
    wait_for("the stream to end", || closed(&mut events, &mut received));
}

/// The head of a response (status line and headers), read until the blank line: enough for a
/// stream that never ends.
fn response_head(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut seen = Vec::new();
    wait_for("the response head", || {
        let done = closed(&mut s, &mut seen);
        done || seen.windows(4).any(|w| w == b"\r\n\r\n")
    });
    String::from_utf8_lossy(&seen).into_owned()
}

#[test]
fn responses_carry_security_headers_and_utf8_charsets() {
    let site = Site::fixture("basic");
    let (_server, addr) = serve_env(&site, &[]);
    let html = response_head(&addr, "/");
    let json = response_head(&addr, "/search/meta.json");
    let sse = response_head(&addr, "/__gongkai/events");
    let missing = response_head(&addr, "/no/such/page.html");
    for (what, head) in [
        ("an HTML page", &html),
        ("the search index", &json),
        ("the event stream", &sse),
        ("a 404 page", &missing),
        (
            "the live-reload script",
            &response_head(&addr, "/__gongkai/live.js"),
        ),
        ("a folder redirect", &response_head(&addr, "/finance")),
    ] {
        assert_eq!(
            header(head, "x-content-type-options"),
            Some("nosniff"),
            "{what}:\n{head}"
        );
        assert_eq!(
            header(head, "referrer-policy"),
            Some("no-referrer"),
            "{what}:\n{head}"
        );
        let csp = header(head, "content-security-policy")
            .unwrap_or_else(|| panic!("{what}: no CSP\n{head}"));
        let directive = |name: &str| {
            csp.split(';')
                .map(str::trim)
                .find(|d| d.split_whitespace().next() == Some(name))
                .map(str::to_string)
        };
        // Scripts only from the server itself (the theme's files and the live-reload script),
        // no plug-ins, no <style> elements; style attributes (table column alignment) only.
        for want in [
            "script-src 'self'",
            "default-src 'self'",
            "object-src 'none'",
            "style-src 'self'",
            "style-src-attr 'unsafe-inline'",
        ] {
            let name = want.split_whitespace().next().unwrap();
            assert_eq!(directive(name).as_deref(), Some(want), "{csp}");
        }
    }
    assert_eq!(
        header(&html, "content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        header(&json, "content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(header(&sse, "content-type"), Some("text/event-stream"));
    for xml in ["/atom.xml", "/sitemap.xml"] {
        let head = response_head(&addr, xml);
        assert_eq!(
            header(&head, "content-type"),
            Some("application/xml; charset=utf-8"),
            "{xml}"
        );
    }
}

/// The served pages of the default theme work under that policy: scripts are files of this
/// server (no inline script, no event-handler attributes), no <style> elements, and the only
/// style attributes are the column alignments of Markdown tables.
#[test]
fn the_default_theme_works_under_the_preview_csp() {
    let site = Site::fixture("basic");
    let (_server, addr) = serve_env(&site, &[]);
    let pages = [
        "/",
        "/notices/fees-2025-autumn.html",
        "/notices/excellent-teachers.html",
        "/finance/",
        "/search.html",
        "/kiosk.html",
        "/print/open.html",
    ];
    let mut style_attributes = 0;
    let mut qr_codes = 0;
    for path in pages {
        let (status, page) = get(&addr, path);
        assert_eq!(status, 200, "{path}");
        let lower = page.to_ascii_lowercase();
        let mut rest = lower.as_str();
        while let Some(i) = rest.find("<script") {
            rest = &rest[i..];
            let end = rest.find('>').unwrap();
            let tag = &rest[..end];
            let src = tag
                .split("src=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_else(|| panic!("{path}: inline script {tag}"));
            assert!(
                !src.contains(':') && !src.starts_with("//"),
                "{path}: script from elsewhere: {src}"
            );
            assert!(rest[end + 1..].starts_with("</script>"), "{path}: {tag}");
            rest = &rest[end..];
        }
        assert!(!lower.contains("<style"), "{path}: a <style> element");
        assert!(!lower.contains("javascript:"), "{path}");
        for attr in lower.split(|c: char| c.is_whitespace()).skip(1) {
            assert!(
                !(attr.starts_with("on") && attr.contains("=\"")),
                "{path}: event handler {attr}"
            );
        }
        for value in lower.split(" style=\"").skip(1) {
            let value = value.split('"').next().unwrap();
            assert!(
                value.starts_with("text-align: "),
                "{path}: style=\"{value}\""
            );
            style_attributes += 1;
        }
        qr_codes += lower.matches("<svg class=\"qr-code\"").count();
    }
    // The pages tried hold what the policy has to allow for.
    assert!(style_attributes > 0 && qr_codes > 0);
}

/// The example every base-URL error shows.
const GOOD_URL_EXAMPLE: &str = "https://www.example.edu.cn/xwgk/";

#[test]
fn base_url_flag_must_be_an_absolute_http_url_with_a_host() {
    let site = Site::fixture("basic");
    for (url, says) in [
        ("javascript:alert(1)//", GOOD_URL_EXAMPLE),
        ("x.cn", "write https://x.cn/"),
        ("x.cn/sub/", "write https://x.cn/sub/"),
        ("ftp://x.cn/", GOOD_URL_EXAMPLE),
        ("https://", "no host"),
        ("https:///sub/", "no host"),
        ("https://user@x.cn/", "user"),
        ("https://x.cn/?from=qr", "query"),
        ("https://x.cn/#top", "fragment"),
        ("https://x .cn/", GOOD_URL_EXAMPLE),
        ("https://x.cn:port/", "port"),
        ("https://-x-.cn/", GOOD_URL_EXAMPLE),
    ] {
        let out = site.build(&["--base-url", url]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "--base-url {url}: {err}");
        assert!(err.contains("--base-url"), "{url}: {err}");
        assert!(err.contains(&format!("`{url}`")), "{url}: {err}");
        assert!(err.contains(says), "{url}: expected `{says}` in {err}");
        assert!(!site.root.join("public").exists(), "{url}: output written");
    }
    // A good one, with a path: in robots.txt, the sitemap and under the QR codes.
    site.build_ok(&["--base-url", "https://x.cn/sub/"]);
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://x.cn/sub/sitemap.xml")
    );
    assert!(
        site.read("notices/excellent-teachers.html")
            .contains("https://x.cn/sub/notices/excellent-teachers.html")
    );
    site.build_ok(&["--base-url", "http://127.0.0.1:8080"]);
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: http://127.0.0.1:8080/sitemap.xml")
    );
}

#[test]
fn base_url_in_site_yaml_is_checked_the_same_way() {
    for (url, says) in [
        ("javascript:alert(1)//", GOOD_URL_EXAMPLE),
        ("x.cn", "write https://x.cn/"),
        ("https://", "no host"),
        ("https://x.cn/?from=qr", "query"),
    ] {
        let site = Site::empty();
        site.write(
            "site.yaml",
            &SITE_YAML.replace("https://t.example/", &format!("\"{url}\"")),
        );
        let out = site.build(&[]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "base_url: {url}: {err}");
        assert!(
            err.contains("site.yaml") && err.contains("base_url"),
            "{err}"
        );
        assert!(
            err.contains(&format!("`{url}`")) && err.contains(says),
            "{url}: {err}"
        );
    }
    let site = Site::empty();
    site.write(
        "site.yaml",
        &SITE_YAML.replace("https://t.example/", "https://x.cn/sub/"),
    );
    site.build_ok(&[]);
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://x.cn/sub/sitemap.xml")
    );
}
