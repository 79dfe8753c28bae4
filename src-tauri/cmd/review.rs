//! The review memory: what changed since an earlier fetch, and reviewed marks.

use tauri::State;

use crate::error::Result;
use crate::ipc::{AssistantChanges, Comparison, HistoryInfo, ListReview, RestorePlan, VersionSeen};
use crate::session::Session;

/// What changed in list `list_id` since the last fetch (or since `since_ms`), and which of its
/// assistants are reviewed; `null` for the sample or a session-only account.
#[tauri::command]
pub async fn list_review(
    session: State<'_, Session>,
    list_id: u64,
    since_ms: Option<i64>,
) -> Result<Option<ListReview>> {
    session.list_review(list_id, since_ms).await
}

/// What changed in one assistant, field by field and word by word.
#[tauri::command]
pub async fn assistant_changes(
    session: State<'_, Session>,
    list_id: u64,
    position: usize,
    since_ms: Option<i64>,
) -> Result<Option<AssistantChanges>> {
    session.assistant_changes(list_id, position, since_ms).await
}

/// Marks an assistant, as it is now, as reviewed (with a note), or takes the mark back.
#[tauri::command]
pub async fn set_reviewed(
    session: State<'_, Session>,
    list_id: u64,
    position: usize,
    reviewed: bool,
    note: String,
    since_ms: Option<i64>,
) -> Result<Option<ListReview>> {
    session
        .set_reviewed(list_id, position, reviewed, note, since_ms)
        .await
}

/// How much room the review history takes and how long it is kept.
#[tauri::command]
pub async fn history_info(session: State<'_, Session>) -> Result<HistoryInfo> {
    session.history(None).await
}

/// Keeps the review history `keep_days` days (`null`: for ever) and forgets older history now.
#[tauri::command]
pub async fn keep_history(
    session: State<'_, Session>,
    keep_days: Option<u32>,
) -> Result<HistoryInfo> {
    session.history(Some(keep_days)).await
}

/// Every version of one assistant the app has seen, oldest first.
#[tauri::command]
pub async fn assistant_timeline(
    session: State<'_, Session>,
    list_id: u64,
    position: usize,
) -> Result<Vec<VersionSeen>> {
    session.timeline(list_id, position).await
}

/// How one version of an assistant differs from another, field by field and word by word.
#[tauri::command]
pub async fn compare_versions(
    session: State<'_, Session>,
    list_id: u64,
    position: usize,
    older: String,
    newer: String,
) -> Result<Option<AssistantChanges>> {
    session
        .compare_versions(list_id, position, older, newer)
        .await
}

/// How the assistant at `other` differs from the one at `position`, side by side.
#[tauri::command]
pub async fn compare_assistants(
    session: State<'_, Session>,
    list_id: u64,
    position: usize,
    other: usize,
) -> Result<Option<Comparison>> {
    session.compare_assistants(list_id, position, other).await
}

/// Saves every reviewed mark and note to a backup file the user chooses; `null` when they cancel.
#[tauri::command]
pub async fn save_backup<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    session: State<'_, Session>,
) -> Result<Option<String>> {
    let bytes = session.backup().await?;
    let saved = crate::files::save_backup(&app, bytes).await?;
    Ok(saved.map(|path| path.display().to_string()))
}

/// Reads a backup file the user chooses and answers what restoring it will do; `null` when they
/// cancel. Nothing changes yet.
#[tauri::command]
pub async fn open_backup<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    session: State<'_, Session>,
) -> Result<Option<RestorePlan>> {
    match crate::files::open_backup(&app).await? {
        Some(bytes) => Ok(Some(session.plan_restore(bytes).await?)),
        None => Ok(None),
    }
}

/// Restores the backup the plan `token` described; `false` when that plan is gone.
#[tauri::command]
pub async fn restore_backup(session: State<'_, Session>, token: u64) -> Result<bool> {
    session.restore(token).await
}
