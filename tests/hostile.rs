//! The hostile and malformed answers a white-label server, a proxy or a broken network can give,
//! each through the real client against the mock server on 127.0.0.1. Whatever comes in, the
//! client returns a list or an error of a known kind: it never panics or hangs.

mod common;

use std::io::Write;
use std::time::{Duration, Instant};

use assistant_roster::ApiClient;
use mock_server::{MockServer, Scenario, DOCS_EXAMPLE};
use roster_core::Decoded;

const KEY: &str = "hostile-key-81c2";

/// What a case must give: a list of so many assistants (and skipped items), or an error kind.
#[derive(Debug)]
enum Expect {
    List { assistants: usize, skipped: usize },
    Error(&'static str),
}
use Expect::*;

fn ok(assistants: usize) -> Expect {
    List {
        assistants,
        skipped: 0,
    }
}

fn body(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Scenario {
    Scenario::Custom {
        status,
        headers: vec![("content-type".into(), content_type.into())],
        body: body.into(),
    }
}

fn encoded(encoding: &str, bytes: Vec<u8>) -> Scenario {
    Scenario::Custom {
        status: 200,
        headers: vec![
            ("content-type".into(), "application/json".into()),
            ("content-encoding".into(), encoding.into()),
        ],
        body: bytes,
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        encoder.write_all(bytes).unwrap();
    }
    out
}

const JSON: &str = "application/json";
const HTML_PAGE: &str =
    "<!DOCTYPE html><html><head><title>Error</title></head><body>Oops</body></html>";

fn cases() -> Vec<(&'static str, Scenario, Expect)> {
    let docs = DOCS_EXAMPLE.as_bytes().to_vec();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_field = format!(
        r#"[{{"id": 1, "variables": {{"a": {}1{}}}}}]"#,
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    let big_prompt = format!(
        r#"[{{"id": 1, "system_prompt": "{}"}}]"#,
        "p".repeat(200 * 1024)
    );
    let long_name = format!(r#"[{{"id": 1, "name": "{}"}}]"#, "Ж".repeat(5_000));
    let mut bad_utf8 = br#"[{"id": 1, "name": "caf"#.to_vec();
    bad_utf8.extend_from_slice(b"\xC3\x28 \xFF");
    bad_utf8.extend_from_slice(br#""}, {"id": 2, "name": "ok"}]"#);
    let all_null = r#"[{"id": null, "user_id": null, "name": null, "type": null, "mode": null, "status": null,
        "voice_id": null, "language_id": null, "timezone": null, "initial_message": null, "system_prompt": null,
        "variables": null, "webhook_url": null, "is_webhook_active": null, "created_at": null, "updated_at": null}]"#;

    let mut list = vec![
        ("docs example", Scenario::Docs, ok(2)),
        (
            "UTF-8 byte order mark",
            body(200, JSON, [b"\xEF\xBB\xBF".as_slice(), &docs].concat()),
            ok(2),
        ),
        ("gzip encoding", encoded("gzip", gzip(&docs)), ok(2)),
        ("brotli encoding", encoded("br", brotli(&docs)), ok(2)),
        (
            "gzip header on plain bytes",
            encoded("gzip", docs.clone()),
            Error("unreadable"),
        ),
        (
            "truncated body, connection cut",
            Scenario::Truncated {
                declared: docs.len(),
                sent: docs[..docs.len() / 2].to_vec(),
            },
            Error("offline"),
        ),
        (
            "truncated JSON, complete response",
            body(200, JSON, &docs[..docs.len() - 20]),
            Error("unreadable"),
        ),
        (
            "HTML page with status 200",
            body(200, "text/html; charset=utf-8", HTML_PAGE),
            Error("wrong_address"),
        ),
        (
            "HTML page labelled JSON",
            body(200, JSON, HTML_PAGE),
            Error("wrong_address"),
        ),
        (
            "an object where a list is expected",
            body(200, JSON, r#"{"id": 1, "name": "x"}"#),
            Error("unreadable"),
        ),
        ("a bare number", body(200, JSON, "42"), Error("unreadable")),
        ("null", body(200, JSON, "null"), Error("unreadable")),
        ("empty body", body(200, JSON, ""), Error("unreadable")),
        ("204 no content", body(204, JSON, ""), Error("unreadable")),
        (
            "data is null",
            body(200, JSON, r#"{"data": null}"#),
            Error("unreadable"),
        ),
        (
            "NaN token",
            body(200, JSON, r#"[{"id": NaN}]"#),
            Error("unreadable"),
        ),
        // Nesting is skipped without recursion: no stack overflow, no recursion limit either.
        (
            "deeply nested arrays",
            body(200, JSON, deep),
            List {
                assistants: 0,
                skipped: 1,
            },
        ),
        ("deeply nested field", body(200, JSON, deep_field), ok(1)),
        (
            "invalid UTF-8 inside a name",
            body(200, JSON, bad_utf8),
            ok(2),
        ),
        (
            "duplicate ids",
            body(200, JSON, r#"[{"id": 7}, {"id": 7}, {"id": "7"}]"#),
            ok(3),
        ),
        ("a 200 KB prompt", body(200, JSON, big_prompt), ok(1)),
        ("a 5,000-character name", body(200, JSON, long_name), ok(1)),
        ("every field null", body(200, JSON, all_null), ok(1)),
        (
            "non-objects mixed in",
            body(200, JSON, r#"{"data": [1, "x", {"id": 3}, null]}"#),
            List {
                assistants: 1,
                skipped: 3,
            },
        ),
        (
            "JSON sent as text/plain",
            body(200, "text/plain", docs.clone()),
            ok(2),
        ),
        (
            "slow but within the limits",
            Scenario::Slow(Duration::from_millis(400)),
            ok(2),
        ),
        (
            "stalls after the headers",
            Scenario::Stall {
                first: b"[{\"id\": 1},".to_vec(),
            },
            Error("timeout"),
        ),
    ];
    // Every error status the platform (Laravel behind nginx or Cloudflare) uses, JSON and HTML.
    for (status, kind) in [
        (400, "unexpected_status"),
        (401, "bad_key"),
        (403, "bad_key"),
        (404, "wrong_address"),
        (405, "unexpected_status"),
        (419, "unexpected_status"),
        (422, "unexpected_status"),
        (429, "rate_limited"),
        (500, "server_trouble"),
        (502, "server_trouble"),
        (503, "server_trouble"),
        (504, "server_trouble"),
    ] {
        list.push((
            "status with JSON body",
            body(status, JSON, r#"{"message": "no"}"#),
            Error(kind),
        ));
        list.push((
            "status with HTML body",
            body(status, "text/html", HTML_PAGE),
            Error(kind),
        ));
    }
    list
}

fn client(base: String) -> ApiClient {
    common::client(base, KEY, common::timeouts(Duration::from_secs(2)))
}

#[tokio::test(flavor = "multi_thread")]
async fn every_hostile_answer_gives_a_list_or_a_known_error() {
    let server = MockServer::start(0, KEY, Scenario::Docs).await.unwrap();
    let client = client(server.base_url());
    let cases = cases();
    let total = cases.len();
    assert!(total >= 30, "the corpus has {total} cases");
    let mut slowest = Duration::ZERO;
    for (name, scenario, expect) in cases {
        server.set_scenario(scenario);
        let started = Instant::now();
        let result: Result<Decoded, _> = common::fetch(&client).await;
        slowest = slowest.max(started.elapsed());
        match (&expect, &result) {
            (
                List {
                    assistants,
                    skipped,
                },
                Ok(decoded),
            ) => {
                assert_eq!(decoded.assistants.len(), *assistants, "{name}");
                assert_eq!(decoded.gaps.skipped as usize, *skipped, "{name}");
            }
            (Error(kind), Err(error)) => assert_eq!(error.kind(), *kind, "{name}: {error}"),
            _ => panic!("{name}: expected {expect:?}, got {result:?}"),
        }
        // No error message ever carries the key.
        if let Err(error) = &result {
            assert!(!format!("{error} {error:?}").contains(KEY), "{name}");
        }
    }
    println!("hostile corpus: {total} cases; the slowest took {slowest:?}");
    assert!(
        slowest < Duration::from_secs(4),
        "no case hangs past the overall timeout"
    );
}

#[tokio::test]
async fn decoded_content_survives_intact() {
    let server = MockServer::start(0, KEY, Scenario::Docs).await.unwrap();
    let client = client(server.base_url());
    let mut bad_utf8 = br#"[{"id": 1, "name": "caf"#.to_vec();
    bad_utf8.extend_from_slice(b"\xC3\x28");
    bad_utf8.extend_from_slice(br#""}]"#);
    server.set_scenario(body(200, JSON, bad_utf8));
    let decoded = common::fetch(&client).await.unwrap();
    assert_eq!(decoded.assistants[0].name.as_deref(), Some("caf\u{FFFD}("));

    server.set_scenario(encoded("gzip", gzip(DOCS_EXAMPLE.as_bytes())));
    let decoded = common::fetch(&client).await.unwrap();
    assert_eq!(
        decoded.assistants[1].name.as_deref(),
        Some("Follow-up Assistant")
    );
}
