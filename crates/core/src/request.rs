//! What each command takes and answers, declared once for every surface.
//!
//! The HTTP routes decode these, the CLI encodes them, the Tauri commands take them as their one
//! argument (`invoke("start_focus", { request })`) and the window gets them through ts-rs, so a
//! field added here reaches every surface or fails to compile. Commands with no input, or whose
//! only input is a message id (a path segment over HTTP), have no request type. Which surfaces
//! offer which command is [`crate::command::COMMANDS`]. A type is named for its command, with
//! `Request` added where the command's answer already has that name (`StatsRequest` → `Stats`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::local_time::TimeOfDay;
use crate::lull::{GroupKey, SnoozeUntil};
use crate::message::{MessageId, Source};
use crate::settings::Grouping;

/// `start_focus`: a block of `duration_secs`, with an optional intent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct StartFocus {
    pub duration_secs: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<String>,
}

/// `extend_focus`: seconds to add to the running block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ExtendFocus {
    pub secs: i64,
}

/// `working_late`: Open until this local time although the work day is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct WorkingLate {
    pub until: TimeOfDay,
}

/// `accept_proposal`, `skip_proposal`: the proposed block starting at `start` (as
/// `focus_proposals` gave it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ProposalAt {
    pub start: DateTime<Utc>,
}

/// `move_proposal`: the proposed (or accepted) block starting at `start`, to start at `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ProposalMove {
    pub start: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// The answer of `working_late`, `done_for_today` and `snooze`: the instant the state lasts until.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Until {
    pub until: DateTime<Utc>,
}

/// `inbox`: one page of the inbox as a list, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct InboxList {
    /// The previous page's `next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
    /// Include snoozed messages (in the `inbox` view).
    #[serde(default)]
    pub snoozed: bool,
    /// Which messages: the not-done inbox (the default), or only the pinned, snoozed or done ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<InboxView>,
}

/// A view of the inbox as a flat list, each in the order a person looks for in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InboxView {
    /// Not done (snoozed only when asked), newest first.
    #[default]
    Inbox,
    /// Pinned and not done: the ones due soonest first, then those without a due date, newest first.
    Pinned,
    /// Snoozed: the one coming back soonest first.
    Snoozed,
    /// Done: the most recently done first.
    Done,
}

/// `inbox_start`: the overview and the first `rows` messages of the newest groups, up to `limit`
/// groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct InboxStartRequest {
    pub limit: usize,
    pub rows: usize,
}

/// `inbox_group`: a page of one group. Flat, so it reads the same as a query string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct InboxGroupRequest {
    pub source: Source,
    pub who: String,
    #[serde(default)]
    pub thread: String,
    /// How the group was made (`sender` when absent).
    #[serde(default)]
    pub by: Grouping,
    /// The previous page's `next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
}

impl InboxGroupRequest {
    pub fn key(&self) -> GroupKey {
        GroupKey { source: self.source, who: self.who.clone(), thread: self.thread.clone(), by: self.by }
    }
}

/// `search`: full text over every state, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Search {
    pub q: String,
    /// Page on from this id (the last one seen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<MessageId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
}

/// `done`, `undone`, `unpin`, `unsnooze`: the messages to act on. Also their HTTP answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Ids {
    /// Empty over HTTP's one-message form, `/v1/inbox/{id}/{action}`, whose id is in the path.
    #[serde(default)]
    pub ids: Vec<MessageId>,
}

/// `pin`: the messages, and an optional due date (pinning a pinned message sets it anew).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Pin {
    #[serde(default)]
    pub ids: Vec<MessageId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DateTime<Utc>>,
}

/// `snooze`: the messages and until when (`{"ids": [1], "until": "block_end"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Snooze {
    #[serde(default)]
    pub ids: Vec<MessageId>,
    #[serde(flatten)]
    pub until: SnoozeUntil,
}

/// `done_all`: every not-done message of one group, or of the whole inbox, received before an
/// instant (at least one of the two). Answers the ids it marked done, for undo.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DoneAll {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupKey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<DateTime<Utc>>,
}

/// `parse_when`: an instant as a person types it ("2h", "14:30", "mon 9", "friday", "tomorrow
/// 9:30"), read in the user's time zone. Answers [`Until`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ParseWhen {
    pub text: String,
}

/// How many weeks `stats` covers when not told.
pub const DEFAULT_STATS_WEEKS: u32 = 8;

/// `stats`: the last `weeks` weeks, this one included ([`DEFAULT_STATS_WEEKS`] unless told).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct StatsRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weeks: Option<u32>,
}

impl StatsRequest {
    pub fn weeks(self) -> u32 {
        self.weeks.unwrap_or(DEFAULT_STATS_WEEKS)
    }
}

/// `export`: everything (streamed) or one day, as `json` (default), `csv` or `markdown`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ExportRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub date: Option<NaiveDate>,
}

/// `create_token`: a publish token called `name`, optionally narrowed to ntfy topic patterns
/// (`ci-*`) and to a highest priority.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NewToken {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_priority: Option<u8>,
}

/// `store_secret`: keep `secret` as the credential of `source` (`"ntfy/<subscription id>"`), or
/// forget it when `secret` is `None`. Only the window sends it; the CLI reads the secret from
/// stdin, and the HTTP API never carries one.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct StoreSecret {
    pub source: String,
    pub secret: Option<String>,
}

impl std::fmt::Debug for StoreSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreSecret").field("source", &self.source).finish_non_exhaustive()
    }
}

/// `revoke_token`: the working publish token called `name`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct TokenName {
    pub name: String,
}
