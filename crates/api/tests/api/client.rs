use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use chrono_tz::Tz;
use lull_api::testing::dechunk;
use lull_core::{Engine, Lull, ManualClock};

pub struct Server {
    pub port: u16,
    pub token: String,
    /// The engine behind the API, for what a test does the way the window or the local CLI
    /// would (hooks are not set over HTTP).
    pub engine: Engine,
    _dir: tempfile::TempDir,
    _stop: tokio::sync::oneshot::Sender<()>,
}

pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|err| panic!("JSON answer ({err}): {}", self.body))
    }

    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }
}

impl Server {
    pub fn start() -> Self {
        Self::start_limited(None)
    }

    /// A server whose database may not grow past `max_bytes` (a full disk, as SQLite sees it).
    pub fn start_limited(max_bytes: Option<u64>) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = ManualClock::new(
            Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().expect("valid"),
            Tz::Europe__Berlin,
        );
        let (port_tx, port_rx) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let data_dir: PathBuf = dir.path().to_owned();
        let engine_clock = clock.clone();
        std::thread::spawn(move || {
            let runtime =
                tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            runtime.block_on(async move {
                let (mut lull, pending) =
                    Lull::open(&data_dir.join("lull.sqlite3"), Arc::new(engine_clock)).expect("opens");
                if let Some(max_bytes) = max_bytes {
                    lull.limit_database_size(max_bytes).expect("limit");
                }
                let (engine, task): (Engine, _) = Engine::new(lull, pending).expect("engine");
                lull_hooks::start(&engine);
                tokio::spawn(task);
                let running = lull_api::start(engine.clone(), None, &data_dir, 0).await.expect("serves");
                port_tx.send((running.address.port, engine)).expect("send port");
                let _ = stopped.await;
            });
        });
        let (port, engine) = port_rx.recv_timeout(Duration::from_secs(10)).expect("the server starts");
        let token = lull_core::token::read(&dir.path().join("token")).expect("a token was created");
        Self { port, token, engine, _dir: dir, _stop: stop }
    }

    /// Replaces the settings the way the window does (hooks included).
    pub fn set_settings_locally(&self, settings: serde_json::Value) {
        let settings = serde_json::from_value(settings).expect("a settings document");
        block_on(self.engine.update_settings(settings)).expect("the settings are taken");
    }

    /// Sends one request with exactly these headers (plus Host and the token unless given).
    pub fn raw(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
        let mut head =
            format!("{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            head.push_str(&format!("Host: 127.0.0.1:{}\r\n", self.port));
        }
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).expect("write head");
        stream.write_all(body).expect("write body");
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
            dechunk(body)
        } else {
            body.to_owned()
        };
        Answer { status, head: head.to_owned(), body }
    }

    pub fn call(&self, method: &str, path: &str, body: &str) -> Answer {
        let auth = format!("Bearer {}", self.token);
        self.raw(
            method,
            path,
            &[("Authorization", &auth), ("Content-Type", "application/json")],
            body.as_bytes(),
        )
    }
}

/// Waits for `future` on this thread: the engine's commands need no runtime of the caller's.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().build().expect("a runtime").block_on(future)
}
