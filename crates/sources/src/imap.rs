//! Mail over IMAP, read only, as a [`crate::Source`].
//!
//! Each folder of each account in the settings is one connection: TLS (implicit, or STARTTLS
//! before the login), `EXAMINE` (the read-only `SELECT`), then IDLE where the server has it and
//! a poll every `poll_minutes` where not. Lull never changes anything on the server: the folder
//! is examined, never selected, and messages are read with `BODY.PEEK`, so no `\Seen` flag moves.
//!
//! The decision a newcomer must know: **a folder is resumed, never re-read**. Its cursor is the
//! folder's UIDVALIDITY, the last UID stored and the time it arrived; every (re)connect fetches
//! the UIDs after it, so mail that came while Lull was down or offline arrives once. A folder
//! Lull has never read starts at its newest message (years of mail are not poured into the
//! inbox). A changed UIDVALIDITY (the server rebuilt the folder) re-reads the mail since the
//! cursor's time; the `Message-ID` is the dedupe key, so nothing is stored twice.
//!
//! Every answer has a size limit and a time limit: a server that sends garbage, an endless
//! answer or nothing at all ends the connection with a status, never a stuck or swollen source.

use std::collections::HashSet;
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use async_imap::extensions::idle::IdleResponse;
use async_imap::{Client, Session};
use chrono::DateTime;
use futures_util::TryStreamExt as _;
use lull_core::subscriptions::{ImapAccount, ImapTls};
use lull_core::{Engine, NewMessage, Settings, Source};
use lull_secrets::Secret;

use crate::http::{self, Transport};
use crate::remote::{self, Ended, Progress, Shared};

/// How long one command (the login, a fetch of one batch) may take.
const WAIT: Duration = Duration::from_secs(60);
/// The most one answer may bring: a batch of [`BATCH`] messages of [`PEEK`] bytes, and room.
const ANSWER_LIMIT: usize = 64 * 1024 * 1024;
/// The most an IDLE may bring before it is renewed: keepalives and `EXISTS` lines are short.
const IDLE_LIMIT: usize = 1024 * 1024;
/// How many messages are fetched with one command.
const BATCH: usize = 200;
/// How much of each message is read: its header and the start of its body are all a preview
/// needs, and a 10 MB attachment is never downloaded.
const PEEK: usize = 64 * 1024;
/// How much text a message's preview keeps.
const PREVIEW_CHARS: usize = 600;
/// The longest an IDLE lasts before it is renewed (RFC 2177 asks for less than 30 minutes).
const IDLE_RENEW_MINUTES: u32 = 29;

/// Mail accounts' folders.
pub type Imap = remote::Remote<ImapFolder>;

/// One folder of one account: what one connection follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImapFolder {
    /// `<account>/<folder>`: the status's name.
    id: String,
    folder: String,
    account: ImapAccount,
}

impl ImapFolder {
    pub fn new(account: &ImapAccount, folder: &str) -> Self {
        Self { id: format!("{}/{folder}", account.id), folder: folder.to_owned(), account: account.clone() }
    }
}

impl remote::Subscription for ImapFolder {
    const KIND: &'static str = "imap";

    fn id(&self) -> &str {
        &self.id
    }

    fn enabled(&self) -> bool {
        self.account.enabled
    }

    fn of(settings: &Settings) -> Vec<Self> {
        let folders = settings.imap.iter().flat_map(|a| a.folders.iter().map(|f| Self::new(a, f)));
        folders.collect()
    }

    fn credential(&self) -> Option<String> {
        Some(self.account.secret_key())
    }

    async fn stream(&self, engine: &Engine, shared: &Shared, progress: &mut Progress) -> Ended {
        match self.follow(engine, shared, progress).await {
            Err(ended) => ended,
        }
    }
}

/// Where a folder was left: its UIDVALIDITY, the last UID stored, and when (the mail's arrival
/// on the server, or when Lull first looked): saved as `<validity>:<uid>:<unix seconds>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cursor {
    validity: u32,
    last: u32,
    at: i64,
}

impl Cursor {
    fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split(':');
        let cursor = Self {
            validity: parts.next()?.parse().ok()?,
            last: parts.next()?.parse().ok()?,
            at: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(cursor)
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.validity, self.last, self.at)
    }
}

type Connection = Session<Metered>;

impl ImapFolder {
    /// One connection's life: log in, examine, catch up, then wait for more until it ends.
    async fn follow(
        &self,
        engine: &Engine,
        shared: &Shared,
        progress: &mut Progress,
    ) -> Result<Infallible, Ended> {
        let password = shared.secret(&self.account.secret_key()).await.map_err(Ended::NoCredential)?;
        let budget = Budget::default();
        let mut session = login(&self.account, &password, &budget).await?;
        let idle = within(&budget, ANSWER_LIMIT, session.capabilities()).await?.has_str("IDLE");
        let mailbox = match within(&budget, ANSWER_LIMIT, session.examine(folder_name(&self.folder))).await {
            Err(Ended::Refused(detail)) => {
                return Err(Ended::Refused(format!("the folder {:?} cannot be read: {detail}", self.folder)));
            }
            other => other?,
        };
        let Some(validity) = mailbox.uid_validity else {
            return Err(Ended::Refused(
                "the server names no UIDVALIDITY: the folder cannot be followed".into(),
            ));
        };
        let key = self.account.cursor_key(&self.folder);
        let stored = engine.source_cursor(key.clone()).await.map_err(|_| Ended::EngineStopped)?;
        let now = shared.clock.now().timestamp();
        let mut cursor = match stored.as_deref().and_then(Cursor::parse) {
            Some(cursor) if cursor.validity == validity => cursor,
            Some(old) => {
                tracing::info!(
                    "imap {}: UIDVALIDITY changed ({} → {validity}): reading again",
                    self.id,
                    old.validity
                );
                let since =
                    DateTime::from_timestamp(old.at, 0).unwrap_or_default() - chrono::Duration::days(1);
                let query = format!("SINCE {}", since.format("%d-%b-%Y"));
                let uids = within(&budget, ANSWER_LIMIT, session.uid_search(query)).await?;
                let mut cursor = Cursor { validity, last: 0, at: old.at };
                self.fetch(&mut session, &budget, engine, uids, &mut cursor).await?;
                cursor
            }
            None => {
                let last = match mailbox.uid_next {
                    Some(next) => next.saturating_sub(1),
                    None => newest(&mut session, &budget).await?,
                };
                Cursor { validity, last, at: now }
            }
        };
        save(engine, &key, cursor).await?;
        progress.opened();
        let renew = Duration::from_secs(60 * u64::from(self.account.poll_minutes.min(IDLE_RENEW_MINUTES)));
        loop {
            let query = format!("UID {}:*", cursor.last.saturating_add(1));
            let uids = within(&budget, ANSWER_LIMIT, session.uid_search(query)).await?;
            self.fetch(&mut session, &budget, engine, uids, &mut cursor).await?;
            while session.unsolicited_responses.try_recv().is_ok() {}
            if idle {
                session = wait_idle(session, &budget, renew).await?;
            } else {
                tokio::time::sleep(renew).await;
                within(&budget, ANSWER_LIMIT, session.noop()).await?;
            }
        }
    }

    /// Reads the messages `uids` after the cursor, oldest first, a batch at a time, and hands
    /// each batch to the engine at once; the cursor moves (and is saved) after each batch.
    async fn fetch(
        &self,
        session: &mut Connection,
        budget: &Budget,
        engine: &Engine,
        uids: HashSet<u32>,
        cursor: &mut Cursor,
    ) -> Result<(), Ended> {
        // `n:*` names the newest message even when it is older than n: only newer ones count.
        let mut uids: Vec<u32> = uids.into_iter().filter(|uid| *uid > cursor.last).collect();
        uids.sort_unstable();
        let key = self.account.cursor_key(&self.folder);
        for batch in uids.chunks(BATCH) {
            let set = batch.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
            let query = format!("(UID INTERNALDATE BODY.PEEK[]<0.{PEEK}>)");
            budget.reset(ANSWER_LIMIT);
            let mut fetches = within(budget, ANSWER_LIMIT, session.uid_fetch(set, query)).await?;
            let mut newest = cursor.last;
            let mut messages = Vec::with_capacity(batch.len());
            loop {
                let fetch = match tokio::time::timeout(WAIT, fetches.try_next()).await {
                    Err(_) => return Err(silent()),
                    Ok(Err(err)) => return Err(failed(err)),
                    Ok(Ok(None)) => break,
                    Ok(Ok(Some(fetch))) => fetch,
                };
                let Some(uid) = fetch.uid.filter(|uid| batch.binary_search(uid).is_ok()) else {
                    continue; // a flag change the server mentions unasked
                };
                messages.push(message(self, fetch.body().unwrap_or_default(), cursor.validity, uid));
                newest = newest.max(uid);
                if let Some(at) = fetch.internal_date() {
                    cursor.at = cursor.at.max(at.timestamp());
                }
            }
            drop(fetches);
            if let Some(ended) = remote::receive_all(engine, "imap", messages).await {
                return Err(ended);
            }
            cursor.last = newest.max(batch.last().copied().unwrap_or(newest));
            save(engine, &key, *cursor).await?;
        }
        Ok(())
    }
}

/// The newest UID in the examined folder (for a server that does not say UIDNEXT).
async fn newest(session: &mut Connection, budget: &Budget) -> Result<u32, Ended> {
    let uids = within(budget, ANSWER_LIMIT, session.uid_search("ALL")).await?;
    Ok(uids.into_iter().max().unwrap_or(0))
}

/// Saves the cursor; a cursor that cannot be saved is only logged (see [`remote::save_cursor`]).
async fn save(engine: &Engine, key: &str, cursor: Cursor) -> Result<(), Ended> {
    match remote::save_cursor(engine, "imap", key.to_owned(), cursor.to_string()).await {
        Some(ended) => Err(ended),
        None => Ok(()),
    }
}

/// Waits in IDLE until the server says something changed or `renew` passes, then ends it.
async fn wait_idle(session: Connection, budget: &Budget, renew: Duration) -> Result<Connection, Ended> {
    let mut handle = session.idle();
    within(budget, IDLE_LIMIT, handle.init()).await?;
    budget.reset(IDLE_LIMIT);
    let (wait, _stop) = handle.wait_with_timeout(renew);
    match wait.await {
        Ok(IdleResponse::NewData(_) | IdleResponse::Timeout) => {}
        // Nothing here stops an IDLE by hand: the stream ended, the server closed it.
        Ok(IdleResponse::ManualInterrupt) => return Err(Ended::Closed),
        Err(err) => return Err(failed(err)),
    }
    within(budget, ANSWER_LIMIT, handle.done()).await
}

/// Connects, secures and logs in.
async fn login(account: &ImapAccount, password: &Secret, budget: &Budget) -> Result<Connection, Ended> {
    let down = |err: http::HttpError| Ended::Down(err.to_string());
    let pem = account.certificate.as_deref();
    let tcp = http::tcp(&account.host, account.port).await.map_err(down)?;
    let client = match account.tls {
        ImapTls::Implicit => {
            let tls = http::tls_trusting(&account.host, tcp, pem).await.map_err(down)?;
            let mut client = Client::new(Metered::new(Transport::Tls(Box::new(tls)), budget));
            greeting(&mut client, budget).await?;
            client
        }
        ImapTls::Starttls => {
            let mut client = Client::new(Metered::new(Transport::Plain(tcp), budget));
            greeting(&mut client, budget).await?;
            match within(budget, ANSWER_LIMIT, client.run_command_and_check_ok("STARTTLS", None)).await {
                Err(Ended::Refused(_)) => {
                    return Err(Ended::Refused(format!("{} does not offer STARTTLS", account.host)));
                }
                other => other?,
            }
            let Transport::Plain(tcp) = client.into_inner().inner else {
                return Err(Ended::Down("STARTTLS over TLS".into()));
            };
            let tls = http::tls_trusting(&account.host, tcp, pem).await.map_err(down)?;
            Client::new(Metered::new(Transport::Tls(Box::new(tls)), budget))
        }
    };
    budget.reset(ANSWER_LIMIT);
    match tokio::time::timeout(WAIT, client.login(&account.user, password.expose())).await {
        Err(_) => Err(silent()),
        Ok(Ok(session)) => Ok(session),
        Ok(Err((async_imap::error::Error::No(_), _))) => {
            Err(Ended::Refused(format!("{} refused the user name or password", account.host)))
        }
        Ok(Err((err, _))) => Err(failed(err)),
    }
}

/// Reads the server's greeting, which must be `* OK`.
async fn greeting(client: &mut Client<Metered>, budget: &Budget) -> Result<(), Ended> {
    budget.reset(IDLE_LIMIT);
    let greeting = match tokio::time::timeout(WAIT, client.read_response()).await {
        Err(_) => return Err(silent()),
        Ok(Err(err)) => return Err(Ended::Down(format!("the server's greeting: {err}"))),
        Ok(Ok(None)) => return Err(Ended::Down("the server closed the connection at once".into())),
        Ok(Ok(Some(greeting))) => greeting,
    };
    match greeting.parsed() {
        async_imap::imap_proto::Response::Data { status: async_imap::imap_proto::Status::Ok, .. } => Ok(()),
        _ => Err(Ended::Down("the server's greeting is not IMAP's * OK".into())),
    }
}

/// Runs one command within [`WAIT`], its answer at most `limit` bytes.
async fn within<T>(
    budget: &Budget,
    limit: usize,
    command: impl Future<Output = async_imap::error::Result<T>>,
) -> Result<T, Ended> {
    budget.reset(limit);
    match tokio::time::timeout(WAIT, command).await {
        Err(_) => Err(silent()),
        Ok(result) => result.map_err(failed),
    }
}

fn silent() -> Ended {
    Ended::Down(format!("no answer from the server within {} s", WAIT.as_secs()))
}

/// An IMAP error as a connection's end: the server's `NO` is a refusal, the rest an outage.
fn failed(err: async_imap::error::Error) -> Ended {
    use async_imap::error::Error;
    match err {
        Error::No(text) => Ended::Refused(format!("the server said NO: {}", text.trim())),
        Error::ConnectionLost => Ended::Closed,
        Error::Io(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => Ended::Closed,
        Error::Io(err) => Ended::Down(err.to_string()),
        Error::Parse(_) => Ended::Down("the server's answer is not IMAP".into()),
        other => Ended::Down(other.to_string()),
    }
}

/// A folder's name as IMAP spells it: modified UTF-7 (RFC 3501 §5.1.3), so `Entwürfe` is
/// `Entw&APw-rfe`.
pub fn folder_name(folder: &str) -> String {
    use base64::Engine as _;
    const ALPHABET: base64::alphabet::Alphabet = base64::alphabet::IMAP_MUTF7;
    let engine = base64::engine::GeneralPurpose::new(&ALPHABET, base64::engine::general_purpose::NO_PAD);
    let mut out = String::with_capacity(folder.len());
    let mut wide: Vec<u16> = Vec::new();
    let flush = |wide: &mut Vec<u16>, out: &mut String| {
        if !wide.is_empty() {
            let bytes: Vec<u8> = wide.iter().flat_map(|unit| unit.to_be_bytes()).collect();
            out.push('&');
            out.push_str(&engine.encode(bytes));
            out.push('-');
            wide.clear();
        }
    };
    for c in folder.chars() {
        if (' '..='~').contains(&c) {
            flush(&mut wide, &mut out);
            if c == '&' {
                out.push_str("&-");
            } else {
                out.push(c);
            }
        } else {
            wide.extend(c.encode_utf16(&mut [0; 2]).iter());
        }
    }
    flush(&mut wide, &mut out);
    out
}

/// The message Lull stores for one mail: From as its sender, the Subject as its title, the
/// start of its text (or of its HTML, as text) as its body, `Message-ID` as its dedupe key and
/// link, the mailing list or the thread as its group.
pub fn message(folder: &ImapFolder, raw: &[u8], validity: u32, uid: u32) -> NewMessage {
    let parsed = mail_parser::MessageParser::default().parse(raw);
    let mail = parsed.as_ref();
    let sender = mail.and_then(|m| m.from()).and_then(|from| from.first()).and_then(|addr| {
        let name = addr.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
        match (name, addr.address.as_deref()) {
            (Some(name), Some(address)) => Some(format!("{name} <{address}>")),
            (Some(name), None) => Some(name.to_owned()),
            (None, Some(address)) => Some(address.to_owned()),
            (None, None) => None,
        }
    });
    let title = mail.and_then(|m| m.subject()).map(str::trim).filter(|s| !s.is_empty());
    let message_id = mail.and_then(|m| m.message_id()).map(str::trim).filter(|id| !id.is_empty());
    let body = mail.and_then(|m| m.body_text(0)).map(|text| preview(&text)).unwrap_or_default();
    let account = &folder.account;
    NewMessage {
        source: Some(Source::Imap),
        source_detail: Some(if folder.folder == "INBOX" {
            account.id.clone()
        } else {
            format!("{}/{}", account.id, folder.folder)
        }),
        sender: sender.map(|s| cut(&s, lull_core::message::MAX_SHORT_CHARS)),
        title: Some(title.map_or_else(|| "(no subject)".to_owned(), |t| cut(t, 300))),
        body,
        link: message_id.map(|id| account.link_for(id)),
        priority: mail.and_then(priority),
        thread: mail.and_then(thread).map(|t| cut(&t, lull_core::message::MAX_SHORT_CHARS)),
        dedupe_key: Some(message_id.map_or_else(
            || format!("{}/{}/{validity}/{uid}", account.id, folder.folder),
            |id| cut(id, lull_core::message::MAX_SHORT_CHARS),
        )),
        ..NewMessage::default()
    }
}

/// The group a mail belongs to: its mailing list, else its thread's first message.
fn thread(mail: &mail_parser::Message<'_>) -> Option<String> {
    // `List-Id: Weekly news <weekly.example.org>`: the id is in the angle brackets (RFC 2919).
    if let Some(raw) = mail.header_raw("List-Id") {
        let id = raw.rsplit_once('<').and_then(|(_, rest)| rest.split_once('>')).map_or(raw, |(id, _)| id);
        let id = id.trim();
        if !id.is_empty() {
            return Some(format!("list:{id}"));
        }
    }
    let root = mail
        .references()
        .as_text_list()
        .and_then(|refs| refs.first().map(|r| r.to_string()))
        .or_else(|| mail.in_reply_to().as_text().map(str::to_owned))
        .or_else(|| mail.message_id().map(str::to_owned))?;
    Some(format!("mail:{}", root.trim()))
}

/// `X-Priority` 1–2 or `Importance: high` is high (4), 4–5 or `low` is low (2).
fn priority(mail: &mail_parser::Message<'_>) -> Option<u8> {
    let x = mail.header_raw("X-Priority").and_then(|p| p.trim().chars().next());
    let importance = mail.header_raw("Importance").map(|i| i.trim().to_ascii_lowercase());
    match (x, importance.as_deref()) {
        (Some('1' | '2'), _) | (_, Some("high")) => Some(4),
        (Some('4' | '5'), _) | (_, Some("low")) => Some(2),
        _ => None,
    }
}

/// The start of a mail's text: its lines without quoted replies and blank runs, whitespace
/// collapsed, cut at [`PREVIEW_CHARS`].
fn preview(text: &str) -> String {
    let lines = text
        .lines()
        .filter(|line| !line.trim_start().starts_with('>'))
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty());
    let mut out = String::new();
    for line in lines {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
        if out.chars().count() > PREVIEW_CHARS {
            return cut(&out, PREVIEW_CHARS);
        }
    }
    out
}

fn cut(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(chars - 1).collect::<String>())
    }
}

/// What is left of the answer being read: a server past it has its connection ended.
#[derive(Debug, Clone, Default)]
struct Budget(Arc<AtomicUsize>);

impl Budget {
    fn reset(&self, bytes: usize) {
        self.0.store(bytes, Ordering::Relaxed);
    }
}

/// The connection, counting what the server sends against its [`Budget`].
struct Metered {
    inner: Transport,
    left: Budget,
}

impl Metered {
    fn new(inner: Transport, budget: &Budget) -> Self {
        Self { inner, left: budget.clone() }
    }
}

impl std::fmt::Debug for Metered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metered").field("left", &self.left.0.load(Ordering::Relaxed)).finish_non_exhaustive()
    }
}

impl tokio::io::AsyncRead for Metered {
    fn poll_read(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let poll = std::pin::Pin::new(&mut this.inner).poll_read(cx, buf);
        let read = buf.filled().len() - before;
        if read > 0 {
            let left =
                this.left.0.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| left.checked_sub(read));
            if left.is_err() {
                this.left.reset(0);
                return std::task::Poll::Ready(Err(std::io::Error::other(
                    "the server sent more than Lull reads for one answer",
                )));
            }
        }
        poll
    }
}

impl tokio::io::AsyncWrite for Metered {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> ImapFolder {
        let account = ImapAccount {
            id: "work".into(),
            host: "imap.example.org".into(),
            port: 993,
            tls: ImapTls::Implicit,
            user: "me".into(),
            folders: vec![name.into()],
            poll_minutes: 5,
            link: None,
            certificate: None,
            notify: false,
            enabled: true,
        };
        ImapFolder::new(&account, name)
    }

    #[test]
    fn folder_names_are_modified_utf7() {
        assert_eq!(folder_name("INBOX"), "INBOX");
        assert_eq!(folder_name("Entwürfe"), "Entw&APw-rfe");
        assert_eq!(folder_name("A&B"), "A&-B");
        assert_eq!(folder_name("日本語"), "&ZeVnLIqe-");
    }

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let cursor = Cursor { validity: 7, last: 42, at: 1_764_600_000 };
        assert_eq!(Cursor::parse(&cursor.to_string()), Some(cursor));
        for bad in ["", "7:42", "7:42:x", "7:42:1:2", "-1:2:3"] {
            assert_eq!(Cursor::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_mail_becomes_a_message() {
        let raw = b"From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.org>\r\n\
Subject: =?UTF-8?B?R3LDvMOfZQ==?=\r\n\
Message-ID: <abc@example.org>\r\n\
References: <root@example.org> <mid@example.org>\r\n\
X-Priority: 1\r\n\
\r\n\
Hallo,\r\n\r\n\r\n> quoted\r\nsecond   line\r\n";
        let m = message(&folder("INBOX"), raw, 1, 5);
        assert_eq!(m.source, Some(Source::Imap));
        assert_eq!(m.sender.as_deref(), Some("Jürgen <j@example.org>"));
        assert_eq!(m.title.as_deref(), Some("Grüße"));
        assert_eq!(m.body, "Hallo,\nsecond line");
        assert_eq!(m.link.as_deref(), Some("mid:abc@example.org"));
        assert_eq!(m.dedupe_key.as_deref(), Some("abc@example.org"));
        assert_eq!(m.thread.as_deref(), Some("mail:root@example.org"));
        assert_eq!(m.priority, Some(4));
        assert_eq!(m.source_detail.as_deref(), Some("work"));
    }

    #[test]
    fn html_only_mail_is_text_and_garbage_is_still_a_message() {
        let raw = b"From: a@example.org\r\nSubject: hi\r\nContent-Type: text/html\r\n\r\n<p>Hello <b>there</b></p><script>x()</script>";
        let m = message(&folder("Lists"), raw, 1, 9);
        assert!(!m.body.contains('<'), "{:?}", m.body);
        assert!(m.body.contains("Hello"), "{:?}", m.body);
        assert_eq!(m.dedupe_key.as_deref(), Some("work/Lists/1/9"), "no Message-ID: the folder's UID");
        assert_eq!(m.source_detail.as_deref(), Some("work/Lists"));
        let m = message(&folder("INBOX"), b"\x00\xff\xfe garbage", 1, 10);
        assert_eq!(m.title.as_deref(), Some("(no subject)"));
    }
}
