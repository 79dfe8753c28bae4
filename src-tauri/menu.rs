//! The native menu: the platform's usual entries (the app menu on macOS, Edit so copy and paste
//! work everywhere, Window), plus View > Refresh and Help > About with the app's metadata.

use tauri::menu::{
    AboutMetadata, Menu, MenuEvent, MenuItem, MenuItemKind, PredefinedMenuItem, Submenu,
};
use tauri::{AppHandle, Emitter, Runtime};

const REFRESH: &str = "refresh";

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let menu = Menu::default(app)?;
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
    let refresh = MenuItem::with_id(app, REFRESH, "Refresh", true, Some("CmdOrCtrl+R"))?;
    let view = Submenu::with_items(app, "View", true, &[&refresh])?;
    let about_item = PredefinedMenuItem::about(app, Some("About Assistant Roster"), Some(about))?;
    // The default menu ends with Help on every platform: View goes before it, About into it.
    let items = menu.items()?;
    let help = items.iter().rev().find_map(|item| match item {
        MenuItemKind::Submenu(submenu) if submenu.text().is_ok_and(|t| t == "Help") => {
            Some(submenu.clone())
        }
        _ => None,
    });
    match help {
        Some(help) => {
            menu.insert(&view, items.len() - 1)?;
            help.append(&about_item)?;
        }
        None => {
            menu.append(&view)?;
            menu.append(&Submenu::with_items(app, "Help", true, &[&about_item])?)?;
        }
    }
    Ok(menu)
}

/// Menu commands the page carries out arrive as a `menu` event with the item's id.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    if event.id().as_ref() == REFRESH {
        let _ = app.emit("menu", REFRESH);
    }
}
