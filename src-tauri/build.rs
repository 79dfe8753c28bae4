fn main() {
    // Only the commands listed here exist for the ACL; the capability file grants them.
    let commands = &[
        "startup",
        "connect",
        "refresh",
        "cached_roster",
        "open_sample",
        "switch_account",
        "remove_account",
        "search",
        "assistant",
        "lookups",
        "raw_assistant",
        "open_link",
        "export_list",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("failed to run tauri-build");
}
