//! What the settings view reports about the desktop: the API's address, capture and
//! do-not-disturb (run by the followers `lull_boot` started), the global shortcut and autostart.
//! Plain data shared with the window (through ts-rs).

use std::path::PathBuf;
use std::sync::Mutex;

use lull_boot::Followers as Desktop;
use lull_bus::DndStatus;
use lull_core::report::SubscriptionStatus;
use lull_sources::SourceStatus;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
    pub capture: SourceStatus,
    pub dnd: DndStatus,
    pub autostart: bool,
    pub shortcut: ShortcutStatus,
    /// Whether the desktop shows tray icons (a StatusNotifierWatcher runs): without one, Lull's
    /// tray menu is not on screen and the window is the way in.
    pub tray: bool,
    /// What tells Lull that the user is away.
    pub presence: lull_core::PresenceReport,
}

/// Where the local API listens, for the settings view's copy-paste examples.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Sources {
    /// `http://127.0.0.1:8737`, or `None` when the API is not running.
    pub api_url: Option<String>,
    /// Why the API is not running, when it is not.
    pub api_error: Option<String>,
    /// What is wrong although it runs (`[::1]` taken by another program).
    pub api_warning: Option<String>,
    pub token: String,
    /// Each ntfy subscription's status, by id.
    pub ntfy: Vec<SubscriptionStatus>,
    /// Each Gotify server's status, by id.
    pub gotify: Vec<SubscriptionStatus>,
    /// Each mail folder's status, by `<account>/<folder>`.
    pub imap: Vec<SubscriptionStatus>,
    /// Each calendar's status, by id.
    pub calendars: Vec<SubscriptionStatus>,
    /// Where the sources' passwords and tokens are kept, once a source needed one.
    pub secrets: Option<lull_core::SecretsReport>,
}

/// `set_autostart`: start Lull at login (in the tray), or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SetAutostart {
    pub enabled: bool,
}

/// `open_link`: a message's link, to open in the browser or mail app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct OpenLink {
    pub url: String,
}

/// `message_app`: the installed app a captured notification came from, for *Open in ‹app›*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppInfo {
    /// Its name, as its desktop entry gives it in the user's language (`Evolution`).
    pub name: String,
}

/// Where the API is, once `serve_api` knows.
#[derive(Debug, Clone)]
pub enum ApiState {
    Starting,
    /// Listening at the URL; the warning when `[::1]` could not be bound.
    Up(String, Option<String>),
    Down(String),
}

#[derive(Debug)]
pub struct Integration {
    pub data_dir: PathBuf,
    /// Whether a tray host ran when Lull started.
    pub tray: bool,
    pub desktop: Desktop,
    pub api: Mutex<ApiState>,
    pub shortcut: Mutex<ShortcutStatus>,
}

impl Integration {
    pub fn new(data_dir: PathBuf, desktop: Desktop, tray: bool) -> Self {
        Self {
            data_dir,
            tray,
            desktop,
            api: Mutex::new(ApiState::Starting),
            shortcut: Mutex::new(ShortcutStatus::default()),
        }
    }

    pub fn set_api(&self, state: ApiState) {
        if let Ok(mut api) = self.api.lock() {
            *api = state;
        }
    }

    pub fn api(&self) -> ApiState {
        self.api.lock().map_or(ApiState::Starting, |api| api.clone())
    }

    pub fn set_shortcut(&self, status: ShortcutStatus) {
        if let Ok(mut shortcut) = self.shortcut.lock() {
            *shortcut = status;
        }
    }

    pub fn shortcut(&self) -> ShortcutStatus {
        self.shortcut.lock().map(|s| s.clone()).unwrap_or_default()
    }
}
