//! A body of hundreds of MB is refused at the cap with a clear error and bounded memory. Its own
//! test binary, so the peak memory it reports is this case's alone.

mod common;

use std::time::{Duration, Instant};

use assistant_roster::MAX_BODY_BYTES;
use mock_server::{MockServer, Scenario};

/// Peak resident memory of this process so far, from /proc (Linux), in MiB.
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace()
        .nth(1)?
        .parse::<u64>()
        .ok()
        .map(|kb| kb / 1024)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_giant_body_stops_at_the_cap_with_bounded_memory() {
    // ~2.2 KB per assistant: 150,000 of them is about 330 MB, sent as it is generated.
    let scenario = Scenario::Generated {
        count: 150_000,
        prompt_bytes: 1_800,
        edit: 0,
    };
    let server = MockServer::start(0, "giant", scenario).await.unwrap();
    let timeouts = common::timeouts(Duration::from_secs(60));
    let client = common::client(server.base_url(), "giant", timeouts);
    let before = peak_rss_mib();
    let started = Instant::now();
    let error = common::fetch(&client).await.unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(error.kind(), "too_large", "{error}");
    assert_eq!(
        error.to_string(),
        format!("the answer is larger than {} MB", MAX_BODY_BYTES >> 20)
    );
    let peak = peak_rss_mib();
    println!(
        "giant body: refused after {elapsed:?}; peak RSS {before:?} MiB before, {peak:?} MiB after"
    );
    if let Some(peak) = peak {
        // From 64 MB on, the body goes to a file as it arrives (the file is gone with the error):
        // memory holds its first 64 MB once, never the cap's 200 MB (214 MiB before).
        assert!(peak < 128, "peak RSS {peak} MiB");
    }
}
