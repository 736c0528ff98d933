//! Placeholders left in: the samples `gongkai init` and `gongkai new` write (某某 for a name,
//! （在此…） for text to write, （示例） for a sample row, 0000- for a phone number, an example.*
//! address for the site)
//! must not reach a published board. Each is a warning, so `check --strict` fails on them.

use crate::config::Site;
use crate::content::Notice;
use crate::diagnostics::{Diagnostics, Problem, Span};

/// Text that only a sample holds.
const SAMPLES: [&str; 7] = [
    "某某",
    "（在此",
    "(在此",
    "（示例）",
    "(示例)",
    "0000-0000",
    "XXXX",
];

/// The first sample text in `line`: its byte offset and the sample.
fn first_sample(line: &str) -> Option<(usize, &'static str)> {
    SAMPLES
        .iter()
        .filter_map(|s| line.find(s).map(|b| (b, *s)))
        .min()
}

/// Warns at each placeholder in a notice file.
pub fn notice(notice: &Notice, text: &str, diags: &mut Diagnostics) {
    // Most notices hold none: one search of the whole text per sample, not of every line.
    if !SAMPLES.iter().any(|s| text.contains(s)) {
        return;
    }
    for (i, line) in text.lines().enumerate() {
        // A comment line of the front matter is never published (the skeletons' commented
        // examples); in the body a line starting with # is a heading, and checked.
        if i + 1 < notice.body_line && line.trim_start().starts_with('#') {
            continue;
        }
        if let Some((b, sample)) = first_sample(line) {
            diags.warning(
                Span::in_text(&notice.rel, text, i + 1, line[..b].chars().count() + 1),
                Problem::Placeholder(sample.to_string()),
            );
        }
    }
}

/// Warns at each placeholder in site.yaml, and at a base URL on an example domain (the QR
/// codes printed on paper would lead there).
pub fn site(site: &Site, diags: &mut Diagnostics) {
    let (file, text) = (crate::config::SITE_FILE, &site.source);
    let host = site
        .config
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split('/')
        .next()
        .unwrap_or("");
    let example = ["example.edu.cn", "example.com", "example.org", "example.cn"]
        .iter()
        .any(|e| host == *e || host.ends_with(&format!(".{e}")));
    for (i, line) in text.lines().enumerate() {
        let sample = first_sample(line)
            .map(|(b, s)| (b, s.to_string()))
            .or_else(|| {
                let b = line.find("base_url:")?;
                example.then(|| (b, host.to_string()))
            });
        if let Some((b, sample)) = sample {
            diags.warning(
                Span::in_text(file, text, i + 1, line[..b].chars().count() + 1),
                Problem::Placeholder(sample),
            );
        }
    }
}
