//! Links the user clicks.

use tauri::State;

use crate::error::{Error, Result};
use crate::session::Session;

/// Opens the webhook link of the assistant at `position` of list `list_id` in the system
/// browser. The page shows the link's host on the button first; only http and https links
/// without a user name are opened.
#[tauri::command]
pub async fn open_webhook<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    session: State<'_, Session>,
    list_id: u64,
    position: usize,
) -> Result<()> {
    let url = session.webhook(list_id, position).await?;
    tauri_plugin_opener::OpenerExt::opener(&app)
        .open_url(url.as_str(), None::<&str>)
        .map_err(|e| Error::internal("the browser could not be opened", e))
}
