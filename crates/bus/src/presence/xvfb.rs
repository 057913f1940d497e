//! An X server of the test's own (Debian's Xvfb) for the X11 witnesses' tests.

use std::process::{Command, Stdio};
use std::time::Duration;

use tokio::sync::mpsc;

use super::Fact;

/// An Xvfb on a display of its own, stopped when dropped.
pub(super) struct Xvfb {
    child: std::process::Child,
    pub(super) display: String,
}

impl Xvfb {
    pub(super) fn start() -> Self {
        // A display per test and process: the tests of one binary run at once.
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let display = format!(":{}", 300 + (std::process::id() % 300) * 2 + n);
        let child = Command::new("Xvfb")
            .args([display.as_str(), "-screen", "0", "320x240x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb (Debian's xvfb package) starts");
        let socket = format!("/tmp/.X11-unix/X{}", &display[1..]);
        let start = std::time::Instant::now();
        while !std::path::Path::new(&socket).exists() {
            assert!(start.elapsed() < Duration::from_secs(10), "Xvfb's socket within 10 s");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { child, display }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The next fact a witness tells, within 10 s.
pub(super) fn next_fact(facts: &mut mpsc::Receiver<Fact>) -> Fact {
    let start = std::time::Instant::now();
    loop {
        match facts.try_recv() {
            Ok(fact) => return fact,
            Err(_) if start.elapsed() < Duration::from_secs(10) => {
                std::thread::sleep(Duration::from_millis(10))
            }
            Err(err) => panic!("a fact within 10 s: {err}"),
        }
    }
}
