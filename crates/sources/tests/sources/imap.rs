//! Mail over IMAP end to end: the source against a real Dovecot each test starts (see
//! `dovecot.rs`), the engine on a real SQLite file, the password in the fallback secrets file
//! (`lull-secrets`' own tests cover the keyring). After every test, no mail's `\Seen` flag on
//! the server has moved.

use std::sync::Arc;

use lull_core::request::InboxList;
use lull_core::subscriptions::{ImapAccount, ImapTls};
use lull_core::{Decision, Engine, MessageState, SourceState, SourceStatus};
use lull_secrets::Secret;
use lull_sources::Statuses;
use lull_sources::imap::Imap;
use tokio::sync::watch;

use crate::dovecot::{Dovecot, PASSWORD};
use crate::{Profile, inbox, until, until_state};

/// Lull with `accounts` in its settings, `password` stored for them, and the IMAP source started.
async fn run(
    profile: &Profile,
    accounts: Vec<ImapAccount>,
    password: Option<&str>,
) -> (Engine, watch::Receiver<SourceStatus>, Statuses) {
    if let Some(password) = password {
        for account in &accounts {
            let secret = Secret::new(password);
            let label = format!("Lull: {}", account.secret_name());
            profile
                .secrets()
                .store(&account.secret_key(), &label, &secret)
                .await
                .expect("the password is stored");
        }
    }
    let statuses = Statuses::default();
    let source = Imap::new(profile.open_secrets(), Arc::new(profile.clock.clone()), statuses.clone());
    let (engine, status) = profile.start(|s| s.imap = accounts, Box::new(source)).await;
    (engine, status, statuses)
}

/// [`run`], once every folder is running.
async fn running(
    profile: &Profile,
    accounts: Vec<ImapAccount>,
    password: Option<&str>,
) -> (Engine, watch::Receiver<SourceStatus>, Statuses) {
    let (engine, mut status, statuses) = run(profile, accounts, password).await;
    until_state(&mut status, SourceState::Running).await;
    (engine, status, statuses)
}

/// Runs `test` as one run of Lull, on a runtime of its own: when it returns, the runtime is
/// dropped and everything Lull started stops, as when the app quits.
fn lull_runs<T>(test: impl Future<Output = T>) -> T {
    tokio::runtime::Runtime::new().expect("a runtime").block_on(test)
}

/// Every message stored, however many: the inbox page by page.
async fn count_all(engine: &Engine) -> usize {
    let mut count = 0;
    let mut after = None;
    loop {
        let list = InboxList { limit: Some(500), after, ..InboxList::default() };
        let page = engine.inbox(list).await.expect("the inbox reads");
        count += page.messages.len();
        match page.next {
            Some(next) => after = Some(next),
            None => return count,
        }
    }
}

fn mail(from: &str, subject: &str, id: &str, headers: &str, body: &str) -> String {
    format!("From: {from}\nTo: lull@example.org\nSubject: {subject}\nMessage-ID: <{id}>\n{headers}\n{body}\n")
}

#[test]
fn mail_arrives_over_idle_and_a_restart_catches_up_on_what_came_meanwhile_once() {
    let profile = Profile::new();
    let mut dovecot = Dovecot::start();
    // Years of mail already in the folder are not poured into the inbox.
    dovecot.deliver(&mail("Old <old@example.org>", "From before", "old-1@example.org", "", "old"));
    dovecot.deliver(&mail("Old <old@example.org>", "Also before", "old-2@example.org", "", "old"));

    lull_runs(async {
        let account = dovecot.account(ImapTls::Implicit);
        let (engine, _, statuses) = running(&profile, vec![account], Some(PASSWORD)).await;
        assert_eq!(statuses.snapshot()["work/INBOX"].state, SourceState::Running, "one status per folder");
        // An encoded-word subject and sender, an 8-bit body.
        dovecot.deliver(&mail(
            "=?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <jm@example.org>",
            "=?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=",
            "new-1@example.org",
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n",
            "Schöne Grüße,\n\n> quoted\nJürgen",
        ));
        until("the new mail arrives while Lull idles", || async { inbox(&engine).await.len() == 1 }).await;
        let stored = &inbox(&engine).await[0];
        assert_eq!(stored.sender.as_deref(), Some("Jürgen Müller <jm@example.org>"));
        assert_eq!(stored.title.as_deref(), Some("Grüße aus Köln"));
        assert_eq!(stored.body, "Schöne Grüße,\nJürgen");
        assert_eq!(stored.link.as_deref(), Some("mid:new-1@example.org"));
        assert_eq!(stored.dedupe_key.as_deref(), Some("new-1@example.org"));
        assert_eq!(stored.source_detail.as_deref(), Some("work"));
        assert_eq!(stored.decision, Decision::Delivered, "Open: delivered (and only recorded)");
    }); // Lull stops.

    // While Lull is down, two come: one of them HTML only.
    dovecot.deliver(&mail("Ann <ann@example.org>", "Plain", "down-1@example.org", "", "while you were away"));
    dovecot.deliver(&mail(
        "News <news@example.org>",
        "Weekly",
        "down-2@example.org",
        "List-Id: Weekly news <weekly.example.org>\nContent-Type: text/html; charset=utf-8\n",
        "<html><body><h1>This&nbsp;week</h1><p>Three <b>things</b>.</p><script>alert(1)</script></body></html>",
    ));
    lull_runs(async {
        let (engine, _, _) = running(&profile, vec![dovecot.account(ImapTls::Implicit)], None).await;
        until("the two caught up", || async { inbox(&engine).await.len() == 3 }).await;
        let stored = inbox(&engine).await;
        let weekly = stored.iter().find(|m| m.title.as_deref() == Some("Weekly")).expect("the HTML mail");
        assert!(
            !weekly.body.contains('<') && weekly.body.contains("Three"),
            "text, never HTML: {:?}",
            weekly.body
        );
        assert!(!weekly.body.contains("alert"), "no script text: {:?}", weekly.body);
        assert_eq!(weekly.thread.as_deref(), Some("list:weekly.example.org"), "a list is its group");
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_eq!(inbox(&engine).await.len(), 3, "each once");
    });
    assert_eq!(dovecot.count(), 5);
    assert_eq!(dovecot.seen(), 0, "Lull never marks mail as read");
    for file in ["lull.sqlite3", "lull.sqlite3-wal"] {
        let bytes = std::fs::read(profile.dir.path().join(file)).unwrap_or_default();
        let found = bytes.windows(PASSWORD.len()).any(|w| w == PASSWORD.as_bytes());
        assert!(!found, "the password is not in {file}");
    }
}

#[test]
fn starttls_mail_during_a_block_is_held_and_comes_back_in_one_digest() {
    let profile = Profile::new();
    let mut dovecot = Dovecot::start();
    lull_runs(async {
        let (engine, _, _) =
            running(&profile, vec![dovecot.account(ImapTls::Starttls)], Some(PASSWORD)).await;
        engine.start_focus(25 * 60, Some("write".into())).await.expect("a block starts");
        let mut events = engine.subscribe_transitions();
        for n in 1..=3 {
            dovecot.deliver(&mail(
                "CI <ci@example.org>",
                &format!("Build {n} failed"),
                &format!("ci-{n}@x"),
                "",
                "red",
            ));
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
    assert_eq!(dovecot.seen(), 0);
}

#[test]
fn a_dovecot_restart_mid_idle_is_weathered_and_nothing_is_lost() {
    let profile = Profile::new();
    let mut dovecot = Dovecot::start();
    lull_runs(async {
        let (engine, mut status, _) =
            running(&profile, vec![dovecot.account(ImapTls::Implicit)], Some(PASSWORD)).await;
        dovecot.stop();
        let down = until_state(&mut status, SourceState::Unreachable).await;
        assert!(down.since.is_some(), "it says since when: {down:?}");
        // Mail comes while the server is down (its delivery agent still writes the Maildir).
        dovecot.deliver(&mail("Ann <ann@example.org>", "During the outage", "out-1@example.org", "", "x"));
        dovecot.run();
        until_state(&mut status, SourceState::Running).await;
        until("the mail from the outage", || async { inbox(&engine).await.len() == 1 }).await;
        dovecot.deliver(&mail("Ann <ann@example.org>", "After", "out-2@example.org", "", "y"));
        until("and IDLE works again", || async { inbox(&engine).await.len() == 2 }).await;
    });
    assert_eq!(dovecot.seen(), 0);
}

#[test]
fn a_wrong_or_missing_password_is_a_clear_status_and_stores_nothing() {
    let profile = Profile::new();
    let mut dovecot = Dovecot::start();
    lull_runs(async {
        let (engine, mut status, _) = run(&profile, vec![dovecot.account(ImapTls::Implicit)], None).await;
        let missing = until_state(&mut status, SourceState::Refused).await;
        assert!(missing.detail.as_deref().unwrap_or("").contains("no password"), "{missing:?}");
        drop(engine);
    });
    lull_runs(async {
        let (engine, mut status, _) =
            run(&profile, vec![dovecot.account(ImapTls::Implicit)], Some("wrong")).await;
        let refused = until_state(&mut status, SourceState::Refused).await;
        assert_eq!(
            refused.detail.as_deref(),
            Some("work/INBOX: 127.0.0.1 refused the user name or password"),
            "{refused:?}"
        );
        dovecot.deliver(&mail("Ann <ann@example.org>", "Hi", "hi@example.org", "", "x"));
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(inbox(&engine).await.is_empty());
        assert!(engine.settings().await.is_ok(), "the engine is unaffected");
    });
}

#[test]
fn a_server_certificate_nobody_signed_is_refused_unless_the_account_trusts_it() {
    let profile = Profile::new();
    let dovecot = Dovecot::start();
    lull_runs(async {
        let mut account = dovecot.account(ImapTls::Implicit);
        account.certificate = None;
        let (_engine, mut status, _) = run(&profile, vec![account], Some(PASSWORD)).await;
        let down = until_state(&mut status, SourceState::Unreachable).await;
        assert!(down.detail.as_deref().unwrap_or("").contains("TLS"), "{down:?}");
    });
}

#[test]
fn ten_thousand_mails_are_not_imported_at_first_and_are_caught_up_once_after_an_absence() {
    let profile = Profile::new();
    let mut dovecot = Dovecot::start();
    dovecot.deliver_many(10_000, "before");
    lull_runs(async {
        let (engine, _, _) =
            running(&profile, vec![dovecot.account(ImapTls::Implicit)], Some(PASSWORD)).await;
        dovecot.deliver(&mail("Ann <ann@example.org>", "Only this", "only@example.org", "", "x"));
        until("the one new mail", || async { inbox(&engine).await.len() == 1 }).await;
    });
    dovecot.deliver_many(10_000, "meanwhile");
    lull_runs(async {
        let (engine, _, _) = running(&profile, vec![dovecot.account(ImapTls::Implicit)], None).await;
        let start = std::time::Instant::now();
        while count_all(&engine).await < 10_001 {
            assert!(start.elapsed().as_secs() < 300, "10,000 caught up within 5 minutes");
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_eq!(count_all(&engine).await, 10_001, "each once");
    });
    assert_eq!(dovecot.seen(), 0);
}

#[test]
fn a_rebuilt_folder_with_a_new_uidvalidity_is_read_again_without_duplicates() {
    let profile = Profile::new();
    let mut dovecot = Dovecot::start();
    lull_runs(async {
        let (engine, _, _) =
            running(&profile, vec![dovecot.account(ImapTls::Implicit)], Some(PASSWORD)).await;
        dovecot.deliver(&mail("Ann <ann@example.org>", "First", "v-1@example.org", "", "x"));
        until("the first", || async { inbox(&engine).await.len() == 1 }).await;
    });
    dovecot.stop();
    dovecot.forget_uids();
    dovecot.deliver(&mail("Ann <ann@example.org>", "Second", "v-2@example.org", "", "y"));
    dovecot.run();
    lull_runs(async {
        let (engine, _, _) = running(&profile, vec![dovecot.account(ImapTls::Implicit)], None).await;
        until("the second", || async { inbox(&engine).await.len() == 2 }).await;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let titles: Vec<_> = inbox(&engine).await.into_iter().filter_map(|m| m.title).collect();
        assert_eq!(titles, ["Second", "First"], "the first is not stored twice");
    });
}

#[test]
fn a_10_mb_mail_is_read_in_part_and_kept() {
    let profile = Profile::new();
    let mut dovecot = Dovecot::start();
    lull_runs(async {
        let (engine, _, _) =
            running(&profile, vec![dovecot.account(ImapTls::Implicit)], Some(PASSWORD)).await;
        let huge = format!("Start of a long one.\n{}", format!("{}\n", "x".repeat(76)).repeat(138_000));
        dovecot.deliver(&mail("Big <big@example.org>", "Huge", "huge@example.org", "", &huge));
        dovecot.deliver(&mail("Ann <ann@example.org>", "After it", "after@example.org", "", "small"));
        until("both", || async { inbox(&engine).await.len() == 2 }).await;
        let stored = inbox(&engine).await;
        let big = stored.iter().find(|m| m.title.as_deref() == Some("Huge")).expect("the big one");
        assert!(big.body.starts_with("Start of a long one."), "{:?}", &big.body[..40.min(big.body.len())]);
        assert!(big.body.chars().count() <= 601, "a preview, not 10 MB: {}", big.body.len());
    });
    assert_eq!(dovecot.seen(), 0);
}

/// A server on loopback that answers every connection with `talk`, for what no Dovecot sends.
async fn rogue<F, Fut>(talk: F) -> u16
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let port = listener.local_addr().expect("its address").port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(talk(stream));
        }
    });
    port
}

#[test]
fn a_server_sending_garbage_or_an_endless_answer_is_unreachable_not_a_stuck_source() {
    use tokio::io::AsyncWriteExt as _;
    let profile = Profile::new();
    let dovecot = Dovecot::start(); // only for an account's shape and certificate
    lull_runs(async {
        let garbage = rogue(|mut stream| async move {
            let _ = stream.write_all(b"\x00\xffHELLO this is not IMAP\r\n").await;
        })
        .await;
        let endless = rogue(|mut stream| async move {
            let chunk = vec![b'x'; 64 * 1024];
            while stream.write_all(&chunk).await.is_ok() {}
        })
        .await;
        let mut first = dovecot.account(ImapTls::Starttls);
        first.port = garbage;
        let mut second = dovecot.account(ImapTls::Starttls);
        (second.id, second.port) = ("endless".into(), endless);
        let (engine, _status, statuses) = run(&profile, vec![first, second], Some(PASSWORD)).await;
        until("both are unreachable", || async {
            let all = statuses.snapshot();
            all.len() == 2 && all.values().all(|s| s.state == SourceState::Unreachable)
        })
        .await;
        let all = statuses.snapshot();
        let said = |id: &str| all[id].detail.clone().unwrap_or_default();
        assert!(said("work/INBOX").contains("not IMAP"), "{}", said("work/INBOX"));
        assert!(said("endless/INBOX").contains("more than Lull reads"), "{}", said("endless/INBOX"));
        assert!(inbox(&engine).await.is_empty());
        assert!(engine.settings().await.is_ok(), "the engine is unaffected");
    });
}

#[test]
fn removing_an_account_forgets_its_password_but_removing_a_folder_does_not() {
    let profile = Profile::new();
    let dovecot = Dovecot::start();
    lull_runs(async {
        let mut account = dovecot.account(ImapTls::Implicit);
        account.folders = vec!["INBOX".into(), "Archive".into()];
        let (engine, _status, statuses) = run(&profile, vec![account.clone()], Some(PASSWORD)).await;
        until("both folders have a status", || async { statuses.snapshot().len() == 2 }).await;
        let stored =
            || async { profile.secrets().read(&account.secret_key()).await.expect("reads").is_some() };

        let mut settings = engine.settings().await.expect("settings");
        settings.imap[0].folders = vec!["INBOX".into()];
        engine.update_settings(settings.clone()).await.expect("one folder fewer");
        until("one folder's status", || async { statuses.snapshot().len() == 1 }).await;
        assert!(stored().await, "the account still needs its password");

        settings.imap.clear();
        engine.update_settings(settings).await.expect("no account");
        until("the password is forgotten", || async { !stored().await }).await;
    });
}

#[test]
fn a_server_without_idle_is_asked_again_every_poll_interval() {
    let profile = Profile::new();
    // Dovecot with IDLE left out of what it says it can do.
    let mut dovecot = Dovecot::start_with("imap_capability = IMAP4rev1 LITERAL+ SASL-IR ID ENABLE UIDPLUS");
    lull_runs(async {
        let mut account = dovecot.account(ImapTls::Implicit);
        account.poll_minutes = 1;
        let (engine, _, _) = running(&profile, vec![account], Some(PASSWORD)).await;
        dovecot.deliver(&mail("Ann <ann@example.org>", "Polled", "poll@example.org", "", "x"));
        let start = std::time::Instant::now();
        while inbox(&engine).await.is_empty() {
            assert!(start.elapsed().as_secs() < 90, "the next poll, a minute later, finds it");
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        assert!(start.elapsed().as_secs() >= 20, "found by the poll, not by IDLE: {:?}", start.elapsed());
    });
    assert_eq!(dovecot.seen(), 0);
}
