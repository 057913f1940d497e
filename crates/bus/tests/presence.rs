//! Presence on real buses: two private `dbus-daemon`s, one standing for the session bus and one
//! for the system bus, with the services Lull follows played by this test (no screen locker or
//! logind runs here; see docs/testing.md): `org.freedesktop.ScreenSaver` on the session bus,
//! `org.freedesktop.login1` (its manager and the caller's session) on the system bus. The engine
//! runs on a real SQLite file with a clock that stands in work hours.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::TimeZone;
use lull_core::report::PresenceReport;
use lull_core::{Change, DigestReason, Engine, Lull, ManualClock, Mode, NewMessage, Presence, Source};
use zbus::object_server::SignalEmitter;

/// A private `dbus-daemon` on a socket in a scratch directory, stopped when dropped.
struct Bus {
    address: String,
    daemon: Child,
}

impl Bus {
    fn start(dir: &Path, name: &str) -> Self {
        let (config, socket) = (dir.join(format!("{name}.conf")), dir.join(name));
        std::fs::write(
            &config,
            format!(
                "<busconfig><type>session</type><listen>unix:path={}</listen>\
                 <policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>\
                 <allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>",
                socket.display()
            ),
        )
        .expect("the bus configuration");
        let daemon = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .arg("--nofork")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon (Debian's dbus package) starts");
        let start = Instant::now();
        while !socket.exists() {
            assert!(start.elapsed() < Duration::from_secs(10), "the {name} bus's socket within 10 s");
            std::thread::sleep(Duration::from_millis(10));
        }
        Self { address: format!("unix:path={}", socket.display()), daemon }
    }

    async fn connect(&self) -> zbus::Connection {
        zbus::connection::Builder::address(self.address.as_str())
            .build()
            .await
            .expect("a connection to the private bus")
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// The screen locker's side of `org.freedesktop.ScreenSaver`.
struct Locker {
    active: bool,
}

#[zbus::interface(name = "org.freedesktop.ScreenSaver")]
impl Locker {
    fn get_active(&self) -> bool {
        self.active
    }

    #[zbus(signal)]
    async fn active_changed(emitter: &SignalEmitter<'_>, active: bool) -> zbus::Result<()>;
}

/// logind's manager: only the sleep signal.
struct Manager;

#[zbus::interface(name = "org.freedesktop.login1.Manager")]
impl Manager {
    #[zbus(signal)]
    async fn prepare_for_sleep(emitter: &SignalEmitter<'_>, start: bool) -> zbus::Result<()>;
}

/// The caller's logind session: only `LockedHint`.
struct Session {
    locked: bool,
}

#[zbus::interface(name = "org.freedesktop.login1.Session")]
impl Session {
    #[zbus(property)]
    fn locked_hint(&self) -> bool {
        self.locked
    }
}

const SCREENSAVER: &str = "/org/freedesktop/ScreenSaver";
const SESSION: &str = "/org/freedesktop/login1/session/auto";

async fn locker_on(bus: &Bus, active: bool) -> zbus::Connection {
    zbus::connection::Builder::address(bus.address.as_str())
        .name("org.freedesktop.ScreenSaver")
        .serve_at(SCREENSAVER, Locker { active })
        .build()
        .await
        .expect("the locker is on the bus")
}

async fn set_locker(locker: &zbus::Connection, active: bool) {
    let iface = locker.object_server().interface::<_, Locker>(SCREENSAVER).await.expect("the locker");
    iface.get_mut().await.active = active;
    Locker::active_changed(iface.signal_emitter(), active).await.expect("ActiveChanged");
}

async fn logind_on(bus: &Bus) -> zbus::Connection {
    zbus::connection::Builder::address(bus.address.as_str())
        .name("org.freedesktop.login1")
        .serve_at("/org/freedesktop/login1", Manager)
        .serve_at(SESSION, Session { locked: false })
        .build()
        .await
        .expect("the logind stand-in is on the bus")
}

async fn set_locked_hint(logind: &zbus::Connection, locked: bool) {
    let iface = logind.object_server().interface::<_, Session>(SESSION).await.expect("the session");
    iface.get_mut().await.locked = locked;
    iface.get().await.locked_hint_changed(iface.signal_emitter()).await.expect("PropertiesChanged");
}

async fn sleep_signal(logind: &zbus::Connection, start: bool) {
    let emitter = SignalEmitter::new(logind, "/org/freedesktop/login1").expect("an emitter");
    Manager::prepare_for_sleep(&emitter, start).await.expect("PrepareForSleep");
}

/// The engine on a fresh database, Wednesday 10:00 in Berlin (work hours, Open).
fn engine(db: PathBuf) -> Engine {
    let start = chrono::Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().expect("an instant");
    let clock = ManualClock::new(start, chrono_tz::Tz::Europe__Berlin);
    let (lull, pending) = Lull::open(&db, Arc::new(clock)).expect("the core opens");
    let (engine, task) = Engine::new(lull, pending).expect("the engine starts");
    tokio::spawn(task);
    engine
}

/// Waits (10 s at most) until the engine's status says `presence` (`Active`: not away).
async fn until_presence(engine: &Engine, presence: Presence) {
    let mut status = engine.watch_status();
    let wanted = |s: &lull_core::Status| s.away.map_or(Presence::Active, |away| away.presence) == presence;
    let found = tokio::time::timeout(Duration::from_secs(10), status.wait_for(wanted)).await.is_ok();
    assert!(found, "the engine says {presence:?} within 10 s; it says {:?}", status.borrow().away);
}

async fn until_report(
    watch: &lull_bus::presence::Watch,
    what: &str,
    check: impl Fn(&PresenceReport) -> bool,
) {
    let start = Instant::now();
    while !check(&watch.report()) {
        assert!(start.elapsed() < Duration::from_secs(10), "{what} within 10 s: {:?}", watch.report());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_screen_locker_and_logind_are_followed_and_a_vanished_locker_keeps_nobody_away() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let (session, system) = (Bus::start(dir.path(), "session"), Bus::start(dir.path(), "system"));
    let engine = engine(dir.path().join("lull.sqlite3"));
    // The locker is up before Lull, logind too.
    let locker = locker_on(&session, false).await;
    let logind = logind_on(&system).await;
    let watch =
        lull_bus::presence::start_on(&engine, Some(session.connect().await), Some(system.connect().await));
    until_report(&watch, "both lockers and sleep are followed", |r| {
        r.lock == ["logind", "org.freedesktop.ScreenSaver"] && r.sleep.as_deref() == Some("logind")
    })
    .await;
    assert_eq!(engine.status().mode, Mode::Open);

    set_locker(&locker, true).await;
    until_presence(&engine, Presence::Locked).await;
    assert_eq!(engine.status().mode, Mode::Quiet, "locked in work hours: Quiet");
    engine.receive(NewMessage::new(Source::Api, "held while locked")).await.expect("stored");
    let mut transitions = engine.subscribe_transitions();
    set_locker(&locker, false).await;
    until_presence(&engine, Presence::Active).await;
    let digest = loop {
        match tokio::time::timeout(Duration::from_secs(5), transitions.recv()).await {
            Ok(Ok(Change::Digest { digest })) => break digest,
            Ok(Ok(_)) => {}
            other => panic!("a digest on unlock: {other:?}"),
        }
    };
    assert_eq!((digest.reason, digest.count), (DigestReason::Away, 1));

    // A locker that dies while the screen is locked takes its lock along.
    set_locker(&locker, true).await;
    until_presence(&engine, Presence::Locked).await;
    drop(locker);
    until_presence(&engine, Presence::Active).await;
    until_report(&watch, "the locker is no longer a witness", |r| r.lock == ["logind"]).await;
    // One that starts after Lull is followed from then on, already locked.
    let locker = locker_on(&session, true).await;
    until_presence(&engine, Presence::Locked).await;
    set_locker(&locker, false).await;
    until_presence(&engine, Presence::Active).await;

    // logind: the session's LockedHint, and sleep over it.
    set_locked_hint(&logind, true).await;
    until_presence(&engine, Presence::Locked).await;
    let mut transitions = engine.subscribe_transitions();
    sleep_signal(&logind, true).await;
    until_presence(&engine, Presence::Asleep).await;
    sleep_signal(&logind, false).await;
    until_presence(&engine, Presence::Locked).await; // awake, the screen still locked
    let woke = loop {
        match tokio::time::timeout(Duration::from_secs(5), transitions.recv()).await {
            Ok(Ok(Change::PresenceChanged { previous: Presence::Asleep, presence, .. })) => break presence,
            Ok(Ok(_)) => {}
            other => panic!("the wake is announced: {other:?}"),
        }
    };
    assert_eq!(woke, Presence::Locked, "remote sources learn the machine woke");
    set_locked_hint(&logind, false).await;
    until_presence(&engine, Presence::Active).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_locker_and_no_system_bus_nothing_is_a_witness_and_lull_stays_present() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let session = Bus::start(dir.path(), "session");
    let engine = engine(dir.path().join("lull.sqlite3"));
    let watch = lull_bus::presence::start_on(&engine, Some(session.connect().await), None);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(watch.report(), PresenceReport::default());
    assert_eq!(engine.status().away, None);
    assert_eq!(engine.status().mode, Mode::Open);
}
