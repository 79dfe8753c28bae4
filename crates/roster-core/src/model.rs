//! The assistant as the app understands it. Its fields are declared once, in [`assistant!`]:
//! the struct, the names the platform sends, how each is read and its export column all come
//! from that one list, so adding a field is one line here (and its label in each locale).

use serde::de::MapAccess;
use serde::Serialize;
use ts_rs::TS;

use crate::decode::{Flag, Lenient, Stamp, Text, Variables};

/// Declares [`Assistant`] and everything that follows its field list. Each line reads
/// `field: Type = "platform_name" via Reader, "English column header";`, in export column order.
macro_rules! assistant {
    ($( $(#[$doc:meta])* $field:ident: $ty:ty = $name:literal via $reader:ident, $header:literal; )*) => {
        /// One outbound assistant. Every field is optional: a missing, null or mistyped value is
        /// unknown (`None`), never a failure of the assistant.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
        #[serde(rename_all = "camelCase")]
        pub struct Assistant {
            $( $(#[$doc])* pub $field: $ty, )*
        }

        /// A field the decoder reads, named after the [`Assistant`] field it fills.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Field {
            $( $field, )*
        }

        impl Field {
            /// The field the platform sends under `name`; `None` for a field the app does not read.
            pub(crate) fn named(name: &str) -> Option<Field> {
                match name {
                    $( $name => Some(Field::$field), )*
                    _ => None,
                }
            }
        }

        impl Assistant {
            /// Reads the value of `field` from `map` into this assistant, leniently.
            pub(crate) fn read<'de, A: MapAccess<'de>>(
                &mut self,
                field: Field,
                map: &mut A,
            ) -> Result<(), A::Error> {
                match field {
                    $( Field::$field => self.$field = map.next_value::<$reader>()?.value(), )*
                }
                Ok(())
            }

            /// Every field in export order: its name on the platform and its value.
            pub(crate) fn fields(&self) -> [(&'static str, FieldValue<'_>); FIELD_COUNT] {
                [ $( ($name, FieldValue::from(&self.$field)), )* ]
            }
        }

        /// The name of each field in Rust (the page gets it in camelCase), in export order.
        pub(crate) const FIELD_NAMES: [&str; FIELD_COUNT] = [$(stringify!($field)),*];

        /// How many fields an assistant has.
        pub(crate) const FIELD_COUNT: usize = [$($name),*].len();

        /// The English column header of each field, in export order.
        pub(crate) const HEADERS: [&str; FIELD_COUNT] = [$($header),*];
    };
}

assistant! {
    /// The platform's id of the assistant.
    id: Option<String> = "id" via Text, "ID";
    /// Its name.
    name: Option<String> = "name" via Text, "Name";
    /// `pipeline`, `multimodal`, or whatever else a platform says, kept as sent.
    mode: Option<String> = "mode" via Text, "Mode";
    /// `active`, `inactive`, or whatever else a platform says, kept as sent.
    status: Option<String> = "status" via Text, "Status";
    /// An IANA zone as sent; it may be invalid, which the page checks with `Intl`.
    timezone: Option<String> = "timezone" via Text, "Time zone";
    /// The voice it speaks with (see the voices lookup).
    voice_id: Option<String> = "voice_id" via Text, "Voice ID";
    /// The language it speaks (see the languages lookup).
    language_id: Option<String> = "language_id" via Text, "Language ID";
    /// The greeting: what the assistant says first.
    initial_message: Option<String> = "initial_message" via Text, "Greeting";
    /// The instructions the assistant follows.
    system_prompt: Option<String> = "system_prompt" via Text, "System prompt";
    /// Custom variables in the order sent; non-string values as compact JSON text.
    variables: Vec<(String, String)> = "variables" via Variables, "Variables";
    /// Where the platform posts call results.
    webhook_url: Option<String> = "webhook_url" via Text, "Webhook URL";
    /// Whether the webhook is on.
    is_webhook_active: Option<bool> = "is_webhook_active" via Flag, "Webhook active";
    /// When it was created.
    created_at: Option<Timestamp> = "created_at" via Stamp, "Created (UTC)";
    /// When it was last changed.
    updated_at: Option<Timestamp> = "updated_at" via Stamp, "Updated (UTC)";
    /// The `type` field ("outbound").
    kind: Option<String> = "type" via Text, "Type";
    /// The platform's id of the account's user.
    user_id: Option<String> = "user_id" via Text, "User ID";
}

/// A timestamp as sent, and the instant it stands for when it could be read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Timestamp {
    /// The text as sent.
    pub raw: String,
    /// Milliseconds since the Unix epoch, UTC. `None` when `raw` could not be read.
    pub epoch_ms: Option<i64>,
}

/// One field's value, for code that treats every field alike (exports).
#[derive(Debug, Clone, Copy)]
pub(crate) enum FieldValue<'a> {
    Text(Option<&'a str>),
    Flag(Option<bool>),
    Pairs(&'a [(String, String)]),
    Time(Option<&'a Timestamp>),
}

impl<'a> From<&'a Option<String>> for FieldValue<'a> {
    fn from(value: &'a Option<String>) -> Self {
        FieldValue::Text(value.as_deref())
    }
}

impl<'a> From<&'a Option<bool>> for FieldValue<'a> {
    fn from(value: &'a Option<bool>) -> Self {
        FieldValue::Flag(*value)
    }
}

impl<'a> From<&'a Vec<(String, String)>> for FieldValue<'a> {
    fn from(value: &'a Vec<(String, String)>) -> Self {
        FieldValue::Pairs(value)
    }
}

impl<'a> From<&'a Option<Timestamp>> for FieldValue<'a> {
    fn from(value: &'a Option<Timestamp>) -> Self {
        FieldValue::Time(value.as_ref())
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
