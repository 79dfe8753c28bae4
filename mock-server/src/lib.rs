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
    /// Any status and body, for hostile-input tests.
    Custom {
        status: u16,
        content_type: String,
        body: Vec<u8>,
    },
}

impl Scenario {
    /// The scenario a name (as used by the HTTP switch and the binary's `--scenario`) stands for.
    pub fn from_name(name: &str, delay_ms: Option<u64>) -> Option<Scenario> {
        Some(match name {
            "docs" => Scenario::Docs,
            "wrapped-data" => Scenario::WrappedData,
            "wrapped-assistants" => Scenario::WrappedAssistants,
            "empty" => Scenario::Empty,
            "unauthorized" => Scenario::Unauthorized,
            "not-found-html" => Scenario::NotFoundHtml,
            "rate-limited" => Scenario::RateLimited,
            "server-error" => Scenario::ServerError,
            "slow" => Scenario::Slow(Duration::from_millis(delay_ms.unwrap_or(3_000))),
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
    ];
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
    authorization.as_deref() == Some(format!("Bearer {}", shared.key).as_str())
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
    let scenario = shared.scenario.lock().unwrap().clone();
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
        Scenario::Custom { status, content_type, body } => Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response()),
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
    json(
        StatusCode::OK,
        r#"{"id":1,"name":"Demo User","email":"demo@example.com"}"#.to_owned(),
    )
}

async fn switch_scenario(
    State(shared): State<Arc<Shared>>,
    Path(name): Path<String>,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Response {
    let delay_ms = query.get("ms").and_then(|v| v.parse().ok());
    match Scenario::from_name(&name, delay_ms) {
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
