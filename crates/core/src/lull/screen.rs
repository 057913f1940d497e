//! The screen on show: what the screen sources report, and what it does to held messages.
//!
//! While a fullscreen window has the focus or the screen is shared, in work hours, the mode is
//! Quiet (reason presenting): messages are held, and the rules that break through a block still
//! apply (the notifier shows what breaks through without its text). When it ends, what was held
//! comes in one digest (reason presenting).

use super::{Change, Lull};
use crate::screen::{Presenting, Screen, ScreenSettings};

/// What the screen shows, in memory only (see `screen.rs` for why).
#[derive(Debug, Clone, Default)]
pub(super) struct ScreenState {
    screen: Screen,
    pub(super) presenting: Option<Presenting>,
}

impl ScreenState {
    /// Whether a screen on show holds messages now.
    pub(super) fn holding(&self, settings: &ScreenSettings) -> bool {
        settings.quiet && self.presenting.is_some()
    }
}

impl Lull {
    /// What the desktop says about the screen now. Repeating the present report does nothing.
    pub fn set_screen(&mut self, screen: Screen) {
        let previous = self.screen.screen;
        if screen == previous {
            return;
        }
        let now = self.now();
        self.screen.presenting = screen
            .on_show()
            .then(|| Presenting { screen, since: self.screen.presenting.map_or(now, |p| p.since) });
        self.screen.screen = screen;
        self.push(Change::ScreenChanged { screen, previous, presenting: self.screen.presenting });
    }
}
