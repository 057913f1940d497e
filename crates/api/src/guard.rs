//! What every request passes before it reaches a handler: the Host allow-list (against DNS
//! rebinding), no `Origin` (no browser page may call the API), and a token, which says who the
//! caller is ([`Caller`]): the control token (everything but hooks), or a publish token (only the
//! publishing endpoints: [`control_only`] guards the rest).
//!
//! The control token is read from its file and re-read when the file changes, so `lull token
//! --rotate` takes effect at once without a restart. It is compared in constant time and never
//! logged. Publish tokens are looked up by hash in the engine's grants, which a revocation
//! replaces before it is answered.

use lull_core::token::publish::PublishToken;
use lull_core::{Engine, ErrorCode, NewMessage, Source};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;

use crate::error::ApiError;

pub struct Guard {
    allowed_hosts: Vec<String>,
    token_file: PathBuf,
    token: Mutex<(String, Option<SystemTime>)>,
    engine: Engine,
}

/// Who sent a request, as its token says; handlers read it from the request's extensions.
#[derive(Debug, Clone)]
pub enum Caller {
    /// The control token: the CLI, the desktop app, the user's own scripts.
    Control,
    /// A publish token: it may only publish, within its topics and priority.
    Publish(PublishToken),
}

impl Caller {
    /// `message` as this caller may publish it: a publish token's name recorded, its priority
    /// capped, and refused outside the token's topics.
    pub fn stamp(&self, mut message: NewMessage) -> Result<NewMessage, ApiError> {
        let Self::Publish(token) = self else { return Ok(message) };
        let allowed = match (message.source, message.source_detail.as_deref()) {
            (Some(Source::Ntfy), Some(topic)) => token.allows_topic(topic),
            _ => token.allows_untopiced(),
        };
        if !allowed {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                ErrorCode::TokenScope,
                format!(
                    "the token {:?} may only publish to the ntfy topics {}",
                    token.name,
                    token.topics.join(", ")
                ),
            ));
        }
        message.priority = token.cap_priority(message.priority);
        message.via = Some(token.name.clone());
        Ok(message)
    }
}

impl Guard {
    pub fn new(port: u16, token_file: PathBuf, token: String, engine: Engine) -> Self {
        let modified = std::fs::metadata(&token_file).and_then(|m| m.modified()).ok();
        Self {
            allowed_hosts: vec![
                format!("localhost:{port}"),
                format!("127.0.0.1:{port}"),
                format!("[::1]:{port}"),
            ],
            token_file,
            token: Mutex::new((token, modified)),
            engine,
        }
    }

    fn current_token(&self) -> String {
        let mut cached = self.token.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let modified = std::fs::metadata(&self.token_file).and_then(|m| m.modified()).ok();
        if modified.is_some()
            && modified != cached.1
            && let Ok(token) = lull_core::token::read(&self.token_file)
        {
            *cached = (token, modified);
        }
        cached.0.clone()
    }

    /// Checks a request and says who sent it; `Err` is the answer to send instead.
    pub fn check(&self, headers: &HeaderMap, query: Option<&str>) -> Result<Caller, ApiError> {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
        if !self.allowed_hosts.iter().any(|allowed| allowed.eq_ignore_ascii_case(host)) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                ErrorCode::ForbiddenHost,
                "the Host header must be localhost, 127.0.0.1 or [::1] with this server's port",
            ));
        }
        if headers.contains_key(header::ORIGIN) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                ErrorCode::ForbiddenOrigin,
                "requests from web pages are refused; call the API from a program",
            ));
        }
        let expected = self.current_token();
        let given = given_tokens(headers, query);
        if given.iter().any(|given| lull_core::token::matches(&expected, given)) {
            return Ok(Caller::Control);
        }
        if let Some(token) = given.iter().find_map(|given| self.engine.publish_token(given)) {
            return Ok(Caller::Publish(token));
        }
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "a valid token is needed: Authorization: Bearer <token> (see `lull token`)",
        ))
    }
}

/// Every place a client may put the token: Bearer, the password of Basic auth (ntfy clients),
/// `X-Gotify-Key` (Gotify clients), and `?token=` / `?auth=` for clients that only take a URL.
fn given_tokens(headers: &HeaderMap, query: Option<&str>) -> Vec<String> {
    let mut tokens = Vec::new();
    if let Some(auth) = headers.get(header::AUTHORIZATION).and_then(|h| h.to_str().ok()) {
        let (scheme, value) = auth.trim().split_once(' ').unwrap_or((auth, ""));
        if scheme.eq_ignore_ascii_case("bearer") {
            tokens.push(value.trim().to_owned());
        } else if scheme.eq_ignore_ascii_case("basic")
            && let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(value.trim())
            && let Ok(decoded) = String::from_utf8(decoded)
        {
            let (user, password) = decoded.split_once(':').unwrap_or(("", &decoded));
            tokens.push(password.to_owned());
            tokens.push(user.to_owned()); // `curl -u token:` puts it first
        }
    }
    if let Some(key) = headers.get("x-gotify-key").and_then(|h| h.to_str().ok()) {
        tokens.push(key.trim().to_owned());
    }
    for pair in query.unwrap_or_default().split('&') {
        if let Some((name, value)) = pair.split_once('=')
            && (name == "token" || name == "auth")
        {
            tokens.push(value.to_owned());
        }
    }
    tokens.retain(|t| !t.is_empty());
    tokens
}

pub async fn middleware(State(guard): State<Arc<Guard>>, mut request: Request, next: Next) -> Response {
    match guard.check(request.headers(), request.uri().query()) {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(err) => err.into_response(),
    }
}

/// On every route but publishing: a publish token is refused.
pub async fn control_only(request: Request, next: Next) -> Response {
    match request.extensions().get::<Caller>() {
        Some(Caller::Control) => next.run(request).await,
        _ => ApiError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::PublishOnly,
            "a publish token may only send messages; this needs the control token (`lull token`)",
        )
        .into_response(),
    }
}
