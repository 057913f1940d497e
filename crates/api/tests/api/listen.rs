//! Where the API listens: 127.0.0.1 always, and [::1] too, or a warning saying why not.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use lull_core::{Engine, Lull, ManualClock};

/// An engine on a fresh data directory, its task running on the test's runtime.
fn engine() -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().expect("temp dir");
    let start = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().expect("valid");
    let clock = ManualClock::new(start, chrono_tz::Tz::UTC);
    let (lull, pending) = Lull::open(&dir.path().join("lull.sqlite3"), Arc::new(clock)).expect("opens");
    let (engine, task) = Engine::new(lull, pending).expect("engine");
    tokio::spawn(task);
    (dir, engine)
}

#[tokio::test]
async fn a_squatter_on_the_ipv6_loopback_is_reported_not_ignored() {
    // Only where the machine has an IPv6 loopback: elsewhere nothing can squat on it.
    let Ok(squatter) = std::net::TcpListener::bind("[::1]:0") else { return };
    let port = squatter.local_addr().expect("address").port();
    if std::net::TcpListener::bind(("127.0.0.1", port)).is_err() {
        return; // the IPv4 side of that port is taken too: nothing to learn here
    }
    let (dir, engine) = engine();
    let running = lull_api::start(engine, None, dir.path(), port).await.expect("serves on 127.0.0.1");
    let warning = running.ipv6_warning.expect("the taken [::1] is reported");
    assert!(warning.contains(&format!("[::1]:{port}")) && warning.contains("127.0.0.1"), "{warning}");
    let url = format!("http://127.0.0.1:{port}");
    assert_eq!(running.address.url, url, "clients are sent to IPv4, never localhost");
    drop(squatter);
}

#[tokio::test]
async fn with_both_loopbacks_free_there_is_no_warning() {
    let (dir, engine) = engine();
    let running = lull_api::start(engine, None, dir.path(), 0).await.expect("serves");
    assert_eq!(running.ipv6_warning, None);
}
