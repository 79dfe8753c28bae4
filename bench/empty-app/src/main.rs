// An empty Tauri 2 app: the window of tauri.conf.json and a static page, nothing else.
fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the empty app failed to start");
}
