//! Inside a company network: the operating system's trust store (a TLS-inspecting gateway's
//! own certificate authority) and the system's proxy are used. Its own test binary, because it
//! sets the process's environment: `SSL_CERT_FILE` is where the trust store reader looks on
//! Linux (as a distribution's `update-ca-certificates` would place the authority), and
//! `HTTPS_PROXY` is the proxy setting a Linux desktop session gives its programs.

mod common;

use std::time::Duration;

const KEY: &str = "company-key";

#[tokio::test]
async fn the_os_trust_store_and_the_system_proxy_are_used() {
    for name in [
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        std::env::remove_var(name);
    }
    let timeouts = common::timeouts(Duration::from_secs(5));
    let (port, authority) = mock_server::start_tls_with_authority().await.unwrap();
    let base = format!("https://127.0.0.1:{port}/api");

    // The gateway's authority is not trusted yet: refused, as a TLS error.
    let refused = common::fetch(&common::client(base.clone(), KEY, timeouts))
        .await
        .unwrap_err();
    assert_eq!(refused.kind(), "tls", "{refused}");

    // Installed in the trust store the system gives: accepted.
    let dir = std::env::temp_dir().join(format!("roster-company-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = dir.join("company-authority.pem");
    std::fs::write(&store, authority).unwrap();
    std::env::set_var("SSL_CERT_FILE", &store);
    let decoded = common::fetch(&common::client(base.clone(), KEY, timeouts))
        .await
        .unwrap();
    assert_eq!(decoded.assistants.len(), 2);

    // Through the company's proxy, when the system names one.
    let (proxy, tunnels) = mock_server::start_connect_proxy().await.unwrap();
    std::env::set_var("HTTPS_PROXY", format!("http://127.0.0.1:{proxy}"));
    let decoded = common::fetch(&common::client(base, KEY, timeouts))
        .await
        .unwrap();
    assert_eq!(decoded.assistants.len(), 2);
    assert_eq!(*tunnels.lock().unwrap(), [format!("127.0.0.1:{port}")]);
    std::fs::remove_dir_all(&dir).unwrap();
}
