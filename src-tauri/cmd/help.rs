//! Help when something goes wrong.

use tauri::{Manager, State};

use crate::diagnostics::{report, Facts};
use crate::error::Result;
use crate::session::Session;
use crate::words::Language;

/// The diagnostic information (versions, system, platform address, log folder, last errors),
/// for the user to copy into a support request. Never the key, nothing of the list.
#[tauri::command]
pub async fn diagnostics<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    session: State<'_, Session>,
    language: State<'_, Language>,
) -> Result<String> {
    Ok(report(&Facts {
        version: app.package_info().version.to_string(),
        webview: tauri::webview_version().unwrap_or_else(|_| "unknown".into()),
        language: language.get().into(),
        platform: session.open_platform().await,
        log_folder: app
            .path()
            .app_log_dir()
            .ok()
            .map(|dir| dir.display().to_string()),
    }))
}
