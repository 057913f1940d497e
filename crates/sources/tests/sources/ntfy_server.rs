//! A stand-in for an ntfy server, since none can be installed here (no Debian or PyPI package
//! serves one): the subscribe side of ntfy's HTTP API as its documentation describes it and
//! ntfy 2.x answers. `GET /<topic>[,<topic>…]/json[?since=<id>|all]` streams newline-delimited
//! JSON: an `open` event, the cached messages after `since` (an id, or a Unix time; all of them
//! for `all` or an unknown id, none without `since`), then each message as it is published. A credential, when one is
//! set, is checked as ntfy does (401 without one, 403 with a wrong one). It also does what a
//! real server does to a client on a bad day: stops, comes back on the same port, and sends
//! lines that are not JSON.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast;
use tokio::task::JoinSet;

/// A message as the server cached it.
#[derive(Debug, Clone)]
struct Cached {
    id: String,
    time: i64,
    topic: String,
    line: String,
}

#[derive(Debug, Default)]
struct State {
    cache: Vec<Cached>,
    /// The request lines the server was sent, oldest first.
    requests: Vec<String>,
    /// The `Authorization` header every request must carry, if any.
    credential: Option<String>,
    next_id: u64,
}

/// The stand-in's clock starts here (25 Nov 2025) and moves a second per message.
const EPOCH: i64 = 1_764_000_000;

/// One line the server sends to the live streams: a message for a topic, or raw bytes.
#[derive(Debug, Clone)]
enum Live {
    Message { topic: String, line: String },
    Raw(Vec<u8>),
}

pub struct NtfyServer {
    pub address: SocketAddr,
    state: Arc<Mutex<State>>,
    live: broadcast::Sender<Live>,
    tasks: Option<JoinSet<()>>,
}

impl NtfyServer {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
        let address = listener.local_addr().expect("its address");
        let mut server =
            Self { address, state: Arc::default(), live: broadcast::channel(1024).0, tasks: None };
        server.serve(listener);
        server
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Requires `Authorization: <credential>` from now on.
    pub fn require(&self, credential: &str) {
        self.state.lock().expect("state").credential = Some(credential.to_owned());
    }

    /// Publishes a message to `topic` with extra JSON fields (`"title":"x","priority":5`); its id.
    pub fn publish(&self, topic: &str, fields: &str) -> String {
        let mut state = self.state.lock().expect("state");
        state.next_id += 1;
        let id = format!("m{:011}", state.next_id);
        let comma = if fields.is_empty() { "" } else { "," };
        // The server's clock: a second per message, so times order them.
        let time = EPOCH + i64::try_from(state.next_id).expect("small");
        let line = format!(
            r#"{{"id":"{id}","time":{time},"expires":{},"event":"message","topic":"{topic}"{comma}{fields}}}"#,
            time + 43_200
        );
        state.cache.push(Cached { id: id.clone(), time, topic: topic.to_owned(), line: line.clone() });
        let _ = self.live.send(Live::Message { topic: topic.to_owned(), line });
        id
    }

    /// Sends `bytes` (and a newline) to every open stream as they are.
    pub fn send_raw(&self, bytes: &[u8]) {
        let _ = self.live.send(Live::Raw(bytes.to_vec()));
    }

    pub fn requests(&self) -> Vec<String> {
        self.state.lock().expect("state").requests.clone()
    }

    /// Stops listening and drops every stream, as a server that went down.
    pub fn stop(&mut self) {
        if let Some(mut tasks) = self.tasks.take() {
            tasks.abort_all();
        }
    }

    /// Listens again on the same port, keeping its cache, as a server that came back.
    pub async fn restart(&mut self) {
        self.stop();
        let listener = TcpListener::bind(self.address).await.expect("the same port again");
        self.serve(listener);
    }

    fn serve(&mut self, listener: TcpListener) {
        let mut tasks = JoinSet::new();
        let state = self.state.clone();
        let live = self.live.clone();
        let (conns_tx, mut conns_rx) = tokio::sync::mpsc::unbounded_channel::<TcpStream>();
        tasks.spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                if conns_tx.send(stream).is_err() {
                    return;
                }
            }
        });
        // Connections run in the same set, so `stop` drops them all.
        tasks.spawn(async move {
            let mut streams = JoinSet::new();
            while let Some(stream) = conns_rx.recv().await {
                streams.spawn(serve_one(stream, state.clone(), live.subscribe()));
            }
        });
        self.tasks = Some(tasks);
    }
}

impl Drop for NtfyServer {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn serve_one(mut stream: TcpStream, state: Arc<Mutex<State>>, mut live: broadcast::Receiver<Live>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut byte).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&byte[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let request_line = head.lines().next().unwrap_or_default().to_owned();
    let authorization = head
        .lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("authorization")))
        .map(|(_, v)| v.trim().to_owned());
    let refusal = {
        let mut state = state.lock().expect("state");
        state.requests.push(request_line.clone());
        match (&state.credential, &authorization) {
            (Some(_), None) => Some("401 Unauthorized"),
            (Some(wanted), Some(given)) if given != wanted => Some("403 Forbidden"),
            _ => None,
        }
    };
    if let Some(status) = refusal {
        let body = r#"{"code":40101,"http":401,"error":"unauthorized"}"#;
        let reply = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let _ = stream.write_all(reply.as_bytes()).await;
        return;
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
    let Some(topics) = path.strip_prefix('/').and_then(|p| p.strip_suffix("/json")) else {
        let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n").await;
        return;
    };
    let topics: Vec<String> = topics.split(',').map(str::to_owned).collect();
    let since = query.split('&').find_map(|kv| kv.strip_prefix("since=")).map(str::to_owned);
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n";
    if stream.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    let open =
        format!(r#"{{"id":"open0000000","time":1764000000,"event":"open","topic":"{}"}}"#, topics.join(","));
    if chunk(&mut stream, open.as_bytes()).await.is_err() {
        return;
    }
    let replay: Vec<String> = {
        let state = state.lock().expect("state");
        let ours: Vec<&Cached> = state.cache.iter().filter(|m| topics.contains(&m.topic)).collect();
        match since.as_deref() {
            None => Vec::new(),
            Some("all") => ours.iter().map(|m| m.line.clone()).collect(),
            // A Unix time: what was sent from then on.
            Some(time) if time.bytes().all(|b| b.is_ascii_digit()) => {
                let time: i64 = time.parse().unwrap_or(0);
                ours.iter().filter(|m| m.time >= time).map(|m| m.line.clone()).collect()
            }
            Some(id) => match ours.iter().position(|m| m.id == id) {
                Some(at) => ours[at + 1..].iter().map(|m| m.line.clone()).collect(),
                None => ours.iter().map(|m| m.line.clone()).collect(),
            },
        }
    };
    for line in replay {
        if chunk(&mut stream, line.as_bytes()).await.is_err() {
            return;
        }
    }
    loop {
        let line = match live.recv().await {
            Ok(Live::Message { topic, line }) if topics.contains(&topic) => line.into_bytes(),
            Ok(Live::Message { .. }) => continue,
            Ok(Live::Raw(bytes)) => bytes,
            Err(_) => return,
        };
        if chunk(&mut stream, &line).await.is_err() {
            return;
        }
    }
}

/// One line as one HTTP chunk.
async fn chunk(stream: &mut TcpStream, line: &[u8]) -> std::io::Result<()> {
    let mut data = format!("{:x}\r\n", line.len() + 1).into_bytes();
    data.extend_from_slice(line);
    data.extend_from_slice(b"\n\r\n");
    stream.write_all(&data).await
}
