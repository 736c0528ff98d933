//! Amounts: parsing, display and capitals, and that display parses back to the same value.
#![no_main]

use gongkai::content::money::Amount;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(a) = Amount::parse(text) {
        assert_eq!(Amount::parse(&a.display()), Ok(a));
        let _ = a.capitals();
    }
});
