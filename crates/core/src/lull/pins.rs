//! Pins with a due date come back: when the date comes (and Lull is Open, so that a block or the
//! night is not interrupted for it), the engine says so once, and the notifier shows it.

use chrono::{DateTime, Utc};

use super::{Change, Lull};
use crate::error::Result;
use crate::store::messages;
use crate::timeline::Mode;

impl Lull {
    /// Announces the pins whose due date has come, once each, while Open; in Focus or Quiet they
    /// wait for the next Open (a tick at the change of mode).
    pub(super) fn announce_due_pins(&mut self, now: DateTime<Utc>) -> Result<Option<Change>> {
        let due = messages::pins_due(self.store.conn(), now)?;
        if due.is_empty() || self.timeline(now)?.mode_at(now) != Mode::Open {
            return Ok(None);
        }
        self.store.write(|tx| messages::mark_pins_announced(tx, &due))?;
        Ok(Some(Change::PinsDue { messages: messages::get_many(self.store.conn(), &due)? }))
    }

    /// When the next pin falls due (a mode change is a wake-up of its own).
    pub(super) fn next_pin_due(&self) -> Result<Option<DateTime<Utc>>> {
        messages::next_pin_due(self.store.conn())
    }
}
