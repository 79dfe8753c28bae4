//! The review memory's benchmark (issue targets in BENCHMARKS.md): recording a fetch of 10,000
//! assistants unchanged and with 1,000 changed, the changes between two fetches, the store's
//! size after a month of daily fetches, and a word difference of two 20 KB prompts. Each figure
//! is the median of `ROUNDS` runs on a fresh database in a temporary folder, with its range;
//! the work of one round is done in the same order every time. The offline copy read back from
//! the store (what a cold start opens) is compared with the saved-list file of earlier versions,
//! the two interleaved, their order swapped each round. Prints a Markdown table.

use std::time::{Duration, Instant};

use roster_core::OpenList;
use roster_store::{Since, Store};

const COUNT: usize = 10_000;
const PROMPT_BYTES: usize = 2_000;
const ROUNDS: usize = 7;
const ACCOUNT: &str = "https://call.aiployees.com/api";

/// The items of a list of `COUNT` generated assistants, the first `changed` of them edited
/// (`generation` tells edits of different days apart).
fn items(changed: usize, generation: usize) -> Vec<String> {
    (0..COUNT)
        .map(|index| {
            let item = mock_server::generated_assistant(index, PROMPT_BYTES);
            if index < changed {
                item.replace(
                    "never promise discounts.",
                    &format!("never promise discounts (edit {generation})."),
                )
            } else {
                item
            }
        })
        .collect()
}

/// The list as the app holds it once the page shows it.
fn open(items: &[String]) -> OpenList {
    OpenList::open(roster_core::Body::shared(
        format!("[{}]", items.join(",")).into_bytes(),
    ))
    .unwrap()
    .list
}

/// What the app does to record a fetched list (each item's content, the body's hash, the
/// record), timed.
fn record(store: &mut Store, at: i64, list: &OpenList) -> (i64, Duration) {
    let start = Instant::now();
    let id = store.record_list(ACCOUNT, at, list, true).unwrap().fetch;
    (id, start.elapsed())
}

fn fresh_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("review-memory.sqlite3"))
        .unwrap()
        .store;
    (dir, store)
}

fn median(mut samples: Vec<Duration>) -> (f64, f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (
        ms(samples[samples.len() / 2]),
        ms(samples[0]),
        ms(samples[samples.len() - 1]),
    )
}

fn row(measure: &str, target: &str, samples: Vec<Duration>) {
    let (mid, low, high) = median(samples);
    println!("| {measure} | {mid:.1} ms [{low:.1}, {high:.1}] | {target} |");
}

fn main() {
    let base = items(0, 0);
    let edited = items(1_000, 1);
    // The same content written otherwise (keys reordered): no shortcut by the body's hash.
    let reformatted: Vec<String> = base
        .iter()
        .map(|i| {
            let value: serde_json::Value = serde_json::from_str(i).unwrap();
            serde_json::to_string_pretty(&value).unwrap()
        })
        .collect();

    let (base, edited, reformatted) = (open(&base), open(&edited), open(&reformatted));
    let (mut same_body, mut same_content, mut thousand, mut changes, mut contents_only) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut from_store, mut from_file, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (dir, mut store) = fresh_store();
        let (first, _) = record(&mut store, 1, &base);
        same_body.push(record(&mut store, 2, &base).1);
        same_content.push(record(&mut store, 3, &reformatted).1);
        let (second, took) = record(&mut store, 4, &edited);
        thousand.push(took);
        assert_ne!(first, second);
        let start = Instant::now();
        let found = store
            .changes(ACCOUNT, second, Since::Previous)
            .unwrap()
            .unwrap();
        changes.push(start.elapsed());
        assert_eq!(found.changed.len(), 1_000);
        let start = Instant::now();
        assert_eq!(edited.versions().len(), COUNT);
        contents_only.push(start.elapsed());

        // A cold start's saved list: the store's offline copy, or a file holding the body.
        let file = dir.path().join("saved.list");
        std::fs::write(&file, &edited.body()[..]).unwrap();
        let store_read = || {
            let start = Instant::now();
            let offline = store.offline(ACCOUNT).unwrap().unwrap();
            let opened =
                OpenList::reopen(roster_core::Body::shared(offline.body), offline.gaps).unwrap();
            assert_eq!(opened.cards.len(), COUNT);
            start.elapsed()
        };
        let file_read = || {
            let start = Instant::now();
            let opened =
                OpenList::open(roster_core::Body::shared(std::fs::read(&file).unwrap())).unwrap();
            assert_eq!(opened.cards.len(), COUNT);
            start.elapsed()
        };
        let (a, b) = if round % 2 == 0 {
            let a = store_read();
            (a, file_read())
        } else {
            let b = file_read();
            (store_read(), b)
        };
        ratios.push(a.as_secs_f64() / b.as_secs_f64());
        from_store.push(a);
        from_file.push(b);
    }

    // A month: 30 daily fetches with 1 % of the assistants edited each day, and 10 unchanged
    // refreshes a day between them (300 in all).
    let (dir, mut store) = fresh_store();
    let mut current = items(0, 0);
    let mut at = 0;
    for day in 0..30 {
        for index in (day * 100)..(day * 100 + 100) {
            current[index % COUNT] = current[index % COUNT]
                .replace("Qualify the lead", &format!("Qualify the lead (day {day})"));
        }
        let list = open(&current);
        for _ in 0..11 {
            at += 1;
            record(&mut store, at, &list);
        }
    }
    drop(store);
    let size: u64 = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();

    let long = |words: usize, seed: usize| -> String {
        (0..words)
            .map(|w| format!("word{} ", (w * 7 + seed * (w % 13 == 0) as usize) % 997))
            .collect()
    };
    let (old, new) = (long(2_600, 0), long(2_600, 1));
    assert!(
        old.len() >= 20_000 && new.len() >= 20_000,
        "{} {}",
        old.len(),
        new.len()
    );
    let mut diffs = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let segments = roster_core::text_difference(&old, &new);
        diffs.push(start.elapsed());
        assert!(segments.len() > 100);
    }

    println!("| measure ({COUNT} assistants, ~{} KB prompts; median of {ROUNDS} [min, max]) | figure | target |", PROMPT_BYTES / 1000);
    println!("|---|---:|---:|");
    row(
        "recording a fetch, the same body as the last one",
        "≤ 100 ms",
        same_body,
    );
    row(
        "recording a fetch, the same content written otherwise",
        "≤ 100 ms",
        same_content,
    );
    row("recording a fetch with 1,000 changed", "≤ 300 ms", thousand);
    row(
        "of which: each assistant's version (canonical form and hash, on all cores but one)",
        "",
        contents_only,
    );
    row(
        "changes between two fetches (1,000 changed)",
        "≤ 50 ms",
        changes,
    );
    row("a word difference of two 20 KB prompts", "≤ 20 ms", diffs);
    row(
        "the offline copy opened from the store (read, rebuilt, decoded into cards)",
        "no slower than a saved-list file",
        from_store,
    );
    row(
        "the same list opened from a file (earlier versions)",
        "",
        from_file,
    );
    ratios.sort_by(f64::total_cmp);
    println!(
        "| store / file, per round | {:.2}× [{:.2}×, {:.2}×] | ≤ 1.00× |",
        ratios[ROUNDS / 2],
        ratios[0],
        ratios[ROUNDS - 1]
    );
    println!(
        "| store size after 30 daily fetches, 1 % daily churn, plus 300 unchanged refreshes | {:.1} MB | ≤ 80 MB |",
        size as f64 / 1e6
    );
}
