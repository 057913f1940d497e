//! The remote sources' HTTP: a GET whose response is a stream (ntfy's `/json`), read line by line.
//!
//! One HTTP/1.1 connection per stream, over TCP or TLS (rustls, the system's root certificates as
//! Debian's `ca-certificates` installs them), so that dropping the stream closes the socket at
//! once: a source that reconnects, or is switched off, never leaves a connection behind. Every
//! wait has a limit (connecting, the response head, the gap between two lines), because a
//! connection that a router dropped silently would otherwise be waited on forever.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::header::{HeaderName, HeaderValue};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::{self, ClientConfig, RootCertStore, pki_types::ServerName};

/// The longest a line of a stream may be; ntfy's messages are at most 4,096 bytes of text, so
/// anything near this is not ntfy.
pub(crate) const MAX_LINE: usize = 256 * 1024;

/// How long connecting and the response's head may take.
pub(crate) const CONNECT_WAIT: Duration = Duration::from_secs(20);

/// Why a stream could not be opened or read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum HttpError {
    #[error("{0} is not an http:// or https:// URL")]
    Url(String),
    #[error("cannot connect to {host}: {source}")]
    Connect { host: String, source: std::io::Error },
    #[error("no answer from {host} within {} s", CONNECT_WAIT.as_secs())]
    ConnectTimedOut { host: String },
    #[error("the TLS handshake with {host} failed: {source}")]
    Tls { host: String, source: std::io::Error },
    #[error("HTTP: {0}")]
    Protocol(#[from] hyper::Error),
    #[error("the server answered {0}")]
    Status(StatusCode),
    #[error("nothing from the server for {} s", .0.as_secs())]
    Silent(Duration),
    #[error("the server sent a line longer than {MAX_LINE} bytes")]
    LineTooLong,
    #[error("the server sent more than {} MiB", .0 / (1024 * 1024))]
    TooLarge(usize),
}

/// An http(s) URL taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Url {
    pub(crate) tls: bool,
    pub(crate) host: String,
    pub(crate) port: u16,
    /// From the first `/`, query included.
    pub(crate) path: String,
}

impl Url {
    pub(crate) fn parse(url: &str) -> Result<Self, HttpError> {
        let bad = || HttpError::Url(url.to_owned());
        let (tls, rest) = if let Some(rest) = url.strip_prefix("https://") {
            (true, rest)
        } else if let Some(rest) = url.strip_prefix("http://") {
            (false, rest)
        } else {
            return Err(bad());
        };
        let (authority, path) = rest.find('/').map_or((rest, "/"), |at| rest.split_at(at));
        if authority.contains('@') {
            return Err(bad()); // credentials go in headers, never in the URL
        }
        let default_port = if tls { 443 } else { 80 };
        let (host, port) = match authority.rsplit_once(':') {
            // An IPv6 literal's colons are inside its brackets.
            Some((host, port)) if !port.contains(']') => (host, port.parse().map_err(|_| bad())?),
            _ => (authority, default_port),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() {
            return Err(bad());
        }
        Ok(Self { tls, host: host.to_owned(), port, path: path.to_owned() })
    }

    fn host_header(&self) -> String {
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        let default_port = if self.tls { 443 } else { 80 };
        if self.port == default_port { host } else { format!("{host}:{}", self.port) }
    }
}

/// The task that drives a response's connection; dropping it closes the socket.
pub(crate) struct Connection(tokio::task::JoinHandle<()>);

impl Drop for Connection {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A connection to a server: TCP, or TLS over it for https (and wss).
pub(crate) enum Transport {
    Plain(TcpStream),
    Tls(Box<tokio_rustls::client::TlsStream<TcpStream>>),
}

impl tokio::io::AsyncRead for Transport {
    fn poll_read(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        match self.get_mut() {
            Self::Plain(s) => std::pin::Pin::new(s).poll_read(cx, buf),
            Self::Tls(s) => std::pin::Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl tokio::io::AsyncWrite for Transport {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        match self.get_mut() {
            Self::Plain(s) => std::pin::Pin::new(s).poll_write(cx, buf),
            Self::Tls(s) => std::pin::Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        match self.get_mut() {
            Self::Plain(s) => std::pin::Pin::new(s).poll_flush(cx),
            Self::Tls(s) => std::pin::Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        match self.get_mut() {
            Self::Plain(s) => std::pin::Pin::new(s).poll_shutdown(cx),
            Self::Tls(s) => std::pin::Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// Connects to `url`'s host, with TLS when it is https, within [`CONNECT_WAIT`].
pub(crate) async fn connect(url: &Url) -> Result<Transport, HttpError> {
    let tcp = tcp(&url.host, url.port).await?;
    if !url.tls {
        return Ok(Transport::Plain(tcp));
    }
    Ok(Transport::Tls(Box::new(tls(&url.host, tcp).await?)))
}

/// A TCP connection to `host:port`, within [`CONNECT_WAIT`].
pub(crate) async fn tcp(host: &str, port: u16) -> Result<TcpStream, HttpError> {
    let tcp = tokio::time::timeout(CONNECT_WAIT, TcpStream::connect((host, port)))
        .await
        .map_err(|_| HttpError::ConnectTimedOut { host: host.to_owned() })?
        .map_err(|source| HttpError::Connect { host: host.to_owned(), source })?;
    let _ = tcp.set_nodelay(true);
    Ok(tcp)
}

/// TLS over `tcp`, `host`'s certificate checked against the system's roots, within
/// [`CONNECT_WAIT`].
pub(crate) async fn tls(
    host: &str,
    tcp: TcpStream,
) -> Result<tokio_rustls::client::TlsStream<TcpStream>, HttpError> {
    tls_trusting(host, tcp, None).await
}

/// [`tls`], trusting the certificates in `pem` too (a self-hosted server's own).
pub(crate) async fn tls_trusting(
    host: &str,
    tcp: TcpStream,
    pem: Option<&str>,
) -> Result<tokio_rustls::client::TlsStream<TcpStream>, HttpError> {
    let name = ServerName::try_from(host.to_owned()).map_err(|_| HttpError::Url(host.to_owned()))?;
    let config = match pem {
        None => tls_config(),
        Some(pem) => config_trusting(pem).map_err(|err| HttpError::Tls {
            host: host.to_owned(),
            source: std::io::Error::other(format!("the server's certificate in the settings: {err}")),
        })?,
    };
    tokio::time::timeout(CONNECT_WAIT, TlsConnector::from(config).connect(name, tcp))
        .await
        .map_err(|_| HttpError::ConnectTimedOut { host: host.to_owned() })?
        .map_err(|source| HttpError::Tls { host: host.to_owned(), source })
}

/// Sends a GET for `url` with `headers` and returns the response once its head has come, with
/// the connection it came on (keep it as long as the body is read).
pub(crate) async fn get(
    url: &Url,
    headers: &[(&str, String)],
) -> Result<(Response<Incoming>, Connection), HttpError> {
    let transport = connect(url).await?;
    let request = request(url, headers)?;
    tokio::time::timeout(CONNECT_WAIT, send(TokioIo::new(transport), request))
        .await
        .map_err(|_| HttpError::ConnectTimedOut { host: url.host.clone() })?
}

/// The whole body of a GET, at most `limit` bytes, within [`CONNECT_WAIT`]; a status other than
/// 2xx is [`HttpError::Status`].
pub(crate) async fn get_body(
    url: &Url,
    headers: &[(&str, String)],
    limit: usize,
) -> Result<Vec<u8>, HttpError> {
    let (response, _connection) = get(url, headers).await?;
    if !response.status().is_success() {
        return Err(HttpError::Status(response.status()));
    }
    let mut body = response.into_body();
    let mut bytes = Vec::new();
    let read = async {
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame?.into_data() {
                bytes.extend_from_slice(&data);
                if bytes.len() > limit {
                    return Err(HttpError::LineTooLong);
                }
            }
        }
        Ok(())
    };
    tokio::time::timeout(CONNECT_WAIT, read).await.map_err(|_| HttpError::Silent(CONNECT_WAIT))??;
    Ok(bytes)
}

/// What a one-off request got back: the status, the headers and the whole body.
#[derive(Debug)]
pub(crate) struct Fetched {
    pub(crate) status: StatusCode,
    pub(crate) headers: hyper::HeaderMap,
    pub(crate) body: Vec<u8>,
}

/// A request with `method` and `body` (a CalDAV `REPORT`, a conditional GET), answered whatever
/// its status; the body at most `limit` bytes, the whole exchange within [`CONNECT_WAIT`] twice.
pub(crate) async fn fetch(
    url: &Url,
    method: &str,
    headers: &[(&str, String)],
    body: Vec<u8>,
    limit: usize,
) -> Result<Fetched, HttpError> {
    let transport = connect(url).await?;
    let method =
        hyper::Method::from_bytes(method.as_bytes()).map_err(|_| HttpError::Url(method.to_owned()))?;
    let mut request = request(url, headers)?.map(|_| http_body_util::Full::new(bytes::Bytes::from(body)));
    *request.method_mut() = method;
    let (response, _connection) = tokio::time::timeout(CONNECT_WAIT, send(TokioIo::new(transport), request))
        .await
        .map_err(|_| HttpError::ConnectTimedOut { host: url.host.clone() })??;
    let status = response.status();
    let headers = response.headers().clone();
    let mut incoming = response.into_body();
    let mut body = Vec::new();
    let read = async {
        while let Some(frame) = incoming.frame().await {
            if let Ok(data) = frame?.into_data() {
                body.extend_from_slice(&data);
                if body.len() > limit {
                    return Err(HttpError::TooLarge(limit));
                }
            }
        }
        Ok(())
    };
    tokio::time::timeout(CONNECT_WAIT, read).await.map_err(|_| HttpError::Silent(CONNECT_WAIT))??;
    Ok(Fetched { status, headers, body })
}

fn request(
    url: &Url,
    headers: &[(&str, String)],
) -> Result<Request<http_body_util::Empty<&'static [u8]>>, HttpError> {
    let mut request = Request::get(url.path.as_str())
        .header(hyper::header::HOST, url.host_header())
        .header(hyper::header::USER_AGENT, concat!("Lull/", env!("CARGO_PKG_VERSION")))
        .body(http_body_util::Empty::new())
        .map_err(|_| HttpError::Url(url.path.clone()))?;
    for (name, value) in headers {
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| HttpError::Url((*name).to_owned()))?;
        // A value with a line break would end the header: refused rather than sent.
        let value = HeaderValue::from_str(value).map_err(|_| HttpError::Url("a header value".to_owned()))?;
        request.headers_mut().insert(name, value);
    }
    Ok(request)
}

async fn send<IO, B>(io: IO, request: Request<B>) -> Result<(Response<Incoming>, Connection), HttpError>
where
    IO: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let (mut sender, connection) = hyper::client::conn::http1::handshake(io).await?;
    let connection = Connection(tokio::spawn(async move {
        let _ = connection.await;
    }));
    Ok((sender.send_request(request).await?, connection))
}

/// The system's root certificates, loaded once.
fn system_roots() -> &'static RootCertStore {
    static ROOTS: OnceLock<RootCertStore> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let mut roots = RootCertStore::empty();
        let found = rustls_native_certs::load_native_certs();
        for err in &found.errors {
            tracing::warn!("reading the system's root certificates: {err}");
        }
        let (added, ignored) = roots.add_parsable_certificates(found.certs);
        tracing::debug!("{added} root certificates ({ignored} unreadable)");
        roots
    })
}

/// A client configuration trusting `roots`.
fn config_with(roots: RootCertStore) -> Arc<ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        // ring supports every default version: this cannot fail.
        .unwrap_or_else(|_| ClientConfig::builder())
        .with_root_certificates(roots)
        .with_no_client_auth();
    Arc::new(config)
}

/// The configuration trusting the system's roots, made once.
fn tls_config() -> Arc<ClientConfig> {
    static CONFIG: OnceLock<Arc<ClientConfig>> = OnceLock::new();
    CONFIG.get_or_init(|| config_with(system_roots().clone())).clone()
}

/// The system's roots and the certificates in `pem`.
fn config_trusting(pem: &str) -> Result<Arc<ClientConfig>, String> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject as _;
    let mut roots = system_roots().clone();
    let mut added = 0;
    for cert in CertificateDer::pem_slice_iter(pem.as_bytes()) {
        let cert = cert.map_err(|err| format!("not PEM: {err}"))?;
        roots.add(cert).map_err(|err| format!("not a certificate Lull can trust: {err}"))?;
        added += 1;
    }
    if added == 0 {
        return Err("no certificate in it".into());
    }
    Ok(config_with(roots))
}

/// A response body read as lines (without their `\n`), each within `idle` of the one before.
pub(crate) struct Lines {
    body: Incoming,
    _connection: Connection,
    buffer: Vec<u8>,
    idle: Duration,
}

impl Lines {
    pub(crate) fn new((response, connection): (Response<Incoming>, Connection), idle: Duration) -> Self {
        Self { body: response.into_body(), _connection: connection, buffer: Vec::new(), idle }
    }

    /// The next line; `None` when the server ended the stream.
    pub(crate) async fn next(&mut self) -> Result<Option<Vec<u8>>, HttpError> {
        loop {
            if let Some(end) = self.buffer.iter().position(|&b| b == b'\n') {
                if end > MAX_LINE {
                    return Err(HttpError::LineTooLong);
                }
                let mut line: Vec<u8> = self.buffer.drain(..=end).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(Some(line));
            }
            if self.buffer.len() > MAX_LINE {
                return Err(HttpError::LineTooLong);
            }
            let frame = tokio::time::timeout(self.idle, self.body.frame())
                .await
                .map_err(|_| HttpError::Silent(self.idle))?;
            match frame {
                None => {
                    // A last line without its `\n` still counts.
                    return Ok((!self.buffer.is_empty()).then(|| std::mem::take(&mut self.buffer)));
                }
                Some(frame) => {
                    if let Ok(data) = frame?.into_data() {
                        self.buffer.extend_from_slice(&data);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_taken_apart_with_their_default_ports() {
        let url = Url::parse("https://ntfy.sh/alerts,ci/json?since=abc").expect("parses");
        assert_eq!(
            (url.tls, url.host.as_str(), url.port, url.path.as_str()),
            (true, "ntfy.sh", 443, "/alerts,ci/json?since=abc")
        );
        let url = Url::parse("http://127.0.0.1:8080").expect("parses");
        assert_eq!(
            (url.tls, url.host.as_str(), url.port, url.path.as_str()),
            (false, "127.0.0.1", 8080, "/")
        );
        assert_eq!(url.host_header(), "127.0.0.1:8080");
        let url = Url::parse("http://[::1]:2586/t/json").expect("parses");
        assert_eq!((url.host.as_str(), url.port), ("::1", 2586));
        assert_eq!(url.host_header(), "[::1]:2586");
        for bad in ["ftp://x", "https://", "http://user:pw@host/", "http://host:99999/", "ntfy.sh"] {
            assert!(Url::parse(bad).is_err(), "{bad} is refused");
        }
    }
}
