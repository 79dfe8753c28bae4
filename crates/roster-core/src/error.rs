//! The errors of the domain: a body that cannot be read, and input that cannot be used.

use serde::Serialize;
use ts_rs::TS;

/// A body that could not be read as a list of assistants (not JSON, or no list in it).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{detail}")]
pub struct Unreadable {
    detail: String,
}

impl Unreadable {
    pub(crate) fn new(detail: String) -> Unreadable {
        Unreadable { detail }
    }
}

/// Input that cannot be used, and why, in words the page translates from [`Reason`].
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[error("{detail}")]
pub struct InvalidInput {
    /// What is wrong, for the page.
    pub reason: Reason,
    /// What is wrong, in English, for support.
    pub detail: &'static str,
}

/// Why input cannot be used. Serialized in snake_case; the page has a text for each.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, strum::EnumIter, strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Reason {
    /// No API key was given.
    EmptyKey,
    /// The key holds characters a key cannot have (white space inside, non-ASCII).
    KeyCharacters,
    /// No platform address was given.
    EmptyAddress,
    /// The address is not a web address.
    NotAnAddress,
    /// The address is not https (plain http is allowed on loopback only).
    HttpsOnly,
    /// The address holds a user name or password.
    CredentialsInAddress,
    /// A link that is not an http or https web link.
    LinkNotWeb,
    /// The list asked about is no longer the open one.
    ListReplaced,
    /// A link with a user name or password before its host, which can disguise where it leads.
    LinkCredentials,
    /// Positions asked of a list that it does not have, or the same one twice.
    PositionsInvalid,
    /// Review rules past what the app keeps (too many, too long, a word limit out of range).
    RulesInvalid,
    /// A list past an Excel workbook's limits (a million rows, 16,384 columns).
    WorkbookTooLarge,
}

impl InvalidInput {
    pub(crate) fn new(reason: Reason, detail: &'static str) -> InvalidInput {
        InvalidInput { reason, detail }
    }
}
