//! The API key and the OS keyring (Keychain, Windows Credential Manager, Secret Service).
//!
//! The key lives in an [`ApiKey`], which redacts itself in Debug and is zeroized when dropped.
//! It is only ever written to the keyring: when the keyring cannot be used the caller gets
//! [`Error::KeyringUnavailable`], never a fallback to a file. Keyring calls block (a D-Bus round
//! trip on Linux), so callers run them on a blocking thread.

use secrecy::{ExposeSecret, SecretString};

use roster_core::{InvalidInput, Reason};

use crate::error::{Error, KeyringReason};

/// An API key. `Debug` prints `[REDACTED]`; the memory is zeroized on drop.
#[derive(Clone)]
pub struct ApiKey(SecretString);

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey([REDACTED])")
    }
}

impl ApiKey {
    /// Checks what the user pasted: surrounding white space is dropped; the rest must be visible
    /// ASCII, since it travels in an HTTP header.
    pub fn parse(input: String) -> Result<ApiKey, Error> {
        let secret = SecretString::from(input);
        let trimmed = secret.expose_secret().trim();
        if trimmed.is_empty() {
            return Err(Error::InvalidInput(InvalidInput {
                reason: Reason::EmptyKey,
                detail: "paste your API key",
            }));
        }
        if !trimmed.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::InvalidInput(InvalidInput {
                reason: Reason::KeyCharacters,
                detail: "the API key contains spaces or characters an API key cannot have",
            }));
        }
        Ok(ApiKey(SecretString::from(trimmed.to_owned())))
    }

    /// The key's text, for the Authorization header and the keyring only.
    pub(crate) fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

/// The keyring entries of one app: one entry per account, named by the account's id.
#[derive(Debug, Clone)]
pub struct KeyStore {
    service: String,
}

/// The service name entries are filed under in the OS keyring.
pub const KEYRING_SERVICE: &str = "com.assistantroster.desktop";

impl KeyStore {
    pub fn new(service: &str) -> KeyStore {
        KeyStore {
            service: service.to_owned(),
        }
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, Error> {
        keyring::Entry::new(&self.service, account).map_err(keyring_error)
    }

    /// Stores or replaces the key of an account.
    pub fn save(&self, account: &str, key: &ApiKey) -> Result<(), Error> {
        self.entry(account)?
            .set_password(key.expose())
            .map_err(keyring_error)
    }

    /// The stored key, or `None` when there is none yet.
    pub fn load(&self, account: &str) -> Result<Option<ApiKey>, Error> {
        match self.entry(account)?.get_password() {
            Ok(text) => ApiKey::parse(text)
                .map(Some)
                .map_err(|_| Error::KeyringUnavailable {
                    reason: KeyringReason::Damaged,
                    detail: "the stored key is damaged; connect again".to_owned(),
                    source: None,
                }),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(other) => Err(keyring_error(other)),
        }
    }

    /// Deletes the key of an account; deleting a key that is not there is not an error.
    pub fn delete(&self, account: &str) -> Result<(), Error> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(other) => Err(keyring_error(other)),
        }
    }

    /// Whether this build talks to a real OS store, not keyring's in-memory mock (which keyring
    /// falls back to, silently, when built without a platform feature).
    pub fn is_os_backed(&self) -> bool {
        self.entry("probe")
            .map(|entry| !entry.get_credential().is::<keyring::mock::MockCredential>())
            .unwrap_or(false)
    }
}

/// Plain words for what went wrong with the keyring, keeping its error as the cause. keyring's
/// errors never contain the secret. A platform failure is a boxed error of the OS service's own
/// library (D-Bus on Linux), told apart only by its words.
fn keyring_error(error: keyring::Error) -> Error {
    let (reason, detail) = match &error {
        keyring::Error::NoStorageAccess(_) => (
            KeyringReason::Locked,
            "the keyring is locked or refused access; unlock it and try again".to_owned(),
        ),
        keyring::Error::PlatformFailure(inner) => {
            let text = inner.to_string();
            let no_service = [
                "autolaunch",
                "ServiceUnknown",
                "org.freedesktop.secrets",
                "No such file",
            ]
            .iter()
            .any(|sign| text.contains(sign));
            if no_service {
                (
                    KeyringReason::NoService,
                    "no keyring service is running".to_owned(),
                )
            } else if text.contains("IsLocked") || text.contains("locked") {
                (
                    KeyringReason::Locked,
                    "the keyring is locked; unlock it and try again".to_owned(),
                )
            } else {
                (KeyringReason::Failed, format!("the keyring failed: {text}"))
            }
        }
        other => (
            KeyringReason::Failed,
            format!("the keyring failed: {other}"),
        ),
    };
    Error::KeyringUnavailable {
        reason,
        detail,
        source: Some(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_trimmed_checked_and_redacted() {
        let key = ApiKey::parse("  sk-live-123\n".to_owned()).unwrap();
        assert_eq!(key.expose(), "sk-live-123");
        assert_eq!(format!("{key:?}"), "ApiKey([REDACTED])");
        assert_eq!(
            ApiKey::parse("   ".to_owned()).unwrap_err().kind(),
            "invalid_input"
        );
        assert_eq!(
            ApiKey::parse("two words".to_owned()).unwrap_err().kind(),
            "invalid_input"
        );
        assert_eq!(
            ApiKey::parse("ключ".to_owned()).unwrap_err().kind(),
            "invalid_input"
        );
    }

    #[test]
    fn built_with_a_real_keyring_not_the_mock() {
        assert!(KeyStore::new("assistant-roster-test").is_os_backed());
    }
}
