//! The state every view renders: the running block and today's figures.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::focus::FocusBlock;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Status {
    /// The running block, if any.
    pub block: Option<FocusBlock>,
    pub today: TodaySummary,
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
}
