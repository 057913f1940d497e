//! Lull's core: focus blocks, the store and the engine, with no window-system dependency.
//!
//! Open it with [`Lull::open`] (a database path and a [`Clock`]), hand it to [`Engine::new`], and
//! spawn the returned task on a tokio runtime. The desktop app, the CLI and the tests all start
//! Lull this way. The core never reads the system time itself: time comes from the clock.

pub mod block;
pub mod calendar;
pub mod clock;
pub mod command;
pub mod desktop_entry;
pub mod digest;
pub mod duration;
pub mod engine;
pub mod error;
pub mod export;
pub mod instance;
pub mod limits;
pub mod local_time;
mod lull;
pub mod message;
pub mod paths;
pub mod presence;
pub mod report;
pub mod request;
pub mod rules;
pub mod screen;
pub mod settings;
pub mod status;
pub mod store;
pub mod subscriptions;
pub mod timeline;
pub mod token;
mod wall_timer;
pub mod when;
pub mod work_hours;

pub use block::{FocusBlock, Outcome};
pub use clock::{Clock, ManualClock, SystemClock};
pub use digest::{Digest, DigestReason};
pub use engine::{Engine, Event};
pub use error::{Error, ErrorBody, ErrorCode, Result};
pub use local_time::TimeOfDay;
pub use lull::{
    Breakthrough, Change, DayStats, GroupKey, GroupPage, InboxGroup, InboxOverview, InboxPage, InboxStart,
    Lull, MessageStory, Missed, ProposedBlock, SnoozeChoice, SnoozeKey, SnoozeUntil, Stats, Tick, Wakeup,
    WeekStats, fts_query,
};
pub use message::{
    Decision, Message, MessageAction, MessageId, MessageState, NewMessage, PinState, Receipt, Source,
};
pub use presence::{Away, AwaySettings, Presence};
pub use report::{
    DesktopReport, DndStatus, PresenceReport, SecretsReport, SourceState, SourceStatus, StatusReport,
    SubscriptionStatus,
};
pub use screen::{Presenting, Screen, ScreenSettings};
pub use settings::{Grouping, Settings};
pub use status::{Status, TodaySummary};
pub use timeline::{Mode, ModeChange, Timeline};
pub use work_hours::WorkHours;
