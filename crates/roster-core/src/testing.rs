//! What the unit tests of this crate share.

use crate::model::Assistant;

/// An assistant named `name` (its id the name in lower case) with a greeting and a prompt that
/// use `{{first_name}}` (a variable it has) and `{{product}}` (one it lacks).
pub(crate) fn assistant(name: &str) -> Assistant {
    Assistant {
        id: Some(name.to_lowercase()),
        name: Some(name.to_owned()),
        initial_message: Some("Hello {{first_name}}".to_owned()),
        system_prompt: Some("You call about {{product}}.".to_owned()),
        variables: vec![("first_name".into(), "Ана".into())],
        ..Default::default()
    }
}
