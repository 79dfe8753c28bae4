//! Export of the shown list.

use roster_core::ExportFormat;
use tauri::State;

use crate::error::Result;
use crate::session::{run_blocking, Session};
use crate::words::Language;

/// Saves the assistants at `positions` of list `list_id` (the list as the user sees it,
/// filtered and sorted) as an Excel workbook, CSV, JSON or a print page where they choose, and
/// opens a print page in the browser. `None` when they cancel.
#[tauri::command]
pub async fn export_list<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    session: State<'_, Session>,
    language: State<'_, Language>,
    format: ExportFormat,
    list_id: u64,
    positions: Vec<u32>,
) -> Result<Option<String>> {
    let picked = session.picked(list_id, positions).await?;
    // Headers in the language the page is in.
    let words = crate::words::export_words(language.get(), &picked.own_rules);
    // A workbook of 10,000 assistants is compressed for a second or so: off the async threads.
    let bytes =
        run_blocking(move || Ok(format.write(&picked.assistants, &picked.meta(&words))?)).await?;
    let saved = crate::files::save_export(&app, format, bytes).await?;
    if let (Some(path), ExportFormat::Html) = (&saved, format) {
        // Saved either way: the page says where, and "Show in folder" still finds it.
        if let Err(e) = crate::files::open_in_browser(&app, path) {
            log::warn!("{e}");
        }
    }
    Ok(saved.map(|path| path.display().to_string()))
}

/// Shows the file of the last export in the system's file manager.
#[tauri::command]
pub fn show_export<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> Result<()> {
    crate::files::show_last_export(&app)
}
