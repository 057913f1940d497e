//! How the followers are doing: plain data that the desktop bus and the sources write and every
//! surface reads (the settings view, `GET /v1/status`, `lull status`). The core only names these
//! facts; it never acts on them, so data still flows one way: the engine decides the mode, the
//! followers follow it and say how that went.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::status::Status;

/// The state of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SourceState {
    /// Switched off in the settings.
    Off,
    /// Connecting (at start, or again after the connection dropped).
    Starting,
    Running,
    /// The other side refused Lull (the bus would not let it monitor); `detail` says why.
    Refused,
    /// There is nothing to connect to (no session bus).
    Unavailable,
    /// The server cannot be reached (or stopped answering) since `SourceStatus::since`; Lull
    /// keeps trying.
    Unreachable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SourceStatus {
    pub state: SourceState,
    pub detail: Option<String>,
    /// Since when the source is [`SourceState::Unreachable`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub since: Option<DateTime<Utc>>,
}

impl SourceStatus {
    pub fn new(state: SourceState, detail: Option<String>) -> Self {
        Self { state, detail, since: None }
    }

    /// A server that cannot be reached since `since`, and why.
    pub fn unreachable(detail: String, since: DateTime<Utc>) -> Self {
        Self { state: SourceState::Unreachable, detail: Some(detail), since: Some(since) }
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
    /// Whether the do-not-disturb that is on was the user's own before Lull's Focus or Quiet
    /// began: Lull then leaves it on when they end. False when it is Lull's, or off.
    pub users: bool,
    pub detail: Option<String>,
}

/// The desktop integration of a running instance: capture of other apps' notifications and
/// the daemon's do-not-disturb.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DesktopReport {
    pub capture: SourceStatus,
    pub dnd: DndStatus,
    /// Each ntfy subscription's status, in the settings' order of ids.
    #[serde(default)]
    #[ts(as = "Option<Vec<SubscriptionStatus>>", optional)]
    pub ntfy: Vec<SubscriptionStatus>,
    /// Each Gotify server's status, in the order of ids.
    #[serde(default)]
    #[ts(as = "Option<Vec<SubscriptionStatus>>", optional)]
    pub gotify: Vec<SubscriptionStatus>,
    /// Each mail folder's status, by `<account>/<folder>`.
    #[serde(default)]
    #[ts(as = "Option<Vec<SubscriptionStatus>>", optional)]
    pub imap: Vec<SubscriptionStatus>,
    /// Each calendar's status, by id.
    #[serde(default)]
    #[ts(as = "Option<Vec<SubscriptionStatus>>", optional)]
    pub calendars: Vec<SubscriptionStatus>,
    /// Where the sources' passwords and tokens are kept, once a source needed one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub secrets: Option<SecretsReport>,
    /// Where Lull learns that the user is away.
    #[serde(default)]
    #[ts(as = "Option<PresenceReport>", optional)]
    pub presence: PresenceReport,
    /// Where `focus.ics` (the accepted focus proposals) is written, while the settings ask for
    /// it and it could be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub focus_calendar: Option<String>,
}

/// Which desktop interfaces tell Lull that the user is away, each by its name
/// (`org.gnome.ScreenSaver`, `logind`, `org.gnome.Mutter.IdleMonitor`, `X11`); empty where none
/// answered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PresenceReport {
    /// What says the screen is locked.
    pub lock: Vec<String>,
    /// What says the machine goes to sleep.
    pub sleep: Option<String>,
    /// What says how long since the last input; `None` also when idleness is not watched.
    pub idle: Option<String>,
    /// What says whether a fullscreen window has the focus (`X11`).
    pub screen: Option<String>,
    /// What says whether the screen is shared (`org.gnome.Mutter.ScreenCast`).
    pub share: Option<String>,
}

/// Where the sources' secrets are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SecretsReport {
    /// The desktop's Secret Service (gnome-keyring, KWallet).
    SecretService,
    /// No Secret Service answered: a file only the user can read (mode 0600).
    File { path: String },
}

/// How one remote subscription is doing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubscriptionStatus {
    /// The subscription's id in the settings.
    pub id: String,
    pub status: SourceStatus,
}

/// `GET /v1/status`: the engine's [`Status`] and, where the instance runs its followers (the
/// desktop app and `lull serve` do; a bare router in a test does not), the desktop's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusReport {
    #[serde(flatten)]
    #[ts(flatten)]
    pub status: Status,
    pub desktop: Option<DesktopReport>,
}
