//! The shapes that cross to the page. Their TypeScript declarations (`ui/ipc.d.ts`) are
//! generated from these types (see the test below), so the page cannot drift from the backend.

use serde::Serialize;
use ts_rs::TS;

use roster_core::{Card, Gaps, Platform};

use crate::settings::Account;

/// How much of a list has arrived while it is fetched.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoadProgress {
    /// Bytes received so far.
    pub received: u64,
    /// The whole length, when the platform said it.
    pub expected: Option<u64>,
}

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
    /// Every card, by position; with `reuses`, only those the page does not hold, in order. At
    /// most `CARDS_PER_MESSAGE` of them: the page asks for the `more` that follow.
    pub cards: Vec<Card>,
    /// How many cards follow `cards`, asked for a slice at a time with `more_cards`.
    pub more: u32,
    /// Set when this list is a refresh of the list whose cards the page holds: the page makes
    /// this one's cards from those and `cards`.
    pub reuses: Option<Reuse>,
    /// What of the answer is not among the cards, and why (the page says so).
    pub gaps: Gaps,
    pub fetched_at_ms: i64,
}

/// How a refreshed list's cards are made from those of the list the page holds. A refresh
/// that changed one assistant of 10,000 sends one card, not 4.7 MB of them.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reuse {
    /// The list whose cards the page holds.
    pub list_id: u64,
    /// For each position, the position of the same card in that list, or `null` for the next
    /// of `Roster::cards`; `null` as a whole when every card is the one at its own position.
    pub places: Option<Vec<Option<u32>>>,
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

/// Where the app keeps its files, for the help's "where the app keeps your things". A folder
/// the system could not name is `None`.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HelpFolders {
    /// `linux`, `macos` or `windows`: how the app is removed there.
    pub os: String,
    /// The settings file's folder (accounts, no keys).
    pub settings: Option<String>,
    /// The review memory's folder.
    pub data: Option<String>,
    /// The log's folder.
    pub logs: Option<String>,
}

/// The last good list of the open account, kept on disk.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CachedRoster {
    pub roster: Option<Roster>,
    /// A saved list was there but damaged; it was set aside.
    pub damaged: bool,
}

/// The first screen of the offline copy, read by position before the whole list is asked for:
/// the cards at the positions the page asked (those its kept order by name shows first).
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedHead {
    /// How many assistants the whole list has.
    pub count: u32,
    /// The cards at the positions asked, in that order.
    pub cards: Vec<Card>,
    pub fetched_at_ms: i64,
    pub gaps: Gaps,
}

/// What changed in a shown list since an earlier fetch, and what the manager reviewed: the
/// review memory's answer for the page. Assistants are named by their position in the list.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListReview {
    pub list_id: u64,
    /// When the earlier list compared with was last fetched; `None` when there is none yet (the
    /// account's first fetch, or nothing recorded that long ago).
    pub since_ms: Option<i64>,
    /// When the account's oldest recorded fetch was made, if any.
    pub history_from_ms: Option<i64>,
    /// Assistants the earlier list did not hold.
    pub added: Vec<u32>,
    pub changed: Vec<ChangedCard>,
    /// Assistants the earlier list held and this one does not.
    pub removed: Vec<RemovedAssistant>,
    /// False when this list is partial: what it lacks may still be on the platform.
    pub removals_known: bool,
    /// The assistants with a reviewed mark.
    pub reviewed: Vec<ReviewedCard>,
    /// When the manager last marked any assistant of the account as reviewed.
    pub last_review_ms: Option<i64>,
    /// Where a damaged review memory was set aside (once), so the page can say so.
    pub set_aside: Option<String>,
}

/// An assistant whose content changed.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChangedCard {
    pub position: u32,
    /// The page's names of the fields that differ (`systemPrompt`, `variables`, ...).
    pub fields: Vec<String>,
    /// Only `updatedAt` moved: the platform says it changed; nothing the app shows did.
    pub only_updated: bool,
    /// The review rules this version fails and the earlier one passed (content rules only).
    pub newly_failing: Vec<String>,
}

/// An assistant that is no longer in the list.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RemovedAssistant {
    pub id: String,
    pub name: Option<String>,
}

/// A reviewed mark on an assistant of the list.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewedCard {
    pub position: u32,
    pub at_ms: i64,
    pub note: String,
    /// The assistant's content is no longer the version reviewed.
    pub changed_since: bool,
}

/// What restoring a backup file will do, shown before it is done.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestorePlan {
    /// Names the file read, for `restore_backup`.
    pub token: u64,
    /// When the backup was made.
    pub created_at_ms: i64,
    pub accounts: Vec<RestoreAccount>,
}

/// What a restore does to one account's marks.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreAccount {
    pub id: String,
    /// The account's name on this computer, or its address when it is not connected here.
    pub label: String,
    /// Marks in the file.
    pub in_file: u32,
    /// Marks on this computer the file's replace.
    pub replaced: u32,
}

/// One version of an assistant the review memory has seen.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VersionSeen {
    /// The version's content hash, in hex: names it in `compare_versions`.
    pub id: String,
    pub first_seen_ms: i64,
    pub last_seen_ms: i64,
    /// The version shown now.
    pub current: bool,
}

/// The review history on this computer, for its settings.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryInfo {
    /// Bytes the database takes on disk.
    pub bytes: u64,
    /// How long history is kept, in days; `None`: for ever.
    pub keep_days: Option<u32>,
    /// When the oldest list kept was fetched.
    pub oldest_ms: Option<i64>,
    /// Where the database is, for the user's own backups.
    pub path: String,
}

/// How one assistant (or version) differs from another: fields, variables, and its greeting and
/// prompt word by word when they differ.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub difference: roster_core::Difference,
    pub greeting: Vec<roster_core::Segment>,
    pub prompt: Vec<roster_core::Segment>,
}

/// What changed in one assistant since an earlier fetch, for its detail view.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssistantChanges {
    /// When the earlier version was last seen.
    pub since_ms: i64,
    /// Not in the earlier list.
    pub added: bool,
    #[serde(flatten)]
    #[ts(flatten)]
    pub comparison: Comparison,
}

/// The review rules of a list's account, and what they find in the list.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListRules {
    pub list_id: u64,
    pub settings: roster_core::RuleSettings,
    /// Whether changed rules are kept: not for the sample, whose rules last the session.
    pub kept: bool,
    /// The rules checked, in order: built-ins by name (`aiDisclosure`), then `own-<n>`.
    pub rules: Vec<String>,
    /// Per position: the indexes in `rules` of the rules the assistant fails.
    pub fails: Vec<Vec<u8>>,
    /// Per rule: how many assistants fail it.
    pub failed: Vec<u32>,
    /// Per rule: how many assistants it could not check.
    pub unchecked: Vec<u32>,
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
            roster_core::CardTime::decl(&cfg),
            roster_core::Card::decl(&cfg),
            roster_core::Check::decl(&cfg),
            roster_core::CheckCode::decl(&cfg),
            roster_core::Gaps::decl(&cfg),
            roster_core::Platform::decl(&cfg),
            roster_core::Reason::decl(&cfg),
            roster_core::ExportFormat::decl(&cfg),
            roster_core::Difference::decl(&cfg),
            roster_core::FieldChange::decl(&cfg),
            roster_core::VariableChange::decl(&cfg),
            roster_core::Shown::decl(&cfg),
            roster_core::Segment::decl(&cfg),
            roster_core::SegmentChange::decl(&cfg),
            roster_core::RuleSettings::decl(&cfg),
            roster_core::CallingHours::decl(&cfg),
            roster_core::BuiltInRule::decl(&cfg),
            roster_core::OwnRule::decl(&cfg),
            roster_core::Expect::decl(&cfg),
            roster_core::Place::decl(&cfg),
            roster_core::Finding::decl(&cfg),
            roster_core::Verdict::decl(&cfg),
            roster_core::Why::decl(&cfg),
            super::AccountView::decl(&cfg),
            super::LoadProgress::decl(&cfg),
            super::Roster::decl(&cfg),
            super::Reuse::decl(&cfg),
            super::Startup::decl(&cfg),
            super::Connected::decl(&cfg),
            super::Removed::decl(&cfg),
            super::Lookups::decl(&cfg),
            super::HelpFolders::decl(&cfg),
            crate::updates::UpdateCheck::decl(&cfg),
            super::CachedRoster::decl(&cfg),
            super::SavedHead::decl(&cfg),
            super::ListReview::decl(&cfg),
            super::ChangedCard::decl(&cfg),
            super::RemovedAssistant::decl(&cfg),
            super::ReviewedCard::decl(&cfg),
            super::AssistantChanges::decl(&cfg),
            super::Comparison::decl(&cfg),
            super::HistoryInfo::decl(&cfg),
            super::VersionSeen::decl(&cfg),
            super::RestorePlan::decl(&cfg),
            super::RestoreAccount::decl(&cfg),
            super::ListRules::decl(&cfg),
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
