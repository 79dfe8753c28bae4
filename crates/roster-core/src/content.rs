//! An assistant's content, told apart from how it was written. The review memory stores each
//! version of an assistant once, addressed by the hash of its canonical form; marks and backups
//! match on that hash, so its definition is versioned ([`CONTENT_VERSION`]) and never changed in
//! place.
//!
//! Canonical form, version 1, of one item (a JSON object as the platform sent it):
//! - object members sorted by name (bytewise); members whose value is `null` left out (the app
//!   reads a null field as a missing one); the last of repeated names wins;
//! - `true` and `false` written `1` and `0`;
//! - an empty array and an empty object both written `{}` (PHP sends an empty map as `[]`);
//! - a string that is a number in its shortest form (`"8"`, `"-2"`, `"0.5"`, not `"08"` or
//!   `"8.0"`) written as that number; a number written in its shortest form (`8.0` as `8`);
//! - other strings written as JSON strings (serde_json's escaping), arrays in order, no spaces.
//!
//! The hash is SHA-256 of those bytes. Every field counts, the ones the app does not know yet
//! too: a change in any of them is a new version.

use std::fmt::Write as _;

use serde_json::{Map, Number, Value};
use sha2::{Digest, Sha256};

use crate::body::Body;

/// The version of the canonical form and its hash; stored next to every hash.
pub const CONTENT_VERSION: u32 = 1;

/// One assistant's content in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    /// The assistant's id in canonical form (`7` and `"7"` alike), `None` when it has none.
    pub id: Option<String>,
    /// SHA-256 of [`canonical`](Self::canonical).
    pub hash: [u8; 32],
    /// The canonical JSON text.
    pub canonical: String,
}

/// Which version of which assistant an item is: its id and content hash, without the canonical
/// text (10,000 of those are 25 MB; the review memory reads a text only for a version it lacks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The assistant's id in canonical form, `None` when it has none.
    pub id: Option<String>,
    /// SHA-256 of its canonical form.
    pub hash: [u8; 32],
}

impl From<Content> for Version {
    fn from(content: Content) -> Version {
        Version {
            id: content.id,
            hash: content.hash,
        }
    }
}

/// The canonical form of one item, `None` when it is not a JSON object.
pub fn content_of(item: &str) -> Option<Content> {
    let Value::Object(map) = serde_json::from_str::<Value>(item).ok()? else {
        return None;
    };
    let id = match map.get("id") {
        None | Some(Value::Null) => None,
        Some(value) => {
            let mut text = String::new();
            write_value(&mut text, value);
            // An id written as a JSON string is shown without its quotes.
            Some(match serde_json::from_str::<String>(&text) {
                Ok(unquoted) => unquoted,
                Err(_) => text,
            })
        }
    };
    let mut canonical = String::with_capacity(item.len());
    write_object(&mut canonical, &map);
    let hash = Sha256::digest(canonical.as_bytes()).into();
    Some(Content {
        id,
        hash,
        canonical,
    })
}

fn write_object(out: &mut String, map: &Map<String, Value>) {
    let mut members: Vec<(&String, &Value)> = map.iter().filter(|(_, v)| !v.is_null()).collect();
    if members.is_empty() {
        out.push_str("{}");
        return;
    }
    members.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    out.push('{');
    for (i, (name, value)) in members.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, name);
        out.push(':');
        write_value(out, value);
    }
    out.push('}');
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push(if *flag { '1' } else { '0' }),
        Value::Number(number) => write_number(out, number),
        Value::String(text) => match shortest_number(text) {
            Some(number) => out.push_str(number),
            None => write_string(out, text),
        },
        Value::Array(items) if items.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => write_object(out, map),
    }
}

/// Integers as they are; a float with no fraction below 2^53 as an integer; others as
/// serde_json writes them (the shortest text that reads back the same).
fn write_number(out: &mut String, number: &Number) {
    if number.is_i64() || number.is_u64() {
        let _ = write!(out, "{number}");
    } else if let Some(float) = number.as_f64() {
        if float.fract() == 0.0 && float.abs() < 9_007_199_254_740_992.0 {
            let _ = write!(out, "{}", float as i64);
        } else {
            let _ = write!(out, "{number}");
        }
    }
}

/// `text` when it is a number in the form [`write_number`] gives: `-?(0|[1-9][0-9]*)` with an
/// optional fraction that does not end in 0.
fn shortest_number(text: &str) -> Option<&str> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let whole_ok = whole == "0"
        || (!whole.is_empty()
            && !whole.starts_with('0')
            && whole.bytes().all(|b| b.is_ascii_digit()));
    let fraction_ok = fraction.is_none_or(|f| {
        !f.is_empty() && !f.ends_with('0') && f.bytes().all(|b| b.is_ascii_digit())
    });
    let negative_zero = text.starts_with('-') && whole == "0" && fraction.is_none();
    (whole_ok && fraction_ok && !negative_zero).then_some(text)
}

fn write_string(out: &mut String, text: &str) {
    out.push_str(&serde_json::to_string(text).expect("a string always serializes"));
}

/// SHA-256 of a body as sent, to tell an unchanged one quickly; read a stretch at a time.
pub fn digest(body: &Body) -> [u8; 32] {
    let mut hasher = Sha256::new();
    body.read_through(|stretch| hasher.update(stretch));
    hasher.finalize().into()
}

/// The hash as lower-case hex, as shown for support and written in backups.
pub fn hash_hex(hash: &[u8; 32]) -> String {
    hash.iter()
        .fold(String::with_capacity(64), |mut out, byte| {
            let _ = write!(out, "{byte:02x}");
            out
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(item: &str) -> String {
        content_of(item).unwrap().canonical
    }

    #[test]
    fn the_same_content_however_it_is_written() {
        let forms = [
            r#"{"id":8,"name":"Ana","is_webhook_active":1,"variables":{},"voice_id":"12","x":null}"#,
            r#"{ "voice_id": 12, "variables": [], "name": "Ana", "id": "8", "is_webhook_active": true }"#,
            "{\n  \"is_webhook_active\": true,\n  \"id\": 8.0,\n  \"name\": \"Ana\",\n  \"voice_id\": \"12\"\n,\"variables\":[]}",
        ];
        let hashes: Vec<_> = forms.iter().map(|f| content_of(f).unwrap().hash).collect();
        assert!(
            hashes.windows(2).all(|pair| pair[0] == pair[1]),
            "{forms:?}"
        );
        assert_eq!(
            canonical(forms[0]),
            r#"{"id":8,"is_webhook_active":1,"name":"Ana","variables":{},"voice_id":12}"#
        );
        assert_eq!(content_of(forms[1]).unwrap().id.as_deref(), Some("8"));
    }

    #[test]
    fn a_change_anywhere_is_a_new_version() {
        let base = content_of(r#"{"id":1,"name":"Ana","future_field":{"a":[1,2]}}"#).unwrap();
        for changed in [
            r#"{"id":1,"name":"Ana ","future_field":{"a":[1,2]}}"#,
            r#"{"id":1,"name":"Ana","future_field":{"a":[2,1]}}"#,
            r#"{"id":1,"name":"Ana","future_field":{"a":[1,2],"b":0}}"#,
            r#"{"id":1,"name":"Ana","future_field":{"a":[1,"2x"]}}"#,
            r#"{"id":"01","name":"Ana","future_field":{"a":[1,2]}}"#,
        ] {
            assert_ne!(content_of(changed).unwrap().hash, base.hash, "{changed}");
        }
    }

    #[test]
    fn numbers_in_strings_only_in_their_shortest_form() {
        for (text, number) in [
            ("8", true),
            ("-2", true),
            ("0.5", true),
            ("0", true),
            ("08", false),
            ("8.0", false),
            ("-0", false),
            ("1e3", false),
            (" 8", false),
            ("", false),
            ("-", false),
            ("1.", false),
            ("123456789012345678901234567890", true),
        ] {
            assert_eq!(shortest_number(text).is_some(), number, "{text:?}");
        }
        // Long ids keep every digit, written as a string or as a number.
        let long = "123456789012345678901234567890";
        assert_eq!(
            content_of(&format!(r#"{{"id":"{long}"}}"#))
                .unwrap()
                .id
                .as_deref(),
            Some(long)
        );
    }

    #[test]
    fn only_objects_have_content_and_the_hash_is_sha256_of_the_text() {
        assert!(content_of("[1]").is_none() && content_of("{").is_none());
        let empty = content_of("{}").unwrap();
        assert_eq!(empty.canonical, "{}");
        assert_eq!(
            hash_hex(&empty.hash),
            // sha256("{}")
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
    }
}
