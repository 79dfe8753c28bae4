//! The assistants as the app understands them, and the tolerant decoder that gets them out of
//! whatever a Sondos-family server sends.
//!
//! White labels drift from the docs, so decoding is lenient field by field and item by item:
//! the body may be a bare array, `{"data": [...]}` or `{"assistants": [...]}`; numbers may be
//! strings and booleans 0/1; a field of an unexpected type becomes "unknown" (`None`) instead of
//! failing the item; an item that is not an object is skipped and counted. Only a body that is not
//! JSON at all, or holds no list, is an error. One pass, no intermediate `serde_json::Value` tree.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::error::Error;

/// One outbound assistant. Every field is optional: a missing, null or mistyped value is `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assistant {
    pub id: Option<String>,
    pub user_id: Option<String>,
    pub name: Option<String>,
    /// The `type` field ("outbound").
    pub kind: Option<String>,
    /// `pipeline`, `multimodal`, or whatever else a platform says, kept as sent.
    pub mode: Option<String>,
    /// `active`, `inactive`, or whatever else a platform says, kept as sent.
    pub status: Option<String>,
    pub voice_id: Option<String>,
    pub language_id: Option<String>,
    /// An IANA zone as sent; it may be invalid, which the page checks with `Intl`.
    pub timezone: Option<String>,
    pub initial_message: Option<String>,
    pub system_prompt: Option<String>,
    /// Custom variables in the order sent; non-string values as compact JSON text.
    pub variables: Vec<(String, String)>,
    pub webhook_url: Option<String>,
    pub is_webhook_active: Option<bool>,
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
}

/// A timestamp as sent, and the instant it stands for when it could be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timestamp {
    pub raw: String,
    /// Milliseconds since the Unix epoch, UTC. `None` when `raw` could not be read.
    pub epoch_ms: Option<i64>,
}

/// What one decoded body holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decoded {
    pub assistants: Vec<Assistant>,
    /// Items of the list that were not objects and so could not be read as assistants.
    pub skipped: usize,
}

/// Decodes a response body of the outbound endpoint.
pub fn decode_assistants(body: &[u8]) -> Result<Decoded, Error> {
    let (assistants, skipped) = decode_assistants_into::<Assistant>(body)?;
    Ok(Decoded {
        assistants,
        skipped,
    })
}

/// Decodes a response body of the outbound endpoint, turning each assistant into a `T` as soon
/// as it is read, so a whole list of assistants is never held at once; also answers how many
/// items were skipped.
pub fn decode_assistants_into<T: From<Assistant>>(body: &[u8]) -> Result<(Vec<T>, usize), Error> {
    let text = body_text(body);
    let items: Vec<Mapped<T>> = list_items(&text)?;
    let mut skipped = 0;
    let mapped = items
        .into_iter()
        .filter_map(|item| match item {
            Mapped::Assistant(value) => Some(value),
            Mapped::NotAnObject => {
                skipped += 1;
                None
            }
        })
        .collect();
    Ok((mapped, skipped))
}

/// An item of the list read as an [`Item`] and turned at once into a `T`.
enum Mapped<T> {
    Assistant(T),
    NotAnObject,
}

impl<'de, T: From<Assistant>> Deserialize<'de> for Mapped<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Item::deserialize(deserializer)? {
            Item::Assistant(assistant) => Mapped::Assistant(T::from(*assistant)),
            Item::NotAnObject => Mapped::NotAnObject,
        })
    }
}

/// The JSON of the assistant at `position` among those [`decode_assistants`] returns for the
/// same body, exactly as the platform sent it (pretty-printed), for support tickets.
pub fn raw_assistant(body: &[u8], position: usize) -> Option<String> {
    let text = body_text(body);
    let items: Vec<RawItem> = list_items(&text).ok()?;
    let raw = items.into_iter().filter_map(|item| item.0).nth(position)?;
    Some(match serde_json::from_str::<serde_json::Value>(raw.get()) {
        Ok(value) => serde_json::to_string_pretty(&value).unwrap_or_else(|_| raw.get().to_owned()),
        Err(_) => raw.get().to_owned(),
    })
}

/// The assistant at `position` among those [`decode_assistants`] returns for the same body,
/// decoded alone (for the detail view, without decoding the whole list).
pub fn decode_assistant_at(body: &[u8], position: usize) -> Option<Assistant> {
    let text = body_text(body);
    let items: Vec<RawItem> = list_items(&text).ok()?;
    let raw = items.into_iter().filter_map(|item| item.0).nth(position)?;
    match serde_json::from_str::<Item>(raw.get()).ok()? {
        Item::Assistant(assistant) => Some(*assistant),
        Item::NotAnObject => None,
    }
}

/// The body as text: without a byte order mark (legal in the wild, not in JSON), and with any
/// broken byte sequence repaired to U+FFFD, so one bad byte does not hide every assistant.
fn body_text(body: &[u8]) -> std::borrow::Cow<'_, str> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    match std::str::from_utf8(body) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(body),
    }
}

/// The items of the list in a body, each read as a `T`.
fn list_items<'de, T: Deserialize<'de>>(text: &'de str) -> Result<Vec<T>, Error> {
    let unreadable = |e: serde_json::Error| Error::Unreadable {
        detail: describe_json_error(&e),
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let items = EnvelopeSeed::<T>::at(0)
        .deserialize(&mut deserializer)
        .map_err(unreadable)?;
    deserializer.end().map_err(unreadable)?;
    items.ok_or_else(|| Error::Unreadable {
        detail: "the answer holds no list of assistants".to_owned(),
    })
}

/// Decodes a lookup list (`/user/assistants/voices` or `/languages`): `{id, name, ...}` items,
/// as a bare array or wrapped like the outbound list; items without an id are left out.
pub fn decode_names(body: &[u8]) -> Result<Vec<(String, String)>, Error> {
    let text = body_text(body);
    let items: Vec<Item> = list_items(&text)?;
    Ok(items
        .into_iter()
        .filter_map(|item| match item {
            Item::Assistant(a) => Some((a.id?, a.name.unwrap_or_default())),
            Item::NotAnObject => None,
        })
        .collect())
}

/// An item of the list as sent, if it is an object (the items [`Item`] reads as assistants).
struct RawItem<'de>(Option<&'de RawValue>);

impl<'de> Deserialize<'de> for RawItem<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = <&RawValue>::deserialize(deserializer)?;
        Ok(RawItem(raw.get().starts_with('{').then_some(raw)))
    }
}

fn describe_json_error(error: &serde_json::Error) -> String {
    // serde_json's messages name a line and column, never the content, so they are safe to show.
    error.to_string()
}

/// The body: a list, or an object with the list under `data` or `assistants` (one level of
/// nesting more is accepted, as in `{"data": {"data": [...]}}`). `None`: no list anywhere.
struct EnvelopeSeed<T> {
    depth: u8,
    items: std::marker::PhantomData<T>,
}

impl<T> EnvelopeSeed<T> {
    fn at(depth: u8) -> Self {
        EnvelopeSeed {
            depth,
            items: std::marker::PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for EnvelopeSeed<T> {
    type Value = Option<Vec<T>>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for EnvelopeSeed<T> {
    type Value = Option<Vec<T>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of assistants")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element::<T>()? {
            items.push(item);
        }
        Ok(Some(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<Key>()? {
            let is_list_key = matches!(key.0.as_str(), "data" | "assistants");
            if is_list_key && found.is_none() && self.depth < 2 {
                found = map.next_value_seed(EnvelopeSeed::<T>::at(self.depth + 1))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// The names of the fields the decoder reads; anything else is skipped without allocating.
enum Field {
    Id,
    UserId,
    Name,
    Type,
    Mode,
    Status,
    VoiceId,
    LanguageId,
    Timezone,
    InitialMessage,
    SystemPrompt,
    Variables,
    WebhookUrl,
    IsWebhookActive,
    CreatedAt,
    UpdatedAt,
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Field, E> {
                Ok(match name {
                    "id" => Field::Id,
                    "user_id" => Field::UserId,
                    "name" => Field::Name,
                    "type" => Field::Type,
                    "mode" => Field::Mode,
                    "status" => Field::Status,
                    "voice_id" => Field::VoiceId,
                    "language_id" => Field::LanguageId,
                    "timezone" => Field::Timezone,
                    "initial_message" => Field::InitialMessage,
                    "system_prompt" => Field::SystemPrompt,
                    "variables" => Field::Variables,
                    "webhook_url" => Field::WebhookUrl,
                    "is_webhook_active" => Field::IsWebhookActive,
                    "created_at" => Field::CreatedAt,
                    "updated_at" => Field::UpdatedAt,
                    _ => Field::Other,
                })
            }
        }
        deserializer.deserialize_identifier(FieldVisitor)
    }
}

/// A key of the envelope object; only its text matters.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Key)
    }
}

/// One element of the list: an assistant, or something that is not an object.
enum Item {
    Assistant(Box<Assistant>),
    NotAnObject,
}

/// Generates the visitor methods that answer "not what we read here" for a kind of value:
/// scalars give the default, arrays and objects are drained so the parser stays in step.
macro_rules! accept_anything_else {
    ($default:expr; $($skip:ident),*) => {
        $(accept_anything_else!(@one $skip, $default);)*
    };
    (@one bool, $d:expr) => { fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> { Ok($d) } };
    (@one i64, $d:expr) => { fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> { Ok($d) } };
    (@one u64, $d:expr) => { fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> { Ok($d) } };
    (@one f64, $d:expr) => { fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> { Ok($d) } };
    (@one str, $d:expr) => { fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> { Ok($d) } };
    (@one unit, $d:expr) => { fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> { Ok($d) } };
    (@one seq, $d:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok($d)
        }
    };
    (@one map, $d:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok($d)
        }
    };
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = Item;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an assistant")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
                let mut a = Assistant::default();
                while let Some(field) = map.next_key::<Field>()? {
                    match field {
                        Field::Id => a.id = map.next_value::<Text>()?.0,
                        Field::UserId => a.user_id = map.next_value::<Text>()?.0,
                        Field::Name => a.name = map.next_value::<Text>()?.0,
                        Field::Type => a.kind = map.next_value::<Text>()?.0,
                        Field::Mode => a.mode = map.next_value::<Text>()?.0,
                        Field::Status => a.status = map.next_value::<Text>()?.0,
                        Field::VoiceId => a.voice_id = map.next_value::<Text>()?.0,
                        Field::LanguageId => a.language_id = map.next_value::<Text>()?.0,
                        Field::Timezone => a.timezone = map.next_value::<Text>()?.0,
                        Field::InitialMessage => a.initial_message = map.next_value::<Text>()?.0,
                        Field::SystemPrompt => a.system_prompt = map.next_value::<Text>()?.0,
                        Field::Variables => a.variables = map.next_value::<Variables>()?.0,
                        Field::WebhookUrl => a.webhook_url = map.next_value::<Text>()?.0,
                        Field::IsWebhookActive => a.is_webhook_active = map.next_value::<Flag>()?.0,
                        Field::CreatedAt => {
                            a.created_at = map.next_value::<Text>()?.0.map(Timestamp::parse)
                        }
                        Field::UpdatedAt => {
                            a.updated_at = map.next_value::<Text>()?.0.map(Timestamp::parse)
                        }
                        Field::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Item::Assistant(Box::new(a)))
            }
            accept_anything_else!(Item::NotAnObject; bool, i64, u64, f64, str, unit, seq);
        }
        deserializer.deserialize_any(ItemVisitor)
    }
}

/// Text from a string, number or boolean; `None` for null, arrays and objects.
struct Text(Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(Some(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(Some(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                // 123.0 is the id 123, not "123.0".
                let integral = v.fract() == 0.0 && v.abs() < 9.0e15;
                Ok(Text(Some(if integral {
                    format!("{}", v as i64)
                } else {
                    v.to_string()
                })))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            accept_anything_else!(Text(None); unit, seq, map);
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// A boolean from `true`/`false`, 0/1, or their text forms; `None` for anything else.
struct Flag(Option<bool>);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagVisitor;
        impl<'de> Visitor<'de> for FlagVisitor {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(Some(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Flag, E> {
                Ok(Flag(match v {
                    0 => Some(false),
                    1 => Some(true),
                    _ => None,
                }))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Flag, E> {
                self.visit_i64(v.min(2) as i64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Flag, E> {
                Ok(Flag(if v == 0.0 {
                    Some(false)
                } else if v == 1.0 {
                    Some(true)
                } else {
                    None
                }))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                let v = v.trim();
                let is = |word: &str| v.eq_ignore_ascii_case(word);
                Ok(Flag(if is("1") || is("true") || is("yes") || is("on") {
                    Some(true)
                } else if is("0") || is("false") || is("no") || is("off") {
                    Some(false)
                } else {
                    None
                }))
            }
            accept_anything_else!(Flag(None); unit, seq, map);
        }
        deserializer.deserialize_any(FlagVisitor)
    }
}

/// `variables`: an object of name to value. PHP sends an empty object as `[]`, and a list as
/// an array, whose positions become the names. Non-text values are kept as the JSON sent.
struct Variables(Vec<(String, String)>);

impl<'de> Deserialize<'de> for Variables {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct VariablesVisitor;
        impl<'de> Visitor<'de> for VariablesVisitor {
            type Value = Variables;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("variables")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Variables, A::Error> {
                let mut out = Vec::new();
                while let Some((Key(name), value)) = map.next_entry::<Key, Box<RawValue>>()? {
                    out.push((name, value_text(&value)));
                }
                Ok(Variables(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Variables, A::Error> {
                let mut out = Vec::new();
                while let Some(value) = seq.next_element::<Box<RawValue>>()? {
                    out.push((out.len().to_string(), value_text(&value)));
                }
                Ok(Variables(out))
            }
            accept_anything_else!(Variables(Vec::new()); bool, i64, u64, f64, str, unit);
        }
        deserializer.deserialize_any(VariablesVisitor)
    }
}

/// A variable's value as text: strings unescaped, null empty, anything else as the JSON sent.
/// Raw values are captured without recursion, so no nesting depth can fail the whole list.
fn value_text(value: &RawValue) -> String {
    let json = value.get();
    match json.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<String>(json).unwrap_or_else(|_| json.to_owned()),
        Some(b'n') => String::new(),
        _ => json.to_owned(),
    }
}

impl Timestamp {
    /// Reads the forms seen from these platforms. Without an offset the time is UTC, as the API
    /// documents. What cannot be read keeps its text and no instant.
    pub fn parse(raw: String) -> Timestamp {
        let epoch_ms = parse_instant(raw.trim());
        Timestamp { raw, epoch_ms }
    }
}

fn parse_instant(text: &str) -> Option<i64> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.timestamp_millis());
    }
    for format in ["%Y-%m-%d %H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M:%S%.f%#z"] {
        if let Ok(at) = DateTime::parse_from_str(text, format) {
            return Some(at.timestamp_millis());
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return Some(at.and_utc().timestamp_millis());
        }
    }
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return day
            .and_hms_opt(0, 0, 0)
            .map(|at| at.and_utc().timestamp_millis());
    }
    // Unix time: seconds (10 digits today) or milliseconds (13).
    if !text.is_empty() && text.len() <= 13 && text.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = text.parse().ok()?;
        return Some(if text.len() >= 12 {
            n
        } else {
            n.checked_mul(1000)?
        });
    }
    None
}
