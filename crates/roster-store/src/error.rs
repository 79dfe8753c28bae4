//! What can go wrong with the review memory, with its cause kept.

/// A failure of the review memory.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder for the database could not be made.
    #[error("the folder for the review memory could not be made")]
    Folder(#[source] std::io::Error),
    /// SQLite failed: busy, read-only, full, an I/O error, or a damaged file.
    #[error("the review memory could not be used")]
    Sqlite(#[from] rusqlite::Error),
    /// The database was written by a newer version of the app; it is left as it is.
    #[error("the review memory was written by a newer version of the app (schema {found}, this one reads up to {known})")]
    Newer {
        /// The database's schema version.
        found: i64,
        /// The newest schema this app knows.
        known: i64,
    },
    /// The file is not an SQLite database (its first bytes say so).
    #[error("the review memory's file is not a database")]
    NotADatabase,
    /// A damaged database could not be moved aside.
    #[error("a damaged review memory could not be moved aside")]
    SetAside(#[source] std::io::Error),
    /// A saved list could not be written where it was asked to go (see `Store::offline_into`).
    #[error("the saved list could not be written out")]
    WriteOut(#[source] std::io::Error),
}

impl StoreError {
    /// Whether SQLite said the file is damaged or not a database at all (the one case where the
    /// app starts a fresh store).
    pub fn is_damage(&self) -> bool {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        match self {
            StoreError::NotADatabase => true,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                matches!(e.code, DatabaseCorrupt | NotADatabase)
            }
            _ => false,
        }
    }
}
