//! Why an assistant may need attention, found in its own data.

use std::collections::HashSet;

use serde::Serialize;
use ts_rs::TS;

use crate::model::Assistant;

/// The platform's limit on the greeting's length, in characters.
pub const GREETING_LIMIT: usize = 200;

/// One "needs attention" finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, TS)]
pub struct Check {
    /// What was found.
    pub code: CheckCode,
    /// The placeholders, for [`CheckCode::PlaceholderMissing`] (at most [`NAMES_SHOWN`]); left
    /// out when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub names: Vec<String>,
    /// How many more placeholders are missing than `names` holds; left out when none.
    #[serde(skip_serializing_if = "is_zero")]
    #[ts(optional, as = "Option<u32>")]
    pub more: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The kinds of finding. Serialized in snake_case; the page has words for each.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS, strum::EnumIter, strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum CheckCode {
    /// A `{{placeholder}}` in the greeting or prompt with no variable of that name.
    PlaceholderMissing,
    /// The webhook is on but has no URL.
    WebhookNoUrl,
    /// The greeting is empty.
    GreetingEmpty,
    /// The prompt is empty.
    PromptEmpty,
    /// The greeting is longer than [`GREETING_LIMIT`].
    GreetingTooLong,
    /// Another assistant of the list has the same id.
    DuplicateId,
    /// No time zone is set. Found by the page, which owns the zone data (`Intl`).
    TimezoneMissing,
    /// The time zone is not one `Intl` knows. Found by the page.
    TimezoneInvalid,
}

impl Check {
    fn new(code: CheckCode) -> Check {
        Check {
            code,
            names: Vec::new(),
            more: 0,
        }
    }
}

/// The most missing placeholders a check names; past it, the check says how many more.
pub const NAMES_SHOWN: usize = 20;

/// `{{name}}` placeholders of a text, in order, without repeats (`seen` holds those found so
/// far, so the work stays linear in the text whatever it holds).
fn placeholders<'t>(text: &'t str, seen: &mut HashSet<&'t str>, into: &mut Vec<&'t str>) {
    let mut rest = text;
    while let Some(open) = memchr::memmem::find(rest.as_bytes(), b"{{") {
        rest = &rest[open + 2..];
        let Some(close) = memchr::memmem::find(rest.as_bytes(), b"}}") else {
            break;
        };
        let name = rest[..close].trim();
        if !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '-')
            && seen.insert(name)
        {
            into.push(name);
        }
        rest = &rest[close + 2..];
    }
}

fn blank(text: &Option<String>) -> bool {
    text.as_deref().is_none_or(|t| t.trim().is_empty())
}

/// Why an assistant needs attention, from its own data (a duplicate id is found across the list).
pub(crate) fn checks_for(a: &Assistant) -> Vec<Check> {
    let mut checks = Vec::new();
    let greeting = a.initial_message.as_deref().unwrap_or("");
    let prompt = a.system_prompt.as_deref().unwrap_or("");
    let (mut seen, mut used) = (HashSet::new(), Vec::new());
    placeholders(greeting, &mut seen, &mut used);
    placeholders(prompt, &mut seen, &mut used);
    if !used.is_empty() {
        let known: HashSet<&str> = a.variables.iter().map(|(name, _)| name.as_str()).collect();
        used.retain(|name| !known.contains(name));
    }
    if !used.is_empty() {
        let more = used.len().saturating_sub(NAMES_SHOWN);
        checks.push(Check {
            code: CheckCode::PlaceholderMissing,
            names: used
                .iter()
                .take(NAMES_SHOWN)
                .map(|n| (*n).to_owned())
                .collect(),
            more: u32::try_from(more).unwrap_or(u32::MAX),
        });
    }
    if a.is_webhook_active == Some(true) && blank(&a.webhook_url) {
        checks.push(Check::new(CheckCode::WebhookNoUrl));
    }
    if greeting.trim().is_empty() {
        checks.push(Check::new(CheckCode::GreetingEmpty));
    }
    if prompt.trim().is_empty() {
        checks.push(Check::new(CheckCode::PromptEmpty));
    }
    if greeting.chars().count() > GREETING_LIMIT {
        checks.push(Check::new(CheckCode::GreetingTooLong));
    }
    checks
}

/// The positions whose id another position has too (each gets [`CheckCode::DuplicateId`]).
pub(crate) fn duplicate_ids(ids: &[Option<String>]) -> Vec<usize> {
    let mut seen = HashSet::new();
    let mut twice = HashSet::new();
    for id in ids.iter().flatten() {
        if !seen.insert(id.as_str()) {
            twice.insert(id.as_str());
        }
    }
    if twice.is_empty() {
        return Vec::new();
    }
    ids.iter()
        .enumerate()
        .filter(|(_, id)| id.as_deref().is_some_and(|id| twice.contains(id)))
        .map(|(position, _)| position)
        .collect()
}

impl Check {
    /// The finding that another assistant of the list has the same id.
    pub(crate) fn duplicate_id() -> Check {
        Check::new(CheckCode::DuplicateId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::assistant;

    fn codes(a: &Assistant) -> Vec<&'static str> {
        checks_for(a).iter().map(|c| c.code.into()).collect()
    }

    #[test]
    fn checks_name_missing_placeholders_once_and_in_order() {
        let mut a = assistant("A");
        a.system_prompt =
            Some("{{product}} {{ product }} {{first_name}} {{city}} {{bad name}}".into());
        let checks = checks_for(&a);
        assert_eq!(checks[0].code, CheckCode::PlaceholderMissing);
        assert_eq!(checks[0].names, ["product", "city"]);
        assert_eq!(checks.len(), 1);
    }

    #[test]
    fn many_missing_placeholders_are_named_up_to_a_cap_and_counted() {
        let mut a = Assistant::default();
        let prompt: String = (0..50_000).map(|i| format!("{{{{p{i}}}}} ")).collect();
        a.system_prompt = Some(format!("{prompt}{prompt}"));
        a.variables = (0..50_000)
            .step_by(2)
            .map(|i| (format!("p{i}"), String::new()))
            .collect();
        let checks = checks_for(&a);
        assert_eq!(checks[0].names.len(), NAMES_SHOWN);
        assert_eq!(checks[0].names[0], "p1");
        assert_eq!(checks[0].more as usize, 25_000 - NAMES_SHOWN);
    }

    #[test]
    fn checks_of_an_empty_assistant() {
        let a = Assistant {
            is_webhook_active: Some(true),
            webhook_url: Some("  ".into()),
            ..Default::default()
        };
        assert_eq!(
            codes(&a),
            ["webhook_no_url", "greeting_empty", "prompt_empty"]
        );
        let long = Assistant {
            initial_message: Some("я".repeat(GREETING_LIMIT + 1)),
            system_prompt: Some("p".into()),
            ..Default::default()
        };
        assert_eq!(codes(&long), ["greeting_too_long"]);
    }
}
