//! A stand-in for a Gotify server (none can be installed here: Debian and PyPI package only
//! clients), serving the client side of Gotify's REST API as its documentation describes it:
//! `GET /stream` (a WebSocket pushing each new message as JSON), `GET /message?limit=&since=`
//! (newest first; `since` asks for ids below it) and `GET /application`, each behind the client
//! token in `X-Gotify-Key` (401 without it or with a wrong one).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use futures_util::SinkExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast;
use tokio::task::JoinSet;
use tokio_tungstenite::tungstenite::Message as Frame;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};

#[derive(Debug, Default)]
struct State {
    /// Every message as JSON, by id (ids start at 1 and grow).
    messages: Vec<(u64, String)>,
    requests: Vec<String>,
}

pub struct GotifyServer {
    pub address: SocketAddr,
    token: String,
    state: Arc<Mutex<State>>,
    live: broadcast::Sender<String>,
    tasks: JoinSet<()>,
}

impl GotifyServer {
    pub async fn start(token: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
        let address = listener.local_addr().expect("its address");
        let mut server = Self {
            address,
            token: token.to_owned(),
            state: Arc::default(),
            live: broadcast::channel(1024).0,
            tasks: JoinSet::new(),
        };
        server.serve(listener);
        server
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Publishes a message from application `appid` (1 is "Backups", 2 is "CI"); its id.
    pub fn publish(&self, appid: u64, title: &str, message: &str, priority: i64) -> u64 {
        let mut state = self.state.lock().expect("state");
        let id = state.messages.len() as u64 + 1;
        let json = serde_json::json!({
            "id": id, "appid": appid, "message": message, "title": title, "priority": priority,
            "date": "2026-11-25T10:00:00Z",
        })
        .to_string();
        state.messages.push((id, json.clone()));
        let _ = self.live.send(json);
        id
    }

    /// Sends `text` to every open stream as it is.
    pub fn send_raw(&self, text: &str) {
        let _ = self.live.send(text.to_owned());
    }

    pub fn requests(&self) -> Vec<String> {
        self.state.lock().expect("state").requests.clone()
    }

    pub fn stop(&mut self) {
        self.tasks.abort_all();
    }

    pub async fn restart(&mut self) {
        self.stop();
        let listener = TcpListener::bind(self.address).await.expect("the same port again");
        self.serve(listener);
    }

    fn serve(&mut self, listener: TcpListener) {
        let (state, live, token) = (self.state.clone(), self.live.clone(), self.token.clone());
        let (conns_tx, mut conns_rx) = tokio::sync::mpsc::unbounded_channel::<TcpStream>();
        self.tasks.spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                if conns_tx.send(stream).is_err() {
                    return;
                }
            }
        });
        self.tasks.spawn(async move {
            let mut streams = JoinSet::new();
            while let Some(stream) = conns_rx.recv().await {
                streams.spawn(serve_one(stream, state.clone(), live.subscribe(), token.clone()));
            }
        });
    }
}

async fn serve_one(
    mut stream: TcpStream,
    state: Arc<Mutex<State>>,
    live: broadcast::Receiver<String>,
    token: String,
) {
    // Peek at the request line to tell the WebSocket from the REST calls.
    let mut peeked = vec![0u8; 2048];
    let mut head = String::new();
    for _ in 0..50 {
        let Ok(n) = stream.peek(&mut peeked).await else { return };
        head = String::from_utf8_lossy(&peeked[..n]).into_owned();
        if head.contains("\r\n\r\n") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let target = head.lines().next().and_then(|l| l.split_whitespace().nth(1)).unwrap_or("/").to_owned();
    state.lock().expect("state").requests.push(target.clone());
    let key = head
        .lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("x-gotify-key")))
        .map(|(_, v)| v.trim().to_owned());
    if target.starts_with("/stream") {
        stream_messages(stream, live, token).await;
        return;
    }
    // Consume the request head the peek looked at.
    let mut buf = vec![0u8; head.find("\r\n\r\n").map_or(0, |at| at + 4)];
    if stream.read_exact(&mut buf).await.is_err() {
        return;
    }
    if key.as_deref() != Some(token.as_str()) {
        let body = r#"{"error":"Unauthorized","errorCode":401,"errorDescription":"you need to provide a valid access token"}"#;
        let reply = format!(
            "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let _ = stream.write_all(reply.as_bytes()).await;
        return;
    }
    let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix(name).and_then(|v| v.strip_prefix('=')))
            .and_then(|v| v.parse::<u64>().ok())
    };
    let body = match path {
        "/application" => r#"[{"id":1,"name":"Backups"},{"id":2,"name":"CI"}]"#.to_owned(),
        "/message" => {
            let limit = param("limit").unwrap_or(100) as usize;
            let since = param("since").unwrap_or(u64::MAX);
            let state = state.lock().expect("state");
            let page: Vec<&(u64, String)> =
                state.messages.iter().rev().filter(|(id, _)| *id < since).take(limit).collect();
            let oldest = page.last().map_or(0, |(id, _)| *id);
            let messages: Vec<&str> = page.iter().map(|(_, json)| json.as_str()).collect();
            format!(
                r#"{{"messages":[{}],"paging":{{"size":{},"since":{oldest},"limit":{limit}}}}}"#,
                messages.join(","),
                messages.len()
            )
        }
        _ => {
            let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n").await;
            return;
        }
    };
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(reply.as_bytes()).await;
}

async fn stream_messages(stream: TcpStream, mut live: broadcast::Receiver<String>, token: String) {
    #[allow(clippy::result_large_err, reason = "the handshake callback's type is tungstenite's")]
    let check = |request: &Request, response: Response| -> Result<Response, ErrorResponse> {
        let given = request.headers().get("x-gotify-key").and_then(|v| v.to_str().ok());
        if given == Some(token.as_str()) {
            Ok(response)
        } else {
            let mut refused = ErrorResponse::new(Some("unauthorized".into()));
            *refused.status_mut() = tokio_tungstenite::tungstenite::http::StatusCode::UNAUTHORIZED;
            Err(refused)
        }
    };
    let Ok(mut socket) = tokio_tungstenite::accept_hdr_async(stream, check).await else { return };
    while let Ok(text) = live.recv().await {
        if socket.send(Frame::text(text)).await.is_err() {
            return;
        }
    }
}
