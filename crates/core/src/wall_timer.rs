//! Sleeping until a wall-clock instant, in a way that survives suspend and clock changes.
//!
//! tokio's timers (like `Instant`) run on `CLOCK_MONOTONIC`, which stops while the machine is
//! suspended: a block due to end during a suspend would end minutes or hours late. On Linux we
//! arm a `timerfd` on `CLOCK_REALTIME` with an absolute expiry, which the kernel fires as soon as
//! the machine resumes past it, and `TFD_TIMER_CANCEL_ON_SET`, which wakes us when someone sets
//! the wall clock, so the engine re-reads the time and decides again. A change of the system's
//! time zone (a new `/etc/localtime`) wakes it too, through inotify. No polling either way.

use chrono::{DateTime, Utc};

#[cfg(target_os = "linux")]
pub async fn sleep_until(deadline: DateTime<Utc>) {
    let zone_changed = async {
        match linux::zone_changes() {
            Some(mut changes) => {
                let _ = changes.changed().await;
            }
            None => std::future::pending().await,
        }
    };
    let timer = async {
        match linux::TimerFd::at(deadline) {
            Ok(timer) => timer.wait().await,
            // Could not arm a timerfd (an exotic sandbox): fall back to short monotonic sleeps
            // so a suspend delays the wake-up by at most a few seconds.
            Err(_) => fallback(deadline).await,
        }
    };
    tokio::select! {
        () = timer => {}
        () = zone_changed => {}
    }
}

#[cfg(not(target_os = "linux"))]
pub async fn sleep_until(deadline: DateTime<Utc>) {
    fallback(deadline).await
}

async fn fallback(deadline: DateTime<Utc>) {
    #[allow(clippy::disallowed_methods, reason = "the fallback timer compares with the real clock")]
    let left = deadline - Utc::now();
    let step = left.to_std().unwrap_or_default().min(std::time::Duration::from_secs(2));
    tokio::time::sleep(step).await;
}

#[cfg(target_os = "linux")]
mod linux {
    use std::io;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

    use chrono::{DateTime, Utc};
    use tokio::io::Interest;
    use tokio::io::unix::AsyncFd;

    pub struct TimerFd {
        fd: AsyncFd<OwnedFd>,
    }

    /// Changes of the system's time zone, counted. One inotify watch on `/etc` per process, read
    /// by a thread of its own: closing an inotify descriptor waits for an RCU grace period
    /// (milliseconds), far too slow to open and close one around every sleep of the engine.
    pub fn zone_changes() -> Option<tokio::sync::watch::Receiver<u64>> {
        static CHANGES: std::sync::OnceLock<Option<tokio::sync::watch::Sender<u64>>> =
            std::sync::OnceLock::new();
        CHANGES.get_or_init(|| watch_zone().ok()).as_ref().map(|changes| changes.subscribe())
    }

    fn watch_zone() -> io::Result<tokio::sync::watch::Sender<u64>> {
        // SAFETY: inotify_init1 has no memory-safety preconditions; we check its result.
        let raw = unsafe { libc::inotify_init1(libc::IN_CLOEXEC) };
        if raw < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `raw` is a fresh descriptor that nothing else owns.
        let fd = unsafe { OwnedFd::from_raw_fd(raw) };
        let mask = libc::IN_CREATE | libc::IN_MOVED_TO | libc::IN_CLOSE_WRITE | libc::IN_DELETE;
        // SAFETY: a valid inotify descriptor and a NUL-terminated path.
        if unsafe { libc::inotify_add_watch(fd.as_raw_fd(), c"/etc".as_ptr(), mask) } < 0 {
            return Err(io::Error::last_os_error());
        }
        let (changes, _) = tokio::sync::watch::channel(0u64);
        let sender = changes.clone();
        std::thread::Builder::new().name("lull-zone-watch".into()).spawn(move || {
            let mut buffer = [0u8; 4096];
            loop {
                // SAFETY: reading into a buffer of the given length from a valid descriptor.
                let n = unsafe { libc::read(fd.as_raw_fd(), buffer.as_mut_ptr().cast(), buffer.len()) };
                if n < 0 {
                    if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                        continue;
                    }
                    return;
                }
                if names(&buffer[..n as usize]).any(|name| name == b"localtime" || name == b"timezone") {
                    sender.send_modify(|count| *count += 1);
                }
            }
        })?;
        Ok(changes)
    }

    /// The file names in a buffer of `inotify_event`s.
    fn names(mut buffer: &[u8]) -> impl Iterator<Item = &[u8]> {
        const HEADER: usize = std::mem::size_of::<libc::inotify_event>();
        std::iter::from_fn(move || {
            if buffer.len() < HEADER {
                return None;
            }
            // The `len` field (u32) is the last of the header, in native byte order.
            let len = u32::from_ne_bytes(buffer[HEADER - 4..HEADER].try_into().ok()?) as usize;
            let end = (HEADER + len).min(buffer.len());
            let name = &buffer[HEADER..end];
            buffer = &buffer[end..];
            Some(name.split(|&b| b == 0).next().unwrap_or_default())
        })
    }

    impl TimerFd {
        /// A timer that becomes readable at `deadline` on the wall clock, or when the wall clock
        /// is set (the read then fails with `ECANCELED`).
        pub fn at(deadline: DateTime<Utc>) -> io::Result<Self> {
            // SAFETY: timerfd_create has no memory-safety preconditions; we check its result.
            let raw =
                unsafe { libc::timerfd_create(libc::CLOCK_REALTIME, libc::TFD_NONBLOCK | libc::TFD_CLOEXEC) };
            if raw < 0 {
                return Err(io::Error::last_os_error());
            }
            // SAFETY: `raw` is a fresh descriptor that nothing else owns.
            let fd = unsafe { OwnedFd::from_raw_fd(raw) };
            // An expiry of zero would disarm the timer; one nanosecond after the epoch is "now".
            let secs = deadline.timestamp().max(0);
            let nanos = if secs == 0 && deadline.timestamp_subsec_nanos() == 0 {
                1
            } else {
                deadline.timestamp_subsec_nanos()
            };
            let spec = libc::itimerspec {
                it_interval: libc::timespec { tv_sec: 0, tv_nsec: 0 },
                it_value: libc::timespec { tv_sec: secs as libc::time_t, tv_nsec: nanos as _ },
            };
            let flags = libc::TFD_TIMER_ABSTIME | libc::TFD_TIMER_CANCEL_ON_SET;
            // SAFETY: `fd` is a valid timerfd and `spec` a valid itimerspec for the call.
            let rc = unsafe { libc::timerfd_settime(fd.as_raw_fd(), flags, &spec, std::ptr::null_mut()) };
            if rc < 0 {
                return Err(io::Error::last_os_error());
            }
            // SAFETY: the `OwnedFd` moves into the `AsyncFd`, which keeps it open (and the same
            // descriptor) until it is dropped.
            let fd = unsafe { AsyncFd::register_with_interest(fd, Interest::READABLE) }
                .map_err(|err| err.into_parts().1)?;
            Ok(Self { fd })
        }

        /// Waits until the timer fires or the wall clock is set.
        pub async fn wait(self) {
            loop {
                let Ok(mut ready) = self.fd.readable().await else {
                    return;
                };
                let mut expirations = [0u8; 8];
                // SAFETY: reading 8 bytes into an 8-byte buffer from a valid descriptor.
                let n = unsafe {
                    libc::read(self.fd.as_raw_fd(), expirations.as_mut_ptr().cast(), expirations.len())
                };
                if n >= 0 {
                    return;
                }
                match io::Error::last_os_error().raw_os_error() {
                    Some(libc::EAGAIN) => ready.clear_ready(),
                    // ECANCELED: the clock was set. Anything else: do not spin on a broken fd.
                    _ => return,
                }
            }
        }
    }
}
