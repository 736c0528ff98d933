//! `gongkai serve` facing hostile or broken requests: malformed percent-encoding, redirects
//! that could leave the origin, slow or idle connections, and the security headers of its
//! responses.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::live::{get, serve_env};
use crate::support::Site;

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
