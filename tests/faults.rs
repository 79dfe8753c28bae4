//! Failures to reach the server, each with its own kind, and redirects that must not carry the
//! key away. Only 127.0.0.1 is ever contacted.

mod common;

use std::sync::Arc;
use std::time::Duration;

use assistant_roster::ApiKey;
use assistant_roster::{http_client_with, ApiClient, Timeouts};
use mock_server::{start_self_signed_tls, MockServer, Scenario};

const KEY: &str = "fault-key-5d1e";

fn timeouts() -> Timeouts {
    common::timeouts(Duration::from_secs(3))
}

fn key() -> ApiKey {
    ApiKey::parse(KEY.to_owned()).unwrap()
}

/// A resolver that fails every lookup, as a machine without working DNS does.
struct NoDns;

impl reqwest::dns::Resolve for NoDns {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            Err(Box::new(std::io::Error::other(format!(
                "failed to lookup address information: {host}"
            ))) as Box<dyn std::error::Error + Send + Sync>)
        })
    }
}

#[tokio::test]
async fn dns_failure_is_its_own_kind() {
    let http = http_client_with(timeouts(), Some(Arc::new(NoDns))).unwrap();
    let client = ApiClient::new(http, "https://platform.invalid/api".into(), key());
    let error = common::fetch(&client).await.unwrap_err();
    assert_eq!(error.kind(), "dns", "{error}");
}

#[tokio::test]
async fn a_self_signed_certificate_is_a_tls_failure() {
    let port = start_self_signed_tls().await.unwrap();
    let client = common::client(format!("https://127.0.0.1:{port}/api"), KEY, timeouts());
    let error = common::fetch(&client).await.unwrap_err();
    assert_eq!(error.kind(), "tls", "{error}");
}

#[tokio::test]
async fn connection_refused_is_offline() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = common::client(format!("http://127.0.0.1:{port}/api"), KEY, timeouts());
    assert_eq!(common::fetch(&client).await.unwrap_err().kind(), "offline");
}

#[tokio::test]
async fn retry_after_is_read_on_429_and_503() {
    let server = MockServer::start(0, KEY, Scenario::RateLimited)
        .await
        .unwrap();
    let client = common::client(server.base_url(), KEY, timeouts());
    let value = serde_json::to_value(common::fetch(&client).await.unwrap_err()).unwrap();
    assert_eq!(
        (value["kind"].as_str(), value["retryAfterSecs"].as_u64()),
        (Some("rate_limited"), Some(30))
    );
    server.set_scenario(Scenario::Custom {
        status: 503,
        headers: vec![("retry-after".into(), "7".into())],
        body: b"maintenance".to_vec(),
    });
    let value = serde_json::to_value(common::fetch(&client).await.unwrap_err()).unwrap();
    assert_eq!(
        (value["kind"].as_str(), value["retryAfterSecs"].as_u64()),
        (Some("server_trouble"), Some(7))
    );
}

#[tokio::test]
async fn a_redirect_within_the_same_origin_is_followed() {
    let server = MockServer::start(0, KEY, Scenario::Docs).await.unwrap();
    server.set_scenario(Scenario::Sequence(vec![
        Scenario::Redirect {
            status: 302,
            location: "/api/user/assistants/outbound?page=moved".into(),
        },
        Scenario::Docs,
    ]));
    let client = common::client(server.base_url(), KEY, timeouts());
    assert_eq!(common::fetch(&client).await.unwrap().assistants.len(), 2);
}

#[tokio::test]
async fn the_key_never_follows_a_redirect_to_another_host_or_port() {
    let elsewhere = MockServer::start(0, KEY, Scenario::Docs).await.unwrap();
    let server = MockServer::start(0, KEY, Scenario::Docs).await.unwrap();
    let port = elsewhere.addr().port();
    let client = common::client(server.base_url(), KEY, timeouts());
    for location in [
        format!("http://127.0.0.1:{port}/api/user/assistants/outbound"),
        format!("http://localhost:{port}/api/user/assistants/outbound"),
        format!(
            "https://127.0.0.1:{}/api/user/assistants/outbound",
            server.addr().port()
        ),
    ] {
        for status in [301, 302, 307, 308] {
            server.set_scenario(Scenario::Redirect {
                status,
                location: location.clone(),
            });
            let error = common::fetch(&client).await.unwrap_err();
            assert_eq!(error.kind(), "wrong_address", "{status} to {location}");
        }
    }
    assert!(
        elsewhere.seen().is_empty(),
        "the other host received: {:?}",
        elsewhere.seen()
    );
}
