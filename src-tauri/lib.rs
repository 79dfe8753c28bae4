//! Assistant Roster: review the outbound AI phone assistants of a Sondos-family account.
//!
//! Data flows keyring (`secrets`) -> HTTP client (`api`) -> tolerant decoder (`models`) ->
//! commands (`commands`) -> the page in `ui/`.

pub mod api;
pub mod commands;
pub mod error;
pub mod models;
pub mod platforms;
pub mod secrets;
pub mod settings;

use tauri::{Manager, Runtime};

use crate::api::Timeouts;
use crate::commands::AppState;
use crate::secrets::{KeyStore, KEYRING_SERVICE};
use crate::settings::SettingsFile;

/// The app's builder, generic over the runtime so tests can use `tauri::test::mock_builder()`.
pub fn app_builder<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .setup(|app| {
            let config_dir = app.path().app_config_dir()?;
            let state = AppState::new(
                KeyStore::new(KEYRING_SERVICE),
                SettingsFile::in_dir(&config_dir),
                Timeouts::default(),
            )?;
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::startup,
            commands::connect,
            commands::refresh,
            commands::open_sample,
            commands::sign_out,
        ])
}

/// Starts the app.
pub fn run() {
    app_builder(tauri::Builder::default())
        .run(tauri::generate_context!())
        .expect("error while running Assistant Roster");
}
