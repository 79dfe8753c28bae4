//! The review rules' benchmark (issue target in BENCHMARKS.md): 10,000 generated assistants
//! (~2 KB prompts) checked against 20 rules (the 6 built-ins and 14 phrases of the manager's),
//! as the app does after the first paint: on all cores but one, the assistants decoded from the
//! body one by one (only the fields the rules read). Median of `ROUNDS` runs with its range.
//! Prints a Markdown table.

use std::time::{Duration, Instant};

use roster_core::{Expect, OpenList, OwnRule, Place, RuleSettings, Rules, Verdict};

const COUNT: usize = 10_000;
const PROMPT_BYTES: usize = 2_000;
const ROUNDS: usize = 15;

fn main() {
    let items: Vec<String> = (0..COUNT)
        .map(|i| mock_server::generated_assistant(i, PROMPT_BYTES))
        .collect();
    let body = format!("[{}]", items.join(",")).into_bytes();
    let list = OpenList::open(roster_core::Body::shared(body))
        .unwrap()
        .list;
    let phrases = [
        "guaranteed",
        "discount",
        "free of charge",
        "100 %",
        "risk-free",
        "Contoso",
        "recorded for quality",
        "calendar link",
        "budget",
        "never promise",
        "Acme",
        "best price",
        "garantía",
        "kostenlos",
    ];
    let settings = RuleSettings {
        company: "Acme".into(),
        own: phrases
            .iter()
            .enumerate()
            .map(|(i, phrase)| OwnRule {
                phrase: (*phrase).into(),
                expect: if i % 2 == 0 {
                    Expect::MustNotAppear
                } else {
                    Expect::MustAppear
                },
                place: [Place::Greeting, Place::Prompt, Place::Anywhere][i % 3],
                note: String::new(),
            })
            .collect(),
        ..RuleSettings::default()
    };
    let languages: Vec<(String, String)> = [("1", "English"), ("2", "German"), ("3", "Arabic")]
        .iter()
        .map(|(id, name)| (id.to_string(), name.to_string()))
        .collect();
    let rules = Rules::new(&settings, &languages);
    let mut times: Vec<Duration> = Vec::new();
    let mut fails = 0;
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let found = list.check_rules(&rules, &|zone| zone.contains('/'));
        times.push(start.elapsed());
        assert_eq!(found.len(), COUNT);
        assert_eq!(found[0].len(), 20);
        fails = found
            .iter()
            .flatten()
            .filter(|f| f.verdict == Verdict::Fail)
            .count();
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("| measure ({COUNT} assistants, ~{} KB prompts; median of {ROUNDS} [min, max]) | figure | target |", PROMPT_BYTES / 1000);
    println!("|---|---:|---:|");
    println!(
        "| checking every assistant against 20 rules (6 built-in, 14 phrases; {fails} failures found) | {:.1} ms [{:.1}, {:.1}] | ≤ 200 ms |",
        ms(times[ROUNDS / 2]),
        ms(times[0]),
        ms(times[ROUNDS - 1])
    );
}
