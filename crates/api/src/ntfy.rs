//! ntfy- and Gotify-compatible publishing: tools that already publish to either send to Lull
//! unchanged. The parsing is pure (headers and query in, a `NewMessage` out) so it can be fuzzed.

use axum::http::HeaderMap;
use lull_core::ErrorCode;
use lull_core::{NewMessage, Source};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;

/// Reads a header by any of its names, or a query parameter by any of them.
fn param(headers: &HeaderMap, query: &[(String, String)], names: &[&str]) -> Option<String> {
    for name in names {
        if let Some(value) = headers.get(*name).and_then(|v| v.to_str().ok()) {
            return Some(value.to_owned());
        }
        if let Some((_, value)) = query.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
            return Some(value.clone());
        }
    }
    None
}

/// ntfy's priorities: 1–5 or their names.
pub fn ntfy_priority(value: &str) -> Result<u8, ApiError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "min" => Ok(1),
        "2" | "low" => Ok(2),
        "3" | "default" => Ok(3),
        "4" | "high" => Ok(4),
        "5" | "max" | "urgent" => Ok(5),
        other => Err(ApiError::bad_request(
            ErrorCode::InvalidPriority,
            format!("priority is 1–5 or min, low, default, high, max, urgent (got {other:?})"),
        )),
    }
}

fn tags(value: &str) -> Vec<String> {
    value.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// A `PUT`/`POST /<topic>` publish: the body is the message, details come in headers.
pub fn from_publish(
    topic: &str,
    headers: &HeaderMap,
    query: &[(String, String)],
    body: &str,
) -> Result<NewMessage, ApiError> {
    check_topic(topic)?;
    let priority = param(headers, query, &["x-priority", "priority", "prio", "p"])
        .map(|p| ntfy_priority(&p))
        .transpose()?;
    let body = match param(headers, query, &["x-message", "message", "m"]) {
        Some(message) if body.trim().is_empty() => message,
        _ => body.to_owned(),
    };
    Ok(NewMessage {
        source: Some(Source::Ntfy),
        source_detail: Some(topic.to_owned()),
        title: param(headers, query, &["x-title", "title", "ti", "t"]),
        body,
        priority,
        tags: param(headers, query, &["x-tags", "tags", "tag", "ta"]).map(|t| tags(&t)).unwrap_or_default(),
        link: param(headers, query, &["x-click", "click"]),
        ..NewMessage::default()
    })
}

fn check_topic(topic: &str) -> Result<(), ApiError> {
    let ok = !topic.is_empty()
        && topic.len() <= 64
        && topic.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(ApiError::bad_request(ErrorCode::InvalidRequest, "a topic is 1–64 letters, digits, '-' or '_'"))
    }
}

/// ntfy's JSON publishing to the root URL.
#[derive(Debug, Deserialize)]
pub struct NtfyJson {
    pub topic: String,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub priority: Option<u8>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub click: Option<String>,
}

impl NtfyJson {
    pub fn into_message(self) -> Result<NewMessage, ApiError> {
        check_topic(&self.topic)?;
        Ok(NewMessage {
            source: Some(Source::Ntfy),
            source_detail: Some(self.topic),
            title: self.title,
            body: self.message.unwrap_or_default(),
            priority: self.priority,
            tags: self.tags,
            link: self.click,
            ..NewMessage::default()
        })
    }
}

/// The answer ntfy gives to a publish.
#[derive(Debug, Serialize)]
pub struct NtfyAnswer {
    pub id: String,
    pub time: i64,
    pub event: &'static str,
    pub topic: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub priority: u8,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub click: Option<String>,
}

/// Gotify's message: `priority` 0–10.
#[derive(Debug, Deserialize)]
pub struct GotifyMessage {
    #[serde(default)]
    pub title: Option<String>,
    pub message: String,
    #[serde(default)]
    pub priority: Option<i64>,
}

impl GotifyMessage {
    pub fn into_message(self) -> Result<NewMessage, ApiError> {
        let priority = match self.priority {
            None => None,
            Some(p) => Some(lull_core::message::gotify_priority(p).ok_or_else(|| {
                ApiError::bad_request(
                    ErrorCode::InvalidPriority,
                    format!("Gotify priorities are 0–10 (got {p})"),
                )
            })?),
        };
        Ok(NewMessage {
            source: Some(Source::Gotify),
            title: self.title,
            body: self.message,
            priority,
            ..NewMessage::default()
        })
    }
}

/// The answer Gotify gives.
#[derive(Debug, Serialize)]
pub struct GotifyAnswer {
    pub id: i64,
    pub appid: i64,
    pub message: String,
    pub title: String,
    pub priority: i64,
    pub date: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn headers_and_their_aliases_fill_the_message() {
        let mut headers = HeaderMap::new();
        headers.insert("title", HeaderValue::from_static("Disk almost full"));
        headers.insert("prio", HeaderValue::from_static("urgent"));
        headers.insert("ta", HeaderValue::from_static("warning, disk,"));
        headers.insert("x-click", HeaderValue::from_static("https://example.com"));
        let m = from_publish("alerts", &headers, &[], "/ is at 97%").expect("parses");
        assert_eq!(m.title.as_deref(), Some("Disk almost full"));
        assert_eq!(m.priority, Some(5));
        assert_eq!(m.tags, ["warning", "disk"]);
        assert_eq!((m.source, m.source_detail.as_deref()), (Some(Source::Ntfy), Some("alerts")));
        assert_eq!(m.link.as_deref(), Some("https://example.com"));
    }

    #[test]
    fn query_parameters_work_like_headers_and_bad_priorities_are_refused() {
        let query = vec![("t".to_owned(), "Hi".to_owned()), ("p".to_owned(), "2".to_owned())];
        let m = from_publish("x", &HeaderMap::new(), &query, "body").expect("parses");
        assert_eq!((m.title.as_deref(), m.priority), (Some("Hi"), Some(2)));
        let bad = vec![("priority".to_owned(), "6".to_owned())];
        assert_eq!(
            from_publish("x", &HeaderMap::new(), &bad, "b").expect_err("refused").code,
            ErrorCode::InvalidPriority
        );
        assert_eq!(
            from_publish("no/slash", &HeaderMap::new(), &[], "b").expect_err("refused").code,
            ErrorCode::InvalidRequest
        );
    }

    #[test]
    fn gotify_priorities_map_onto_one_to_five() {
        let p = |n| {
            GotifyMessage { title: None, message: "m".into(), priority: Some(n) }
                .into_message()
                .map(|m| m.priority)
        };
        assert_eq!(
            [0, 2, 5, 8, 10].map(|n| p(n).expect("ok")),
            [Some(1), Some(2), Some(3), Some(4), Some(5)]
        );
        assert!(p(11).is_err());
    }
}
