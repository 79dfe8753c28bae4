//! With no keyring service reachable, every keyring call says so plainly, and nothing is stored.
//! This file is its own test binary because it changes the process environment.

use assistant_roster::{ApiKey, KeyStore};

#[test]
fn no_keyring_service_is_a_clear_error() {
    // A session bus address where nothing listens: what a desktop without a keyring daemon gives.
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/assistant-roster-bus",
    );
    let store = KeyStore::new("assistant-roster-test-unavailable");
    let key = ApiKey::parse("some-key".to_owned()).unwrap();
    for error in [
        store
            .save("https://call.aiployees.com/api", &key)
            .unwrap_err(),
        store.load("https://call.aiployees.com/api").unwrap_err(),
        store.delete("https://call.aiployees.com/api").unwrap_err(),
    ] {
        let value = serde_json::to_value(&error).unwrap();
        assert_eq!(value["kind"], "keyring_unavailable", "{error}");
        assert_eq!(value["reason"], "no_service", "{error}");
        assert!(!error.to_string().contains("some-key"));
    }
}
