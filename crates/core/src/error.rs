//! Errors with a stable code.
//!
//! The UI, the HTTP API and scripts switch on [`ErrorCode`], never on the English message, so a
//! code once published is never renamed. The message is for people and may change.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Declares [`ErrorCode`] once: each variant with the string every edge (HTTP, IPC, CLI, the UI)
/// sends for it, and from that the string table both ways and the list of all codes.
macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident => $text:literal,)*) => {
        /// What went wrong, as a stable machine-readable code (sent in `snake_case`). One
        /// vocabulary for every edge: the core's codes, the HTTP layer's (`unauthorized`,
        /// `body_too_large`, …) and the window's own `ipc`. A code this build does not know (a
        /// newer server's) reads as [`ErrorCode::Unknown`] instead of failing.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, TS)]
        #[ts(export, rename_all = "snake_case")]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)*
            /// A code this build does not know, sent by a newer Lull.
            Unknown,
        }

        impl ErrorCode {
            /// Every code this build knows, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)*
                    Self::Unknown => "unknown",
                }
            }

            /// The code for `text`, [`ErrorCode::Unknown`] for one this build does not know.
            pub fn parse(text: &str) -> Self {
                match text {
                    $($text => Self::$variant,)*
                    _ => Self::Unknown,
                }
            }
        }
    };
}

error_codes! {
    FocusAlreadyRunning => "focus_already_running",
    NoFocusRunning => "no_focus_running",
    InvalidDuration => "invalid_duration",
    DurationTooLong => "duration_too_long",
    IntentTooLong => "intent_too_long",
    /// An intent with control characters (a newline, a NUL, an escape).
    InvalidIntent => "invalid_intent",
    DatabaseCorrupt => "database_corrupt",
    DatabaseTooNew => "database_too_new",
    /// The file is a valid SQLite database of another program; it was left untouched.
    NotALullDatabase => "not_a_lull_database",
    DiskFull => "disk_full",
    Storage => "storage",
    EngineStopped => "engine_stopped",
    InvalidMessage => "invalid_message",
    InvalidPriority => "invalid_priority",
    MessageTooLarge => "message_too_large",
    UnknownMessage => "unknown_message",
    InvalidRequest => "invalid_request",
    InvalidQuery => "invalid_query",
    InvalidTime => "invalid_time",
    InvalidWorkHours => "invalid_work_hours",
    InvalidRule => "invalid_rule",
    InvalidSchedule => "invalid_schedule",
    InvalidSettings => "invalid_settings",
    UnknownSchedule => "unknown_schedule",
    NoWorkHours => "no_work_hours",
    /// No focus proposal (or accepted block) of today starts at that time: the day moved on.
    UnknownProposal => "unknown_proposal",
    /// A focus block cannot move to that time (outside the work hours, over a meeting or another
    /// block, or past).
    ProposalConflict => "proposal_conflict",
    /// The data directory cannot be written (a read-only file system).
    ReadOnly => "read_only",
    /// A bug in Lull: the request was abandoned and nothing was changed.
    Internal => "internal",
    /// A publish token's name, topics or highest priority are not valid.
    InvalidToken => "invalid_token",
    /// A working publish token already has that name.
    TokenNameTaken => "token_name_taken",
    /// No working publish token has that name.
    UnknownToken => "unknown_token",
    /// Hooks run commands as the user: they are changed from the window or the local `lull`
    /// command (over the instance socket), never over HTTP.
    HooksLocalOnly => "hooks_local_only",
    /// HTTP: no token, or a wrong one (a revoked publish token too).
    Unauthorized => "unauthorized",
    /// HTTP: a publish token on an endpoint other than publishing.
    PublishOnly => "publish_only",
    /// HTTP: a publish token narrowed to topics, publishing outside them.
    TokenScope => "token_scope",
    /// HTTP: a `Host` header not on the allow-list (DNS rebinding).
    ForbiddenHost => "forbidden_host",
    /// HTTP: a request from a browser page (an `Origin` header).
    ForbiddenOrigin => "forbidden_origin",
    /// HTTP: a body over the size limit.
    BodyTooLarge => "body_too_large",
    /// HTTP: a body that is not UTF-8.
    InvalidUtf8 => "invalid_utf8",
    /// HTTP: a body that is not the JSON the endpoint takes.
    InvalidJson => "invalid_json",
    /// HTTP: no such endpoint.
    NotFound => "not_found",
    /// HTTP: the endpoint does not take that method.
    MethodNotAllowed => "method_not_allowed",
    /// The window could not reach the engine (only the window makes this one).
    Ipc => "ipc",
    /// The operating system refused an act of the desktop app (starting the browser, writing the
    /// autostart entry or the token file, closing a window); the message says what and why.
    System => "system",
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(Self::parse(&text))
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error from the core: a code to switch on and a sentence to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    /// The input field at fault, when there is one (`"work_hours.mon"`, `"rules[2]"`), so a form
    /// can show the message beside it.
    pub field: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), field: None }
    }

    /// Names the field at fault, unless a more precise one was named already.
    pub fn in_field(mut self, field: impl Into<String>) -> Self {
        if self.field.is_none() {
            self.field = Some(field.into());
        }
        self
    }

    /// The shape every edge (IPC, HTTP, CLI `--json`) sends: `{"code": …, "message": …}`.
    pub fn body(&self) -> ErrorBody {
        ErrorBody { code: self.code, message: self.message.clone(), field: self.field.clone() }
    }
}

/// The serialised form of an [`Error`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    /// The input field at fault, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl From<Error> for ErrorBody {
    fn from(err: Error) -> Self {
        Self { code: err.code, message: err.message, field: err.field }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as Sqlite;
        match err.sqlite_error_code() {
            Some(Sqlite::DiskFull) => Self::new(
                ErrorCode::DiskFull,
                "the disk is full; nothing was changed, try again once there is space",
            ),
            Some(Sqlite::ReadOnly) => Self::new(
                ErrorCode::ReadOnly,
                "Lull's data directory cannot be written (read-only); nothing was changed",
            ),
            Some(Sqlite::DatabaseCorrupt | Sqlite::NotADatabase) => Self::new(
                ErrorCode::DatabaseCorrupt,
                format!("the database is damaged and was left untouched: {err}"),
            ),
            _ => Self::new(ErrorCode::Storage, format!("database error: {err}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_from_the_string_it_is_sent_as() {
        for &code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).expect("serialises");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).expect("parses"), code, "{json}");
        }
        let strings: std::collections::HashSet<_> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(strings.len(), ErrorCode::ALL.len(), "no two codes share a string");
    }

    #[test]
    fn a_code_from_a_newer_lull_reads_as_unknown_instead_of_failing() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"code": "quota_exceeded", "message": "later"}"#).expect("parses");
        assert_eq!(body.code, ErrorCode::Unknown);
        assert_eq!(body.message, "later");
    }
}
