//! The tolerant decoder against the docs' example and the messes white labels send.

use roster_core::{decode_assistants, Assistant, Timestamp};

const DOCS_EXAMPLE: &[u8] = include_bytes!("../../../tests/fixtures/docs-example.json");

fn stamp(raw: &str, epoch_ms: i64) -> Option<Timestamp> {
    Some(Timestamp {
        raw: raw.to_owned(),
        epoch_ms: Some(epoch_ms),
    })
}

fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn some(text: &str) -> Option<String> {
    Some(text.to_owned())
}

// Complete today; the updates leave a field added to the model unknown, as the docs have it.
#[allow(clippy::needless_update)]
fn documented_pair() -> Vec<Assistant> {
    vec![
        Assistant {
            id: some("123"),
            user_id: some("1"),
            name: some("Sales Outbound Assistant"),
            kind: some("outbound"),
            mode: some("pipeline"),
            status: some("active"),
            voice_id: some("8"),
            language_id: some("1"),
            timezone: some("America/New_York"),
            initial_message: some("Hi, this is Sarah from Your Company. I hope I'm catching you at a good time. How are you doing today?"),
            system_prompt: some("You are a sales representative for Your Company. Be professional, friendly, and focus on qualifying leads."),
            variables: vars(&[("company_name", "Your Company"), ("product_line", "Premium Services")]),
            webhook_url: some("https://yourcompany.com/api/webhooks/outbound-calls"),
            is_webhook_active: Some(true),
            created_at: stamp("2025-07-15T14:32:15.000000Z", 1_752_589_935_000),
            updated_at: stamp("2025-08-02T09:18:42.000000Z", 1_754_126_322_000),
            ..Default::default()
        },
        Assistant {
            id: some("124"),
            user_id: some("1"),
            name: some("Follow-up Assistant"),
            kind: some("outbound"),
            mode: some("multimodal"),
            status: some("inactive"),
            voice_id: some("12"),
            language_id: some("1"),
            timezone: some("America/Los_Angeles"),
            initial_message: some("Hello! I'm calling to follow up on our previous conversation. Do you have a few minutes to chat?"),
            system_prompt: some("You are a follow-up specialist. Be warm and professional while gathering feedback and next steps."),
            variables: vars(&[("purpose", "follow_up"), ("max_duration", "5_minutes")]),
            webhook_url: None,
            is_webhook_active: Some(false),
            created_at: stamp("2025-07-20T10:15:30.000000Z", 1_753_006_530_000),
            updated_at: stamp("2025-07-25T16:45:22.000000Z", 1_753_461_922_000),
            ..Default::default()
        },
    ]
}

#[test]
fn the_fixture_is_the_docs_example_byte_for_byte() {
    // The seeds live beside the repository (../shared) in a checkout that has them; the fixture
    // itself is compared on every run by the test below.
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seeds/aiployees-get-outbound-assistants.bg.txt");
    let Ok(text) = std::fs::read_to_string(&seed) else {
        eprintln!(
            "note: {} not present; fixture compared to the embedded copy only",
            seed.display()
        );
        return;
    };
    let start = text.find("\n[\n").expect("the seed shows a JSON array") + 1;
    let end = start + text[start..].find("\n]\n").expect("the array ends") + 3;
    assert_eq!(
        &text[start..end],
        std::str::from_utf8(DOCS_EXAMPLE).unwrap()
    );
}

#[test]
fn docs_example_gives_the_two_documented_assistants_with_every_field() {
    let decoded = decode_assistants(DOCS_EXAMPLE).unwrap();
    assert_eq!(decoded.gaps.skipped as usize, 0);
    assert_eq!(decoded.assistants, documented_pair());
}

#[test]
fn wrapped_bodies_give_the_same_list() {
    let inner = std::str::from_utf8(DOCS_EXAMPLE).unwrap();
    for body in [
        format!(r#"{{"data": {inner}}}"#),
        format!(r#"{{"assistants": {inner}}}"#),
        format!(r#"{{"success": true, "data": {inner}, "meta": {{"total": 2}}}}"#),
        format!(r#"{{"data": {{"data": {inner}}}}}"#),
        format!("\u{feff}{inner}"),
    ] {
        let decoded = decode_assistants(body.as_bytes()).unwrap();
        assert_eq!(decoded.assistants, documented_pair(), "{}", &body[..40]);
    }
}

#[test]
fn numbers_as_strings_and_booleans_as_numbers() {
    let body = br#"[
        {"id": "77", "user_id": "5", "voice_id": "8", "language_id": 2.0, "is_webhook_active": 1},
        {"id": 78.0, "is_webhook_active": "0"},
        {"id": 79, "is_webhook_active": "1"},
        {"id": 80, "is_webhook_active": 0},
        {"id": 81, "is_webhook_active": "true"},
        {"id": 82, "is_webhook_active": 7},
        {"id": "abc-uuid", "is_webhook_active": "maybe"}
    ]"#;
    let list = decode_assistants(body).unwrap().assistants;
    let ids: Vec<_> = list.iter().map(|a| a.id.clone().unwrap()).collect();
    assert_eq!(ids, ["77", "78", "79", "80", "81", "82", "abc-uuid"]);
    let flags: Vec<_> = list.iter().map(|a| a.is_webhook_active).collect();
    assert_eq!(
        flags,
        [
            Some(true),
            Some(false),
            Some(true),
            Some(false),
            Some(true),
            None,
            None
        ]
    );
    assert_eq!(list[0].voice_id.as_deref(), Some("8"));
    assert_eq!(list[0].language_id.as_deref(), Some("2"));
}

#[test]
fn variables_as_object_empty_array_null_or_list() {
    let body = br#"[
        {"id": 1, "variables": {"a": "x", "n": 5, "b": true, "o": {"k":[1]}, "z": null, "e": "a\"b\u00e9"}},
        {"id": 2, "variables": []},
        {"id": 3, "variables": null},
        {"id": 4, "variables": ["first", "second"]},
        {"id": 5, "variables": "oops"},
        {"id": 6}
    ]"#;
    let list = decode_assistants(body).unwrap().assistants;
    assert_eq!(
        list[0].variables,
        vars(&[
            ("a", "x"),
            ("n", "5"),
            ("b", "true"),
            ("o", r#"{"k":[1]}"#),
            ("z", ""),
            ("e", "a\"bé"),
        ])
    );
    for a in &list[1..] {
        if a.id.as_deref() == Some("4") {
            assert_eq!(a.variables, vars(&[("0", "first"), ("1", "second")]));
        } else {
            assert!(a.variables.is_empty(), "{:?}", a.id);
        }
    }
}

#[test]
fn missing_null_and_mistyped_fields_become_unknown() {
    let body = br#"[
        {},
        {"id": null, "name": null, "mode": null, "status": null, "timezone": null, "created_at": null},
        {"id": {"nested": 1}, "name": ["a"], "mode": 3, "status": false, "unknown_field": {"deep": [1, 2]}}
    ]"#;
    let list = decode_assistants(body).unwrap().assistants;
    assert_eq!(list.len(), 3);
    assert_eq!(list[0], Assistant::default());
    assert_eq!(list[1], Assistant::default());
    assert_eq!(list[2].id, None);
    assert_eq!(list[2].name, None);
    assert_eq!(list[2].mode.as_deref(), Some("3"));
    assert_eq!(list[2].status.as_deref(), Some("false"));
}

#[test]
fn unknown_mode_and_status_are_kept_as_text() {
    let body = br#"[{"id": 1, "mode": "realtime-v2", "status": "Paused"}]"#;
    let a = &decode_assistants(body).unwrap().assistants[0];
    assert_eq!(a.mode.as_deref(), Some("realtime-v2"));
    assert_eq!(a.status.as_deref(), Some("Paused"));
}

#[test]
fn a_mixed_array_skips_and_counts_only_the_broken_items() {
    let body = br#"[
        {"id": 1, "name": "first"},
        42,
        "not an assistant",
        null,
        [1, 2],
        {"id": 2, "name": "second"},
        true
    ]"#;
    let decoded = decode_assistants(body).unwrap();
    let names: Vec<_> = decoded
        .assistants
        .iter()
        .map(|a| a.name.clone().unwrap())
        .collect();
    assert_eq!(names, ["first", "second"]);
    assert_eq!(decoded.gaps.skipped as usize, 5);
}

#[test]
fn timestamps_in_the_forms_seen_and_unreadable_ones_kept_raw() {
    let cases: &[(&str, Option<i64>)] = &[
        ("2025-07-15T14:32:15.000000Z", Some(1_752_589_935_000)),
        ("2025-07-15T14:32:15Z", Some(1_752_589_935_000)),
        ("2025-07-15T16:32:15+02:00", Some(1_752_589_935_000)),
        ("2025-07-15 14:32:15", Some(1_752_589_935_000)),
        ("2025-07-15T14:32:15", Some(1_752_589_935_000)),
        ("2025-07-15 14:32:15.123", Some(1_752_589_935_123)),
        ("2025-07-15", Some(1_752_537_600_000)),
        ("1752589935", Some(1_752_589_935_000)),
        ("1752589935000", Some(1_752_589_935_000)),
        ("yesterday", None),
        ("2025-13-45T99:99:99Z", None),
        ("", None),
    ];
    for (raw, expected) in cases {
        let body = format!(
            r#"[{{"created_at": {}}}]"#,
            serde_json::to_string(raw).unwrap()
        );
        let a = &decode_assistants(body.as_bytes()).unwrap().assistants[0];
        let stamp = a.created_at.as_ref().unwrap();
        assert_eq!(stamp.raw, *raw);
        assert_eq!(stamp.epoch_ms, *expected, "{raw}");
    }
    // A number is read as Unix seconds too.
    let a = &decode_assistants(br#"[{"updated_at": 1752589935}]"#)
        .unwrap()
        .assistants[0];
    assert_eq!(
        a.updated_at.as_ref().unwrap().epoch_ms,
        Some(1_752_589_935_000)
    );
}

#[test]
fn duplicate_keys_take_the_last_value() {
    let a = &decode_assistants(br#"[{"name": "a", "name": "b"}]"#)
        .unwrap()
        .assistants[0];
    assert_eq!(a.name.as_deref(), Some("b"));
}

#[test]
fn bodies_without_a_list_are_unreadable() {
    for body in [
        &b""[..],
        b"   ",
        b"42",
        b"\"text\"",
        b"null",
        b"{}",
        b"{\"data\": 5}",
        b"{\"message\": \"ok\"}",
        b"[{\"id\": 1}",
        b"[1] trailing",
        b"\xff\xfe[]",
    ] {
        // The error type is the kind: the body is unreadable.
        let error: roster_core::Unreadable = decode_assistants(body).unwrap_err();
        assert!(
            !error.to_string().is_empty(),
            "{:?}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn an_empty_list_is_an_empty_roster() {
    for body in [&b"[]"[..], b"{\"data\": []}", b"{\"assistants\": []}"] {
        let decoded = decode_assistants(body).unwrap();
        assert!(decoded.assistants.is_empty());
        assert_eq!(decoded.gaps.skipped as usize, 0);
    }
}

#[test]
fn the_sample_account_decodes_with_every_case_it_shows_off() {
    let decoded = decode_assistants(include_bytes!(
        "../../../src-tauri/sample/sample-assistants.json"
    ))
    .unwrap();
    assert_eq!(decoded.gaps.skipped as usize, 0);
    let list = decoded.assistants;
    assert_eq!(list.len(), 13);
    // It starts with the two documented assistants, verbatim.
    assert_eq!(list[..2], documented_pair()[..]);
    let has = |f: &dyn Fn(&Assistant) -> bool| list.iter().any(f);
    assert!(has(&|a| a
        .name
        .as_deref()
        .is_some_and(|n| n.contains("София"))));
    assert!(has(&|a| a
        .name
        .as_deref()
        .is_some_and(|n| n.contains("دبي"))));
    assert!(has(&|a| a
        .name
        .as_deref()
        .is_some_and(|n| n.contains('🚀'))));
    assert!(has(&|a| a.mode.as_deref() == Some("realtime-v2")));
    assert!(has(&|a| a.status.as_deref() == Some("paused")));
    assert!(has(&|a| a.timezone.as_deref() == Some("Mars/Olympus_Mons")));
    assert!(has(&|a| a.is_webhook_active == Some(true)));
    assert!(has(&|a| a.is_webhook_active == Some(false)));
    assert!(has(&|a| a
        .system_prompt
        .as_ref()
        .is_some_and(|p| p.len() > 1500)));
}

#[test]
fn a_list_past_the_cap_is_read_to_the_cap_and_says_so() {
    use roster_core::MAX_ASSISTANTS;
    // Tens of millions of tiny items are the cheapest way to make a lot of work: stop at the cap.
    let mut body = b"[".to_vec();
    for i in 0..MAX_ASSISTANTS + 5 {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(if i % 2 == 0 { b"{}" } else { b"1" });
    }
    // What follows the cap is not read, so not even a broken end stops the answer.
    body.extend_from_slice(b", oops");
    let decoded = decode_assistants(&body).unwrap();
    assert_eq!(decoded.assistants.len(), MAX_ASSISTANTS / 2);
    assert_eq!(decoded.gaps.skipped as usize, MAX_ASSISTANTS / 2);
    assert_eq!(decoded.gaps.over_limit, Some(MAX_ASSISTANTS as u32));
    assert!(!decoded.gaps.is_complete());
}

#[test]
fn an_assistant_too_large_is_left_out_and_counted_the_others_stay() {
    use roster_core::{MAX_ITEM_BYTES, MAX_VARIABLES};
    let huge = "x".repeat(MAX_ITEM_BYTES);
    let many: Vec<String> = (0..=MAX_VARIABLES).map(|i| format!("\"v{i}\":1")).collect();
    let body = format!(
        r#"[{{"id":"a"}},{{"id":"big","system_prompt":"{huge}"}},{{"id":"vars","variables":{{{}}}}},{{"id":"b","variables":{{{}}}}}]"#,
        many.join(","),
        many[..MAX_VARIABLES].join(",")
    );
    let decoded = decode_assistants(body.as_bytes()).unwrap();
    let ids: Vec<_> = decoded
        .assistants
        .iter()
        .map(|a| a.id.as_deref().unwrap())
        .collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(decoded.assistants[1].variables.len(), MAX_VARIABLES);
    assert_eq!(decoded.gaps.too_large, 2);
    assert_eq!(decoded.gaps.skipped, 0);
}

#[test]
fn a_paginator_envelope_marks_the_list_as_maybe_incomplete() {
    let complete = [
        r#"[{"id":1}]"#,
        r#"{"data":[{"id":1}],"total":1,"next_page_url":null}"#,
        r#"{"data":{"data":[{"id":1},{"id":2}],"current_page":1,"last_page":1,"total":"2"}}"#,
        r#"{"data":[{"id":1}],"links":{"next":null},"meta":{"total":1}}"#,
        // A `links` array (Laravel's page links) is not a list of assistants nor a next page.
        r#"{"data":[{"id":1}],"links":[{"url":null}]}"#,
    ];
    for body in complete {
        let decoded = decode_assistants(body.as_bytes()).unwrap();
        assert!(decoded.gaps.is_complete(), "{body}");
    }
    let partial = [
        r#"{"data":[{"id":1}],"next_page_url":"https://x.example/api?page=2"}"#,
        r#"{"data":{"data":[{"id":1}],"current_page":1,"last_page":3}}"#,
        r#"{"data":[{"id":1}],"total":250}"#,
        r#"{"data":[{"id":1}],"links":{"next":"https://x.example/api?page=2"}}"#,
        r#"{"data":[{"id":1}],"meta":{"total":9}}"#,
    ];
    for body in partial {
        let decoded = decode_assistants(body.as_bytes()).unwrap();
        assert_eq!(decoded.assistants.len(), 1, "{body}");
        assert!(decoded.gaps.more_pages, "{body}");
    }
}
