//! The one error type of the app. It crosses the IPC as `{kind, message, ...}`: the page branches
//! on `kind` and shows its own translated words; `message` is English detail for support.
//! No variant ever holds the API key.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The platform refused the key (401 or 403).
    #[error("the platform did not accept the API key (HTTP {status})")]
    BadKey { status: u16 },
    /// 404, or an answer that is not JSON (an HTML page): the base URL is not the platform's API.
    #[error("this address does not answer like the platform's API: {detail}")]
    WrongAddress { detail: String },
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
    #[error("could not reach the platform: {detail}")]
    Offline { detail: String },
    #[error("the platform's address could not be found (DNS): {detail}")]
    Dns { detail: String },
    #[error("the secure connection failed (TLS): {detail}")]
    Tls { detail: String },
    /// The OS keyring cannot be used: not running, locked, or refusing access.
    #[error("the system keyring is unavailable: {detail}")]
    KeyringUnavailable {
        reason: &'static str,
        detail: String,
    },
    /// A JSON answer we could not read as a list of assistants.
    #[error("the platform's answer could not be read: {detail}")]
    Unreadable { detail: String },
    /// Input the user typed that cannot be used. `reason` is a code the page translates:
    /// `empty_key`, `key_characters`, `empty_address`, `not_an_address`, `https_only`,
    /// `credentials_in_address`.
    #[error("{detail}")]
    InvalidInput {
        reason: &'static str,
        detail: String,
    },
    /// No account is connected (no key stored).
    #[error("no account is connected")]
    NotConnected,
    /// Local files (settings) could not be read or written.
    #[error("a local file could not be used: {detail}")]
    Storage { detail: String },
}

impl Error {
    /// The stable machine-readable name the page translates.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::BadKey { .. } => "bad_key",
            Error::WrongAddress { .. } => "wrong_address",
            Error::RateLimited { .. } => "rate_limited",
            Error::ServerTrouble { .. } => "server_trouble",
            Error::TooLarge { .. } => "too_large",
            Error::UnexpectedStatus { .. } => "unexpected_status",
            Error::Timeout => "timeout",
            Error::Offline { .. } => "offline",
            Error::Dns { .. } => "dns",
            Error::Tls { .. } => "tls",
            Error::KeyringUnavailable { .. } => "keyring_unavailable",
            Error::Unreadable { .. } => "unreadable",
            Error::InvalidInput { .. } => "invalid_input",
            Error::NotConnected => "not_connected",
            Error::Storage { .. } => "storage",
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Error", 5)?;
        out.serialize_field("kind", self.kind())?;
        out.serialize_field("message", &self.to_string())?;
        let status = match self {
            Error::BadKey { status }
            | Error::ServerTrouble { status, .. }
            | Error::UnexpectedStatus { status } => Some(*status),
            _ => None,
        };
        out.serialize_field("status", &status)?;
        let retry_after = match self {
            Error::RateLimited { retry_after_secs }
            | Error::ServerTrouble {
                retry_after_secs, ..
            } => *retry_after_secs,
            _ => None,
        };
        out.serialize_field("retryAfterSecs", &retry_after)?;
        let reason = match self {
            Error::InvalidInput { reason, .. } | Error::KeyringUnavailable { reason, .. } => {
                Some(*reason)
            }
            _ => None,
        };
        out.serialize_field("reason", &reason)?;
        out.end()
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
