//! Reading request bodies: a size limit, UTF-8, and JSON errors that say what is wrong.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use lull_core::ErrorCode;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The largest body taken (a 1 MiB message body fits with room for JSON escaping).
pub const MAX_BODY: usize = 2 * 1024 * 1024;

/// The raw body, refused with 413 past [`MAX_BODY`].
pub struct Body(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Bytes::from_request(req, state).await {
            Ok(bytes) => Ok(Self(bytes)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(too_large()),
            Err(rejection) => Err(ApiError::bad_request(ErrorCode::InvalidRequest, rejection.body_text())),
        }
    }
}

pub fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::BodyTooLarge,
        format!("the body is over {MAX_BODY} bytes"),
    )
}

/// A body as UTF-8 text.
pub fn text(bytes: &[u8]) -> Result<&str, ApiError> {
    std::str::from_utf8(bytes).map_err(|err| {
        ApiError::bad_request(
            ErrorCode::InvalidUtf8,
            format!("the body is not valid UTF-8 (at byte {})", err.valid_up_to()),
        )
    })
}

/// A JSON body: UTF-8 first, then JSON with the position and reason of the first problem.
pub fn json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let text = text(bytes)?;
    serde_json::from_str(text)
        .map_err(|err| ApiError::bad_request(ErrorCode::InvalidJson, format!("invalid JSON: {err}")))
}

/// A JSON body that may be empty (then `T::default()`).
pub fn json_or_default<T: DeserializeOwned + Default>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) { Ok(T::default()) } else { json(bytes) }
}

/// Query parameters, refused with a JSON `invalid_request` (axum's own rejection is plain text).
pub struct QueryParams<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> axum::extract::FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        serde_urlencoded::from_str(parts.uri.query().unwrap_or_default()).map(Self).map_err(|err| {
            ApiError::bad_request(ErrorCode::InvalidRequest, format!("invalid query parameters: {err}"))
        })
    }
}

/// The path's parameters, percent-decoded; a path that does not decode (invalid UTF-8) is a
/// JSON `invalid_request` like every other bad input, not axum's plain-text answer.
#[derive(Debug)]
pub struct PathParams<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> axum::extract::FromRequestParts<S> for PathParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError::bad_request(
                ErrorCode::InvalidRequest,
                format!("the path cannot be read: {}", rejection.body_text()),
            )),
        }
    }
}
