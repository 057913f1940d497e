//! Focus blocks: what one is and which requests to start or extend one are acceptable.
//!
//! A block's end is a wall-clock instant (`deadline`), never a countdown: it survives restarts,
//! suspend and clock changes, and every part of Lull agrees on it.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};

/// The longest a block may be planned for, extensions included.
pub const MAX_FOCUS_SECS: i64 = 12 * 60 * 60;
/// The longest intent, in characters.
pub const MAX_INTENT_CHARS: usize = 500;

/// Row id of a focus block.
pub type BlockId = i64;

/// How a block ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Outcome {
    /// It ran to its deadline.
    Completed,
    /// It was stopped early.
    Cancelled,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "completed" => Some(Self::Completed),
            "cancelled" => Some(Self::Cancelled),
            _ => None,
        }
    }
}

/// A focus block, running (`ended_at` is `None`) or ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FocusBlock {
    pub id: BlockId,
    pub started_at: DateTime<Utc>,
    /// When the block ends by itself; moves on extension.
    pub deadline: DateTime<Utc>,
    pub intent: Option<String>,
    /// The planned length in seconds, extensions included.
    pub planned_secs: i64,
    pub ended_at: Option<DateTime<Utc>>,
    pub outcome: Option<Outcome>,
    /// The scheduled block that started it, if it started by itself.
    pub schedule_id: Option<u32>,
    /// Seconds of the block during which the screen was locked or the machine slept: never
    /// counted as focus.
    pub away_secs: i64,
}

impl FocusBlock {
    pub fn is_running(&self) -> bool {
        self.ended_at.is_none()
    }

    /// Seconds actually spent in the block (up to `now` while it runs), time away excluded.
    pub fn focused_secs(&self, now: DateTime<Utc>) -> i64 {
        let end = self.ended_at.unwrap_or(now).min(self.deadline);
        ((end - self.started_at).num_seconds() - self.away_secs).max(0)
    }
}

/// Checks a requested length: more than zero seconds, at most [`MAX_FOCUS_SECS`].
pub fn validate_duration(secs: i64) -> Result<TimeDelta> {
    if secs <= 0 {
        return Err(Error::new(
            ErrorCode::InvalidDuration,
            format!("a focus block must last at least one second (got {secs} s)"),
        ));
    }
    if secs > MAX_FOCUS_SECS {
        return Err(Error::new(
            ErrorCode::DurationTooLong,
            format!("a focus block lasts at most 12 hours (asked for {})", human_secs(secs)),
        ));
    }
    Ok(TimeDelta::seconds(secs))
}

/// Normalises an intent: surrounding whitespace trimmed, empty means none, at most
/// [`MAX_INTENT_CHARS`] characters.
pub fn validate_intent(intent: Option<&str>) -> Result<Option<String>> {
    let Some(intent) = intent.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if intent.chars().any(char::is_control) {
        // It reaches hooks as LULL_INTENT, and a NUL there would stop the hook from starting.
        return Err(Error::new(
            ErrorCode::InvalidIntent,
            "an intent is one line of text, without control characters",
        ));
    }
    let chars = intent.chars().count();
    if chars > MAX_INTENT_CHARS {
        return Err(Error::new(
            ErrorCode::IntentTooLong,
            format!("an intent is at most {MAX_INTENT_CHARS} characters (got {chars})"),
        ));
    }
    Ok(Some(intent.to_owned()))
}

/// "1 h 30 min", "25 min", "45 s": durations as people read them.
pub fn human_secs(secs: i64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}
