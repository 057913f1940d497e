//! Idleness: how long since the last keypress or pointer motion, from the X server's
//! MIT-SCREEN-SAVER extension (X11 sessions, and Xwayland's own clients).
//!
//! The X server has no "tell me when idle for N minutes" that leaves the user's own screen saver
//! settings alone, so the counter is read: while the user is active, once when N minutes could
//! first have passed (a user who keeps working is read about once every N minutes); while idle,
//! every [`IDLE_POLL`], to notice the return. On its own thread: x11rb's calls block.

use std::sync::mpsc as std_mpsc;
use std::time::Duration;

use tokio::sync::mpsc;
use x11rb::connection::{Connection as _, RequestConnection as _};
use x11rb::protocol::screensaver::{self, ConnectionExt as _};

use super::Fact;

const NAME: &str = "X11";
/// How often the counter is read while the user is idle.
const IDLE_POLL: Duration = Duration::from_secs(5);

/// Where idleness is read.
#[derive(Debug, Clone, Copy)]
pub(super) enum Display {
    /// `$DISPLAY`, when set.
    FromEnvironment,
    /// Nowhere (tests on private buses).
    None,
}

/// Tells the idle thread the setting's new value.
#[derive(Debug)]
pub(super) struct Idle {
    minutes: Option<std_mpsc::Sender<Option<u32>>>,
}

impl Idle {
    pub(super) fn set_minutes(&self, minutes: Option<u32>) {
        if let Some(tx) = &self.minutes {
            let _ = tx.send(minutes);
        }
    }
}

pub(super) fn start(display: Display, minutes: Option<u32>, facts: mpsc::Sender<Fact>) -> Idle {
    let Display::FromEnvironment = display else { return Idle { minutes: None } };
    if std::env::var_os("DISPLAY").is_none() {
        return Idle { minutes: None };
    }
    let (tx, rx) = std_mpsc::channel();
    let spawned = std::thread::Builder::new().name("lull-idle".into()).spawn(move || {
        if let Err(err) = follow(minutes, &rx, &facts) {
            tracing::debug!("presence: X11 idle time cannot be read: {err}");
        }
    });
    match spawned {
        Ok(_) => Idle { minutes: Some(tx) },
        Err(err) => {
            tracing::warn!("presence: cannot start the idle thread: {err}");
            Idle { minutes: None }
        }
    }
}

fn follow(
    mut minutes: Option<u32>,
    settings: &std_mpsc::Receiver<Option<u32>>,
    facts: &mpsc::Sender<Fact>,
) -> Result<(), Box<dyn std::error::Error>> {
    let (conn, screen) = x11rb::connect(None)?;
    if conn.extension_information(screensaver::X11_EXTENSION_NAME)?.is_none() {
        return Err("the X server has no MIT-SCREEN-SAVER extension".into());
    }
    let root = conn.setup().roots.get(screen).ok_or("no such screen")?.root;
    let mut idle = false;
    let mut told = false;
    loop {
        let wait = match minutes {
            None => {
                if idle {
                    idle = false;
                    facts.blocking_send(Fact::Idle(false))?;
                }
                None
            }
            Some(limit) => {
                if !told {
                    facts.blocking_send(Fact::IdleWatched { by: NAME })?;
                    told = true;
                }
                let since_input = Duration::from_millis(
                    conn.screensaver_query_info(root)?.reply()?.ms_since_user_input.into(),
                );
                let limit = Duration::from_secs(u64::from(limit) * 60);
                let now_idle = since_input >= limit;
                if now_idle != idle {
                    idle = now_idle;
                    facts.blocking_send(Fact::Idle(idle))?;
                }
                Some(if idle { IDLE_POLL } else { (limit - since_input).max(Duration::from_secs(1)) })
            }
        };
        let next = match wait {
            Some(wait) => settings.recv_timeout(wait),
            None => settings.recv().map_err(|_| std_mpsc::RecvTimeoutError::Disconnected),
        };
        match next {
            Ok(new) => minutes = new,
            Err(std_mpsc::RecvTimeoutError::Timeout) => {}
            Err(std_mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}
