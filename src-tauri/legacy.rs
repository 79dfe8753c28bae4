//! Saved lists of earlier versions of the app: one file per account in the cache folder
//! (`roster-<account id in hex>.list`: a JSON header line, then the body as sent), with a
//! `.opening` mark beside it while the list was on its way to the screen. The review memory now
//! holds the offline copy; at its first use each such file is recorded there (unless the store
//! already has a later list of the account), its mark carried over, and the files deleted.

use std::path::Path;

use roster_core::OpenList;
use roster_store::{Store, StoreError};
use serde::Deserialize;

/// The header line of a saved list: whose list it is and when it was fetched.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Header {
    account: HeaderAccount,
    fetched_at_ms: i64,
}

#[derive(Deserialize)]
struct HeaderAccount {
    id: String,
}

/// Moves every saved list in `dir` into `store`. A file that cannot be read is deleted (it
/// could only be shown as damaged); one that cannot be recorded stays for the next run.
pub fn import(dir: &Path, store: &mut Store) -> Result<(), StoreError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_list = path.extension().is_some_and(|e| e == "list")
            && path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("roster-"));
        if !is_list {
            continue;
        }
        let mark = path.with_extension("opening");
        if let Some((header, list)) = read(&path) {
            let id = &header.account.id;
            let before = store.offline(id)?.map(|o| o.fetched_at);
            store.record_list(id, header.fetched_at_ms, &list, false)?;
            let now_this_list = before.is_none_or(|at| at < header.fetched_at_ms);
            if mark.exists() && now_this_list {
                store.set_opening(id, true)?;
            }
        }
        let _ = std::fs::remove_file(&path);
        let _ = std::fs::remove_file(&mark);
    }
    Ok(())
}

/// The header and the opened list of a saved list file, if it reads as one.
fn read(path: &Path) -> Option<(Header, OpenList)> {
    let mut bytes = std::fs::read(path).ok()?;
    let end = bytes.iter().position(|&b| b == b'\n')?;
    let header: Header = serde_json::from_slice(&bytes[..end]).ok()?;
    bytes.drain(..=end);
    let opened = OpenList::open(roster_core::Body::shared(bytes)).ok()?;
    Some((header, opened.list))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_name(account: &str) -> String {
        let hex: String = account.bytes().map(|b| format!("{b:02x}")).collect();
        format!("roster-{hex}.list")
    }

    #[test]
    fn saved_lists_of_earlier_versions_move_into_the_store_once() {
        let folder = std::env::temp_dir().join(format!("roster-legacy-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        let cache = folder.join("cache");
        std::fs::create_dir_all(&cache).unwrap();
        let mut store = Store::open(&folder.join("memory.sqlite3")).unwrap().store;
        let body = r#"[{"id":1,"name":"Ana"}, {"id":"2","name":"Bo"}]"#;
        // A file of an early version, with more of the account in its header, and its mark.
        let old = r#"{"account":{"id":"a#2","base":"https://x.example/api","label":"X"},"fetchedAtMs":5}"#;
        std::fs::write(cache.join(file_name("a#2")), format!("{old}\n{body}")).unwrap();
        std::fs::write(cache.join(file_name("a#2")).with_extension("opening"), "").unwrap();
        std::fs::write(cache.join(file_name("b")), "not a header\n[]").unwrap();
        std::fs::write(cache.join("unrelated.txt"), "stays").unwrap();
        import(&cache, &mut store).unwrap();

        let offline = store.offline("a#2").unwrap().unwrap();
        assert_eq!(offline.fetched_at, 5);
        assert!(offline.held, "a list on its way to the screen stays held");
        assert_eq!(
            OpenList::open(roster_core::Body::shared(offline.body))
                .unwrap()
                .cards
                .len(),
            2
        );
        assert_eq!(store.offline("b").unwrap(), None);
        let left: Vec<_> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(left, ["unrelated.txt"]);

        // An older file than the store's list changes nothing.
        store.set_opening("a#2", false).unwrap();
        std::fs::write(cache.join(file_name("a#2")), format!("{old}\n[]")).unwrap();
        std::fs::write(cache.join(file_name("a#2")).with_extension("opening"), "").unwrap();
        import(&cache, &mut store).unwrap();
        let offline = store.offline("a#2").unwrap().unwrap();
        assert!(!offline.held);
        assert_eq!(
            OpenList::open(roster_core::Body::shared(offline.body))
                .unwrap()
                .cards
                .len(),
            2
        );
        drop(store);
        let _ = std::fs::remove_dir_all(&folder);
    }
}
