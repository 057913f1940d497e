//! The handlers: each reads its input, calls the engine, and shapes the answer.

mod publish;
mod review;

pub use publish::{gotify, ntfy_json, ntfy_publish, parse_message, post_message};
pub use review::{done_all, mark_reviewed, message_part, parse_when, snooze_choices};

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use lull_core::ErrorCode;
use lull_core::request::{
    ExportRequest, ExtendFocus, Ids, InboxGroupRequest, InboxList, NewToken, Pin, ProposalAt, ProposalMove,
    Search, Snooze, StartFocus, StatsRequest, TokenName, Until, WorkingLate,
};
use lull_core::token::publish::{CreatedToken, PublishToken};
use lull_core::{
    Engine, FocusBlock, InboxPage, Message, MessageId, ProposedBlock, Settings, Status, StatusReport,
};

use crate::AppState;
use crate::body::{self, Body, PathParams, QueryParams};
use crate::error::{ApiError, ApiResult};
use crate::export;

pub async fn status(State(app): State<AppState>) -> Json<StatusReport> {
    Json(StatusReport { status: app.engine.status(), desktop: app.desktop() })
}

pub async fn focus_start(State(engine): State<Engine>, Body(bytes): Body) -> ApiResult<Json<FocusBlock>> {
    let start: StartFocus = body::json(&bytes)?;
    Ok(Json(engine.start_focus(start.duration_secs, start.intent).await?))
}

pub async fn focus_extend(State(engine): State<Engine>, Body(bytes): Body) -> ApiResult<Json<FocusBlock>> {
    let extend: ExtendFocus = body::json(&bytes)?;
    Ok(Json(engine.extend_focus(extend.secs).await?))
}

pub async fn focus_stop(State(engine): State<Engine>) -> ApiResult<Json<FocusBlock>> {
    Ok(Json(engine.stop_focus().await?))
}

pub async fn focus_proposals(State(engine): State<Engine>) -> ApiResult<Json<Vec<ProposedBlock>>> {
    Ok(Json(engine.focus_proposals().await?))
}

pub async fn accept_proposal(
    State(engine): State<Engine>,
    Body(bytes): Body,
) -> ApiResult<Json<ProposedBlock>> {
    let at: ProposalAt = body::json(&bytes)?;
    Ok(Json(engine.accept_proposal(at.start).await?))
}

pub async fn skip_proposal(
    State(engine): State<Engine>,
    Body(bytes): Body,
) -> ApiResult<Json<serde_json::Value>> {
    let at: ProposalAt = body::json(&bytes)?;
    engine.skip_proposal(at.start).await?;
    Ok(Json(serde_json::json!({ "skipped": at.start })))
}

pub async fn move_proposal(
    State(engine): State<Engine>,
    Body(bytes): Body,
) -> ApiResult<Json<ProposedBlock>> {
    let moved: ProposalMove = body::json(&bytes)?;
    Ok(Json(engine.move_proposal(moved.start, moved.to).await?))
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

pub async fn inbox(
    State(engine): State<Engine>,
    QueryParams(q): QueryParams<InboxList>,
) -> ApiResult<Json<InboxPage>> {
    Ok(Json(engine.inbox(q).await?))
}

/// `GET /v1/inbox/groups`: the not-done inbox grouped by source, sender and thread, as the review
/// window shows it.
pub async fn inbox_groups(State(engine): State<Engine>) -> ApiResult<Json<lull_core::InboxOverview>> {
    Ok(Json(engine.inbox_overview().await?))
}

/// `GET /v1/inbox/group?source=…&who=…&thread=…`: one group's messages, a page at a time.
pub async fn inbox_group(
    State(engine): State<Engine>,
    QueryParams(q): QueryParams<InboxGroupRequest>,
) -> ApiResult<Json<InboxPage>> {
    Ok(Json(engine.inbox_group(q.key(), q.after, q.limit).await?))
}

/// `GET /v1/stats?weeks=N`: focus per day and arrivals per week (8 weeks unless told).
pub async fn stats(
    State(engine): State<Engine>,
    QueryParams(q): QueryParams<StatsRequest>,
) -> ApiResult<Json<lull_core::Stats>> {
    Ok(Json(engine.stats(q.weeks()).await?))
}

pub async fn message(
    State(engine): State<Engine>,
    PathParams(id): PathParams<String>,
) -> ApiResult<Json<Message>> {
    let id: MessageId = id.parse().map_err(|_| ApiError::not_found())?;
    Ok(Json(engine.message(id).await?))
}

/// `POST /v1/inbox/{id}/{action}`: one message, its id in the path; the body holds what the
/// action takes besides (pin: `due`, snooze: `until`), or nothing.
pub async fn triage_one(
    State(engine): State<Engine>,
    PathParams((id, action)): PathParams<(String, String)>,
    Body(bytes): Body,
) -> ApiResult<Response> {
    let id: MessageId = id.parse().map_err(|_| ApiError::not_found())?;
    triage(engine, &action, &bytes, Some(id)).await
}

/// `POST /v1/inbox/{action}`: many messages, all or nothing.
pub async fn triage_bulk(
    State(engine): State<Engine>,
    PathParams(action): PathParams<String>,
    Body(bytes): Body,
) -> ApiResult<Response> {
    triage(engine, &action, &bytes, None).await
}

/// Decodes the action's request (`Ids`, `Pin` or `Snooze`) and runs it. With `path_id` the ids
/// come from the path and the body must not name any.
async fn triage(
    engine: Engine,
    action: &str,
    bytes: &[u8],
    path_id: Option<MessageId>,
) -> ApiResult<Response> {
    fn decode<T: serde::de::DeserializeOwned + Default>(bytes: &[u8], one: bool) -> ApiResult<T> {
        if one { body::json_or_default(bytes) } else { body::json(bytes) }
    }
    let ids = |given: Vec<MessageId>| match path_id {
        None => Ok(given),
        Some(_) if !given.is_empty() => Err(ApiError::bad_request(
            ErrorCode::InvalidRequest,
            "the id is in the path; use /v1/inbox/{action} for many",
        )),
        Some(id) => Ok(vec![id]),
    };
    let one = path_id.is_some();
    let done = match action {
        "done" => engine.done(ids(decode::<Ids>(bytes, one)?.ids)?).await?,
        "undone" => engine.undone(ids(decode::<Ids>(bytes, one)?.ids)?).await?,
        "unsnooze" => engine.unsnooze(ids(decode::<Ids>(bytes, one)?.ids)?).await?,
        // The HTTP answer stays the ids; the window's undo is what needs the earlier pins.
        "pin" => {
            let pin: Pin = decode(bytes, one)?;
            engine.pin(ids(pin.ids)?, pin.due).await?.into_iter().map(|p| p.id).collect()
        }
        "unpin" => {
            engine.unpin(ids(decode::<Ids>(bytes, one)?.ids)?).await?.into_iter().map(|p| p.id).collect()
        }
        "snooze" => {
            let given: serde_json::Value = decode(bytes, one)?;
            if given.get("until").is_none() {
                return Err(ApiError::bad_request(
                    ErrorCode::InvalidRequest,
                    "snooze needs \"until\": time (with \"at\"), block_end, next_work_window or next_workday",
                ));
            }
            let snooze: Snooze = serde_json::from_value(given).map_err(|err| {
                ApiError::bad_request(ErrorCode::InvalidJson, format!("invalid JSON: {err}"))
            })?;
            let until = engine.snooze(ids(snooze.ids)?, snooze.until).await?;
            return Ok(Json(Until { until }).into_response());
        }
        _ => return Err(ApiError::not_found()),
    };
    Ok(Json(Ids { ids: done }).into_response())
}

pub async fn search(
    State(engine): State<Engine>,
    QueryParams(q): QueryParams<Search>,
) -> ApiResult<Json<Vec<Message>>> {
    Ok(Json(engine.search(q.q, q.before, q.limit).await?))
}

pub async fn get_settings(State(engine): State<Engine>) -> ApiResult<Json<Settings>> {
    Ok(Json(engine.settings().await?))
}

/// Hooks run commands as the user, so they are not changed over HTTP (see docs/api.md).
pub async fn put_settings(State(engine): State<Engine>, Body(bytes): Body) -> ApiResult<Json<Settings>> {
    let settings: Settings = body::json(&bytes)?;
    Ok(Json(engine.update_settings_keeping_hooks(settings).await?))
}

pub async fn finish_first_run(State(engine): State<Engine>) -> ApiResult<Json<Status>> {
    engine.finish_first_run().await?;
    Ok(Json(engine.status()))
}

pub async fn tokens(State(engine): State<Engine>) -> ApiResult<Json<Vec<PublishToken>>> {
    Ok(Json(engine.tokens().await?))
}

pub async fn create_token(State(engine): State<Engine>, Body(bytes): Body) -> ApiResult<Json<CreatedToken>> {
    let request: NewToken = body::json(&bytes)?;
    Ok(Json(engine.create_token(request).await?))
}

pub async fn revoke_token(State(engine): State<Engine>, Body(bytes): Body) -> ApiResult<Json<PublishToken>> {
    let request: TokenName = body::json(&bytes)?;
    Ok(Json(engine.revoke_token(request).await?))
}

pub async fn export(
    State(engine): State<Engine>,
    QueryParams(q): QueryParams<ExportRequest>,
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
