//! The last good list of each account, on disk, so a failed refresh or an offline start still
//! shows something (marked with the time it was fetched). It holds no key; files are written
//! atomically and readable by the user only; a damaged file is ignored, never fatal.

use std::path::{Path, PathBuf};

use crate::commands::Roster;
use crate::error::Error;
use crate::settings::write_private;

#[derive(Debug, Clone)]
pub struct RosterCache {
    dir: PathBuf,
}

/// What reading the cache found.
pub enum Cached {
    Missing,
    Found(Box<Roster>),
    /// A file was there but could not be read; it has been removed.
    Damaged,
}

impl RosterCache {
    pub fn in_dir(dir: &Path) -> RosterCache {
        RosterCache {
            dir: dir.to_owned(),
        }
    }

    /// One file per account; the name is the account id in hex, so any id is a safe file name.
    fn path(&self, account_id: &str) -> PathBuf {
        let hex: String = account_id.bytes().map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("roster-{hex}.json"))
    }

    pub fn save(&self, roster: &Roster) -> Result<(), Error> {
        let storage = |e: std::io::Error| Error::Storage {
            detail: format!("cache: {e}"),
        };
        std::fs::create_dir_all(&self.dir).map_err(storage)?;
        let bytes = serde_json::to_vec(roster).map_err(|e| Error::Storage {
            detail: format!("cache: {e}"),
        })?;
        let path = self.path(&roster.account.id);
        let temporary = path.with_extension("json.tmp");
        write_private(&temporary, &bytes).map_err(storage)?;
        std::fs::rename(&temporary, &path).map_err(storage)
    }

    pub fn load(&self, account_id: &str) -> Cached {
        let path = self.path(account_id);
        let Ok(bytes) = std::fs::read(&path) else {
            return Cached::Missing;
        };
        match serde_json::from_slice::<Roster>(&bytes) {
            Ok(roster) if roster.account.id == account_id => Cached::Found(Box::new(roster)),
            _ => {
                eprintln!(
                    "assistant-roster: the saved list of an account was damaged and is ignored"
                );
                let _ = std::fs::remove_file(&path);
                Cached::Damaged
            }
        }
    }

    pub fn delete(&self, account_id: &str) -> Result<(), Error> {
        match std::fs::remove_file(self.path(account_id)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::Storage {
                detail: format!("cache: {e}"),
            }),
            _ => Ok(()),
        }
    }
}
