//! Help: what the app's folders are, whether a new version is out, and help when something goes
//! wrong.

use tauri::{Manager, State};

use crate::diagnostics::{report, Facts};
use crate::error::{Error, Result};
use crate::ipc::HelpFolders;
use crate::session::Session;
use crate::updates::UpdateCheck;
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

/// Whether a newer version is out (see `updates.rs`: the app tells, it does not install).
#[tauri::command]
pub async fn check_updates<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> UpdateCheck {
    crate::updates::check(&app).await
}

/// Opens the release page set at build time in the browser (never an address the page gives).
#[tauri::command]
pub fn open_release_page<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> Result<()> {
    let page = crate::updates::release_page(&app)
        .ok_or_else(|| Error::internal("no release page", "this build names none"))?;
    tauri_plugin_opener::OpenerExt::opener(&app)
        .open_url(page.as_str(), None::<&str>)
        .map_err(|e| Error::internal("the browser could not be opened", e))
}
