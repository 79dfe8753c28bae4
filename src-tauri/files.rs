//! Files the user chooses: the Save and Open dialogs, and writing and reading there.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use roster_core::ExportFormat;
use tauri::Manager;
use tauri_plugin_dialog::DialogExt;

use crate::error::{Error, Result};
use crate::private_file::replace_private;
use crate::session::run_blocking;
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
    ask(app, question).await
}

/// A warning that asks before something is undone only with difficulty.
struct Question {
    title: String,
    body: String,
    confirm: String,
    cancel: String,
}

/// On Linux the question is a GTK dialog made on the main thread, over the app's window. The
/// dialog plugin hands it to rfd, which runs a second GTK main loop on a thread of its own;
/// GTK is not thread-safe, and two loops racing for one display may leave the question unshown.
#[cfg(target_os = "linux")]
async fn ask<R: tauri::Runtime>(app: &tauri::AppHandle<R>, question: Question) -> Result<bool> {
    use gtk::prelude::*;
    use std::cell::Cell;

    let (answer, answered) = tokio::sync::oneshot::channel();
    let handle = app.clone();
    app.run_on_main_thread(move || {
        let parent = handle
            .get_webview_window("main")
            .and_then(|window| window.gtk_window().ok());
        let dialog = gtk::MessageDialog::new(
            parent.as_ref(),
            gtk::DialogFlags::MODAL | gtk::DialogFlags::DESTROY_WITH_PARENT,
            gtk::MessageType::Warning,
            gtk::ButtonsType::None,
            &question.title,
        );
        dialog.set_title(&question.title);
        dialog.set_secondary_text(Some(&question.body));
        if crate::words::is_right_to_left(handle.state::<crate::words::Language>().get()) {
            dialog.set_direction(gtk::TextDirection::Rtl);
        }
        dialog.add_button(&question.cancel, gtk::ResponseType::Cancel);
        let confirm = dialog.add_button(&question.confirm, gtk::ResponseType::Accept);
        confirm.style_context().add_class("destructive-action");
        // Enter and a stray click land on keeping the account.
        dialog.set_default_response(gtk::ResponseType::Cancel);
        let answer = Cell::new(Some(answer));
        dialog.connect_response(move |dialog, response| {
            if let Some(answer) = answer.take() {
                let _ = answer.send(response == gtk::ResponseType::Accept);
            }
            dialog.close();
        });
        dialog.show_all();
    })
    .map_err(|e| Error::internal("the question could not be shown", e))?;
    // No answer (the app is closing): nothing is removed.
    Ok(answered.await.unwrap_or(false))
}

#[cfg(not(target_os = "linux"))]
async fn ask<R: tauri::Runtime>(app: &tauri::AppHandle<R>, question: Question) -> Result<bool> {
    use tauri_plugin_dialog::{MessageDialogButtons, MessageDialogKind};
    let dialog = app
        .dialog()
        .message(question.body)
        .title(question.title)
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::OkCancelCustom(
            question.confirm,
            question.cancel,
        ));
    run_blocking(move || Ok(dialog.blocking_show())).await
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
    let dialog = app
        .dialog()
        .file()
        .add_filter(in_page_language(app, "file.backup"), &["json"]);
    let chosen = run_blocking(move || Ok(dialog.blocking_pick_file())).await?;
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
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
    let dialog = app
        .dialog()
        .file()
        .set_file_name(format!("{stem}-{day}.{extension}"))
        .add_filter(filter, &[extension]);
    // The dialog blocks until the user answers: keep it off the async runtime's threads.
    let chosen = run_blocking(move || Ok(dialog.blocking_save_file())).await?;
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
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
