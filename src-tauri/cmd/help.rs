//! Help: what the app's folders are, and help when something goes wrong.

use tauri::{Manager, State};

use crate::diagnostics::{report, Facts};
use crate::error::Result;
use crate::ipc::HelpFolders;
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

/// The folders the app keeps its files in, as the help shows them.
#[tauri::command]
pub fn help_folders<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> HelpFolders {
    let path = app.path();
    let shown = |dir: tauri::Result<std::path::PathBuf>| dir.ok().map(|d| d.display().to_string());
    HelpFolders {
        os: std::env::consts::OS.into(),
        settings: shown(path.app_config_dir()),
        data: shown(path.app_local_data_dir()),
        logs: shown(path.app_log_dir()),
    }
}
