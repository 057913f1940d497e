//! A GNOME desktop of the test's own for the GNOME witnesses' tests: a private session bus
//! (`dbus-daemon`), real Mutter as the X11 window manager of an Xvfb ([`super::xvfb`]), and real
//! PipeWire for its screen casts. Each is stopped when dropped.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tokio::sync::mpsc;
use zbus::Connection;

use super::Fact;
use super::xvfb::Xvfb;

fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// A private session bus.
pub(super) struct SessionBus {
    daemon: Child,
    pub(super) address: String,
}

impl SessionBus {
    pub(super) fn start() -> Self {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon (Debian's dbus package) starts");
        let stdout = daemon.stdout.take().expect("its stdout");
        let mut address = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut address)
            .expect("dbus-daemon prints its address");
        Self { daemon, address: address.trim().to_owned() }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        stop(&mut self.daemon);
    }
}

/// PipeWire (Debian's pipewire package) in a runtime directory of its own, which Mutter's
/// screen casts send their frames to.
pub(super) struct PipeWire {
    daemon: Child,
    runtime: tempfile::TempDir,
}

impl PipeWire {
    pub(super) fn start(bus: &SessionBus) -> Self {
        let runtime = tempfile::tempdir().expect("a runtime directory");
        let daemon = Command::new("pipewire")
            .env("XDG_RUNTIME_DIR", runtime.path())
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("pipewire (Debian's pipewire package) starts");
        let socket = runtime.path().join("pipewire-0");
        let start = Instant::now();
        while !socket.exists() {
            assert!(start.elapsed() < Duration::from_secs(10), "pipewire listens within 10 s");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { daemon, runtime }
    }
}

impl Drop for PipeWire {
    fn drop(&mut self) {
        stop(&mut self.daemon);
    }
}

/// Real Mutter (Debian's mutter package) as the X11 window manager of `x`, on `bus`, casting
/// to `pipewire`.
pub(super) struct Mutter(Child);

impl Mutter {
    pub(super) fn start(x: &Xvfb, bus: &SessionBus, pipewire: Option<&PipeWire>) -> Self {
        let mut command = Command::new("mutter");
        command
            .args(["--x11", "--replace", "--sm-disable", "--display", &x.display])
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(pipewire) = pipewire {
            command.env("XDG_RUNTIME_DIR", pipewire.runtime.path());
        }
        Self(command.spawn().expect("mutter (Debian's mutter package) starts"))
    }
}

impl Drop for Mutter {
    fn drop(&mut self) {
        stop(&mut self.0);
    }
}

/// Waits until `name` has an owner on `bus`.
pub(super) async fn until_on_bus(bus: &Connection, name: &str) {
    let dbus = zbus::fdo::DBusProxy::new(bus).await.expect("the bus's own interface");
    let start = Instant::now();
    while !dbus.name_has_owner(name.try_into().expect("a bus name")).await.unwrap_or(false) {
        assert!(start.elapsed() < Duration::from_secs(20), "{name} on the bus within 20 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The next fact a witness tells, within 10 s.
pub(super) async fn next_fact(facts: &mut mpsc::Receiver<Fact>) -> Fact {
    tokio::time::timeout(Duration::from_secs(10), facts.recv())
        .await
        .expect("a fact within 10 s")
        .expect("the follower runs")
}
