//! What every request passes before it reaches a handler: the Host allow-list (against DNS
//! rebinding), no `Origin` (no browser page may call the API), and the token.
//!
//! The token is read from its file and re-read when the file changes, so `lull token --rotate`
//! takes effect at once without a restart. It is compared in constant time and never logged.

use lull_core::ErrorCode;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;

use crate::error::ApiError;

#[derive(Debug)]
pub struct Guard {
    allowed_hosts: Vec<String>,
    token_file: PathBuf,
    token: Mutex<(String, Option<SystemTime>)>,
}

impl Guard {
    pub fn new(port: u16, token_file: PathBuf, token: String) -> Self {
        let modified = std::fs::metadata(&token_file).and_then(|m| m.modified()).ok();
        Self {
            allowed_hosts: vec![
                format!("localhost:{port}"),
                format!("127.0.0.1:{port}"),
                format!("[::1]:{port}"),
            ],
            token_file,
            token: Mutex::new((token, modified)),
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

    /// Checks a request; `Err` is the answer to send instead.
    pub fn check(&self, headers: &HeaderMap, query: Option<&str>) -> Result<(), ApiError> {
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
        if given_tokens(headers, query).iter().any(|given| lull_core::token::matches(&expected, given)) {
            return Ok(());
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

pub async fn middleware(State(guard): State<Arc<Guard>>, request: Request, next: Next) -> Response {
    match guard.check(request.headers(), request.uri().query()) {
        Ok(()) => next.run(request).await,
        Err(err) => err.into_response(),
    }
}
