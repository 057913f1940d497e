//! What the remote sources cost, measured against the real Dovecot the tests use and beside a
//! baseline in the same run (`scripts/bench-sources.sh` runs every mode, each in its own process so
//! that its peak memory is its own):
//!
//! - `catch-up N`: Lull (the engine on a real SQLite file, the mail source) catching up on N mails
//!   that came while it was not running: seconds until all are stored, and the process's peak RSS.
//! - `fetch N`: the floor for the same work: one plain IMAP session reading the same N mails the
//!   way the source does (`BODY.PEEK[]<0.65536>`, batches of 200) and parsing them, storing none.
//! - `idle-engine S`, `idle-imap S`, `idle-ntfy S`: wake-ups per minute (context switches of
//!   Lull's own threads) over S idle seconds: the engine alone, then with a mail folder in IDLE,
//!   then with an ntfy stream open (the stand-in server runs on threads that are not counted).
//!
//! `cargo bench -p lull-sources --bench sources -- catch-up 10000`

#[allow(dead_code, reason = "the tests' harness; the bench uses part of it")]
#[path = "../tests/sources/dovecot.rs"]
mod dovecot;
#[allow(dead_code, reason = "the tests' stand-in; the bench uses part of it")]
#[path = "../tests/sources/ntfy_server.rs"]
mod ntfy_server;
#[allow(dead_code, reason = "the tests' profile; the bench uses part of it")]
#[path = "../tests/sources/profile.rs"]
mod profile;

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::TryStreamExt as _;
use lull_core::Change;
use lull_core::subscriptions::{ImapTls, NtfyAuth, NtfySubscription};
use lull_sources::Statuses;
use profile::Profile;
use tokio_rustls::rustls;

const LULL_THREAD: &str = "lull-bench";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let mode = args.first().map_or("catch-up", String::as_str);
    let n: u64 = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(10_000);
    match mode {
        "catch-up" => catch_up(n),
        "fetch" => fetch(n),
        "idle-engine" | "idle-imap" | "idle-ntfy" => idle(mode, n),
        other => panic!("unknown mode {other}: catch-up, fetch, idle-engine, idle-imap, idle-ntfy"),
    }
}

fn lull_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name(LULL_THREAD)
        .enable_all()
        .build()
        .expect("a runtime")
}

async fn store_password(profile: &Profile, account: &lull_core::subscriptions::ImapAccount) {
    let secret = lull_secrets::Secret::new(dovecot::PASSWORD);
    profile.secrets().store(&account.secret_key(), "bench", &secret).await.expect("stored");
}

fn imap_source(profile: &Profile) -> Box<dyn lull_sources::Source> {
    let source = lull_sources::imap::Imap::new(
        profile.open_secrets(),
        Arc::new(profile.clock.clone()),
        Statuses::default(),
    );
    Box::new(source)
}

fn catch_up(n: u64) {
    let profile = Profile::new();
    let mut dovecot = dovecot::Dovecot::start();
    let account = dovecot.account(ImapTls::Implicit);
    // A first run sets the folder's cursor (an empty folder); then N mails come while Lull is down.
    let runtime = lull_runtime();
    runtime.block_on(async {
        store_password(&profile, &account).await;
        let statuses = Statuses::default();
        let source = lull_sources::imap::Imap::new(
            profile.open_secrets(),
            Arc::new(profile.clock.clone()),
            statuses.clone(),
        );
        let _engine = profile.start(|s| s.imap = vec![account.clone()], Box::new(source)).await.0;
        while statuses.snapshot().values().all(|s| s.state != lull_core::SourceState::Running) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
    drop(runtime);
    dovecot.deliver_many(n, "meanwhile");
    let before = memory("VmRSS");
    let runtime = lull_runtime();
    let secs = runtime.block_on(async {
        let start = Instant::now();
        let engine = profile.start(|s| s.imap = vec![account.clone()], imap_source(&profile)).await.0;
        let mut changes = engine.subscribe();
        let mut stored = 0;
        while stored < n {
            match changes.recv().await {
                Ok(Change::Received { .. }) => stored += 1,
                Ok(_) => {}
                Err(tokio::sync::broadcast::error::RecvError::Lagged(missed)) => stored += missed,
                Err(err) => panic!("the engine stopped: {err}"),
            }
        }
        start.elapsed().as_secs_f64()
    });
    report("catch-up", n, secs, before);
}

fn fetch(n: u64) {
    let mut dovecot = dovecot::Dovecot::start();
    dovecot.deliver_many(n, "meanwhile");
    let pem = dovecot.certificate();
    let port = dovecot.tls_port;
    let before = memory("VmRSS");
    let runtime = lull_runtime();
    let secs = runtime.block_on(async move {
        let start = Instant::now();
        let mut roots = rustls::RootCertStore::empty();
        use rustls::pki_types::pem::PemObject as _;
        for cert in rustls::pki_types::CertificateDer::pem_slice_iter(pem.as_bytes()) {
            roots.add(cert.expect("PEM")).expect("a certificate");
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
        let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.expect("connects");
        let name = rustls::pki_types::ServerName::try_from("127.0.0.1").expect("a name");
        let tls = tokio_rustls::TlsConnector::from(Arc::new(config)).connect(name, tcp).await.expect("TLS");
        let mut client = async_imap::Client::new(tls);
        client.read_response().await.expect("a greeting");
        let mut session =
            client.login(dovecot::USER, dovecot::PASSWORD).await.map_err(|(e, _)| e).expect("login");
        session.examine("INBOX").await.expect("examine");
        let mut uids: Vec<u32> = session.uid_search("ALL").await.expect("search").into_iter().collect();
        uids.sort_unstable();
        let mut parsed = 0;
        for batch in uids.chunks(200) {
            let set = batch.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
            let mut fetches =
                session.uid_fetch(set, "(UID INTERNALDATE BODY.PEEK[]<0.65536>)").await.expect("fetch");
            while let Some(fetch) = fetches.try_next().await.expect("a fetch") {
                let mail = mail_parser::MessageParser::default().parse(fetch.body().unwrap_or_default());
                parsed += usize::from(mail.and_then(|m| m.subject().map(str::len)).is_some());
            }
        }
        assert_eq!(parsed as u64, n, "every mail parsed");
        start.elapsed().as_secs_f64()
    });
    report("fetch", n, secs, before);
}

fn idle(mode: &str, secs: u64) {
    let profile = Profile::new();
    let dovecot = dovecot::Dovecot::start();
    let standin = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("stand-in")
        .enable_all()
        .build()
        .expect("a runtime");
    let ntfy = standin.block_on(ntfy_server::NtfyServer::start());
    let runtime = lull_runtime();
    let counted = runtime.block_on(async {
        let _engine = match mode {
            "idle-imap" => {
                let account = dovecot.account(ImapTls::Implicit);
                store_password(&profile, &account).await;
                profile.start(|s| s.imap = vec![account], imap_source(&profile)).await.0
            }
            "idle-ntfy" => {
                let subscription = NtfySubscription {
                    id: "home".into(),
                    server: ntfy.url(),
                    topics: vec!["alerts".into()],
                    auth: NtfyAuth::None,
                    enabled: true,
                };
                let source = lull_sources::ntfy::Ntfy::new(
                    profile.open_secrets(),
                    Arc::new(profile.clock.clone()),
                    Statuses::default(),
                );
                profile.start(|s| s.ntfy = vec![subscription], Box::new(source)).await.0
            }
            _ => profile.engine(),
        };
        tokio::time::sleep(Duration::from_secs(5)).await; // connected and settled
        let before = switches();
        tokio::time::sleep(Duration::from_secs(secs)).await;
        switches() - before
    });
    let per_minute = counted as f64 * 60.0 / secs as f64;
    println!("{{\"mode\": \"{mode}\", \"seconds\": {secs}, \"wakeups_per_minute\": {per_minute:.1}}}");
}

/// Context switches of Lull's threads (by name) so far.
fn switches() -> u64 {
    let tasks = std::fs::read_dir("/proc/self/task").expect("/proc");
    tasks
        .filter_map(Result::ok)
        .filter(|task| {
            let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
            comm.trim_end().starts_with(LULL_THREAD) || comm.trim_end().starts_with("lull")
        })
        .map(|task| {
            let status = std::fs::read_to_string(task.path().join("status")).unwrap_or_default();
            status
                .lines()
                .filter(|l| l.contains("ctxt_switches"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .sum::<u64>()
        })
        .sum()
}

/// A line of `/proc/self/status` in KiB (`VmHWM`: the peak RSS so far).
fn memory(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn report(mode: &str, n: u64, secs: f64, rss_before: u64) {
    let peak = memory("VmHWM");
    println!(
        "{{\"mode\": \"{mode}\", \"mails\": {n}, \"seconds\": {secs:.2}, \"mails_per_second\": {:.0}, \"peak_rss_mib\": {:.1}, \"rss_before_mib\": {:.1}}}",
        n as f64 / secs,
        peak as f64 / 1024.0,
        rss_before as f64 / 1024.0
    );
}
