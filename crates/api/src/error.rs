//! Errors as HTTP answers: a status and `{"code", "message"}`, never a panic, never HTML.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lull_core::{Error, ErrorCode};
use serde::Serialize;

/// An error answer: a status and the one [`ErrorCode`] vocabulary every edge shares.
#[derive(Debug, Clone, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: StatusCode,
    pub code: ErrorCode,
    pub message: String,
    /// The input field at fault, when the core named one (`"work_hours.monday"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), field: None }
    }

    pub fn bad_request(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal, message)
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, "no such endpoint; see docs/api.md")
    }
}

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        use ErrorCode::*;
        let status = match err.code {
            FocusAlreadyRunning | NoFocusRunning | NoWorkHours => StatusCode::CONFLICT,
            UnknownMessage | UnknownSchedule | UnknownToken | UnknownProposal => StatusCode::NOT_FOUND,
            TokenNameTaken | ProposalConflict => StatusCode::CONFLICT,
            HooksLocalOnly | PublishOnly | TokenScope => StatusCode::FORBIDDEN,
            MessageTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            DiskFull => StatusCode::INSUFFICIENT_STORAGE,
            DatabaseCorrupt | DatabaseTooNew | NotALullDatabase | Storage | Internal | Ipc | System
            | Unknown => StatusCode::INTERNAL_SERVER_ERROR,
            Unauthorized => StatusCode::UNAUTHORIZED,
            ForbiddenHost | ForbiddenOrigin => StatusCode::FORBIDDEN,
            BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            NotFound => StatusCode::NOT_FOUND,
            MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            // Like a full disk: nothing was stored, and the same request can be sent again later.
            ReadOnly => StatusCode::INSUFFICIENT_STORAGE,
            EngineStopped => StatusCode::SERVICE_UNAVAILABLE,
            InvalidDuration | DurationTooLong | IntentTooLong | InvalidIntent | InvalidMessage
            | InvalidPriority | InvalidRequest | InvalidQuery | InvalidTime | InvalidWorkHours
            | InvalidRule | InvalidSchedule | InvalidSettings | InvalidUtf8 | InvalidJson | InvalidToken => {
                StatusCode::BAD_REQUEST
            }
        };
        Self { status, code: err.code, message: err.message, field: err.field }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self)).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
