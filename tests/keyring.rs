//! The keyring against the real OS store. On Linux the test command runs this inside a private
//! D-Bus session with an unlocked gnome-keyring (see scripts/test.sh).

use assistant_roster::{ApiKey, KeyStore};

fn key(text: &str) -> ApiKey {
    ApiKey::parse(text.to_owned()).unwrap()
}

#[test]
fn store_read_back_replace_and_delete() {
    let store = KeyStore::new(&format!("assistant-roster-test-{}", std::process::id()));
    let account = "https://call.aiployees.com/api";
    assert!(
        store.is_os_backed(),
        "keyring must not be the in-memory mock"
    );

    let nothing = store
        .load(account)
        .expect("the Secret Service must be running for this test");
    assert!(nothing.is_none(), "no key yet");

    store.save(account, &key("first-key")).unwrap();
    let read = store.load(account).unwrap().unwrap();
    assert_eq!(format!("{read:?}"), "ApiKey([REDACTED])");

    store.save(account, &key("second-key")).unwrap();
    // A second account on another base is a separate entry.
    store
        .save("https://app.famulor.de/api", &key("famulor-key"))
        .unwrap();

    // Compare through the keyring itself, apart from the app's store.
    let service = format!("assistant-roster-test-{}", std::process::id());
    let stored = |name: &str| {
        keyring::Entry::new(&service, name)
            .unwrap()
            .get_password()
            .unwrap()
    };
    assert_eq!(stored(account), "second-key");
    assert_eq!(stored("https://app.famulor.de/api"), "famulor-key");
    let again = KeyStore::new(&service);

    again.delete(account).unwrap();
    assert!(again.load(account).unwrap().is_none());
    again.delete(account).unwrap(); // deleting twice is fine
    again.delete("https://app.famulor.de/api").unwrap();
}
