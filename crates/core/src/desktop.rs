//! How the desktop integration is doing, as the settings view shows it: the capture of other
//! apps' notifications, the desktop's do-not-disturb adapter, the global shortcut, autostart,
//! and where the local API listens. Plain data: the pieces that run them live outside the core.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The state of capturing other apps' notifications from the session bus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CaptureState {
    /// Switched off in the settings.
    Off,
    /// Connecting to the bus (at start, or again after the connection dropped).
    Starting,
    Running,
    /// The bus refused to let Lull monitor it; `detail` says why.
    Refused,
    /// There is no session bus to monitor.
    Unavailable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CaptureStatus {
    pub state: CaptureState,
    pub detail: Option<String>,
}

impl CaptureStatus {
    pub fn new(state: CaptureState, detail: Option<String>) -> Self {
        Self { state, detail }
    }
}

/// The desktop's do-not-disturb as Lull drives it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DndStatus {
    /// The adapter for the notification daemon that runs (`"dunst"`, `"gnome"`, `"kde"`,
    /// `"mako"`, `"swaync"`, `"xfce"`), if one was found.
    pub adapter: Option<String>,
    /// Whether Lull has do-not-disturb switched on now.
    pub on: bool,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ShortcutStatus {
    pub registered: bool,
    pub detail: Option<String>,
}

/// Everything the settings view shows about the desktop integration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DesktopStatus {
    pub capture: CaptureStatus,
    pub dnd: DndStatus,
    pub autostart: bool,
    pub shortcut: ShortcutStatus,
}

/// Where the local API listens, for the settings view's copy-paste examples.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Sources {
    /// `http://127.0.0.1:8737`, or `None` when the API is not running.
    pub api_url: Option<String>,
    /// Why the API is not running, when it is not.
    pub api_error: Option<String>,
    pub token: String,
}
