//! The domain of Assistant Roster, apart from the desktop app: what an assistant is, how it is
//! read from whatever a Sondos-family platform sends, the open list with its checks and search,
//! exports, and the platforms. No Tauri, no HTTP, no storage: the app feeds it bytes and shows
//! what it answers; the fuzzer and the benchmarks use it as it is.
//!
//! ```
//! use std::sync::Arc;
//! let body = br#"[{"id": 7, "name": "Ana", "status": "active", "system_prompt": "Be kind"}]"#;
//! let opened = roster_core::OpenList::open(roster_core::Body::shared(body.to_vec())).unwrap();
//! assert_eq!(opened.cards[0].name.as_deref(), Some("Ana"));
//! assert_eq!(opened.list.search("KIND"), [1]);
//! assert_eq!(opened.list.assistant(0).unwrap().id.as_deref(), Some("7"));
//! ```
#![deny(missing_docs)]

mod arrival;
mod body;
mod checks;
mod content;
mod decode;
mod diff;
mod error;
mod export;
mod fold;
mod list;
mod model;
mod platforms;
mod rules;
mod search;
mod sent;
#[cfg(test)]
mod testing;

pub use arrival::{Arrival, Arrived};
pub use body::{Body, Keep};
pub use checks::{Check, CheckCode, GREETING_LIMIT, NAMES_SHOWN};
pub use content::{content_of, digest, hash_hex, Content, Version, CONTENT_VERSION};
pub use decode::{
    decode_assistants, decode_names, decode_user_id, Decoded, Gaps, MAX_ASSISTANTS, MAX_ITEM_BYTES,
    MAX_VARIABLES,
};
pub use diff::{
    assistant_of, compare, text_difference, Difference, FieldChange, Segment, SegmentChange, Shown,
    VariableChange,
};
pub use error::{InvalidInput, Reason, Unreadable};
pub use export::{ExportFormat, ExportMeta, ExportWords, PageWords, ReviewMark};
pub use list::{cards_of, Card, CardTime, OpenList, Opened, Refreshed, SentInOrder};
pub use model::{Assistant, Timestamp};
pub use platforms::{checked_link, normalize_base, platform_of, Platform, PLATFORMS};
pub use rules::{
    own_rule_key, BuiltInRule, CallingHours, Expect, Finding, OwnRule, Place, RuleSettings, Rules,
    Verdict, Why, BUILT_IN_RULES, DEFAULT_GREETING_WORDS, MAX_GREETING_WORDS, MAX_OWN_RULES,
    MAX_PHRASE_CHARS,
};
pub use search::search_text;
pub use sent::{CardChanges, SentCards};
