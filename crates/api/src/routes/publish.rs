//! Publishing: Lull's own `POST /v1/messages`, and ntfy- and Gotify-compatible publishing, so
//! existing tools send to Lull unchanged.

use axum::Extension;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use chrono::Utc;
use lull_core::ErrorCode;
use lull_core::{Engine, NewMessage, Receipt, Source};
use serde::Deserialize;

use crate::body::{self, Body, PathParams, QueryParams};
use crate::error::{ApiError, ApiResult};
use crate::guard::Caller;
use crate::ntfy::{self, GotifyAnswer, GotifyMessage, NtfyAnswer, NtfyJson};

/// `POST /v1/messages`: Lull's own JSON. Unknown fields are refused so a typo loses nothing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiMessage {
    /// `api` (default) or `cli`; the other sources have their own endpoints.
    #[serde(default)]
    source: Option<Source>,
    #[serde(default)]
    source_detail: Option<String>,
    #[serde(default)]
    sender: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    link: Option<String>,
    #[serde(default)]
    priority: Option<u8>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    thread: Option<String>,
    #[serde(default)]
    dedupe_key: Option<String>,
    /// Update the message stored under `dedupe_key` in place.
    #[serde(default)]
    replace: bool,
    /// Buttons: `[{"label": "Open PR", "url": "https://…"}]`, at most 3, http(s) and mailto.
    #[serde(default)]
    actions: Vec<lull_core::MessageAction>,
}

pub async fn post_message(
    State(engine): State<Engine>,
    Extension(caller): Extension<Caller>,
    Body(bytes): Body,
) -> ApiResult<Json<Receipt>> {
    Ok(Json(engine.receive(caller.stamp(parse_message(&bytes)?)?).await?))
}

/// Reads a `POST /v1/messages` body into a message for the core (which validates the fields).
pub fn parse_message(bytes: &[u8]) -> ApiResult<NewMessage> {
    let m: ApiMessage = body::json(bytes)?;
    let source = match m.source {
        None | Some(Source::Api) => Source::Api,
        Some(Source::Cli) => Source::Cli,
        Some(other) => {
            return Err(ApiError::bad_request(
                ErrorCode::InvalidRequest,
                format!("source {:?} has its own endpoint; use api or cli here", other.as_str()),
            ));
        }
    };
    let message = NewMessage {
        source: Some(source),
        source_detail: m.source_detail,
        sender: m.sender,
        title: m.title,
        body: m.body.unwrap_or_default(),
        link: m.link,
        priority: m.priority,
        tags: m.tags,
        thread: m.thread,
        dedupe_key: m.dedupe_key,
        replace: m.replace,
        actions: m.actions,
        ..NewMessage::default()
    };
    Ok(message)
}

/// `PUT`/`POST /<topic>`: ntfy publishing.
pub async fn ntfy_publish(
    State(engine): State<Engine>,
    Extension(caller): Extension<Caller>,
    PathParams(topic): PathParams<String>,
    QueryParams(query): QueryParams<Vec<(String, String)>>,
    headers: HeaderMap,
    Body(bytes): Body,
) -> ApiResult<Json<NtfyAnswer>> {
    let text = body::text(&bytes)?;
    let message = ntfy::from_publish(&topic, &headers, &query, text)?;
    ntfy_answer(&engine, caller.stamp(message)?).await
}

/// `POST /`: ntfy's JSON publishing.
pub async fn ntfy_json(
    State(engine): State<Engine>,
    Extension(caller): Extension<Caller>,
    Body(bytes): Body,
) -> ApiResult<Json<NtfyAnswer>> {
    let message = body::json::<NtfyJson>(&bytes)?.into_message()?;
    ntfy_answer(&engine, caller.stamp(message)?).await
}

async fn ntfy_answer(engine: &Engine, message: NewMessage) -> ApiResult<Json<NtfyAnswer>> {
    let (topic, body, title, tags, click) = (
        message.source_detail.clone().unwrap_or_default(),
        message.body.clone(),
        message.title.clone(),
        message.tags.clone(),
        message.link.clone(),
    );
    let priority = message.priority();
    let receipt = engine.receive(message).await?;
    Ok(Json(NtfyAnswer {
        id: receipt.id.to_string(),
        time: now_secs(),
        event: "message",
        topic,
        message: body,
        title,
        priority,
        tags,
        click,
    }))
}

fn now_secs() -> i64 {
    #[allow(clippy::disallowed_methods, reason = "an answer's timestamp at the edge, not a decision")]
    Utc::now().timestamp()
}

/// `POST /message`: Gotify publishing: JSON, a urlencoded form, or a multipart form (what
/// Gotify's documentation shows with `curl -F`).
pub async fn gotify(
    State(engine): State<Engine>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    Body(bytes): Body,
) -> ApiResult<Json<GotifyAnswer>> {
    let content_type =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let fields = if content_type.starts_with("application/x-www-form-urlencoded") {
        Some(urlencoded_pairs(body::text(&bytes)?))
    } else if content_type.starts_with("multipart/form-data") {
        Some(multipart_fields(&content_type, bytes.clone()).await?)
    } else {
        None
    };
    let m: GotifyMessage = match fields {
        Some(pairs) => {
            let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
            let priority = get("priority")
                .map(|p| {
                    p.trim()
                        .parse()
                        .map_err(|_| ApiError::bad_request(ErrorCode::InvalidPriority, "priority is 0–10"))
                })
                .transpose()?;
            GotifyMessage { title: get("title"), message: get("message").unwrap_or_default(), priority }
        }
        None => body::json(&bytes)?,
    };
    let (title, text, priority) =
        (m.title.clone().unwrap_or_default(), m.message.clone(), m.priority.unwrap_or(5));
    let receipt = engine.receive(caller.stamp(m.into_message()?)?).await?;
    Ok(Json(GotifyAnswer { id: receipt.id, appid: 1, message: text, title, priority, date: now_rfc3339() }))
}

async fn multipart_fields(content_type: &str, bytes: axum::body::Bytes) -> ApiResult<Vec<(String, String)>> {
    let bad = |err: multer::Error| {
        ApiError::bad_request(ErrorCode::InvalidRequest, format!("invalid multipart form: {err}"))
    };
    let boundary = multer::parse_boundary(content_type).map_err(bad)?;
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(bytes) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut fields = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        fields.push((name, field.text().await.map_err(bad)?));
    }
    Ok(fields)
}

fn now_rfc3339() -> String {
    #[allow(clippy::disallowed_methods, reason = "an answer's timestamp at the edge, not a decision")]
    Utc::now().to_rfc3339()
}

fn urlencoded_pairs(text: &str) -> Vec<(String, String)> {
    serde_urlencoded::from_str(text).unwrap_or_default()
}
