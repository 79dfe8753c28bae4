//! "Mark as reviewed": the version a manager reviewed, when, and an optional note.

use std::collections::HashMap;

use roster_core::CONTENT_VERSION;
use rusqlite::params;

use crate::history::hash_of;
use crate::{Store, StoreError};

/// The latest reviewed mark of one assistant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The content hash of the version reviewed.
    pub hash: [u8; 32],
    /// When (ms since the epoch).
    pub at: i64,
    /// The manager's note; empty when none.
    pub note: String,
}

impl Store {
    /// Marks the version `hash` of the assistant `key` of `account` as reviewed at `at`. Earlier
    /// marks stay in the store (the latest counts); the version's content is kept while a mark
    /// names it.
    pub fn mark_reviewed(
        &mut self,
        account: &str,
        key: &str,
        hash: &[u8; 32],
        at: i64,
        note: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO review (account, assistant, hash, hash_version, at, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![account, key, &hash[..], CONTENT_VERSION, at, note],
        )?;
        Ok(())
    }

    /// Takes back every reviewed mark of the assistant `key` of `account`.
    pub fn clear_review(&mut self, account: &str, key: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM review WHERE account = ?1 AND assistant = ?2",
            params![account, key],
        )?;
        Ok(())
    }

    /// The latest mark of every assistant of `account` that has one, by key.
    pub fn reviews(&self, account: &str) -> Result<HashMap<String, Review>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT assistant, hash, max(at), note FROM review WHERE account = ?1 GROUP BY assistant",
        )?;
        let rows = statement.query_map([account], |row| {
            Ok((
                row.get::<_, String>(0)?,
                Review {
                    hash: hash_of(row.get(1)?),
                    at: row.get(2)?,
                    note: row.get(3)?,
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
