//! Whether the screen is shared, from GNOME's compositor. Every screen cast on GNOME (a meeting
//! app's or a browser's through the desktop portal, GNOME's own recorder, remote desktop) is a
//! Mutter ScreenCast session with a stream for each monitor, window or area it sends: a stream
//! says `PipeWireStreamAdded` once it sends (to the session's owner only, so Lull listens as a
//! bus monitor, on a connection of its own that can do nothing else), and its session says
//! `Closed` when the cast ends. Lull starts no cast of its own.
//!
//! The signals only say when to look: what is shared is which streams exist (the children of
//! Mutter's stream path), read again at each signal and whenever Mutter comes to the bus, so a
//! cast that began before Lull counts and a signal some other client forges changes nothing.

use futures_util::StreamExt as _;
use tokio::sync::mpsc;
use zbus::Connection;

use super::Fact;
use super::screensaver::send;

pub(super) const NAME: &str = "org.gnome.Mutter.ScreenCast";
const STREAMS: &str = "/org/gnome/Mutter/ScreenCast/Stream";

/// Follows Mutter's screen casts until the bus goes away or Lull stops: `monitor` is a second
/// connection to the same bus, which becomes a monitor.
pub(super) async fn follow(bus: Connection, monitor: Connection, facts: mpsc::Sender<Fact>) {
    if let Err(err) = watch(&bus, monitor, &facts).await {
        tracing::debug!("screen: {NAME} cannot be followed: {err}");
    }
    send(&facts, Fact::ShareGone { by: NAME }).await;
}

async fn watch(bus: &Connection, monitor: Connection, facts: &mpsc::Sender<Fact>) -> zbus::Result<()> {
    let dbus = zbus::fdo::DBusProxy::new(bus).await?;
    let mut owners = dbus.receive_name_owner_changed_with_args(&[(0, NAME)]).await?;
    // Listening before the first look, so that a cast starting in between is not missed.
    let rules = [
        "type='signal',interface='org.gnome.Mutter.ScreenCast.Stream',member='PipeWireStreamAdded'",
        "type='signal',interface='org.gnome.Mutter.ScreenCast.Session',member='Closed'",
    ];
    monitor
        .call_method(
            Some("org.freedesktop.DBus"),
            "/org/freedesktop/DBus",
            Some("org.freedesktop.DBus.Monitoring"),
            "BecomeMonitor",
            &(rules.as_slice(), 0u32),
        )
        .await?;
    let mut signals = zbus::MessageStream::from(monitor);
    let mut shared = false;
    if dbus.name_has_owner(NAME.try_into()?).await? {
        send(facts, Fact::ShareWatched { by: NAME }).await;
        shared = look(bus, shared, facts).await;
    }
    loop {
        tokio::select! {
            signal = signals.next() => {
                let Some(Ok(signal)) = signal else { return Ok(()) };
                if signal.message_type() == zbus::message::Type::Signal {
                    shared = look(bus, shared, facts).await;
                }
            }
            owner = owners.next() => {
                let Some(owner) = owner else { return Ok(()) };
                let Ok(args) = owner.args() else { continue };
                if args.new_owner().is_some() {
                    send(facts, Fact::ShareWatched { by: NAME }).await;
                    shared = look(bus, shared, facts).await;
                } else {
                    // Mutter's casts end with it.
                    shared = false;
                    send(facts, Fact::ShareGone { by: NAME }).await;
                }
            }
        }
    }
}

/// Reads whether any stream exists and says so when that changed from `shared`.
async fn look(bus: &Connection, shared: bool, facts: &mpsc::Sender<Fact>) -> bool {
    let now = match streams(bus).await {
        Ok(streams) => streams > 0,
        Err(err) => {
            // No stream at all: GDBus knows no object at the path then.
            tracing::debug!("screen: no streams listed by {NAME}: {err}");
            false
        }
    };
    if now != shared {
        tracing::debug!("screen: {NAME} says shared = {now}");
        send(facts, Fact::Shared(now)).await;
    }
    now
}

/// How many streams Mutter has now: the child nodes of its stream path.
async fn streams(bus: &Connection) -> zbus::Result<usize> {
    let xml = zbus::fdo::IntrospectableProxy::builder(bus)
        .destination(NAME)
        .path(STREAMS)
        .build()
        .await?
        .introspect()
        .await?;
    Ok(xml.matches("<node name=").count())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use zbus::OwnedObjectPath;

    use super::super::desktop::{Mutter, PipeWire, SessionBus, next_fact, until_on_bus};
    use super::super::xvfb::Xvfb;
    use super::*;

    /// A screen cast as a meeting app starts one through the portal: a session recording an
    /// area of the screen, started.
    async fn cast(client: &Connection) -> OwnedObjectPath {
        let reply = client
            .call_method(
                Some(NAME),
                "/org/gnome/Mutter/ScreenCast",
                Some(NAME),
                "CreateSession",
                &(std::collections::HashMap::<&str, zbus::Variant<'_>>::new(),),
            )
            .await
            .expect("a session");
        let session: OwnedObjectPath = reply.body().deserialize().expect("its path");
        let interface = Some("org.gnome.Mutter.ScreenCast.Session");
        let area = (0, 0, 100, 100, std::collections::HashMap::<&str, zbus::Variant<'_>>::new());
        client.call_method(Some(NAME), &session, interface, "RecordArea", &area).await.expect("an area");
        client.call_method(Some(NAME), &session, interface, "Start", &()).await.expect("started");
        session
    }

    async fn stop(client: &Connection, session: &OwnedObjectPath) {
        let interface = Some("org.gnome.Mutter.ScreenCast.Session");
        client.call_method(Some(NAME), session, interface, "Stop", &()).await.expect("stopped");
    }

    async fn connect(bus: &SessionBus) -> Connection {
        zbus::connection::Builder::address(bus.address.as_str())
            .build()
            .await
            .expect("a connection to the private bus")
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[expect(clippy::await_holding_lock, reason = "held for the whole test, by tests only")]
    async fn real_mutter_s_screen_casts_are_followed_from_start_to_stop_and_through_a_restart() {
        let _alone = super::super::xvfb::one_window_manager_at_a_time();
        let x = Xvfb::start();
        let session = SessionBus::start();
        let pipewire = PipeWire::start(&session);
        let bus = connect(&session).await;
        let mut mutter = Mutter::start(&x, &session, Some(&pipewire));
        until_on_bus(&bus, NAME).await;

        // A cast that began before Lull counts.
        let app = connect(&session).await;
        let early = cast(&app).await;
        let (facts_tx, mut facts) = mpsc::channel(8);
        let follower = tokio::spawn(follow(bus.clone(), connect(&session).await, facts_tx));
        assert_eq!(next_fact(&mut facts).await, Fact::ShareWatched { by: NAME });
        assert_eq!(next_fact(&mut facts).await, Fact::Shared(true), "a cast was running");
        stop(&app, &early).await;
        assert_eq!(next_fact(&mut facts).await, Fact::Shared(false), "the cast stopped");

        let meeting = cast(&app).await;
        assert_eq!(next_fact(&mut facts).await, Fact::Shared(true), "a new cast");
        let second = connect(&session).await;
        let _recorder = cast(&second).await;
        stop(&app, &meeting).await;
        drop(second); // the recorder's app quits without stopping: Mutter ends its cast
        assert_eq!(next_fact(&mut facts).await, Fact::Shared(false), "both casts over");

        let _ = cast(&app).await;
        assert_eq!(next_fact(&mut facts).await, Fact::Shared(true));
        drop(mutter);
        assert_eq!(next_fact(&mut facts).await, Fact::ShareGone { by: NAME }, "Mutter gone: its casts too");
        mutter = Mutter::start(&x, &session, Some(&pipewire));
        assert_eq!(next_fact(&mut facts).await, Fact::ShareWatched { by: NAME }, "followed again");
        let app = connect(&session).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        let _ = cast(&app).await;
        assert_eq!(next_fact(&mut facts).await, Fact::Shared(true), "the new Mutter's cast");

        drop(mutter);
        follower.abort();
    }
}
