//! Remote ntfy topics end to end: the source against the stand-in server, the engine on a real
//! SQLite file, secrets in the fallback file (`lull-secrets`' own tests cover the keyring).

use std::sync::Arc;

use lull_core::subscriptions::{NtfyAuth, NtfySubscription};
use lull_core::{Decision, Engine, MessageState, SourceState, SourceStatus};
use lull_secrets::Secret;
use lull_sources::Statuses;
use lull_sources::ntfy::Ntfy;
use tokio::sync::watch;

use crate::ntfy_server::NtfyServer;
use crate::{Profile, inbox, until, until_state};

fn subscription(server: &NtfyServer, auth: NtfyAuth) -> NtfySubscription {
    NtfySubscription {
        id: "home".into(),
        server: server.url(),
        topics: vec!["alerts".into(), "ci".into()],
        auth,
        enabled: true,
    }
}

/// Lull with the subscriptions in its settings and the ntfy source started.
async fn run(
    profile: &Profile,
    subscriptions: Vec<NtfySubscription>,
) -> (Engine, watch::Receiver<SourceStatus>, Statuses) {
    let statuses = Statuses::default();
    let source = Ntfy::new(profile.open_secrets(), Arc::new(profile.clock.clone()), statuses.clone());
    let (engine, status) = profile.start(|s| s.ntfy = subscriptions, Box::new(source)).await;
    (engine, status, statuses)
}

#[test]
fn a_topic_s_messages_arrive_once_each_and_a_restart_catches_up_from_where_it_was() {
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let mut server = runtime.block_on(NtfyServer::start());

    // Lull runs: what is published arrives, with its topic and ntfy's id.
    let first = runtime.block_on(async {
        let (engine, mut status, _) = run(&profile, vec![subscription(&server, NtfyAuth::None)]).await;
        until_state(&mut status, SourceState::Running).await;
        let first = server.publish("alerts", r#""title":"Disk full","message":"/var at 98%","priority":4"#);
        server.publish("elsewhere", r#""message":"not subscribed""#);
        until("the first message is stored", || async { inbox(&engine).await.len() == 1 }).await;
        let stored = inbox(&engine).await;
        assert_eq!(stored[0].title.as_deref(), Some("Disk full"));
        assert_eq!(stored[0].source_detail.as_deref(), Some("alerts"), "the topic is the source detail");
        assert_eq!(stored[0].priority, 4);
        first
    });
    assert_eq!(server.requests().len(), 1);
    assert!(
        !server.requests()[0].contains("since="),
        "a new subscription starts from now: {:?}",
        server.requests()
    );
    drop(runtime); // Lull stops: its tasks and connections end with the runtime.

    // While Lull is down two more come; the server keeps them in its cache.
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        server.restart().await;
        server.publish("ci", r#""title":"Build failed","message":"main is red""#);
        server.publish("alerts", r#""message":"/var at 99%""#);
    });

    // Lull starts again: it asks for what came after the last message it stored, and only that.
    runtime.block_on(async {
        let (engine, mut status, _) = run(&profile, vec![subscription(&server, NtfyAuth::None)]).await;
        until_state(&mut status, SourceState::Running).await;
        until("the two sent while Lull was down", || async { inbox(&engine).await.len() == 3 }).await;
        let requests = server.requests();
        let last = requests.last().expect("a request");
        assert!(last.contains(&format!("/alerts,ci/json?since={first}")), "resumed from the cursor: {last}");
        // The server sends one again (as after a crash between storing and saving the cursor).
        server.send_raw(
            format!(r#"{{"id":"{first}","time":1764000000,"event":"message","topic":"alerts","message":"/var at 98%"}}"#)
                .as_bytes(),
        );
        let marker = server.publish("alerts", r#""message":"after the repeat""#);
        until("the message after the repeat", || async {
            inbox(&engine).await.iter().any(|m| m.body == "after the repeat")
        })
        .await;
        let stored = inbox(&engine).await;
        assert_eq!(stored.len(), 4, "every message once, the repeated one too: {stored:#?}");
        let keys: Vec<_> = stored.iter().map(|m| m.body.as_str()).collect();
        assert!(keys.contains(&"/var at 98%") && keys.contains(&"main is red") && keys.contains(&"/var at 99%"));
        assert_eq!(engine.source_cursor("ntfy/home".into()).await.expect("cursor"), Some(marker));
    });
}

#[test]
fn a_server_that_goes_away_is_unreachable_since_then_and_is_followed_again_when_it_is_back() {
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let mut server = NtfyServer::start().await;
        let (engine, mut status, statuses) = run(&profile, vec![subscription(&server, NtfyAuth::None)]).await;
        until_state(&mut status, SourceState::Running).await;

        server.stop();
        let down = until_state(&mut status, SourceState::Unreachable).await;
        assert_eq!(down.since, Some(lull_core::Clock::now(&profile.clock)), "since when, from Lull's clock");
        let detail = down.detail.expect("why");
        assert!(detail.starts_with("home: "), "names the subscription: {detail}");
        assert_eq!(statuses.snapshot()["home"].state, SourceState::Unreachable);

        // Sent while Lull could not reach it: caught up once the server is back.
        server.restart().await;
        server.publish("ci", r#""message":"sent while unreachable""#);
        until_state(&mut status, SourceState::Running).await;
        until("the message sent while unreachable", || async { inbox(&engine).await.len() == 1 }).await;
        assert_eq!(status.borrow().since, None, "running again: no since");
    });
}

#[test]
fn a_refused_credential_says_so_and_the_stored_token_is_sent_as_bearer() {
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let server = NtfyServer::start().await;
        server.require("Bearer tk_right");
        let secrets = profile.secrets();
        let key = subscription(&server, NtfyAuth::Token).secret_key();

        // No token stored at all: said before anything is sent.
        let (engine, mut status, _) = run(&profile, vec![subscription(&server, NtfyAuth::Token)]).await;
        let refused = until_state(&mut status, SourceState::Refused).await;
        assert!(refused.detail.as_deref().is_some_and(|d| d.contains("no password or token")), "{refused:?}");
        assert!(server.requests().is_empty(), "nothing was sent without a credential");

        // A wrong one: the server's answer is the status.
        secrets.store(&key, "ntfy", &Secret::new("tk_wrong")).await.expect("stored");
        let mut settings = engine.settings().await.expect("settings");
        settings.ntfy[0].topics.push("deploys".into()); // any change restarts the subscription
        engine.update_settings(settings.clone()).await.expect("updated");
        until("the wrong token is refused", || async {
            status.borrow().detail.as_deref().is_some_and(|d| d.contains("refused the credential (403"))
        })
        .await;

        // The right one: running, and messages arrive.
        secrets.store(&key, "ntfy", &Secret::new("tk_right")).await.expect("stored");
        settings.ntfy[0].topics.pop();
        engine.update_settings(settings).await.expect("updated");
        until_state(&mut status, SourceState::Running).await;
        server.publish("alerts", r#""message":"authorised""#);
        until("the message behind the token", || async { inbox(&engine).await.len() == 1 }).await;
        let bytes = std::fs::read(profile.secrets_file()).expect("the secrets file");
        let db = std::fs::read(profile.db()).expect("the database");
        assert!(bytes.windows(8).any(|w| w == b"tk_right"), "the token is in the secrets file");
        assert!(!db.windows(8).any(|w| w == b"tk_right"), "and never in the database");
    });
}

#[test]
fn a_user_and_password_are_sent_as_basic() {
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let server = NtfyServer::start().await;
        server.require("Basic cGhpbDpteXBhc3M="); // phil:mypass, as ntfy's documentation shows
        let auth = NtfyAuth::Basic { user: "phil".into() };
        let key = subscription(&server, auth.clone()).secret_key();
        profile.secrets().store(&key, "ntfy", &Secret::new("mypass")).await.expect("stored");
        let (_engine, mut status, _) = run(&profile, vec![subscription(&server, auth)]).await;
        until_state(&mut status, SourceState::Running).await;
    });
}

#[test]
fn lines_that_are_not_ntfy_s_are_skipped_and_nothing_stored_is_lost() {
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let server = NtfyServer::start().await;
        let (engine, mut status, _) = run(&profile, vec![subscription(&server, NtfyAuth::None)]).await;
        until_state(&mut status, SourceState::Running).await;
        server.publish("alerts", r#""message":"before""#);
        until("the first", || async { inbox(&engine).await.len() == 1 }).await;

        server.send_raw(b"{ not json");
        server.send_raw(b"\xff\xfe invalid UTF-8");
        server.send_raw(br#"{"id":"x","event":"message","topic":"alerts","priority":"high"}"#);
        server.send_raw(br#"{"id":"y","event":"message","topic":"alerts"}"#); // no title, no body
        server.send_raw(b"");
        server.publish("alerts", r#""message":"after the garbage""#);
        until("the message after the garbage", || async { inbox(&engine).await.len() == 2 }).await;
        assert_eq!(status.borrow().state, SourceState::Running, "a few bad lines do not drop the stream");

        // A line far longer than any ntfy message: the stream is dropped and opened again.
        let requests = server.requests().len();
        server.send_raw(&vec![b'x'; 300 * 1024]);
        until("a new connection", || async { server.requests().len() > requests }).await;
        until_state(&mut status, SourceState::Running).await;
        server.publish("alerts", r#""message":"after the long line""#);
        until("the message after the long line", || async { inbox(&engine).await.len() == 3 }).await;
        let bodies: Vec<_> = inbox(&engine).await.into_iter().map(|m| m.body).collect();
        assert_eq!(bodies, ["after the long line", "after the garbage", "before"]);
    });
}

#[test]
fn during_a_block_remote_messages_are_held_and_come_back_in_its_digest() {
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let server = NtfyServer::start().await;
        let (engine, mut status, _) = run(&profile, vec![subscription(&server, NtfyAuth::None)]).await;
        until_state(&mut status, SourceState::Running).await;
        engine.start_focus(25 * 60, Some("write".into())).await.expect("a block starts");
        let mut events = engine.subscribe_transitions();
        for n in 1..=3 {
            server.publish("ci", &format!(r#""message":"build {n} failed""#));
        }
        until("three held", || async {
            let stored = inbox(&engine).await;
            stored.len() == 3
                && stored.iter().all(|m| m.decision == Decision::Held && m.state == MessageState::Held)
        })
        .await;
        engine.stop_focus().await.expect("the block ends");
        let digest = loop {
            if let lull_core::Change::Digest { digest } = events.recv().await.expect("events") {
                break digest;
            }
        };
        assert_eq!(digest.count, 3, "one digest with the three: {digest:?}");
    });
}
