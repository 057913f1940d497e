//! One Lull per data directory, whichever program runs it (the desktop app or `lull serve`): one
//! engine, one writer.
//!
//! The first instance holds an exclusive lock on `instance.lock` in the data directory (the
//! kernel drops it when the process dies, even by `kill -9`) and listens on `instance.sock`
//! beside it. A second launch finds the lock taken and can ask the first instance over the socket
//! to show its window, or (`lull settings import`) to replace the settings hooks included: the
//! socket sits in the data directory (mode 0700), so only the user's own processes reach it,
//! never a web page or a holder of a publish token. Two profiles (`--data-dir`) run side by side.
//!
//! The protocol: one line naming the request (`show`, `settings`), then for `settings` the JSON
//! document until the client shuts its side; the answer (for `settings`) is one JSON value. A
//! client that connects and never writes is dropped after [`READ_TIMEOUT`], so it cannot hold up
//! the next launch.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::os::unix::fs::DirBuilderExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long the instance waits for a client's request before dropping it.
pub const READ_TIMEOUT: Duration = Duration::from_secs(2);

/// The largest settings document the socket takes.
pub const MAX_SETTINGS: u64 = 1 << 20;

/// What a second process may ask the running instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Show the window (a second launch of the desktop app).
    Show,
    /// Replace the settings with this JSON document; answered with
    /// `Result<Settings, ErrorBody>` as JSON.
    Settings(String),
}

#[derive(Debug)]
pub enum Claim {
    /// We are the instance for this data directory; keep the guard alive as long as we run.
    First(Guard),
    /// Another instance runs; [`ask_to_show`] can bring up its window.
    Second { socket: PathBuf },
}

#[derive(Debug)]
pub struct Guard {
    _lock: File,
    listener: Option<UnixListener>,
}

/// Claims the data directory, creating it (mode 0700) if needed.
pub fn claim(data_dir: &Path) -> io::Result<Claim> {
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(data_dir)?;
    let lock =
        OpenOptions::new().create(true).truncate(false).write(true).open(data_dir.join("instance.lock"))?;
    let socket = data_dir.join("instance.sock");
    match lock.try_lock() {
        Ok(()) => {
            // The lock is ours, so a socket file left behind is stale.
            let _ = std::fs::remove_file(&socket);
            let listener = UnixListener::bind(&socket)
                .inspect_err(|err| {
                    tracing::warn!(
                        "cannot listen on {} ({err}); a second launch will not be able to show this window",
                        socket.display()
                    )
                })
                .ok();
            Ok(Claim::First(Guard { _lock: lock, listener }))
        }
        Err(TryLockError::WouldBlock) => Ok(Claim::Second { socket }),
        Err(TryLockError::Error(err)) => Err(err),
    }
}

/// Asks the running instance (over its socket) to show its window.
pub fn ask_to_show(socket: &Path) -> io::Result<()> {
    // The first instance may be starting up and not listening yet: give it a moment.
    let mut last_error = None;
    for _ in 0..30 {
        match UnixStream::connect(socket) {
            Ok(mut stream) => return stream.write_all(b"show\n"),
            Err(err) => last_error = Some(err),
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no answer from the running instance")))
}

/// Asks the running instance to replace its settings with `document`; its answer as JSON
/// (`Result<Settings, ErrorBody>`).
pub fn ask_settings(socket: &Path, document: &str) -> io::Result<String> {
    let mut stream = UnixStream::connect(socket)?;
    // Applying settings is one engine command; a minute means the instance is stuck.
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    stream.write_all(b"settings\n")?;
    stream.write_all(document.as_bytes())?;
    stream.shutdown(std::net::Shutdown::Write)?;
    let mut answer = String::new();
    stream.take(MAX_SETTINGS * 2).read_to_string(&mut answer)?;
    Ok(answer)
}

/// Reads one request from a client: `None` for anything else, or for a client that has not
/// sent its whole request within [`READ_TIMEOUT`] (however it dribbles).
fn read_ask(stream: &UnixStream) -> Option<Ask> {
    let mut reader = Deadline { stream, until: Instant::now() + READ_TIMEOUT };
    // Byte by byte up to the newline, so nothing after it is read ahead into a buffer.
    let mut verb = Vec::new();
    let mut byte = [0u8; 1];
    while verb.len() < 64 && reader.read(&mut byte).ok()? == 1 && byte[0] != b'\n' {
        verb.push(byte[0]);
    }
    match verb.trim_ascii() {
        b"show" => Some(Ask::Show),
        b"settings" => {
            let mut document = String::new();
            reader.take(MAX_SETTINGS).read_to_string(&mut document).ok()?;
            Some(Ask::Settings(document))
        }
        _ => None,
    }
}

/// Reads from a stream until a deadline for the whole read, not for each call.
struct Deadline<'a> {
    stream: &'a UnixStream,
    until: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

impl Guard {
    /// Answers each request of a second process with `answer`, on a thread of its own, one
    /// client at a time; what `answer` returns is written back (nothing for [`Ask::Show`]).
    pub fn serve(&mut self, answer: impl Fn(Ask) -> Option<String> + Send + 'static) {
        let Some(listener) = self.listener.take() else {
            return;
        };
        let spawned = std::thread::Builder::new().name("lull-instance".into()).spawn(move || {
            for mut stream in listener.incoming().flatten() {
                if let Some(reply) = read_ask(&stream).and_then(&answer) {
                    let _ = stream.write_all(reply.as_bytes());
                }
            }
        });
        if let Err(err) = spawned {
            tracing::warn!("cannot start the single-instance listener: {err}");
        }
    }
}
