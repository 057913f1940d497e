//! Gotify servers end to end: the source against the stand-in server, the engine on a real SQLite
//! file, the client token in the fallback secrets file.

use std::sync::Arc;

use lull_core::subscriptions::GotifySubscription;
use lull_core::{Engine, SourceState, SourceStatus};
use lull_secrets::Secret;
use lull_sources::Statuses;
use lull_sources::gotify::Gotify;
use tokio::sync::watch;

use crate::gotify_server::GotifyServer;
use crate::{Profile, inbox, until, until_state};

const TOKEN: &str = "CZ3sT.4k2a1Lr0B";

fn subscription(server: &GotifyServer) -> GotifySubscription {
    GotifySubscription { id: "nas".into(), server: server.url(), enabled: true }
}

async fn run(
    profile: &Profile,
    server: &GotifyServer,
    token: Option<&str>,
) -> (Engine, watch::Receiver<SourceStatus>) {
    if let Some(token) = token {
        profile.secrets().store("source/gotify/nas", "Gotify", &Secret::new(token)).await.expect("stored");
    }
    let source = Gotify::new(profile.open_secrets(), Arc::new(profile.clock.clone()), Statuses::default());
    profile.start(|s| s.gotify = vec![subscription(server)], Box::new(source)).await
}

#[test]
fn the_stream_is_followed_and_a_restart_pages_back_to_where_it_was_once() {
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let mut server = runtime.block_on(GotifyServer::start(TOKEN));
    server.publish(1, "Old", "sent before Lull subscribed", 5);

    runtime.block_on(async {
        let (engine, mut status) = run(&profile, &server, Some(TOKEN)).await;
        until_state(&mut status, SourceState::Running).await;
        server.publish(1, "Backup", "nightly backup done", 8);
        until("the live message", || async { inbox(&engine).await.len() == 1 }).await;
        let stored = inbox(&engine).await;
        assert_eq!(stored[0].body, "nightly backup done", "history before subscribing is not poured in");
        assert_eq!(stored[0].source_detail.as_deref(), Some("Backups"), "the application's name");
        assert_eq!(stored[0].priority, 4, "Gotify 8 is Lull's 4");
    });
    drop(runtime);

    // While Lull is down, more than a page of messages come.
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        server.restart().await;
        for n in 1..=150 {
            server.publish(2, "Build", &format!("build {n} failed"), 5);
        }
        let (engine, mut status) = run(&profile, &server, None).await;
        until_state(&mut status, SourceState::Running).await;
        until("the 150 sent while Lull was down", || async { inbox(&engine).await.len() == 151 }).await;
        server.publish(2, "Build", "after the catch-up", 5);
        until("the next live one", || async { inbox(&engine).await.len() == 152 }).await;
        let bodies: std::collections::HashSet<String> =
            inbox(&engine).await.into_iter().map(|m| m.body).collect();
        assert_eq!(bodies.len(), 152, "each once");
        assert!(bodies.contains("build 1 failed") && bodies.contains("build 150 failed"));
        assert!(
            server.requests().iter().any(|r| r.contains("since=")),
            "paged back: {:?}",
            server.requests()
        );
        assert_eq!(engine.source_cursor("gotify/nas".into()).await.expect("cursor").as_deref(), Some("153"));
    });
}

#[test]
fn a_missing_or_wrong_client_token_says_so() {
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let server = GotifyServer::start(TOKEN).await;
        let (engine, mut status) = run(&profile, &server, None).await;
        let none = until_state(&mut status, SourceState::Refused).await;
        assert!(none.detail.as_deref().is_some_and(|d| d.contains("no password or token")), "{none:?}");
        assert!(server.requests().is_empty(), "nothing sent without a token");

        profile.secrets().store("source/gotify/nas", "Gotify", &Secret::new("wrong")).await.expect("stored");
        let mut settings = engine.settings().await.expect("settings");
        settings.gotify[0].enabled = false;
        engine.update_settings(settings.clone()).await.expect("off");
        settings.gotify[0].enabled = true;
        engine.update_settings(settings).await.expect("on again");
        until("the wrong token is refused", || async {
            status.borrow().detail.as_deref().is_some_and(|d| d.contains("refused the client token (401"))
        })
        .await;
    });
}

#[test]
fn frames_that_are_not_gotify_messages_are_skipped() {
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let server = GotifyServer::start(TOKEN).await;
        let (engine, mut status) = run(&profile, &server, Some(TOKEN)).await;
        until_state(&mut status, SourceState::Running).await;
        server.send_raw("{ not json");
        server.send_raw(r#"{"id":"seven"}"#);
        server.publish(1, "", "after the garbage", 0);
        until("the message after the garbage", || async { inbox(&engine).await.len() == 1 }).await;
        let stored = inbox(&engine).await;
        assert_eq!((stored[0].title.as_deref(), stored[0].priority), (None, 1), "Gotify 0 is Lull's lowest");
        assert_eq!(status.borrow().state, SourceState::Running);
    });
}
