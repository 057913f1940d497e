//! Where messages come from, besides the local HTTP API: one module per source, each behind
//! [`Source`]. A source reads its outside world (the session bus today; remote ntfy topics and
//! Gotify streams, IMAP mailboxes and calendars next) and hands every item to the engine's one
//! `receive` path, so dedupe, the breakthrough rules, holding and the digest are the same for
//! all of them. Each says how it is doing in a [`SourceStatus`], which Settings and
//! `lull sources` show.
//!
//! Adding a source: a module here with a type that implements [`Source`], started from
//! `lull-boot` with the others; its credentials live in the Secret Service, never in the
//! database.

pub mod calendar;
pub mod desktop;
pub mod gotify;
mod http;
pub mod imap;
pub mod ntfy;
mod remote;

pub use remote::Statuses;

use futures_util::future::BoxFuture;
use lull_core::Engine;
use tokio::sync::watch;

/// A place messages come from.
pub trait Source: Send + 'static {
    /// A short, stable name (`"desktop"`), as the settings view shows it.
    fn name(&self) -> &'static str;

    /// Reads the source until the engine stops, handing each item to [`Engine::receive`] and
    /// keeping `status` up to date. Reconnecting, backing off and catching up are the source's.
    fn run(self: Box<Self>, engine: Engine, status: watch::Sender<SourceStatus>) -> BoxFuture<'static, ()>;
}

/// A started source: how it is doing, from now on.
#[derive(Debug, Clone)]
pub struct Running {
    pub name: &'static str,
    status: watch::Receiver<SourceStatus>,
}

impl Running {
    pub fn status(&self) -> SourceStatus {
        self.status.borrow().clone()
    }

    /// A receiver of each status from now on.
    pub fn watch(&self) -> watch::Receiver<SourceStatus> {
        self.status.clone()
    }
}

/// Starts `source` on the current tokio runtime.
pub fn start(source: Box<dyn Source>, engine: &Engine) -> Running {
    let (status_tx, status) = watch::channel(SourceStatus::new(SourceState::Starting, None));
    let name = source.name();
    tokio::spawn(source.run(engine.clone(), status_tx));
    Running { name, status }
}

pub use lull_core::report::{SourceState, SourceStatus};
