//! The one error type of the app. It crosses the IPC as an [`AppError`]: the page branches on
//! `kind` (and `reason`) and shows its own translated words; `message` is English detail for
//! support. Causes are kept as sources. No variant ever holds the API key.

use serde::{Serialize, Serializer};
use ts_rs::TS;

use roster_core::{InvalidInput, Reason, Unreadable};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The platform refused the key (401 or 403).
    #[error("the platform did not accept the API key (HTTP {status})")]
    BadKey { status: u16 },
    /// 404, a redirect elsewhere, or an answer that is not JSON (an HTML page): the base URL is
    /// not the platform's API.
    #[error("this address does not answer like the platform's API: {detail}")]
    WrongAddress { detail: &'static str },
    /// 429.
    #[error("the platform asks to slow down")]
    RateLimited { retry_after_secs: Option<u64> },
    /// 5xx; 503 may say when to come back.
    #[error("the platform had a problem (HTTP {status})")]
    ServerTrouble {
        status: u16,
        retry_after_secs: Option<u64>,
    },
    /// The answer is larger than the app reads.
    #[error("the answer is larger than {limit_mb} MB")]
    TooLarge { limit_mb: u64 },
    /// Another unexpected HTTP status.
    #[error("the platform answered with HTTP {status}")]
    UnexpectedStatus { status: u16 },
    #[error("the platform did not answer in time")]
    Timeout,
    /// Nothing answered at that address: no network, connection refused or reset.
    #[error("could not reach the platform: {}", innermost(.0))]
    Offline(#[source] reqwest::Error),
    #[error("the platform's address could not be found (DNS): {}", innermost(.0))]
    Dns(#[source] reqwest::Error),
    #[error("the secure connection failed (TLS): {}", innermost(.0))]
    Tls(#[source] reqwest::Error),
    /// The OS keyring cannot be used: not running, locked, or refusing access.
    #[error("the system keyring is unavailable: {detail}")]
    KeyringUnavailable {
        reason: KeyringReason,
        detail: String,
        #[source]
        source: Option<keyring::Error>,
    },
    /// A JSON answer we could not read as a list of assistants.
    #[error("the platform's answer could not be read: {0}")]
    Unreadable(#[from] Unreadable),
    /// The bytes arrived but their content encoding (gzip, brotli) is broken.
    #[error("the platform's answer could not be read: its compression is damaged")]
    BrokenCompression(#[source] reqwest::Error),
    /// Input the user typed (or a link they clicked) that cannot be used.
    #[error(transparent)]
    InvalidInput(#[from] InvalidInput),
    /// The user stopped the fetch of a list.
    #[error("the user stopped loading the list")]
    Cancelled,
    /// No account is connected (no key stored).
    #[error("no account is connected")]
    NotConnected,
    /// A new key for an account belongs to another user of the platform: it would make another
    /// account's list this one's, so nothing was changed.
    #[error("the key belongs to another user of the platform (user {found}, not {expected})")]
    AnotherUsersKey { expected: String, found: String },
    /// The saved list was being opened when the app last closed, before its cards were on
    /// screen: it may be what stopped the app, so it is not opened again by itself.
    #[error("the saved list was not opened: the app closed while showing it last time")]
    SavedListHeld,
    /// A file of the app's own (settings, saved lists) or one the user chose (an export) could
    /// not be read or written.
    #[error("a local file could not be used ({what}): {source}")]
    Storage {
        what: String,
        #[source]
        source: std::io::Error,
    },
    /// The review memory (history and reviewed marks) could not be read or written; the list
    /// itself is not affected.
    #[error("the review memory could not be used: {}", innermost(.0))]
    Memory(#[from] roster_store::StoreError),
    /// A file chosen to restore is not a backup the app can read; nothing was changed.
    #[error("the backup could not be restored: {0}")]
    Backup(#[from] roster_store::BackupError),
    /// Something of the app's own or the system's failed that is no file and not the user's
    /// doing: the HTTP client, a background task, the browser, the Save dialog.
    #[error("{what}: {source}")]
    Internal {
        what: &'static str,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl Error {
    /// A failure of the app's own or the system's, with its cause.
    pub fn internal(
        what: &'static str,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Error {
        Error::Internal {
            what,
            source: source.into(),
        }
    }

    /// A local file that could not be used, with the I/O error.
    pub fn storage(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
        let what = what.into();
        move |source| Error::Storage { what, source }
    }

    /// What kind of failure this is, for the page.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::BadKey { .. } => ErrorKind::BadKey,
            Error::WrongAddress { .. } => ErrorKind::WrongAddress,
            Error::RateLimited { .. } => ErrorKind::RateLimited,
            Error::ServerTrouble { .. } => ErrorKind::ServerTrouble,
            Error::TooLarge { .. } => ErrorKind::TooLarge,
            Error::UnexpectedStatus { .. } => ErrorKind::UnexpectedStatus,
            Error::Timeout => ErrorKind::Timeout,
            Error::Offline(_) => ErrorKind::Offline,
            Error::Dns(_) => ErrorKind::Dns,
            Error::Tls(_) => ErrorKind::Tls,
            Error::KeyringUnavailable { .. } => ErrorKind::KeyringUnavailable,
            Error::Unreadable(_) | Error::BrokenCompression(_) => ErrorKind::Unreadable,
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            Error::NotConnected => ErrorKind::NotConnected,
            Error::Cancelled => ErrorKind::Cancelled,
            Error::AnotherUsersKey { .. } => ErrorKind::AnotherUsersKey,
            Error::SavedListHeld => ErrorKind::SavedListHeld,
            Error::Storage { .. } => ErrorKind::Storage,
            Error::Memory(roster_store::StoreError::Newer { .. }) => ErrorKind::ReviewMemoryNewer,
            Error::Memory(_) => ErrorKind::ReviewMemory,
            Error::Backup(_) => ErrorKind::BackupUnreadable,
            Error::Internal { .. } => ErrorKind::Internal,
        }
    }
}

/// The innermost cause of an error: what actually went wrong (refused, no such host, ...).
fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// The kinds of failure the page tells apart. Serialized in snake_case; the page has a title and
/// a next step for each.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, strum::EnumIter, strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ErrorKind {
    BadKey,
    WrongAddress,
    RateLimited,
    ServerTrouble,
    TooLarge,
    UnexpectedStatus,
    Timeout,
    Offline,
    Dns,
    Tls,
    KeyringUnavailable,
    Unreadable,
    InvalidInput,
    NotConnected,
    AnotherUsersKey,
    Cancelled,
    SavedListHeld,
    Storage,
    ReviewMemory,
    ReviewMemoryNewer,
    BackupUnreadable,
    Internal,
}

/// Lets tests and logs compare a kind with its serialized name.
impl PartialEq<&str> for ErrorKind {
    fn eq(&self, name: &&str) -> bool {
        <&str>::from(*self) == *name
    }
}

/// Why the keyring cannot be used. Serialized in snake_case; the page has words for each.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, strum::EnumIter, strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum KeyringReason {
    /// No keyring service runs.
    NoService,
    /// The keyring is locked or refused access.
    Locked,
    /// The stored key cannot be a key.
    Damaged,
    /// Anything else the keyring reported.
    Failed,
}

/// The reason given with an error, of whichever kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(untagged)]
pub enum ErrorReason {
    Input(Reason),
    Keyring(KeyringReason),
}

/// An error as the page receives it.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppError {
    pub kind: ErrorKind,
    /// English detail for support; the page shows its own words for `kind` and `reason`.
    pub message: String,
    /// The HTTP status, for the kinds that come from one.
    pub status: Option<u16>,
    /// How long the platform asked to wait.
    pub retry_after_secs: Option<u64>,
    pub reason: Option<ErrorReason>,
}

impl From<&Error> for AppError {
    fn from(error: &Error) -> AppError {
        let status = match error {
            Error::BadKey { status }
            | Error::ServerTrouble { status, .. }
            | Error::UnexpectedStatus { status } => Some(*status),
            _ => None,
        };
        let retry_after_secs = match error {
            Error::RateLimited { retry_after_secs }
            | Error::ServerTrouble {
                retry_after_secs, ..
            } => *retry_after_secs,
            _ => None,
        };
        let reason = match error {
            Error::InvalidInput(input) => Some(ErrorReason::Input(input.reason)),
            Error::KeyringUnavailable { reason, .. } => Some(ErrorReason::Keyring(*reason)),
            _ => None,
        };
        AppError {
            kind: error.kind(),
            message: error.to_string(),
            status,
            retry_after_secs,
            reason,
        }
    }
}

impl Serialize for Error {
    /// An error is serialized when a command answers the page with it: it is noted then (the
    /// log, the diagnostic information).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::diagnostics::record(self);
        AppError::from(self).serialize(serializer)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn serializes_as_kind_and_message() {
        let value = serde_json::to_value(Error::RateLimited {
            retry_after_secs: Some(30),
        })
        .unwrap();
        assert_eq!(value["kind"], "rate_limited");
        assert_eq!(value["message"], "the platform asks to slow down");
        assert_eq!(value["retryAfterSecs"], 30);
        let value = serde_json::to_value(Error::BadKey { status: 403 }).unwrap();
        assert_eq!(value["kind"], "bad_key");
        assert_eq!(value["status"], 403);
        let link = roster_core::checked_link("file:///etc/passwd").unwrap_err();
        let value = serde_json::to_value(Error::from(link)).unwrap();
        assert_eq!(value["kind"], "invalid_input");
        assert_eq!(value["reason"], "link_not_web");
    }

    #[test]
    fn causes_are_kept() {
        let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let error = Error::storage("settings")(io);
        let cause = std::error::Error::source(&error).expect("the I/O error is kept");
        assert_eq!(cause.to_string(), "denied");
        assert_eq!(error.kind(), ErrorKind::Storage);
    }

    /// Every kind and reason the page can receive has words in the page's English locale (and,
    /// by the page's own test that every locale has the same keys, in every language).
    #[test]
    fn the_page_has_words_for_every_kind_and_reason() {
        let english = include_str!("../ui/locales/en.js");
        let has = |key: String| assert!(english.contains(&format!("'{key}'")), "{key}");
        for kind in ErrorKind::iter() {
            let kind: &str = kind.into();
            has(format!("error.{kind}.title"));
        }
        for reason in Reason::iter() {
            let reason: &str = reason.into();
            has(format!("reason.{reason}"));
        }
        for reason in KeyringReason::iter() {
            let reason: &str = reason.into();
            has(format!("reason.{reason}"));
        }
        for check in roster_core::CheckCode::iter() {
            let check: &str = check.into();
            has(format!("check.{check}"));
        }
    }
}
