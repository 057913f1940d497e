//! The tick: applying what is due at the clock's present, and saying when that is next.
//!
//! The one decision here: a tick is a sequence of steps that each commit on their own, so a
//! failing step never takes back, or hides, what the steps before it committed.

use chrono::{DateTime, Utc};

use super::{Change, Lull};
use crate::error::{Error, Result};
use crate::store::messages;

/// What [`Lull::tick`] did: every change it committed, in order, and the error of the step that
/// failed, if one did. Publish the changes either way (they are in the database); the error says
/// that something due was not applied and the tick should be tried again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "publish the changes and report the error"]
pub struct Tick {
    pub changes: Vec<Change>,
    pub error: Option<Error>,
}

impl Tick {
    /// The changes, or the error if a step failed (dropping what was committed before it): for
    /// tests and for callers that stop at any failure.
    pub fn into_result(self) -> Result<Vec<Change>> {
        match self.error {
            Some(err) => Err(err),
            None => Ok(self.changes),
        }
    }
}

/// When to call [`Lull::tick`] next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "sleep until `at`, and sooner if there is an error"]
pub struct Wakeup {
    /// The earliest instant among the inputs that could be read; `None`: none of them has
    /// anything due.
    pub at: Option<DateTime<Utc>>,
    /// The first input that could not be read: something may be due before `at` (or at all, if
    /// `at` is `None`), so do not sleep on `at` alone; wake again soon to retry.
    pub error: Option<Error>,
}

impl Wakeup {
    /// The instant, or the error if an input could not be read: for tests and for callers that
    /// stop at any failure.
    pub fn into_result(self) -> Result<Option<DateTime<Utc>>> {
        match self.error {
            Some(err) => Err(err),
            None => Ok(self.at),
        }
    }
}

impl Lull {
    /// Applies everything that is due at the clock's current time. Call it after every wake-up
    /// and every command; calling it early or twice does nothing. A step that fails does not
    /// take back what the steps before it committed: those changes come with the error.
    pub fn tick(&mut self) -> Tick {
        self.settle(false)
    }

    pub(super) fn settle(&mut self, at_startup: bool) -> Tick {
        let now = self.now();
        let mut changes = Vec::new();
        let error = self.settle_steps(now, at_startup, &mut changes).err();
        Tick { changes, error }
    }

    /// The steps of a tick in their fixed order, each committing on its own and adding its
    /// changes once committed. The first failure stops the rest: each step reads what the one
    /// before left (a release must not run while a block that ended is still recorded as
    /// running), and whatever failed is retried, with the steps after it, at the next tick.
    fn settle_steps(
        &mut self,
        now: DateTime<Utc>,
        at_startup: bool,
        changes: &mut Vec<Change>,
    ) -> Result<()> {
        changes.extend(self.end_block_if_due(now, at_startup)?);
        changes.extend(self.start_scheduled_if_due(now)?);
        changes.extend(self.wake_snoozes(now)?);
        changes.extend(self.follow_mode(now)?);
        changes.extend(self.announce_due_pins(now)?);
        changes.extend(self.file_delivered(now)?);
        changes.extend(self.review_if_due(now)?);
        self.prune_once_a_day(now)
    }

    /// The next instant at which [`Lull::tick`] has something to do, if any. Each input (the
    /// block's deadline, the next mode change, snoozes, batches, the review) is read on its own,
    /// so one that cannot be read leaves the others' answer standing, with its error.
    pub fn next_wakeup(&self) -> Wakeup {
        let now = self.now();
        let mut wakeup = Wakeup::default();
        let mut consider = |candidate: Result<Option<DateTime<Utc>>>| match candidate {
            Ok(at) => wakeup.at = [wakeup.at, at].into_iter().flatten().min(),
            Err(err) => {
                wakeup.error.get_or_insert(err);
            }
        };
        consider(self.store.running_block().map(|b| b.map(|b| b.deadline)));
        consider(self.timeline(now).map(|timeline| timeline.next_change(now).map(|c| c.at)));
        consider(messages::next_snooze_end(self.store.conn()));
        consider(self.next_batch(now));
        consider(self.next_filing());
        consider(self.next_pin_due());
        consider(Ok(self.next_review(now)));
        wakeup
    }
}
