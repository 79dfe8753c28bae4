//! The API client over real HTTP against the local mock server on 127.0.0.1.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use assistant_roster::{ApiClient, Arriving, Progress};
use mock_server::{MockServer, Scenario};
use roster_core::{Arrived, OpenList};

const KEY: &str = "test-key-3f9a";

fn client(base: String, key: &str) -> ApiClient {
    common::client(base, key, common::timeouts(Duration::from_millis(1500)))
}

async fn server(scenario: Scenario) -> MockServer {
    MockServer::start(0, KEY, scenario).await.unwrap()
}

#[tokio::test]
async fn success_sends_the_bearer_key_and_decodes_the_docs_example() {
    let server = server(Scenario::Docs).await;
    let decoded = common::fetch(&client(server.base_url(), KEY))
        .await
        .unwrap();
    let names: Vec<_> = decoded
        .assistants
        .iter()
        .map(|a| a.name.clone().unwrap())
        .collect();
    assert_eq!(names, ["Sales Outbound Assistant", "Follow-up Assistant"]);

    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/api/user/assistants/outbound");
    assert_eq!(
        seen[0].authorization.as_deref(),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(seen[0].accept.as_deref(), Some("application/json"));
    assert!(seen[0]
        .user_agent
        .as_deref()
        .unwrap()
        .starts_with("AssistantRoster/"));
}

#[tokio::test]
async fn wrapped_and_empty_answers() {
    let server = server(Scenario::WrappedData).await;
    let c = client(server.base_url(), KEY);
    assert_eq!(common::fetch(&c).await.unwrap().assistants.len(), 2);
    server.set_scenario(Scenario::WrappedAssistants);
    assert_eq!(common::fetch(&c).await.unwrap().assistants.len(), 2);
    server.set_scenario(Scenario::Empty);
    assert!(common::fetch(&c).await.unwrap().assistants.is_empty());
}

/// A refresh compares the answer with the list the page holds as it arrives over HTTP (in
/// chunks of about 64 KB): the same list is found the same, and a changed one comes back byte for
/// byte, the bytes that matched before the change included.
#[tokio::test]
async fn a_list_sent_again_is_compared_as_it_arrives() {
    let generated = |edit| Scenario::Generated {
        count: 2_000,
        prompt_bytes: 500,
        edit,
    };
    let server = server(generated(0)).await;
    let c = client(server.base_url(), KEY);
    let sent = common::body(&c).await.unwrap();
    assert!(sent.len() > 1 << 20, "{} bytes: several chunks", sent.len());
    let held = Arc::new(OpenList::open(sent).unwrap().list);
    let into = || Arriving::new(&std::env::temp_dir());
    let again = c
        .outbound_against(&Progress::default(), &mut into(), Arc::clone(&held))
        .await
        .unwrap();
    assert!(matches!(again, Arrived::Same(list) if Arc::ptr_eq(&list, &held)));
    // The last assistant changed: everything before it matched and is given back as sent.
    server.set_scenario(generated(1));
    let changed = common::body(&c).await.unwrap();
    let arrived = c
        .outbound_against(&Progress::default(), &mut into(), Arc::clone(&held))
        .await
        .unwrap();
    assert!(matches!(arrived, Arrived::Body(body) if body[..] == changed[..]));
}

async fn error_kind(scenario: Scenario) -> serde_json::Value {
    let server = server(scenario).await;
    let error = common::fetch(&client(server.base_url(), KEY))
        .await
        .unwrap_err();
    serde_json::to_value(&error).unwrap()
}

#[tokio::test]
async fn a_wrong_key_is_bad_key() {
    let server = server(Scenario::Docs).await;
    let error = common::fetch(&client(server.base_url(), "wrong-key"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), "bad_key");
    assert_eq!(error_kind(Scenario::Unauthorized).await["kind"], "bad_key");
}

#[tokio::test]
async fn each_status_maps_to_its_kind() {
    assert_eq!(
        error_kind(Scenario::NotFoundHtml).await["kind"],
        "wrong_address"
    );
    let limited = error_kind(Scenario::RateLimited).await;
    assert_eq!(limited["kind"], "rate_limited");
    assert_eq!(limited["retryAfterSecs"], 30);
    let trouble = error_kind(Scenario::ServerError).await;
    assert_eq!(trouble["kind"], "server_trouble");
    assert_eq!(trouble["status"], 500);
    let html_ok = Scenario::Custom {
        status: 200,
        headers: vec![("content-type".into(), "text/html".into())],
        body: b"<html><body>Welcome to our site</body></html>".to_vec(),
    };
    assert_eq!(error_kind(html_ok).await["kind"], "wrong_address");
    let not_json = Scenario::Custom {
        status: 200,
        headers: vec![("content-type".into(), "application/json".into())],
        body: b"{\"data\": [ {\"id\": 1 ".to_vec(),
    };
    assert_eq!(error_kind(not_json).await["kind"], "unreadable");
}

#[tokio::test]
async fn a_slow_server_times_out_with_its_own_kind() {
    let server = server(Scenario::Slow(Duration::from_secs(5))).await;
    let started = Instant::now();
    let error = common::fetch(&client(server.base_url(), KEY))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), "timeout");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the overall timeout fired"
    );
}

#[tokio::test]
async fn a_slow_answer_within_the_limit_succeeds() {
    let server = server(Scenario::Slow(Duration::from_millis(300))).await;
    let decoded = common::fetch(&client(server.base_url(), KEY))
        .await
        .unwrap();
    assert_eq!(decoded.assistants.len(), 2);
}

#[tokio::test]
async fn nothing_listening_is_offline() {
    // Bind then drop a listener to get a port that refuses connections.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let error = common::fetch(&client(format!("http://127.0.0.1:{port}/api"), KEY))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), "offline", "{error}");
}

#[tokio::test]
async fn the_error_text_never_contains_the_key() {
    let server = server(Scenario::ServerError).await;
    let error = common::fetch(&client(server.base_url(), KEY))
        .await
        .unwrap_err();
    let text = format!(
        "{error} {error:?} {}",
        serde_json::to_string(&error).unwrap()
    );
    assert!(!text.contains(KEY));
    let c = client(server.base_url(), KEY);
    assert!(!format!("{c:?}").contains(KEY));
}

#[tokio::test]
async fn voice_and_language_names_resolve_and_unknown_ids_are_not_errors() {
    let server = server(Scenario::Docs).await;
    let c = client(server.base_url(), KEY);
    let voices = c.voices().await.unwrap();
    let languages = c.languages().await.unwrap();
    let name = |list: &[(String, String)], id: &str| {
        list.iter().find(|(k, _)| k == id).map(|(_, v)| v.clone())
    };
    assert_eq!(name(&voices, "8").as_deref(), Some("Sarah (US English)"));
    assert_eq!(
        name(&voices, "21").as_deref(),
        Some("Ivana (Bulgarian)"),
        "a string id"
    );
    assert_eq!(
        name(&voices, "413"),
        None,
        "an id the platform does not list"
    );
    assert_eq!(name(&languages, "2").as_deref(), Some("Bulgarian"));
    let paths: Vec<_> = server.seen().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        [
            "/api/user/assistants/voices",
            "/api/user/assistants/languages"
        ]
    );
    assert!(server
        .seen()
        .iter()
        .all(|r| r.authorization.as_deref() == Some(format!("Bearer {KEY}").as_str())));
}

#[tokio::test]
async fn the_user_a_key_belongs_to_tells_accounts_of_one_platform_apart() {
    let server = server(Scenario::Docs).await;
    let user = |key: &str| {
        let client = client(server.base_url(), key);
        async move { client.user_id().await }
    };
    assert_eq!(user(KEY).await.unwrap().as_deref(), Some("1"));
    assert_eq!(
        user(&format!("{KEY}.7")).await.unwrap().as_deref(),
        Some("7")
    );
    let refused = user("someone-else").await.unwrap_err();
    assert_eq!(refused.kind(), "bad_key");
}
