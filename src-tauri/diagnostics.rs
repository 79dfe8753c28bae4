//! Help when something goes wrong: the app's log (the official log plugin, in the OS log folder,
//! rotated), the last errors, and the diagnostic information a user copies for support. Never
//! the key (its type cannot print itself) nor the list's contents: an error that could quote
//! the platform's answer is noted by its kind alone.

use std::collections::VecDeque;
use std::sync::Mutex;

use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

use crate::error::Error;

/// How many of the last errors the diagnostic information holds.
const KEPT: usize = 20;

/// The last errors the page was told about, newest last, each with its time (UTC).
static RECENT: Mutex<VecDeque<String>> = Mutex::new(VecDeque::new());

/// The log: `assistant-roster.log` in the OS log folder, up to 1 MB, the three files before it
/// kept; warnings and errors of the app, not every request.
pub fn log_plugin<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .target(Target::new(TargetKind::LogDir {
            file_name: Some("assistant-roster".into()),
        }))
        .max_file_size(1_000_000)
        .rotation_strategy(RotationStrategy::KeepSome(3))
        .level(log::LevelFilter::Info)
        .build()
}

/// Notes `error`, which the page is being told about: in the log and among the last errors.
pub fn record(error: &Error) {
    let line = describe(error);
    log::warn!("{line}");
    let stamp = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ");
    let mut recent = RECENT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if recent.len() == KEPT {
        recent.pop_front();
    }
    recent.push_back(format!("{stamp} {line}"));
}

/// An error in one line: its kind, and what went wrong unless that could quote the list.
fn describe(error: &Error) -> String {
    let kind: &'static str = error.kind().into();
    match error {
        // A body that could not be read: its parser's words may quote a part of it.
        Error::Unreadable(_) | Error::BrokenCompression(_) => kind.to_owned(),
        other => format!("{kind}: {other}"),
    }
}

/// What the diagnostic information says of the machine and the app.
pub struct Facts {
    pub version: String,
    pub webview: String,
    pub language: String,
    /// The open account's platform address, if one is open.
    pub platform: Option<String>,
    pub log_folder: Option<String>,
}

/// The diagnostic information: versions, system, language, platform address, log folder and
/// the last errors. Plain text for a support ticket.
pub fn report(facts: &Facts) -> String {
    let mut out = format!(
        "Assistant Roster {}\nTauri {}, web view {}\nSystem: {} {} {}\nLanguage: {}\nPlatform: {}\nLog folder: {}\nLast errors (oldest first):\n",
        facts.version,
        tauri::VERSION,
        facts.webview,
        std::env::consts::OS,
        std::env::consts::ARCH,
        os_name(),
        facts.language,
        facts.platform.as_deref().unwrap_or("none open"),
        facts.log_folder.as_deref().unwrap_or("unknown"),
    );
    let recent = RECENT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if recent.is_empty() {
        out.push_str("none\n");
    }
    for line in recent.iter() {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The system's own name for itself where it says one (Linux's os-release).
fn os_name() -> String {
    std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|line| line.strip_prefix("PRETTY_NAME="))
                .map(|name| name.trim_matches('"').to_owned())
        })
        .map(|name| format!("({name})"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_names_errors_but_never_keys_or_what_the_platform_sent() {
        record(&Error::BadKey { status: 401 });
        // A parser's words that quote the answer: only the kind is kept.
        let unreadable = roster_core::OpenList::open(roster_core::Body::shared(
            br#"{"secret": "Sarah's prompt"#.to_vec(),
        ))
        .unwrap_err();
        record(&Error::from(unreadable));
        let report = report(&Facts {
            version: "1.2.3".into(),
            webview: "2.46".into(),
            language: "de".into(),
            platform: Some("https://call.aiployees.com/api".into()),
            log_folder: Some("/home/u/.local/share/app/logs".into()),
        });
        assert!(report.starts_with("Assistant Roster 1.2.3\n"), "{report}");
        assert!(report.contains("Platform: https://call.aiployees.com/api"));
        assert!(report.contains("bad_key: the platform did not accept the API key (HTTP 401)"));
        assert!(report.contains(" unreadable\n"), "{report}");
        assert!(!report.contains("Sarah"), "{report}");
    }
}
