//! Links the user clicks.

use crate::error::{Error, Result};

/// Opens a web link in the system browser, on the user's click; only http and https.
#[tauri::command]
pub fn open_link<R: tauri::Runtime>(app: tauri::AppHandle<R>, url: String) -> Result<()> {
    let url = roster_core::checked_link(&url)?;
    tauri_plugin_opener::OpenerExt::opener(&app)
        .open_url(url.as_str(), None::<&str>)
        .map_err(|e| Error::internal("the browser could not be opened", e))
}
