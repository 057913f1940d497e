//! Where the core gets its time from.
//!
//! Nothing in the core asks the operating system for the time: every decision takes it from a
//! [`Clock`], so tests can move time across midnight, daylight-saving changes and suspend gaps
//! without sleeping. A clock also knows how to *wait* for a wall-clock instant, because that is
//! where the two kinds of clock differ most: the system clock must keep counting through suspend
//! (see `wall_timer.rs`), a manual clock wakes its sleepers when a test moves it.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use tokio::sync::watch;

/// A future returned by [`Clock::sleep_until`].
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// The time and the time zone the core runs in.
pub trait Clock: Send + Sync + 'static {
    /// The current wall-clock instant.
    fn now(&self) -> DateTime<Utc>;

    /// The user's time zone, read each time so that a change while running is honoured.
    fn time_zone(&self) -> Tz;

    /// Resolves at or after `deadline` on this clock, early if the wall clock was set (so the
    /// caller re-reads `now()` and decides again). Spurious early wake-ups are allowed.
    fn sleep_until(&self, deadline: DateTime<Utc>) -> Sleep;
}

/// The operating system's clock and time zone.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods, reason = "this is the one place the system time is read")]
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn time_zone(&self) -> Tz {
        system_time_zone()
    }

    fn sleep_until(&self, deadline: DateTime<Utc>) -> Sleep {
        Box::pin(crate::wall_timer::sleep_until(deadline))
    }
}

/// The system's IANA time zone: `TZ` when it names a zone, else what `/etc/localtime` points at,
/// else UTC (a container without zone data).
pub fn system_time_zone() -> Tz {
    if let Ok(tz) = std::env::var("TZ")
        && let Ok(zone) = tz.trim_start_matches(':').parse::<Tz>()
    {
        return zone;
    }
    iana_time_zone::get_timezone().ok().and_then(|name| name.parse::<Tz>().ok()).unwrap_or(Tz::UTC)
}

/// A clock that only moves when told to. Cheap to clone; clones share the same time.
#[derive(Debug, Clone)]
pub struct ManualClock {
    now: Arc<watch::Sender<DateTime<Utc>>>,
    zone: Arc<std::sync::Mutex<Tz>>,
}

impl ManualClock {
    pub fn new(start: DateTime<Utc>, zone: Tz) -> Self {
        let (now, _) = watch::channel(start);
        Self { now: Arc::new(now), zone: Arc::new(std::sync::Mutex::new(zone)) }
    }

    /// Sets the clock to `to`, forwards or backwards, waking sleepers whose deadline is reached.
    pub fn set(&self, to: DateTime<Utc>) {
        self.now.send_replace(to);
    }

    /// Moves the clock forward (or back, for a negative delta).
    pub fn advance(&self, by: chrono::TimeDelta) {
        self.now.send_modify(|now| *now += by);
    }

    pub fn set_time_zone(&self, zone: Tz) {
        *self.zone.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = zone;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.borrow()
    }

    fn time_zone(&self) -> Tz {
        *self.zone.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn sleep_until(&self, deadline: DateTime<Utc>) -> Sleep {
        let mut now = self.now.subscribe();
        Box::pin(async move {
            // The sender lives as long as any clone of this clock; if every clone is gone the
            // time can never reach the deadline, so sleep forever like a real timer would.
            if now.wait_for(|now| *now >= deadline).await.is_err() {
                std::future::pending::<()>().await;
            }
        })
    }
}
