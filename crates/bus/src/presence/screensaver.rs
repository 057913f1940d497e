//! The screen locker, through the ScreenSaver interfaces: `org.freedesktop.ScreenSaver` (KDE,
//! xfce4-screensaver, cinnamon, light-locker) and `org.gnome.ScreenSaver` (GNOME Shell).
//! `GetActive` says whether the screen is locked (or blanked, which is away as well) and
//! `ActiveChanged` says when that changes.
//!
//! A locker may start after Lull (a session's autostart order is anyone's guess) and may be
//! restarted: each service is followed through its owner's comings and goings on the bus.

use futures_util::StreamExt as _;
use tokio::sync::mpsc;
use zbus::Connection;

use super::Fact;

/// A ScreenSaver service: its bus name, object path and interface.
pub(super) type Service = (&'static str, &'static str, &'static str);

pub(super) const SERVICES: [Service; 2] = [
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
];

/// Follows `service` until the bus goes away or Lull stops.
pub(super) async fn follow(bus: Connection, service: Service, facts: mpsc::Sender<Fact>) {
    if let Err(err) = watch(&bus, service, &facts).await {
        tracing::debug!("presence: {} cannot be followed: {err}", service.0);
    }
}

async fn watch(
    bus: &Connection,
    (name, path, interface): Service,
    facts: &mpsc::Sender<Fact>,
) -> zbus::Result<()> {
    let dbus = zbus::fdo::DBusProxy::new(bus).await?;
    let mut owners = dbus.receive_name_owner_changed_with_args(&[(0, name)]).await?;
    let locker = zbus::Proxy::new(bus, name, path, interface).await?;
    let mut changes = locker.receive_signal("ActiveChanged").await?;
    let has_owner = dbus.name_has_owner(name.try_into()?).await?;
    if has_owner {
        ask(&locker, name, facts).await;
    }
    loop {
        tokio::select! {
            signal = changes.next() => {
                let Some(signal) = signal else { return Ok(()) };
                if let Ok(locked) = signal.body().deserialize::<bool>() {
                    tracing::debug!("presence: {name} says active = {locked}");
                    send(facts, Fact::Locked { by: name, locked }).await;
                }
            }
            owner = owners.next() => {
                let Some(owner) = owner else { return Ok(()) };
                let Ok(args) = owner.args() else { continue };
                if args.new_owner().is_some() {
                    ask(&locker, name, facts).await;
                } else {
                    send(facts, Fact::LockGone { by: name }).await;
                }
            }
        }
    }
}

/// Asks whether the screen is locked now. A service that owns the name only to inhibit the
/// screen saver (some do) and cannot answer is no witness.
async fn ask(locker: &zbus::Proxy<'_>, name: &'static str, facts: &mpsc::Sender<Fact>) {
    match locker.call::<_, _, bool>("GetActive", &()).await {
        Ok(locked) => send(facts, Fact::Locked { by: name, locked }).await,
        Err(err) => {
            tracing::debug!("presence: {name} does not say whether the screen is locked: {err}");
            send(facts, Fact::LockGone { by: name }).await;
        }
    }
}

pub(super) async fn send(facts: &mpsc::Sender<Fact>, fact: Fact) {
    // The follower stopped: Lull is quitting.
    let _ = facts.send(fact).await;
}
