//! The native menu, in the language the page is in (`words.rs`): the platform's usual entries
//! (the app menu on macOS, Edit so copy and paste work everywhere, Window), plus View > Refresh
//! and the text size, and Help: the app's help (F1), Check for Updates, the log folder, the
//! diagnostic information and About with the app's metadata. Made again when the language changes.

use tauri::menu::{AboutMetadata, Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::words::in_page_language;

const REFRESH: &str = "refresh";
const OPEN_LOGS: &str = "open-logs";
const DIAGNOSTICS: &str = "diagnostics";
const HELP: &str = "help";
const CHECK_UPDATES: &str = "check-updates";
const ZOOM_IN: &str = "zoom-in";
const ZOOM_OUT: &str = "zoom-out";
const ZOOM_RESET: &str = "zoom-reset";

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let w = |key: &str| in_page_language(app, key);
    let info = app.package_info();
    let config = app.config();
    let about = AboutMetadata {
        name: Some(info.name.clone()),
        version: Some(info.version.to_string()),
        copyright: config.bundle.copyright.clone(),
        license: config.bundle.license.clone(),
        comments: config.bundle.short_description.clone(),
        website: None,
        authors: config.bundle.publisher.clone().map(|p| vec![p]),
        icon: app.default_window_icon().cloned(),
        ..Default::default()
    };
    let about = PredefinedMenuItem::about(app, Some(&w("menu.about")), Some(about))?;
    let separator = || PredefinedMenuItem::separator(app);
    let quit = PredefinedMenuItem::quit(app, Some(&w("menu.quit")))?;
    let close = PredefinedMenuItem::close_window(app, Some(&w("menu.closeWindow")))?;
    let edit = Submenu::with_items(
        app,
        w("menu.edit"),
        true,
        &[
            &PredefinedMenuItem::undo(app, Some(&w("menu.undo")))?,
            &PredefinedMenuItem::redo(app, Some(&w("menu.redo")))?,
            &separator()?,
            &PredefinedMenuItem::cut(app, Some(&w("menu.cut")))?,
            &PredefinedMenuItem::copy(app, Some(&w("menu.copy")))?,
            &PredefinedMenuItem::paste(app, Some(&w("menu.paste")))?,
            &PredefinedMenuItem::select_all(app, Some(&w("menu.selectAll")))?,
        ],
    )?;
    let refresh = MenuItem::with_id(app, REFRESH, w("menu.refresh"), true, Some("CmdOrCtrl+R"))?;
    let zoom_in = MenuItem::with_id(app, ZOOM_IN, w("menu.zoomIn"), true, Some("CmdOrCtrl+="))?;
    let zoom_out = MenuItem::with_id(app, ZOOM_OUT, w("menu.zoomOut"), true, Some("CmdOrCtrl+-"))?;
    let zoom_reset = MenuItem::with_id(
        app,
        ZOOM_RESET,
        w("menu.zoomReset"),
        true,
        Some("CmdOrCtrl+0"),
    )?;
    let minimize = PredefinedMenuItem::minimize(app, Some(&w("menu.minimize")))?;
    let help_item = MenuItem::with_id(app, HELP, w("menu.helpContents"), true, Some("F1"))?;
    let check_updates = MenuItem::with_id(
        app,
        CHECK_UPDATES,
        w("menu.checkUpdates"),
        true,
        None::<&str>,
    )?;
    let open_logs = MenuItem::with_id(app, OPEN_LOGS, w("menu.openLogs"), true, None::<&str>)?;
    let diagnostics =
        MenuItem::with_id(app, DIAGNOSTICS, w("menu.diagnostics"), true, None::<&str>)?;
    let help = Submenu::with_items(
        app,
        w("menu.help"),
        true,
        &[
            &help_item,
            &check_updates,
            &separator()?,
            &open_logs,
            &diagnostics,
        ],
    )?;
    if cfg!(target_os = "macos") {
        let app_menu = Submenu::with_items(
            app,
            &info.name,
            true,
            &[
                &about,
                &separator()?,
                &PredefinedMenuItem::services(app, Some(&w("menu.services")))?,
                &separator()?,
                &PredefinedMenuItem::hide(app, Some(&w("menu.hide")))?,
                &PredefinedMenuItem::hide_others(app, Some(&w("menu.hideOthers")))?,
                &PredefinedMenuItem::show_all(app, Some(&w("menu.showAll")))?,
                &separator()?,
                &quit,
            ],
        )?;
        let file = Submenu::with_items(app, w("menu.file"), true, &[&close])?;
        let fullscreen = PredefinedMenuItem::fullscreen(app, Some(&w("menu.fullscreen")))?;
        let view = Submenu::with_items(
            app,
            w("menu.view"),
            true,
            &[
                &refresh,
                &separator()?,
                &zoom_in,
                &zoom_out,
                &zoom_reset,
                &separator()?,
                &fullscreen,
            ],
        )?;
        let window = Submenu::with_items(app, w("menu.window"), true, &[&minimize])?;
        Menu::with_items(app, &[&app_menu, &file, &edit, &view, &window, &help])
    } else {
        let file = Submenu::with_items(app, w("menu.file"), true, &[&close, &quit])?;
        let view = Submenu::with_items(
            app,
            w("menu.view"),
            true,
            &[&refresh, &separator()?, &zoom_in, &zoom_out, &zoom_reset],
        )?;
        let maximize = PredefinedMenuItem::maximize(app, Some(&w("menu.maximize")))?;
        let window = Submenu::with_items(app, w("menu.window"), true, &[&minimize, &maximize])?;
        // About ends the Help menu here; on macOS it heads the app menu.
        help.append_items(&[&separator()?, &about])?;
        Menu::with_items(app, &[&file, &edit, &view, &window, &help])
    }
}

/// The menu again, in the language now chosen (when the app has one: not in tests).
pub fn relabel<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    if app.menu().is_some() {
        app.set_menu(build(app)?)?;
    }
    Ok(())
}

/// Menu commands the page carries out (Refresh, the diagnostic information) arrive as a `menu`
/// event with the item's id; the log folder is opened here.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    match event.id().as_ref() {
        id @ (REFRESH | HELP | CHECK_UPDATES | DIAGNOSTICS | ZOOM_IN | ZOOM_OUT | ZOOM_RESET) => {
            let _ = app.emit("menu", id);
        }
        OPEN_LOGS => {
            if let Ok(folder) = app.path().app_log_dir() {
                let _ = std::fs::create_dir_all(&folder);
                let opened = tauri_plugin_opener::OpenerExt::opener(app)
                    .open_path(folder.display().to_string(), None::<&str>);
                if let Err(error) = opened {
                    log::warn!("the log folder could not be opened: {error}");
                }
            }
        }
        _ => {}
    }
}
