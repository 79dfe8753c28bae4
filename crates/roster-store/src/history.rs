//! Recording fetches and working out what changed between two of them.

use std::collections::HashMap;
use std::io::Write;

use roster_core::{digest, Difference, Gaps, OpenList, Version, CONTENT_VERSION};
use rusqlite::{params, OptionalExtension, Row, Transaction};

use crate::{Store, StoreError};

/// One recorded fetch, or a run of fetches with the same content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetch {
    /// Its number; later fetches have higher ones.
    pub id: i64,
    /// When it was fetched (ms since the epoch, UTC).
    pub first_at: i64,
    /// When the same content was last fetched again.
    pub last_at: i64,
    /// How many fetches in a row had this content.
    pub times: i64,
    /// Whether it was the whole list ([`roster_core::Gaps::is_complete`]).
    pub complete: bool,
    /// How many assistants it held.
    pub items: i64,
}

/// What to compare a fetch with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// The last complete fetch before it.
    Previous,
    /// The list as it was at this time (ms since the epoch): the last complete fetch made by
    /// then.
    Time(i64),
}

/// An assistant in the earlier list that the later, complete list no longer holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    /// Its key (see [`keys`]).
    pub key: String,
    /// Its name when it was last seen.
    pub name: Option<String>,
}

/// An assistant in both lists, with another version in the later one.
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    /// Its key (see [`keys`]).
    pub key: String,
    /// Its version in the earlier fetch.
    pub before: [u8; 32],
    /// Its version in the later fetch.
    pub after: [u8; 32],
    /// What differs.
    pub difference: Difference,
}

/// What changed from one fetch to a later one.
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    /// The earlier fetch.
    pub base: Fetch,
    /// The later fetch.
    pub target: Fetch,
    /// Keys of the assistants the later list holds and the earlier did not.
    pub added: Vec<String>,
    /// Assistants the earlier list held and the later does not; always empty when the later
    /// list is partial (see [`removals_known`](Self::removals_known)).
    pub removed: Vec<Removed>,
    /// Assistants in both, changed.
    pub changed: Vec<Changed>,
    /// False when the later list is partial, so what it lacks may still be there.
    pub removals_known: bool,
}

/// One version of an assistant and the fetches that saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sighting {
    /// Its content hash.
    pub hash: [u8; 32],
    /// The first fetch that saw it (ms since the epoch).
    pub first_at: i64,
    /// The last fetch that saw it.
    pub last_at: i64,
    /// The version as the platform sent it.
    pub item: String,
}

/// An account's latest recorded list, rebuilt for opening at start-up or offline.
#[derive(Debug, Clone, PartialEq)]
pub struct Offline<B = Vec<u8>> {
    /// When it was last fetched (ms since the epoch).
    pub fetched_at: i64,
    /// What the answer it came from left out.
    pub gaps: Gaps,
    /// A JSON list of its assistants, each as the platform sent it, in the order sent (or where
    /// it was written, see [`Store::offline_into`]).
    pub body: B,
    /// Whether it was being opened when the app last closed, and never painted: it may be
    /// what stopped the app, so it is not opened again without the user.
    pub held: bool,
}

/// Lists of more versions than this are rebuilt a version at a time (see `Store::offline_into`).
const READ_WHOLE_UP_TO: usize = 20_000;

/// An account's offline row (see `Store::offline_row`).
struct OfflineRow {
    fetched_at: i64,
    gaps: Gaps,
    hashes: Vec<u8>,
    held: bool,
    fetch: i64,
}

/// Some assistants of an account's latest list, by position (see [`Store::offline_head`]).
#[derive(Debug)]
pub struct OfflineHead {
    /// When the list was last fetched (ms since the epoch).
    pub fetched_at: i64,
    /// What the answer it came from left out.
    pub gaps: Gaps,
    /// How many assistants the whole list has.
    pub count: usize,
    /// The assistants asked for, each as the platform sent it, in the order asked.
    pub items: Vec<String>,
    /// As [`Offline::held`]: such a list is not shown without the user.
    pub held: bool,
}

/// The key of each assistant of a list, by position: its id; a repeated id gets `#2`, `#3`, ...
/// in order; one without an id is `@<position>` (it cannot be followed from one fetch to the
/// next). Every part of the app keys assistants this way.
pub fn keys(versions: &[Version]) -> Vec<String> {
    let mut seen: HashMap<&str, u32> = HashMap::new();
    versions
        .iter()
        .enumerate()
        .map(|(position, content)| match &content.id {
            Some(id) => {
                let count = seen.entry(id.as_str()).or_insert(0);
                *count += 1;
                match *count {
                    1 => id.clone(),
                    n => format!("{id}#{n}"),
                }
            }
            None => format!("@{position}"),
        })
        .collect()
}

/// How long history is kept unless the user chooses otherwise.
pub const DEFAULT_KEEP_DAYS: u32 = 365;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// An open list as the review memory knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// The recorded fetch the list is.
    pub fetch: i64,
    /// Each position's key (see [`keys`]).
    pub keys: Vec<String>,
    /// Each position's content hash.
    pub hashes: Vec<[u8; 32]>,
}

impl Recorded {
    /// The key and content hash of the assistant at `position`, if the list has one there.
    pub fn at(&self, position: usize) -> Option<(String, [u8; 32])> {
        Some((
            self.keys.get(position)?.clone(),
            *self.hashes.get(position)?,
        ))
    }
}

const FETCH_COLUMNS: &str = "id, first_at, last_at, times, complete, items";

fn fetch_of(row: &Row<'_>) -> rusqlite::Result<Fetch> {
    Ok(Fetch {
        id: row.get(0)?,
        first_at: row.get(1)?,
        last_at: row.get(2)?,
        times: row.get(3)?,
        complete: row.get(4)?,
        items: row.get(5)?,
    })
}

/// A hash read back from the store (a BLOB of 32 bytes).
pub(crate) fn hash_of(bytes: Vec<u8>) -> [u8; 32] {
    bytes.try_into().unwrap_or([0; 32])
}

/// The assistants of `fetch` by key, with their content hashes.
fn members(
    tx: &rusqlite::Connection,
    account: &str,
    fetch: i64,
) -> Result<HashMap<String, [u8; 32]>, StoreError> {
    let mut statement = tx.prepare_cached(
        "SELECT assistant, hash FROM sighting
         WHERE account = ?1 AND last_fetch >= ?2 AND first_fetch <= ?2",
    )?;
    let rows = statement.query_map(params![account, fetch], |row| {
        Ok((row.get::<_, String>(0)?, hash_of(row.get(1)?)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The last fetch of `account` and the SHA-256 of its body, if it has any (also inside a
/// transaction, which derefs to its connection).
fn latest(
    conn: &rusqlite::Connection,
    account: &str,
) -> Result<Option<(Fetch, [u8; 32])>, StoreError> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {FETCH_COLUMNS}, body_hash FROM fetch WHERE account = ?1
                 ORDER BY id DESC LIMIT 1"
            ),
            [account],
            |row| Ok((fetch_of(row)?, hash_of(row.get(6)?))),
        )
        .optional()?)
}

impl Store {
    /// Records a fetch of `account` made at `at` (ms since the epoch) whose answer left out
    /// `gaps`: `versions` by position, and `sent(position)` for the text of a version the store
    /// does not hold yet. The fetch becomes the account's offline copy ([`Store::offline`]).
    /// `body_hash` is the body's SHA-256: the same body as the last fetch's moves its run on
    /// at once. One transaction: a crash leaves the store as it was before or after, never
    /// between.
    pub fn record(
        &mut self,
        account: &str,
        at: i64,
        gaps: Gaps,
        body_hash: [u8; 32],
        versions: &[Version],
        mut sent: impl FnMut(usize) -> String,
    ) -> Result<Fetch, StoreError> {
        let complete = gaps.is_complete();
        let tx = self.conn.transaction()?;
        let previous = latest(&tx, account)?;
        let again = |tx: &Transaction<'_>, fetch: &Fetch| -> Result<Fetch, StoreError> {
            tx.execute(
                "UPDATE fetch SET last_at = max(last_at, ?2), times = times + 1, body_hash = ?3
                 WHERE id = ?1",
                params![fetch.id, at, &body_hash[..]],
            )?;
            Ok(Fetch {
                last_at: fetch.last_at.max(at),
                times: fetch.times + 1,
                ..fetch.clone()
            })
        };
        if let Some((fetch, hash)) = &previous {
            if *hash == body_hash && fetch.complete == complete {
                let fetch = again(&tx, fetch)?;
                // The same body: the same list, unless a store of version 1 has none yet.
                keep_offline(&tx, account, &fetch, gaps, versions, false)?;
                tx.commit()?;
                return Ok(fetch);
            }
        }
        let keys = keys(versions);
        let before = match &previous {
            Some((fetch, _)) => members(&tx, account, fetch.id)?,
            None => HashMap::new(),
        };
        if let Some((fetch, _)) = &previous {
            let same = fetch.complete == complete
                && before.len() == versions.len()
                && keys
                    .iter()
                    .zip(versions)
                    .all(|(key, version)| before.get(key) == Some(&version.hash));
            if same {
                let fetch = again(&tx, fetch)?;
                keep_offline(&tx, account, &fetch, gaps, versions, true)?;
                tx.commit()?;
                return Ok(fetch);
            }
        }
        tx.execute(
            "INSERT INTO fetch (account, first_at, last_at, times, complete, items, body_hash)
             VALUES (?1, ?2, ?2, 1, ?3, ?4, ?5)",
            params![account, at, complete, versions.len() as i64, &body_hash[..]],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut known = tx.prepare_cached("SELECT 1 FROM content WHERE hash = ?1")?;
            let mut add_content =
                tx.prepare_cached("INSERT INTO content (hash, version, item) VALUES (?1, ?2, ?3)")?;
            let mut extend = tx.prepare_cached(
                "UPDATE sighting SET last_fetch = ?4
                 WHERE account = ?1 AND assistant = ?2 AND last_fetch = ?3",
            )?;
            let mut start = tx.prepare_cached(
                "INSERT INTO sighting (account, assistant, hash, first_fetch, last_fetch)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
            )?;
            let previous_id = previous.as_ref().map(|(fetch, _)| fetch.id);
            for (position, (key, version)) in keys.iter().zip(versions).enumerate() {
                match (before.get(key), previous_id) {
                    (Some(hash), Some(previous_id)) if *hash == version.hash => {
                        extend.execute(params![account, key, previous_id, id])?;
                    }
                    _ => {
                        if !known.exists([&version.hash[..]])? {
                            add_content.execute(params![
                                &version.hash[..],
                                CONTENT_VERSION,
                                sent(position)
                            ])?;
                        }
                        start.execute(params![account, key, &version.hash[..], id])?;
                    }
                }
            }
        }
        let fetch = Fetch {
            id,
            first_at: at,
            last_at: at,
            times: 1,
            complete,
            items: versions.len() as i64,
        };
        keep_offline(&tx, account, &fetch, gaps, versions, true)?;
        tx.commit()?;
        Ok(fetch)
    }

    /// The offline row of `account` and its fetch's time: the latest list's content hashes in
    /// order, what its answer left out, and its opening mark.
    fn offline_row(&self, account: &str) -> Result<Option<OfflineRow>, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT f.last_at, o.gaps, o.hashes, o.opening, o.fetch
                 FROM offline o JOIN fetch f ON f.id = o.fetch WHERE o.account = ?1",
                [account],
                |row| {
                    Ok(OfflineRow {
                        fetched_at: row.get(0)?,
                        gaps: serde_json::from_str(&row.get::<_, String>(1)?).unwrap_or(Gaps {
                            // Unreadable gaps: the list is not claimed whole.
                            skipped: 1,
                            ..Gaps::default()
                        }),
                        hashes: row.get(2)?,
                        held: row.get(3)?,
                        fetch: row.get(4)?,
                    })
                },
            )
            .optional()?;
        Ok(row)
    }

    /// The latest list of `account` as recorded, to open at start-up or offline; `None` when
    /// none was recorded.
    pub fn offline(&self, account: &str) -> Result<Option<Offline>, StoreError> {
        self.offline_into(account, Vec::new())
    }

    /// [`Store::offline`], its body written to `out` as it is rebuilt (a large list to a file,
    /// so it is never whole in memory).
    pub fn offline_into<W: Write>(
        &self,
        account: &str,
        mut out: W,
    ) -> Result<Option<Offline<W>>, StoreError> {
        let Some(OfflineRow {
            fetched_at,
            mut gaps,
            hashes,
            held,
            fetch,
        }) = self.offline_row(account)?
        else {
            return Ok(None);
        };
        let mut first = true;
        let mut put = |item: &[u8]| -> Result<(), StoreError> {
            let comma: &[u8] = if first { b"[" } else { b"," };
            first = false;
            out.write_all(comma)
                .and_then(|()| out.write_all(item))
                .map_err(StoreError::WriteOut)
        };
        if hashes.len() / 32 <= READ_WHOLE_UP_TO {
            // One statement for the whole list (a statement per version costs twice the time):
            // the versions its fetch saw, then put in the order sent.
            let mut read = self.conn.prepare_cached(
                "SELECT c.hash, c.item FROM sighting s JOIN content c ON c.hash = s.hash
                 WHERE s.account = ?1 AND s.first_fetch <= ?2 AND s.last_fetch >= ?2",
            )?;
            let mut texts = Vec::with_capacity(hashes.len() / 32 * 2048);
            let mut at: HashMap<[u8; 32], std::ops::Range<usize>> = HashMap::new();
            let mut rows = read.query(params![account, fetch])?;
            while let Some(row) = rows.next()? {
                if let rusqlite::types::ValueRef::Text(text) = row.get_ref(1)? {
                    let start = texts.len();
                    texts.extend_from_slice(text);
                    at.insert(hash_of(row.get(0)?), start..texts.len());
                }
            }
            for hash in hashes.chunks_exact(32) {
                match at.get(hash) {
                    Some(range) => put(&texts[range.clone()])?,
                    // A version the store lost: the list says one was left out.
                    None => gaps.skipped += 1,
                }
            }
        } else {
            // A version at a time, in the order sent: the whole list's texts at once would be
            // a second copy of the list in memory (200 MB at 100,000 assistants).
            let mut read = self
                .conn
                .prepare_cached("SELECT item FROM content WHERE hash = ?1")?;
            for hash in hashes.chunks_exact(32) {
                let mut rows = read.query([hash])?;
                match rows.next()? {
                    Some(row) => match row.get_ref(0)? {
                        rusqlite::types::ValueRef::Text(text) => put(text)?,
                        _ => gaps.skipped += 1,
                    },
                    None => gaps.skipped += 1,
                }
            }
        }
        let end: &[u8] = if first { b"[]" } else { b"]" };
        out.write_all(end).map_err(StoreError::WriteOut)?;
        Ok(Some(Offline {
            fetched_at,
            gaps,
            body: out,
            held,
        }))
    }

    /// The assistants at `positions` of the latest list of `account` (what [`Store::offline`]
    /// reads whole), for a first screen before the whole list: `None` when none was recorded,
    /// a position is past its end, or the store lost one of those versions.
    pub fn offline_head(
        &self,
        account: &str,
        positions: &[u32],
    ) -> Result<Option<OfflineHead>, StoreError> {
        let Some(OfflineRow {
            fetched_at,
            gaps,
            hashes,
            held,
            ..
        }) = self.offline_row(account)?
        else {
            return Ok(None);
        };
        let mut read = self
            .conn
            .prepare_cached("SELECT item FROM content WHERE hash = ?1")?;
        let mut items = Vec::with_capacity(positions.len());
        for &position in positions {
            let start = position as usize * 32;
            let Some(hash) = hashes.get(start..start + 32) else {
                return Ok(None);
            };
            let Some(item) = read
                .query_row([hash], |row| row.get::<_, String>(0))
                .optional()?
            else {
                return Ok(None);
            };
            items.push(item);
        }
        Ok(Some(OfflineHead {
            fetched_at,
            gaps,
            count: hashes.len() / 32,
            items,
            held,
        }))
    }

    /// Marks the offline copy of `account` as being opened (`true`, before the page gets it) or
    /// as painted (`false`); see [`Offline::held`].
    pub fn set_opening(&mut self, account: &str, opening: bool) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE offline SET opening = ?2 WHERE account = ?1 AND opening != ?2",
            params![account, opening],
        )?;
        Ok(())
    }

    /// Records an open list of `account` fetched at `fetched_at` and answers what the store
    /// knows of it. A `fresh` list (fetched just now) is always recorded (the same content as
    /// the last fetch only moves that run on); a saved copy shown again only when the store
    /// lacks it (the app closed before recording it).
    pub fn record_list(
        &mut self,
        account: &str,
        fetched_at: i64,
        list: &OpenList,
        fresh: bool,
    ) -> Result<Recorded, StoreError> {
        let versions = list.versions();
        let keys = keys(&versions);
        let hashes = versions.iter().map(|v| v.hash).collect();
        let body_hash = digest(list.body());
        let known = latest(&self.conn, account)?
            .filter(|(fetch, hash)| !fresh && (*hash == body_hash || fetch.last_at >= fetched_at));
        let fetch = match known {
            Some((fetch, _)) => fetch.id,
            None => {
                let mut reading = list.sent_in_order();
                let sent = |position| reading.sent(position).unwrap_or("{}").to_owned();
                self.record(account, fetched_at, list.gaps(), body_hash, &versions, sent)?
                    .id
            }
        };
        Ok(Recorded {
            fetch,
            keys,
            hashes,
        })
    }

    /// The fetches of `account`, oldest first.
    pub fn fetches(&self, account: &str) -> Result<Vec<Fetch>, StoreError> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {FETCH_COLUMNS} FROM fetch WHERE account = ?1 ORDER BY id"
        ))?;
        let rows = statement.query_map([account], fetch_of)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The fetch of `account` numbered `id`.
    fn fetch(&self, account: &str, id: i64) -> Result<Option<Fetch>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {FETCH_COLUMNS} FROM fetch WHERE account = ?1 AND id = ?2"),
                params![account, id],
                fetch_of,
            )
            .optional()?)
    }

    /// The complete fetch of `account` that [`Since`] names, relative to the fetch `target`:
    /// the last complete one before it, or the last complete one made by a time. `None` when
    /// there is none.
    pub fn base(
        &self,
        account: &str,
        target: i64,
        since: Since,
    ) -> Result<Option<Fetch>, StoreError> {
        let by = match since {
            Since::Previous => i64::MAX,
            Since::Time(at) => at,
        };
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {FETCH_COLUMNS} FROM fetch
                     WHERE account = ?1 AND id < ?2 AND complete AND first_at <= ?3
                     ORDER BY id DESC LIMIT 1"
                ),
                params![account, target, by],
                fetch_of,
            )
            .optional()?)
    }

    /// The content hash of the assistant `key` of `account` in the fetch `fetch`, if it was in it.
    pub fn version_in(
        &self,
        account: &str,
        key: &str,
        fetch: i64,
    ) -> Result<Option<[u8; 32]>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT hash FROM sighting
                 WHERE account = ?1 AND assistant = ?2 AND first_fetch <= ?3 AND last_fetch >= ?3",
                params![account, key, fetch],
                |row| Ok(hash_of(row.get(0)?)),
            )
            .optional()?)
    }

    /// What changed from the fetch [`Since`] names to `target` (a fetch of `account`); `None`
    /// when there is none to compare with (the first fetch, or a time before any).
    pub fn changes(
        &self,
        account: &str,
        target: i64,
        since: Since,
    ) -> Result<Option<Changes>, StoreError> {
        let Some(target) = self.fetch(account, target)? else {
            return Ok(None);
        };
        let Some(base) = self.base(account, target.id, since)? else {
            return Ok(None);
        };
        let old = members(&self.conn, account, base.id)?;
        let new = members(&self.conn, account, target.id)?;
        let mut changes = Changes {
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
            removals_known: target.complete,
            base,
            target,
        };
        // The versions are read here, then compared on every core (1,000 changed assistants
        // are 2,000 versions to decode).
        let mut pairs = Vec::new();
        for (key, hash) in &new {
            match old.get(key) {
                None => changes.added.push(key.clone()),
                Some(was) if was != hash => {
                    pairs.push(Pair {
                        key: key.clone(),
                        hashes: (*was, *hash),
                        texts: (self.item(was)?, self.item(hash)?),
                    });
                }
                Some(_) => {}
            }
        }
        changes.changed = compare_all(pairs);
        if changes.removals_known {
            for (key, hash) in &old {
                if !new.contains_key(key) {
                    let name = roster_core::assistant_of(&self.item(hash)?).and_then(|a| a.name);
                    changes.removed.push(Removed {
                        key: key.clone(),
                        name,
                    });
                }
            }
        }
        changes.added.sort();
        changes.removed.sort_by(|a, b| a.key.cmp(&b.key));
        changes.changed.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(changes.into())
    }

    /// The version with `hash` as the platform sent it.
    pub fn item(&self, hash: &[u8; 32]) -> Result<String, StoreError> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT item FROM content WHERE hash = ?1")?;
        Ok(statement.query_row([&hash[..]], |row| row.get(0))?)
    }

    /// Every version of the assistant `key` of `account`, oldest first, with when each was
    /// first and last seen.
    pub fn timeline(&self, account: &str, key: &str) -> Result<Vec<Sighting>, StoreError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT s.hash, f.first_at, l.last_at, c.item
             FROM sighting s
             JOIN fetch f ON f.id = s.first_fetch
             JOIN fetch l ON l.id = s.last_fetch
             JOIN content c ON c.hash = s.hash
             WHERE s.account = ?1 AND s.assistant = ?2 ORDER BY s.first_fetch",
        )?;
        let rows = statement.query_map([account, key], |row| {
            Ok(Sighting {
                hash: hash_of(row.get(0)?),
                first_at: row.get(1)?,
                last_at: row.get(2)?,
                item: row.get(3)?,
            })
        })?;
        let mut sightings: Vec<Sighting> = Vec::new();
        // A version seen again after a break is one version: its sightings are joined.
        for sighting in rows {
            let sighting = sighting?;
            match sightings.iter_mut().find(|s| s.hash == sighting.hash) {
                Some(known) => {
                    known.first_at = known.first_at.min(sighting.first_at);
                    known.last_at = known.last_at.max(sighting.last_at);
                }
                None => sightings.push(sighting),
            }
        }
        Ok(sightings)
    }

    /// Removes every fetch, version seen, reviewed mark and rule of `account`.
    pub fn forget_account(&mut self, account: &str) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM sighting WHERE account = ?1", [account])?;
        tx.execute("DELETE FROM fetch WHERE account = ?1", [account])?;
        tx.execute("DELETE FROM review WHERE account = ?1", [account])?;
        tx.execute("DELETE FROM rules WHERE account = ?1", [account])?;
        forget_unused_content(&tx)?;
        tx.commit()?;
        self.give_back_space()
    }

    /// Forgets what no fetch since `cutoff` (ms since the epoch) saw: older fetches, versions
    /// seen only by them. Each account's offline copy stays, however old (it is the list the
    /// app opens, not history), and reviewed marks stay, with the version they name.
    pub fn forget_before(&mut self, cutoff: i64) -> Result<(), StoreError> {
        const OLD: &str = "SELECT id FROM fetch
                           WHERE last_at < ?1 AND id NOT IN (SELECT fetch FROM offline)";
        // The usual case at start-up: nothing that old, so no writes and no vacuum.
        let mut older = self.conn.prepare_cached(&format!("{OLD} LIMIT 1"))?;
        if !older.exists([cutoff])? {
            return Ok(());
        }
        drop(older);
        let tx = self.conn.transaction()?;
        tx.execute(
            &format!("DELETE FROM sighting WHERE last_fetch IN ({OLD})"),
            [cutoff],
        )?;
        // A version still seen keeps its place; its first sighting becomes the oldest kept.
        tx.execute(
            &format!(
                "UPDATE sighting SET first_fetch = (
                    SELECT min(id) FROM fetch
                    WHERE fetch.account = sighting.account AND id NOT IN ({OLD})
                      AND id <= sighting.last_fetch AND id >= sighting.first_fetch)
                 WHERE first_fetch IN ({OLD})"
            ),
            [cutoff],
        )?;
        tx.execute(&format!("DELETE FROM fetch WHERE id IN ({OLD})"), [cutoff])?;
        forget_unused_content(&tx)?;
        tx.commit()?;
        self.give_back_space()
    }

    /// Returns the pages of deleted rows to the file system and empties the write-ahead log, so
    /// the size shown drops when history is forgotten.
    fn give_back_space(&mut self) -> Result<(), StoreError> {
        self.conn.execute_batch("PRAGMA incremental_vacuum;")?;
        self.empty_log()
    }

    /// Writes what the write-ahead log holds into the database and empties it. Called as the app
    /// exits: a log left full (a whole list recorded just before) would otherwise be read back
    /// and written at the next start's first write, which marks the first screen as opening.
    pub fn empty_log(&mut self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Every account the store holds history, marks or rules of.
    pub fn accounts(&self) -> Result<Vec<String>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT account FROM fetch UNION SELECT account FROM review
             UNION SELECT account FROM rules ORDER BY account",
        )?;
        let rows = statement.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// When the oldest fetch kept (of any account) was made.
    pub fn oldest(&self) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT min(first_at) FROM fetch", [], |row| row.get(0))?)
    }

    /// How long history is kept, in days; `None`: for ever. One year unless the user chose.
    pub fn keep_days(&self) -> Result<Option<u32>, StoreError> {
        let value: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM setting WHERE name = 'keep_days'",
                [],
                |row| row.get(0),
            )
            .optional()?;
        Ok(match value.as_deref() {
            None => Some(DEFAULT_KEEP_DAYS),
            Some("forever") => None,
            Some(days) => Some(days.parse().unwrap_or(DEFAULT_KEEP_DAYS)),
        })
    }

    /// Keeps history for `days` (`None`: for ever) and forgets at once what is older than that
    /// at `now` (ms since the epoch).
    pub fn set_keep_days(&mut self, days: Option<u32>, now: i64) -> Result<(), StoreError> {
        let value = days.map_or("forever".to_owned(), |d| d.to_string());
        self.conn.execute(
            "INSERT OR REPLACE INTO setting (name, value) VALUES ('keep_days', ?1)",
            [value],
        )?;
        self.forget_expired(now)
    }

    /// Forgets the history older than the period kept, at `now` (the app does it once a run).
    pub fn forget_expired(&mut self, now: i64) -> Result<(), StoreError> {
        match self.keep_days()? {
            Some(days) => self.forget_before(now - i64::from(days) * DAY_MS),
            None => Ok(()),
        }
    }
}

/// Each pair of versions compared, on every core.
/// An assistant in two fetches with two versions: their hashes and texts, to compare.
struct Pair {
    key: String,
    hashes: ([u8; 32], [u8; 32]),
    texts: (String, String),
}

fn compare_all(pairs: Vec<Pair>) -> Vec<Changed> {
    let one = |pair: &Pair| Changed {
        key: pair.key.clone(),
        before: pair.hashes.0,
        after: pair.hashes.1,
        difference: roster_core::compare(&pair.texts.0, &pair.texts.1).unwrap_or_default(),
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if pairs.len() < 64 || threads == 1 {
        return pairs.iter().map(one).collect();
    }
    let chunk = pairs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = pairs
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().expect("comparing versions does not panic"))
            .collect()
    })
}

/// Makes `fetch` the offline copy of `account`. `replace: false` keeps its list when it has one.
/// Either way it is no longer held: a list is recorded once the page has painted it.
fn keep_offline(
    tx: &Transaction<'_>,
    account: &str,
    fetch: &Fetch,
    gaps: Gaps,
    versions: &[Version],
    replace: bool,
) -> Result<(), StoreError> {
    let hashes: Vec<u8> = versions.iter().flat_map(|v| v.hash).collect();
    let gaps = serde_json::to_string(&gaps).expect("plain data always serializes");
    let update = if replace {
        "fetch = excluded.fetch, gaps = excluded.gaps, hashes = excluded.hashes, opening = 0"
    } else {
        "opening = 0"
    };
    tx.prepare_cached(&format!(
        "INSERT INTO offline (account, fetch, gaps, hashes) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (account) DO UPDATE SET {update}"
    ))?
    .execute(params![account, fetch.id, gaps, hashes])?;
    Ok(())
}

fn forget_unused_content(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM content WHERE hash NOT IN (SELECT hash FROM sighting)
                               AND hash NOT IN (SELECT hash FROM review)",
        [],
    )?;
    Ok(())
}
