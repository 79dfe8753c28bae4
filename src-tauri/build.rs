fn main() {
    // Only the commands listed here exist for the ACL; the capability file grants them.
    let commands = &[
        "startup",
        "connect",
        "change_key",
        "load_progress",
        "stop_loading",
        "refresh",
        "cached_roster",
        "list_shown",
        "open_sample",
        "switch_account",
        "remove_account",
        "recoverable_accounts",
        "recover_account",
        "search",
        "assistant",
        "lookups",
        "raw_assistant",
        "open_webhook",
        "export_list",
        "show_export",
        "list_review",
        "assistant_changes",
        "set_reviewed",
        "history_info",
        "keep_history",
        "assistant_timeline",
        "compare_versions",
        "compare_assistants",
        "save_backup",
        "open_backup",
        "restore_backup",
        "list_rules",
        "save_rules",
        "assistant_rules",
    ];
    // The capabilities are compiled into the app: a change to them must rebuild it.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("failed to run tauri-build");
}
