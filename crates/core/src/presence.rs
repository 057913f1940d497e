//! Presence: whether someone is at the machine, as the desktop says (the screen locked, idle for
//! a while, the machine asleep). It is an input to the mode like the clock: the presence sources
//! report it, the core decides what it means.
//!
//! The one decision: away is held in memory only, never stored. Lull learns it again from the
//! desktop when it starts (a locked screen says so), so a crash during a lock can never leave
//! Lull believing the user is away while they sit in front of it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};

/// What the desktop says about the user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Presence {
    /// Someone is using the machine.
    #[default]
    Active,
    /// No input for [`AwaySettings::idle_minutes`].
    Idle,
    /// The screen is locked.
    Locked,
    /// The machine is going to sleep (or sleeps).
    Asleep,
}

impl Presence {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Idle => "idle",
            Self::Locked => "locked",
            Self::Asleep => "asleep",
        }
    }

    /// How the tray and `lull status` say it: "screen locked".
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Idle => "idle",
            Self::Locked => "screen locked",
            Self::Asleep => "asleep",
        }
    }

    /// Whether the user has left the machine for good: a locked screen or sleep. Only these
    /// count against a focus block and keep a scheduled one from starting; someone idle may
    /// be reading or thinking at the desk.
    pub fn left(self) -> bool {
        matches!(self, Self::Locked | Self::Asleep)
    }
}

/// The user is away: how, and since when (the first moment of the spell: idle, then locked,
/// is one spell from when idleness began).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Away {
    pub presence: Presence,
    pub since: DateTime<Utc>,
}

/// What being away does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct AwaySettings {
    /// Hold messages while away in work hours, and release them in one "while you were away"
    /// digest on return. Breakthroughs still show.
    pub hold: bool,
    /// After how many minutes without input the user counts as away; `None`: idleness is not
    /// watched (a locked screen and sleep still count).
    #[ts(optional = nullable)]
    pub idle_minutes: Option<u32>,
    /// A focus block pauses while the screen is locked or the machine sleeps, and its end moves
    /// by as long on return. Off: it keeps its wall-clock end, and the time away is not counted
    /// as focus.
    pub pause_blocks: bool,
}

pub const DEFAULT_IDLE_MINUTES: u32 = 10;
pub const IDLE_MINUTES: std::ops::RangeInclusive<u32> = 1..=240;

impl Default for AwaySettings {
    fn default() -> Self {
        Self { hold: true, idle_minutes: Some(DEFAULT_IDLE_MINUTES), pause_blocks: false }
    }
}

impl AwaySettings {
    pub(crate) fn validate(&self) -> Result<()> {
        if let Some(minutes) = self.idle_minutes
            && !IDLE_MINUTES.contains(&minutes)
        {
            return Err(Error::new(
                ErrorCode::InvalidSettings,
                format!(
                    "idleness counts as away after {} to {} minutes (got {minutes})",
                    IDLE_MINUTES.start(),
                    IDLE_MINUTES.end()
                ),
            )
            .in_field("away.idle_minutes"));
        }
        Ok(())
    }
}
