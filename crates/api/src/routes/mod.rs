//! The handlers: each reads its input, calls the engine, and shapes the answer.

mod publish;

pub use publish::{gotify, ntfy_json, ntfy_publish, parse_message, post_message};

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use lull_core::ErrorCode;
use lull_core::{
    Engine, FocusBlock, InboxPage, Message, MessageId, Settings, SnoozeUntil, Source, Status, TimeOfDay,
};
use serde::{Deserialize, Serialize};

use crate::body::{self, Body, PathParams, QueryParams};
use crate::error::{ApiError, ApiResult};
use crate::export;

/// `POST /v1/messages`: Lull's own JSON. Unknown fields are refused so a typo loses nothing.
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

/// `GET /v1/inbox/groups`: the not-done inbox grouped by source, sender and thread, as the review
/// window shows it.
pub async fn inbox_groups(State(engine): State<Engine>) -> ApiResult<Json<lull_core::InboxOverview>> {
    Ok(Json(engine.inbox_overview().await?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupQuery {
    source: Source,
    who: String,
    #[serde(default)]
    thread: String,
    after: Option<String>,
    limit: Option<usize>,
}

/// `GET /v1/inbox/group?source=…&who=…&thread=…`: one group's messages, a page at a time.
pub async fn inbox_group(
    State(engine): State<Engine>,
    QueryParams(q): QueryParams<GroupQuery>,
) -> ApiResult<Json<InboxPage>> {
    let key = lull_core::GroupKey { source: q.source, who: q.who, thread: q.thread };
    Ok(Json(engine.inbox_group(key, q.after, q.limit).await?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatsQuery {
    weeks: Option<u32>,
}

/// `GET /v1/stats?weeks=N`: focus per day and arrivals per week (8 weeks unless told).
pub async fn stats(
    State(engine): State<Engine>,
    QueryParams(q): QueryParams<StatsQuery>,
) -> ApiResult<Json<lull_core::Stats>> {
    Ok(Json(engine.stats(q.weeks.unwrap_or(8)).await?))
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
            ErrorCode::InvalidRequest,
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
        "unsnooze" => engine.unsnooze(ids).await?,
        "snooze" => {
            let until = triage.until.ok_or_else(|| {
                ApiError::bad_request(
                    ErrorCode::InvalidRequest,
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
            ErrorCode::InvalidRequest,
            format!("format is json, csv or markdown (got {other:?})"),
        )),
    }
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::MethodNotAllowed,
        "this endpoint does not take that method; see docs/api.md",
    )
}

pub async fn fallback() -> ApiError {
    ApiError::not_found()
}
