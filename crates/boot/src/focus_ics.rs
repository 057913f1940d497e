//! `focus.ics`: the accepted focus proposals as a calendar file in the data directory, for the
//! user's calendar app to subscribe to (Lull serves nothing: the file is all there is). Written
//! when the engine starts, when a proposal is answered and when the settings change; removed
//! when the setting is off. Each write replaces the file whole (a new file, then a rename), so a
//! calendar app never reads half of one.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use lull_core::{Change, Engine, paths};

/// The file's name in the data directory.
pub const FILE_NAME: &str = "focus.ics";

/// Where the file is while it is kept, for the settings view.
#[derive(Debug, Clone, Default)]
pub struct Written(Arc<Mutex<Option<PathBuf>>>);

impl Written {
    pub fn path(&self) -> Option<PathBuf> {
        self.0.lock().ok().and_then(|path| path.clone())
    }

    fn set(&self, path: Option<PathBuf>) {
        if let Ok(mut seen) = self.0.lock() {
            *seen = path;
        }
    }
}

/// Subscribes now, then keeps the file as the engine says until it stops.
pub fn start(engine: &Engine, data_dir: &Path) -> Written {
    let changes = engine.subscribe_transitions();
    let written = Written::default();
    tokio::spawn(run(engine.clone(), changes, data_dir.join(FILE_NAME), written.clone()));
    written
}

async fn run(
    engine: Engine,
    mut changes: tokio::sync::broadcast::Receiver<Change>,
    path: PathBuf,
    written: Written,
) {
    refresh(&engine, &path, &written).await;
    loop {
        let Some(change) = lull_core::engine::next_change(&mut changes, "focus.ics").await else { return };
        if matches!(change, Change::ProposalsChanged { .. } | Change::SettingsChanged { .. }) {
            refresh(&engine, &path, &written).await;
        }
    }
}

async fn refresh(engine: &Engine, path: &Path, written: &Written) {
    match engine.focus_calendar().await {
        Ok(Some(ics)) => match paths::write_atomically(path, ics.as_bytes()) {
            Ok(()) => written.set(Some(path.to_owned())),
            Err(err) => {
                tracing::warn!("focus.ics: cannot write {}: {err}", path.display());
                written.set(None);
            }
        },
        Ok(None) => {
            written.set(None);
            if let Err(err) = std::fs::remove_file(path)
                && err.kind() != std::io::ErrorKind::NotFound
            {
                tracing::warn!("focus.ics: cannot remove {}: {err}", path.display());
            }
        }
        Err(err) => tracing::warn!("focus.ics: cannot read the accepted blocks: {err}"),
    }
}
