//! The review memory of Assistant Roster: every list the app fetched, per account, in an embedded
//! SQLite database on this computer, so a manager sees what changed since the last look and what
//! they already reviewed.
//!
//! Each version of an assistant is stored once, addressed by the hash of its canonical content
//! ([`roster_core::content_of`]), with *sightings*: the first and last fetch that saw it without
//! a break. A fetch with the same content as the one before adds no rows (the earlier fetch's
//! last time and count move on). A fetch the decoder marked incomplete is recorded as partial:
//! what it holds counts, but nothing is ever taken as removed because a partial list lacks it.
//!
//! The store knows nothing of Tauri or of the page; the app calls it from a blocking thread.
#![deny(missing_docs)]

mod backup;
mod error;
mod history;
mod reviews;
mod rules;
mod schema;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use backup::{AccountMarks, Backup, BackupError, Mark, RestoreStep};
pub use error::StoreError;
pub use history::{
    keys, Changed, Changes, Fetch, Offline, OfflineHead, Recorded, Removed, Sighting, Since,
    DEFAULT_KEEP_DAYS,
};
pub use reviews::Review;

/// The review memory, open on one database file.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// What [`Store::open`] found.
#[derive(Debug)]
pub struct Opened {
    /// The store, ready.
    pub store: Store,
    /// Where a damaged database was moved before a fresh one was started, if one was.
    pub set_aside: Option<PathBuf>,
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) on first use and bringing an
    /// older schema up to date. A file SQLite reports as corrupt or not a database is moved aside
    /// with its `-wal` and `-shm` files (never over an earlier copy) and a fresh one started;
    /// any other failure (busy, read-only, full, a database of a newer app) is an error and
    /// nothing is moved.
    pub fn open(path: &Path) -> Result<Opened, StoreError> {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(StoreError::Folder)?;
        }
        // A file that is not a database is set aside before SQLite opens it: on closing, SQLite
        // would delete a `-wal` file beside it that may hold what is left of the real one.
        let opened = match schema::is_foreign(path) {
            true => Err(StoreError::NotADatabase),
            false => schema::open(path),
        };
        match opened {
            Ok(conn) => Ok(Opened {
                store: Store {
                    conn,
                    path: path.to_owned(),
                },
                set_aside: None,
            }),
            Err(error) if error.is_damage() => {
                let moved = schema::set_aside(path)?;
                let conn = schema::open(path)?;
                Ok(Opened {
                    store: Store {
                        conn,
                        path: path.to_owned(),
                    },
                    set_aside: Some(moved),
                })
            }
            Err(error) => Err(error),
        }
    }

    /// Closes nothing and opens nothing: the damaged database at `path` (with its `-wal` and
    /// `-shm` files) is moved to the first free `<name>.damaged`, `<name>.damaged-2`, ...
    /// Call it with no [`Store`] open on `path`.
    pub fn set_aside(path: &Path) -> Result<PathBuf, StoreError> {
        schema::set_aside(path)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes the database takes on disk, its write-ahead log included.
    pub fn size_on_disk(&self) -> u64 {
        ["", "-wal"]
            .iter()
            .filter_map(|suffix| {
                let mut name = self.path.clone().into_os_string();
                name.push(suffix);
                std::fs::metadata(name).ok()
            })
            .map(|m| m.len())
            .sum()
    }
}
