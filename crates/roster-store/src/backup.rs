//! Backups of what only the manager made: reviewed marks and their notes, and review rules, for
//! every account, in one JSON file that also moves them to another computer. History is not in
//! it: it comes back with the next fetches. A restore replaces the marks (and the rules, when the
//! file has them) of the accounts in the file, and says first what it will replace.

use std::collections::HashMap;

use roster_core::{RuleSettings, CONTENT_VERSION};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::history::hash_of;
use crate::{Store, StoreError};

/// What a backup file says it is.
const FORMAT: &str = "assistant-roster-review-backup";
/// The version of the file's layout this app writes and reads.
const VERSION: u32 = 1;

/// A backup of the reviewed marks and notes of every account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Backup {
    format: String,
    version: u32,
    /// When it was made (ms since the epoch).
    pub created_at: i64,
    /// The marks, by account.
    pub accounts: Vec<AccountMarks>,
}

/// The marks of one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountMarks {
    /// The account (its id in the app's settings).
    pub account: String,
    /// Every mark, oldest first.
    pub marks: Vec<Mark>,
    /// The account's review rules, when the manager set any (files before rules have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<RuleSettings>,
}

/// One reviewed mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mark {
    /// The assistant's key (see [`keys`](crate::keys)).
    pub assistant: String,
    /// The content hash of the version reviewed, in hex.
    pub hash: String,
    /// The version of that hash (`roster_core::CONTENT_VERSION`).
    pub content_version: u32,
    /// When it was reviewed (ms since the epoch).
    pub at: i64,
    /// The note; empty when none.
    pub note: String,
}

/// What restoring a backup will do to one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreStep {
    /// The account.
    pub account: String,
    /// Marks in the file for it.
    pub in_file: usize,
    /// Marks on this computer that the file's replace.
    pub replaced: usize,
    /// Whether the file holds rules for the account, which replace those on this computer.
    pub rules: bool,
}

/// Why a file cannot be restored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    /// Not JSON, or not a backup of this app.
    #[error("the file is not a backup of Assistant Roster's review marks")]
    NotABackup,
    /// Written by a newer version of the app.
    #[error("the backup was made by a newer version of the app (layout {0})")]
    Newer(u32),
    /// A backup, but with a value that cannot be right.
    #[error("the backup is damaged: {0}")]
    Damaged(String),
}

impl Backup {
    /// The backup as a file: pretty-printed JSON.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("plain data serializes")
    }

    /// Reads a backup file, checking every value before anything is changed.
    pub fn parse(bytes: &[u8]) -> Result<Backup, BackupError> {
        #[derive(Deserialize)]
        struct Head {
            format: String,
            version: u32,
        }
        let head: Head = serde_json::from_slice(bytes).map_err(|_| BackupError::NotABackup)?;
        if head.format != FORMAT {
            return Err(BackupError::NotABackup);
        }
        if head.version > VERSION {
            return Err(BackupError::Newer(head.version));
        }
        let backup: Backup =
            serde_json::from_slice(bytes).map_err(|e| BackupError::Damaged(e.to_string()))?;
        for account in &backup.accounts {
            if account.account.trim().is_empty() {
                return Err(BackupError::Damaged("an account without a name".into()));
            }
            for mark in &account.marks {
                if hash_of_hex(&mark.hash).is_none() {
                    return Err(BackupError::Damaged(format!(
                        "a mark's version is {:?}",
                        mark.hash
                    )));
                }
                if mark.content_version > CONTENT_VERSION {
                    return Err(BackupError::Newer(mark.content_version));
                }
            }
        }
        Ok(backup)
    }
}

fn hash_of_hex(hex: &str) -> Option<[u8; 32]> {
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut hash = [0u8; 32];
    for (i, byte) in hash.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(hash)
}

impl Store {
    /// Every reviewed mark and note, and the rules, of every account, made at `now`.
    pub fn backup(&self, now: i64) -> Result<Backup, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT account, assistant, hash, hash_version, at, note FROM review
             ORDER BY account, at, assistant",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                Mark {
                    assistant: row.get(1)?,
                    hash: roster_core::hash_hex(&hash_of(row.get(2)?)),
                    content_version: row.get(3)?,
                    at: row.get(4)?,
                    note: row.get(5)?,
                },
            ))
        })?;
        let mut accounts: Vec<AccountMarks> = Vec::new();
        for row in rows {
            let (account, mark) = row?;
            match accounts.last_mut() {
                Some(last) if last.account == account => last.marks.push(mark),
                _ => accounts.push(AccountMarks {
                    account,
                    marks: vec![mark],
                    rules: None,
                }),
            }
        }
        let mut statement = self
            .conn
            .prepare("SELECT account FROM rules ORDER BY account")?;
        let with_rules: Vec<String> = statement
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        for account in with_rules {
            let rules = Some(self.rule_settings(&account)?);
            match accounts.iter_mut().find(|a| a.account == account) {
                Some(known) => known.rules = rules,
                None => accounts.push(AccountMarks {
                    account,
                    marks: Vec::new(),
                    rules,
                }),
            }
        }
        Ok(Backup {
            format: FORMAT.to_owned(),
            version: VERSION,
            created_at: now,
            accounts,
        })
    }

    /// What restoring `backup` will do, account by account, before it is done.
    pub fn restore_plan(&self, backup: &Backup) -> Result<Vec<RestoreStep>, StoreError> {
        let mut statement = self
            .conn
            .prepare("SELECT account, count(*) FROM review GROUP BY account")?;
        let here: HashMap<String, usize> = statement
            .query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as usize)))?
            .collect::<Result<_, _>>()?;
        Ok(backup
            .accounts
            .iter()
            .map(|a| RestoreStep {
                account: a.account.clone(),
                in_file: a.marks.len(),
                replaced: here.get(&a.account).copied().unwrap_or(0),
                rules: a.rules.is_some(),
            })
            .collect())
    }

    /// Replaces the marks (and rules, when the file has them) of every account in `backup` with
    /// the file's, in one transaction. Accounts not in the file keep theirs.
    pub fn restore(&mut self, backup: &Backup) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for account in &backup.accounts {
            tx.execute("DELETE FROM review WHERE account = ?1", [&account.account])?;
            for mark in &account.marks {
                let hash = hash_of_hex(&mark.hash).expect("checked by Backup::parse");
                tx.execute(
                    "INSERT OR REPLACE INTO review (account, assistant, hash, hash_version, at, note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![account.account, mark.assistant, &hash[..], mark.content_version, mark.at, mark.note],
                )?;
            }
            if let Some(rules) = &account.rules {
                tx.execute(
                    "INSERT OR REPLACE INTO rules (account, settings, changed_at)
                     VALUES (?1, ?2, ?3)",
                    params![
                        account.account,
                        serde_json::to_string(rules).expect("plain data serializes"),
                        backup.created_at
                    ],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
