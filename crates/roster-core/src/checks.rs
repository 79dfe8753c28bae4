//! Why an assistant may need attention, found in its own data.

use std::collections::HashSet;

use serde::Serialize;
use ts_rs::TS;

use crate::model::Assistant;

/// The platform's limit on the greeting's length, in characters.
pub const GREETING_LIMIT: usize = 200;

/// One "needs attention" finding.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Check {
    /// What was found.
    pub code: CheckCode,
    /// The placeholders, for [`CheckCode::PlaceholderMissing`]; left out when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub names: Vec<String>,
}

/// The kinds of finding. Serialized in snake_case; the page has words for each.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, strum::EnumIter, strum::IntoStaticStr,
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
        }
    }
}

/// `{{name}}` placeholders of a text, in order, without repeats.
fn placeholders(text: &str, into: &mut Vec<String>) {
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        rest = &rest[open + 2..];
        let Some(close) = rest.find("}}") else { break };
        let name = rest[..close].trim();
        if !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '-')
            && !into.iter().any(|known| known == name)
        {
            into.push(name.to_owned());
        }
        rest = &rest[close + 2..];
    }
}

fn blank(text: &Option<String>) -> bool {
    text.as_deref().map_or(true, |t| t.trim().is_empty())
}

/// Why an assistant needs attention, from its own data (a duplicate id is found across the list).
pub(crate) fn checks_for(a: &Assistant) -> Vec<Check> {
    let mut checks = Vec::new();
    let greeting = a.initial_message.as_deref().unwrap_or("");
    let prompt = a.system_prompt.as_deref().unwrap_or("");
    let mut used = Vec::new();
    placeholders(greeting, &mut used);
    placeholders(prompt, &mut used);
    used.retain(|name| !a.variables.iter().any(|(known, _)| known == name));
    if !used.is_empty() {
        checks.push(Check {
            code: CheckCode::PlaceholderMissing,
            names: used,
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

/// Adds [`CheckCode::DuplicateId`] to the checks of every item whose id another item has too.
pub(crate) fn mark_duplicate_ids<T>(
    items: &mut [T],
    parts: impl Fn(&mut T) -> (Option<&str>, &mut Vec<Check>),
) {
    let mut seen = HashSet::new();
    let mut twice = HashSet::new();
    for item in items.iter_mut() {
        if let (Some(id), _) = parts(item) {
            if !seen.insert(id.to_owned()) {
                twice.insert(id.to_owned());
            }
        }
    }
    if twice.is_empty() {
        return;
    }
    for item in items {
        if let (Some(id), checks) = parts(item) {
            if twice.contains(id) {
                checks.push(Check::new(CheckCode::DuplicateId));
            }
        }
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
