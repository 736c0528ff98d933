//! `gongkai watch` and `gongkai serve` as processes: rebuilds on change, errors kept out of the
//! output and shown to the browser, live reload only in served pages.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Site;

pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(site: &Site, args: &[&str]) -> Running {
    spawn_env(site, args, &[])
}

/// Starts `gongkai ARGS` in the site folder with extra environment variables.
fn spawn_env(site: &Site, args: &[&str], env: &[(&str, &str)]) -> Running {
    let child = Command::new(assert_cmd::cargo::cargo_bin("gongkai"))
        .env("GONGKAI_LANG", "en")
        .current_dir(&site.root)
        .args(args)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(
            std::fs::File::create(log_path(site))
                .map(Stdio::from)
                .unwrap_or(Stdio::null()),
        )
        .spawn()
        .unwrap();
    Running(child)
}

/// Where a process started by [`spawn`] writes its standard error: beside the site.
fn log_path(site: &Site) -> std::path::PathBuf {
    site.root.with_file_name("stderr.log")
}

/// What the process has written to standard error so far.
fn log(site: &Site) -> String {
    std::fs::read_to_string(log_path(site)).unwrap_or_default()
}

/// Waits until `check` holds, for at most 15 s.
pub fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn read(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.out(rel)).unwrap_or_default()
}

#[test]
fn watch_rebuilds_on_change_with_native_events() {
    watch_rebuilds_on_change_and_keeps_the_output_on_errors(&[]);
}

#[test]
fn watch_rebuilds_on_change_when_polling() {
    watch_rebuilds_on_change_and_keeps_the_output_on_errors(&["--poll", "100"]);
}

fn watch_rebuilds_on_change_and_keeps_the_output_on_errors(mode: &[&str]) {
    let site = Site::fixture("basic");
    let mut args = vec!["watch", "--now", "2026-11-28"];
    args.extend_from_slice(mode);
    let mut w = spawn(&site, &args);
    let said = lines_of(w.0.stdout.take().unwrap());
    wait_for("the first build", || {
        read(&site, "index.html").contains("优秀教师")
    });
    // (Watching starts before the first build: nothing to wait for.)
    let notice = "content/2026-2027/selection/excellent-teachers.md";
    let text = std::fs::read_to_string(site.root.join(notice)).unwrap();
    site.write(notice, &text.replace("经评审", "经学校评审小组评审"));
    // The rebuild is written out whole (its line comes after the last file) before the output
    // is looked at again.
    wait_for("the edit", || {
        said.lock()
            .unwrap()
            .contains(&format!("rebuilt ({notice})"))
    });
    assert!(read(&site, "notices/excellent-teachers.html").contains("经学校评审小组评审"));
    // A broken notice: the output stays as it was.
    let before = site.tree("public");
    site.write(
        "content/broken.md",
        "---\ntitle: 坏\nkind: notice\ndate: 2026-99-01\n---\n",
    );
    // The failed rebuild was seen (and said so), and left the output as it was.
    wait_for("the failed rebuild", || {
        log(&site).contains("rebuild failed (content/broken.md)")
    });
    assert_same_tree(&site.tree("public"), &before);
    // Fixed and the other notice deleted: its published URL now says it was withdrawn.
    site.remove("content/broken.md");
    site.remove("content/2026-2027/selection/title-2026.md");
    wait_for("the deletion", || {
        read(&site, "notices/title-2026.html").contains("本公示已撤除")
    });
    let lock = std::fs::read_to_string(site.root.join("gongkai.lock")).unwrap();
    assert!(lock.contains("excellent-teachers\t"), "{lock}");
    assert!(site.out("notices/excellent-teachers.html").exists());
}

#[test]
fn watch_prints_a_warning_once_and_then_says_it_still_stands() {
    let site = Site::fixture("basic");
    let mut w = spawn(&site, &["watch", "--now", "2026-11-28"]);
    let said = lines_of(w.0.stdout.take().unwrap());
    wait_for("the first build", || {
        read(&site, "index.html").contains("优秀教师")
    });
    let rebuilt = |n: usize| {
        let said = said.clone();
        move || said.lock().unwrap().matches("rebuilt (").count() >= n
    };
    // A save that leaves a placeholder in: its warning is printed.
    let notice = "content/2026-2027/selection/excellent-teachers.md";
    let text = std::fs::read_to_string(site.root.join(notice)).unwrap();
    site.write(notice, &text.replace("经评审", "经某某评审"));
    wait_for("the first edit", rebuilt(1));
    let placeholder = "a placeholder is left in: `某某`";
    assert_eq!(log(&site).matches(placeholder).count(), 1, "{}", log(&site));
    // A save of another notice: the warning is not printed again, but said to stand.
    let other = "content/2026-2027/selection/title-2026.md";
    let other_text = std::fs::read_to_string(site.root.join(other)).unwrap();
    site.write(other, &format!("{other_text}\n特此公示。\n"));
    wait_for("the second edit", rebuilt(2));
    let err = log(&site);
    assert_eq!(err.matches(placeholder).count(), 1, "{err}");
    assert!(
        err.contains("warning(s) printed before still stand"),
        "{err}"
    );
    // Fixed, and broken again: printed again, as it is new once more.
    site.write(notice, &text);
    wait_for("the fix", rebuilt(3));
    site.write(notice, &text.replace("经评审", "经某某评审"));
    wait_for("the last edit", rebuilt(4));
    assert_eq!(log(&site).matches(placeholder).count(), 2, "{}", log(&site));
}

/// Starts `gongkai serve` (any free port, polling) and returns it with the address it listens on.
fn serve(site: &Site) -> (Running, String) {
    serve_env(site, &[])
}

/// [`serve`] with extra environment variables (the server's test-only limits).
pub fn serve_env(site: &Site, env: &[(&str, &str)]) -> (Running, String) {
    let mut server = spawn_env(
        site,
        &[
            "serve",
            "--port",
            "0",
            "--now",
            "2026-11-28",
            "--poll",
            "100",
        ],
        env,
    );
    let mut out = BufReader::new(server.0.stdout.take().unwrap());
    let mut addr = String::new();
    wait_for("the URL", || {
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        if let Some(rest) = line.strip_prefix("serving http://") {
            addr = rest.split('/').next().unwrap().to_string();
        }
        !addr.is_empty()
    });
    // Keep reading so the server's log lines never meet a closed or full pipe.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    (server, addr)
}

/// Listens to the live-reload events as a browser tab would: each call of the returned function
/// adds what arrived (waiting at most 200 ms) to the text it is given.
fn listen(addr: &str) -> impl FnMut(&mut String) {
    let mut events = TcpStream::connect(addr).unwrap();
    write!(
        events,
        "GET /__gongkai/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    events
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    move |received: &mut String| {
        let mut buf = [0u8; 4096];
        if let Ok(n) = events.read(&mut buf) {
            received.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    }
}

/// A minimal HTTP/1.1 GET: status line, headers and body as text.
pub fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text[9..12].parse().unwrap();
    (status, text)
}

#[test]
fn serve_reloads_tabs_and_shows_errors_in_the_browser() {
    let site = Site::fixture("basic");
    let (_server, addr) = serve(&site);
    let (status, page) = get(&addr, "/");
    assert_eq!(status, 200);
    assert!(page.contains("<script src=\"/__gongkai/live.js\" defer></script>\n</body>"));
    assert!(page.contains("2026年度优秀教师评选结果公示"));
    let (status, page) = get(
        &addr,
        "/tags/%E8%AF%84%E4%BC%98%E8%AF%84%E5%85%88/index.html",
    );
    assert_eq!(status, 200, "{page}");
    assert_eq!(get(&addr, "/no/such/page.html").0, 404);
    let (status, css) = get(&addr, "/style.css");
    assert_eq!(status, 200);
    assert!(!css.contains("live.js"));
    // Nothing of the preview is written to disk, and a build never carries the script.
    assert!(!site.root.join("public").exists());
    site.build_ok(&[]);
    assert!(!site.read("index.html").contains("live.js"));

    // Listen for events as a browser tab would.
    let mut pump = listen(&addr);
    let mut received = String::new();
    wait_for("the hello event", || {
        pump(&mut received);
        received.contains("event: hello")
    });
    site.write(
        "content/broken.md",
        "---\ntitle: 坏\nkind: nonsense\ndate: 2026-01-05\n---\n",
    );
    wait_for("the errors event", || {
        pump(&mut received);
        received.contains("event: errors")
    });
    assert!(
        received.contains("content/broken.md:3:1: error: unknown kind `nonsense`"),
        "{received}"
    );
    // The last good site is still served.
    assert_eq!(get(&addr, "/").0, 200);
    site.write(
        "content/broken.md",
        "---\ntitle: 修好了的通知\nkind: notice\ndate: 2026-01-05\n---\n",
    );
    wait_for("the reload event", || {
        pump(&mut received);
        received.contains("event: reload")
    });
    // Browsers drop events whose data is empty: every event carries some.
    assert!(
        received.contains("event: reload\ndata: reload\n"),
        "{received}"
    );
    let (_, page) = get(&addr, "/notices/broken.html");
    assert!(page.contains("修好了的通知"));
    // A stylesheet-only change swaps styles without reloading the page.
    received.clear();
    site.write("static/style.css", "body { color: #000; }\n");
    wait_for("the css event", || {
        pump(&mut received);
        received.contains("event: css")
    });
    assert!(!received.contains("event: reload"), "{received}");
    assert_eq!(
        get(&addr, "/style.css").1.split("\r\n\r\n").nth(1),
        Some("body { color: #000; }\n")
    );
}

#[test]
fn serve_starts_on_a_broken_site_and_shows_the_errors() {
    let site = Site::empty();
    site.write(
        "content/bad.md",
        "---\ntitle: 坏\nkind: notice\ndate: 2026-01-05\nquota: 3\n---\n",
    );
    let (_server, addr) = serve(&site);
    let (status, page) = get(&addr, "/");
    assert_eq!(status, 503);
    assert!(page.contains("/__gongkai/live.js"), "{page}");
    site.write(
        "content/bad.md",
        "---\ntitle: 修好了\nkind: notice\ndate: 2026-01-05\n---\n",
    );
    wait_for("the fixed site", || get(&addr, "/").0 == 200);
    assert!(get(&addr, "/notices/bad.html").1.contains("修好了"));
}

#[test]
fn serve_keeps_rebuilding_after_a_notice_that_once_crashed_it() {
    let site = Site::fixture("basic");
    let (_server, addr) = serve(&site);
    let mut pump = listen(&addr);
    let mut received = String::new();
    wait_for("the hello event", || {
        pump(&mut received);
        received.contains("event: hello")
    });
    let path = "content/2026-2027/selection/excellent-teachers.md";
    let text = std::fs::read_to_string(site.root.join(path)).unwrap();
    site.write(path, &format!("{text}\n[附件](%中.pdf)\n"));
    // The broken link is reported like any error (the last good site stays)…
    wait_for("the errors event of the bad link", || {
        pump(&mut received);
        received.contains("event: errors") && received.contains("%中.pdf")
    });
    assert!(!received.contains("internal error"), "{received}");
    // …and the next save is built.
    site.write(path, &text.replace("经评审", "经学校评审"));
    wait_for("the fixed notice served", || {
        get(&addr, "/notices/excellent-teachers.html")
            .1
            .contains("经学校评审")
    });
}

/// What a process writes to standard output, gathered on a thread of its own as it comes.
fn lines_of(out: std::process::ChildStdout) -> std::sync::Arc<std::sync::Mutex<String>> {
    let said = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let to = said.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let mut s = to.lock().unwrap();
            s.push_str(&line);
            s.push('\n');
        }
    });
    said
}

/// Two output trees are the same; else the paths that differ (not the bytes of every file).
fn assert_same_tree(
    now: &std::collections::BTreeMap<String, Vec<u8>>,
    before: &std::collections::BTreeMap<String, Vec<u8>>,
) {
    let differ: Vec<&String> = now
        .keys()
        .chain(before.keys())
        .filter(|k| now.get(*k) != before.get(*k))
        .collect();
    assert!(differ.is_empty(), "changed: {differ:?}");
}
