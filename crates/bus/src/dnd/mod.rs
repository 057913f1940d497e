//! The desktop's do-not-disturb, driven by Lull's mode.
//!
//! Entering Focus or Quiet switches the running daemon's do-not-disturb on and remembers what it
//! was; leaving restores exactly that (if the user had it on, it stays on). What it was is also
//! written to `<data dir>/dnd.json` before anything is switched, so a Lull that crashed with
//! do-not-disturb on puts it back at its next start.
//!
//! A breakthrough must still reach the user. Where the daemon shows critical notifications in
//! do-not-disturb (GNOME, KDE, swaync, xfce) Lull shows it as critical; where it holds everything
//! (dunst 1.9, mako) Lull lifts do-not-disturb until that notification is closed. Re-pausing
//! earlier would put a shown notification back into dunst's queue, and the queue is otherwise
//! empty because held notifications were closed in the daemon (`lull_sources::desktop`).

pub mod adapters;
mod control;

use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use lull_core::{Change, Engine, Mode};
use tokio::sync::{mpsc, oneshot, watch};
use zbus::Connection;

use self::control::Control;
use crate::show::{Notice, Opener};

pub use lull_core::report::DndStatus;

/// A handle to the do-not-disturb task. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Dnd {
    requests: mpsc::Sender<Request>,
    status: watch::Receiver<DndStatus>,
}

#[derive(Debug)]
enum Request {
    /// Bring do-not-disturb in line with the latest mode, then answer: a digest shown right
    /// after a block ends must not land in a daemon that is still paused.
    Settle(oneshot::Sender<()>),
    /// Show a notification that broke through, past do-not-disturb.
    Breakthrough(Notice),
}

impl Dnd {
    /// Starts following the engine's mode. Without a session bus it only shows notifications.
    pub fn start(engine: Engine, data_dir: &Path, opener: Option<Opener>) -> Self {
        let (requests, inbox) = mpsc::channel(64);
        let (status_tx, status) = watch::channel(DndStatus::default());
        let file = data_dir.join("dnd.json");
        tokio::spawn(run(engine, file, inbox, status_tx, opener));
        Self { requests, status }
    }

    pub fn status(&self) -> DndStatus {
        self.status.borrow().clone()
    }

    /// Waits until do-not-disturb follows the latest mode (at most a second).
    pub async fn settle(&self) {
        let (tx, rx) = oneshot::channel();
        if self.requests.send(Request::Settle(tx)).await.is_ok() {
            let _ = tokio::time::timeout(Duration::from_secs(1), rx).await;
        }
    }

    pub async fn breakthrough(&self, notice: Notice) {
        let _ = self.requests.send(Request::Breakthrough(notice)).await;
    }
}

async fn run(
    engine: Engine,
    file: PathBuf,
    mut requests: mpsc::Receiver<Request>,
    status: watch::Sender<DndStatus>,
    opener: Option<Opener>,
) {
    let bus = Connection::session().await.ok();
    let control_bus = bus.clone();
    let mut modes = engine.watch_status();
    let mut changes = engine.subscribe_transitions();
    let mut wanted_by_settings = engine.settings().await.map(|s| s.desktop_dnd).unwrap_or(true);
    let mut control = Control::new(bus, file, status);
    // Find the adapter once up front, so that the settings can name it before the first block.
    drop(control.detect().await);
    let mut lifts = FuturesUnordered::new();
    let mut replaced = daemon_replacements(control_bus.as_ref()).await;
    loop {
        let want = wanted(wanted_by_settings, &modes.borrow());
        control.reconcile(want, lifts.is_empty()).await;
        let retry = control.retry_at;
        tokio::select! {
            changed = modes.changed() => if changed.is_err() { break },
            change = lull_core::engine::next_change(&mut changes, "do-not-disturb") => match change {
                Some(Change::SettingsChanged { settings }) => wanted_by_settings = settings.desktop_dnd,
                Some(_) => {}
                None => break,
            },
            request = requests.recv() => match request {
                Some(Request::Settle(done)) => {
                    let want = wanted(wanted_by_settings, &modes.borrow());
                    control.reconcile(want, lifts.is_empty()).await;
                    let _ = done.send(());
                }
                Some(Request::Breakthrough(notice)) => {
                    if let Some(closed) = control.show_through(notice, opener.clone()).await {
                        lifts.push(closed);
                    }
                }
                None => break,
            },
            Some(()) = lifts.next() => {} // a lifted breakthrough was closed: reconcile re-engages
            Some(_) = replaced.next() => control.daemon_replaced().await,
            () = sleep_until(retry) => {} // a failed restore is tried again
        }
    }
    // The engine stopped (Lull is quitting): leave the desktop as it was found.
    control.retry_at = None;
    control.reconcile(false, true).await;
}

/// Whether do-not-disturb should be on: asked for in the settings, the first run finished (until
/// then Lull leaves the desktop alone), and Focus or Quiet.
fn wanted(by_settings: bool, status: &lull_core::Status) -> bool {
    by_settings && !status.first_run && status.mode != Mode::Open
}

/// Each time a daemon takes `org.freedesktop.Notifications` (a restart, or another daemon);
/// never, without a bus.
async fn daemon_replacements(bus: Option<&Connection>) -> futures_util::stream::BoxStream<'static, ()> {
    let stream = async {
        let proxy = zbus::fdo::DBusProxy::new(bus?).await.ok()?;
        let changes = proxy.receive_name_owner_changed_with_args(&[(0, adapters::DAEMON)]).await.ok()?;
        Some(changes.filter_map(|signal| async move {
            let args = signal.args().ok()?;
            args.new_owner().is_some().then_some(())
        }))
    };
    match stream.await {
        Some(stream) => stream.boxed(),
        None => futures_util::stream::pending().boxed(),
    }
}

/// Resolves at `at`, or never.
async fn sleep_until(at: Option<tokio::time::Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
