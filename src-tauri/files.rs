//! Files the user chooses: the Save and Open dialogs, and writing and reading there.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use roster_core::ExportFormat;
use tauri::Manager;

use crate::error::{Error, Result};
use crate::private_file::replace_private;
use crate::session::run_blocking;
use crate::system_dialog::{self, FileKind, Question};
use crate::words::in_page_language;

/// The largest backup file read: far above any real one, so a wrong file chosen by mistake
/// (a video) is refused rather than read.
const MAX_BACKUP_BYTES: u64 = 64 << 20;

/// The file the last export of this session was saved to, for "Show in folder": the page asks
/// for the folder of that export, never of a path it names.
#[derive(Default)]
pub struct LastExport(Mutex<Option<PathBuf>>);

/// Asks where to save an export in `format` through the system's Save dialog and writes it
/// there. `None` when the user cancels.
pub async fn save_export<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    format: ExportFormat,
    bytes: Vec<u8>,
) -> Result<Option<PathBuf>> {
    let kind = match format {
        ExportFormat::Xlsx => "file.xlsx",
        ExportFormat::Csv => "file.csv",
        ExportFormat::Json => "file.json",
        ExportFormat::Html => "file.html",
    };
    let kind = in_page_language(app, kind);
    let saved = save_as(app, "assistants", &kind, format.extension(), bytes).await?;
    if let Some(path) = &saved {
        *lock(&app.state::<LastExport>().0) = Some(path.clone());
    }
    Ok(saved)
}

/// Opens a saved print page in the system's browser, where printing to paper or PDF works on
/// every system (printing from the app's own webview does not on macOS).
pub fn open_in_browser<R: tauri::Runtime>(app: &tauri::AppHandle<R>, path: &Path) -> Result<()> {
    tauri_plugin_opener::OpenerExt::opener(app)
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| Error::internal("the browser could not open the page", e))
}

/// Shows the last export in the system's file manager, selected in its folder.
pub fn show_last_export<R: tauri::Runtime>(app: &tauri::AppHandle<R>) -> Result<()> {
    let Some(path) = lock(&app.state::<LastExport>().0).clone() else {
        return Err(Error::internal(
            "no export to show",
            "nothing was exported in this session",
        ));
    };
    tauri_plugin_opener::OpenerExt::opener(app)
        .reveal_item_in_dir(&path)
        .map_err(|e| Error::internal("the file manager could not show the export", e))
}

fn lock(last: &Mutex<Option<PathBuf>>) -> std::sync::MutexGuard<'_, Option<PathBuf>> {
    // A path alone cannot be left half-written by a panic elsewhere.
    last.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Asks, in the system's own dialog, whether to remove account `label` from this computer,
/// saying what goes with it (its key, its offline copy and its review history; only the key
/// for an account kept for this session). Answers the user's yes.
pub async fn confirm_removal<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    label: &str,
    session_only: bool,
) -> Result<bool> {
    let body = if session_only {
        "signOut.bodySession"
    } else {
        "signOut.body"
    };
    let question = Question {
        title: in_page_language(app, "signOut.title").replace("{account}", label),
        body: in_page_language(app, body),
        confirm: in_page_language(app, "signOut.confirm"),
        cancel: in_page_language(app, "signOut.cancel"),
    };
    system_dialog::ask(app, question).await
}

/// Asks where to save a backup of the review marks and writes it there.
pub async fn save_backup<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    bytes: Vec<u8>,
) -> Result<Option<PathBuf>> {
    let kind = in_page_language(app, "file.backup");
    save_as(app, "assistant-roster-review-backup", &kind, "json", bytes).await
}

/// Asks which backup file to restore through the system's Open dialog and reads it (up to
/// 64 MB). `None` when the user cancels.
pub async fn open_backup<R: tauri::Runtime>(app: &tauri::AppHandle<R>) -> Result<Option<Vec<u8>>> {
    let kind = FileKind {
        name: in_page_language(app, "file.backup"),
        extension: "json".into(),
    };
    let Some(path) = system_dialog::open_path(app, kind).await? else {
        return Ok(None);
    };
    run_blocking(move || {
        use std::io::Read;
        let what = || path.display().to_string();
        let file = std::fs::File::open(&path).map_err(Error::storage(what()))?;
        let mut bytes = Vec::new();
        file.take(MAX_BACKUP_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(Error::storage(what()))?;
        if bytes.len() as u64 > MAX_BACKUP_BYTES {
            return Err(roster_store::BackupError::NotABackup.into());
        }
        Ok(Some(bytes))
    })
    .await
}

/// Asks where to save `bytes` through the system's Save dialog, suggesting `<stem>-<day>.<ext>`,
/// and writes them there. `None` when the user cancels.
async fn save_as<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    stem: &str,
    filter: &str,
    extension: &str,
    bytes: Vec<u8>,
) -> Result<Option<PathBuf>> {
    let day = chrono::Utc::now().format("%Y-%m-%d");
    let kind = FileKind {
        name: filter.to_owned(),
        extension: extension.to_owned(),
    };
    let suggested = format!("{stem}-{day}.{extension}");
    let Some(path) = system_dialog::save_path(app, kind, suggested).await? else {
        return Ok(None);
    };
    // Whole or not at all (a reader never sees half a file), readable by the user only: an
    // export holds every prompt of the account, a backup the manager's notes.
    let target = path.clone();
    run_blocking(move || {
        replace_private(&target, &[&bytes]).map_err(Error::storage(target.display().to_string()))
    })
    .await?;
    Ok(Some(path))
}
