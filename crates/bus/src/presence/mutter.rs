//! Idleness on GNOME, from Mutter's idle monitor (`org.gnome.Mutter.IdleMonitor` on the session
//! bus). GNOME Shell's compositor sees every keypress and pointer motion, where in a Wayland
//! session the X server (Xwayland) sees only its own clients' and would call someone typing in a
//! Wayland app idle: when Mutter is there, it is the witness and the X server is not asked.
//!
//! Never polled: an idle watch fires each time the user has been idle for the limit, and a
//! user-active watch (which Mutter fires once, then forgets) when they come back. Watches belong
//! to the connection that added them and end with Mutter, so when GNOME Shell restarts (X11's
//! Alt+F2 r) they are added again, and while it is gone nobody is idle.

use std::time::Duration;

use futures_util::StreamExt as _;
use tokio::sync::{mpsc, watch};
use zbus::Connection;

use super::Fact;
use super::screensaver::send;

pub(super) const NAME: &str = "org.gnome.Mutter.IdleMonitor";
const PATH: &str = "/org/gnome/Mutter/IdleMonitor/Core";

/// Whether Mutter's idle monitor is on `bus` now.
pub(super) async fn present(bus: &Connection) -> bool {
    let Ok(dbus) = zbus::fdo::DBusProxy::new(bus).await else { return false };
    let Ok(name) = NAME.try_into() else { return false };
    dbus.name_has_owner(name).await.unwrap_or(false)
}

/// Follows Mutter's idle monitor with the limit `limits` holds (`None`: idleness is not
/// watched) until the bus goes away or Lull stops.
pub(super) async fn follow(
    bus: Connection,
    limits: watch::Receiver<Option<Duration>>,
    facts: mpsc::Sender<Fact>,
) {
    if let Err(err) = watch_idle(&bus, limits, &facts).await {
        tracing::debug!("presence: {NAME} cannot be followed: {err}");
    }
    send(&facts, Fact::IdleGone { by: NAME }).await;
}

async fn watch_idle(
    bus: &Connection,
    mut limits: watch::Receiver<Option<Duration>>,
    facts: &mpsc::Sender<Fact>,
) -> zbus::Result<()> {
    let dbus = zbus::fdo::DBusProxy::new(bus).await?;
    let mut owners = dbus.receive_name_owner_changed_with_args(&[(0, NAME)]).await?;
    let proxy = zbus::Proxy::new(bus, NAME, PATH, NAME).await?;
    let mut fired = proxy.receive_signal("WatchFired").await?;
    let mut monitor = Monitor { proxy, idle_watch: None, active_watch: None, idle: false };
    let mut on_bus = dbus.name_has_owner(NAME.try_into()?).await?;
    if on_bus {
        let limit = *limits.borrow_and_update();
        monitor.arm(limit, facts).await?;
    }
    loop {
        tokio::select! {
            signal = fired.next() => {
                let Some(signal) = signal else { return Ok(()) };
                if let Ok(id) = signal.body().deserialize::<u32>() {
                    monitor.fired(id, facts).await?;
                }
            }
            owner = owners.next() => {
                let Some(owner) = owner else { return Ok(()) };
                let Ok(args) = owner.args() else { continue };
                monitor.forget(facts).await;
                on_bus = args.new_owner().is_some();
                if on_bus {
                    let limit = *limits.borrow_and_update();
                    monitor.arm(limit, facts).await?;
                } else {
                    send(facts, Fact::IdleGone { by: NAME }).await;
                }
            }
            changed = limits.changed() => {
                if changed.is_err() {
                    return Ok(()); // the presence follower stopped
                }
                if on_bus {
                    monitor.disarm().await;
                    let limit = *limits.borrow_and_update();
                    monitor.arm(limit, facts).await?;
                }
            }
        }
    }
}

/// Lull's watches on Mutter's idle monitor, and what they said last.
struct Monitor {
    proxy: zbus::Proxy<'static>,
    /// Fires each time the user has been idle for the limit.
    idle_watch: Option<u32>,
    /// Added once the user is idle; fires (once) at their next input.
    active_watch: Option<u32>,
    idle: bool,
}

impl Monitor {
    /// Watches for `limit` of idleness (`None`: not at all), and says whether the user is idle
    /// already.
    async fn arm(&mut self, limit: Option<Duration>, facts: &mpsc::Sender<Fact>) -> zbus::Result<()> {
        let Some(limit) = limit else {
            self.set_idle(false, facts).await;
            return Ok(());
        };
        let ms = u64::try_from(limit.as_millis()).unwrap_or(u64::MAX);
        self.idle_watch = Some(self.proxy.call("AddIdleWatch", &(ms,)).await?);
        send(facts, Fact::IdleWatched { by: NAME }).await;
        // A user idle for longer already: the watch may fire at once as well, or only after
        // the next input and `limit` more; either way the user is idle now.
        let idle_for: u64 = self.proxy.call("GetIdletime", &()).await?;
        if idle_for >= ms {
            self.became_idle(facts).await?;
        } else {
            self.set_idle(false, facts).await;
        }
        Ok(())
    }

    async fn fired(&mut self, id: u32, facts: &mpsc::Sender<Fact>) -> zbus::Result<()> {
        if Some(id) == self.idle_watch {
            self.became_idle(facts).await?;
        } else if Some(id) == self.active_watch {
            self.active_watch = None;
            self.set_idle(false, facts).await;
        }
        Ok(())
    }

    async fn became_idle(&mut self, facts: &mpsc::Sender<Fact>) -> zbus::Result<()> {
        if self.active_watch.is_none() {
            self.active_watch = Some(self.proxy.call("AddUserActiveWatch", &()).await?);
        }
        self.set_idle(true, facts).await;
        Ok(())
    }

    async fn set_idle(&mut self, idle: bool, facts: &mpsc::Sender<Fact>) {
        if self.idle != idle {
            self.idle = idle;
            send(facts, Fact::Idle(idle)).await;
        }
    }

    /// Removes the watches from Mutter (for a new limit).
    async fn disarm(&mut self) {
        for id in [self.idle_watch.take(), self.active_watch.take()].into_iter().flatten() {
            if let Err(err) = self.proxy.call::<_, _, ()>("RemoveWatch", &(id,)).await {
                tracing::debug!("presence: {NAME} kept watch {id}: {err}");
            }
        }
    }

    /// Mutter went away or was replaced: its watches went with it, and so did its word.
    async fn forget(&mut self, facts: &mpsc::Sender<Fact>) {
        self.idle_watch = None;
        self.active_watch = None;
        self.set_idle(false, facts).await;
    }
}

#[cfg(test)]
mod tests {
    use x11rb::connection::Connection as _;
    use x11rb::protocol::xtest::ConnectionExt as _;

    use super::super::desktop::{Mutter, SessionBus, next_fact, until_on_bus};
    use super::super::xvfb::Xvfb;
    use super::*;

    /// Someone moves the mouse (through XTEST, which Mutter counts as input).
    fn input(x: &Xvfb, at: i16) {
        let (conn, screen) = x11rb::connect(Some(&x.display)).expect("a client");
        let root = conn.setup().roots[screen].root;
        conn.xtest_fake_input(6, 1, 0, root, at, at, 0).expect("motion");
        conn.flush().expect("flushed");
    }

    /// The next fact while someone keeps moving the mouse, as a user coming back does (one
    /// motion now and then: under load Mutter was seen to miss a single one).
    async fn moving(x: &Xvfb, facts: &mut mpsc::Receiver<Fact>) -> Fact {
        for at in 20..70 {
            input(x, at);
            if let Ok(Some(fact)) = tokio::time::timeout(Duration::from_millis(200), facts.recv()).await {
                return fact;
            }
        }
        panic!("no fact within 10 s of input");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[expect(clippy::await_holding_lock, reason = "held for the whole test, by tests only")]
    async fn real_mutter_says_when_the_user_is_idle_and_back_and_its_restart_is_followed() {
        let _alone = super::super::xvfb::one_window_manager_at_a_time();
        let x = Xvfb::start();
        let session = SessionBus::start();
        let bus = zbus::connection::Builder::address(session.address.as_str())
            .build()
            .await
            .expect("a connection to the private bus");
        let mut mutter = Mutter::start(&x, &session, None);
        until_on_bus(&bus, NAME).await;

        let (limit_tx, limits) = watch::channel(Some(Duration::from_millis(800)));
        let (facts_tx, mut facts) = mpsc::channel(8);
        let follower = tokio::spawn(follow(bus.clone(), limits, facts_tx));
        assert_eq!(next_fact(&mut facts).await, Fact::IdleWatched { by: NAME });
        input(&x, 10);
        assert_eq!(next_fact(&mut facts).await, Fact::Idle(true), "no input for longer than the limit");
        assert_eq!(moving(&x, &mut facts).await, Fact::Idle(false), "input ends idleness");
        assert_eq!(next_fact(&mut facts).await, Fact::Idle(true), "the idle watch fires again");

        limit_tx.send(None).expect("the setting changes");
        assert_eq!(next_fact(&mut facts).await, Fact::Idle(false), "not watched: nobody is idle");
        limit_tx.send(Some(Duration::from_millis(800))).expect("the setting changes back");
        assert_eq!(next_fact(&mut facts).await, Fact::IdleWatched { by: NAME });
        assert_eq!(next_fact(&mut facts).await, Fact::Idle(true), "idle for longer already");

        drop(mutter);
        assert_eq!(next_fact(&mut facts).await, Fact::Idle(false), "Mutter gone: its word with it");
        assert_eq!(next_fact(&mut facts).await, Fact::IdleGone { by: NAME });
        mutter = Mutter::start(&x, &session, None);
        assert_eq!(next_fact(&mut facts).await, Fact::IdleWatched { by: NAME }, "followed again");
        input(&x, 30);
        assert_eq!(next_fact(&mut facts).await, Fact::Idle(true), "the new Mutter's watch fires");

        drop(mutter);
        follower.abort();
    }
}
