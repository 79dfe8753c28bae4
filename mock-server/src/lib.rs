//! A local stand-in for the Sondos-family platform API (`{base}/user/...`), served on loopback.
//!
//! Tests start it in-process with [`MockServer::start`]; developers run the `mock-server` binary and
//! point the app at `http://127.0.0.1:<port>/api`. The answer of the outbound endpoint depends on the
//! current [`Scenario`], switchable at run time (in-process, or with `PUT /__mock/scenario/<name>`).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::Router;
use futures_util::StreamExt;

/// The example body of the platform's documentation, byte for byte.
pub const DOCS_EXAMPLE: &str = include_str!("../../tests/fixtures/docs-example.json");

/// What `GET /api/user/assistants/outbound` answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Scenario {
    /// The documentation's example: a bare array of two assistants.
    Docs,
    /// The same two, wrapped as `{"data": [...]}`.
    WrappedData,
    /// The same two, wrapped as `{"assistants": [...]}`.
    WrappedAssistants,
    /// `[]`.
    Empty,
    /// 401 with a JSON message, whatever key was sent.
    Unauthorized,
    /// 404 with an HTML page, as a wrong base URL behind a web server gives.
    NotFoundHtml,
    /// 429 with `Retry-After: 30`.
    RateLimited,
    /// 500 with a JSON message.
    ServerError,
    /// The documentation's example, after a delay.
    Slow(Duration),
    /// Any status, headers and body, for hostile-input tests.
    Custom {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// 200 announcing `declared` bytes, then sending `sent` and breaking the connection.
    Truncated { declared: usize, sent: Vec<u8> },
    /// 200 and `first` bytes of body, then nothing, forever.
    Stall { first: Vec<u8> },
    /// `count` realistic assistants with prompts of about `prompt_bytes`, generated as they are
    /// sent, so even hundreds of MB cost the server no memory. With `edit` above 0 the last
    /// one's name says so: the list as it is after one assistant was changed.
    Generated {
        count: usize,
        prompt_bytes: usize,
        edit: u64,
    },
    /// A redirect to `location`.
    Redirect { status: u16, location: String },
    /// Each request gets the next scenario of the list; the last one repeats.
    Sequence(Vec<Scenario>),
}

impl Scenario {
    /// The scenario a name (as used by the HTTP switch and the binary's `--scenario`) stands for.
    /// `slow` reads `ms`; `generated` reads `count` and `prompt` (bytes).
    pub fn from_name(
        name: &str,
        params: &std::collections::HashMap<String, String>,
    ) -> Option<Scenario> {
        let number = |key: &str, default: u64| {
            params
                .get(key)
                .and_then(|v| v.parse().ok())
                .unwrap_or(default)
        };
        Some(match name {
            "docs" => Scenario::Docs,
            "wrapped-data" => Scenario::WrappedData,
            "wrapped-assistants" => Scenario::WrappedAssistants,
            "empty" => Scenario::Empty,
            "unauthorized" => Scenario::Unauthorized,
            "not-found-html" => Scenario::NotFoundHtml,
            "rate-limited" => Scenario::RateLimited,
            "server-error" => Scenario::ServerError,
            "slow" => Scenario::Slow(Duration::from_millis(number("ms", 3_000))),
            "hostile-strings" => Scenario::Custom {
                status: 200,
                headers: vec![("content-type".into(), "application/json".into())],
                body: hostile_strings_body().into_bytes(),
            },
            "team" => Scenario::Custom {
                status: 200,
                headers: vec![("content-type".into(), "application/json".into())],
                body: team_body(number("v", 1)).into_bytes(),
            },
            "generated" => Scenario::Generated {
                count: number("count", 10_000) as usize,
                prompt_bytes: number("prompt", 2_000) as usize,
                edit: number("edit", 0),
            },
            name if name.starts_with("hostile-") && name != "hostile-strings" => {
                let body = hostile_body(&name["hostile-".len()..], &number)?;
                Scenario::Custom {
                    status: 200,
                    headers: vec![("content-type".into(), "application/json".into())],
                    body,
                }
            }
            _ => return None,
        })
    }

    pub const NAMES: &'static [&'static str] = &[
        "docs",
        "wrapped-data",
        "wrapped-assistants",
        "empty",
        "unauthorized",
        "not-found-html",
        "rate-limited",
        "server-error",
        "slow",
        "generated",
        "team",
        "hostile-strings",
        "hostile-tiny-items",
        "hostile-placeholders",
        "hostile-long-name",
        "hostile-many-variables",
    ];
}

/// A small team whose assistants change from one version to the next, as a manager's account
/// does between two weekly reviews (`team?v=1`, `v=2`, `v=3`):
/// - 1: Ana, Bo, Cy and Di, all active.
/// - 2: Ana's prompt edited, Bo removed, Cy deactivated, Eve added; Di the same content written
///   otherwise (keys reordered, `"7"` for 7, `true` for 1): unchanged.
/// - 3: as 2, with Ana's greeting changed as well.
pub fn team_body(version: u64) -> String {
    let prompt = |v: u64| {
        match v {
        1 => "You call leads who asked about solar panels. Be brief and polite. Offer a visit on a weekday morning.",
        _ => "You call leads who asked about solar panels. Be brief and warm. Offer a visit on a weekday morning or Saturday.",
    }
    };
    let greeting = |v: u64| match v {
        3 => "Good morning, this is Ana from Sunly. Is now a good time?",
        _ => "Hello, this is Ana from Sunly.",
    };
    let ana = serde_json::json!({
        "id": 1, "name": "Ana (solar leads)", "mode": "pipeline", "status": "active",
        "timezone": "Europe/Berlin", "voice_id": 8, "language_id": 2,
        "initial_message": greeting(version), "system_prompt": prompt(version),
        "variables": {"customer_name": "there", "product": "solar"},
        "webhook_url": null, "is_webhook_active": 0, "type": "outbound",
        "created_at": "2026-09-01 09:00:00",
        "updated_at": match version { 1 => "2026-11-01 10:00:00", 2 => "2026-11-10 10:00:00", _ => "2026-11-12 08:30:00" },
    });
    let bo = serde_json::json!({
        "id": 2, "name": "Bo (renewals)", "mode": "multimodal", "status": "active",
        "timezone": "America/New_York", "initial_message": "Hi, Bo here about your renewal.",
        "system_prompt": "Remind customers of their renewal date.", "variables": [],
        "is_webhook_active": 0, "created_at": "2026-08-01 09:00:00", "updated_at": "2026-10-01 09:00:00",
    });
    let cy = serde_json::json!({
        "id": 3, "name": "Cy (reactivation)", "mode": "pipeline",
        "status": if version == 1 { "active" } else { "inactive" },
        "timezone": "Europe/Sofia", "initial_message": "Hello from Cy.",
        "system_prompt": "Win back customers who left.", "variables": {"offer": "10%"},
        "is_webhook_active": 1, "webhook_url": "https://hooks.example.com/cy",
        "created_at": "2026-07-01 09:00:00",
        "updated_at": if version == 1 { "2026-10-05 09:00:00" } else { "2026-11-09 16:00:00" },
    });
    let di_v1 = r#"{"id":7,"name":"Di (follow-up)","mode":"pipeline","status":"active","timezone":"Europe/Istanbul","initial_message":"Merhaba, Di.","system_prompt":"Follow up on quotes.","variables":{},"is_webhook_active":1,"webhook_url":"https://hooks.example.com/di","created_at":"2026-06-01 09:00:00","updated_at":"2026-09-01 09:00:00"}"#;
    let di_v2 = r#"{ "updated_at": "2026-09-01 09:00:00", "created_at": "2026-06-01 09:00:00", "webhook_url": "https://hooks.example.com/di", "is_webhook_active": true, "variables": [], "system_prompt": "Follow up on quotes.", "initial_message": "Merhaba, Di.", "timezone": "Europe/Istanbul", "status": "active", "mode": "pipeline", "name": "Di (follow-up)", "id": "7" }"#;
    let eve = serde_json::json!({
        "id": 9, "name": "Eve (webinar invites)", "mode": "multimodal", "status": "active",
        "timezone": "America/Sao_Paulo", "initial_message": "Olá! Aqui é a Eve.",
        "system_prompt": "Invite leads to the product webinar.", "variables": {"date": "Thursday"},
        "is_webhook_active": 0, "created_at": "2026-11-09 12:00:00", "updated_at": "2026-11-09 12:00:00",
    });
    match version {
        1 => format!("[{ana},{bo},{cy},{di_v1}]"),
        _ => format!("[{ana},{cy},{di_v2},{eve}]"),
    }
}

/// Bodies that cost the app the most work for their size, for the bounded-work benchmark
/// (`bench/hostile.mjs`): `tiny-items?mb=` (`[{},{},...]`), `placeholders?count=` (one prompt
/// of that many different `{{placeholders}}`), `long-name?mb=` (one assistant named with that
/// many MB), `many-variables?count=` (assistants of 1,000 variables each, up to `count` in all).
fn hostile_body(kind: &str, number: &dyn Fn(&str, u64) -> u64) -> Option<Vec<u8>> {
    let mb = number("mb", 150) as usize;
    Some(match kind {
        "tiny-items" => {
            let count = (mb << 20) / 3;
            let mut body = Vec::with_capacity(count * 3 + 2);
            body.push(b'[');
            for i in 0..count {
                body.extend_from_slice(if i == 0 { b"{}" } else { b",{}" });
            }
            body.push(b']');
            body
        }
        "placeholders" => {
            let count = number("count", 200_000);
            let prompt: String = (0..count).map(|i| format!("{{{{p{i}}}}} ")).collect();
            serde_json::to_vec(
                &serde_json::json!([{ "id": 1, "name": "Placeholders", "system_prompt": prompt }]),
            )
            .ok()?
        }
        "long-name" => serde_json::to_vec(&serde_json::json!([
            { "id": 1, "name": "N".repeat(mb << 20) },
            { "id": 2, "name": "Beside it" }
        ]))
        .ok()?,
        "many-variables" => {
            let count = number("count", 2_000_000) as usize;
            let variables: serde_json::Map<String, serde_json::Value> = (0..1_000)
                .map(|i| (format!("v{i}"), serde_json::Value::from(i)))
                .collect();
            let one = serde_json::json!({ "id": 1, "name": "Variables", "variables": variables });
            let items = vec![one; (count / 1_000).max(1)];
            serde_json::to_vec(&items).ok()?
        }
        _ => return None,
    })
}

/// One request the server saw, for tests that check what the client sent.
#[derive(Clone, Debug)]
pub struct SeenRequest {
    pub path: String,
    pub authorization: Option<String>,
    pub accept: Option<String>,
    pub user_agent: Option<String>,
}

struct Shared {
    key: String,
    scenario: Mutex<Scenario>,
    seen: Mutex<Vec<SeenRequest>>,
}

/// A running mock server. Dropping it does not stop it; call [`MockServer::stop`] or let the
/// runtime end.
pub struct MockServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl MockServer {
    /// Binds `127.0.0.1:port` (0 picks a free port) and serves in the background of the current
    /// tokio runtime. Only the bearer `key` is accepted.
    pub async fn start(port: u16, key: &str, scenario: Scenario) -> std::io::Result<MockServer> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            key: key.to_owned(),
            scenario: Mutex::new(scenario),
            seen: Mutex::new(Vec::new()),
        });
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let app = router(shared.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Ok(MockServer {
            addr,
            shared,
            shutdown: Some(tx),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL the app is configured with, e.g. `http://127.0.0.1:4321/api`.
    pub fn base_url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    pub fn set_scenario(&self, scenario: Scenario) {
        *self.shared.scenario.lock().unwrap() = scenario;
    }

    pub fn seen(&self) -> Vec<SeenRequest> {
        self.shared.seen.lock().unwrap().clone()
    }

    pub fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/api/user/assistants/outbound", get(outbound))
        .route("/api/user/assistants/voices", get(voices))
        .route("/api/user/assistants/languages", get(languages))
        .route("/api/user/me", get(me))
        .route("/__mock/scenario/{name}", put(switch_scenario))
        .with_state(shared)
}

/// Records the request and tells whether it carries the bearer key.
fn admit(shared: &Shared, path: &str, headers: &HeaderMap) -> bool {
    let text = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let authorization = text(header::AUTHORIZATION);
    shared.seen.lock().unwrap().push(SeenRequest {
        path: path.to_owned(),
        authorization: authorization.clone(),
        accept: text(header::ACCEPT),
        user_agent: text(header::USER_AGENT),
    });
    user_of(shared, authorization.as_deref()).is_some()
}

/// The user a bearer key belongs to: the mock's key is user 1, and `<key>.<user>` is that user
/// (`k.2`), so tests can connect several accounts of one platform.
fn user_of(shared: &Shared, authorization: Option<&str>) -> Option<String> {
    let key = authorization?.strip_prefix("Bearer ")?;
    if key == shared.key {
        return Some("1".to_owned());
    }
    let user = key.strip_prefix(shared.key.as_str())?.strip_prefix('.')?;
    (!user.is_empty()).then(|| user.to_owned())
}

fn unauthenticated() -> Response {
    json(
        StatusCode::UNAUTHORIZED,
        r#"{"message":"Unauthenticated."}"#.to_owned(),
    )
}

fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn outbound(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    if !admit(&shared, "/api/user/assistants/outbound", &headers) {
        return unauthenticated();
    }
    let scenario = {
        let mut current = shared.scenario.lock().unwrap();
        match &mut *current {
            Scenario::Sequence(steps) if steps.len() > 1 => steps.remove(0),
            Scenario::Sequence(steps) => steps.first().cloned().unwrap_or(Scenario::Empty),
            other => other.clone(),
        }
    };
    answer(scenario).await
}

async fn answer(scenario: Scenario) -> Response {
    match scenario {
        Scenario::Docs => json(StatusCode::OK, DOCS_EXAMPLE.to_owned()),
        Scenario::WrappedData => json(StatusCode::OK, format!(r#"{{"data": {DOCS_EXAMPLE}}}"#)),
        Scenario::WrappedAssistants => {
            json(StatusCode::OK, format!(r#"{{"assistants": {DOCS_EXAMPLE}}}"#))
        }
        Scenario::Empty => json(StatusCode::OK, "[]".to_owned()),
        Scenario::Unauthorized => unauthenticated(),
        Scenario::NotFoundHtml => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>",
        )
            .into_response(),
        Scenario::RateLimited => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CONTENT_TYPE, "application/json"), (header::RETRY_AFTER, "30")],
            r#"{"message":"Too Many Attempts."}"#,
        )
            .into_response(),
        Scenario::ServerError => {
            json(StatusCode::INTERNAL_SERVER_ERROR, r#"{"message":"Server Error"}"#.to_owned())
        }
        Scenario::Slow(delay) => {
            tokio::time::sleep(delay).await;
            json(StatusCode::OK, DOCS_EXAMPLE.to_owned())
        }
        Scenario::Custom { status, headers, body } => {
            let mut response = Response::builder().status(status);
            for (name, value) in headers {
                response = response.header(name, value);
            }
            response
                .body(Body::from(body))
                .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
        Scenario::Truncated { declared, sent } => {
            let chunks: Vec<Result<Vec<u8>, std::io::Error>> = vec![
                Ok(sent),
                Err(std::io::Error::other("connection cut on purpose")),
            ];
            Response::builder()
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::CONTENT_LENGTH, declared)
                .body(Body::from_stream(futures_util::stream::iter(chunks)))
                .unwrap()
        }
        Scenario::Stall { first } => {
            let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(first) })
                .chain(futures_util::stream::pending());
            Response::builder()
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from_stream(stream))
                .unwrap()
        }
        Scenario::Generated {
            count,
            prompt_bytes,
            edit,
        } => Response::builder()
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from_stream(generated_body(count, prompt_bytes, edit)))
            .unwrap(),
        Scenario::Redirect { status, location } => Response::builder()
            .status(status)
            .header(header::LOCATION, location)
            .body(Body::empty())
            .unwrap(),
        Scenario::Sequence(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

async fn voices(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    if !admit(&shared, "/api/user/assistants/voices", &headers) {
        return unauthenticated();
    }
    json(
        StatusCode::OK,
        r#"[{"id":8,"name":"Sarah (US English)","gender":"female"},{"id":12,"name":"Mike (US English)","gender":"male"},{"id":"21","name":"Ivana (Bulgarian)"}]"#.to_owned(),
    )
}

async fn languages(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    if !admit(&shared, "/api/user/assistants/languages", &headers) {
        return unauthenticated();
    }
    json(
        StatusCode::OK,
        r#"[{"id":1,"name":"English (US)","code":"en-US"},{"id":2,"name":"Bulgarian","code":"bg-BG"},{"id":3,"name":"German","code":"de-DE"}]"#.to_owned(),
    )
}

async fn me(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    if !admit(&shared, "/api/user/me", &headers) {
        return unauthenticated();
    }
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let user = user_of(&shared, authorization).unwrap_or_default();
    json(
        StatusCode::OK,
        serde_json::json!({ "id": user, "name": format!("Demo User {user}"), "email": "demo@example.com" })
            .to_string(),
    )
}

async fn switch_scenario(
    State(shared): State<Arc<Shared>>,
    Path(name): Path<String>,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Response {
    match Scenario::from_name(&name, &query) {
        Some(scenario) => {
            *shared.scenario.lock().unwrap() = scenario;
            (StatusCode::OK, format!("scenario: {name}\n")).into_response()
        }
        None => (
            StatusCode::BAD_REQUEST,
            format!(
                "unknown scenario {name:?}; known: {}\n",
                Scenario::NAMES.join(", ")
            ),
        )
            .into_response(),
    }
}

const NAMES: &[&str] = &[
    "Sales Outbound",
    "Follow-up",
    "Продажби",
    "مساعد المبيعات",
    "Terminvereinbarung",
    "Renewal Reminder",
    "🚀 Launch",
    "Seguimento",
    "Geri Arama",
    "Survey",
];
const MODES: &[&str] = &["pipeline", "multimodal", "pipeline", "realtime-v2"];
const STATUSES: &[&str] = &["active", "active", "inactive", "paused"];
const ZONES: &[&str] = &[
    "America/New_York",
    "Europe/Sofia",
    "Asia/Dubai",
    "Europe/Berlin",
    "Asia/Tokyo",
    "America/Sao_Paulo",
    "Europe/Istanbul",
    "Australia/Sydney",
    "Invalid/Zone",
    "UTC",
];

/// One generated assistant, deterministic for its index.
pub fn generated_assistant(index: usize, prompt_bytes: usize) -> String {
    const WORDS: &str =
        "You are a friendly outbound caller. Qualify the lead, confirm the budget, \
        book a meeting with {{calendar_link}} and never promise discounts. ";
    let mut prompt = String::with_capacity(prompt_bytes + WORDS.len());
    while prompt.len() < prompt_bytes {
        prompt.push_str(WORDS);
    }
    prompt.truncate(prompt_bytes);
    let day = 1 + index % 28;
    let value = serde_json::json!({
        "id": 100_000 + index,
        "user_id": 1,
        "name": format!("{} #{index}", NAMES[index % NAMES.len()]),
        "type": "outbound",
        "mode": MODES[index % MODES.len()],
        "status": STATUSES[index % STATUSES.len()],
        "voice_id": 8 + index % 5,
        "language_id": 1 + index % 3,
        "timezone": ZONES[index % ZONES.len()],
        "initial_message": format!("Hi, this is assistant {index}. Do you have a minute to talk about your enquiry?"),
        "system_prompt": prompt,
        "variables": {"company_name": "Acme", "campaign": format!("C{}", index % 97)},
        "webhook_url": if index.is_multiple_of(3) { serde_json::Value::Null } else { format!("https://hooks.example.com/{index}").into() },
        "is_webhook_active": !index.is_multiple_of(3),
        "created_at": format!("2025-{:02}-{day:02}T10:00:00.000000Z", 1 + index % 12),
        "updated_at": format!("2026-{:02}-{day:02}T15:30:00.000000Z", 1 + index % 11),
    });
    value.to_string()
}

/// The body of [`Scenario::Generated`], as a stream of chunks of about 64 KB.
fn generated_body(
    count: usize,
    prompt_bytes: usize,
    edit: u64,
) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> + Send {
    futures_util::stream::unfold(0usize, move |next| async move {
        if next > count {
            return None;
        }
        let mut chunk = Vec::with_capacity(70_000);
        let mut index = next;
        if index == 0 {
            chunk.push(b'[');
        }
        while index < count && chunk.len() < 64_000 {
            if index > 0 {
                chunk.push(b',');
            }
            let mut assistant = generated_assistant(index, prompt_bytes);
            if edit > 0 && index + 1 == count {
                assistant =
                    assistant.replacen(r#""name":""#, &format!(r#""name":"(edit {edit}) "#), 1);
            }
            chunk.extend_from_slice(assistant.as_bytes());
            index += 1;
        }
        if index == count {
            chunk.push(b']');
            index += 1;
        }
        Some((Ok(chunk), index))
    })
}

/// A TLS server on 127.0.0.1 with a self-signed certificate, as a misconfigured proxy or server
/// presents: every handshake a client completes is simply dropped. Returns its port.
pub async fn start_self_signed_tls() -> std::io::Result<u16> {
    use tokio_rustls::rustls;
    let certified =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()])
            .map_err(std::io::Error::other)?;
    let cert = certified.cert.der().clone();
    let key = rustls::pki_types::PrivateKeyDer::try_from(certified.key_pair.serialize_der())
        .map_err(std::io::Error::other)?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(std::io::Error::other)?
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .map_err(std::io::Error::other)?;
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let port = listener.local_addr()?.port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let _ = acceptor.accept(stream).await;
            });
        }
    });
    Ok(port)
}

/// Markup that would run script if a page ever put it in as HTML.
pub const PAYLOAD: &str =
    "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";

/// One assistant with the payload in every string field, after one ordinary assistant.
pub fn hostile_strings_body() -> String {
    let p = PAYLOAD;
    let hostile = serde_json::json!({
        "id": format!("9{p}"), "user_id": p, "name": format!("Name {p}"), "type": p,
        "mode": format!("mode{p}"), "status": format!("status{p}"), "voice_id": p, "language_id": p,
        "timezone": format!("Zone/{p}"), "initial_message": format!("Hello {p}"),
        "system_prompt": format!("Prompt {p}"), "variables": {p: p, "plain": p},
        "webhook_url": format!("javascript:document.title='pwned'//{p}"), "is_webhook_active": true,
        "created_at": p, "updated_at": format!("2026-01-01 {p}"),
    });
    let docs: serde_json::Value = serde_json::from_str(DOCS_EXAMPLE).unwrap_or_default();
    serde_json::json!([docs[0], hostile]).to_string()
}

/// An HTTPS stand-in of the platform whose certificate is signed by a test certificate
/// authority made for it (as a company's TLS-inspecting gateway does). Answers every request
/// with the documentation's list. Returns the port and the authority's certificate (PEM), which
/// only a trust store that holds it accepts.
pub async fn start_tls_with_authority() -> std::io::Result<(u16, String)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio_rustls::rustls;
    let other = std::io::Error::other;
    let mut authority = rcgen::CertificateParams::new(Vec::<String>::new()).map_err(other)?;
    authority.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    authority
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Assistant Roster test authority");
    let authority_key = rcgen::KeyPair::generate().map_err(other)?;
    let authority = authority.self_signed(&authority_key).map_err(other)?;
    let server_key = rcgen::KeyPair::generate().map_err(other)?;
    let server =
        rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .map_err(other)?
            .signed_by(&server_key, &authority, &authority_key)
            .map_err(other)?;
    let key = rustls::pki_types::PrivateKeyDer::try_from(server_key.serialize_der())
        .map_err(std::io::Error::other)?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(std::io::Error::other)?
        .with_no_client_auth()
        .with_single_cert(vec![server.der().clone()], key)
        .map_err(std::io::Error::other)?;
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let port = listener.local_addr()?.port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                // One request: read its head, answer the list, close.
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let body = DOCS_EXAMPLE;
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = tls.write_all(response.as_bytes()).await;
                let _ = tls.write_all(body.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    Ok((port, authority.pem()))
}

/// An HTTP proxy on 127.0.0.1 that tunnels `CONNECT` requests, as a company's proxy does.
/// Returns its port and the targets it was asked to reach, in order.
pub async fn start_connect_proxy() -> std::io::Result<(u16, Arc<Mutex<Vec<String>>>)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let port = listener.local_addr()?.port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let targets = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            let targets = Arc::clone(&targets);
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    match client.read(&mut byte).await {
                        Ok(1) => head.push(byte[0]),
                        _ => return,
                    }
                }
                let head = String::from_utf8_lossy(&head);
                let Some(target) = head
                    .strip_prefix("CONNECT ")
                    .and_then(|rest| rest.split_whitespace().next())
                    .map(str::to_owned)
                else {
                    let _ = client
                        .write_all(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n")
                        .await;
                    return;
                };
                targets.lock().unwrap().push(target.clone());
                let Ok(mut upstream) = tokio::net::TcpStream::connect(&target).await else {
                    let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
                    return;
                };
                if client
                    .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    .await
                    .is_ok()
                {
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                }
            });
        }
    });
    Ok((port, seen))
}
