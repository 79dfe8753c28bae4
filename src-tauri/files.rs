//! Files the user chooses: the Save dialog and writing there.

use std::path::PathBuf;

use roster_core::ExportFormat;
use tauri_plugin_dialog::DialogExt;

use crate::error::{Error, Result};
use crate::private_file::replace_private;
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
    // Whole or not at all (a reader never sees half a file), readable by the user only: an
    // export holds every prompt of the account.
    let target = path.clone();
    run_blocking(move || {
        replace_private(&target, &[&bytes]).map_err(Error::storage(target.display().to_string()))
    })
    .await?;
    Ok(Some(path))
}
