//! Decode throughput at 100, 10,000 and 50,000 assistants (2 KB prompts), against parsing the
//! same bytes into a `serde_json::Value` in the same run. Prints MB/s and the ratio.

use std::time::{Duration, Instant};

use assistant_roster_bench::body;
use criterion::{black_box, BenchmarkId, Criterion, Throughput};
use roster_core::decode_assistants;

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode");
    let mut summary = Vec::new();
    for count in [100usize, 10_000, 50_000] {
        let bytes = body(count, 2_000);
        assert_eq!(decode_assistants(&bytes).unwrap().assistants.len(), count);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.sample_size(if count > 1_000 { 10 } else { 50 });
        group.bench_with_input(
            BenchmarkId::new("decode_assistants", count),
            &bytes,
            |b, bytes| b.iter(|| decode_assistants(black_box(bytes)).unwrap()),
        );
        group.bench_with_input(
            BenchmarkId::new("serde_json_value", count),
            &bytes,
            |b, bytes| {
                b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(bytes)).unwrap())
            },
        );
        // A plain figure for BENCHMARKS.md, beside criterion's own report.
        let ours = median(|| drop(decode_assistants(&bytes).unwrap()));
        let value = median(|| drop(serde_json::from_slice::<serde_json::Value>(&bytes).unwrap()));
        summary.push((count, bytes.len(), ours, value));
    }
    group.finish();
    println!(
        "\n| assistants | body MB | decode_assistants | MB/s | serde_json::Value | MB/s | ratio |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for (count, len, ours, value) in summary {
        let mb = len as f64 / 1e6;
        println!(
            "| {count} | {mb:.1} | {:.2} ms | {:.0} | {:.2} ms | {:.0} | {:.3}× |",
            ours.as_secs_f64() * 1e3,
            mb / ours.as_secs_f64(),
            value.as_secs_f64() * 1e3,
            mb / value.as_secs_f64(),
            ours.as_secs_f64() / value.as_secs_f64(),
        );
    }
}

/// The median of a few timed runs.
fn median(mut run: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..7)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let mut criterion = Criterion::default()
        .configure_from_args()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    decode(&mut criterion);
    criterion.final_summary();
}
