//! Help > Check for Updates: asks the release endpoint set at build time (`plugins.updater` in
//! `tauri.conf.json`) whether a newer version is out, and only says so. Until signed macOS and
//! Windows builds exist the app installs nothing: the user gets the new version from the release
//! page (`bundle.homepage`), opened in their browser. A build without an endpoint never asks
//! anything (the updater plugin has no off switch: the app checks here).

use serde::Serialize;
use tauri::{AppHandle, Runtime};
use tauri_plugin_updater::UpdaterExt;
use ts_rs::TS;

/// What a check for updates found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum UpdateCheck {
    /// This build has no release endpoint: new versions come from whoever gave the app.
    #[serde(rename_all = "camelCase")]
    NotConfigured { current: String },
    /// The release endpoint has nothing newer.
    #[serde(rename_all = "camelCase")]
    UpToDate { current: String },
    /// A newer version is out; `page` says whether there is a release page to open.
    #[serde(rename_all = "camelCase")]
    Available {
        current: String,
        version: String,
        notes: Option<String>,
        page: bool,
    },
    /// The endpoint could not be asked, or its answer not read; `detail` is for support.
    #[serde(rename_all = "camelCase")]
    Failed { current: String, detail: String },
}

/// Asks the release endpoint, if this build has one.
pub async fn check<R: Runtime>(app: &AppHandle<R>) -> UpdateCheck {
    let current = app.package_info().version.to_string();
    if !has_endpoint(app) {
        return UpdateCheck::NotConfigured { current };
    }
    let asked = async { app.updater()?.check().await }.await;
    match asked {
        Ok(None) => UpdateCheck::UpToDate { current },
        Ok(Some(update)) => UpdateCheck::Available {
            current,
            version: update.version,
            notes: update.body.filter(|notes| !notes.trim().is_empty()),
            page: release_page(app).is_some(),
        },
        Err(e) => {
            log::warn!("the check for updates failed: {e}");
            UpdateCheck::Failed {
                current,
                detail: e.to_string(),
            }
        }
    }
}

/// The release page, where the user downloads a new version: the bundle's homepage.
pub fn release_page<R: Runtime>(app: &AppHandle<R>) -> Option<url::Url> {
    let page = app.config().bundle.homepage.as_deref()?;
    url::Url::parse(page)
        .ok()
        .filter(|url| matches!(url.scheme(), "https" | "http"))
}

/// Whether `plugins.updater.endpoints` names at least one endpoint.
fn has_endpoint<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.config()
        .plugins
        .0
        .get("updater")
        .and_then(|updater| updater.get("endpoints"))
        .and_then(|endpoints| endpoints.as_array())
        .is_some_and(|endpoints| !endpoints.is_empty())
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;

    use base64::Engine;
    use serde_json::json;
    use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};

    use super::*;

    /// What a release build of a new version publishes: the update package, and its minisign
    /// signature under the release key, as `tauri build` makes them; and the key, as
    /// `plugins.updater.pubkey` holds it.
    struct Release {
        pubkey: String,
        package: Vec<u8>,
        signature: String,
    }

    fn release(version: &str) -> Release {
        let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let package = format!("the Assistant Roster {version} package").into_bytes();
        let comment =
            format!("timestamp:1764500000\tfile:assistant-roster.AppImage\tversion:{version}");
        let signature =
            minisign::sign(Some(&keys.pk), &keys.sk, &package[..], Some(&comment), None).unwrap();
        let b64 = |text: String| base64::engine::general_purpose::STANDARD.encode(text);
        Release {
            pubkey: b64(keys.pk.to_box().unwrap().into_string()),
            package,
            signature: b64(signature.to_string()),
        }
    }

    /// A real HTTP server on 127.0.0.1 for a release endpoint: `/latest.json` answers the
    /// manifest `manifest(base)` gives (204 No Content for `None`), `/package` the package.
    /// Its base address.
    fn serve(manifest: impl FnOnce(&str) -> Option<serde_json::Value>, package: Vec<u8>) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let manifest = manifest(&base);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                let _ = reader.read_line(&mut request);
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    header.clear();
                }
                let (status, body) = match (request.split(' ').nth(1), &manifest) {
                    (Some("/latest.json"), Some(m)) => ("200 OK", m.to_string().into_bytes()),
                    (Some("/latest.json"), None) => ("204 No Content", Vec::new()),
                    (Some("/package"), _) => ("200 OK", package.clone()),
                    _ => ("404 Not Found", Vec::new()),
                };
                let mut stream = &stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(&body);
            }
        });
        base
    }

    /// The release manifest `tauri build` makes for `version`, for this system.
    fn manifest(version: &str, base: &str, signature: &str) -> serde_json::Value {
        // `linux-x86_64`, `darwin-aarch64`, ...
        let platform = tauri_plugin_updater::target().unwrap();
        let mut platforms = serde_json::Map::new();
        platforms.insert(
            platform,
            json!({ "url": format!("{base}/package"), "signature": signature }),
        );
        json!({
            "version": version,
            "notes": "Table view and print pages.",
            "pub_date": "2026-11-30T12:00:00Z",
            "platforms": platforms,
        })
    }

    /// The app (version 0.1.0) built with a release endpoint on loopback. The insecure-transport
    /// setting that plain http on 127.0.0.1 needs exists here, in the test's build, and nowhere
    /// else (see `the_shipped_configuration_asks_nothing_and_allows_no_insecure_transport`).
    fn app(endpoint: &str, pubkey: &str, homepage: Option<String>) -> tauri::App<MockRuntime> {
        let mut context = mock_context(noop_assets());
        context.config_mut().plugins.0.insert(
            "updater".into(),
            json!({
                "pubkey": pubkey,
                "endpoints": [endpoint],
                "dangerousInsecureTransportProtocol": true,
            }),
        );
        context.config_mut().bundle.homepage = homepage;
        mock_builder()
            .plugin(tauri_plugin_updater::Builder::new().build())
            .build(context)
            .unwrap()
    }

    #[tokio::test]
    async fn a_newer_signed_release_is_announced_and_nothing_is_installed() {
        let new = release("9.9.9");
        let signature = new.signature.clone();
        let base = serve(
            |base| Some(manifest("9.9.9", base, &signature)),
            new.package.clone(),
        );
        let app = app(
            &format!("{base}/latest.json"),
            &new.pubkey,
            Some(format!("{base}/releases")),
        );
        assert_eq!(
            check(app.handle()).await,
            UpdateCheck::Available {
                current: "0.1.0".into(),
                version: "9.9.9".into(),
                notes: Some("Table view and print pages.".into()),
                page: true,
            }
        );
        assert_eq!(
            release_page(app.handle()).unwrap().as_str(),
            format!("{base}/releases")
        );
        // The manifest is the real thing: its package verifies against the release key, and a
        // package changed on the way does not.
        let update = app.updater().unwrap().check().await.unwrap().unwrap();
        update.verify(&new.package).unwrap();
        assert!(update.verify(b"another package").is_err());
    }

    #[tokio::test]
    async fn the_same_version_no_content_and_a_silent_endpoint() {
        let same = release("0.1.0");
        let signature = same.signature.clone();
        let base = serve(|base| Some(manifest("0.1.0", base, &signature)), Vec::new());
        let up_to_date = UpdateCheck::UpToDate {
            current: "0.1.0".into(),
        };
        assert_eq!(
            check(app(&format!("{base}/latest.json"), &same.pubkey, None).handle()).await,
            up_to_date
        );
        // "Nothing new" said as 204 No Content.
        let base = serve(|_| None, Vec::new());
        assert_eq!(
            check(app(&format!("{base}/latest.json"), &same.pubkey, None).handle()).await,
            up_to_date
        );
        // Without a release page the user is told, with no page to open.
        let newer = release("0.2.0");
        let signature = newer.signature.clone();
        let base = serve(|base| Some(manifest("0.2.0", base, &signature)), Vec::new());
        let found = check(app(&format!("{base}/latest.json"), &newer.pubkey, None).handle()).await;
        assert!(
            matches!(found, UpdateCheck::Available { page: false, .. }),
            "{found:?}"
        );
        // Nobody listening: a failure with its cause, for support.
        let closed = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let found =
            check(app(&format!("http://{closed}/latest.json"), &newer.pubkey, None).handle()).await;
        assert!(
            matches!(&found, UpdateCheck::Failed { detail, .. } if !detail.is_empty()),
            "{found:?}"
        );
    }

    #[test]
    fn the_shipped_configuration_asks_nothing_and_allows_no_insecure_transport() {
        let config: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        let updater = &config["plugins"]["updater"];
        let settings = updater
            .as_object()
            .expect("the updater plugin is configured");
        assert!(
            settings
                .keys()
                .all(|key| !key.to_lowercase().contains("dangerous")),
            "{settings:?}"
        );
        for endpoint in updater["endpoints"].as_array().unwrap() {
            assert!(
                endpoint.as_str().unwrap().starts_with("https://"),
                "{endpoint}"
            );
        }
        // No endpoint in the shipped build: the app asks no server (see `check`).
        let mut context = mock_context(noop_assets());
        context
            .config_mut()
            .plugins
            .0
            .insert("updater".into(), updater.clone());
        let app = mock_builder()
            .plugin(tauri_plugin_updater::Builder::new().build())
            .build(context)
            .unwrap();
        assert_eq!(
            tauri::async_runtime::block_on(check(app.handle())),
            UpdateCheck::NotConfigured {
                current: "0.1.0".into()
            }
        );
    }
}
