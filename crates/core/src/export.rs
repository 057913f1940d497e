//! Export: the inbox and the focus log of a span of time, as data. The formats (JSON, CSV, a
//! Markdown day summary) are made by whoever serves them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::block::FocusBlock;
use crate::message::Message;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Export {
    /// The local day exported, or `None` for everything.
    pub date: Option<NaiveDate>,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub blocks: Vec<FocusBlock>,
    pub messages: Vec<Message>,
}
