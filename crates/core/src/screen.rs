//! The screen: whether what is on it is on show to others (a fullscreen window has the focus: a
//! presentation, a video, a call's shared window; or the whole screen is being shared), as the
//! desktop says. Like presence, an input to the mode: the screen sources report it, the core
//! decides what it means.
//!
//! The one decision: like away, it is held in memory only. Lull learns it again from the desktop
//! when it starts, so a crash during a presentation never leaves it quiet afterwards.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the desktop says about the screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Screen {
    /// Only the user sees it.
    #[default]
    Private,
    /// The focused window fills the screen (a presentation, a video, a call).
    Fullscreen,
    /// The screen is being shared or recorded.
    Shared,
}

impl Screen {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Private => "private",
            Self::Fullscreen => "fullscreen",
            Self::Shared => "shared",
        }
    }

    /// How the tray and `lull status` say it: "a fullscreen window".
    pub fn label(self) -> &'static str {
        match self {
            Self::Private => "private",
            Self::Fullscreen => "a fullscreen window",
            Self::Shared => "screen shared",
        }
    }

    /// Whether others may be looking at it.
    pub fn on_show(self) -> bool {
        self != Self::Private
    }
}

/// The screen is on show: how, and since when (the first moment: fullscreen, then shared, is
/// one stretch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Presenting {
    pub screen: Screen,
    pub since: DateTime<Utc>,
}

/// What a screen on show does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct ScreenSettings {
    /// While a fullscreen window has the focus or the screen is shared, in work hours: Quiet
    /// (reason presenting), messages held as in a block, one digest when it ends; and what
    /// breaks through shows no text.
    pub quiet: bool,
}

impl Default for ScreenSettings {
    fn default() -> Self {
        Self { quiet: true }
    }
}
