//! Errors with a stable code.
//!
//! The UI, the HTTP API and scripts switch on [`ErrorCode`], never on the English message, so a
//! code once published is never renamed. The message is for people and may change.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What went wrong, as a stable machine-readable code (serialised in `snake_case`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    FocusAlreadyRunning,
    NoFocusRunning,
    InvalidDuration,
    DurationTooLong,
    IntentTooLong,
    DatabaseCorrupt,
    DatabaseTooNew,
    /// The file is a valid SQLite database of another program; it was left untouched.
    NotALullDatabase,
    DiskFull,
    Storage,
    EngineStopped,
    InvalidMessage,
    InvalidPriority,
    MessageTooLarge,
    UnknownMessage,
    InvalidRequest,
    InvalidQuery,
    InvalidTime,
    InvalidWorkHours,
    InvalidRule,
    InvalidSchedule,
    InvalidSettings,
    UnknownSchedule,
    NoWorkHours,
    /// The data directory cannot be written (a read-only file system).
    ReadOnly,
    /// A bug in Lull: the request was abandoned and nothing was changed.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FocusAlreadyRunning => "focus_already_running",
            Self::NoFocusRunning => "no_focus_running",
            Self::InvalidDuration => "invalid_duration",
            Self::DurationTooLong => "duration_too_long",
            Self::IntentTooLong => "intent_too_long",
            Self::DatabaseCorrupt => "database_corrupt",
            Self::DatabaseTooNew => "database_too_new",
            Self::NotALullDatabase => "not_a_lull_database",
            Self::DiskFull => "disk_full",
            Self::Storage => "storage",
            Self::EngineStopped => "engine_stopped",
            Self::InvalidMessage => "invalid_message",
            Self::InvalidPriority => "invalid_priority",
            Self::MessageTooLarge => "message_too_large",
            Self::UnknownMessage => "unknown_message",
            Self::InvalidRequest => "invalid_request",
            Self::InvalidQuery => "invalid_query",
            Self::InvalidTime => "invalid_time",
            Self::InvalidWorkHours => "invalid_work_hours",
            Self::InvalidRule => "invalid_rule",
            Self::InvalidSchedule => "invalid_schedule",
            Self::InvalidSettings => "invalid_settings",
            Self::UnknownSchedule => "unknown_schedule",
            Self::NoWorkHours => "no_work_hours",
            Self::ReadOnly => "read_only",
            Self::Internal => "internal",
        }
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
