//! logind on the system bus: `PrepareForSleep(true)` before the machine sleeps and
//! `PrepareForSleep(false)` after it wakes, and the session's `LockedHint`, which lockers
//! that speak to logind set (and `loginctl lock-session` asks for).
//!
//! The session is `session/auto`: the one this process belongs to. Lull started outside a
//! session (over SSH, from a service) has none, and then only sleep is followed.

use futures_util::StreamExt as _;
use tokio::sync::mpsc;
use zbus::Connection;

use super::Fact;
use super::screensaver::send;

pub(super) const NAME: &str = "logind";
const LOGIN1: &str = "org.freedesktop.login1";

pub(super) async fn follow(bus: Connection, facts: mpsc::Sender<Fact>) {
    if let Err(err) = watch(&bus, &facts).await {
        tracing::debug!("presence: logind cannot be followed: {err}");
    }
    send(&facts, Fact::LockGone { by: NAME }).await;
}

async fn watch(bus: &Connection, facts: &mpsc::Sender<Fact>) -> zbus::Result<()> {
    let manager =
        zbus::Proxy::new(bus, LOGIN1, "/org/freedesktop/login1", "org.freedesktop.login1.Manager").await?;
    let mut sleeps = manager.receive_signal("PrepareForSleep").await?;
    // Only a logind that runs is a witness; a system bus without one says nothing.
    let dbus = zbus::fdo::DBusProxy::new(bus).await?;
    if !dbus.name_has_owner(LOGIN1.try_into()?).await? {
        return Ok(());
    }
    send(facts, Fact::SleepWatched).await;
    let session = zbus::Proxy::new(
        bus,
        LOGIN1,
        "/org/freedesktop/login1/session/auto",
        "org.freedesktop.login1.Session",
    )
    .await?;
    let mut locks = match session.get_property::<bool>("LockedHint").await {
        Ok(locked) => {
            send(facts, Fact::Locked { by: NAME, locked }).await;
            Some(session.receive_property_changed::<bool>("LockedHint").await)
        }
        Err(err) => {
            tracing::debug!("presence: no logind session to follow the lock of: {err}");
            None
        }
    };
    loop {
        tokio::select! {
            signal = sleeps.next() => {
                let Some(signal) = signal else { return Ok(()) };
                if let Ok(asleep) = signal.body().deserialize::<bool>() {
                    tracing::info!("presence: logind says {}", if asleep { "going to sleep" } else { "awake" });
                    send(facts, Fact::Asleep(asleep)).await;
                }
            }
            Some(change) = async { match locks.as_mut() { Some(locks) => locks.next().await, None => None } } => {
                if let Ok(locked) = change.get().await {
                    send(facts, Fact::Locked { by: NAME, locked }).await;
                }
            }
        }
    }
}
