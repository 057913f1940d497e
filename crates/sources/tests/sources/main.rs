//! The message sources against servers the tests start: mail against a real Dovecot; remote
//! ntfy topics and Gotify streams against stand-in servers on loopback (neither can be installed
//! here; see `docs/testing.md`).

mod dovecot;
mod gotify;
mod gotify_server;
mod imap;
mod ntfy;
mod ntfy_server;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::TimeZone;
use lull_core::request::InboxList;
use lull_core::{Engine, Lull, ManualClock, Message};

/// A data directory and a clock that outlive each run of Lull on them.
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

    pub fn secrets(&self) -> lull_secrets::Secrets {
        lull_secrets::Secrets::in_file(&self.secrets_file(), self.dir.path())
    }

    /// Opens the core and spawns the engine on the current runtime.
    pub fn engine(&self) -> Engine {
        let (lull, pending) = Lull::open(&self.db(), Arc::new(self.clock.clone())).expect("the core opens");
        let (engine, task) = Engine::new(lull, pending).expect("the engine starts");
        tokio::spawn(task);
        engine
    }
}

/// Every message in the inbox, newest first.
pub async fn inbox(engine: &Engine) -> Vec<Message> {
    let list = InboxList { limit: Some(500), ..InboxList::default() };
    engine.inbox(list).await.expect("the inbox reads").messages
}

/// Waits (20 s at most) until `check` is true.
pub async fn until<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let start = Instant::now();
    while !check().await {
        assert!(start.elapsed() < Duration::from_secs(20), "{what} within 20 s");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits (20 s at most) until the source's status is `state`, and returns it.
pub async fn until_state(
    status: &mut tokio::sync::watch::Receiver<lull_core::SourceStatus>,
    state: lull_core::SourceState,
) -> lull_core::SourceStatus {
    let wait = status.wait_for(|s| s.state == state);
    let found = match tokio::time::timeout(Duration::from_secs(20), wait).await {
        Ok(Ok(status)) => Some(status.clone()),
        _ => None,
    };
    found
        .unwrap_or_else(|| panic!("the source is {state:?} within 20 s; it is {:?}", status.borrow().clone()))
}
