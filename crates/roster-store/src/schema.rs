//! The database's tables, and how a file of any earlier version is brought up to date.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

use crate::StoreError;

/// Each step brings the schema from version `i` to `i + 1` (SQLite's `user_version`); a new
/// version adds a step at the end and never edits one that shipped.
const MIGRATIONS: &[&str] = &[
    // 1: history, versions by content, reviewed marks.
    // `content` keeps its rows in a rowid table: a version (2-3 KB and more) fits a table page,
    // where a WITHOUT ROWID row would spill to overflow pages and cost a read each.
    "CREATE TABLE content (
        id INTEGER PRIMARY KEY,
        hash BLOB NOT NULL UNIQUE,  -- SHA-256 of the canonical form
        version INTEGER NOT NULL,   -- roster_core::CONTENT_VERSION of that form
        canonical TEXT NOT NULL
     );
     CREATE TABLE fetch (
        id INTEGER PRIMARY KEY,
        account TEXT NOT NULL,
        first_at INTEGER NOT NULL,  -- ms since the epoch, UTC
        last_at INTEGER NOT NULL,   -- the last fetch with this same content
        times INTEGER NOT NULL,     -- how many fetches had this same content in a row
        complete INTEGER NOT NULL,  -- 0: items left out, a cap hit or further pages
        items INTEGER NOT NULL,
        body_hash BLOB NOT NULL     -- SHA-256 of the body as sent, to skip unchanged bodies
     );
     CREATE INDEX fetch_by_account ON fetch (account, id);
     CREATE TABLE sighting (
        account TEXT NOT NULL,
        assistant TEXT NOT NULL,    -- its id; a repeated id gets #2, #3...; none: @position
        hash BLOB NOT NULL REFERENCES content (hash),
        first_fetch INTEGER NOT NULL,
        last_fetch INTEGER NOT NULL,
        PRIMARY KEY (account, assistant, first_fetch)
     ) WITHOUT ROWID;
     CREATE INDEX sighting_by_last ON sighting (account, last_fetch);
     CREATE INDEX sighting_by_hash ON sighting (hash);
     CREATE TABLE review (
        account TEXT NOT NULL,
        assistant TEXT NOT NULL,
        hash BLOB NOT NULL,         -- the version reviewed
        hash_version INTEGER NOT NULL,
        at INTEGER NOT NULL,
        note TEXT NOT NULL,
        PRIMARY KEY (account, assistant, at)
     ) WITHOUT ROWID;
     CREATE TABLE setting (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
     ) WITHOUT ROWID;",
    // 2: one store. A version keeps the text the platform sent, so a list rebuilt from the
    // store reads as the one fetched (its canonical form is worked out again whenever needed;
    // rows of version 1 hold their canonical form, which is valid JSON too). `offline` holds
    // each account's latest list: what opens at start-up and when the platform cannot be
    // reached. Its fetch is never forgotten as old history.
    "ALTER TABLE content RENAME COLUMN canonical TO item;
     CREATE TABLE offline (
        account TEXT PRIMARY KEY,
        fetch INTEGER NOT NULL REFERENCES fetch (id) ON DELETE CASCADE,
        gaps TEXT NOT NULL,         -- roster_core::Gaps as JSON: what the answer left out
        hashes BLOB NOT NULL,       -- each assistant's content hash (32 bytes), in the order sent
        opening INTEGER NOT NULL DEFAULT 0  -- 1 from opening it until the page has painted it
     );",
    // 3: each account's review rules (roster_core::RuleSettings as JSON), the manager's own.
    "CREATE TABLE rules (
        account TEXT PRIMARY KEY,
        settings TEXT NOT NULL,
        changed_at INTEGER NOT NULL  -- ms since the epoch
     ) WITHOUT ROWID;",
];

/// The schema version this app writes.
pub(crate) const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Whether `path` holds something other than an SQLite database (an empty or missing file is a
/// database not yet written).
pub(crate) fn is_foreign(path: &Path) -> bool {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::with_capacity(16);
    let _ = file.take(16).read_to_end(&mut head);
    !head.is_empty() && head != b"SQLite format 3\0"
}

/// Opens `path` and migrates it; refuses a newer schema.
pub(crate) fn open(path: &Path) -> Result<Connection, StoreError> {
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    // Reading the header here is what reports a file that is not a database.
    let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::Newer {
            found,
            known: SCHEMA_VERSION,
        });
    }
    // A new file gives back the space of forgotten history (see `Store::forget_before`); this
    // must be set before the first table is made.
    if found == 0 {
        conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")?;
    }
    // WAL: a fetch recorded while the page reads does not block it; a crash keeps every commit.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrate(&mut conn, found)?;
    Ok(conn)
}

/// Applies every step after `from`, each in its own transaction with its version number.
fn migrate(conn: &mut Connection, from: i64) -> Result<(), StoreError> {
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", step as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Moves a damaged database and its `-wal` and `-shm` files to the first free name
/// `<name>.damaged`, `<name>.damaged-2`, ... and answers where the database went.
pub(crate) fn set_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let with = |base: &Path, suffix: &str| {
        let mut name = base.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let target = (1..)
        .map(|n| match n {
            1 => with(path, ".damaged"),
            n => with(path, &format!(".damaged-{n}")),
        })
        .find(|candidate| {
            !candidate.exists()
                && !with(candidate, "-wal").exists()
                && !with(candidate, "-shm").exists()
        })
        .expect("some name is free");
    for suffix in ["-wal", "-shm"] {
        let from = with(path, suffix);
        if from.exists() {
            std::fs::rename(&from, with(&target, suffix)).map_err(StoreError::SetAside)?;
        }
    }
    std::fs::rename(path, &target).map_err(StoreError::SetAside)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_earlier_version_is_brought_up_to_date() {
        let folder = tempfile::tempdir().unwrap();
        for from in 0..SCHEMA_VERSION {
            let path = folder.path().join(format!("from-{from}.sqlite3"));
            {
                let mut conn = Connection::open(&path).unwrap();
                migrate_to(&mut conn, from);
                if from >= 1 {
                    conn.execute(
                        "INSERT INTO content VALUES (1, zeroblob(32), 1, '{\"id\":1}')",
                        [],
                    )
                    .unwrap();
                }
            }
            let conn = open(&path).unwrap();
            let version: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(version, SCHEMA_VERSION);
            if from >= 1 {
                let item: String = conn
                    .query_row("SELECT item FROM content", [], |r| r.get(0))
                    .unwrap();
                assert_eq!(item, r#"{"id":1}"#, "a version kept through the migration");
            }
            for table in [
                "content", "fetch", "sighting", "review", "setting", "offline",
            ] {
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                    r.get::<_, i64>(0)
                })
                .unwrap();
            }
        }
    }

    fn migrate_to(conn: &mut Connection, version: i64) {
        for sql in &MIGRATIONS[..version as usize] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", version).unwrap();
    }

    #[test]
    fn a_newer_database_is_refused_and_left_alone() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("newer.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        match open(&path) {
            Err(StoreError::Newer { found, known }) => {
                assert_eq!((found, known), (SCHEMA_VERSION + 1, SCHEMA_VERSION))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}
