//! `GET /v1/events`: server-sent events of every status and change, for status bars and scripts.
//!
//! First the current status, then each change as it happens, each followed by the new status
//! when it differs from the last one sent. A client too slow to keep up gets a `lagged` event with
//! the number of changes it missed, and goes on from the newest.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use lull_core::{Engine, Status};
use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::RecvError;

struct Feed {
    engine: Engine,
    changes: Receiver<lull_core::Change>,
    last_status: Option<Status>,
    queue: VecDeque<Event>,
}

impl Feed {
    fn push_status(&mut self) {
        let status = self.engine.status();
        if self.last_status.as_ref() != Some(&status) {
            self.queue.push_back(Event::default().event("status").json_data(&status).unwrap_or_default());
            self.last_status = Some(status);
        }
    }
}

pub async fn events(State(engine): State<Engine>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut feed = Feed { changes: engine.subscribe(), engine, last_status: None, queue: VecDeque::new() };
    feed.push_status();
    let stream = futures_util::stream::unfold(feed, |mut feed| async move {
        loop {
            if let Some(event) = feed.queue.pop_front() {
                return Some((Ok(event), feed));
            }
            match feed.changes.recv().await {
                Ok(change) => {
                    feed.queue
                        .push_back(Event::default().event("change").json_data(&change).unwrap_or_default());
                    feed.push_status();
                }
                Err(RecvError::Lagged(missed)) => {
                    feed.queue.push_back(Event::default().event("lagged").data(missed.to_string()));
                    feed.push_status();
                }
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(30)))
}
