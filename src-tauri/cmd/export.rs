//! Export of the shown list.

use roster_core::ExportFormat;
use tauri::State;

use crate::error::Result;
use crate::session::Session;

/// Saves the assistants at `positions` of list `list_id` (the list as the user sees it,
/// filtered and sorted) as CSV or JSON where they choose. `None` when they cancel.
#[tauri::command]
pub async fn export_list<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    session: State<'_, Session>,
    format: ExportFormat,
    list_id: u64,
    positions: Vec<u32>,
) -> Result<Option<String>> {
    let picked = session.picked(list_id, positions).await?;
    let bytes = format.write(&picked.assistants, &picked.meta());
    let saved = crate::files::save_export(&app, format, bytes).await?;
    Ok(saved.map(|path| path.display().to_string()))
}
