//! The privacy scanner on arbitrary text: never panics, offsets are valid char boundaries.
#![no_main]

use gongkai::check::privacy::{Context, scan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let official = vec!["0571-88123456".to_string()];
    for ctx in [Context::default(), Context { official: &official, aid: true, table: true }] {
        for f in scan(text, &ctx) {
            assert!(text.get(f.start..f.end).is_some());
        }
    }
});
