//! The HTTP client of the platform API. All network traffic of the app goes through here.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{redirect, StatusCode};

use roster_core::{decode_names, Arrival, Arrived, OpenList};

use crate::bodies::Arriving;
use crate::error::Error;
use crate::secrets::ApiKey;

/// How long the client waits. The overall limit covers reading the whole body.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub connect: Duration,
    pub overall: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        // Big agency accounts send tens of MB in one answer: leave room for slow office links.
        Timeouts {
            connect: Duration::from_secs(10),
            overall: Duration::from_secs(60),
        }
    }
}

/// The most of a body the app reads (decompressed): room for ~75,000 assistants with 2 KB
/// prompts, while a runaway or hostile server cannot exhaust memory.
pub const MAX_BODY_BYTES: usize = 200 * 1024 * 1024;

/// How much of a list has arrived while it is fetched, for the page's "loading" view (which
/// asks for it while it waits).
#[derive(Debug, Default)]
pub struct Progress {
    received: AtomicU64,
    /// The length the server declared; 0 when it did not.
    expected: AtomicU64,
}

impl Progress {
    /// Bytes received so far, and the whole length when the server said it.
    pub fn now(&self) -> (u64, Option<u64>) {
        let expected = self.expected.load(Ordering::Relaxed);
        (
            self.received.load(Ordering::Relaxed),
            (expected > 0).then_some(expected),
        )
    }

    fn start(&self, expected: usize) {
        self.received.store(0, Ordering::Relaxed);
        self.expected.store(expected as u64, Ordering::Relaxed);
    }

    fn add(&self, bytes: usize) {
        self.received.fetch_add(bytes as u64, Ordering::Relaxed);
    }
}

/// Where the list of outbound assistants is, under the base address.
const OUTBOUND: &str = "/user/assistants/outbound";

/// The most a declared length reserves before any byte arrives: a server declaring 200 MB and
/// sending little costs little; a real body grows with what arrives.
const FIRST_RESERVE_BYTES: usize = 1 << 20;

/// What to reserve for a body that declares `declared` bytes.
fn first_reserve(declared: usize) -> usize {
    declared.min(FIRST_RESERVE_BYTES)
}

/// The app's one HTTP client, made when it is first needed. Making it reads the system's
/// certificate store (some 150 files, 15 to 25 ms on the benchmark machine), which a start would
/// otherwise wait on before its window opens; the first request comes after the first paint.
#[derive(Debug)]
pub struct SharedClient {
    timeouts: Timeouts,
    made: std::sync::Mutex<Option<reqwest::Client>>,
}

impl SharedClient {
    pub fn new(timeouts: Timeouts) -> SharedClient {
        SharedClient {
            timeouts,
            made: Default::default(),
        }
    }

    /// The client (a handle to the same connection pool each time). One that could not be made
    /// is tried again at the next request.
    pub fn get(&self) -> Result<reqwest::Client, Error> {
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(client) = made.as_ref() {
            return Ok(client.clone());
        }
        let client = http_client(self.timeouts)?;
        *made = Some(client.clone());
        Ok(client)
    }
}

/// Builds the one `reqwest::Client` of the app: rustls, timeouts, JSON accept header, a
/// User-Agent naming the app, and redirects followed only within the same origin, so the key
/// never travels to another host, port or scheme.
pub fn http_client(timeouts: Timeouts) -> Result<reqwest::Client, Error> {
    http_client_with(timeouts, None)
}

/// [`http_client`] with another name resolver (tests use one that fails, to exercise DNS errors
/// without sending a query anywhere).
pub fn http_client_with(
    timeouts: Timeouts,
    resolver: Option<std::sync::Arc<dyn reqwest::dns::Resolve>>,
) -> Result<reqwest::Client, Error> {
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    // The updater plugin installs the same provider when it checks; whichever comes first wins.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder();
    if let Some(resolver) = resolver {
        builder = builder.dns_resolver(resolver);
    }
    builder
        .tls_backend_rustls()
        .user_agent(concat!("AssistantRoster/", env!("CARGO_PKG_VERSION")))
        .default_headers(headers)
        .connect_timeout(timeouts.connect)
        .timeout(timeouts.overall)
        .redirect(redirect::Policy::custom(|attempt| {
            let first = attempt.previous().first();
            let same_origin = first.is_some_and(|first| first.origin() == attempt.url().origin());
            if attempt.previous().len() > 5 || !same_origin {
                attempt.stop()
            } else {
                attempt.follow()
            }
        }))
        .build()
        .map_err(|e| Error::internal("the HTTP client could not start", e))
}

/// A client for one account: the shared HTTP client, the account's base URL and its key.
#[derive(Debug, Clone)]
pub struct ApiClient {
    http: reqwest::Client,
    base: String,
    key: ApiKey,
}

impl ApiClient {
    /// `base` must already be normalized (see `platforms::normalize_base`).
    pub fn new(http: reqwest::Client, base: String, key: ApiKey) -> ApiClient {
        ApiClient { http, base, key }
    }

    /// `GET {base}/user/assistants/outbound`: the body as sent (the open list decodes and keeps
    /// it), a large one taken over by `into` as it arrives; answers what `into` did not take.
    pub async fn outbound(
        &self,
        progress: &Progress,
        into: &mut Arriving,
    ) -> Result<Vec<u8>, Error> {
        let mut arrival = Arrival::new();
        self.receive(OUTBOUND, Some((progress, into)), &mut arrival)
            .await?;
        Ok(arrival.into_body())
    }

    /// [`ApiClient::outbound`], compared as it arrives with `held`, the list the page shows:
    /// that list again, or the body as sent (what `into` did not take).
    pub async fn outbound_against(
        &self,
        progress: &Progress,
        into: &mut Arriving,
        held: Arc<OpenList>,
    ) -> Result<Arrived, Error> {
        let mut arrival = Arrival::against(held);
        self.receive(OUTBOUND, Some((progress, into)), &mut arrival)
            .await?;
        Ok(arrival.finish())
    }

    /// The id of the user the key belongs to (`/user/me`): what tells two accounts on one
    /// platform apart. `None` when the platform does not say.
    pub async fn user_id(&self) -> Result<Option<String>, Error> {
        Ok(roster_core::decode_user_id(&self.get("/user/me").await?))
    }

    /// `GET {base}/user/assistants/voices` as (id, name) pairs.
    pub async fn voices(&self) -> Result<Vec<(String, String)>, Error> {
        Ok(decode_names(&self.get("/user/assistants/voices").await?)?)
    }

    /// `GET {base}/user/assistants/languages` as (id, name) pairs.
    pub async fn languages(&self) -> Result<Vec<(String, String)>, Error> {
        Ok(decode_names(
            &self.get("/user/assistants/languages").await?,
        )?)
    }

    /// Sends an authenticated GET and returns the body of a 2xx JSON answer, or the error the
    /// status stands for.
    async fn get(&self, path: &str) -> Result<Vec<u8>, Error> {
        let mut arrival = Arrival::new();
        self.receive(path, None, &mut arrival).await?;
        Ok(arrival.into_body())
    }

    /// [`ApiClient::get`] into `arrival`; for a list, telling `progress` what arrives and handing
    /// what is kept to `into` (a large body goes to a file as it comes).
    async fn receive(
        &self,
        path: &str,
        mut list: Option<(&Progress, &mut Arriving)>,
        arrival: &mut Arrival,
    ) -> Result<(), Error> {
        let url = format!("{}{}", self.base, path);
        let mut response = self
            .http
            .get(url)
            .bearer_auth(self.key.expose())
            .send()
            .await
            .map_err(transport_error)?;
        let status = response.status();
        if !status.is_success() {
            return Err(status_error(status, response.headers()));
        }
        let looks_like_html = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().contains("html"));
        let too_large = || Error::TooLarge {
            limit_mb: (MAX_BODY_BYTES >> 20) as u64,
        };
        // A declared length lets us refuse early; otherwise count as it comes. Compressed bodies
        // declare their compressed size, so the running count is what bounds memory.
        let declared = response.content_length().unwrap_or(0) as usize;
        if declared > MAX_BODY_BYTES {
            return Err(too_large());
        }
        arrival.reserve(first_reserve(declared));
        if let Some((progress, _)) = &list {
            progress.start(declared);
        }
        while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
            if arrival.received() + chunk.len() > MAX_BODY_BYTES {
                return Err(too_large());
            }
            arrival.push(&chunk);
            if let Some((progress, into)) = &mut list {
                progress.add(chunk.len());
                into.take_from(arrival)?;
            }
        }
        if looks_like_html || arrival.looks_like_a_page() {
            return Err(Error::WrongAddress {
                detail: "the answer is a web page, not the API",
            });
        }
        Ok(())
    }
}

/// The error an unsuccessful HTTP status stands for.
fn status_error(status: StatusCode, headers: &HeaderMap) -> Error {
    match status.as_u16() {
        401 | 403 => Error::BadKey {
            status: status.as_u16(),
        },
        404 => Error::WrongAddress {
            detail: "the API address was not found (HTTP 404)",
        },
        429 => Error::RateLimited {
            retry_after_secs: retry_after(headers),
        },
        300..=399 => Error::WrongAddress {
            detail: "the address redirects to another site",
        },
        500..=599 => Error::ServerTrouble {
            status: status.as_u16(),
            retry_after_secs: retry_after(headers),
        },
        other => Error::UnexpectedStatus { status: other },
    }
}

/// `Retry-After` as seconds, from either of its forms (delta-seconds or an HTTP date).
fn retry_after(headers: &HeaderMap) -> Option<u64> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = text.parse::<u64>() {
        return Some(secs);
    }
    let at = chrono::DateTime::parse_from_rfc2822(text).ok()?;
    let wait = at.timestamp() - chrono::Utc::now().timestamp();
    Some(wait.max(0) as u64)
}

/// Sorts a failure to talk to the server into timeout, DNS, TLS or offline, keeping it as the
/// cause. reqwest tells timeouts and decoding apart; for the rest its causes (hyper, rustls, the
/// resolver) are only told apart by their words. The URL is left out of the message; it holds
/// no secret, but the user knows which address they typed.
fn transport_error(error: reqwest::Error) -> Error {
    if error.is_timeout() {
        return Error::Timeout;
    }
    if error.is_decode() {
        return Error::BrokenCompression(error.without_url());
    }
    let mut all = String::new();
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(&error);
    while let Some(cause) = source {
        all.push_str(&cause.to_string().to_ascii_lowercase());
        all.push_str(": ");
        source = cause.source();
    }
    let error = error.without_url();
    if all.contains("timed out") {
        Error::Timeout
    } else if all.contains("dns error") || all.contains("failed to lookup address") {
        Error::Dns(error)
    } else if all.contains("certificate") || all.contains("tls") || all.contains("handshake") {
        Error::Tls(error)
    } else {
        Error::Offline(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_length_reserves_at_most_a_megabyte() {
        assert_eq!(first_reserve(1234), 1234);
        assert_eq!(first_reserve(MAX_BODY_BYTES), FIRST_RESERVE_BYTES);
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("120"));
        assert_eq!(retry_after(&headers), Some(120));
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&headers), Some(0));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn statuses_map_to_kinds() {
        let none = HeaderMap::new();
        let kind = |code: u16| -> &str {
            status_error(StatusCode::from_u16(code).unwrap(), &none)
                .kind()
                .into()
        };
        assert_eq!(kind(401), "bad_key");
        assert_eq!(kind(403), "bad_key");
        assert_eq!(kind(404), "wrong_address");
        assert_eq!(kind(429), "rate_limited");
        assert_eq!(kind(500), "server_trouble");
        assert_eq!(kind(503), "server_trouble");
        assert_eq!(kind(418), "unexpected_status");
    }
}
