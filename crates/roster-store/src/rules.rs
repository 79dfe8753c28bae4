//! Each account's review rules: the built-ins it keeps on and the manager's own phrases, kept
//! with the account's history and marks (and in its backups).

use roster_core::RuleSettings;
use rusqlite::{params, OptionalExtension};

use crate::{Store, StoreError};

impl Store {
    /// The rules of `account`; the defaults when the manager never changed them (or when what
    /// is stored cannot be read, which is then kept until the manager saves new rules).
    pub fn rule_settings(&self, account: &str) -> Result<RuleSettings, StoreError> {
        let stored: Option<String> = self
            .conn
            .query_row(
                "SELECT settings FROM rules WHERE account = ?1",
                [account],
                |row| row.get(0),
            )
            .optional()?;
        Ok(stored
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default())
    }

    /// Keeps `settings` as the rules of `account`, changed at `at` (ms since the epoch).
    pub fn set_rule_settings(
        &mut self,
        account: &str,
        settings: &RuleSettings,
        at: i64,
    ) -> Result<(), StoreError> {
        let text = serde_json::to_string(settings).expect("plain data serializes");
        self.conn.execute(
            "INSERT OR REPLACE INTO rules (account, settings, changed_at) VALUES (?1, ?2, ?3)",
            params![account, text, at],
        )?;
        Ok(())
    }
}
