//! Files the user chooses: the Save dialog and writing there.

use std::path::PathBuf;

use roster_core::ExportFormat;
use tauri_plugin_dialog::DialogExt;

use crate::error::{Error, Result};
use crate::session::run_blocking;

/// Asks where to save `bytes` (an export in `format`) through the system's Save dialog and
/// writes them there. `None` when the user cancels.
pub async fn save_as<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    format: ExportFormat,
    bytes: Vec<u8>,
) -> Result<Option<PathBuf>> {
    let extension = format.extension();
    let filter = match format {
        ExportFormat::Csv => "CSV (Excel, LibreOffice)",
        ExportFormat::Json => "JSON",
    };
    let day = chrono::Utc::now().format("%Y-%m-%d");
    let dialog = app
        .dialog()
        .file()
        .set_file_name(format!("assistants-{day}.{extension}"))
        .add_filter(filter, &[extension]);
    // The dialog blocks until the user answers: keep it off the async runtime's threads.
    let chosen = run_blocking(move || Ok(dialog.blocking_save_file())).await?;
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    std::fs::write(&path, bytes).map_err(Error::storage(path.display().to_string()))?;
    Ok(Some(path))
}
