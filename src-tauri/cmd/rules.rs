//! Review rules: what they find in the shown list, one assistant's findings, and saving them.

use roster_core::{Finding, RuleSettings};
use tauri::State;

use crate::error::Result;
use crate::ipc::ListRules;
use crate::session::Session;

/// The rules of list `list_id`'s account and what they find in it; `invalid_zones` are the
/// list's time zones the page's `Intl` does not know.
#[tauri::command]
pub async fn list_rules(
    session: State<'_, Session>,
    list_id: u64,
    invalid_zones: Vec<String>,
) -> Result<Option<ListRules>> {
    session.list_rules(list_id, invalid_zones).await
}

/// Keeps the account's rules as the page edited them, and answers what they now find.
#[tauri::command]
pub async fn save_rules(
    session: State<'_, Session>,
    list_id: u64,
    settings: RuleSettings,
) -> Result<Option<ListRules>> {
    session.save_rules(list_id, settings).await
}

/// Every rule's finding for one assistant, with the sentence that decided it.
#[tauri::command]
pub async fn assistant_rules(
    session: State<'_, Session>,
    list_id: u64,
    position: usize,
) -> Result<Option<Vec<Finding>>> {
    session.assistant_rules(list_id, position).await
}
