//! Away: what the presence sources report, and what it does to blocks and held messages.
//!
//! A spell away begins with the first report that is not `active` and ends with the next
//! `active` one. While it lasts in work hours the mode is Quiet (reason away): messages are held,
//! and the rules that break through a block still apply. On return, what was held comes in one
//! digest (reason away, with how long). The stretch of a spell during which the screen was locked
//! or the machine slept counts against the running block: it is added to the block's
//! `away_secs` and never counted as focus, and with `pause_blocks` the block's end moves by as
//! long (the block does not end while paused).

use chrono::{DateTime, Utc};

use super::{Change, Lull};
use crate::error::Result;
use crate::presence::{Away, AwaySettings, Presence};

/// Where the user is, in memory only (see `presence.rs` for why).
#[derive(Debug, Clone, Default)]
pub(super) struct PresenceState {
    presence: Presence,
    pub(super) away: Option<Away>,
    /// Since when the user has left the machine (locked or asleep): the stretch that counts
    /// against the running block.
    left_since: Option<DateTime<Utc>>,
    /// The spell that just ended: the next change into Open releases with reason away.
    returned: Option<Away>,
}

impl PresenceState {
    /// How the user is away, if being away holds messages.
    pub(super) fn holding(&self, settings: &AwaySettings) -> Option<Presence> {
        self.away.filter(|_| settings.hold).map(|away| away.presence)
    }

    /// Whether the running block is paused: the user has left and blocks pause.
    pub(super) fn pauses_blocks(&self, settings: &AwaySettings) -> bool {
        settings.pause_blocks && self.left_since.is_some()
    }

    /// The spell that ended since the last look, once.
    pub(super) fn take_returned(&mut self) -> Option<Away> {
        self.returned.take()
    }

    /// The seconds of `[started_at, until)` during which the user has been gone so far.
    pub(super) fn left_secs(&self, started_at: DateTime<Utc>, until: DateTime<Utc>) -> i64 {
        self.left_since.map_or(0, |since| (until - since.max(started_at)).num_seconds().max(0))
    }
}

impl Lull {
    /// What the desktop says about the user now. Repeating the present report does nothing.
    ///
    /// The report is taken even if the running block cannot be written (a full disk): the mode
    /// must follow the user back, and only that block's minutes away are lost.
    pub fn set_presence(&mut self, presence: Presence) -> Result<()> {
        let now = self.now();
        let previous = self.presence.presence;
        if presence == previous {
            return Ok(());
        }
        let back_at_the_desk = previous.left() && !presence.left();
        let left = presence.left().then(|| self.presence.left_since.unwrap_or(now));
        let settle = self.presence.left_since.filter(|_| back_at_the_desk);
        self.presence.left_since = left;
        self.presence.away = match presence {
            Presence::Active => {
                self.presence.returned = self.presence.away;
                None
            }
            _ => Some(Away { presence, since: self.presence.away.map_or(now, |away| away.since) }),
        };
        self.presence.presence = presence;
        self.push(Change::PresenceChanged { presence, previous, away: self.presence.away });
        match settle {
            Some(since) => self.count_time_gone(since, now),
            None => Ok(()),
        }
    }

    /// Adds `[since, now)` to the running block's time away (the part after it started); when
    /// blocks pause, its end moves by as long.
    fn count_time_gone(&mut self, since: DateTime<Utc>, now: DateTime<Utc>) -> Result<()> {
        let Some(block) = self.store.running_block()? else { return Ok(()) };
        let secs = (now - since.max(block.started_at)).num_seconds().max(0);
        if secs > 0 {
            self.store.add_block_away(block.id, secs, self.settings.away.pause_blocks)?;
        }
        Ok(())
    }
}
