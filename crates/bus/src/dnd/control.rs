//! The do-not-disturb state machine: engaging (saving what the user had to `dnd.json` first),
//! restoring (retried with a growing wait when the daemon refuses), and lifting for a
//! breakthrough. [`super::run`] drives it from the engine's mode.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify_rust::Urgency;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use zbus::Connection;

use super::DndStatus;
use super::adapters::{self, Adapter};
use crate::show::{self, Notice, Opener};

/// The longest a breakthrough keeps do-not-disturb lifted when its notification is never closed.
const MAX_LIFT: Duration = Duration::from_secs(15 * 60);
/// The longest wait between two attempts to put the user's do-not-disturb back.
const MAX_RETRY: Duration = Duration::from_secs(5 * 60);

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

/// Picks the adapter for the running daemon; tests pass one that needs no bus.
type Detector = Box<dyn Fn() -> Box<dyn Adapter> + Send + Sync>;

pub(super) struct Control {
    bus: Option<Connection>,
    file: PathBuf,
    engaged: Option<Engaged>,
    status: watch::Sender<DndStatus>,
    detail: Option<String>,
    adapter_name: Option<&'static str>,
    fixed: Option<Detector>,
    /// Failed attempts to put the user's do-not-disturb back, and when to try again.
    restore_failures: u32,
    pub(super) retry_at: Option<tokio::time::Instant>,
}

impl Control {
    pub(super) fn new(bus: Option<Connection>, file: PathBuf, status: watch::Sender<DndStatus>) -> Self {
        Self {
            bus,
            file,
            engaged: None,
            status,
            detail: None,
            adapter_name: None,
            fixed: None,
            restore_failures: 0,
            retry_at: None,
        }
    }

    pub(super) async fn reconcile(&mut self, want: bool, no_lifts: bool) {
        if want {
            if self.engaged.is_none() {
                self.engage().await;
            }
            // A restore still owed from the last block ends here: do-not-disturb stays on, and
            // what the user had is still the engaged state's, so nothing is lost.
            self.restore_failures = 0;
            self.retry_at = None;
        } else if self.retry_at.is_none_or(|at| tokio::time::Instant::now() >= at) {
            self.restore().await;
        }
        if no_lifts
            && let Some(engaged) = &mut self.engaged
            && engaged.lifted
            && want
        {
            engaged.lifted = false;
            if let Err(err) = engaged.adapter.set(true).await {
                self.detail = Some(err);
            }
        }
        self.publish();
    }

    pub(super) async fn detect(&mut self) -> Option<Box<dyn Adapter>> {
        if let Some(fixed) = &self.fixed {
            let adapter = fixed();
            self.adapter_name = Some(adapter.name());
            return Some(adapter);
        }
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

    async fn engage(&mut self) {
        let Some(mut adapter) = self.detect().await else { return };
        // What the user had is read from the file first: after a crash, or after a restore that
        // failed, the daemon has Lull's do-not-disturb on, and asking it would take Lull's own
        // setting for the user's.
        let prior_on = match self.read_saved().filter(|saved| saved.adapter == adapter.name()) {
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

    /// Puts back what the user had: from the engaged state, or from the file a crashed Lull left.
    /// A failure keeps both (the state and the file) and is tried again with a growing wait.
    async fn restore(&mut self) {
        let engaged = match self.engaged.take() {
            Some(engaged) => engaged,
            None => {
                let Some(saved) = self.read_saved() else { return };
                let Some(adapter) = self.detect().await else { return self.restore_failed(None) };
                if adapter.name() != saved.adapter {
                    let _ = std::fs::remove_file(&self.file); // another daemon runs now
                    return;
                }
                // Lull's do-not-disturb was on when it stopped.
                Engaged { adapter, prior_on: saved.prior_on, lifted: false }
            }
        };
        let mut engaged = engaged;
        // Do-not-disturb is on now unless a breakthrough lifted it; leave it as it was before.
        let on_now = !engaged.lifted;
        if on_now != engaged.prior_on
            && let Err(err) = engaged.adapter.set(engaged.prior_on).await
        {
            self.engaged = Some(engaged);
            return self.restore_failed(Some(err));
        }
        let _ = std::fs::remove_file(&self.file);
        self.restore_failures = 0;
        self.retry_at = None;
        self.detail = None;
    }

    fn restore_failed(&mut self, err: Option<String>) {
        self.restore_failures += 1;
        let wait = Duration::from_secs(2u64.pow(self.restore_failures.min(8))).min(MAX_RETRY);
        self.retry_at = Some(tokio::time::Instant::now() + wait);
        let why = err.or_else(|| self.detail.clone()).unwrap_or_else(|| "the daemon is gone".into());
        self.detail = Some(format!(
            "could not put do-not-disturb back as it was ({why}); trying again in {} s",
            wait.as_secs()
        ));
        tracing::warn!("do-not-disturb: {}", self.detail.as_deref().unwrap_or_default());
    }

    /// The notification daemon was replaced (restarted, or another one took its name). A new
    /// instance starts with do-not-disturb as its config says, so while Lull has it on it is put
    /// on the new one again. Another kind of daemon is engaged afresh at the next reconcile: what
    /// the old one had no longer matters.
    pub(super) async fn daemon_replaced(&mut self) {
        let Some(engaged) = self.engaged.take() else {
            drop(self.detect().await); // the settings name the daemon that runs now
            return self.publish();
        };
        match self.detect().await {
            Some(mut adapter) if adapter.name() == engaged.adapter.name() => {
                if !engaged.lifted {
                    self.detail = switch_on(adapter.as_mut()).await.err();
                }
                self.engaged = Some(Engaged { adapter, ..engaged });
            }
            _ => {
                let _ = std::fs::remove_file(&self.file);
            }
        }
        self.publish();
    }

    /// Shows a breakthrough past do-not-disturb; returns a future that ends when a lift it
    /// needed can end.
    pub(super) async fn show_through(
        &mut self,
        (summary, body, urgency, view): Notice,
        opener: Option<Opener>,
    ) -> Option<futures_util::future::BoxFuture<'static, ()>> {
        let Some(engaged) = &mut self.engaged else {
            show::show_with((summary, body, urgency, view), opener);
            return None;
        };
        if engaged.adapter.lets_critical_through() {
            show::show_with((summary, body, Urgency::Critical, view), opener);
            return None;
        }
        if !engaged.lifted {
            if let Err(err) = engaged.adapter.set(false).await {
                self.detail = Some(err);
            }
            engaged.lifted = true;
        }
        self.publish();
        let closed = show::show_until_closed((summary, body, urgency, view), opener);
        Some(Box::pin(async move {
            let _ = tokio::time::timeout(MAX_LIFT, closed).await;
        }))
    }

    fn publish(&self) {
        let status = DndStatus {
            adapter: self.engaged.as_ref().map(|e| e.adapter.name()).or(self.adapter_name).map(str::to_owned),
            on: self.engaged.as_ref().is_some_and(|e| !e.lifted),
            users: self.engaged.as_ref().is_some_and(|e| !e.lifted && e.prior_on),
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

/// Switches a daemon that has just taken the name on. Its objects may appear a moment after its
/// name, so a failure is tried again a few times, 100 ms apart.
async fn switch_on(adapter: &mut dyn Adapter) -> Result<(), String> {
    let mut tries = 0;
    loop {
        match adapter.set(true).await {
            Ok(()) => return Ok(()),
            Err(err) if tries >= 10 => return Err(err),
            Err(_) => tries += 1,
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn write_saved(file: &Path, saved: &Saved) -> std::io::Result<()> {
    let json = serde_json::to_vec(saved).map_err(std::io::Error::other)?;
    lull_core::paths::write_atomically(file, &json)
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::adapters::Fut;
    use super::*;

    /// An adapter that records what it was told, and fails the next `fail` switches.
    #[derive(Clone)]
    struct Fake {
        on: Arc<Mutex<bool>>,
        fail: Arc<Mutex<u32>>,
    }

    impl Fake {
        fn new(on: bool) -> Self {
            Self { on: Arc::new(Mutex::new(on)), fail: Arc::new(Mutex::new(0)) }
        }
        fn on(&self) -> bool {
            *self.on.lock().expect("lock")
        }
        fn fail_next(&self, n: u32) {
            *self.fail.lock().expect("lock") = n;
        }
    }

    impl Adapter for Fake {
        fn name(&self) -> &'static str {
            "fake"
        }
        fn is_on(&self) -> Fut<'_, bool> {
            let on = self.on();
            Box::pin(async move { Ok(on) })
        }
        fn set(&mut self, on: bool) -> Fut<'_, ()> {
            let mut fail = self.fail.lock().expect("lock");
            if *fail > 0 {
                *fail -= 1;
                return Box::pin(async { Err("gsettings: the daemon did not answer".to_owned()) });
            }
            *self.on.lock().expect("lock") = on;
            Box::pin(async { Ok(()) })
        }
        fn lets_critical_through(&self) -> bool {
            false
        }
    }

    fn control(dir: &Path, fake: &Fake) -> (Control, watch::Receiver<DndStatus>) {
        let (status, seen) = watch::channel(DndStatus::default());
        let mut control = Control::new(None, dir.join("dnd.json"), status);
        let fake = fake.clone();
        control.fixed = Some(Box::new(move || Box::new(fake.clone())));
        (control, seen)
    }

    #[tokio::test]
    async fn the_status_says_whether_the_do_not_disturb_that_is_on_is_lulls_or_the_users() {
        let dir = tempfile::tempdir().expect("temp dir");
        for (prior_on, users) in [(false, false), (true, true)] {
            let fake = Fake::new(prior_on);
            let (mut control, seen) = control(dir.path(), &fake);
            control.reconcile(true, true).await;
            let status = seen.borrow().clone();
            assert!(status.on, "on during Focus (the user's before: {prior_on})");
            assert_eq!(status.users, users, "whose it is, when the user's was on before: {prior_on}");
            control.reconcile(false, true).await;
            assert!(!seen.borrow().users, "nothing is on Lull's account once Open");
        }
    }

    #[tokio::test]
    async fn leaving_restores_exactly_the_state_before_even_after_a_breakthrough_lifted_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        for (prior_on, lifted) in [(false, false), (false, true), (true, false), (true, true)] {
            let fake = Fake::new(!lifted); // Lull's do-not-disturb, unless lifted
            let (mut control, _) = control(dir.path(), &fake);
            std::fs::write(&control.file, "{}").expect("write");
            control.engaged = Some(Engaged { adapter: Box::new(fake.clone()), prior_on, lifted });
            control.restore().await;
            assert_eq!(fake.on(), prior_on, "prior {prior_on}, lifted {lifted}");
            assert!(!control.file.exists(), "the crash file is removed once restored");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_restore_that_fails_is_retried_and_never_takes_lulls_own_setting_for_the_users() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fake = Fake::new(false); // the user had do-not-disturb off
        let (mut control, status) = control(dir.path(), &fake);
        control.reconcile(true, true).await;
        assert!(fake.on(), "a block switches it on");

        fake.fail_next(1);
        control.reconcile(false, true).await;
        assert!(fake.on(), "the restore failed once");
        let detail = status.borrow().detail.clone().unwrap_or_default();
        assert!(detail.starts_with("could not put do-not-disturb back"), "the settings say so: {detail}");
        assert!(status.borrow().on, "and that it is still on");
        assert!(control.file.exists(), "what the user had is kept on disk");

        // The next block starts before the retry: Lull's do-not-disturb is not the user's.
        control.reconcile(true, true).await;
        control.reconcile(false, true).await;
        assert!(!fake.on(), "the block's end puts back what the user had: off");
        assert!(!control.file.exists());
        assert_eq!(status.borrow().detail, None, "and the trouble is no longer shown");

        // A failure with no new block: retried after the wait, by itself.
        control.reconcile(true, true).await;
        fake.fail_next(1);
        control.reconcile(false, true).await;
        assert!(fake.on());
        let retry = control.retry_at.expect("a retry is planned");
        control.reconcile(false, true).await;
        assert!(fake.on(), "not before its time");
        tokio::time::sleep_until(retry).await;
        control.reconcile(false, true).await;
        assert!(!fake.on(), "restored by the retry");
    }

    #[tokio::test]
    async fn the_file_a_crashed_lull_left_is_preferred_over_asking_the_daemon() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fake = Fake::new(true); // Lull's leftover do-not-disturb
        let (mut control, _) = control(dir.path(), &fake);
        write_saved(&control.file, &Saved { adapter: "fake".into(), prior_on: false }).expect("write");
        control.reconcile(true, true).await; // Lull starts in a block
        control.reconcile(false, true).await;
        assert!(!fake.on(), "what the user had before the crash comes back");
    }
}
