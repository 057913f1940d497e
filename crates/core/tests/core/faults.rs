//! Failing steps: a tick whose later step fails keeps what its earlier steps committed, and the
//! next wake-up is known even when one of its inputs cannot be read. Faults are injected into
//! the real database from a second connection (a trigger that aborts, a table moved away).

use lull_core::{Change, NewMessage, Outcome, Source};

use crate::support::{Fixture, mins};

fn inject(fx: &Fixture, sql: &str) {
    let conn = rusqlite::Connection::open(fx.db()).expect("a second connection");
    conn.execute_batch(sql).expect("the fault is in place");
}

const RELEASE_FAILS: &str = "CREATE TRIGGER injected_failure BEFORE INSERT ON digests
     BEGIN SELECT RAISE(ABORT, 'injected: the release fails'); END;";

#[test]
fn a_tick_whose_release_fails_still_returns_the_block_end_it_committed() {
    let fx = Fixture::new(); // Wednesday 10:00 Berlin: work hours
    let mut lull = fx.lull();
    let block = lull.start_focus(600, None).expect("start");
    lull.tick().into_result().expect("tick");
    let (held, _) = lull.receive(NewMessage::new(Source::Api, "held")).expect("received");
    inject(&fx, RELEASE_FAILS);

    fx.clock.advance(mins(10));
    let first = lull.tick();
    let failed = first.error.as_ref().expect("the release failed");
    assert!(failed.message.contains("injected"), "{failed}");
    assert!(
        !first.changes.iter().any(|c| matches!(c, Change::ModeChanged { .. } | Change::Digest { .. })),
        "what failed is not reported as done: {:?}",
        first.changes
    );
    let mut seen = first.changes;
    inject(&fx, "DROP TRIGGER injected_failure;");
    fx.clock.advance(mins(1));
    let second = lull.tick().into_result().expect("the next tick succeeds");
    assert!(second.iter().any(|c| matches!(c, Change::Digest { .. })), "the release is retried: {second:?}");
    seen.extend(second);

    let ended: Vec<_> =
        seen.iter().filter(|c| matches!(c, Change::Ended { block: b, .. } if b.id == block.id)).collect();
    assert_eq!(ended.len(), 1, "the committed end of the block is published once: {seen:?}");
    assert_eq!(lull.message(held.id).expect("m").state, lull_core::MessageState::Released);
    assert_eq!(lull.status().expect("status").today.blocks[0].outcome, Some(Outcome::Completed));
}

#[test]
fn the_next_wakeup_is_known_when_one_of_its_inputs_cannot_be_read() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let schedule = vec![lull_core::settings::ScheduledBlock {
        id: 0,
        days: vec![lull_core::settings::Day::Friday],
        start: "09:00".parse().expect("t"),
        end: "10:00".parse().expect("t"),
        intent: None,
    }];
    lull.update_settings(lull_core::Settings { schedule, ..lull_core::Settings::default() }).expect("valid");
    let block = lull.start_focus(600, None).expect("start");
    // The timeline reads the skipped occurrences: with their table gone, the next mode change
    // cannot be computed, but the block's deadline still can.
    inject(&fx, "ALTER TABLE schedule_skips RENAME TO moved_away;");
    let wakeup = lull.next_wakeup();
    assert_eq!(wakeup.at, Some(block.deadline), "the engine still wakes for the block's end");
    let err = wakeup.error.expect("and is told that an input could not be read");
    assert!(err.message.contains("schedule_skips"), "{err}");
}

#[tokio::test]
async fn the_engine_publishes_a_block_end_even_when_the_release_after_it_fails() {
    let fx = Fixture::new();
    let (lull, pending) =
        lull_core::Lull::open(&fx.db(), std::sync::Arc::new(fx.clock.clone())).expect("opens");
    let (engine, task) = lull_core::Engine::new(lull, pending).expect("engine");
    tokio::spawn(task);
    let block = engine.start_focus(600, None).await.expect("start");
    engine.receive(NewMessage::new(Source::Api, "held")).await.expect("held");
    inject(&fx, RELEASE_FAILS);
    let mut events = engine.subscribe();

    fx.clock.advance(mins(10));
    // Every job is preceded by a tick and answered after its changes are published.
    engine.settings().await.expect("a round trip through the engine");
    let ended = std::iter::from_fn(|| events.try_recv().ok())
        .filter(|c| matches!(c, Change::Ended { block: b, .. } if b.id == block.id))
        .count();
    assert_eq!(ended, 1, "the block's end was committed, so it is published");
    assert_eq!(engine.status().block, None, "and the status shows no block");
}
