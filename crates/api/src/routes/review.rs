//! The review window's helpers over HTTP: bulk done, a message's story, the end of a review,
//! and what a snooze resolves to.

use axum::Json;
use axum::extract::State;
use lull_core::request::{DoneAll, Ids, ParseWhen, Until};
use lull_core::{Engine, MessageId, MessageStory, SnoozeChoice};

use crate::body::{self, Body, PathParams};
use crate::error::{ApiError, ApiResult};

/// `POST /v1/inbox/done-all`: a group's messages, or those received before a time.
pub async fn done_all(State(engine): State<Engine>, Body(bytes): Body) -> ApiResult<Json<Ids>> {
    let request: DoneAll = body::json(&bytes)?;
    Ok(Json(Ids { ids: engine.done_all(request.group, request.before).await? }))
}

/// `GET /v1/inbox/{id}/story`: the block it arrived in and the digest that released it.
pub async fn message_part(
    State(engine): State<Engine>,
    PathParams((id, part)): PathParams<(String, String)>,
) -> ApiResult<Json<MessageStory>> {
    let id: MessageId = id.parse().map_err(|_| ApiError::not_found())?;
    if part != "story" {
        return Err(ApiError::not_found());
    }
    Ok(Json(engine.message_story(id).await?))
}

/// `POST /v1/inbox/reviewed`: what arrives after now is new in the next review.
pub async fn mark_reviewed(State(engine): State<Engine>) -> ApiResult<Json<serde_json::Value>> {
    engine.mark_reviewed().await?;
    Ok(Json(serde_json::json!({})))
}

/// `GET /v1/snooze-choices`: the snooze menu, each choice with the instant it means now.
pub async fn snooze_choices(State(engine): State<Engine>) -> ApiResult<Json<Vec<SnoozeChoice>>> {
    Ok(Json(engine.snooze_choices().await?))
}

/// `POST /v1/when`: a typed instant ("friday 9") read in the user's zone and work hours.
pub async fn parse_when(State(engine): State<Engine>, Body(bytes): Body) -> ApiResult<Json<Until>> {
    let request: ParseWhen = body::json(&bytes)?;
    Ok(Json(Until { until: engine.parse_when(request.text).await? }))
}
