//! The sanitiser's fast path: a body that skips the sanitiser publishes byte for byte what the
//! sanitiser makes of the same HTML; rendering any body never panics.
#![no_main]

use gongkai::render::markdown::{fast_path, sanitize, to_html_with};
use libfuzzer_sys::fuzz_target;

/// Links to notices' source files become their pages, as when building.
fn rewrite(d: &str) -> Option<String> {
    d.strip_suffix(".md").map(|s| format!("/notices/{s}/"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let published = to_html_with(body, &rewrite);
    if let Some((fast, given)) = fast_path(body, &rewrite) {
        assert_eq!(fast, published);
        assert_eq!(fast, sanitize(&given), "body {body:?}");
    }
});
