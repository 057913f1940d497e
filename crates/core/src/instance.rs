//! One Lull per data directory, whichever program runs it (the desktop app or `lull serve`): one
//! engine, one writer.
//!
//! The first instance holds an exclusive lock on `instance.lock` in the data directory (the
//! kernel drops it when the process dies, even by `kill -9`) and listens on `instance.sock`
//! beside it. A second launch finds the lock taken and can ask the first instance over the socket
//! to show its window. Two profiles (`--data-dir`) run side by side.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::unix::fs::DirBuilderExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

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

impl Guard {
    /// Calls `show` (on a thread of its own) each time a second launch asks for the window. An
    /// instance without a window need not call it.
    pub fn serve(&mut self, show: impl Fn() + Send + 'static) {
        let Some(listener) = self.listener.take() else {
            return;
        };
        let spawned = std::thread::Builder::new().name("lull-instance".into()).spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut line = String::new();
                // A few bytes are enough; a stray client cannot make us buffer more.
                let mut reader = BufReader::new(stream.take(64));
                if reader.read_line(&mut line).is_ok() && line.trim() == "show" {
                    show();
                }
            }
        });
        if let Err(err) = spawned {
            tracing::warn!("cannot start the single-instance listener: {err}");
        }
    }
}
