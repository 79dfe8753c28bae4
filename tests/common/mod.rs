//! What the app's integration tests share: a client of the API like the app's, and the list as
//! the app reads it (the body, then the decoder of `roster_core`).
#![allow(dead_code)] // each test binary uses its own part of this module

use std::time::Duration;

use assistant_roster::{http_client, ApiClient, ApiKey, Error, Progress, Timeouts};
use roster_core::{decode_assistants, Decoded};

/// Timeouts short enough for a test: 2 s to connect, `overall` for the whole answer.
pub fn timeouts(overall: Duration) -> Timeouts {
    Timeouts {
        connect: Duration::from_secs(2),
        overall,
    }
}

/// A client for `base` with `key`, as the app makes one.
pub fn client(base: String, key: &str, timeouts: Timeouts) -> ApiClient {
    ApiClient::new(
        http_client(timeouts).unwrap(),
        base,
        ApiKey::parse(key.to_owned()).unwrap(),
    )
}

/// The outbound list's body, as sent.
pub async fn body(client: &ApiClient) -> Result<Vec<u8>, Error> {
    client.outbound(&Progress::default()).await
}

/// Fetches the outbound list and decodes it, as the app does when it opens a list.
pub async fn fetch(client: &ApiClient) -> Result<Decoded, Error> {
    Ok(decode_assistants(&body(client).await?)?)
}
