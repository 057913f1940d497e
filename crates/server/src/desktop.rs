//! The desktop integration that needs no window, started the same way by the desktop app and by
//! `lull serve`: notifications, the capture of other apps' notifications, and the desktop's
//! do-not-disturb. The handle reports how capture and do-not-disturb are doing.

use std::path::Path;

use lull_core::Engine;
use lull_core::desktop::{CaptureState, CaptureStatus, DndStatus};
use tokio::sync::watch;

use crate::dnd::Dnd;
use crate::notify::Opener;
use crate::{capture, notify};

#[derive(Clone, Debug)]
pub struct Desktop {
    capture: watch::Receiver<CaptureStatus>,
    dnd: Dnd,
}

impl Desktop {
    /// Starts everything on the current tokio runtime. `opener` opens a view of the window when
    /// a notification's action is clicked (the desktop app has one; `lull serve` does not).
    /// Call it before spawning the engine's task, so that nothing the engine says at start (a
    /// digest owed since a crash) is missed.
    pub fn start(engine: &Engine, data_dir: &Path, opener: Option<Opener>) -> Self {
        let dnd = Dnd::start(engine.clone(), data_dir, opener.clone());
        let (capture_tx, capture) = watch::channel(CaptureStatus::new(CaptureState::Starting, None));
        tokio::spawn(notify::run(engine.clone(), notify::Streams::subscribe(engine), dnd.clone(), opener));
        tokio::spawn(capture::run(engine.clone(), capture_tx, dnd.clone()));
        Self { capture, dnd }
    }

    pub fn capture(&self) -> CaptureStatus {
        self.capture.borrow().clone()
    }

    pub fn dnd(&self) -> DndStatus {
        self.dnd.status()
    }
}
