//! A fixture helper: copy a fixture site (or start an empty one) into a temporary folder, write
//! or change files, run the binary, and read what it wrote.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

pub struct Site {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
}

pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A site with a minimal valid site.yaml, for error tests.
pub const SITE_YAML: &str =
    "title: 测试公开栏\nschool: 测试学校\nschool_code: T\nbase_url: https://t.example/\n";

impl Site {
    pub fn fixture(name: &str) -> Site {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_tree(&fixture_dir(name), &root);
        Site { _tmp: tmp, root }
    }

    pub fn empty() -> Site {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let site = Site { _tmp: tmp, root };
        site.write("site.yaml", SITE_YAML);
        site
    }

    pub fn write(&self, rel: &str, text: &str) -> &Site {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Site {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root.join(rel)).unwrap();
    }

    /// Runs `gongkai ARGS` in the site folder.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::cargo_bin("gongkai")
            .unwrap()
            .env("GONGKAI_LANG", "en")
            .current_dir(&self.root)
            .args(args)
            .output()
            .unwrap()
    }

    /// `gongkai build --now 2026-11-28 ARGS`.
    pub fn build(&self, args: &[&str]) -> Output {
        let mut all = vec!["build", "--now", "2026-11-28"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// Builds and asserts success.
    pub fn build_ok(&self, args: &[&str]) -> Output {
        let out = self.build(args);
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    pub fn out(&self, rel: &str) -> PathBuf {
        self.root.join("public").join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out(rel)).unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    /// Every file under `dir` (relative to the site root) with its bytes.
    pub fn tree(&self, dir: &str) -> BTreeMap<String, Vec<u8>> {
        let base = self.root.join(dir);
        walkdir::WalkDir::new(&base)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(&base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Percent-decodes a URL path (panics when the escapes are not UTF-8: the site wrote a bad link).
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .unwrap_or_else(|e| panic!("`{s}` does not decode to UTF-8: {e}"))
        .into_owned()
}

/// The values of `href="…"` and `src="…"` attributes in an HTML page.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    out
}

/// Asserts that a run failed with exit code 1 and said `needle` on standard error.
pub fn assert_fails_saying(out: &Output, needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(needle), "missing `{needle}` in:\n{err}");
}

/// Asserts that `text` contains every needle.
pub fn assert_has(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "missing `{n}` in:\n{text}");
    }
}

/// Builds a site holding the one notice `rel` and returns stderr of the failed build, checking
/// that it failed with exit code 1 and wrote nothing.
pub fn fails_with(rel: &str, notice: &str) -> String {
    let site = Site::empty();
    site.write(rel, notice);
    let out = site.build(&[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected failure:\n{}",
        stderr(&out)
    );
    assert!(
        !site.root.join("public").exists(),
        "output written despite errors"
    );
    stderr(&out)
}

/// Runs `node -e SCRIPT`, or `None` when Node.js is not installed: the test is then skipped
/// with a printed reason, so `cargo test` passes on a machine with only Rust. `.ci/run`, which
/// installs Node.js, sets `GONGKAI_TESTS_NEED_NODE=1`: there a missing `node` fails the test.
pub fn node(script: &str) -> Option<std::process::Output> {
    match std::process::Command::new("node")
        .arg("-e")
        .arg(script)
        .output()
    {
        Ok(out) => Some(out),
        Err(e) if std::env::var_os("GONGKAI_TESTS_NEED_NODE").is_some() => {
            panic!("node (Node.js) is needed here (GONGKAI_TESTS_NEED_NODE is set): {e}")
        }
        Err(e) => {
            eprintln!("skipped: this test runs the theme's script under node (Node.js): {e}");
            None
        }
    }
}
