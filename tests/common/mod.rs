//! What the app's integration tests share: a client of the API like the app's, and the list as
//! the app reads it (the body, then the decoder of `roster_core`).
#![allow(dead_code)] // each test binary uses its own part of this module

use std::time::Duration;

use std::sync::Arc;

use assistant_roster::{http_client, ApiClient, ApiKey, Arriving, Error, Progress, Timeouts};
use roster_core::{decode_assistants, Body, Decoded};

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

/// The outbound list's body, as sent (a large one in a file in the system's temporary folder,
/// as the app keeps it in its own).
pub async fn body(client: &ApiClient) -> Result<Arc<Body>, Error> {
    let mut into = Arriving::new(&std::env::temp_dir());
    let rest = client.outbound(&Progress::default(), &mut into).await?;
    into.keep(rest)
}

/// Fetches the outbound list and decodes it, as the app does when it opens a list.
pub async fn fetch(client: &ApiClient) -> Result<Decoded, Error> {
    Ok(decode_assistants(&body(client).await?)?)
}
