//! Assistant Roster: review the outbound AI phone assistants of a Sondos-family account.
//!
//! Data flows keyring (`secrets`) -> HTTP client (`api`) -> the domain (`roster_core`: decode,
//! open list, checks, search, export) -> the session (`session`) -> thin commands (`cmd`) -> the
//! page in `ui/`. Files of the app's own are `settings` (accounts) and the review memory
//! (`memory`: history, marks and each account's offline copy); the shapes the page gets are in
//! `ipc`.

mod api;
mod bodies;
mod cmd;
mod diagnostics;
mod error;
mod files;
mod ipc;
mod legacy;
mod memory;
mod menu;
#[cfg(target_os = "linux")]
mod painting;
mod private_file;
mod review;
mod secrets;
mod session;
mod settings;
mod system_dialog;
mod updates;
mod words;

use tauri::{Manager, Runtime};

pub use crate::api::{
    http_client, http_client_with, ApiClient, Progress, Timeouts, MAX_BODY_BYTES,
};
pub use crate::bodies::Arriving;
pub use crate::error::{Error, ErrorKind};
use crate::memory::ReviewMemory;
use crate::secrets::KEYRING_SERVICE;
pub use crate::secrets::{ApiKey, KeyStore};
use crate::session::Session;
pub use crate::session::SAMPLE_BODY;
use crate::settings::SettingsFile;

/// The app's builder, generic over the runtime so tests can use `tauri::test::mock_builder()`.
pub fn app_builder<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            manage_state(app.handle())?;
            open_main_window(app.handle())?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            cmd::accounts::startup,
            cmd::language::set_language,
            cmd::help::diagnostics,
            cmd::help::help_folders,
            cmd::help::check_updates,
            cmd::help::open_release_page,
            cmd::accounts::connect,
            cmd::accounts::change_key,
            cmd::list::load_progress,
            cmd::list::stop_loading,
            cmd::accounts::switch_account,
            cmd::accounts::confirm_removal,
            cmd::accounts::remove_account,
            cmd::accounts::recoverable_accounts,
            cmd::accounts::recover_account,
            cmd::list::refresh,
            cmd::list::saved_head,
            cmd::list::cached_roster,
            cmd::list::more_cards,
            cmd::list::list_shown,
            cmd::list::open_sample,
            cmd::list::search,
            cmd::list::assistant,
            cmd::list::raw_assistant,
            cmd::list::lookups,
            cmd::review::list_review,
            cmd::review::assistant_changes,
            cmd::review::set_reviewed,
            cmd::review::history_info,
            cmd::review::keep_history,
            cmd::review::assistant_timeline,
            cmd::review::compare_versions,
            cmd::review::compare_assistants,
            cmd::review::save_backup,
            cmd::review::open_backup,
            cmd::review::restore_backup,
            cmd::rules::list_rules,
            cmd::rules::save_rules,
            cmd::rules::assistant_rules,
            cmd::export::export_list,
            cmd::export::show_export,
            cmd::links::open_webhook,
        ])
}

/// Opens the window described in tauri.conf.json (`create: false` there), locked to the app's
/// own pages: navigation anywhere else and new windows (`window.open`, `target=_blank`) are denied.
fn open_main_window<R: Runtime>(app: &tauri::AppHandle<R>) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .first()
        .cloned()
        .unwrap_or_default();
    tauri::WebviewWindowBuilder::from_config(app, &config)?
        .on_navigation(is_app_page)
        .on_new_window(|_, _| tauri::webview::NewWindowResponse::Deny)
        .build()?;
    Ok(())
}

/// Whether a URL is one of the app's own pages: `tauri://localhost` (Linux, macOS) or
/// `http(s)://tauri.localhost` (Windows).
fn is_app_page(url: &url::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// Puts the commands' shared session in the app: the keyring, the settings file in the app's
/// config folder, the review memory in its local data folder, and the HTTP client.
fn manage_state<R: Runtime>(app: &tauri::AppHandle<R>) -> Result<(), Box<dyn std::error::Error>> {
    let config_dir = app.path().app_config_dir()?;
    let data_dir = app.path().app_local_data_dir()?;
    // Earlier versions kept saved lists in the cache folder; the review memory takes them in.
    let legacy_dir = app.path().app_cache_dir()?;
    let session = Session::new(
        KeyStore::new(KEYRING_SERVICE),
        SettingsFile::in_dir(&config_dir),
        ReviewMemory::in_dir(&data_dir, &legacy_dir),
        Timeouts::default(),
    );
    app.manage(session);
    app.manage(files::LastExport::default());
    app.manage(words::Language::default());
    Ok(())
}

/// glibc gives threads that allocate at the same time arenas of their own (up to eight per core)
/// and keeps what is freed in each for that arena: a list decoded on one thread and refreshed on
/// another then holds two sets of pages. Two arenas keep the app 15 MiB smaller at rest with
/// 10,000 assistants (BENCHMARKS.md); its parallel work (versions, rules) allocates little.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn share_allocator_arenas() {
    // SAFETY: mallopt only sets one of glibc's tuning values; it is called before the app starts
    // any thread of its own.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn share_allocator_arenas() {}

/// Starts the app: one instance (a second launch focuses the open window), the window's size and
/// position remembered, and the native menu.
pub fn run() {
    share_allocator_arenas();
    #[cfg(target_os = "linux")]
    painting::choose();
    let app = desktop_builder(true).build(context());
    // A previous instance that is still shutting down holds the single-instance name but can no
    // longer answer: start normally rather than fail.
    let app = match app {
        Err(tauri::Error::PluginInitialization(plugin, _)) if plugin == "single-instance" => {
            desktop_builder(false).build(context())
        }
        other => other,
    };
    app.expect("error while running Assistant Roster")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // A saved list still on its way to the screen did not stop the app.
                if let Some(session) = app.try_state::<Session>() {
                    session.closing();
                }
            }
        });
}

fn context() -> tauri::Context<tauri::Wry> {
    tauri::generate_context!()
}

fn desktop_builder(single_instance: bool) -> tauri::Builder<tauri::Wry> {
    let mut builder = tauri::Builder::default();
    if single_instance {
        // First, so a second launch exits before doing anything else.
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }));
    }
    let builder = builder
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(diagnostics::log_plugin())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .menu(menu::build)
        .on_menu_event(menu::on_event);
    app_builder(builder)
}

/// Checks that `tests/fixtures/<name>`, which the browser tests read, is `made` (what the app's
/// code makes now); with `UPDATE_FIXTURES` set, writes it first. `test` names the test to run
/// again to do that.
#[cfg(test)]
fn assert_fixture(name: &str, made: &[u8], test: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, made).unwrap();
    }
    assert!(
        std::fs::read(&path).is_ok_and(|committed| committed == made),
        "{} is stale: run UPDATE_FIXTURES=1 cargo test --lib {test}",
        path.display()
    );
}

#[cfg(test)]
mod tests {
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::WebviewWindowBuilder;

    /// A command that exists in the handler but that no capability grants.
    #[tauri::command]
    fn not_granted() -> &'static str {
        "should never be reachable"
    }

    type Webview = tauri::WebviewWindow<tauri::test::MockRuntime>;

    fn invoke_with(
        webview: &Webview,
        cmd: &str,
        args: serde_json::Value,
    ) -> Result<tauri::ipc::InvokeResponseBody, serde_json::Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // The local origin of the app on Linux and macOS.
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(webview, request)
    }

    fn invoke(webview: &Webview, cmd: &str) -> Result<serde_json::Value, serde_json::Value> {
        invoke_with(webview, cmd, serde_json::json!({}))
            .map(|body| body.deserialize::<serde_json::Value>().unwrap())
    }

    fn app() -> (tauri::App<tauri::test::MockRuntime>, Webview) {
        build(
            super::app_builder(mock_builder()).invoke_handler(tauri::generate_handler![
                crate::cmd::accounts::startup,
                crate::cmd::list::open_sample,
                not_granted,
            ]),
        )
    }

    /// The app with all its own commands.
    fn whole_app() -> (tauri::App<tauri::test::MockRuntime>, Webview) {
        build(super::app_builder(mock_builder()))
    }

    fn build(
        builder: tauri::Builder<tauri::test::MockRuntime>,
    ) -> (tauri::App<tauri::test::MockRuntime>, Webview) {
        let app = builder
            .build(tauri::generate_context!())
            .expect("the app builds with its real config and capabilities");
        // The mock runtime never reaches the event loop, where setup would run.
        super::manage_state(app.handle()).unwrap();
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        (app, webview)
    }

    #[test]
    fn granted_commands_are_callable_through_the_real_capabilities() {
        let (_app, webview) = app();
        let startup = invoke(&webview, "startup").expect("startup is granted");
        assert_eq!(startup["platforms"][0]["name"], "AIployees");
        let sample = invoke(&webview, "open_sample").expect("open_sample is granted");
        assert_eq!(sample["cards"].as_array().unwrap().len(), 13);
        assert_eq!(sample["account"]["sample"], true);
    }

    /// The flags `search` answers (raw bytes) for list `list_id`.
    fn search(webview: &Webview, list_id: &serde_json::Value, query: &str) -> Vec<u8> {
        let args = serde_json::json!({ "listId": list_id, "query": query });
        match invoke_with(webview, "search", args).expect("search answers") {
            tauri::ipc::InvokeResponseBody::Raw(bytes) => bytes,
            other => panic!("search answered JSON: {other:?}"),
        }
    }

    #[test]
    fn the_shown_list_is_searched_and_opened_in_rust_and_survives_a_list_that_cannot_be_read() {
        let (_app, webview) = whole_app();
        let sample = invoke(&webview, "open_sample").unwrap();
        let list_id = &sample["listId"];
        let cards = sample["cards"].as_array().unwrap();
        // The cards carry no prompt; the whole assistant comes on request.
        assert!(cards.iter().all(|c| c.get("systemPrompt").is_none()));
        let flags = search(&webview, list_id, "KEIGO");
        assert_eq!(flags.len(), cards.len());
        let hit = flags
            .iter()
            .position(|&f| f == 1)
            .expect("a prompt matches");
        assert_eq!(flags.iter().filter(|&&f| f == 1).count(), 1);
        let args = serde_json::json!({ "listId": list_id, "position": hit });
        let whole = invoke_with(&webview, "assistant", args)
            .unwrap()
            .deserialize::<serde_json::Value>()
            .unwrap();
        assert!(whole["systemPrompt"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("keigo"));
        assert_eq!(whole["name"], cards[hit]["name"]);

        // A platform answering something that is not a list: the connect fails, and the sample
        // the page still shows stays searchable under its number.
        let server = tauri::async_runtime::block_on(mock_server::MockServer::start(
            0,
            "k",
            mock_server::Scenario::Custom {
                status: 200,
                headers: vec![("content-type".into(), "application/json".into())],
                body: br#"{"message": "no list here"}"#.to_vec(),
            },
        ))
        .unwrap();
        let connect = serde_json::json!({ "base": server.base_url(), "key": "k", "label": null, "remember": false });
        let refused = invoke_with(&webview, "connect", connect).unwrap_err();
        assert_eq!(refused["kind"], "unreadable");
        assert_eq!(search(&webview, list_id, "keigo"), flags);
        // An unknown list answers nothing rather than another list's results.
        assert!(search(&webview, &serde_json::json!(999), "keigo").is_empty());
    }

    /// The browser tests of the page (tests/ui) feed it `tests/fixtures/sample-roster.json`,
    /// which must be exactly what `open_sample` sends, plus what the stubbed backend needs to
    /// answer `assistant` and `search` like the real one: every whole assistant and its search
    /// text. This keeps the two in step: run with `UPDATE_FIXTURES=1` after changing the model
    /// or the sample.
    #[test]
    fn the_ui_fixture_is_what_open_sample_sends() {
        let (_app, webview) = whole_app();
        let mut roster = invoke(&webview, "open_sample").unwrap();
        // The two values that change with every call.
        roster["listId"] = 1.into();
        roster["fetchedAtMs"] = 0.into();
        let count = roster["cards"].as_array().unwrap().len();
        let assistants: Vec<serde_json::Value> = (0..count)
            .map(|position| {
                let args = serde_json::json!({ "listId": 1, "position": position });
                let whole = invoke_with(&webview, "assistant", args).unwrap();
                whole.deserialize::<serde_json::Value>().unwrap()
            })
            .collect();
        let decoded = roster_core::decode_assistants(super::SAMPLE_BODY).unwrap();
        let search_text: Vec<_> = decoded
            .assistants
            .iter()
            .map(roster_core::search_text)
            .collect();
        let fixture = serde_json::json!({
            "roster": roster,
            "assistants": assistants,
            "searchText": search_text,
        });
        let text = serde_json::to_string_pretty(&fixture).unwrap() + "\n";
        crate::assert_fixture("sample-roster.json", text.as_bytes(), "the_ui_fixture");
    }

    #[test]
    fn only_the_apps_own_pages_may_load() {
        let allowed = [
            "tauri://localhost/",
            "tauri://localhost/index.html",
            "http://tauri.localhost/",
            "https://tauri.localhost/x",
        ];
        for url in allowed {
            assert!(super::is_app_page(&url.parse().unwrap()), "{url}");
        }
        let denied = [
            "https://evil.example/",
            "http://localhost:8080/",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "tauri://evil/",
            "data:text/html,hi",
        ];
        for url in denied {
            assert!(!super::is_app_page(&url.parse().unwrap()), "{url}");
        }
    }

    /// Whether `cmd` is refused by the access control (not merely failing on its arguments).
    fn refused_by_acl(webview: &Webview, cmd: &str) -> bool {
        match invoke(webview, cmd) {
            Ok(_) => false,
            Err(error) => error
                .as_str()
                .is_some_and(|text| text.contains("not allowed")),
        }
    }

    #[test]
    fn commands_and_plugins_not_granted_are_refused() {
        let (_app, webview) = app();
        assert!(invoke(&webview, "not_granted").is_err());
        // Everything registered that the page does not use: core's window, webview, menu, tray,
        // app and path APIs, event emitting, and the plugins the app uses from Rust only.
        for cmd in [
            "plugin:window|close",
            "plugin:window|set_title",
            "plugin:webview|create_webview_window",
            "plugin:menu|new",
            "plugin:tray|new",
            "plugin:app|app_hide",
            "plugin:path|resolve_directory",
            "plugin:event|emit",
            "plugin:opener|open_url",
            "plugin:dialog|save",
        ] {
            assert!(
                refused_by_acl(&webview, cmd),
                "{cmd} is reachable from the page"
            );
        }
        // What the page uses (the menu's events) is granted: it fails on its missing arguments.
        assert!(!refused_by_acl(&webview, "plugin:event|listen"));
    }
}
