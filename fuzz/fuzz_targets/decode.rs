//! Fuzzes the tolerant decoder: no input may panic, hang or fail to return.
//!
//! The decoder's own source files are compiled here directly, so a fuzz build does not have to
//! instrument all of Tauri (minutes) to reach the few hundred lines that read untrusted bytes.
#![no_main]

#[path = "../../src-tauri/error.rs"]
#[allow(dead_code)]
mod error;
#[path = "../../src-tauri/models.rs"]
#[allow(dead_code)]
mod models;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = models::decode_assistants(data) {
        // Whatever is read must serialize again: the page receives it as JSON.
        serde_json::to_vec(&decoded).expect("a decoded list always serializes");
    }
});
