//! The last good list of each account, on disk, so a failed refresh or an offline start still
//! shows something (marked with the time it was fetched). It holds the body as the platform sent
//! it (so the raw JSON of the detail view works offline too) and no key; files are written
//! atomically and readable by the user only; a damaged file is ignored, never fatal.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::private_file::replace_private;

/// The header line of a saved list: whose list it is and when it was fetched. (Files of earlier
/// versions hold more of the account in `account`; it is ignored.)
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Header {
    account: HeaderAccount,
    fetched_at_ms: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct HeaderAccount {
    id: String,
}

#[derive(Debug, Clone)]
pub struct RosterCache {
    dir: PathBuf,
    /// Writes and deletes take turns; the count is of saves not yet done (see `flush`).
    turns: Arc<(Mutex<usize>, Condvar)>,
    /// Accounts whose `.opening` mark this process set and has not cleared.
    marked: Arc<Mutex<HashSet<String>>>,
}

/// What reading the cache found.
pub enum Cached {
    Missing,
    Found {
        fetched_at_ms: i64,
        body: Vec<u8>,
    },
    /// A file was there but could not be read; it has been removed.
    Damaged,
}

impl RosterCache {
    pub fn in_dir(dir: &Path) -> RosterCache {
        RosterCache {
            dir: dir.to_owned(),
            turns: Default::default(),
            marked: Default::default(),
        }
    }

    /// Saves on a thread of its own, if `still_wanted(account id)` says so when its turn comes
    /// (the account may have been removed meanwhile).
    pub fn save_later(
        &self,
        account_id: String,
        fetched_at_ms: i64,
        body: Arc<Vec<u8>>,
        still_wanted: impl FnOnce(&str) -> bool + Send + 'static,
    ) {
        *self.turns.0.lock().unwrap() += 1;
        let cache = self.clone();
        let header = Header {
            account: HeaderAccount { id: account_id },
            fetched_at_ms,
        };
        std::thread::spawn(move || {
            let mut pending = cache.turns.0.lock().unwrap();
            if still_wanted(&header.account.id) {
                if let Err(error) = cache.save(&header, &body) {
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

    /// Marks the account's saved list as not yet on screen: set before the page gets a list that
    /// is (or will be) the saved one, cleared when the page says its cards are painted
    /// ([`RosterCache::shown`]). A mark still set at the next start means the app closed while
    /// showing it, perhaps because of it.
    pub fn mark_opening(&self, account_id: &str) -> Result<(), Error> {
        replace_private(&self.mark_path(account_id), &[]).map_err(Error::storage("saved list"))?;
        self.marked.lock().unwrap().insert(account_id.to_owned());
        Ok(())
    }

    /// The account's list is on screen: its mark goes.
    pub fn shown(&self, account_id: &str) {
        self.marked.lock().unwrap().remove(account_id);
        let _ = std::fs::remove_file(self.mark_path(account_id));
    }

    /// The app is closing normally, so no list it opened stopped it: the marks it set go.
    pub fn closing(&self) {
        let marked: Vec<String> = self.marked.lock().unwrap().drain().collect();
        for account_id in marked {
            let _ = std::fs::remove_file(self.mark_path(&account_id));
        }
    }

    /// Whether the account's saved list was not confirmed on screen after it was last opened.
    pub fn held(&self, account_id: &str) -> bool {
        self.mark_path(account_id).exists()
    }

    fn mark_path(&self, account_id: &str) -> PathBuf {
        self.path(account_id).with_extension("opening")
    }

    /// One file per account; the name is the account id in hex, so any id is a safe file name.
    /// It holds a JSON header line, then the body.
    fn path(&self, account_id: &str) -> PathBuf {
        let hex: String = account_id.bytes().map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("roster-{hex}.list"))
    }

    fn save(&self, header: &Header, body: &[u8]) -> Result<(), Error> {
        let mut line = serde_json::to_vec(header).expect("plain data always serializes");
        line.push(b'\n');
        let path = self.path(&header.account.id);
        replace_private(&path, &[&line, body]).map_err(Error::storage("saved list"))
    }

    pub fn load(&self, account_id: &str) -> Cached {
        let Ok(mut bytes) = std::fs::read(self.path(account_id)) else {
            return Cached::Missing;
        };
        let header = bytes.iter().position(|&b| b == b'\n').and_then(|end| {
            serde_json::from_slice::<Header>(&bytes[..end])
                .ok()
                .map(|h| (h, end))
        });
        match header {
            Some((header, end)) if header.account.id == account_id => {
                bytes.drain(..=end);
                Cached::Found {
                    fetched_at_ms: header.fetched_at_ms,
                    body: bytes,
                }
            }
            _ => self.set_aside(account_id),
        }
    }

    /// Removes a saved list that cannot be read (a bad header here, or a body that no longer
    /// decodes, found by the caller).
    pub fn set_aside(&self, account_id: &str) -> Cached {
        eprintln!("assistant-roster: the saved list of an account was damaged and is ignored");
        let _ = std::fs::remove_file(self.path(account_id));
        Cached::Damaged
    }

    pub fn delete(&self, account_id: &str) -> Result<(), Error> {
        let _turn = self.turns.0.lock().unwrap();
        self.shown(account_id);
        match std::fs::remove_file(self.path(account_id)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::storage("saved list")(e))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_body_comes_back_byte_for_byte_and_leaves_with_its_account() {
        let dir = std::env::temp_dir().join(format!("roster-cache-{}", std::process::id()));
        let cache = RosterCache::in_dir(&dir);
        let body = b"[{\"id\":1,\"name\":\"line\\nbreak\"}]\n".to_vec();
        let at = 1_700_000_000_000;
        cache.save_later("a#2".into(), at, Arc::new(body.clone()), |_| true);
        cache.save_later("gone".into(), at, Arc::new(body.clone()), |_| false);
        cache.flush();
        assert!(matches!(cache.load("gone"), Cached::Missing));
        match cache.load("a#2") {
            Cached::Found {
                fetched_at_ms,
                body: bytes,
            } => {
                assert_eq!(fetched_at_ms, 1_700_000_000_000);
                assert_eq!(bytes, body);
            }
            _ => panic!("saved list not found"),
        }
        assert!(matches!(cache.load("a"), Cached::Missing));
        std::fs::write(cache.path("b"), b"not a header\n[]").unwrap();
        // A file of an earlier version, with more of the account in its header, still reads.
        let old = br#"{"account":{"id":"c","base":"https://x.example/api","label":"X","sample":false,"sessionOnly":false},"fetchedAtMs":5}"#;
        std::fs::write(cache.path("c"), [&old[..], b"\n[]"].concat()).unwrap();
        assert!(matches!(
            cache.load("c"),
            Cached::Found {
                fetched_at_ms: 5,
                ..
            }
        ));
        assert!(matches!(cache.load("b"), Cached::Damaged));
        assert!(matches!(cache.load("b"), Cached::Missing), "set aside once");
        cache.delete("a#2").unwrap();
        assert!(matches!(cache.load("a#2"), Cached::Missing));
        let _ = std::fs::remove_dir_all(dir);
    }
}
