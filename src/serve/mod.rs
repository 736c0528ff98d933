//! `gongkai serve`: the preview server. It serves the last good build from memory (never a
//! half-built site), injects a live-reload script into HTML responses only, and tells open tabs
//! over Server-Sent Events to reload, to swap stylesheets, or to show the errors of a failed
//! rebuild in an overlay. Clients that are slow to send their headers or idle are cut, and the
//! connections served at once are limited ([`Limits`]).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock, mpsc};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use tokio::sync::{Semaphore, broadcast};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use crate::diagnostics::{Diagnostic, Lang};
use crate::watch::{self, Files, Layout, Message, Session};

const LIVE_JS: &str = include_str!("live.js");
const LIVE_TAG: &str = "<script src=\"/__gongkai/live.js\" defer></script>";

/// What the server shows: the last good site and the errors of the last rebuild, if it failed.
struct Shared {
    files: RwLock<Arc<Files>>,
    /// The path of the site's base_url (`/xwgk/`): addresses under it are answered as from the
    /// root, as the published host answers them (the 404 page links from there).
    base_path: RwLock<String>,
    errors: RwLock<Option<String>>,
    events: broadcast::Sender<Signal>,
}

#[derive(Debug, Clone)]
enum Signal {
    Reload,
    Css,
    Errors(String),
    Shutdown,
}

/// How the server keeps slow, idle or too many clients from holding it (a preview server may
/// listen on a LAN address with `--bind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How long a client has to send a request's headers, counted from the moment the server
    /// waits for them: when the connection opens, and again each time a response is complete.
    /// So it is also the idle (keep-alive) timeout: one clock for both, as in Go's net/http
    /// when `IdleTimeout` is unset. A connection that is cut was idle or slowloris; a response
    /// in progress, such as the live-reload event stream, is not idle and is never cut.
    pub header_timeout: Duration,
    /// Connections served at once. Beyond it, new connections wait, not yet accepted (in the
    /// listen backlog), until a slot frees: a browser then sees a slow answer rather than an
    /// error page, and the wait is short because every connection that is not streaming ends
    /// at most `header_timeout` after it goes quiet. (Only this many open tabs, each holding
    /// its event stream, would make a newcomer wait until one closes.)
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            max_connections: 256,
        }
    }
}

impl Limits {
    /// The defaults, changed by `GONGKAI_SERVE_HEADER_TIMEOUT_MS` and
    /// `GONGKAI_SERVE_MAX_CONNECTIONS` (which the integration tests set, to see timeouts in
    /// milliseconds and a limit of a few connections). Values that are not positive numbers
    /// are ignored.
    pub fn from_env() -> Limits {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|&n| n > 0)
        };
        let mut limits = Limits::default();
        if let Some(ms) = var("GONGKAI_SERVE_HEADER_TIMEOUT_MS") {
            limits.header_timeout = Duration::from_millis(ms);
        }
        if let Some(n) = var("GONGKAI_SERVE_MAX_CONNECTIONS") {
            limits.max_connections = usize::try_from(n).unwrap_or(usize::MAX);
        }
        limits
    }
}

/// Options of `gongkai serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: std::net::IpAddr,
    pub port: u16,
    pub open: bool,
    pub poll: Option<Duration>,
}

fn errors_json(errors: &[Diagnostic], lang: Lang) -> String {
    let texts: Vec<String> = errors.iter().map(|d| d.shown(lang).to_string()).collect();
    serde_json::to_string(&texts).unwrap_or_else(|_| "[]".into())
}

fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "csv" => "text/plain; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// The Content-Security-Policy of every response (pages, files, the event stream).
///
/// - Scripts only from this server (`script-src 'self'`): the theme's files and the live-reload
///   script `/__gongkai/live.js`; the default theme has no inline script and no event-handler
///   attributes, and live.js styles its error overlay through the CSSOM (`style.cssText`),
///   which CSP does not govern.
/// - Stylesheets only from this server, and no `<style>` elements (the theme has none; only
///   `gongkai print`'s standalone file inlines its stylesheet, and it is not served).
/// - `style-src-attr 'unsafe-inline'`: style *attributes* are needed, because the column
///   alignment of Markdown tables is written as `style="text-align: right"` on `th`/`td` (the
///   money columns of finance notices); the sanitiser keeps no other style attribute.
/// - Images also from elsewhere and `data:` (a notice may show an image by URL, as on the
///   published site); the QR codes are inline SVG markup, which no directive restricts.
/// - No plugins, no `<base>` to another site, forms only to this server (the search form).
///
/// There is no `frame-ancestors`: editors show the preview in a frame.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    style-src-attr 'unsafe-inline'; img-src 'self' data: http: https:; object-src 'none'; \
    base-uri 'self'; form-action 'self'";

/// Adds the security headers to every response: the [`CSP`], no MIME sniffing (a notice's
/// attachment is served as what its extension says, never run as script or page), and no
/// `Referer` to links followed out of the preview (it may show unpublished notices).
async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

/// Adds the live-reload script to an HTML page.
fn inject(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{LIVE_TAG}\n{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{LIVE_TAG}").into_bytes(),
    }
}

/// The file a request path names: the path percent-decoded, without its leading slashes (also
/// encoded ones: `/%2F%2Fx` is `x`). `None` when the escapes do not decode to UTF-8 (`%e4%b8`,
/// `%ff`); a `%` that starts no escape (`%zz`, `%` at the end, `%中`) stays as it is and names
/// no file.
fn site_key(path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    Some(decoded.trim_start_matches('/').to_string())
}

/// What a folder's name is percent-encoded with in a `Location`: controls, space, `%` and the
/// characters that would end the path or that browsers read as a slash (`\`), and every
/// non-ASCII byte.
const LOCATION_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Where a request for the folder `key` (a [`site_key`]) is redirected: `/key/` on this server,
/// with the request's query. The key has no leading slash and its first character cannot be a
/// `\` (it is encoded), so the target is a path on this origin, never `//host/` (which a browser
/// would follow to another site).
fn folder_location(key: &str, query: Option<&str>) -> String {
    let mut location = format!("/{}/", utf8_percent_encode(key, LOCATION_PATH));
    if let Some(q) = query {
        location.push('?');
        location.push_str(q);
    }
    location
}

async fn page(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let files = shared
        .files
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    if files.is_empty() {
        // No good build yet: a page that shows the errors and reloads once they are fixed.
        let html = format!(
            "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>gongkai</title></head><body><p>The site has errors and has not been built yet.</p>{LIVE_TAG}</body></html>"
        );
        let mut res = (StatusCode::SERVICE_UNAVAILABLE, html).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        return res;
    }
    let Some(mut key) = site_key(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "bad percent-encoding in the path").into_response();
    };
    // Under the base path, as on the published host: `/xwgk/style.css` is `style.css`.
    let base = shared
        .base_path
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .trim_start_matches('/')
        .to_string();
    if !base.is_empty()
        && let Some(rest) = key.strip_prefix(base.as_str())
        && !files.contains_key(key.as_str())
    {
        key = rest.to_string();
    }
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    let (status, key) = if files.contains_key(key.as_str()) {
        (StatusCode::OK, key)
    } else if files.contains_key(format!("{key}/index.html").as_str()) {
        let location = folder_location(&key, uri.query());
        return (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location)],
        )
            .into_response();
    } else {
        (StatusCode::NOT_FOUND, "404.html".to_string())
    };
    let Some(bytes) = files.get(key.as_str()) else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let ctype = content_type(&key);
    let body = if ctype.starts_with("text/html") {
        inject(bytes)
    } else {
        bytes.to_vec()
    };
    let mut res = (status, body).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

async fn live_js() -> Response {
    let mut res = LIVE_JS.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    res
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    // A tab that connects while the site is broken sees the errors at once.
    let first = match shared
        .errors
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
    {
        Some(json) => Event::default().event("errors").data(json),
        // Every event carries data: browsers drop server-sent events whose data is empty.
        None => Event::default().event("hello").data("hello"),
    };
    let updates = BroadcastStream::new(shared.events.subscribe())
        .filter_map(|s| s.ok())
        .take_while(|s| !matches!(s, Signal::Shutdown))
        .map(|s| {
            Ok(match s {
                Signal::Reload => Event::default().event("reload").data("reload"),
                Signal::Css => Event::default().event("css").data("css"),
                Signal::Errors(json) => Event::default().event("errors").data(json),
                Signal::Shutdown => Event::default().comment("bye"),
            })
        });
    let stream = tokio_stream::once(Ok(first)).chain(updates);
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn print_errors(errors: &[Diagnostic], lang: Lang) {
    for d in errors {
        say_err_raw!("{}", d.shown(lang));
    }
}

/// Builds, serves and rebuilds until Ctrl-C.
pub fn run(mut session: Session, opts: ServeOptions) -> Result<(), String> {
    let root = session.root().to_path_buf();
    // Watching starts before the first build: a file saved while it runs rebuilds after it.
    let (tx, rx) = mpsc::channel();
    let layout = Layout {
        root: root.clone(),
        theme: session.theme_name().to_string(),
        ignored: vec![root.join("public"), root.join("public-staff")],
    };
    let _guard = watch::start(&root, &layout.theme, opts.poll, tx.clone()).map_err(|e| {
        match session.lang() {
            Lang::En => format!("cannot watch {}: {e}", root.display()),
            Lang::Zh => format!("无法监视 {}：{e}", root.display()),
        }
    })?;
    let initial = session.rebuild(&watch::Change::Everything);
    let shared = Arc::new(Shared {
        files: RwLock::new(session.files()),
        base_path: RwLock::new(session.base_path()),
        errors: RwLock::new(None),
        events: broadcast::channel(64).0,
    });
    let lang = session.lang();
    let mut warnings = watch::WarningLog::new(lang);
    match &initial {
        Ok(o) => {
            warnings.print(&o.warnings);
            let (n, p, ms) = (o.stats.notices, o.stats.pages, o.millis);
            match lang {
                Lang::En => say!("built {n} notices, {p} pages in {ms} ms"),
                Lang::Zh => say!("已生成 {n} 份公示、{p} 个页面，用时 {ms} 毫秒"),
            }
        }
        Err(errors) => {
            print_errors(errors, lang);
            match lang {
                Lang::En => say_err!(
                    "the site has errors: fix them and it rebuilds; the browser shows them too"
                ),
                Lang::Zh => say_err!("网站有错误：改正后会自动重建；浏览器里也会显示这些错误"),
            }
            *shared.errors.write().unwrap_or_else(|e| e.into_inner()) =
                Some(errors_json(errors, lang));
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| match lang {
            Lang::En => format!("cannot start the server: {e}"),
            Lang::Zh => format!("无法启动预览服务：{}", crate::diagnostics::io_zh(&e)),
        })?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(SocketAddr::new(
            opts.bind, opts.port,
        )))
        .map_err(|e| match lang {
            Lang::En => format!("cannot listen on {}:{}: {e}", opts.bind, opts.port),
            Lang::Zh => format!(
                "无法在 {}:{} 上监听（端口可能已被占用，可换 --port）：{}",
                opts.bind,
                opts.port,
                crate::diagnostics::io_zh(&e)
            ),
        })?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let url = format!("http://{addr}/");
    match lang {
        Lang::En => say!("serving {url} (Ctrl-C to stop)"),
        Lang::Zh => say!("预览地址 {url}（按 Ctrl-C 停止）"),
    }

    let loop_shared = shared.clone();
    let rebuilder = std::thread::spawn(move || {
        watch::run_loop(
            &mut session,
            &layout,
            &rx,
            |s, change, result| match result {
                Ok(o) => {
                    let had_errors = loop_shared
                        .errors
                        .write()
                        .unwrap_or_else(|e| e.into_inner())
                        .take()
                        .is_some();
                    *loop_shared.files.write().unwrap_or_else(|e| e.into_inner()) = s.files();
                    *loop_shared
                        .base_path
                        .write()
                        .unwrap_or_else(|e| e.into_inner()) = s.base_path();
                    let signal = if o.css_only() && !had_errors {
                        Signal::Css
                    } else {
                        Signal::Reload
                    };
                    if had_errors || !o.written.is_empty() || !o.removed.is_empty() {
                        let _ = loop_shared.events.send(signal);
                    }
                    // Printed after the browser is told: the terminal can wait.
                    warnings.print(&o.warnings);
                    say!("{}", watch::summary_line(s.root(), change, &o, lang));
                }
                Err(errors) => {
                    print_errors(&errors, lang);
                    let count = errors
                        .iter()
                        .filter(|d| d.severity == crate::diagnostics::Severity::Error)
                        .count();
                    let kept = match lang {
                        Lang::En => "still serving the last good site",
                        Lang::Zh => "预览仍显示上一次成功生成的网站",
                    };
                    say_err!(
                        "{}",
                        watch::failed_line(s.root(), change, count, kept, lang)
                    );
                    let json = errors_json(&errors, lang);
                    *loop_shared
                        .errors
                        .write()
                        .unwrap_or_else(|e| e.into_inner()) = Some(json.clone());
                    let _ = loop_shared.events.send(Signal::Errors(json));
                }
            },
        );
    });

    if opts.open {
        open_browser(&url);
    }
    let app = Router::new()
        .route("/__gongkai/live.js", get(live_js))
        .route("/__gongkai/events", get(events))
        .fallback(get(page))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(shared.clone());
    let stop_shared = shared.clone();
    runtime.block_on(accept_loop(listener, app, Limits::from_env(), async move {
        let _ = tokio::signal::ctrl_c().await;
        // End the event streams so open tabs let the server stop.
        let _ = stop_shared.events.send(Signal::Shutdown);
    }));
    let _ = tx.send(Message::Stop);
    let _ = rebuilder.join();
    runtime.shutdown_timeout(Duration::from_secs(2));
    say!("stopped");
    Ok(())
}

/// Serves HTTP/1.1 connections with `app` until `stop` completes, within `limits` (see
/// [`Limits`]), then lets the connections finish what they are sending (for at most 2 s).
/// axum::serve has no header or idle timeout and no connection limit, hence this loop.
async fn accept_loop(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
    stop: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let service = TowerToHyperService::new(app);
    let graceful = GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        // A slot first: beyond the limit, connections wait in the listen backlog.
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = &mut stop => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // A connection reset before it was accepted costs nothing; out of file
                    // descriptors (or the like), try again a little later.
                    if !matches!(
                        e.kind(),
                        std::io::ErrorKind::ConnectionAborted
                            | std::io::ErrorKind::ConnectionReset
                            | std::io::ErrorKind::ConnectionRefused
                    ) {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let connection =
            graceful.watch(http.serve_connection(TokioIo::new(stream), service.clone()));
        tokio::spawn(async move {
            // Timeouts and resets end a connection with an error: nothing to report.
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(2), graceful.shutdown()).await;
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if std::process::Command::new(cmd.0)
        .args(&cmd.1)
        .spawn()
        .is_err()
    {
        say_err!("could not open a browser; visit {url}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_key_decodes_utf8_and_refuses_broken_escapes() {
        assert_eq!(site_key("/").as_deref(), Some(""));
        assert_eq!(
            site_key("/tags/%E8%AF%84%E4%BC%98/").as_deref(),
            Some("tags/评优/")
        );
        assert_eq!(site_key("/a%2Fb").as_deref(), Some("a/b"));
        assert_eq!(site_key("//%2F%2Fx").as_deref(), Some("x"));
        // A `%` that starts no escape is kept as it is; escapes that are not UTF-8 are refused.
        for kept in ["/%中", "/%zz", "/%", "/%4", "/a%"] {
            assert_eq!(site_key(kept).as_deref(), Some(&kept[1..]), "{kept}");
        }
        for refused in ["/%e4%b8", "/%e4%b8/index.html", "/%ff", "/%C0%AF"] {
            assert_eq!(site_key(refused), None, "{refused}");
        }
    }

    #[test]
    fn folder_locations_are_paths_on_this_origin() {
        assert_eq!(folder_location("finance", None), "/finance/");
        assert_eq!(folder_location("finance", Some("a=1")), "/finance/?a=1");
        assert_eq!(
            folder_location("tags/评优", None),
            "/tags/%E8%AF%84%E4%BC%98/"
        );
        assert_eq!(folder_location("\\evil.example", None), "/%5Cevil.example/");
        assert_eq!(folder_location("\t/evil", None), "/%09/evil/");
        assert_eq!(folder_location("100% #1?", None), "/100%25%20%231%3F/");
        for key in ["evil.example", "\\evil", "\t/x", "\n/x", "%2F/x"] {
            let l = folder_location(key, None);
            assert!(
                l.starts_with('/') && !l[1..].starts_with(['/', '\\']),
                "{l}"
            );
        }
    }

    #[test]
    fn text_types_say_utf8() {
        for path in [
            "index.html",
            "style.css",
            "search.js",
            "search/meta.json",
            "atom.xml",
            "sitemap.xml",
            "robots.txt",
            "data.csv",
        ] {
            assert!(content_type(path).ends_with("; charset=utf-8"), "{path}");
        }
        assert_eq!(content_type("a.PDF"), "application/pdf");
    }
}
