//! The handlers: each reads its input, calls the engine, and shapes the answer.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use lull_core::{
    Engine, FocusBlock, InboxPage, Message, MessageId, NewMessage, Receipt, Settings, SnoozeUntil, Source,
    Status, TimeOfDay,
};
use serde::{Deserialize, Serialize};

use crate::body::{self, Body, PathParams, QueryParams};
use crate::error::{ApiError, ApiResult};
use crate::export;
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
}

pub async fn post_message(State(engine): State<Engine>, Body(bytes): Body) -> ApiResult<Json<Receipt>> {
    Ok(Json(engine.receive(parse_message(&bytes)?).await?))
}

/// Reads a `POST /v1/messages` body into a message for the core (which validates the fields).
pub fn parse_message(bytes: &[u8]) -> ApiResult<NewMessage> {
    let m: ApiMessage = body::json(bytes)?;
    let source = match m.source {
        None | Some(Source::Api) => Source::Api,
        Some(Source::Cli) => Source::Cli,
        Some(other) => {
            return Err(ApiError::bad_request(
                "invalid_request",
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
    };
    Ok(message)
}

/// `PUT`/`POST /<topic>`: ntfy publishing.
pub async fn ntfy_publish(
    State(engine): State<Engine>,
    PathParams(topic): PathParams<String>,
    QueryParams(query): QueryParams<Vec<(String, String)>>,
    headers: HeaderMap,
    Body(bytes): Body,
) -> ApiResult<Json<NtfyAnswer>> {
    let text = body::text(&bytes)?;
    let message = ntfy::from_publish(&topic, &headers, &query, text)?;
    ntfy_answer(&engine, message).await
}

/// `POST /`: ntfy's JSON publishing.
pub async fn ntfy_json(State(engine): State<Engine>, Body(bytes): Body) -> ApiResult<Json<NtfyAnswer>> {
    let message = body::json::<NtfyJson>(&bytes)?.into_message()?;
    ntfy_answer(&engine, message).await
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
                        .map_err(|_| ApiError::bad_request("invalid_priority", "priority is 0–10"))
                })
                .transpose()?;
            GotifyMessage { title: get("title"), message: get("message").unwrap_or_default(), priority }
        }
        None => body::json(&bytes)?,
    };
    let (title, text, priority) =
        (m.title.clone().unwrap_or_default(), m.message.clone(), m.priority.unwrap_or(5));
    let receipt = engine.receive(m.into_message()?).await?;
    Ok(Json(GotifyAnswer { id: receipt.id, appid: 1, message: text, title, priority, date: now_rfc3339() }))
}

async fn multipart_fields(content_type: &str, bytes: axum::body::Bytes) -> ApiResult<Vec<(String, String)>> {
    let bad = |err: multer::Error| {
        ApiError::bad_request("invalid_request", format!("invalid multipart form: {err}"))
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

pub async fn status(State(engine): State<Engine>) -> Json<Status> {
    Json(engine.status())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StartFocus {
    duration_secs: i64,
    #[serde(default)]
    intent: Option<String>,
}

pub async fn focus_start(State(engine): State<Engine>, Body(bytes): Body) -> ApiResult<Json<FocusBlock>> {
    let start: StartFocus = body::json(&bytes)?;
    Ok(Json(engine.start_focus(start.duration_secs, start.intent).await?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Extend {
    secs: i64,
}

pub async fn focus_extend(State(engine): State<Engine>, Body(bytes): Body) -> ApiResult<Json<FocusBlock>> {
    let extend: Extend = body::json(&bytes)?;
    Ok(Json(engine.extend_focus(extend.secs).await?))
}

pub async fn focus_stop(State(engine): State<Engine>) -> ApiResult<Json<FocusBlock>> {
    Ok(Json(engine.stop_focus().await?))
}

#[derive(Debug, Serialize)]
pub struct Until {
    until: DateTime<Utc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkingLate {
    until: TimeOfDay,
}

pub async fn working_late(State(engine): State<Engine>, Body(bytes): Body) -> ApiResult<Json<Until>> {
    let late: WorkingLate = body::json(&bytes)?;
    Ok(Json(Until { until: engine.working_late(late.until).await? }))
}

pub async fn done_for_today(State(engine): State<Engine>) -> ApiResult<Json<Until>> {
    Ok(Json(Until { until: engine.done_for_today().await? }))
}

pub async fn resume(State(engine): State<Engine>) -> ApiResult<Json<serde_json::Value>> {
    engine.clear_overrides().await?;
    Ok(Json(serde_json::json!({})))
}

#[derive(Debug, Deserialize)]
pub struct InboxQuery {
    after: Option<String>,
    limit: Option<usize>,
    #[serde(default)]
    snoozed: bool,
}

pub async fn inbox(
    State(engine): State<Engine>,
    QueryParams(q): QueryParams<InboxQuery>,
) -> ApiResult<Json<InboxPage>> {
    Ok(Json(engine.inbox(q.after, q.limit, q.snoozed).await?))
}

pub async fn message(
    State(engine): State<Engine>,
    PathParams(id): PathParams<String>,
) -> ApiResult<Json<Message>> {
    let id: MessageId = id.parse().map_err(|_| ApiError::not_found())?;
    Ok(Json(engine.message(id).await?))
}

/// The body of a triage call: the ids (bulk form only), and what the action takes.
#[derive(Debug, Default, Deserialize)]
struct Triage {
    #[serde(default)]
    ids: Vec<MessageId>,
    /// pin: the optional due date.
    #[serde(default)]
    due: Option<DateTime<Utc>>,
    /// snooze: until when.
    #[serde(flatten)]
    until: Option<SnoozeUntil>,
}

pub async fn triage_one(
    State(engine): State<Engine>,
    PathParams((id, action)): PathParams<(String, String)>,
    Body(bytes): Body,
) -> ApiResult<Response> {
    let id: MessageId = id.parse().map_err(|_| ApiError::not_found())?;
    let triage: Triage = body::json_or_default(&bytes)?;
    if !triage.ids.is_empty() {
        return Err(ApiError::bad_request(
            "invalid_request",
            "the id is in the path; use /v1/inbox/{action} for many",
        ));
    }
    triage_ids(engine, action, vec![id], triage).await
}

pub async fn triage_bulk(
    State(engine): State<Engine>,
    PathParams(action): PathParams<String>,
    Body(bytes): Body,
) -> ApiResult<Response> {
    let triage: Triage = body::json(&bytes)?;
    let ids = triage.ids.clone();
    triage_ids(engine, action, ids, triage).await
}

async fn triage_ids(
    engine: Engine,
    action: String,
    ids: Vec<MessageId>,
    triage: Triage,
) -> ApiResult<Response> {
    #[derive(Serialize)]
    struct Ids {
        ids: Vec<MessageId>,
    }
    let ids = match action.as_str() {
        "done" => engine.done(ids).await?,
        "undone" => engine.undone(ids).await?,
        // The HTTP answer stays the ids; the window's undo is what needs the earlier pins.
        "pin" => engine.pin(ids, triage.due).await?.into_iter().map(|p| p.id).collect(),
        "unpin" => engine.unpin(ids).await?.into_iter().map(|p| p.id).collect(),
        "snooze" => {
            let until = triage.until.ok_or_else(|| {
                ApiError::bad_request(
                    "invalid_request",
                    "snooze needs \"until\": time (with \"at\"), block_end, next_work_window or next_workday",
                )
            })?;
            return Ok(Json(Until { until: engine.snooze(ids, until).await? }).into_response());
        }
        _ => return Err(ApiError::not_found()),
    };
    Ok(Json(Ids { ids }).into_response())
}

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    q: String,
    before: Option<MessageId>,
    limit: Option<usize>,
}

pub async fn search(
    State(engine): State<Engine>,
    QueryParams(q): QueryParams<SearchQuery>,
) -> ApiResult<Json<Vec<Message>>> {
    Ok(Json(engine.search(q.q, q.before, q.limit).await?))
}

pub async fn get_settings(State(engine): State<Engine>) -> ApiResult<Json<Settings>> {
    Ok(Json(engine.settings().await?))
}

pub async fn put_settings(State(engine): State<Engine>, Body(bytes): Body) -> ApiResult<Json<Settings>> {
    let settings: Settings = body::json(&bytes)?;
    Ok(Json(engine.update_settings(settings).await?))
}

#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
    date: Option<NaiveDate>,
}

pub async fn export(
    State(engine): State<Engine>,
    QueryParams(q): QueryParams<ExportQuery>,
) -> ApiResult<Response> {
    let format = q.format.as_deref().unwrap_or("json");
    if q.date.is_none() && matches!(format, "json" | "csv") {
        return export::stream(engine, format == "csv").await;
    }
    let data = engine.export(q.date).await?;
    let status = engine.status();
    match format {
        "json" => Ok(Json(data).into_response()),
        "csv" => {
            Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], export::csv(&data)).into_response())
        }
        "markdown" | "md" => {
            Ok(([(header::CONTENT_TYPE, "text/markdown; charset=utf-8")], export::markdown(&data, &status))
                .into_response())
        }
        other => Err(ApiError::bad_request(
            "invalid_request",
            format!("format is json, csv or markdown (got {other:?})"),
        )),
    }
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this endpoint does not take that method; see docs/api.md",
    )
}

pub async fn fallback() -> ApiError {
    ApiError::not_found()
}
