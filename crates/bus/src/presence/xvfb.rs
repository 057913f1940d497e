//! An X server of the test's own (Debian's Xvfb) for the X11 witnesses' tests.

use std::process::{Command, Stdio};
use std::time::Duration;

use tokio::sync::mpsc;

use super::Fact;

/// Taken by the tests that run a window manager (openbox, Mutter), so that they run one at a
/// time: side by side on two cores, openbox was seen to leave a new window unmanaged for 30 s.
static WINDOW_MANAGERS: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub(super) fn one_window_manager_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    // A test that failed while holding it says nothing about the next one.
    WINDOW_MANAGERS.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// An Xvfb on a display of its own, stopped when dropped.
pub(super) struct Xvfb {
    child: std::process::Child,
    pub(super) display: String,
}

impl Xvfb {
    pub(super) fn start() -> Self {
        // Xvfb picks a free display itself and prints its number once it accepts clients
        // (`-displayfd`): a display of our choosing may hold the socket of a server killed
        // earlier, which would look ready and refuse every connection.
        let mut child = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "320x240x24", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb (Debian's xvfb package) starts");
        let stdout = child.stdout.take().expect("Xvfb's stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line);
            let _ = tx.send(line);
        });
        let number = rx.recv_timeout(Duration::from_secs(10)).expect("Xvfb is ready within 10 s");
        let number: u32 = number.trim().parse().expect("Xvfb names its display");
        Self { child, display: format!(":{number}") }
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
