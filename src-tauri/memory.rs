//! The review memory as the session uses it: the SQLite store (`roster_store`), opened on first
//! use in the app's local data folder (never the roaming one: on Windows it may be a network
//! share, where SQLite's write-ahead log does not work), one connection behind a lock, every call
//! on a blocking thread. It holds each account's offline copy (its latest list); saved lists of
//! earlier versions are moved into it at its first use (`legacy`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use roster_store::{Store, StoreError};

use crate::error::Result;
use crate::session::run_blocking;

/// The database's file name in the local data folder.
pub const FILE_NAME: &str = "review-memory.sqlite3";

#[derive(Clone)]
pub struct ReviewMemory {
    path: PathBuf,
    /// Where earlier versions kept saved lists, to move into the store.
    legacy_dir: PathBuf,
    inner: Arc<Mutex<Inner>>,
}

#[derive(Default)]
struct Inner {
    store: Option<Store>,
    /// Where a damaged database was moved in this run, for the page to say so once.
    set_aside: Option<PathBuf>,
}

impl ReviewMemory {
    pub fn in_dir(dir: &Path, legacy_dir: &Path) -> ReviewMemory {
        ReviewMemory {
            path: dir.join(FILE_NAME),
            legacy_dir: legacy_dir.to_owned(),
            inner: Default::default(),
        }
    }

    /// The local data folder the store is in.
    pub fn folder(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// Runs `work` with the store, opening it first if needed. A store SQLite finds damaged
    /// while in use is set aside and `work` runs once more on a fresh one.
    pub async fn with<T: Send + 'static>(
        &self,
        work: impl Fn(&mut Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T> {
        let memory = self.clone();
        run_blocking(move || memory.now(work)).await
    }

    /// [`ReviewMemory::with`] on this thread, for the app's last moment (no runtime to wait on).
    pub fn now<T>(&self, work: impl Fn(&mut Store) -> Result<T, StoreError>) -> Result<T> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        match self.run(&mut inner, &work) {
            Err(error) if error.is_damage() => {
                inner.store = None;
                let moved = Store::set_aside(&self.path)?;
                inner.set_aside = Some(moved);
                Ok(self.run(&mut inner, &work)?)
            }
            other => Ok(other?),
        }
    }

    fn run<T>(
        &self,
        inner: &mut Inner,
        work: &impl Fn(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if inner.store.is_none() {
            let mut opened = Store::open(&self.path)?;
            // Once a run, on first use: history past the period kept is forgotten.
            opened
                .store
                .forget_expired(chrono::Utc::now().timestamp_millis())?;
            if opened.set_aside.is_some() {
                inner.set_aside = opened.set_aside;
            }
            crate::legacy::import(&self.legacy_dir, &mut opened.store)?;
            inner.store = Some(opened.store);
        }
        work(inner.store.as_mut().expect("opened above"))
    }

    /// Empties the store's write-ahead log, if the store was opened in this run (see
    /// `Store::empty_log`); for the app's last moment. A failure leaves the log for SQLite to
    /// read at the next start, as after a crash.
    pub fn empty_log(&self) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(store) = inner.store.as_mut() {
            let _ = store.empty_log();
        }
    }

    /// Where a damaged database was set aside in this run, once: the page says so one time.
    pub fn take_set_aside(&self) -> Option<PathBuf> {
        self.inner
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .set_aside
            .take()
    }
}
