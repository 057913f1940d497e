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
    limit: Option<std_mpsc::Sender<Option<Duration>>>,
}

impl Idle {
    pub(super) fn set_minutes(&self, minutes: Option<u32>) {
        if let Some(tx) = &self.limit {
            let _ = tx.send(minutes.map(limit));
        }
    }
}

pub(super) fn limit(minutes: u32) -> Duration {
    Duration::from_secs(u64::from(minutes) * 60)
}

pub(super) fn start(display: Display, minutes: Option<u32>, facts: mpsc::Sender<Fact>) -> Idle {
    let Display::FromEnvironment = display else { return Idle { limit: None } };
    if std::env::var_os("DISPLAY").is_none() {
        return Idle { limit: None };
    }
    let (tx, rx) = std_mpsc::channel();
    let spawned = std::thread::Builder::new().name("lull-idle".into()).spawn(move || {
        if let Err(err) = follow(None, minutes.map(limit), IDLE_POLL, &rx, &facts) {
            tracing::debug!("presence: X11 idle time cannot be read: {err}");
        }
    });
    match spawned {
        Ok(_) => Idle { limit: Some(tx) },
        Err(err) => {
            tracing::warn!("presence: cannot start the idle thread: {err}");
            Idle { limit: None }
        }
    }
}

/// Reads the idle counter of `display` (`None`: `$DISPLAY`) until `settings` closes: idle
/// after `limit` without input (`None`: not watched), the return noticed within `poll`.
fn follow(
    display: Option<&str>,
    mut limit: Option<Duration>,
    poll: Duration,
    settings: &std_mpsc::Receiver<Option<Duration>>,
    facts: &mpsc::Sender<Fact>,
) -> Result<(), Box<dyn std::error::Error>> {
    let (conn, screen) = x11rb::connect(display)?;
    if conn.extension_information(screensaver::X11_EXTENSION_NAME)?.is_none() {
        return Err("the X server has no MIT-SCREEN-SAVER extension".into());
    }
    let root = conn.setup().roots.get(screen).ok_or("no such screen")?.root;
    let mut idle = false;
    let mut told = false;
    loop {
        let wait = match limit {
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
                let now_idle = since_input >= limit;
                if now_idle != idle {
                    idle = now_idle;
                    facts.blocking_send(Fact::Idle(idle))?;
                }
                // Never sooner than a tenth of the limit: a counter that was just reset (input
                // came a moment ago) is not read again a moment later.
                Some(if idle { poll } else { (limit - since_input).max(limit / 10) })
            }
        };
        let next = match wait {
            Some(wait) => settings.recv_timeout(wait),
            None => settings.recv().map_err(|_| std_mpsc::RecvTimeoutError::Disconnected),
        };
        match next {
            Ok(new) => limit = new,
            Err(std_mpsc::RecvTimeoutError::Timeout) => {}
            Err(std_mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use x11rb::protocol::xtest::ConnectionExt as _;

    use super::super::xvfb::{Xvfb, next_fact};
    use super::*;

    #[test]
    fn a_real_x_server_idle_past_the_limit_is_idle_and_input_brings_the_user_back() {
        let x = Xvfb::start();
        let (facts_tx, mut facts) = mpsc::channel(8);
        let (settings_tx, settings) = std_mpsc::channel();
        let display = x.display.clone();
        let reader = std::thread::spawn(move || {
            follow(
                Some(&display),
                Some(Duration::from_millis(800)),
                Duration::from_millis(100),
                &settings,
                &facts_tx,
            )
            .map_err(|err| err.to_string())
        });
        assert_eq!(next_fact(&mut facts), Fact::IdleWatched { by: NAME });
        assert_eq!(next_fact(&mut facts), Fact::Idle(true), "no input for longer than the limit");
        // Someone moves the mouse (through XTEST, as a real device's motion is counted).
        let (conn, screen) = x11rb::connect(Some(&x.display)).expect("a client");
        let root = conn.setup().roots[screen].root;
        conn.xtest_fake_input(6, 1, 0, root, 10, 10, 0).expect("motion");
        conn.flush().expect("flushed");
        assert_eq!(next_fact(&mut facts), Fact::Idle(false), "input ends idleness");
        settings_tx.send(None).expect("the setting changes");
        drop(settings_tx);
        assert_eq!(reader.join().expect("the reader"), Ok(()), "it stops when told to");
    }
}
