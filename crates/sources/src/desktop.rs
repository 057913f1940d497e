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
use futures_util::future::BoxFuture;
use lull_bus::Dnd;
use lull_core::{Change, Decision, Engine, NewMessage};
use notify_rust::Urgency;
use tokio::sync::watch;
use zbus::OwnedVariant as OwnedValue;
use zbus::message::Type;
use zbus::{Connection, MessageStream};

use crate::{SourceState as CaptureState, SourceStatus as CaptureStatus};

const DAEMON: &str = "org.freedesktop.Notifications";
const GTK: &str = "org.gtk.Notifications";

/// The arguments of `org.freedesktop.Notifications.Notify`.
type NotifyArgs = (String, u32, String, String, String, Vec<String>, HashMap<String, OwnedValue>, i32);
/// The arguments of `org.gtk.Notifications.AddNotification`: app id, notification id, fields.
type GtkArgs = (String, String, HashMap<String, OwnedValue>);

/// Other apps' desktop notifications, as a [`crate::Source`]. It needs the do-not-disturb handle:
/// a captured breakthrough while do-not-disturb is on is taken off the daemon and shown by Lull.
#[derive(Debug)]
pub struct Desktop {
    pub dnd: Dnd,
}

impl crate::Source for Desktop {
    fn name(&self) -> &'static str {
        "desktop"
    }

    fn run(self: Box<Self>, engine: Engine, status: watch::Sender<CaptureStatus>) -> BoxFuture<'static, ()> {
        Box::pin(run(engine, status, self.dnd))
    }
}

/// Captures while the settings say so, until the engine stops; reconnects when the bus
/// connection drops, and publishes how it is doing in `status` (the settings view shows it).
async fn run(engine: Engine, status: watch::Sender<CaptureStatus>, dnd: Dnd) {
    let mut changes = engine.subscribe_transitions();
    // Before the first run is finished Lull leaves other apps' notifications alone.
    let wanted = |engine: &Engine, settings: &lull_core::Settings| {
        settings.capture_desktop && !engine.status().first_run
    };
    let mut enabled = match engine.settings().await {
        Ok(settings) => wanted(&engine, &settings),
        Err(_) => return,
    };
    // Without a session bus (a server) retrying often is only noise and wake-ups: back off to
    // every five minutes.
    let mut backoff = Duration::from_secs(5);
    loop {
        if !enabled {
            let why = engine.status().first_run.then(|| "until the first run is finished".to_owned());
            status.send_replace(CaptureStatus::new(CaptureState::Off, why));
            loop {
                match lull_core::engine::next_change(&mut changes, "capture").await {
                    Some(Change::SettingsChanged { settings }) if wanted(&engine, &settings) => break,
                    Some(_) => {}
                    None => return,
                }
            }
            enabled = true;
        }
        status.send_replace(CaptureStatus::new(CaptureState::Starting, None));
        let outcome = tokio::select! {
            result = monitor(&engine, &status, &dnd) => Some(result),
            off = wait_until_off(&mut changes) => match off {
                Some(()) => None,
                None => return, // the engine is gone
            },
        };
        match outcome {
            None => enabled = false,
            Some(Ok(())) => backoff = Duration::from_secs(5), // the bus closed the stream: reconnect
            Some(Err(err)) => {
                let (state, detail) = match &err {
                    zbus::Error::MethodError(name, text, _) if name.as_str().ends_with("AccessDenied") => (
                        CaptureState::Refused,
                        format!(
                            "the session bus refused monitoring: {}",
                            text.as_deref().unwrap_or("access denied")
                        ),
                    ),
                    zbus::Error::Address(_) | zbus::Error::InputOutput(_) => {
                        (CaptureState::Unavailable, format!("no session bus to monitor ({err})"))
                    }
                    _ => (CaptureState::Starting, format!("retrying after an error: {err}")),
                };
                if status.borrow().detail.as_deref() != Some(detail.as_str()) {
                    tracing::warn!("capturing desktop notifications: {detail}");
                }
                status.send_replace(CaptureStatus::new(state, Some(detail)));
                tokio::select! {
                    () = tokio::time::sleep(backoff) => {}
                    off = wait_until_off(&mut changes) => match off {
                        Some(()) => enabled = false,
                        None => return,
                    },
                }
                backoff = (backoff * 2).min(Duration::from_secs(300));
            }
        }
    }
}

/// Waits until the settings switch capturing off; `None` when the engine stops.
async fn wait_until_off(changes: &mut tokio::sync::broadcast::Receiver<Change>) -> Option<()> {
    loop {
        match lull_core::engine::next_change(changes, "capture").await? {
            Change::SettingsChanged { settings } if !settings.capture_desktop => return Some(()),
            _ => {}
        }
    }
}

async fn monitor(engine: &Engine, status: &watch::Sender<CaptureStatus>, dnd: &Dnd) -> zbus::Result<()> {
    let bus = Connection::session().await?;
    // Replies are matched by the daemon's well-known name, which the bus resolves to whoever owns
    // it when the reply is sent: a restarted daemon is followed without reconnecting.
    let rules = [
        format!("type='method_call',interface='{DAEMON}',member='Notify'"),
        format!("type='method_return',sender='{DAEMON}'"),
        format!("type='method_call',interface='{GTK}',member='AddNotification'"),
    ];
    let bus_id: String = bus
        .call_method(
            Some("org.freedesktop.DBus"),
            "/org/freedesktop/DBus",
            Some("org.freedesktop.DBus"),
            "GetId",
            &(),
        )
        .await?
        .body()
        .deserialize()?;
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
    status.send_replace(CaptureStatus::new(CaptureState::Running, None));

    let mut pending = Pending::default();
    let mut stream = MessageStream::from(monitor);
    while let Some(message) = stream.try_next().await? {
        let header = message.header();
        match message.message_type() {
            Type::MethodCall if header.interface().is_some_and(|i| i.as_str() == GTK) => {
                if let Ok(args) = message.body().deserialize::<GtkArgs>() {
                    record_gtk(engine, &bus, dnd, args).await;
                }
            }
            Type::MethodCall => {
                let Some(caller) = header.sender().map(|s| s.to_string()) else { continue };
                let Ok(args) = message.body().deserialize::<NotifyArgs>() else { continue };
                if args.6.contains_key("x-lull") {
                    continue; // Lull's own
                }
                pending.insert((caller, header.primary().serial_num().get()), args);
            }
            Type::MethodReturn => {
                let (Some(serial), Some(caller)) =
                    (header.reply_serial(), header.destination().map(|d| d.to_string()))
                else {
                    continue;
                };
                let Some(args) = pending.take(&(caller, serial.get())) else { continue };
                let Ok(id) = message.body().deserialize::<u32>() else { continue };
                let daemon = header.sender().map(|s| s.to_string()).unwrap_or_default();
                // Ids restart with the daemon and the bus: the key names both, so that a new
                // daemon's id 1 is not taken for an old one's.
                let key = format!("{bus_id}/{daemon}/{id}");
                record(engine, &bus, dnd, id, key, args).await;
            }
            Type::Signal | Type::Error => {}
        }
    }
    Ok(())
}

/// `Notify` calls waiting for the daemon's reply, by (caller, serial). Under a flood thousands
/// are in flight at once, and every one must find its reply (a dropped one is never closed, and a
/// paused daemon would replay it at the block's end); only calls that stay unanswered for a long
/// time are given up, oldest first, so that a daemon that never answers cannot grow this forever.
#[derive(Default)]
struct Pending {
    calls: HashMap<(String, u32), NotifyArgs>,
    /// Keys in the order the calls were seen.
    order: std::collections::VecDeque<(String, u32)>,
}

impl Pending {
    /// Far more than a flood keeps in flight (each is one notification the daemon has not yet
    /// answered), far less than would matter for memory.
    const MAX: usize = 50_000;

    fn insert(&mut self, key: (String, u32), args: NotifyArgs) {
        while self.calls.len() >= Self::MAX {
            let Some(oldest) = self.order.pop_front() else { break };
            self.calls.remove(&oldest);
        }
        if self.calls.insert(key.clone(), args).is_none() {
            self.order.push_back(key);
        }
        // Answered calls leave their key behind in `order`; drop those from the front.
        while self.order.front().is_some_and(|k| !self.calls.contains_key(k)) {
            self.order.pop_front();
        }
        if self.order.len() > 2 * Self::MAX {
            let calls = &self.calls;
            self.order.retain(|k| calls.contains_key(k));
        }
    }

    fn take(&mut self, key: &(String, u32)) -> Option<NotifyArgs> {
        self.calls.remove(key)
    }
}

async fn record(engine: &Engine, bus: &Connection, dnd: &Dnd, id: u32, key: String, args: NotifyArgs) {
    let (app, replaces, icon, summary, body, _actions, hints, _timeout) = args;
    let urgency = hints.get("urgency").and_then(|v| u8::try_from(v).ok()).unwrap_or(1);
    let hint = |name: &str| hints.get(name).and_then(|v| String::try_from(v.clone()).ok());
    let icon = Some(icon).filter(|i| !i.is_empty()).or_else(|| hint("image-path"));
    let message = NewMessage {
        source: Some(lull_core::Source::Desktop),
        source_detail: Some(app).filter(|a| !a.is_empty()),
        title: Some(summary),
        body,
        priority: Some(match urgency {
            0 => 2,
            2 => 5,
            _ => 3,
        }),
        dedupe_key: Some(key),
        replace: replaces != 0,
        // The spec's hint for "the app that sent it", which "Open in <app>" launches later.
        app: hint("desktop-entry"),
        icon,
        ..NewMessage::default()
    };
    let close = || async {
        let closed = bus
            .call_method(
                Some(DAEMON),
                "/org/freedesktop/Notifications",
                Some(DAEMON),
                "CloseNotification",
                &id,
            )
            .await;
        if let Err(err) = closed {
            tracing::warn!("cannot close captured notification {id}: {err}");
        }
    };
    hold_or_pass(engine, dnd, message, close).await;
}

async fn record_gtk(engine: &Engine, bus: &Connection, dnd: &Dnd, (app, id, fields): GtkArgs) {
    let text = |name: &str| fields.get(name).and_then(|v| String::try_from(v.clone()).ok());
    let priority = match text("priority").as_deref() {
        Some("urgent") => 5,
        Some("high") => 4,
        Some("low") => 2,
        _ => 3,
    };
    let message = NewMessage {
        source: Some(lull_core::Source::Desktop),
        source_detail: Some(app.clone()).filter(|a| !a.is_empty()),
        title: text("title"),
        body: text("body").unwrap_or_default(),
        priority: Some(priority),
        dedupe_key: Some(format!("gtk/{app}/{id}")),
        replace: true, // the same id again replaces the notification
        // GTK names the app by its application id, which is its desktop entry's.
        app: Some(app.clone()),
        ..NewMessage::default()
    };
    let close = || async {
        let removed = bus
            .call_method(Some(GTK), "/org/gtk/Notifications", Some(GTK), "RemoveNotification", &(&app, &id))
            .await;
        if let Err(err) = removed {
            tracing::warn!("cannot remove captured notification {app}/{id}: {err}");
        }
    };
    hold_or_pass(engine, dnd, message, close).await;
}

/// Records a captured notification and takes it off the daemon when Lull holds it. A captured
/// notification that breaks through while do-not-disturb is on would wait in a paused daemon:
/// Lull takes it off too and shows it itself, past do-not-disturb.
async fn hold_or_pass<F: std::future::Future<Output = ()>>(
    engine: &Engine,
    dnd: &Dnd,
    message: NewMessage,
    close: impl FnOnce() -> F,
) {
    let notice = (
        message.title.clone().unwrap_or_default(),
        message.body.chars().take(400).collect::<String>(),
        if message.priority == Some(5) { Urgency::Critical } else { Urgency::Normal },
        Some("inbox"),
    );
    match engine.receive(message).await {
        // A replaced notification whose message is no longer held shows as the daemon shows it.
        Ok(receipt) if receipt.duplicate && receipt.release_at.is_none() => {}
        Ok(receipt) if receipt.decision == Decision::Held => close().await,
        Ok(receipt) if receipt.decision == Decision::BrokeThrough && dnd.status().on => {
            close().await;
            dnd.breakthrough(notice).await;
        }
        Ok(_) => {} // delivered: the daemon shows it already; never a second time
        Err(err) => tracing::warn!("a desktop notification could not be recorded: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(n: u32) -> NotifyArgs {
        ("Chat".into(), 0, String::new(), format!("message {n}"), String::new(), vec![], HashMap::new(), -1)
    }

    #[test]
    fn thousands_of_calls_in_flight_each_find_their_reply() {
        let mut pending = Pending::default();
        for serial in 0..5_000 {
            pending.insert((":1.42".into(), serial), args(serial));
        }
        for serial in 0..5_000 {
            let found = pending.take(&(":1.42".into(), serial));
            assert_eq!(found.map(|a| a.3), Some(format!("message {serial}")), "call {serial} kept");
        }
    }

    #[test]
    fn calls_never_answered_are_given_up_oldest_first_past_the_limit() {
        let mut pending = Pending::default();
        for serial in 0..(Pending::MAX as u32 + 10) {
            pending.insert((":1.7".into(), serial), args(serial));
        }
        assert_eq!(pending.calls.len(), Pending::MAX);
        assert!(pending.take(&(":1.7".into(), 9)).is_none(), "the oldest went first");
        assert!(pending.take(&(":1.7".into(), 10)).is_some(), "the rest stay");
    }
}
