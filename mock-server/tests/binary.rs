//! The `mock-server` binary as a developer (and the real-window test) runs it: it prints its
//! address, serves the docs' example, checks the key, and switches scenarios over HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

fn request(addr: &str, method: &str, path: &str, key: Option<&str>) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    let auth = key
        .map(|k| format!("Authorization: Bearer {k}\r\n"))
        .unwrap_or_default();
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Connection: close\r\nContent-Length: 0\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn serves_checks_the_key_and_switches_scenarios() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mock-server"))
        .args(["--port", "0", "--key", "k1"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // "mock platform API at http://127.0.0.1:PORT/api (key: k1)"
    let addr = line
        .split("http://")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();

    let ok = request(&addr, "GET", "/api/user/assistants/outbound", Some("k1"));
    assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
    assert!(ok.contains("Sales Outbound Assistant"));
    assert!(
        request(&addr, "GET", "/api/user/assistants/outbound", Some("k2"))
            .starts_with("HTTP/1.1 401")
    );
    assert!(
        request(&addr, "GET", "/api/user/assistants/outbound", None).starts_with("HTTP/1.1 401")
    );

    assert!(
        request(&addr, "PUT", "/__mock/scenario/server-error", None).starts_with("HTTP/1.1 200")
    );
    assert!(
        request(&addr, "GET", "/api/user/assistants/outbound", Some("k1"))
            .starts_with("HTTP/1.1 500")
    );
    assert!(request(&addr, "PUT", "/__mock/scenario/nonsense", None).starts_with("HTTP/1.1 400"));
    assert!(request(&addr, "GET", "/api/user/me", Some("k1")).starts_with("HTTP/1.1 200"));

    child.kill().unwrap();
    child.wait().unwrap();
}
