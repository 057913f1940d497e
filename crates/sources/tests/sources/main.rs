//! The message sources against servers the tests start: mail against a real Dovecot, calendars
//! against a real Radicale; remote
//! ntfy topics and Gotify streams against stand-in servers on loopback (neither can be installed
//! here; see `docs/testing.md`).

mod calendar;
mod dovecot;
mod gotify;
mod gotify_server;
mod imap;
mod ntfy;
mod ntfy_server;
mod profile;
mod radicale;

use std::future::Future;
use std::time::{Duration, Instant};

use lull_core::request::InboxList;
use lull_core::{Engine, Message};
pub use profile::Profile;

/// Every message in the inbox, newest first.
pub async fn inbox(engine: &Engine) -> Vec<Message> {
    let list = InboxList { limit: Some(500), ..InboxList::default() };
    engine.inbox(list).await.expect("the inbox reads").messages
}

/// Waits (20 s at most) until `check` is true.
pub async fn until<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let start = Instant::now();
    while !check().await {
        assert!(start.elapsed() < Duration::from_secs(20), "{what} within 20 s");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits (20 s at most) until the source's status is `state`, and returns it.
pub async fn until_state(
    status: &mut tokio::sync::watch::Receiver<lull_core::SourceStatus>,
    state: lull_core::SourceState,
) -> lull_core::SourceStatus {
    let wait = status.wait_for(|s| s.state == state);
    let found = match tokio::time::timeout(Duration::from_secs(20), wait).await {
        Ok(Ok(status)) => Some(status.clone()),
        _ => None,
    };
    found
        .unwrap_or_else(|| panic!("the source is {state:?} within 20 s; it is {:?}", status.borrow().clone()))
}
