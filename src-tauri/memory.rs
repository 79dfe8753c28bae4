//! The review memory as the session uses it: the SQLite store (`roster_store`), opened on first
//! use in the app's local data folder (never the roaming one: on Windows it may be a network
//! share, where SQLite's write-ahead log does not work), one connection behind a lock, every call
//! on a blocking thread.

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
    inner: Arc<Mutex<Inner>>,
}

#[derive(Default)]
struct Inner {
    store: Option<Store>,
    /// Where a damaged database was moved in this run, for the page to say so once.
    set_aside: Option<PathBuf>,
}

impl ReviewMemory {
    pub fn in_dir(dir: &Path) -> ReviewMemory {
        ReviewMemory {
            path: dir.join(FILE_NAME),
            inner: Default::default(),
        }
    }

    /// Runs `work` with the store, opening it first if needed. A store SQLite finds damaged
    /// while in use is set aside and `work` runs once more on a fresh one.
    pub async fn with<T: Send + 'static>(
        &self,
        work: impl Fn(&mut Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T> {
        let memory = self.clone();
        run_blocking(move || {
            let mut inner = memory.inner.lock().unwrap_or_else(|e| e.into_inner());
            let outcome = memory.run(&mut inner, &work);
            match outcome {
                Err(error) if error.is_damage() => {
                    inner.store = None;
                    let moved = Store::set_aside(&memory.path)?;
                    inner.set_aside = Some(moved);
                    Ok(memory.run(&mut inner, &work)?)
                }
                other => Ok(other?),
            }
        })
        .await
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
            inner.store = Some(opened.store);
        }
        work(inner.store.as_mut().expect("opened above"))
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
