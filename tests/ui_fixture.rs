//! The browser tests of the page (tests/ui) feed it `tests/fixtures/sample-roster.json`, which must
//! be exactly what the `open_sample` command sends, plus what the stubbed backend needs to answer
//! `assistant` and `search` like the real one: every whole assistant and its search text. This
//! keeps the two in step: run with `UPDATE_FIXTURES=1` after changing the models or the sample.

#[test]
fn the_ui_fixture_is_what_open_sample_sends() {
    let (roster, list) = assistant_roster::commands::sample_roster().unwrap();
    let assistants: Vec<_> = (0..list.len())
        .map(|p| list.assistant(p).unwrap())
        .collect();
    let search_text: Vec<_> = (0..list.len()).map(|p| list.index().text_of(p)).collect();
    let fixture = serde_json::json!({
        "roster": roster,
        "assistants": assistants,
        "searchText": search_text,
    });
    let text = serde_json::to_string_pretty(&fixture).unwrap() + "\n";
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
