//! Any text through the number reader: no panic, spans inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let chars = text.chars().count();
    for found in zhengce::extract::quantity::scan_str(text) {
        let debug = format!("{found:?}");
        assert!(!debug.is_empty());
    }
    let _ = chars;
});
