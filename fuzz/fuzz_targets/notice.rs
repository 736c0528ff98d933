//! A whole notice file: front matter, per-kind data, Markdown body, then rendering of the body.
#![no_main]

use std::path::Path;

use gongkai::config::Site;
use gongkai::content::notice::parse_notice;
use gongkai::diagnostics::Diagnostics;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let root = Path::new("/nonexistent-site");
    let mut diags = Diagnostics::new();
    let site = Site::defaults();
    if let Some(n) = parse_notice(root, &root.join("content"), &root.join("content/x.md"), text, &site, &mut diags) {
        let view = gongkai::render::tables::data_view(&n.data, site.config.language);
        let html = gongkai::render::markdown::to_html(&n.body);
        let _ = gongkai::render::tables::place(&html, &gongkai::render::tables::tables_html(&view));
    }
    for d in diags.sorted() {
        let _ = d.to_string();
    }
});
