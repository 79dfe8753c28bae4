//! What changed between two versions of an assistant: which fields, their values before and
//! after, variables row by row, and long texts (greeting, prompt) word by word.

use std::time::{Duration, Instant};

use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff};
use ts_rs::TS;

use crate::decode::decode_item;
use crate::model::{Assistant, FieldValue, Timestamp, FIELD_NAMES};

/// A field's value as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(untagged)]
pub enum Shown {
    /// Text as sent.
    Text(String),
    /// Yes or no.
    Flag(bool),
    /// A timestamp.
    Time(Timestamp),
}

/// One field that differs, with its value before and after (`None`: missing or unreadable).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// The field's name as the page knows it (`systemPrompt`).
    pub field: String,
    /// Its value in the older version.
    pub before: Option<Shown>,
    /// Its value in the newer version.
    pub after: Option<Shown>,
}

/// One variable that was added, removed or changed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VariableChange {
    /// The variable's name.
    pub name: String,
    /// Its value before; `None` when it was added.
    pub before: Option<String>,
    /// Its value after; `None` when it was removed.
    pub after: Option<String>,
}

/// How a newer version of an assistant differs from an older one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Difference {
    /// The fields the app shows that differ, in export order; variables are in
    /// [`variables`](Self::variables).
    pub fields: Vec<FieldChange>,
    /// The variables that differ, in the newer version's order, then the removed ones.
    pub variables: Vec<VariableChange>,
    /// Names of fields the app does not show that differ (a platform's newer fields).
    pub other_fields: Vec<String>,
}

impl Difference {
    /// The page's names of everything that differs: fields, then `variables`, then the others.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.fields.iter().map(|f| f.field.clone()).collect();
        if !self.variables.is_empty() {
            names.push("variables".to_owned());
        }
        names.extend(self.other_fields.iter().cloned());
        names
    }

    /// Whether only `updated_at` moved: the platform says it changed, but nothing the app can
    /// see did.
    pub fn only_updated(&self) -> bool {
        self.variables.is_empty()
            && self.other_fields.is_empty()
            && matches!(&self.fields[..], [only] if only.field == "updatedAt")
    }
}

/// Compares two versions, each one assistant as JSON (any form: canonical or as sent). `None`
/// when either is not an assistant.
pub fn compare(before: &str, after: &str) -> Option<Difference> {
    let old = decode_item(before)?;
    let new = decode_item(after)?;
    let mut difference = Difference {
        fields: Vec::new(),
        variables: variable_changes(&old.variables, &new.variables),
        other_fields: other_fields(before, after),
    };
    for ((name, (_, a)), (_, b)) in FIELD_NAMES.iter().zip(old.fields()).zip(new.fields()) {
        let (before, after) = (shown(a), shown(b));
        if *name != "variables" && before != after {
            difference.fields.push(FieldChange {
                field: camel(name),
                before,
                after,
            });
        }
    }
    Some(difference)
}

fn shown(value: FieldValue<'_>) -> Option<Shown> {
    match value {
        FieldValue::Text(text) => text.map(|t| Shown::Text(t.to_owned())),
        FieldValue::Flag(flag) => flag.map(Shown::Flag),
        FieldValue::Time(time) => time.cloned().map(Shown::Time),
        FieldValue::Pairs(_) => None,
    }
}

fn variable_changes(old: &[(String, String)], new: &[(String, String)]) -> Vec<VariableChange> {
    use std::collections::HashMap;
    let before: HashMap<&str, &str> = old.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let after: HashMap<&str, &str> = new.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut changes: Vec<VariableChange> = new
        .iter()
        .filter(|(name, value)| before.get(name.as_str()) != Some(&value.as_str()))
        .map(|(name, value)| VariableChange {
            name: name.clone(),
            before: before.get(name.as_str()).map(|v| (*v).to_owned()),
            after: Some(value.clone()),
        })
        .collect();
    changes.extend(
        old.iter()
            .filter(|(name, _)| !after.contains_key(name.as_str()))
            .map(|(name, value)| VariableChange {
                name: name.clone(),
                before: Some(value.clone()),
                after: None,
            }),
    );
    changes
}

/// The top-level members the app does not read whose canonical values differ. Members are
/// read as raw text (no tree of values) and only the unknown ones are put in canonical form.
fn other_fields(before: &str, after: &str) -> Vec<String> {
    use serde_json::value::RawValue;
    use std::collections::BTreeMap;
    let members = |text: &'_ str| -> BTreeMap<String, String> {
        let raw: BTreeMap<String, &RawValue> = serde_json::from_str(text).unwrap_or_default();
        raw.into_iter()
            .filter(|(name, _)| crate::model::Field::named(name).is_none())
            .map(|(name, value)| {
                // One member in canonical form: `{"":value}`, so its value alone decides.
                let one = format!("{{\"\":{}}}", value.get());
                let canonical = crate::content::content_of(&one).map(|c| c.canonical);
                (name, canonical.unwrap_or_default())
            })
            // A null member is a missing one (`{}` once in canonical form).
            .filter(|(_, canonical)| canonical != "{}")
            .collect()
    };
    let (old, new) = (members(before), members(after));
    let mut names: Vec<String> = old
        .keys()
        .chain(new.keys())
        .filter(|name| old.get(*name) != new.get(*name))
        .cloned()
        .collect();
    names.sort();
    names.dedup();
    names
}

fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// One stretch of a text difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    /// Whether the stretch is in both texts, only the newer, or only the older.
    pub change: SegmentChange,
    /// The text of the stretch.
    pub text: String,
}

/// How a [`Segment`] differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SegmentChange {
    /// In both texts.
    Same,
    /// Only in the newer text.
    Added,
    /// Only in the older text.
    Removed,
}

/// The longest a word difference may take before it settles for a coarser answer (a hostile
/// prompt of 2 MB must not hold anything up).
const TEXT_DIFF_DEADLINE: Duration = Duration::from_millis(300);

/// `before` and `after` word by word (a word: what lies between white space, punctuation included), neighbouring
/// stretches of the same kind joined.
pub fn text_difference(before: &str, after: &str) -> Vec<Segment> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .deadline(Instant::now() + TEXT_DIFF_DEADLINE)
        .diff_words(before, after);
    let mut segments: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => SegmentChange::Same,
            ChangeTag::Insert => SegmentChange::Added,
            ChangeTag::Delete => SegmentChange::Removed,
        };
        match segments.last_mut() {
            Some(last) if last.change == kind => last.text.push_str(change.value()),
            _ => segments.push(Segment {
                change: kind,
                text: change.value().to_owned(),
            }),
        }
    }
    segments
}

/// The assistant of one version (any JSON form), for a timeline or a comparison.
pub fn assistant_of(version: &str) -> Option<Assistant> {
    decode_item(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_variables_and_unknown_fields_that_differ() {
        let before = r#"{"id":1,"status":"active","variables":{"a":"1","b":"2","gone":"x"},"is_webhook_active":1,"future":[1],"later":null,"updated_at":"2026-01-01 10:00:00"}"#;
        let after = r#"{"id":"1","status":"inactive","variables":{"b":"3","a":1,"new":"y"},"is_webhook_active":true,"future":[2],"updated_at":"2026-02-01 10:00:00"}"#;
        let d = compare(before, after).unwrap();
        assert_eq!(d.names(), ["status", "updatedAt", "variables", "future"]);
        assert_eq!(d.fields[0].before, Some(Shown::Text("active".into())));
        assert_eq!(d.fields[0].after, Some(Shown::Text("inactive".into())));
        let rows: Vec<_> = d
            .variables
            .iter()
            .map(|v| (v.name.as_str(), v.before.as_deref(), v.after.as_deref()))
            .collect();
        assert_eq!(
            rows,
            [
                ("b", Some("2"), Some("3")),
                ("new", None, Some("y")),
                ("gone", Some("x"), None)
            ]
        );
        assert!(!d.only_updated());
    }

    #[test]
    fn only_the_platforms_timestamp_moved() {
        let d = compare(
            r#"{"id":1,"name":"A","updated_at":"2026-01-01"}"#,
            r#"{"name":"A","id":1,"updated_at":"2026-01-02"}"#,
        )
        .unwrap();
        assert!(d.only_updated(), "{d:?}");
        assert!(compare("{}", "{}").unwrap().names().is_empty());
        assert!(compare("[]", "{}").is_none());
    }

    #[test]
    fn texts_word_by_word() {
        let segments = text_difference("Call the lead politely.", "Call the lead kindly, today.");
        let text = |change| {
            segments
                .iter()
                .filter(|s| s.change == change)
                .map(|s| s.text.as_str())
                .collect::<String>()
        };
        assert_eq!(text(SegmentChange::Removed), "politely.");
        assert_eq!(text(SegmentChange::Added), "kindly, today.");
        // Read in order, the segments give back each text.
        let side = |keep: SegmentChange| {
            segments
                .iter()
                .filter(|s| s.change == SegmentChange::Same || s.change == keep)
                .map(|s| s.text.as_str())
                .collect::<String>()
        };
        assert_eq!(side(SegmentChange::Removed), "Call the lead politely.");
        assert_eq!(side(SegmentChange::Added), "Call the lead kindly, today.");
    }
}
