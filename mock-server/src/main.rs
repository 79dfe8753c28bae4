//! `mock-server [--port N] [--key KEY] [--scenario NAME[?key=value&...]]`: serves the platform API on 127.0.0.1
//! until Ctrl+C. Switch scenarios while it runs with
//! `curl -X PUT http://127.0.0.1:N/__mock/scenario/<name>`.

use mock_server::{MockServer, Scenario};

#[tokio::main]
async fn main() {
    let mut port = 8787u16;
    let mut key = String::from("demo-key");
    let mut scenario = Scenario::Docs;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--port", Some(v)) => {
                port = v.parse().unwrap_or_else(|_| fail("--port takes a number"))
            }
            ("--key", Some(v)) => key = v,
            ("--scenario", Some(v)) => {
                // NAME or NAME?key=value&key=value, as in `generated?count=10000&prompt=2000`.
                let (name, query) = v.split_once('?').unwrap_or((&v, ""));
                let params = query
                    .split('&')
                    .filter_map(|pair| pair.split_once('='))
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect();
                scenario = Scenario::from_name(name, &params).unwrap_or_else(|| {
                    fail(&format!(
                        "unknown scenario; known: {}",
                        Scenario::NAMES.join(", ")
                    ))
                })
            }
            _ => fail("usage: mock-server [--port N] [--key KEY] [--scenario NAME]"),
        }
    }
    let server = MockServer::start(port, &key, scenario)
        .await
        .unwrap_or_else(|e| fail(&format!("cannot listen on 127.0.0.1:{port}: {e}")));
    println!("mock platform API at {} (key: {key})", server.base_url());
    let _ = tokio::signal::ctrl_c().await;
    server.stop();
}

fn fail(message: &str) -> ! {
    eprintln!("mock-server: {message}");
    std::process::exit(2);
}
