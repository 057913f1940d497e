//! Capturing other apps' desktop notifications (Linux, session bus).
//!
//! Lull never replaces the user's notification daemon. It becomes a bus monitor
//! (`org.freedesktop.DBus.Monitoring.BecomeMonitor`) for `Notify` calls to the daemon and the
//! daemon's replies (which carry the notification's id), records each notification as a message
//! (source `desktop`, the app name as source detail), and when the policy holds it, closes it in
//! the daemon at once (`CloseNotification`), so that a paused daemon has nothing to replay when
//! the block ends: the user sees the one digest. Lull's own notifications carry the `x-lull` hint
//! and are not recorded again. If the bus refuses monitoring, Lull keeps running without capture.

use std::collections::HashMap;
use std::time::Duration;

use futures_util::TryStreamExt;
use lull_core::{Decision, Engine, NewMessage, Source};
use zbus::OwnedVariant;
use zbus::message::Type;
use zbus::{Connection, MessageStream};

const DAEMON: &str = "org.freedesktop.Notifications";

/// The arguments of `org.freedesktop.Notifications.Notify`.
type NotifyArgs = (String, u32, String, String, String, Vec<String>, HashMap<String, OwnedVariant>, i32);

/// Captures until the engine stops; reconnects when the bus connection drops or the daemon
/// restarts.
pub async fn run(engine: Engine) {
    // Without a session bus or a daemon (a server, a bare tiling session) retrying often is only
    // noise and wake-ups: say it once, then back off to every five minutes.
    let mut backoff = Duration::from_secs(5);
    let mut said = false;
    loop {
        match monitor(&engine).await {
            Ok(()) => backoff = Duration::from_secs(5), // the daemon changed: watch the new one
            Err(err) => {
                if !said {
                    eprintln!(
                        "lull: capturing desktop notifications is off for now ({err}); retrying in the background"
                    );
                    said = true;
                }
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(300));
            }
        }
        if engine.settings().await.is_err() {
            return; // the engine is gone
        }
    }
}

async fn monitor(engine: &Engine) -> zbus::Result<()> {
    let bus = Connection::session().await?;
    let daemon: String = bus
        .call_method(
            Some("org.freedesktop.DBus"),
            "/org/freedesktop/DBus",
            Some("org.freedesktop.DBus"),
            "GetNameOwner",
            &DAEMON,
        )
        .await?
        .body()
        .deserialize()?;
    let rules = [
        format!("type='method_call',interface='{DAEMON}',member='Notify'"),
        format!("type='method_return',sender='{daemon}'"),
        format!("type='signal',sender='org.freedesktop.DBus',member='NameOwnerChanged',arg0='{DAEMON}'"),
    ];
    let monitor = Connection::session().await?;
    let rules: Vec<&str> = rules.iter().map(String::as_str).collect();
    monitor
        .call_method(
            Some("org.freedesktop.DBus"),
            "/org/freedesktop/DBus",
            Some("org.freedesktop.DBus.Monitoring"),
            "BecomeMonitor",
            &(rules, 0u32),
        )
        .await?;

    // Notify calls waiting for the daemon's reply, by (caller, serial).
    let mut pending: HashMap<(String, u32), NotifyArgs> = HashMap::new();
    let mut stream = MessageStream::from(monitor);
    while let Some(message) = stream.try_next().await? {
        let header = message.header();
        match message.message_type() {
            Type::MethodCall => {
                let Some(caller) = header.sender().map(|s| s.to_string()) else { continue };
                let Ok(args) = message.body().deserialize::<NotifyArgs>() else { continue };
                if args.6.contains_key("x-lull") {
                    continue; // Lull's own
                }
                if pending.len() > 1000 {
                    pending.clear(); // a daemon that never answers must not grow this forever
                }
                pending.insert((caller, header.primary().serial_num().get()), args);
            }
            Type::MethodReturn => {
                let (Some(serial), Some(caller)) =
                    (header.reply_serial(), header.destination().map(|d| d.to_string()))
                else {
                    continue;
                };
                let Some(args) = pending.remove(&(caller, serial.get())) else { continue };
                let Ok(id) = message.body().deserialize::<u32>() else { continue };
                record(engine, &bus, &daemon, id, args).await;
            }
            Type::Signal => return Ok(()), // the daemon's name changed hands
            Type::Error => {}
        }
    }
    Ok(())
}

async fn record(engine: &Engine, bus: &Connection, daemon: &str, id: u32, args: NotifyArgs) {
    let (app, _replaces, _icon, summary, body, _actions, hints, _timeout) = args;
    let urgency = hints.get("urgency").and_then(|v| u8::try_from(v).ok()).unwrap_or(1);
    let message = NewMessage {
        source: Some(Source::Desktop),
        source_detail: Some(app).filter(|a| !a.is_empty()),
        title: Some(summary),
        body,
        priority: Some(match urgency {
            0 => 2,
            2 => 5,
            _ => 3,
        }),
        ..NewMessage::default()
    };
    match engine.receive(message).await {
        Ok(receipt) if receipt.decision == Decision::Held => {
            // Take it off the screen and out of a paused daemon's queue: it waits in Lull.
            let closed = bus
                .call_method(
                    Some(daemon),
                    "/org/freedesktop/Notifications",
                    Some(DAEMON),
                    "CloseNotification",
                    &id,
                )
                .await;
            if let Err(err) = closed {
                eprintln!("lull: cannot close held notification {id}: {err}");
            }
        }
        Ok(_) => {} // delivered: the daemon shows it already; never a second time
        Err(err) => eprintln!("lull: a desktop notification could not be recorded: {err}"),
    }
}
