//! Properties of the decoder: no byte input makes it panic, and valid assistants round-trip.

use proptest::prelude::*;
use roster_core::OpenList;
use roster_core::{decode_assistants, Assistant, Timestamp};
use serde_json::{json, Map, Value};

/// Any JSON value, nested a few levels, with the field names the decoder looks for mixed in.
fn any_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("id".to_owned()),
        Just("name".to_owned()),
        Just("variables".to_owned()),
        Just("is_webhook_active".to_owned()),
        Just("created_at".to_owned()),
        Just("data".to_owned()),
        Just("assistants".to_owned()),
        "[a-z_]{0,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,20}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A valid assistant, and the JSON a platform would send for it.
fn assistant() -> impl Strategy<Value = (Assistant, Value)> {
    let text = || proptest::option::of(".{0,40}");
    let id = || proptest::option::of(0u64..10_000_000);
    (
        (id(), id(), text(), text(), text(), text(), id(), id()),
        (text(), text(), text(), prop::collection::vec(("[a-z_]{1,10}", ".{0,20}"), 0..4)),
        (text(), proptest::option::of(any::<bool>()), proptest::option::of(0i64..4_102_444_800)),
    )
        .prop_map(|((id, user_id, name, kind, mode, status, voice, language), (zone, greeting, prompt, vars), (hook, active, at))| {
            // Variable names are unique in a JSON object; serde_json writes them sorted, and the
            // decoder keeps the order sent.
            let mut variables: Vec<(String, String)> = Vec::new();
            for (k, v) in vars {
                if !variables.iter().any(|(known, _)| known == &k) {
                    variables.push((k, v));
                }
            }
            variables.sort();
            let raw = at.map(|secs| chrono::DateTime::from_timestamp(secs, 0).unwrap().format("%Y-%m-%dT%H:%M:%S.000000Z").to_string());
            #[allow(clippy::needless_update)] // complete today; a field added later is unknown
            let expected = Assistant {
                id: id.map(|n| n.to_string()),
                user_id: user_id.map(|n| n.to_string()),
                name: name.clone(),
                kind: kind.clone(),
                mode: mode.clone(),
                status: status.clone(),
                voice_id: voice.map(|n| n.to_string()),
                language_id: language.map(|n| n.to_string()),
                timezone: zone.clone(),
                initial_message: greeting.clone(),
                system_prompt: prompt.clone(),
                variables: variables.clone(),
                webhook_url: hook.clone(),
                is_webhook_active: active,
                created_at: raw.clone().map(|raw| Timestamp { raw, epoch_ms: at.map(|s| s * 1000) }),
                updated_at: None,
                // A field added to the model is unknown here, as in the JSON sent.
                ..Default::default()
            };
            let sent = json!({
                "id": id, "user_id": user_id, "name": name, "type": kind, "mode": mode, "status": status,
                "voice_id": voice, "language_id": language, "timezone": zone, "initial_message": greeting,
                "system_prompt": prompt,
                "variables": variables.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect::<Map<_, _>>(),
                "webhook_url": hook, "is_webhook_active": active, "created_at": raw,
            });
            (expected, sent)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_bytes_make_it_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode_assistants(&bytes);
    }

    #[test]
    fn no_json_makes_it_panic(value in any_json()) {
        let _ = decode_assistants(value.to_string().as_bytes());
        let _ = decode_assistants(json!({ "data": [value] }).to_string().as_bytes());
    }

    #[test]
    fn valid_assistants_round_trip(items in prop::collection::vec(assistant(), 0..6), wrap in 0..3u8) {
        let (expected, sent): (Vec<Assistant>, Vec<Value>) = items.into_iter().unzip();
        let body = match wrap {
            0 => Value::Array(sent),
            1 => json!({ "data": sent }),
            _ => json!({ "assistants": sent }),
        };
        let decoded = decode_assistants(body.to_string().as_bytes()).unwrap();
        prop_assert_eq!(decoded.gaps.skipped as usize, 0);
        prop_assert_eq!(&decoded.assistants, &expected);

        // The open list built from the same body: a card per assistant with its name, the whole
        // assistant back by position, and a search by (a piece of) each name finding it.
        let opened = OpenList::open(roster_core::Body::shared(body.to_string().into_bytes())).unwrap();
        prop_assert_eq!(opened.cards.len(), expected.len());
        for (position, a) in expected.iter().enumerate() {
            prop_assert_eq!(&opened.cards[position].name, &a.name);
            prop_assert_eq!(opened.list.assistant(position), Some(a.clone()));
            if let Some(piece) = a.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                prop_assert_eq!(opened.list.search(piece)[position], 1, "{}", piece);
                // Any case, wherever lower-casing relates the two (not so `ß`, whose upper case
                // is `SS`, or the dotless `ı`, whose upper case is `I`).
                let upper = piece.to_uppercase();
                if upper.to_lowercase() == piece.to_lowercase() {
                    prop_assert_eq!(opened.list.search(&upper)[position], 1, "{}", upper);
                }
            }
        }
    }

    #[test]
    fn no_json_or_query_makes_the_open_list_panic(value in any_json(), query in "\\PC{0,8}") {
        for body in [value.to_string(), json!({ "data": [value] }).to_string()] {
            if let Ok(opened) = OpenList::open(roster_core::Body::shared(body.into_bytes())) {
                let flags = opened.list.search(&query);
                prop_assert_eq!(flags.len(), opened.cards.len());
                for position in 0..=opened.cards.len() {
                    let _ = opened.list.assistant(position);
                    let _ = opened.list.raw(position);
                }
            }
        }
    }
}
