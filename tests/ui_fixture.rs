//! The browser tests of the page (tests/ui) feed it `tests/fixtures/sample-roster.json`, which must
//! be exactly what the `open_sample` command sends. This keeps the two in step: run with
//! `UPDATE_FIXTURES=1` after changing the models or the sample to write it anew.

#[test]
fn the_ui_fixture_is_what_open_sample_sends() {
    let mut roster =
        serde_json::to_value(assistant_roster::commands::open_sample().unwrap()).unwrap();
    roster["fetchedAtMs"] = serde_json::json!(0);
    let text = serde_json::to_string_pretty(&roster).unwrap() + "\n";
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample-roster.json");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{} is stale: run UPDATE_FIXTURES=1 cargo test --test ui_fixture",
        path.display()
    );
}
