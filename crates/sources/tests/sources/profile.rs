//! A profile that outlives each run of Lull on it: what the tests and the bench start the
//! sources in. The clock stands still on a Wednesday at 11:00 in Berlin, inside the default work
//! hours, so a message is delivered unless a test starts a block.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::TimeZone;
use lull_core::{Engine, Lull, ManualClock, Settings, SourceStatus};
use tokio::sync::watch;

/// A data directory and a clock.
#[derive(Debug)]
pub struct Profile {
    pub dir: tempfile::TempDir,
    pub clock: ManualClock,
}

impl Default for Profile {
    fn default() -> Self {
        Self::new()
    }
}

impl Profile {
    pub fn new() -> Self {
        let start = chrono::Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).single().expect("a valid instant");
        Self {
            dir: tempfile::tempdir().expect("a temp dir"),
            clock: ManualClock::new(start, chrono_tz::Tz::Europe__Berlin),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("lull.sqlite3")
    }

    pub fn secrets_file(&self) -> PathBuf {
        self.dir.path().join("config").join(lull_secrets::FILE_NAME)
    }

    /// The secrets file (the keyring has its own tests in `lull-secrets`).
    pub fn secrets(&self) -> lull_secrets::Secrets {
        lull_secrets::Secrets::in_file(&self.secrets_file(), self.dir.path())
    }

    /// What a source is given to open the secrets with.
    pub fn open_secrets(
        &self,
    ) -> impl Fn() -> std::future::Ready<lull_secrets::Secrets> + Send + Sync + 'static {
        let (file, dir) = (self.secrets_file(), self.dir.path().to_owned());
        move || std::future::ready(lull_secrets::Secrets::in_file(&file, &dir))
    }

    /// Opens the core and spawns the engine on the current runtime.
    pub fn engine(&self) -> Engine {
        let (lull, pending) = Lull::open(&self.db(), Arc::new(self.clock.clone())).expect("the core opens");
        let (engine, task) = Engine::new(lull, pending).expect("the engine starts");
        tokio::spawn(task);
        engine
    }

    /// The engine with its settings changed by `set`, and `source` started on it.
    pub async fn start(
        &self,
        set: impl FnOnce(&mut Settings),
        source: Box<dyn lull_sources::Source>,
    ) -> (Engine, watch::Receiver<SourceStatus>) {
        let engine = self.engine();
        let mut settings = engine.settings().await.expect("settings");
        set(&mut settings);
        engine.update_settings(settings).await.expect("the sources are valid settings");
        let running = lull_sources::start(source, &engine);
        (engine, running.watch())
    }
}
