//! The last good list of each account, on disk, so a failed refresh or an offline start still
//! shows something (marked with the time it was fetched). It holds the body as the platform sent
//! it (so the raw JSON of the detail view works offline too) and no key; files are written
//! atomically and readable by the user only; a damaged file is ignored, never fatal.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use serde::{Deserialize, Serialize};

use crate::commands::AccountView;
use crate::error::Error;
use crate::settings::write_private;

/// What is saved with a body: whose list it is and when it was fetched.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedList {
    pub account: AccountView,
    pub fetched_at_ms: i64,
}

#[derive(Debug, Clone)]
pub struct RosterCache {
    dir: PathBuf,
    /// Writes and deletes take turns; the count is of saves not yet done (see `flush`).
    turns: Arc<(Mutex<usize>, Condvar)>,
}

/// What reading the cache found.
pub enum Cached {
    Missing,
    Found(SavedList, Vec<u8>),
    /// A file was there but could not be read; it has been removed.
    Damaged,
}

impl RosterCache {
    pub fn in_dir(dir: &Path) -> RosterCache {
        RosterCache {
            dir: dir.to_owned(),
            turns: Default::default(),
        }
    }

    /// Saves on a thread of its own, if `still_wanted(account id)` says so when its turn comes
    /// (the account may have been removed meanwhile).
    pub fn save_later(
        &self,
        saved: SavedList,
        body: Arc<Vec<u8>>,
        still_wanted: impl FnOnce(&str) -> bool + Send + 'static,
    ) {
        *self.turns.0.lock().unwrap() += 1;
        let cache = self.clone();
        std::thread::spawn(move || {
            let mut pending = cache.turns.0.lock().unwrap();
            if still_wanted(&saved.account.id) {
                if let Err(error) = cache.save(&saved, &body) {
                    // A list that cannot be cached is still shown; it only costs the offline copy.
                    eprintln!("assistant-roster: {error}");
                }
            }
            *pending -= 1;
            cache.turns.1.notify_all();
        });
    }

    /// Waits until every save started by `save_later` is done.
    pub fn flush(&self) {
        let pending = self.turns.0.lock().unwrap();
        drop(self.turns.1.wait_while(pending, |n| *n > 0).unwrap());
    }

    /// One file per account; the name is the account id in hex, so any id is a safe file name.
    /// `.list` files hold a JSON header line, then the body; `.json` is the first version's
    /// decoded list, now only ever deleted.
    fn path(&self, account_id: &str, extension: &str) -> PathBuf {
        let hex: String = account_id.bytes().map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("roster-{hex}.{extension}"))
    }

    fn save(&self, saved: &SavedList, body: &[u8]) -> Result<(), Error> {
        let storage = |e: std::io::Error| Error::Storage {
            detail: format!("cache: {e}"),
        };
        std::fs::create_dir_all(&self.dir).map_err(storage)?;
        let mut header = serde_json::to_vec(saved).map_err(|e| Error::Storage {
            detail: format!("cache: {e}"),
        })?;
        header.push(b'\n');
        let path = self.path(&saved.account.id, "list");
        let temporary = path.with_extension("list.tmp");
        write_private(&temporary, &[&header, body]).map_err(storage)?;
        std::fs::rename(&temporary, &path).map_err(storage)?;
        let _ = std::fs::remove_file(self.path(&saved.account.id, "json"));
        Ok(())
    }

    pub fn load(&self, account_id: &str) -> Cached {
        let Ok(mut bytes) = std::fs::read(self.path(account_id, "list")) else {
            return Cached::Missing;
        };
        let header = bytes.iter().position(|&b| b == b'\n').and_then(|end| {
            serde_json::from_slice::<SavedList>(&bytes[..end])
                .ok()
                .map(|h| (h, end))
        });
        match header {
            Some((saved, end)) if saved.account.id == account_id => {
                bytes.drain(..=end);
                Cached::Found(saved, bytes)
            }
            _ => self.set_aside(account_id),
        }
    }

    /// Removes a saved list that cannot be read (a bad header here, or a body that no longer
    /// decodes, found by the caller).
    pub fn set_aside(&self, account_id: &str) -> Cached {
        eprintln!("assistant-roster: the saved list of an account was damaged and is ignored");
        let _ = std::fs::remove_file(self.path(account_id, "list"));
        Cached::Damaged
    }

    pub fn delete(&self, account_id: &str) -> Result<(), Error> {
        let _turn = self.turns.0.lock().unwrap();
        for extension in ["list", "json"] {
            match std::fs::remove_file(self.path(account_id, extension)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::Storage {
                        detail: format!("cache: {e}"),
                    })
                }
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(id: &str) -> SavedList {
        SavedList {
            account: AccountView {
                id: id.to_owned(),
                base: "https://x.example/api".to_owned(),
                label: "X".to_owned(),
                sample: false,
                session_only: false,
            },
            fetched_at_ms: 1_700_000_000_000,
        }
    }

    #[test]
    fn a_saved_body_comes_back_byte_for_byte_and_leaves_with_its_account() {
        let dir = std::env::temp_dir().join(format!("roster-cache-{}", std::process::id()));
        let cache = RosterCache::in_dir(&dir);
        let body = b"[{\"id\":1,\"name\":\"line\\nbreak\"}]\n".to_vec();
        cache.save_later(saved("a#2"), Arc::new(body.clone()), |_| true);
        cache.save_later(saved("gone"), Arc::new(body.clone()), |_| false);
        cache.flush();
        assert!(matches!(cache.load("gone"), Cached::Missing));
        match cache.load("a#2") {
            Cached::Found(header, bytes) => {
                assert_eq!(header.fetched_at_ms, 1_700_000_000_000);
                assert_eq!(bytes, body);
            }
            _ => panic!("saved list not found"),
        }
        assert!(matches!(cache.load("a"), Cached::Missing));
        std::fs::write(cache.path("b", "list"), b"not a header\n[]").unwrap();
        assert!(matches!(cache.load("b"), Cached::Damaged));
        assert!(matches!(cache.load("b"), Cached::Missing), "set aside once");
        cache.delete("a#2").unwrap();
        assert!(matches!(cache.load("a#2"), Cached::Missing));
        let _ = std::fs::remove_dir_all(dir);
    }
}
