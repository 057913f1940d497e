//! Talking to the running instance: finding it through `api.json`, calling its API with the
//! token, and turning every failure into a [`CliError`] with its exit status.
//!
//! "Not running" (exit 3) means no `api.json`, or nothing listening at its address (an instance
//! killed with `kill -9` leaves the file behind); scripts switch on it to start `lull serve`.
//! Every other failure is exit 1 with the server's own sentence.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use ureq::Agent;
use ureq::http::Response;

/// Why a command failed, and so how `lull` exits.
#[derive(Debug)]
pub enum CliError {
    /// No instance runs for this data directory.
    NotRunning(PathBuf),
    /// The API refused: its stable code and its sentence.
    Api(ApiError),
    /// Anything else: the sentence to print.
    Io(String),
}

/// An error answer from the API, in the one [`lull_core::ErrorCode`] vocabulary; a code a newer
/// server adds reads as `Unknown`, and its sentence is still shown.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct ApiError {
    pub code: lull_core::ErrorCode,
    pub message: String,
    /// The input field at fault (`"work_hours.week.monday"`), when the API names one.
    #[serde(default)]
    pub field: Option<String>,
}

/// A refusal as one line: the sentence, then the field it is about, if any. The same for an
/// answer from the API and for the core's own error (`lull settings import` with Lull stopped).
pub fn refusal_line(message: &str, field: Option<&str>) -> String {
    match field {
        Some(field) => format!("{message} (in {field})"),
        None => message.to_owned(),
    }
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::NotRunning(_) => 3,
            Self::Api(_) | Self::Io(_) => 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotRunning(dir) => write!(
                f,
                "Lull is not running for {}. Start it with `lull serve` (headless) or the Lull desktop app.",
                dir.display()
            ),
            Self::Api(err) => f.write_str(&refusal_line(&err.message, err.field.as_deref())),
            Self::Io(message) => f.write_str(message),
        }
    }
}

pub type Result<T, E = CliError> = std::result::Result<T, E>;

/// What a running instance publishes in `api.json`.
#[derive(Debug, serde::Deserialize)]
struct ApiFile {
    url: String,
}

/// A connection to the instance running for one data directory.
#[derive(Debug)]
pub struct Client {
    agent: Agent,
    base: String,
    authorization: String,
    data_dir: PathBuf,
}

impl Client {
    /// Where the API answers: `http://127.0.0.1:8737`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Finds the instance for `data_dir` and reads the token. Does not connect yet: the first
    /// call tells whether anything is listening.
    pub fn find(data_dir: &Path) -> Result<Self> {
        let api_file = lull_core::paths::api_file(data_dir);
        let text = match std::fs::read_to_string(&api_file) {
            Ok(text) => text,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Err(CliError::NotRunning(data_dir.to_owned()));
            }
            Err(err) => return Err(CliError::Io(format!("cannot read {}: {err}", api_file.display()))),
        };
        let api: ApiFile = serde_json::from_str(&text)
            .map_err(|err| CliError::Io(format!("{} is not what Lull writes: {err}", api_file.display())))?;
        let token_file = lull_core::paths::token(data_dir);
        let token = lull_core::token::read(&token_file).map_err(|err| {
            CliError::Io(format!("cannot read the token in {}: {err}", token_file.display()))
        })?;
        let agent = Agent::config_builder()
            // Error answers carry a JSON body with the reason: read it rather than fail early.
            .http_status_as_error(false)
            // The API is on loopback: an HTTP(S)_PROXY from the environment must not see the token.
            .proxy(None)
            .max_redirects(0)
            .user_agent(concat!("lull/", env!("CARGO_PKG_VERSION")))
            .timeout_connect(Some(Duration::from_secs(5)))
            .timeout_recv_response(Some(Duration::from_secs(60)))
            .build()
            .into();
        Ok(Self {
            agent,
            base: api.url.trim_end_matches('/').to_owned(),
            authorization: format!("Bearer {token}"),
            data_dir: data_dir.to_owned(),
        })
    }

    /// GETs `path` with `query` (a request type of `lull_core::request`) as its query string.
    pub fn get<T: DeserializeOwned>(&self, path: &str, query: &impl Serialize) -> Result<T> {
        let query = query_pairs(query)?;
        let request = self
            .agent
            .get(self.url(path))
            .header("Authorization", &self.authorization)
            .query_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let response = request.call().map_err(|err| self.transport(err))?;
        self.json(response)
    }

    /// POSTs `body` as JSON. Endpoints that take no body get `{}`, which they accept either way.
    pub fn post<T: DeserializeOwned>(&self, path: &str, body: &impl Serialize) -> Result<T> {
        let response = self
            .agent
            .post(self.url(path))
            .header("Authorization", &self.authorization)
            .send_json(body)
            .map_err(|err| self.transport(err))?;
        self.json(response)
    }

    /// GETs `path` and copies the body to `out` as it arrives (exports can be large).
    pub fn download(&self, path: &str, query: &impl Serialize, out: &mut dyn Write) -> Result<()> {
        let query = query_pairs(query)?;
        let request = self
            .agent
            .get(self.url(path))
            .header("Authorization", &self.authorization)
            .query_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let mut response = request.call().map_err(|err| self.transport(err))?;
        if !response.status().is_success() {
            return Err(self.refusal(response));
        }
        io::copy(&mut response.body_mut().as_reader(), out)
            .map_err(|err| CliError::Io(format!("the export was cut short: {err}")))?;
        Ok(())
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn json<T: DeserializeOwned>(&self, mut response: Response<ureq::Body>) -> Result<T> {
        if !response.status().is_success() {
            return Err(self.refusal(response));
        }
        response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_json()
            .map_err(|err| CliError::Io(format!("unexpected answer from Lull at {}: {err}", self.base)))
    }

    /// An error answer: the API's `{"code","message"}`, or the bare status when something else
    /// answered at that address.
    fn refusal(&self, mut response: Response<ureq::Body>) -> CliError {
        let status = response.status();
        match response.body_mut().read_json::<ApiError>() {
            Ok(err) => CliError::Api(err),
            Err(_) => CliError::Io(format!("{} answered {status}; is it Lull?", self.base)),
        }
    }

    fn transport(&self, err: ureq::Error) -> CliError {
        match err {
            ureq::Error::Io(io) if io.kind() == io::ErrorKind::ConnectionRefused => {
                CliError::NotRunning(self.data_dir.clone())
            }
            ureq::Error::ConnectionFailed => CliError::NotRunning(self.data_dir.clone()),
            other => CliError::Io(format!("cannot reach Lull at {}: {other}", self.base)),
        }
    }
}

/// A request's fields as query parameters: what it leaves out (or sets to null) is not sent.
fn query_pairs(request: &impl Serialize) -> Result<Vec<(String, String)>> {
    let unexpected = || CliError::Io("a query is an object of plain values (a bug in lull)".into());
    let serde_json::Value::Object(fields) = serde_json::to_value(request).map_err(|_| unexpected())? else {
        return Err(unexpected());
    };
    let mut pairs = Vec::new();
    for (name, value) in fields {
        match value {
            serde_json::Value::Null => {}
            serde_json::Value::String(text) => pairs.push((name, text)),
            serde_json::Value::Bool(_) | serde_json::Value::Number(_) => {
                pairs.push((name, value.to_string()))
            }
            _ => return Err(unexpected()),
        }
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_running_exits_3_and_names_the_data_directory() {
        let err = CliError::NotRunning(PathBuf::from("/tmp/x"));
        assert_eq!(err.exit_code(), 3);
        assert_eq!(
            err.to_string(),
            "Lull is not running for /tmp/x. Start it with `lull serve` (headless) or the Lull desktop app."
        );
    }

    #[test]
    fn api_errors_print_the_servers_sentence_and_exit_1() {
        let body: ApiError = serde_json::from_str(r#"{"code": "unauthorized", "message": "wrong token"}"#)
            .expect("an HTTP-layer code parses");
        let err = CliError::Api(body);
        assert_eq!(err.exit_code(), 1);
        assert_eq!(err.to_string(), "wrong token");
    }

    #[test]
    fn a_missing_api_file_means_not_running() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = Client::find(dir.path()).expect_err("nothing runs");
        assert!(matches!(err, CliError::NotRunning(_)), "{err:?}");
    }

    #[test]
    fn an_api_file_with_nothing_listening_means_not_running() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A port that was free a moment ago: bind, note it, close.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let api = format!(r#"{{"url": "http://127.0.0.1:{port}", "port": {port}, "pid": 1}}"#);
        std::fs::write(lull_core::paths::api_file(dir.path()), api).expect("write api.json");
        lull_core::token::load_or_create(&lull_core::paths::token(dir.path())).expect("token");
        let client = Client::find(dir.path()).expect("found");
        let err = client
            .get::<serde_json::Value>("/v1/status", &serde_json::json!({}))
            .expect_err("nothing listens");
        assert!(matches!(err, CliError::NotRunning(_)), "{err:?}");
    }
}
