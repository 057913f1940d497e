//! Whether a fullscreen window has the focus, from the window manager's EWMH properties (X11
//! sessions): `_NET_ACTIVE_WINDOW` on the root window, and that window's `_NET_WM_STATE` holding
//! `_NET_WM_STATE_FULLSCREEN` (a presentation, a video, a call's shared window).
//!
//! Event-driven, never polled: the root window's and the active window's property changes wake
//! it. On its own thread: x11rb's calls block.

use tokio::sync::mpsc;
use x11rb::connection::Connection;
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{
    AtomEnum, ChangeWindowAttributesAux, ConnectionExt as _, EventMask, MapState, Window,
};

use super::Fact;
use super::idle::Display;

pub(super) const NAME: &str = "X11";

pub(super) fn start(display: Display, facts: mpsc::Sender<Fact>) {
    let Display::FromEnvironment = display else { return };
    if std::env::var_os("DISPLAY").is_none() {
        return;
    }
    let spawned = std::thread::Builder::new().name("lull-fullscreen".into()).spawn(move || {
        if let Err(err) = follow(None, &facts) {
            tracing::debug!("screen: fullscreen windows cannot be followed: {err}");
        }
    });
    if let Err(err) = spawned {
        tracing::warn!("screen: cannot start the fullscreen thread: {err}");
    }
}

struct Atoms {
    active: u32,
    state: u32,
    fullscreen: u32,
}

/// Follows `display` (`None`: `$DISPLAY`) until `facts` closes, saying whether the focused
/// window is fullscreen each time that changes.
pub(super) fn follow(
    display: Option<&str>,
    facts: &mpsc::Sender<Fact>,
) -> Result<(), Box<dyn std::error::Error>> {
    let (conn, screen) = x11rb::connect(display)?;
    let root = conn.setup().roots.get(screen).ok_or("no such screen")?.root;
    let atom = |name: &str| -> Result<u32, Box<dyn std::error::Error>> {
        Ok(conn.intern_atom(false, name.as_bytes())?.reply()?.atom)
    };
    let atoms = Atoms {
        active: atom("_NET_ACTIVE_WINDOW")?,
        state: atom("_NET_WM_STATE")?,
        fullscreen: atom("_NET_WM_STATE_FULLSCREEN")?,
    };
    let watch = ChangeWindowAttributesAux::new().event_mask(EventMask::PROPERTY_CHANGE);
    conn.change_window_attributes(root, &watch)?.check()?;
    // Of the focused window also its unmapping and end: a window manager may leave
    // `_NET_ACTIVE_WINDOW` naming a window that is gone.
    let watch_active =
        ChangeWindowAttributesAux::new().event_mask(EventMask::PROPERTY_CHANGE | EventMask::STRUCTURE_NOTIFY);
    facts.blocking_send(Fact::ScreenWatched { by: NAME })?;
    let mut watched: Option<Window> = None;
    let mut told = None;
    loop {
        let active = active_window(&conn, root, &atoms);
        if active != watched {
            if let Some(window) = active {
                // A window that is already gone answers with an error: nothing to follow.
                let _ = conn.change_window_attributes(window, &watch_active).map(|cookie| cookie.check());
            }
            watched = active;
        }
        let fullscreen = active.is_some_and(|window| is_fullscreen(&conn, window, &atoms));
        if told != Some(fullscreen) {
            facts.blocking_send(Fact::Fullscreen(fullscreen))?;
            told = Some(fullscreen);
        }
        // Until something that decides it changes: which window is active, its state, or that
        // it is shown at all.
        loop {
            match conn.wait_for_event()? {
                Event::PropertyNotify(event) if event.atom == atoms.active || event.atom == atoms.state => {
                    break;
                }
                Event::UnmapNotify(event) if Some(event.window) == watched => break,
                Event::MapNotify(event) if Some(event.window) == watched => break,
                Event::DestroyNotify(event) if Some(event.window) == watched => break,
                _ => {}
            }
        }
    }
}

/// The window the window manager says has the focus, if any.
fn active_window(conn: &impl Connection, root: Window, atoms: &Atoms) -> Option<Window> {
    let reply = conn.get_property(false, root, atoms.active, AtomEnum::WINDOW, 0, 1).ok()?.reply().ok()?;
    reply.value32()?.next().filter(|&window| window != x11rb::NONE)
}

/// Whether `window` is shown and fills the screen; one that is gone is not.
fn is_fullscreen(conn: &impl Connection, window: Window, atoms: &Atoms) -> bool {
    let shown = conn
        .get_window_attributes(window)
        .ok()
        .and_then(|cookie| cookie.reply().ok())
        .is_some_and(|attributes| attributes.map_state == MapState::VIEWABLE);
    if !shown {
        return false;
    }
    let reply = conn
        .get_property(false, window, atoms.state, AtomEnum::ATOM, 0, 32)
        .ok()
        .and_then(|cookie| cookie.reply().ok());
    reply.is_some_and(|r| r.value32().is_some_and(|mut states| states.any(|s| s == atoms.fullscreen)))
}

#[cfg(test)]
mod tests {
    use std::process::{Command, Stdio};
    use std::time::Duration;

    use x11rb::protocol::xproto::{ClientMessageEvent, InputFocus};

    use super::super::xvfb::{Xvfb, next_fact};
    use super::*;

    /// A real window manager (Debian's openbox) on the test's X server, stopped when dropped.
    struct Openbox(std::process::Child);

    impl Openbox {
        /// openbox on `display`, saying what it says into `log` (`--replace`: take over from an
        /// openbox started before on it).
        fn start(display: &str, log: &std::path::Path) -> Self {
            let log = std::fs::OpenOptions::new().create(true).append(true).open(log).expect("openbox's log");
            Self(
                Command::new("openbox")
                    .arg("--replace")
                    .env("DISPLAY", display)
                    .stdout(log.try_clone().expect("the log again"))
                    .stderr(log)
                    .spawn()
                    .expect("openbox runs (scripts/setup.sh --test installs it)"),
            )
        }
    }

    impl Drop for Openbox {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    /// Asks the window manager to add (1) or remove (0) fullscreen, as a client does (EWMH).
    fn set_fullscreen(conn: &impl Connection, root: Window, window: Window, atoms: &Atoms, on: bool) {
        let event =
            ClientMessageEvent::new(32, window, atoms.state, [u32::from(on), atoms.fullscreen, 0, 1, 0]);
        let mask = EventMask::SUBSTRUCTURE_REDIRECT | EventMask::SUBSTRUCTURE_NOTIFY;
        conn.send_event(false, root, mask, event).expect("sent");
        conn.flush().expect("flushed");
    }

    #[test]
    fn a_window_the_window_manager_makes_fullscreen_is_told_and_so_is_its_end() {
        let _alone = super::super::xvfb::one_window_manager_at_a_time();
        let x = Xvfb::start();
        let logs = tempfile::tempdir().expect("a folder for openbox's log");
        let log = logs.path().join("openbox.log");
        let mut wm = Openbox::start(&x.display, &log);
        let (facts_tx, mut facts) = mpsc::channel(8);
        let display = x.display.clone();
        let follower =
            std::thread::spawn(move || follow(Some(&display), &facts_tx).map_err(|e| e.to_string()));
        assert_eq!(next_fact(&mut facts), Fact::ScreenWatched { by: NAME });
        assert_eq!(next_fact(&mut facts), Fact::Fullscreen(false), "nothing is fullscreen yet");

        // A presentation opens once openbox manages the screen: a window, mapped and activated.
        let (conn, screen) = x11rb::connect(Some(&x.display)).expect("a client");
        let root = conn.setup().roots[screen].root;
        let check =
            conn.intern_atom(false, b"_NET_SUPPORTING_WM_CHECK").expect("asked").reply().expect("atom").atom;
        let start = std::time::Instant::now();
        while conn
            .get_property(false, root, check, AtomEnum::WINDOW, 0, 1)
            .expect("asked")
            .reply()
            .expect("read")
            .value_len
            == 0
        {
            assert!(start.elapsed() < Duration::from_secs(10), "openbox manages the screen within 10 s");
            std::thread::sleep(Duration::from_millis(20));
        }
        let atom = |name: &[u8]| conn.intern_atom(false, name).expect("asked").reply().expect("atom").atom;
        let atoms = Atoms {
            active: atom(b"_NET_ACTIVE_WINDOW"),
            state: atom(b"_NET_WM_STATE"),
            fullscreen: atom(b"_NET_WM_STATE_FULLSCREEN"),
        };
        // The presentation: a real X client (xmessage, x11-utils), which openbox gives the focus.
        let mut presentation = Command::new("xmessage")
            .args(["-display", &x.display, "the slides"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("xmessage runs (x11-utils)");
        // Once openbox manages it, the test asks for it to be focused as a pager does (`wmctrl -a`):
        // openbox's focus-stealing prevention may leave a new window without the focus. Should
        // openbox not act on that within a second, the test gives the window the input focus
        // itself, which openbox then reports as active. Should openbox not manage the window at
        // all within 5 s (twice on CI its client list stayed empty, xmessage running), a new
        // openbox replaces it and manages the windows already there.
        let clients = atom(b"_NET_CLIENT_LIST");
        let start = std::time::Instant::now();
        let mut listed = Vec::new();
        let mut replaced = 0;
        let window = loop {
            if let Some(window) = active_window(&conn, root, &atoms) {
                break window;
            }
            let alive = presentation.try_wait().ok().flatten().is_none();
            let said = std::fs::read_to_string(&log).unwrap_or_default();
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "openbox focuses the new window within 30 s (its clients: {listed:?}; xmessage running: \
                 {alive}; openbox replaced {replaced} times; it said: {said})"
            );
            let reply = conn.get_property(false, root, clients, AtomEnum::WINDOW, 0, 16).expect("asked");
            listed = reply.reply().expect("read").value32().map(Iterator::collect).unwrap_or_default();
            if let Some(&client) = listed.first() {
                let event = ClientMessageEvent::new(32, client, atoms.active, [2, 0, 0, 0, 0]);
                let mask = EventMask::SUBSTRUCTURE_REDIRECT | EventMask::SUBSTRUCTURE_NOTIFY;
                conn.send_event(false, root, mask, event).expect("sent");
                if start.elapsed() > Duration::from_secs(1) {
                    conn.set_input_focus(InputFocus::PARENT, client, x11rb::CURRENT_TIME).expect("asked");
                }
                conn.flush().expect("flushed");
            } else if start.elapsed() > Duration::from_secs(5 * (replaced + 1)) {
                let old = std::mem::replace(&mut wm, Openbox::start(&x.display, &log));
                drop(old);
                replaced += 1;
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        set_fullscreen(&conn, root, window, &atoms, true);
        assert_eq!(next_fact(&mut facts), Fact::Fullscreen(true), "the focused window fills the screen");
        set_fullscreen(&conn, root, window, &atoms, false);
        assert_eq!(next_fact(&mut facts), Fact::Fullscreen(false), "back to a window");
        set_fullscreen(&conn, root, window, &atoms, true);
        assert_eq!(next_fact(&mut facts), Fact::Fullscreen(true));
        presentation.kill().expect("closed");
        presentation.wait().expect("gone");
        assert_eq!(next_fact(&mut facts), Fact::Fullscreen(false), "the presentation closed");

        drop(facts);
        drop(wm);
        drop(x);
        assert!(follower.join().expect("the follower").is_err(), "it ends with its X server");
    }
}
