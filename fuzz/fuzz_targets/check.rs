//! A notice file in a small site, checked as `gongkai check` checks it: read and decoded, parsed,
//! its fields, privacy, raw HTML and links checked (`content::load_one`), then the whole site
//! (`gongkai::check`: the board assembled and every page rendered into nothing). The links can
//! reach another notice (by file and by `@other`), attachments and a CSV beside it.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use gongkai::BuildOptions;
use gongkai::config::Site;
use libfuzzer_sys::fuzz_target;

/// The site, made once per process in the temporary folder and reused between inputs.
fn site() -> &'static (PathBuf, Site) {
    static SITE: OnceLock<(PathBuf, Site)> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("gongkai-fuzz-check-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let dir = root.join("content/2025-2026/notice");
        std::fs::create_dir_all(dir.join("files")).unwrap();
        let files: [(&str, &[u8]); 7] = [
            (
                "site.yaml",
                "title: 校务公开栏\nschool: 青禾市第二实验小学\nschool_code: QHEX\nbase_url: https://www.qhex.edu.cn/xwgk/\ncontact:\n  office: 校务公开监督小组\n  phone: 0571-88123456\n  email: xwgk@qhex.edu.cn\n"
                    .as_bytes(),
            ),
            (
                "content/2025-2026/notice/other.md",
                "---\ntitle: 另一则通知\nkind: 通知\ndate: 2025-09-01\nslug: other\n---\n\n正文。\n"
                    .as_bytes(),
            ),
            ("content/2025-2026/notice/files/附件.txt", "物价部门批复\n".as_bytes()),
            ("content/2025-2026/notice/files/%中.pdf", b"%PDF-1.4\n%%EOF\n"),
            ("content/2025-2026/notice/files/a b.txt", b"x\n"),
            (
                "content/2025-2026/notice/ledger.csv",
                "项目,类型,金额\n财政拨款,收入,100.00\n水电费,支出,12.50\n".as_bytes(),
            ),
            ("content/2025-2026/notice/_notes.md", b"not a notice\n"),
        ];
        for (path, bytes) in files {
            std::fs::write(root.join(path), bytes).unwrap();
        }
        let mut diags = gongkai::diagnostics::Diagnostics::new();
        let site = gongkai::config::load(&root, &mut diags);
        (root, site)
    })
}

fuzz_target!(|data: &[u8]| {
    let (root, site) = site();
    let path = root.join("content/2025-2026/notice/fuzz.md");
    std::fs::write(&path, data).unwrap();
    let checks = |n: &mut gongkai::content::Notice,
                  text: &str,
                  d: &mut gongkai::diagnostics::Diagnostics| {
        gongkai::check::notice(root, site, n, text, d)
    };
    let (_notice, diags) = gongkai::content::load_one(root, &path, site, &checks);
    for d in diags.sorted() {
        let _ = d.to_string();
    }
    for d in gongkai::check(&BuildOptions::new(Path::new(root))) {
        let _ = d.to_string();
    }
});
