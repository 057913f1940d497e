//! What survives a crash and a held lock: a `lull serve` killed under load keeps every
//! acknowledged message exactly once, and a write lock another process holds does not stop
//! the API from answering reads.

use std::time::Duration;

use lull_api::testing::dechunk;
use serde_json::Value;

use crate::support::{Server, data_dir, ok, port_of};

/// One HTTP/1.1 request on a fresh loopback connection: (status, body), or the I/O error that
/// ended it (the server was killed).
fn http(port: u16, token: &str, method: &str, path: &str, body: &str) -> std::io::Result<(u16, String)> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let (head, body) = answer.split_once("\r\n\r\n").ok_or(std::io::ErrorKind::UnexpectedEof)?;
    let status =
        head.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or(std::io::ErrorKind::InvalidData)?;
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        return Ok((status, dechunk(body)));
    }
    Ok((status, body.to_owned()))
}

/// A random number for this process (no clock: the std hasher is seeded randomly).
fn random_below(n: u64) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    std::collections::hash_map::RandomState::new().build_hasher().finish() % n
}

/// The durability promise: 8 clients publish as fast as they can, `lull serve` is killed with
/// SIGKILL at a random moment, and after a restart every acknowledged message is there exactly
/// once and the database passes `PRAGMA integrity_check`. Rounds: `LULL_CRASH_ROUNDS` (default 2);
/// `scripts/crash-loop.sh N` runs it N times.
#[test]
fn after_kill_9_under_load_every_acknowledged_message_is_there_exactly_once() {
    let rounds: u32 = std::env::var("LULL_CRASH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(2);
    for round in 0..rounds {
        let (tmp, dir) = data_dir();
        let log = tmp.path().join("serve.log");
        let mut server = Server::start(&dir, &log);
        let api: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("api.json")).expect("api.json"))
                .expect("json");
        let port = api["port"].as_u64().expect("port") as u16;
        let token = std::fs::read_to_string(dir.join("token")).expect("token").trim().to_owned();

        let acknowledged = std::sync::Mutex::new(Vec::new());
        let kill_after = Duration::from_millis(300 + random_below(1200));
        std::thread::scope(|scope| {
            for client in 0..8 {
                let (token, acknowledged) = (&token, &acknowledged);
                scope.spawn(move || {
                    for n in 0.. {
                        let body = format!(r#"{{"sender": "client {client}", "body": "c{client}-{n}"}}"#);
                        match http(port, token, "POST", "/v1/messages", &body) {
                            Ok((200, _)) => acknowledged.lock().expect("lock").push(format!("c{client}-{n}")),
                            Ok((status, answer)) => panic!("unexpected answer {status}: {answer}"),
                            Err(_) => break, // the server is gone
                        }
                    }
                });
            }
            std::thread::sleep(kill_after);
            server.kill(); // SIGKILL
        });
        let acknowledged = acknowledged.into_inner().expect("lock");
        assert!(!acknowledged.is_empty(), "round {round}: some messages were acknowledged before the kill");

        std::fs::remove_file(dir.join("api.json")).expect("the killed server left its address behind");
        let _server = Server::start(&dir, &log);
        let (status, export) =
            http(port_of(&dir), &token, "GET", "/v1/export?format=json", "").expect("export");
        assert_eq!(status, 200, "{export}");
        let export: Value = serde_json::from_str(&export).expect("export JSON");
        let mut seen = std::collections::HashMap::<String, usize>::new();
        for message in export["messages"].as_array().expect("messages") {
            *seen.entry(message["body"].as_str().expect("body").to_owned()).or_default() += 1;
        }
        for body in &acknowledged {
            assert_eq!(seen.get(body), Some(&1), "round {round}: acknowledged {body} is there exactly once");
        }
        assert!(seen.values().all(|&n| n == 1), "round {round}: no message is stored twice");
        let conn = rusqlite::Connection::open(dir.join("lull.sqlite3")).expect("open");
        let check: String =
            conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check");
        assert_eq!(check, "ok", "round {round}");
        eprintln!(
            "round {round}: killed after {kill_after:?}; {} acknowledged, {} stored, all acknowledged present once",
            acknowledged.len(),
            seen.len()
        );
    }
}

/// SQLite work runs on the engine's own thread: while another process holds the database's write
/// lock (the engine waits up to 5 s for it), the API still answers what needs no write.
#[test]
fn a_held_write_lock_does_not_stop_the_api_from_answering() {
    let (_tmp, dir) = data_dir();
    let mut server = Server::start(&dir, &_tmp.path().join("serve.log"));
    let port = port_of(&dir);
    let token = ok(&dir, &["token"]).trim().to_owned();

    let conn = rusqlite::Connection::open(dir.join("lull.sqlite3")).expect("open");
    conn.execute_batch("BEGIN IMMEDIATE").expect("the test holds the write lock");
    let writer = std::thread::spawn(move || {
        http(port, &token, "POST", "/v1/messages", r#"{"body": "waits for the lock"}"#)
    });
    std::thread::sleep(Duration::from_millis(300)); // the message is with the engine, waiting
    let token = ok(&dir, &["token"]).trim().to_owned();
    let status = http_with_timeout(port, &token, "GET", "/v1/status", Duration::from_secs(2));
    conn.execute_batch("COMMIT").expect("the lock is released");
    let (code, _) = status.expect("GET /v1/status answers while the engine waits for the lock");
    assert_eq!(code, 200);
    let (code, body) = writer.join().expect("joined").expect("the message is answered");
    assert_eq!(code, 200, "stored once the lock is free: {body}");
    server.kill();
}

/// Like [`http`] for a GET, failing when no answer comes within `timeout`.
fn http_with_timeout(
    port: u16,
    token: &str,
    method: &str,
    path: &str,
    timeout: Duration,
) -> std::io::Result<(u16, String)> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(timeout))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n\
         Connection: close\r\n\r\n"
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let status =
        answer.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or(std::io::ErrorKind::InvalidData)?;
    Ok((status, answer))
}
