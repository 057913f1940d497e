//! A real Dovecot (Debian's `dovecot-imapd`) for the IMAP tests: a private instance on two free
//! loopback ports (143 with STARTTLS, 993 with implicit TLS), one passwd-file user, a Maildir and a
//! self-signed certificate made by `openssl`, all in a scratch directory removed at the end.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use lull_core::subscriptions::{ImapAccount, ImapTls};

pub const USER: &str = "lull";
pub const PASSWORD: &str = "pw-7f3a9c-dovecot";

pub struct Dovecot {
    dir: tempfile::TempDir,
    pub starttls_port: u16,
    pub tls_port: u16,
    child: Option<Child>,
    delivered: u64,
}

impl Dovecot {
    pub fn start() -> Self {
        Self::start_with("")
    }

    /// [`Dovecot::start`] with more configuration lines (`imap_capability = …`).
    pub fn start_with(extra: &str) -> Self {
        // The auth process runs as `dovecot`: it must be able to read its way in.
        let dir = tempfile::Builder::new().prefix("dv").tempdir_in("/tmp").expect("a scratch dir");
        let root = dir.path();
        chmod(root, 0o755);
        let (uid, gid) = (ids::uid(), ids::gid());
        let mail_owner = if uid == 0 { (1000, 1000) } else { (uid, gid) };
        for sub in ["run", "state", "mail/Maildir/cur", "mail/Maildir/new", "mail/Maildir/tmp"] {
            std::fs::create_dir_all(root.join(sub)).expect("a scratch dir");
        }
        chmod(&root.join("mail"), 0o755);
        let status = Command::new("openssl")
            .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost"])
            .args(["-addext", "basicConstraints=critical,CA:FALSE"])
            .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
            .args(["-keyout", "key.pem", "-out", "cert.pem"])
            .current_dir(root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("openssl runs (scripts/setup.sh --test installs it)");
        assert!(status.success(), "openssl made a certificate");
        std::fs::write(
            root.join("users"),
            format!(
                "{USER}:{{PLAIN}}{PASSWORD}:{}:{}::{}\n",
                mail_owner.0,
                mail_owner.1,
                root.join("mail").display()
            ),
        )
        .expect("the users file");
        let (starttls_port, tls_port) = (free_port(), free_port());
        let d = root.display();
        let run_as = if uid == 0 {
            String::new()
        } else {
            let name = std::env::var("USER").unwrap_or_else(|_| "nobody".into());
            format!("default_login_user = {name}\ndefault_internal_user = {name}\n")
        };
        let conf = format!(
            "base_dir = {d}/run\nstate_dir = {d}/state\nlog_path = {d}/dovecot.log\n{run_as}\
             protocols = imap\nlisten = 127.0.0.1\nssl = yes\nssl_cert = <{d}/cert.pem\nssl_key = <{d}/key.pem\n\
             disable_plaintext_auth = no\nmail_location = maildir:~/Maildir\n\
             passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN {d}/users\n}}\n\
             userdb {{\n  driver = passwd-file\n  args = {d}/users\n}}\n\
             service imap-login {{\n  inet_listener imap {{\n    port = {starttls_port}\n  }}\n  \
             inet_listener imaps {{\n    port = {tls_port}\n    ssl = yes\n  }}\n}}\n{extra}\n"
        );
        std::fs::write(root.join("dovecot.conf"), conf).expect("the configuration");
        chown_r(&root.join("mail"), mail_owner);
        let mut dovecot = Self { dir, starttls_port, tls_port, child: None, delivered: 0 };
        dovecot.run();
        dovecot
    }

    /// Starts it again after [`Dovecot::stop`].
    pub fn run(&mut self) {
        let conf = self.dir.path().join("dovecot.conf");
        let child = Command::new("dovecot")
            .arg("-F")
            .arg("-c")
            .arg(&conf)
            .stdin(Stdio::null())
            .spawn()
            .expect("dovecot runs (scripts/setup.sh --test installs dovecot-imapd)");
        self.child = Some(child);
        self.wait_for_greeting();
    }

    /// Ready once a connection is greeted with `* OK`, not when the port opens.
    fn wait_for_greeting(&self) {
        let start = Instant::now();
        loop {
            if let Ok(stream) = TcpStream::connect(("127.0.0.1", self.starttls_port)) {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let mut line = String::new();
                if BufReader::new(stream).read_line(&mut line).is_ok() && line.starts_with("* OK") {
                    return;
                }
            }
            assert!(start.elapsed() < Duration::from_secs(10), "dovecot greets within 10 s: {}", self.log());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops it (SIGTERM, as a system shutdown would) and waits until it is gone.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
            let _ = child.wait();
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }

    pub fn certificate(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("cert.pem")).expect("the certificate")
    }

    /// An account for this server, as a user would set it up.
    pub fn account(&self, tls: ImapTls) -> ImapAccount {
        let port = match tls {
            ImapTls::Implicit => self.tls_port,
            ImapTls::Starttls => self.starttls_port,
        };
        ImapAccount {
            id: "work".into(),
            host: "127.0.0.1".into(),
            port,
            tls,
            user: USER.into(),
            folders: vec!["INBOX".into()],
            poll_minutes: 5,
            link: None,
            certificate: Some(self.certificate()),
            notify: false,
            enabled: true,
        }
    }

    fn maildir(&self) -> PathBuf {
        self.dir.path().join("mail/Maildir")
    }

    /// Delivers `raw` into the INBOX as a mail server's delivery agent does: written in `tmp/`,
    /// renamed into `new/`.
    pub fn deliver(&mut self, raw: &str) {
        self.delivered += 1;
        let name =
            format!("{}.M{}P{}.lulltest", 1_764_000_000 + self.delivered, self.delivered, std::process::id());
        let tmp = self.maildir().join("tmp").join(&name);
        let mut file = std::fs::File::create(&tmp).expect("a mail file");
        file.write_all(raw.replace('\n', "\r\n").as_bytes()).expect("the mail is written");
        drop(file);
        chown_r(&tmp, self.owner());
        std::fs::rename(&tmp, self.maildir().join("new").join(name)).expect("the mail is delivered");
    }

    /// Delivers `count` generated mails at once (straight into `cur/`, as an import would).
    pub fn deliver_many(&mut self, count: u64, subject: &str) {
        let cur = self.maildir().join("cur");
        for n in 0..count {
            self.delivered += 1;
            let name = format!(
                "{}.M{}P{}.lulltest:2,",
                1_764_000_000 + self.delivered,
                self.delivered,
                std::process::id()
            );
            let raw = format!(
                "From: Bulk <bulk@example.org>\r\nSubject: {subject} {n}\r\nMessage-ID: <bulk-{subject}-{n}@example.org>\r\n\r\nnumber {n}\r\n"
            );
            std::fs::write(cur.join(name), raw).expect("a mail file");
        }
        chown_r(&self.maildir(), self.owner());
    }

    fn owner(&self) -> (u32, u32) {
        use std::os::unix::fs::MetadataExt as _;
        let meta = std::fs::metadata(self.dir.path().join("mail")).expect("the mail dir");
        (meta.uid(), meta.gid())
    }

    /// Makes Dovecot forget the folder's UIDs, as a server rebuilt from a backup would: the next
    /// start gives the folder a new UIDVALIDITY. Only while it is stopped.
    pub fn forget_uids(&mut self) {
        assert!(self.child.is_none(), "only while Dovecot is stopped");
        for entry in std::fs::read_dir(self.maildir()).expect("the maildir").filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("dovecot") {
                std::fs::remove_file(entry.path()).expect("an index file is removed");
            }
        }
        // The new UIDVALIDITY is the time of the rebuild: a second later than the first one.
        std::thread::sleep(Duration::from_millis(1100));
    }

    /// The number of mails whose flags on the server include `\Seen`: Maildir keeps the flags in
    /// the file's name (`…:2,S`), where Dovecot writes them.
    pub fn seen(&self) -> usize {
        ["cur", "new"]
            .iter()
            .flat_map(|sub| std::fs::read_dir(self.maildir().join(sub)).expect("the maildir"))
            .filter_map(Result::ok)
            .filter(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                name.rsplit_once(":2,").is_some_and(|(_, flags)| flags.contains('S'))
            })
            .count()
    }

    /// How many mails the INBOX holds.
    pub fn count(&self) -> usize {
        ["cur", "new"]
            .iter()
            .map(|sub| std::fs::read_dir(self.maildir().join(sub)).expect("the maildir").count())
            .sum()
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        self.stop();
    }
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn chown_r(path: &Path, (uid, gid): (u32, u32)) {
    let status =
        Command::new("chown").arg("-R").arg(format!("{uid}:{gid}")).arg(path).status().expect("chown runs");
    assert!(status.success(), "chown {}", path.display());
}

pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

/// The test's user and group, read from `/proc` (no `unsafe` call to `getuid`).
mod ids {
    fn status_field(name: &str) -> u32 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|id| id.parse().ok())
            .unwrap_or(0)
    }

    pub fn uid() -> u32 {
        status_field("Uid:")
    }

    pub fn gid() -> u32 {
        status_field("Gid:")
    }
}
