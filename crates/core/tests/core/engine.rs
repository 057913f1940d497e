//! The engine task: commands, deadlines reached by moving the clock, and what it publishes.

use std::sync::Arc;

use lull_core::request::InboxList;
use lull_core::{Change, Engine, ErrorCode, Lull, Outcome};
use tokio::sync::broadcast;

use crate::support::{Fixture, mins, secs};

fn spawn(fx: &Fixture) -> Engine {
    let (lull, pending) = Lull::open(&fx.db(), Arc::new(fx.clock.clone())).expect("opens");
    let (engine, task) = Engine::new(lull, pending).expect("engine");
    tokio::spawn(task);
    engine
}

/// The next event about a focus block, skipping the others (mode changes, …).
async fn next(events: &mut broadcast::Receiver<Change>) -> Change {
    loop {
        let change = events.recv().await.expect("the engine publishes an event");
        if matches!(change, Change::Started { .. } | Change::Extended { .. } | Change::Ended { .. }) {
            return change;
        }
    }
}

#[tokio::test]
async fn the_engine_completes_a_block_when_the_clock_reaches_its_deadline() {
    let fx = Fixture::new();
    let engine = spawn(&fx);
    let mut events = engine.subscribe();
    let mut status = engine.watch_status();

    let block = engine.start_focus(90, Some("short".into())).await.expect("start");
    assert!(matches!(next(&mut events).await, Change::Started { block: ref b } if *b == block));
    status.wait_for(|s| s.block.is_some()).await.expect("status shows the block");

    fx.clock.advance(secs(89));
    fx.clock.advance(secs(1));
    let Change::Ended { block: ended, while_away } = next(&mut events).await else {
        panic!("the next event is the end of the block");
    };
    assert!(!while_away);
    assert_eq!(ended.outcome, Some(Outcome::Completed));
    assert_eq!(ended.ended_at, Some(block.deadline));
    let status = status.wait_for(|s| s.block.is_none()).await.expect("status").clone();
    assert_eq!(status.today.blocks_completed, 1, "the status counts it");
}

#[tokio::test]
async fn an_extension_moves_the_wakeup_to_the_new_deadline() {
    let fx = Fixture::new();
    let engine = spawn(&fx);
    let mut events = engine.subscribe();
    engine.start_focus(60, None).await.expect("start");
    let extended = engine.extend_focus(600).await.expect("extend");
    next(&mut events).await; // started
    next(&mut events).await; // extended

    fx.clock.advance(secs(61));
    engine.extend_focus(1).await.expect("still running after the old deadline");
    next(&mut events).await; // extended again

    fx.clock.set(extended.deadline + secs(1));
    let Change::Ended { block, .. } = next(&mut events).await else { panic!("ended") };
    assert_eq!(block.ended_at, Some(extended.deadline + secs(1)));
}

#[tokio::test]
async fn a_stop_that_arrives_after_the_deadline_finds_the_block_completed() {
    let fx = Fixture::new();
    let engine = spawn(&fx);
    engine.start_focus(300, None).await.expect("start");
    // Move the clock and send the stop before the engine has had a chance to wake up.
    fx.clock.advance(mins(6));
    let err = engine.stop_focus().await.expect_err("nothing to stop");
    assert_eq!(err.code, ErrorCode::NoFocusRunning);
    assert_eq!(engine.status().today.blocks[0].outcome, Some(Outcome::Completed));
}

#[tokio::test]
async fn errors_reach_the_caller_with_their_code_and_publish_nothing() {
    let fx = Fixture::new();
    let engine = spawn(&fx);
    let mut events = engine.subscribe();
    assert_eq!(engine.stop_focus().await.expect_err("refused").code, ErrorCode::NoFocusRunning);
    assert_eq!(engine.start_focus(0, None).await.expect_err("refused").code, ErrorCode::InvalidDuration);
    assert!(matches!(events.try_recv(), Err(broadcast::error::TryRecvError::Empty)), "no event");
}

#[tokio::test]
async fn a_block_that_ran_out_while_lull_was_away_is_published_once_on_start() {
    let fx = Fixture::new();
    let block = fx.lull().start_focus(60, None).expect("start");
    fx.clock.advance(mins(30));
    let engine = spawn(&fx);
    // The task has not run yet (this runtime has one thread and the test has not yielded), so
    // this receiver sees everything it publishes, the start-up changes first.
    let mut events = engine.subscribe();
    assert_eq!(engine.status().block, None, "the first status already has no block running");
    assert_eq!(engine.status().today.blocks[0].ended_at, Some(block.deadline));
    let ended_while_away = |events: &mut broadcast::Receiver<Change>| {
        std::iter::from_fn(|| events.try_recv().ok())
            .filter(|c| matches!(c, Change::Ended { block: b, while_away: true } if b.id == block.id))
            .count()
    };
    // A command's answer comes after everything published before it, so the queue is complete.
    engine.settings().await.expect("a round trip through the engine");
    fx.clock.advance(mins(1));
    engine.settings().await.expect("and one more, after a tick at a later time");
    assert_eq!(ended_while_away(&mut events), 1, "published exactly once");
    drop(engine);

    let engine = spawn(&fx);
    let mut events = engine.subscribe();
    engine.settings().await.expect("a round trip");
    assert_eq!(ended_while_away(&mut events), 0, "not again at the next start");
}

#[tokio::test]
async fn the_engine_stops_when_every_handle_is_dropped() {
    let fx = Fixture::new();
    let (lull, pending) = Lull::open(&fx.db(), Arc::new(fx.clock.clone())).expect("opens");
    let (engine, task) = Engine::new(lull, pending).expect("engine");
    let task = tokio::spawn(task);
    drop(engine);
    task.await.expect("the task ends cleanly");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_senders_are_committed_together_and_each_gets_its_own_answer() {
    let fx = Fixture::new();
    let engine = spawn(&fx);
    let senders: Vec<_> = (0..200)
        .map(|i| {
            let engine = engine.clone();
            tokio::spawn(async move {
                let body = if i == 7 { String::new() } else { format!("message {i}") };
                engine.receive(lull_core::NewMessage::new(lull_core::Source::Api, body)).await
            })
        })
        .collect();
    let mut ids = std::collections::BTreeSet::new();
    let mut refused = 0;
    for sender in senders {
        match sender.await.expect("the task ran") {
            Ok(receipt) => assert!(ids.insert(receipt.id), "ids are unique"),
            Err(err) => {
                assert_eq!(err.code, ErrorCode::InvalidMessage, "only the empty one is refused");
                refused += 1;
            }
        }
    }
    assert_eq!((ids.len(), refused), (199, 1), "a bad message does not fail its group");
    let page = engine.inbox(InboxList { limit: Some(500), ..Default::default() }).await.expect("inbox");
    assert_eq!(page.messages.len(), 199, "every answered message is stored");
}

#[tokio::test]
async fn the_status_is_published_when_only_an_override_changes() {
    let fx = Fixture::new(); // Open
    let engine = spawn(&fx);
    let mut status = engine.watch_status();
    status.borrow_and_update();
    let until = engine.working_late("19:30".parse().expect("time")).await.expect("working late");
    let published = status.wait_for(|s| s.working_late_until.is_some()).await.expect("published").clone();
    assert_eq!(published.working_late_until, Some(until), "the mode did not change, the status did");
}

/// Yields to the engine's task often enough that a loop that never sleeps would run many times.
async fn let_the_engine_run() {
    for _ in 0..200 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test]
async fn a_tick_that_keeps_failing_backs_off_and_says_so_instead_of_spinning() {
    let fx = Fixture::new();
    let engine = spawn(&fx);
    let mut status = engine.watch_status();
    let block = engine.start_focus(60, None).await.expect("start");
    engine.refuse_writes(true).await.expect("the data directory turns read-only");

    fx.clock.set(block.deadline + secs(1));
    let fault = status.wait_for(|s| s.fault.is_some()).await.expect("status").fault.clone().expect("fault");
    assert_eq!(fault.error.code, ErrorCode::ReadOnly, "the status says what fails: {fault:?}");
    assert_eq!((fault.attempts, fault.retry_at), (1, block.deadline + secs(2)), "the first retry waits 1 s");
    let_the_engine_run().await;
    assert_eq!(engine.status().fault.map(|f| f.attempts), Some(1), "no retry before the backoff");
    assert!(engine.status().block.is_some(), "the block's end could not be recorded yet");

    fx.clock.set(fault.retry_at);
    let fault = status
        .wait_for(|s| s.fault.as_ref().is_some_and(|f| f.attempts == 2))
        .await
        .expect("status")
        .fault
        .clone()
        .expect("fault");
    assert_eq!(fault.retry_at, block.deadline + secs(4), "the next retry waits twice as long");
    assert_eq!(fault.since, block.deadline + secs(1), "since the first failure");

    engine.refuse_writes(false).await.expect("writable again");
    fx.clock.set(fault.retry_at);
    let now = status.wait_for(|s| s.fault.is_none()).await.expect("status").clone();
    assert_eq!(now.block, None, "the block ended once the write went through");
    assert_eq!(now.today.blocks[0].ended_at, Some(block.deadline), "at its deadline, as if nothing failed");
}

#[tokio::test]
async fn a_digest_is_owed_until_the_one_who_shows_it_says_it_was_shown() {
    let fx = Fixture::new();
    {
        let engine = spawn(&fx);
        let mut events = engine.subscribe_transitions();
        engine.start_focus(60, None).await.expect("start");
        engine.receive(lull_core::NewMessage::new(lull_core::Source::Api, "held")).await.expect("held");
        fx.clock.advance(secs(61));
        let digest = loop {
            if let Change::Digest { digest } = events.recv().await.expect("an event") {
                break digest;
            }
        };
        assert_eq!(digest.count, 1);
        // Nobody showed it: the engine must not count it as announced.
    }
    let (lull, pending) = Lull::open(&fx.db(), Arc::new(fx.clock.clone())).expect("opens again");
    let owed: Vec<_> = pending
        .iter()
        .filter_map(|c| match c {
            Change::Digest { digest } => Some(digest.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(owed.len(), 1, "a digest nobody showed is announced again at the next start");
    let (engine, task) = Engine::new(lull, pending).expect("engine");
    tokio::spawn(task);
    let digest = &owed[0];
    engine.digest_announced(digest.id).await.expect("recorded");
    assert!(engine.unannounced_digests().await.expect("read").is_empty(), "shown, so no longer owed");
}

#[tokio::test]
async fn a_message_replaced_in_place_is_published_as_a_change() {
    let fx = Fixture::new();
    let engine = spawn(&fx);
    let mut first = lull_core::NewMessage::new(lull_core::Source::Desktop, "downloading 10 %");
    first.dedupe_key = Some("bus/daemon/7".into());
    let receipt = engine.receive(first.clone()).await.expect("stored");
    let mut events = engine.subscribe();
    let update = lull_core::NewMessage { body: "downloading 90 %".into(), replace: true, ..first };
    let again = engine.receive(update).await.expect("replaced");
    assert_eq!((again.id, again.duplicate), (receipt.id, true), "the same message");
    let change = events.recv().await.expect("an event");
    assert_eq!(change, Change::InboxChanged { ids: vec![receipt.id] }, "the views hear of the update");
    assert_eq!(engine.message(receipt.id).await.expect("read").body, "downloading 90 %");
}
