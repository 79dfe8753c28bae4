//! The page's language, for the words Rust shows.

use tauri::State;

use crate::error::{Error, Result};
use crate::words::Language;

/// The page is now in language `code`: the menu, the Save dialog and exports follow it. A
/// language the app does not speak changes nothing.
#[tauri::command]
pub fn set_language<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    language: State<'_, Language>,
    code: String,
) -> Result<()> {
    if language.set(&code) {
        crate::menu::relabel(&app).map_err(|e| Error::internal("the menu could not be made", e))?;
    }
    Ok(())
}
