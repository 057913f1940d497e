//! The state every view renders: the running block and today's figures.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chrono::{DateTime, Utc};

use crate::block::FocusBlock;
use crate::presence::Away;
use crate::timeline::{Mode, ModeChange, QuietReason};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Status {
    pub mode: Mode,
    /// Why it is Quiet, when it is.
    pub quiet_reason: Option<QuietReason>,
    /// The user is away (the screen is locked, idle, asleep), as the desktop said.
    pub away: Option<Away>,
    /// The screen is on show (a fullscreen window has the focus, or it is shared), as the
    /// desktop said.
    pub presenting: Option<crate::screen::Presenting>,
    /// The meeting under way (a busy calendar event), when meetings make it Quiet.
    pub meeting: Option<crate::calendar::Meeting>,
    /// The next change of mode, if one is ahead (within the schedule's horizon).
    pub next_change: Option<ModeChange>,
    /// The running block, if any.
    pub block: Option<FocusBlock>,
    /// Messages that broke through the running block.
    pub block_breakthroughs: i64,
    /// Messages held now.
    pub held: i64,
    pub working_late_until: Option<DateTime<Utc>>,
    pub done_for_today_until: Option<DateTime<Utc>>,
    pub today: TodaySummary,
    /// Focus time booked for you: today's proposals and accepted blocks still to come, by start
    /// (empty while the setting is off).
    pub proposals: Vec<crate::ProposedBlock>,
    /// Set while the engine cannot apply what is due (a full disk, a read-only data directory),
    /// so every view can say so instead of looking stuck.
    pub fault: Option<Fault>,
    /// The first run is not finished yet: Lull holds nothing by the clock and leaves the
    /// desktop's notifications alone (no capture, no do-not-disturb) until it is.
    pub first_run: bool,
}

/// What keeps failing, since when, and when the engine tries again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Fault {
    pub error: crate::error::ErrorBody,
    pub since: DateTime<Utc>,
    /// How many times in a row it failed.
    pub attempts: u32,
    pub retry_at: DateTime<Utc>,
}

/// Today in the user's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TodaySummary {
    /// Seconds spent in focus today, the running block included.
    pub focus_secs: i64,
    pub blocks_completed: i64,
    /// Today's blocks, newest first, the running one included.
    pub blocks: Vec<FocusBlock>,
    /// Messages that arrived today and were held.
    pub messages_held: i64,
    /// Messages that arrived today and broke through a block or quiet hours.
    pub messages_broke_through: i64,
}
