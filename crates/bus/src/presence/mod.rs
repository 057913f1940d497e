//! Presence: whether the user is at the machine, from what the desktop says, told to the engine.
//!
//! Three kinds of witness, each followed on its own and merged here: the screen locker (the
//! ScreenSaver interfaces on the session bus, `screensaver.rs`), logind on the system bus (sleep,
//! and the session's `LockedHint`, `logind.rs`), and the time since the last input: GNOME's
//! compositor when it is on the session bus (`mutter.rs`), else the X server (`idle.rs`).
//! Asleep wins over locked, locked over idle. The engine decides what being away means.
//! Beside them, whether the screen is on show: it is shared (GNOME's screen casts,
//! `screencast.rs`), or a fullscreen window has the focus (`fullscreen.rs`), told to the engine
//! as the screen's state; shared wins over fullscreen.
//!
//! The one decision: a witness that leaves the bus (a locker that crashed, a restarted logind)
//! takes its word with it. A lock nobody reports any more is no lock, so Lull never stays away
//! because a program died.

#[cfg(test)]
mod desktop;
mod fullscreen;
mod idle;
mod logind;
mod mutter;
mod screencast;
mod screensaver;
#[cfg(test)]
mod xvfb;

use std::collections::BTreeMap;

use lull_core::report::PresenceReport;
use lull_core::{Change, Engine, Presence, Screen};
use tokio::sync::{mpsc, watch};
use zbus::Connection;

/// What one witness says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fact {
    /// `by` answers for the screen lock (it is on the bus and said whether it is locked).
    Locked {
        by: &'static str,
        locked: bool,
    },
    /// `by` left the bus: its lock no longer counts.
    LockGone {
        by: &'static str,
    },
    /// logind answers for sleep.
    SleepWatched,
    Asleep(bool),
    /// `by` answers for idleness.
    IdleWatched {
        by: &'static str,
    },
    /// `by` left the bus: it answers for idleness no longer.
    IdleGone {
        by: &'static str,
    },
    Idle(bool),
    /// `by` answers for fullscreen windows.
    ScreenWatched {
        by: &'static str,
    },
    /// Whether the focused window is fullscreen.
    Fullscreen(bool),
    /// `by` answers for screen sharing.
    ShareWatched {
        by: &'static str,
    },
    /// `by` left the bus, and its casts with it.
    ShareGone {
        by: &'static str,
    },
    /// Whether the screen is shared.
    Shared(bool),
}

/// Everything the witnesses said last.
#[derive(Debug, Default)]
struct Facts {
    locked: BTreeMap<&'static str, bool>,
    asleep: bool,
    idle: bool,
    fullscreen: bool,
    shared: bool,
    report: PresenceReport,
}

impl Facts {
    fn apply(&mut self, fact: Fact) {
        match fact {
            Fact::Locked { by, locked } => {
                self.locked.insert(by, locked);
            }
            Fact::LockGone { by } => {
                self.locked.remove(by);
            }
            Fact::SleepWatched => self.report.sleep = Some(logind::NAME.to_owned()),
            Fact::Asleep(asleep) => self.asleep = asleep,
            Fact::IdleWatched { by } => self.report.idle = Some(by.to_owned()),
            Fact::IdleGone { by } => {
                if self.report.idle.as_deref() == Some(by) {
                    self.report.idle = None;
                    self.idle = false;
                }
            }
            Fact::Idle(idle) => self.idle = idle,
            Fact::ScreenWatched { by } => self.report.screen = Some(by.to_owned()),
            Fact::Fullscreen(fullscreen) => self.fullscreen = fullscreen,
            Fact::ShareWatched { by } => self.report.share = Some(by.to_owned()),
            Fact::ShareGone { by } => {
                if self.report.share.as_deref() == Some(by) {
                    self.report.share = None;
                    self.shared = false;
                }
            }
            Fact::Shared(shared) => self.shared = shared,
        }
        self.report.lock = self.locked.keys().map(|by| (*by).to_owned()).collect();
    }

    fn screen(&self) -> Screen {
        if self.shared {
            Screen::Shared
        } else if self.fullscreen {
            Screen::Fullscreen
        } else {
            Screen::Private
        }
    }

    fn presence(&self) -> Presence {
        if self.asleep {
            Presence::Asleep
        } else if self.locked.values().any(|&locked| locked) {
            Presence::Locked
        } else if self.idle {
            Presence::Idle
        } else {
            Presence::Active
        }
    }
}

/// Who tells the time since the last input: GNOME's compositor when it is on the session bus as
/// Lull starts (on Wayland the X server sees only its own clients' input), else the X server.
enum IdleWitness {
    Mutter(watch::Sender<Option<std::time::Duration>>),
    X11(idle::Idle),
}

impl IdleWitness {
    fn set_minutes(&self, minutes: Option<u32>) {
        match self {
            Self::Mutter(limits) => {
                let _ = limits.send(minutes.map(idle::limit));
            }
            Self::X11(idle) => idle.set_minutes(minutes),
        }
    }
}

/// The presence follower's handle: which witnesses answer.
#[derive(Debug, Clone)]
pub struct Watch {
    report: watch::Receiver<PresenceReport>,
}

impl Watch {
    pub fn report(&self) -> PresenceReport {
        self.report.borrow().clone()
    }
}

/// Starts following the user's presence on the buses the environment names (the session bus,
/// the system bus, `DISPLAY`), on the current tokio runtime.
pub fn start(engine: &Engine) -> Watch {
    let (report, watch) = watch::channel(PresenceReport::default());
    let engine = engine.clone();
    tokio::spawn(async move {
        let session = Connection::session().await.ok();
        let system = Connection::system().await.ok();
        let monitor = Connection::session().await.ok();
        run(engine, session, system, monitor, idle::Display::FromEnvironment, report).await;
    });
    Watch { report: watch }
}

/// [`start`] on the buses given (`None`: there is none), for tests on private buses; the X
/// server and screen sharing are not followed there.
pub fn start_on(engine: &Engine, session: Option<Connection>, system: Option<Connection>) -> Watch {
    let (report, watch) = watch::channel(PresenceReport::default());
    tokio::spawn(run(engine.clone(), session, system, None, idle::Display::None, report));
    Watch { report: watch }
}

async fn run(
    engine: Engine,
    session: Option<Connection>,
    system: Option<Connection>,
    // A second session connection, for the screen-sharing witness to monitor the bus with.
    share_monitor: Option<Connection>,
    display: idle::Display,
    report: watch::Sender<PresenceReport>,
) {
    let (facts_tx, mut facts_rx) = mpsc::channel(32);
    let mut witnesses = tokio::task::JoinSet::new();
    if let Some(bus) = &session {
        for service in screensaver::SERVICES {
            witnesses.spawn(screensaver::follow(bus.clone(), service, facts_tx.clone()));
        }
        if let Some(monitor) = share_monitor {
            witnesses.spawn(screencast::follow(bus.clone(), monitor, facts_tx.clone()));
        }
    }
    if let Some(bus) = &system {
        witnesses.spawn(logind::follow(bus.clone(), facts_tx.clone()));
    }
    let minutes = engine.settings().await.ok().and_then(|settings| settings.away.idle_minutes);
    let idle = match &session {
        Some(bus) if mutter::present(bus).await => {
            let (limits, limit) = watch::channel(minutes.map(idle::limit));
            witnesses.spawn(mutter::follow(bus.clone(), limit, facts_tx.clone()));
            IdleWitness::Mutter(limits)
        }
        _ => IdleWitness::X11(idle::start(display, minutes, facts_tx.clone())),
    };
    fullscreen::start(display, facts_tx.clone());
    drop(facts_tx);
    let mut changes = engine.subscribe_transitions();
    let mut facts = Facts::default();
    let mut told = Presence::Active;
    let mut told_screen = Screen::Private;
    loop {
        tokio::select! {
            fact = facts_rx.recv() => {
                let Some(fact) = fact else { break };
                facts.apply(fact);
                report.send_if_modified(|shown| {
                    let changed = *shown != facts.report;
                    shown.clone_from(&facts.report);
                    changed
                });
                let screen = facts.screen();
                if screen != told_screen {
                    tracing::info!("screen: {}", screen.as_str());
                    match engine.set_screen(screen).await {
                        Ok(()) => told_screen = screen,
                        Err(err) if err.code == lull_core::ErrorCode::EngineStopped => break,
                        Err(err) => tracing::warn!("screen: {err}"),
                    }
                }
                let presence = facts.presence();
                if presence != told {
                    tracing::info!("presence: {}", presence.as_str());
                    match engine.set_presence(presence).await {
                        Ok(()) => told = presence,
                        Err(err) if err.code == lull_core::ErrorCode::EngineStopped => break,
                        // Taken all the same (see `Lull::set_presence`); only a block's minutes away are lost.
                        Err(err) => {
                            tracing::warn!("presence: {err}");
                            told = presence;
                        }
                    }
                }
            }
            change = lull_core::engine::next_change(&mut changes, "presence") => match change {
                Some(Change::SettingsChanged { settings }) => idle.set_minutes(settings.away.idle_minutes),
                Some(_) => {}
                None => break,
            },
        }
    }
    witnesses.abort_all();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asleep_wins_over_locked_and_locked_over_idle_and_a_witness_that_left_takes_its_lock_along() {
        let mut facts = Facts::default();
        assert_eq!(facts.presence(), Presence::Active);
        facts.apply(Fact::Idle(true));
        assert_eq!(facts.presence(), Presence::Idle);
        facts.apply(Fact::Locked { by: "org.gnome.ScreenSaver", locked: true });
        facts.apply(Fact::Locked { by: "logind", locked: false });
        assert_eq!(facts.presence(), Presence::Locked, "one locker saying locked is enough");
        facts.apply(Fact::Asleep(true));
        assert_eq!(facts.presence(), Presence::Asleep);
        facts.apply(Fact::Asleep(false));
        facts.apply(Fact::LockGone { by: "org.gnome.ScreenSaver" });
        facts.apply(Fact::Idle(false));
        assert_eq!(facts.presence(), Presence::Active, "a crashed locker keeps nobody away");
        assert_eq!(facts.report.lock, ["logind"]);
    }
}
