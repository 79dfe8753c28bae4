//! The review memory against real SQLite files in a temporary folder.

use roster_core::{content_of, Content, Gaps, Version};
use roster_store::{keys, Since, Store};

const ACCOUNT: &str = "https://call.aiployees.com/api";

fn contents(items: &[&str]) -> Vec<Content> {
    items.iter().map(|item| content_of(item).unwrap()).collect()
}

fn versions(items: &[&str]) -> Vec<Version> {
    contents(items).into_iter().map(Version::from).collect()
}

/// The gaps of a whole list, or of one whose answer announced further pages.
fn gaps(complete: bool) -> Gaps {
    Gaps {
        more_pages: !complete,
        ..Gaps::default()
    }
}

/// Records `items` as a fetch of `account`, as the app does (versions, texts when needed).
fn record_in(
    store: &mut Store,
    account: &str,
    at: i64,
    complete: bool,
    items: &[&str],
) -> roster_store::Fetch {
    store
        .record(
            account,
            at,
            gaps(complete),
            body_hash(items),
            &versions(items),
            |p| items[p].to_owned(),
        )
        .unwrap()
}

fn body_hash(items: &[&str]) -> [u8; 32] {
    content_of(&format!(r#"{{"body":{:?}}}"#, items.join(",")))
        .unwrap()
        .hash
}

fn record(store: &mut Store, at: i64, complete: bool, items: &[&str]) -> roster_store::Fetch {
    record_in(store, ACCOUNT, at, complete, items)
}

fn rows(store: &Store, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

const ANA: &str = r#"{"id":1,"name":"Ana","status":"active","system_prompt":"Call politely."}"#;
const BO: &str = r#"{"id":2,"name":"Bo","status":"active"}"#;
const CY: &str = r#"{"id":3,"name":"Cy","status":"active","variables":{"a":"1"}}"#;

#[test]
fn the_first_use_creates_the_database_and_the_same_list_adds_no_rows() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("deep/er/review.sqlite3");
    let mut store = Store::open(&path).unwrap().store;
    assert!(path.exists());
    let first = record(&mut store, 1_000, true, &[ANA, BO]);
    let counts = |s: &Store| (rows(s, "fetch"), rows(s, "sighting"), rows(s, "content"));
    let after_first = counts(&store);
    assert_eq!(after_first, (1, 2, 2));
    // The same body, then the same content written otherwise: no rows, the run goes on.
    let again = record(&mut store, 2_000, true, &[ANA, BO]);
    let reformatted = [
        r#"{ "system_prompt": "Call politely.", "status": "active", "name": "Ana", "id": "1" }"#,
        r#"{"status":"active","name":"Bo","id":2.0}"#,
    ];
    let third = record(&mut store, 3_000, true, &reformatted);
    assert_eq!(counts(&store), after_first);
    assert_eq!((again.id, third.id), (first.id, first.id));
    assert_eq!(
        (third.times, third.first_at, third.last_at),
        (3, 1_000, 3_000)
    );
    assert_eq!(store.fetches(ACCOUNT).unwrap().len(), 1);
    assert!(store
        .changes(ACCOUNT, first.id, Since::Previous)
        .unwrap()
        .is_none());
}

#[test]
fn what_changed_between_two_fetches() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open(&folder.path().join("r.sqlite3")).unwrap().store;
    record(&mut store, 1_000, true, &[ANA, BO, CY]);
    let edited = r#"{"id":1,"name":"Ana","status":"active","system_prompt":"Call kindly."}"#;
    let paused = r#"{"id":3,"name":"Cy","status":"inactive","variables":{"a":"1"}}"#;
    let new = r#"{"id":4,"name":"Di"}"#;
    let second = record(&mut store, 2_000, true, &[edited, paused, new]);
    let changes = store
        .changes(ACCOUNT, second.id, Since::Previous)
        .unwrap()
        .unwrap();
    assert_eq!(changes.added, ["4"]);
    assert_eq!(changes.removed.len(), 1);
    assert_eq!(
        (
            changes.removed[0].key.as_str(),
            changes.removed[0].name.as_deref()
        ),
        ("2", Some("Bo"))
    );
    let changed: Vec<_> = changes
        .changed
        .iter()
        .map(|c| (c.key.as_str(), c.difference.names()))
        .collect();
    assert_eq!(
        changed,
        [
            ("1", vec!["systemPrompt".to_owned()]),
            ("3", vec!["status".to_owned()])
        ]
    );
    assert!(changes.removals_known);
    // "Since" a time before the second fetch compares with the first; before any, with none.
    let since = store
        .changes(ACCOUNT, second.id, Since::Time(1_500))
        .unwrap()
        .unwrap();
    assert_eq!(since.base.first_at, 1_000);
    assert!(store
        .changes(ACCOUNT, second.id, Since::Time(500))
        .unwrap()
        .is_none());
    // Each assistant's timeline.
    let timeline = store.timeline(ACCOUNT, "1").unwrap();
    assert_eq!(timeline.len(), 2);
    assert!(timeline[0].item.contains("politely") && timeline[1].item.contains("kindly"));
    assert_eq!((timeline[0].first_at, timeline[0].last_at), (1_000, 1_000));
}

#[test]
fn a_partial_list_never_says_removed_and_is_not_a_base() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open(&folder.path().join("r.sqlite3")).unwrap().store;
    record(&mut store, 1_000, true, &[ANA, BO, CY]);
    let partial = record(&mut store, 2_000, false, &[ANA]);
    let changes = store
        .changes(ACCOUNT, partial.id, Since::Previous)
        .unwrap()
        .unwrap();
    assert!(!changes.removals_known && changes.removed.is_empty() && changes.added.is_empty());
    // The next whole list is compared with the last whole one, not with the partial one.
    let whole = record(&mut store, 3_000, true, &[ANA, BO, CY]);
    let changes = store
        .changes(ACCOUNT, whole.id, Since::Previous)
        .unwrap()
        .unwrap();
    assert_eq!(changes.base.first_at, 1_000);
    assert!(changes.added.is_empty() && changes.removed.is_empty() && changes.changed.is_empty());
}

#[test]
fn accounts_are_apart_and_an_account_is_forgotten_whole() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open(&folder.path().join("r.sqlite3")).unwrap().store;
    record(&mut store, 1_000, true, &[ANA, BO]);
    record_in(&mut store, "other#2", 1_000, true, &[CY]);
    let ana = content_of(ANA).unwrap();
    store
        .mark_reviewed(ACCOUNT, "1", &ana.hash, 1_500, "ok")
        .unwrap();
    assert!(store.reviews("other#2").unwrap().is_empty());
    store.forget_account(ACCOUNT).unwrap();
    assert!(
        store.fetches(ACCOUNT).unwrap().is_empty() && store.reviews(ACCOUNT).unwrap().is_empty()
    );
    assert_eq!(store.fetches("other#2").unwrap().len(), 1);
    assert_eq!((rows(&store, "content"), rows(&store, "sighting")), (1, 1));
}

#[test]
fn reviewed_marks_name_a_version_and_survive_reopening() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("r.sqlite3");
    let ana = content_of(ANA).unwrap();
    {
        let mut store = Store::open(&path).unwrap().store;
        record(&mut store, 1_000, true, &[ANA]);
        store
            .mark_reviewed(ACCOUNT, "1", &ana.hash, 1_100, "")
            .unwrap();
        store
            .mark_reviewed(ACCOUNT, "1", &ana.hash, 1_200, "Script approved")
            .unwrap();
    }
    let mut store = Store::open(&path).unwrap().store;
    let review = &store.reviews(ACCOUNT).unwrap()["1"];
    assert_eq!(
        (review.hash, review.at, review.note.as_str()),
        (ana.hash, 1_200, "Script approved")
    );
    // A mark keeps its version even after history has forgotten it.
    let edited = r#"{"id":1,"name":"Ana 2"}"#;
    record(&mut store, 5_000, true, &[edited]);
    store.forget_before(4_000).unwrap();
    assert_eq!(store.fetches(ACCOUNT).unwrap().len(), 1);
    assert!(store.item(&ana.hash).unwrap().contains("politely"));
    store.clear_review(ACCOUNT, "1").unwrap();
    assert!(store.reviews(ACCOUNT).unwrap().is_empty());
}

#[test]
fn old_history_is_forgotten_and_what_is_still_seen_stays() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open(&folder.path().join("r.sqlite3")).unwrap().store;
    record(&mut store, 1_000, true, &[ANA, BO]);
    let later = record(&mut store, 9_000, true, &[ANA, CY]);
    store.forget_before(5_000).unwrap();
    assert_eq!(
        store.fetches(ACCOUNT).unwrap(),
        std::slice::from_ref(&later)
    );
    // Ana, seen by both, is still in the later list; Bo, seen only by the first, is gone.
    assert_eq!(store.timeline(ACCOUNT, "1").unwrap().len(), 1);
    assert!(store.timeline(ACCOUNT, "2").unwrap().is_empty());
    assert_eq!(rows(&store, "content"), 2);
    let next = record(&mut store, 10_000, true, &[ANA]);
    let changes = store
        .changes(ACCOUNT, next.id, Since::Previous)
        .unwrap()
        .unwrap();
    assert_eq!(changes.removed[0].key, "3");
}

#[test]
fn repeated_and_missing_ids_get_keys_of_their_own() {
    let items = versions(&[
        r#"{"id":7}"#,
        r#"{"id":"7","name":"x"}"#,
        r#"{"name":"no id"}"#,
        r#"{"id":7,"a":1}"#,
    ]);
    assert_eq!(keys(&items), ["7", "7#2", "@2", "7#3"]);
}

#[test]
fn a_damaged_file_is_set_aside_never_over_an_earlier_copy() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("review.sqlite3");
    for round in 1..=2 {
        std::fs::write(
            &path,
            b"this is not a database, just some bytes of text........",
        )
        .unwrap();
        std::fs::write(folder.path().join("review.sqlite3-wal"), b"wal").unwrap();
        let opened = Store::open(&path).unwrap();
        let moved = opened.set_aside.expect("set aside");
        let name = if round == 1 {
            "review.sqlite3.damaged"
        } else {
            "review.sqlite3.damaged-2"
        };
        assert_eq!(moved, folder.path().join(name));
        assert!(std::fs::read(&moved).unwrap().starts_with(b"this is not"));
        assert_eq!(
            std::fs::read(folder.path().join(format!("{name}-wal"))).unwrap(),
            b"wal"
        );
        let mut store = opened.store;
        record(&mut store, 1, true, &[ANA]);
        drop(store);
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_store_is_an_error_and_nothing_is_moved() {
    use std::os::unix::fs::PermissionsExt;
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("review.sqlite3");
    drop(Store::open(&path).unwrap());
    std::fs::set_permissions(folder.path(), std::fs::Permissions::from_mode(0o500)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    let outcome = Store::open(&path).and_then(|mut opened| {
        opened.store.record(
            ACCOUNT,
            1,
            gaps(true),
            body_hash(&[ANA]),
            &versions(&[ANA]),
            |_| ANA.to_owned(),
        )
    });
    std::fs::set_permissions(folder.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    if running_as_root() {
        return; // root writes anyway; the point cannot be shown.
    }
    let error = outcome.unwrap_err();
    assert!(
        matches!(error, roster_store::StoreError::Sqlite(_)) && !error.is_damage(),
        "{error:?}"
    );
    assert!(path.exists() && !folder.path().join("review.sqlite3.damaged").exists());
}

#[cfg(unix)]
fn running_as_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}

#[test]
fn a_crash_between_two_fetches_loses_nothing_committed() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("r.sqlite3");
    let mut store = Store::open(&path).unwrap().store;
    record(&mut store, 1_000, true, &[ANA, BO]);
    // The process dies without closing: the connection is leaked, its WAL not checkpointed.
    std::mem::forget(store);
    let copy = folder.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    for name in ["r.sqlite3", "r.sqlite3-wal"] {
        std::fs::copy(folder.path().join(name), copy.join(name)).unwrap();
    }
    let store = Store::open(&copy.join("r.sqlite3")).unwrap().store;
    assert_eq!(store.fetches(ACCOUNT).unwrap().len(), 1);
    assert_eq!(store.timeline(ACCOUNT, "2").unwrap().len(), 1);
}

#[test]
fn history_is_kept_a_year_unless_chosen_and_forgetting_gives_space_back() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open(&folder.path().join("r.sqlite3")).unwrap().store;
    assert_eq!(
        store.keep_days().unwrap(),
        Some(roster_store::DEFAULT_KEEP_DAYS)
    );
    const DAY: i64 = 24 * 60 * 60 * 1000;
    let big = |n: usize| {
        format!(
            r#"{{"id":{n},"system_prompt":"{}"}}"#,
            "x".repeat(200_000 + n)
        )
    };
    let old: Vec<String> = (0..20).map(big).collect();
    let old: Vec<&str> = old.iter().map(String::as_str).collect();
    record(&mut store, 0, true, &old);
    record(&mut store, 400 * DAY, true, &[ANA]);
    let before = store.size_on_disk();
    store.forget_expired(400 * DAY).unwrap();
    assert_eq!(
        store.fetches(ACCOUNT).unwrap().len(),
        1,
        "the fetch of 400 days ago is past a year"
    );
    assert!(
        store.size_on_disk() < before / 2,
        "{} -> {}",
        before,
        store.size_on_disk()
    );
    // For ever keeps everything; a shorter period forgets at once.
    record(&mut store, 401 * DAY, true, &[BO]);
    store.set_keep_days(None, 10_000 * DAY).unwrap();
    assert_eq!(store.keep_days().unwrap(), None);
    assert_eq!(store.fetches(ACCOUNT).unwrap().len(), 2);
    store.set_keep_days(Some(30), 432 * DAY).unwrap();
    // The latest list is what the app opens, not history: it stays, however old.
    let kept = store.fetches(ACCOUNT).unwrap();
    assert_eq!((kept.len(), kept[0].first_at), (1, 401 * DAY));
    assert_eq!(store.keep_days().unwrap(), Some(30));
}

#[test]
fn a_large_offline_copy_is_rebuilt_a_version_at_a_time_into_any_writer() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open(&folder.path().join("r.sqlite3")).unwrap().store;
    // Past 20,000 versions the list is read a version at a time; one sent twice, in another
    // order than the store keeps them.
    let mut items: Vec<String> = (0..20_001)
        .rev()
        .map(|i| format!(r#"{{"id":{i}}}"#))
        .collect();
    items.push(items[7].clone());
    let items: Vec<&str> = items.iter().map(String::as_str).collect();
    record(&mut store, 1_000, true, &items);
    let sent = format!("[{}]", items.join(","));
    let offline = store.offline(ACCOUNT).unwrap().unwrap();
    assert_eq!(String::from_utf8(offline.body).unwrap(), sent);
    assert_eq!(offline.gaps, Gaps::default());
    // Into a writer: the same bytes, the rest of the copy as it was.
    let into = store
        .offline_into(ACCOUNT, std::io::Cursor::new(Vec::new()))
        .unwrap()
        .unwrap();
    assert_eq!(into.body.into_inner(), sent.as_bytes());
    assert_eq!((into.fetched_at, into.held), (1_000, false));
    // A writer that fails says so.
    #[derive(Debug)]
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("no room"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let error = store.offline_into(ACCOUNT, Full).unwrap_err();
    assert!(
        matches!(error, roster_store::StoreError::WriteOut(_)),
        "{error}"
    );
    // A small copy into a writer too.
    record(&mut store, 2_000, true, &[ANA, BO]);
    let into = store.offline_into(ACCOUNT, Vec::new()).unwrap().unwrap();
    assert_eq!(into.body, format!("[{ANA},{BO}]").into_bytes());
}

#[test]
fn the_latest_list_is_the_offline_copy_as_sent_in_order_and_held_after_a_crash() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("r.sqlite3");
    let mut store = Store::open(&path).unwrap().store;
    assert_eq!(store.offline(ACCOUNT).unwrap(), None);
    // As sent: spaces, a number in a string, a long id no float can hold.
    let sent = [
        r#"{ "id": "123456789012345678901234567890", "voice_id": "8" }"#,
        BO,
        ANA,
    ];
    record(&mut store, 1_000, false, &sent);
    let offline = store.offline(ACCOUNT).unwrap().unwrap();
    assert_eq!(offline.fetched_at, 1_000);
    assert_eq!(offline.gaps, gaps(false), "a partial list stays partial");
    assert_eq!(
        String::from_utf8(offline.body).unwrap(),
        format!("[{}]", sent.join(","))
    );
    assert!(!offline.held);
    // The same list again moves its time on; another order is another list.
    record(&mut store, 2_000, false, &sent);
    assert_eq!(store.offline(ACCOUNT).unwrap().unwrap().fetched_at, 2_000);
    record(&mut store, 3_000, true, &[ANA, BO]);
    let offline = store.offline(ACCOUNT).unwrap().unwrap();
    assert_eq!(offline.body, format!("[{ANA},{BO}]").into_bytes());
    assert_eq!(offline.gaps, Gaps::default());
    // Opened and never painted: still held after the app is gone; painted: free again.
    store.set_opening(ACCOUNT, true).unwrap();
    drop(store);
    let mut store = Store::open(&path).unwrap().store;
    assert!(store.offline(ACCOUNT).unwrap().unwrap().held);
    store.set_opening(ACCOUNT, false).unwrap();
    assert!(!store.offline(ACCOUNT).unwrap().unwrap().held);
    // A list recorded from now on was painted first, the same list fetched again too.
    store.set_opening(ACCOUNT, true).unwrap();
    record(&mut store, 3_500, true, &[ANA, BO]);
    assert!(!store.offline(ACCOUNT).unwrap().unwrap().held);
    store.set_opening(ACCOUNT, true).unwrap();
    record(&mut store, 4_000, true, &[BO]);
    assert!(!store.offline(ACCOUNT).unwrap().unwrap().held);
    store.forget_account(ACCOUNT).unwrap();
    assert_eq!(store.offline(ACCOUNT).unwrap(), None);
    assert_eq!(rows(&store, "offline"), 0);
}

#[test]
fn some_assistants_of_the_offline_copy_are_read_by_position() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open(&folder.path().join("r.sqlite3")).unwrap().store;
    assert!(store.offline_head(ACCOUNT, &[0]).unwrap().is_none());
    let sent = [r#"{ "id": "7", "voice_id": "8" }"#, BO, ANA];
    record(&mut store, 1_000, false, &sent);
    let head = store.offline_head(ACCOUNT, &[2, 0]).unwrap().unwrap();
    assert_eq!(head.items, [ANA, sent[0]]);
    assert_eq!((head.count, head.fetched_at), (3, 1_000));
    assert_eq!(head.gaps, gaps(false));
    assert!(!head.held);
    assert!(store
        .offline_head(ACCOUNT, &[])
        .unwrap()
        .unwrap()
        .items
        .is_empty());
    // Past the end: none of it.
    assert!(store.offline_head(ACCOUNT, &[0, 3]).unwrap().is_none());
    store.set_opening(ACCOUNT, true).unwrap();
    assert!(store.offline_head(ACCOUNT, &[1]).unwrap().unwrap().held);
    // A version the store lost: the whole copy leaves it out, so positions after it move and
    // none of them is given.
    let bo = content_of(BO).unwrap();
    let damage = rusqlite::Connection::open(store.path()).unwrap();
    damage.pragma_update(None, "foreign_keys", false).unwrap();
    damage
        .execute("DELETE FROM content WHERE hash = ?1", [&bo.hash[..]])
        .unwrap();
    assert!(store.offline_head(ACCOUNT, &[1]).unwrap().is_none());
}

#[test]
fn marks_and_notes_move_to_another_computer_through_a_backup() {
    use roster_store::{Backup, BackupError};
    let folder = tempfile::tempdir().unwrap();
    let ana = content_of(ANA).unwrap();
    let bo = content_of(BO).unwrap();
    let mut old = Store::open(&folder.path().join("old.sqlite3"))
        .unwrap()
        .store;
    old.mark_reviewed(ACCOUNT, "1", &ana.hash, 1_000, "Script approved ✓")
        .unwrap();
    old.mark_reviewed(ACCOUNT, "2", &bo.hash, 2_000, "")
        .unwrap();
    old.mark_reviewed("other#2", "9", &bo.hash, 3_000, "ok")
        .unwrap();
    let file = old.backup(5_000).unwrap().to_bytes();

    // The new computer already has a mark of its own for the account, and one for another.
    let mut new = Store::open(&folder.path().join("new.sqlite3"))
        .unwrap()
        .store;
    new.mark_reviewed(ACCOUNT, "5", &ana.hash, 4_000, "mine")
        .unwrap();
    new.mark_reviewed("third", "1", &ana.hash, 4_000, "kept")
        .unwrap();
    let backup = Backup::parse(&file).unwrap();
    assert_eq!(backup.created_at, 5_000);
    let plan = new.restore_plan(&backup).unwrap();
    let plan: Vec<_> = plan
        .iter()
        .map(|s| (s.account.as_str(), s.in_file, s.replaced))
        .collect();
    assert_eq!(plan, [(ACCOUNT, 2, 1), ("other#2", 1, 0)]);
    new.restore(&backup).unwrap();
    let marks = new.reviews(ACCOUNT).unwrap();
    assert_eq!(marks.len(), 2);
    assert_eq!(
        (marks["1"].hash, marks["1"].note.as_str()),
        (ana.hash, "Script approved ✓")
    );
    assert_eq!(new.reviews("third").unwrap()["1"].note, "kept");
    assert_eq!(new.backup(5_000).unwrap().accounts.len(), 3);

    // Anything else is refused before anything changes.
    for (bytes, expected) in [
        (&b"not json"[..], BackupError::NotABackup),
        (br#"{"format":"something-else","version":1}"#, BackupError::NotABackup),
        (br#"{"format":"assistant-roster-review-backup","version":9,"createdAt":0,"accounts":[]}"#, BackupError::Newer(9)),
    ] {
        assert_eq!(Backup::parse(bytes).unwrap_err(), expected);
    }
    let damaged =
        String::from_utf8(file)
            .unwrap()
            .replacen(&roster_core::hash_hex(&ana.hash), "zz", 1);
    assert!(matches!(
        Backup::parse(damaged.as_bytes()),
        Err(BackupError::Damaged(_))
    ));
}

#[test]
fn rules_are_kept_per_account_backed_up_and_forgotten_with_it() {
    use roster_core::{Expect, OwnRule, Place, RuleSettings};
    use roster_store::Backup;
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("r.sqlite3");
    let mut store = Store::open(&path).unwrap().store;
    assert_eq!(
        store.rule_settings(ACCOUNT).unwrap(),
        RuleSettings::default()
    );
    let mine = RuleSettings {
        company: "Acme".into(),
        own: vec![OwnRule {
            phrase: "guaranteed".into(),
            expect: Expect::MustNotAppear,
            place: Place::Anywhere,
            note: "Legal says no.".into(),
        }],
        ..RuleSettings::default()
    };
    store.set_rule_settings(ACCOUNT, &mine, 1).unwrap();
    drop(store);
    let mut store = Store::open(&path).unwrap().store;
    assert_eq!(store.rule_settings(ACCOUNT).unwrap(), mine);
    assert_eq!(store.accounts().unwrap(), [ACCOUNT]);

    // Into a backup, and back on another computer, said first.
    let file = store.backup(5).unwrap().to_bytes();
    let backup = Backup::parse(&file).unwrap();
    let mut other = Store::open(&folder.path().join("other.sqlite3"))
        .unwrap()
        .store;
    let plan = other.restore_plan(&backup).unwrap();
    assert!(plan[0].rules && plan[0].in_file == 0);
    other.restore(&backup).unwrap();
    assert_eq!(other.rule_settings(ACCOUNT).unwrap(), mine);
    // A file without rules leaves the rules as they are.
    let older = br#"{"format":"assistant-roster-review-backup","version":1,"createdAt":0,
        "accounts":[{"account":"https://call.aiployees.com/api","marks":[]}]}"#;
    other.restore(&Backup::parse(older).unwrap()).unwrap();
    assert_eq!(other.rule_settings(ACCOUNT).unwrap(), mine);

    store.forget_account(ACCOUNT).unwrap();
    assert_eq!(
        store.rule_settings(ACCOUNT).unwrap(),
        RuleSettings::default()
    );
    assert_eq!(rows(&store, "rules"), 0);
}
