//! The shapes that cross to the page. Their TypeScript declarations (`ui/ipc.d.ts`) are
//! generated from these types (see the test below), so the page cannot drift from the backend.

use serde::Serialize;
use ts_rs::TS;

use roster_core::{Card, Gaps, Platform};

use crate::settings::Account;

/// What the page shows of an account.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountView {
    pub id: String,
    pub base: String,
    pub label: String,
    /// The built-in sample account.
    pub sample: bool,
    /// The key is in memory only, because the keyring could not be used.
    pub session_only: bool,
}

impl AccountView {
    pub fn of(account: &Account, session_only: bool) -> AccountView {
        AccountView {
            id: account.id.clone(),
            base: account.base.clone(),
            label: account.label.clone(),
            sample: false,
            session_only,
        }
    }

    pub fn sample() -> AccountView {
        AccountView {
            id: "sample".to_owned(),
            base: String::new(),
            label: "Sample account".to_owned(),
            sample: true,
            session_only: false,
        }
    }
}

/// A list of assistants as the page gets it: one card each, with where and when it came from.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Roster {
    /// Names this list in later calls: search, assistant, raw_assistant, export_list.
    pub list_id: u64,
    pub account: AccountView,
    pub cards: Vec<Card>,
    /// What of the answer is not among the cards, and why (the page says so).
    pub gaps: Gaps,
    pub fetched_at_ms: i64,
}

/// What the page needs to start.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Startup {
    pub platforms: &'static [Platform],
    /// The account to open straight away (the last one used), if one is connected.
    pub account: Option<AccountView>,
    /// Every connected account, for the switcher.
    pub accounts: Vec<AccountView>,
    /// The platform's limit on the greeting's length, in characters.
    pub greeting_limit: usize,
    /// Where a damaged settings file was set aside at this start (its accounts are not listed:
    /// the user connects them again), so the page can say so.
    pub settings_set_aside: Option<String>,
}

/// A new account's first list, and every connected account now.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Connected {
    pub roster: Roster,
    pub accounts: Vec<AccountView>,
}

/// After an account is removed: the one to open next, if any, and every connected account now.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Removed {
    pub next: Option<AccountView>,
    pub accounts: Vec<AccountView>,
}

/// Voice and language names by id, for the detail view.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Lookups {
    pub voices: Vec<(String, String)>,
    pub languages: Vec<(String, String)>,
}

/// The last good list of the open account, kept on disk.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CachedRoster {
    pub roster: Option<Roster>,
    /// A saved list was there but damaged; it was set aside.
    pub damaged: bool,
}

#[cfg(test)]
mod tests {
    use ts_rs::{Config, TS};

    /// Writes `ui/ipc.d.ts`, the page's view of every shape above and of the core's. The test
    /// command runs this, then fails if the committed file differs (`git diff --exit-code`).
    #[test]
    fn typescript_bindings() {
        let cfg = Config::new().with_large_int("number");
        let decls = [
            roster_core::Assistant::decl(&cfg),
            roster_core::Timestamp::decl(&cfg),
            roster_core::Card::decl(&cfg),
            roster_core::Check::decl(&cfg),
            roster_core::CheckCode::decl(&cfg),
            roster_core::Gaps::decl(&cfg),
            roster_core::Platform::decl(&cfg),
            roster_core::Reason::decl(&cfg),
            roster_core::ExportFormat::decl(&cfg),
            super::AccountView::decl(&cfg),
            super::Roster::decl(&cfg),
            super::Startup::decl(&cfg),
            super::Connected::decl(&cfg),
            super::Removed::decl(&cfg),
            super::Lookups::decl(&cfg),
            super::CachedRoster::decl(&cfg),
            crate::error::AppError::decl(&cfg),
            crate::error::ErrorKind::decl(&cfg),
            crate::error::ErrorReason::decl(&cfg),
            crate::error::KeyringReason::decl(&cfg),
        ];
        let mut text = String::from(
            "// Generated from the Rust types by `cargo test typescript_bindings` (src-tauri/ipc.rs).\n\
             // Do not edit: change the Rust type, then run the test command.\n",
        );
        for decl in decls {
            text.push_str("\nexport ");
            text.push_str(&decl);
            text.push('\n');
        }
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/ipc.d.ts");
        std::fs::write(path, text).unwrap();
    }
}
