//! The shown list: fetch, saved copy, sample, search, one assistant, names.

use roster_core::{Assistant, Card};
use tauri::State;

use crate::error::Result;
use crate::ipc::{CachedRoster, LoadProgress, Lookups, Roster, SavedHead};
use crate::session::Session;

/// Fetches the open account's list again. `held`: the list whose cards the page holds, which it
/// keeps when the platform sends that list unchanged.
#[tauri::command]
pub async fn refresh(session: State<'_, Session>, held: Option<u64>) -> Result<Roster> {
    session.refresh(held).await
}

/// How much of the list being fetched (refresh, connect) has arrived.
#[tauri::command]
pub fn load_progress(session: State<'_, Session>) -> LoadProgress {
    session.load_progress()
}

/// Stops the list being fetched; that fetch answers "cancelled".
#[tauri::command]
pub fn stop_loading(session: State<'_, Session>) {
    session.stop_loading();
}

/// The cards at `positions` of account `account_id`'s offline copy: the page's first screen,
/// before the whole list (`cached_roster`).
#[tauri::command]
pub async fn saved_head(
    session: State<'_, Session>,
    account_id: String,
    positions: Vec<u32>,
) -> Result<Option<SavedHead>> {
    session.saved_head(&account_id, positions).await
}

/// The open account's last good list, from the review memory.
#[tauri::command]
pub async fn cached_roster(session: State<'_, Session>) -> Result<CachedRoster> {
    session.cached_roster().await
}

/// The next slice of the cards of list `list_id` that its answer did not carry (see
/// `Roster::more`); `None` when another list was answered since.
#[tauri::command]
pub fn more_cards(session: State<'_, Session>, list_id: u64) -> Option<Vec<Card>> {
    session.more_cards(list_id)
}

/// The page painted the cards of list `list_id` (see `Session::list_shown`).
#[tauri::command]
pub async fn list_shown(session: State<'_, Session>, list_id: u64) -> Result<()> {
    session.list_shown(list_id).await;
    Ok(())
}

/// The built-in sample account.
#[tauri::command]
pub async fn open_sample(session: State<'_, Session>) -> Result<Roster> {
    session.open_sample().await
}

/// Which assistants of list `list_id` hold `query`: one byte per assistant, 1 for a match, sent
/// as raw bytes. Async, so the scan runs on the runtime's threads, not the window's.
#[tauri::command]
pub async fn search(
    session: State<'_, Session>,
    list_id: u64,
    query: String,
) -> Result<tauri::ipc::Response> {
    Ok(tauri::ipc::Response::new(session.search(list_id, &query)))
}

/// The whole assistant at `position` of list `list_id`, for the detail view.
#[tauri::command]
pub async fn assistant(
    session: State<'_, Session>,
    list_id: u64,
    position: usize,
) -> Result<Option<Assistant>> {
    session.assistant(list_id, position).await
}

/// The assistant at `position` of list `list_id` as the platform sent it, for support.
#[tauri::command]
pub async fn raw_assistant(
    session: State<'_, Session>,
    list_id: u64,
    position: usize,
) -> Result<Option<String>> {
    session.raw_assistant(list_id, position).await
}

/// Voice and language names of the shown account.
#[tauri::command]
pub async fn lookups(session: State<'_, Session>) -> Result<Lookups> {
    session.lookups().await
}
