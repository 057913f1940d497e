//! The first run. An app that creates a data directory starts Lull in it as *not yet set up*
//! ([`Lull::begin_first_run`]): until the user finishes (or skips) the first-run flow, the clock
//! never makes Lull Quiet (the timeline is Open all day and scheduled blocks wait), so nothing is
//! held unless the user starts a block themselves, and the status says `first_run`, which the
//! desktop followers read to leave capture and do-not-disturb off. A database that existed before
//! (an upgrade, a profile made by `lull settings import`) is set up already.

use serde::{Deserialize, Serialize};

use super::{Change, Lull};
use crate::error::Result;
use crate::store::state;

/// Where the first run's state is kept (in `engine_state`).
pub(super) const FIRST_RUN: &str = "first_run";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct FirstRun {
    pub(super) pending: bool,
}

impl Lull {
    /// Marks this Lull as not yet set up. The apps call it on a database they have just created;
    /// nothing else does, so an existing profile is never taken back to its first run.
    pub fn begin_first_run(&mut self) -> Result<()> {
        self.set_first_run(true)
    }

    /// Whether the first run is still to be finished.
    pub fn first_run(&self) -> bool {
        self.first_run.pending
    }

    /// Finishes (or skips) the first run: the work hours, capture and do-not-disturb in the
    /// settings take effect from now on. Finishing twice changes nothing.
    pub fn finish_first_run(&mut self) -> Result<()> {
        if !self.first_run.pending {
            return Ok(());
        }
        self.set_first_run(false)?;
        // The settings in force change (the work hours, capture, do-not-disturb now apply):
        // the followers that act on settings hear it like any other change of them.
        self.push(Change::SettingsChanged { settings: self.settings.clone() });
        Ok(())
    }

    fn set_first_run(&mut self, pending: bool) -> Result<()> {
        let first_run = FirstRun { pending };
        self.store.write(|tx| state::save(tx, FIRST_RUN, &first_run))?;
        self.first_run = first_run;
        Ok(())
    }
}
