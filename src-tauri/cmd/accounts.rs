//! Accounts: start-up, connect, switch, remove.

use tauri::State;

use crate::error::Result;
use crate::ipc::{AccountView, Connected, Removed, Startup};
use crate::session::Session;

/// The platforms, the account to open first and every connected account.
#[tauri::command]
pub fn startup(session: State<'_, Session>) -> Result<Startup> {
    session.startup()
}

/// Checks a key by fetching its list; on success the account is saved (unless `remember` is
/// false: then the key is kept for this session only).
#[tauri::command]
pub async fn connect(
    session: State<'_, Session>,
    base: String,
    key: String,
    label: Option<String>,
    remember: Option<bool>,
) -> Result<Connected> {
    session
        .connect(&base, key, label, remember.unwrap_or(true))
        .await
}

/// Gives saved account `id` a new key (the old one refused or rotated), checked by fetching its
/// list; the account keeps its name, offline copy and review history.
#[tauri::command]
pub async fn change_key(session: State<'_, Session>, id: String, key: String) -> Result<Connected> {
    session.change_key(&id, key).await
}

/// Makes another connected account the open one.
#[tauri::command]
pub async fn switch_account(session: State<'_, Session>, id: String) -> Result<AccountView> {
    session.switch_account(&id).await
}

/// Asks the user in the system's own dialog whether to remove account `id` from this computer,
/// saying what goes with it; answers their yes. Nothing is removed here.
#[tauri::command]
pub async fn confirm_removal<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    session: State<'_, Session>,
    id: String,
) -> Result<bool> {
    let (label, session_only) = session.removal_subject(&id).await?;
    crate::files::confirm_removal(&app, &label, session_only).await
}

/// Removes an account from this computer: its key, its saved list and its names.
#[tauri::command]
pub async fn remove_account(
    session: State<'_, Session>,
    id: String,
    forget_history: bool,
) -> Result<Removed> {
    session.remove_account(&id, forget_history).await
}

/// Accounts whose keys are still in the keyring though the settings that listed them were lost.
#[tauri::command]
pub async fn recoverable_accounts(session: State<'_, Session>) -> Result<Vec<AccountView>> {
    session.recoverable().await
}

/// Lists a recoverable account again and opens it.
#[tauri::command]
pub async fn recover_account(session: State<'_, Session>, id: String) -> Result<Removed> {
    session.recover_account(&id).await
}
