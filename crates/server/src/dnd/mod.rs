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
//! empty because held notifications were closed in the daemon ([`crate::capture`]).

pub mod adapters;

use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use lull_core::desktop::DndStatus;
use lull_core::{Change, Engine, Mode};
use notify_rust::Urgency;
use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, oneshot, watch};
use zbus::Connection;

use self::adapters::Adapter;
use crate::notify::{self, Notice, Opener};

/// The longest a breakthrough keeps do-not-disturb lifted when its notification is never closed.
const MAX_LIFT: Duration = Duration::from_secs(15 * 60);

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

/// What `dnd.json` keeps while Lull has do-not-disturb on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Saved {
    adapter: String,
    prior_on: bool,
}

struct Engaged {
    adapter: Box<dyn Adapter>,
    prior_on: bool,
    /// Lifted for breakthrough notifications still on screen.
    lifted: bool,
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
    let mut modes = engine.watch_status();
    let mut changes = engine.subscribe();
    let mut wanted_by_settings = engine.settings().await.map(|s| s.desktop_dnd).unwrap_or(true);
    let mut control = Control { bus, file, engaged: None, status, detail: None, adapter_name: None };
    let mut leftover = control.read_saved();
    // Find the adapter once up front, so that the settings can name it before the first block.
    drop(control.detect().await);
    let mut lifts = FuturesUnordered::new();
    loop {
        let want = wanted_by_settings && modes.borrow().mode != Mode::Open;
        control.reconcile(want, lifts.is_empty(), &mut leftover).await;
        tokio::select! {
            changed = modes.changed() => if changed.is_err() { break },
            change = crate::next_change(&mut changes, "do-not-disturb") => match change {
                Some(Change::SettingsChanged { settings }) => wanted_by_settings = settings.desktop_dnd,
                Some(_) => {}
                None => break,
            },
            request = requests.recv() => match request {
                Some(Request::Settle(done)) => {
                    let want = wanted_by_settings && modes.borrow().mode != Mode::Open;
                    control.reconcile(want, lifts.is_empty(), &mut leftover).await;
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
        }
    }
    // The engine stopped (Lull is quitting): leave the desktop as it was found.
    control.reconcile(false, true, &mut None).await;
}

struct Control {
    bus: Option<Connection>,
    file: PathBuf,
    engaged: Option<Engaged>,
    status: watch::Sender<DndStatus>,
    detail: Option<String>,
    adapter_name: Option<&'static str>,
}

impl Control {
    async fn reconcile(&mut self, want: bool, no_lifts: bool, leftover: &mut Option<Saved>) {
        if want && self.engaged.is_none() {
            self.engage(leftover.take()).await;
        } else if !want && let Some(engaged) = self.engaged.take() {
            self.disengage(engaged).await;
        } else if !want && let Some(saved) = leftover.take() {
            self.restore_leftover(saved).await;
        }
        if no_lifts
            && let Some(engaged) = &mut self.engaged
            && engaged.lifted
        {
            engaged.lifted = false;
            if let Err(err) = engaged.adapter.set(true).await {
                self.detail = Some(err);
            }
        }
        self.publish();
    }

    async fn detect(&mut self) -> Option<Box<dyn Adapter>> {
        let Some(bus) = &self.bus else {
            self.detail = Some("there is no session bus".into());
            return None;
        };
        match adapters::detect(bus).await {
            Ok(Some(adapter)) => {
                self.adapter_name = Some(adapter.name());
                Some(adapter)
            }
            Ok(None) => {
                self.detail = Some("the running notification daemon has no do-not-disturb Lull knows".into());
                None
            }
            Err(err) => {
                self.detail = Some(err);
                None
            }
        }
    }

    async fn engage(&mut self, leftover: Option<Saved>) {
        let Some(mut adapter) = self.detect().await else { return };
        // After a crash the daemon still has Lull's do-not-disturb on: what it was before is in
        // the file, not in the daemon.
        let prior_on = match leftover.filter(|saved| saved.adapter == adapter.name()) {
            Some(saved) => saved.prior_on,
            None => match adapter.is_on().await {
                Ok(on) => on,
                Err(err) => {
                    self.detail = Some(err);
                    return;
                }
            },
        };
        let saved = Saved { adapter: adapter.name().into(), prior_on };
        if let Err(err) = write_saved(&self.file, &saved) {
            // Without the file a crash could leave do-not-disturb on for good: do not switch.
            self.detail = Some(format!("cannot write {}: {err}", self.file.display()));
            return;
        }
        if !prior_on && let Err(err) = adapter.set(true).await {
            self.detail = Some(err);
            let _ = std::fs::remove_file(&self.file);
            return;
        }
        self.detail = None;
        self.engaged = Some(Engaged { adapter, prior_on, lifted: false });
    }

    async fn disengage(&mut self, mut engaged: Engaged) {
        // Do-not-disturb is on now unless a breakthrough lifted it; leave it as it was before.
        let on_now = !engaged.lifted;
        if on_now != engaged.prior_on
            && let Err(err) = engaged.adapter.set(engaged.prior_on).await
        {
            self.detail = Some(err);
            return; // keep the file: the next start tries again
        }
        let _ = std::fs::remove_file(&self.file);
    }

    async fn restore_leftover(&mut self, saved: Saved) {
        let Some(adapter) = self.detect().await else { return };
        if adapter.name() == saved.adapter {
            self.disengage(Engaged { adapter, prior_on: saved.prior_on, lifted: false }).await;
        } else {
            let _ = std::fs::remove_file(&self.file); // another daemon runs now: nothing to restore
        }
    }

    /// Shows a breakthrough past do-not-disturb; returns a future that ends when a lift it
    /// needed can end.
    async fn show_through(
        &mut self,
        (summary, body, urgency, view): Notice,
        opener: Option<Opener>,
    ) -> Option<futures_util::future::BoxFuture<'static, ()>> {
        let Some(engaged) = &mut self.engaged else {
            notify::show_with((summary, body, urgency, view), opener);
            return None;
        };
        if engaged.adapter.lets_critical_through() {
            notify::show_with((summary, body, Urgency::Critical, view), opener);
            return None;
        }
        if !engaged.lifted {
            if let Err(err) = engaged.adapter.set(false).await {
                self.detail = Some(err);
            }
            engaged.lifted = true;
        }
        self.publish();
        let closed = notify::show_until_closed((summary, body, urgency, view), opener);
        Some(Box::pin(async move {
            let _ = tokio::time::timeout(MAX_LIFT, closed).await;
        }))
    }

    fn publish(&self) {
        let status = DndStatus {
            adapter: self.engaged.as_ref().map(|e| e.adapter.name()).or(self.adapter_name).map(str::to_owned),
            on: self.engaged.as_ref().is_some_and(|e| !e.lifted),
            detail: self.detail.clone(),
        };
        self.status.send_if_modified(|old| {
            let changed = *old != status;
            *old = status;
            changed
        });
    }

    fn read_saved(&self) -> Option<Saved> {
        let text = std::fs::read_to_string(&self.file).ok()?;
        serde_json::from_str(&text).ok()
    }
}

fn write_saved(file: &Path, saved: &Saved) -> std::io::Result<()> {
    let fresh = file.with_extension("json.new");
    let json = serde_json::to_vec(saved).map_err(std::io::Error::other)?;
    std::fs::write(&fresh, json)?;
    std::fs::File::open(&fresh)?.sync_all()?;
    std::fs::rename(fresh, file)
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::adapters::Fut;
    use super::*;

    /// An adapter that records what it was told.
    struct Fake {
        on: Arc<Mutex<bool>>,
    }

    impl Adapter for Fake {
        fn name(&self) -> &'static str {
            "fake"
        }
        fn is_on(&self) -> Fut<'_, bool> {
            let on = *self.on.lock().expect("lock");
            Box::pin(async move { Ok(on) })
        }
        fn set(&mut self, on: bool) -> Fut<'_, ()> {
            *self.on.lock().expect("lock") = on;
            Box::pin(async { Ok(()) })
        }
        fn lets_critical_through(&self) -> bool {
            false
        }
    }

    fn control(dir: &Path) -> Control {
        let (status, _) = watch::channel(DndStatus::default());
        Control {
            bus: None,
            file: dir.join("dnd.json"),
            engaged: None,
            status,
            detail: None,
            adapter_name: None,
        }
    }

    #[tokio::test]
    async fn leaving_restores_exactly_the_state_before_even_after_a_breakthrough_lifted_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        for (prior_on, lifted) in [(false, false), (false, true), (true, false), (true, true)] {
            let on = Arc::new(Mutex::new(!lifted)); // Lull's do-not-disturb, unless lifted
            let mut control = control(dir.path());
            std::fs::write(&control.file, "{}").expect("write");
            let engaged = Engaged { adapter: Box::new(Fake { on: on.clone() }), prior_on, lifted };
            control.disengage(engaged).await;
            assert_eq!(*on.lock().expect("lock"), prior_on, "prior {prior_on}, lifted {lifted}");
            assert!(!control.file.exists(), "the crash file is removed once restored");
        }
    }
}
