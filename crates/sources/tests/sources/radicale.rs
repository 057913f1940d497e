//! A real Radicale (Debian's `radicale`) for the calendar tests: a private instance on a free
//! loopback port with one htpasswd user, its collections in a scratch directory removed at the
//! end. Events are put and changed over CalDAV with `curl`, as a calendar app would.

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::dovecot::free_port;

pub const USER: &str = "lull";
pub const PASSWORD: &str = "pw-2b81e4-radicale";

pub struct Radicale {
    dir: tempfile::TempDir,
    pub port: u16,
    child: Child,
}

impl Radicale {
    /// Starts Radicale on a free port and waits until it answers HTTP. A port picked free may
    /// be taken by another test's server before Radicale binds it (Radicale then exits, and a
    /// connection reaches the other server): then it starts again on another port.
    pub fn start() -> Self {
        let dir = tempfile::tempdir().expect("a scratch dir");
        let users = dir.path().join("users");
        std::fs::write(&users, format!("{USER}:{PASSWORD}\n")).expect("the users file");
        let log = dir.path().join("radicale.log");
        for _ in 0..3 {
            let port = free_port();
            let mut child = Command::new("radicale")
                .args(["--config", "", "--server-hosts", &format!("127.0.0.1:{port}")])
                .args(["--auth-type", "htpasswd", "--auth-htpasswd-encryption", "plain", "--auth-delay", "0"])
                .arg("--auth-htpasswd-filename")
                .arg(&users)
                .arg("--storage-filesystem-folder")
                .arg(dir.path().join("collections"))
                .args(["--rights-type", "owner_only"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log).expect("radicale's log"))
                .spawn()
                .expect("radicale runs (scripts/setup.sh --test installs it)");
            let start = Instant::now();
            loop {
                if child.try_wait().expect("radicale's state").is_some() {
                    break; // it could not start on that port: another one
                }
                if answers_http(port) {
                    return Self { dir, port, child };
                }
                let said = std::fs::read_to_string(&log).unwrap_or_default();
                assert!(
                    start.elapsed() < Duration::from_secs(10),
                    "radicale answers within 10 s; it said: {said}"
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        panic!("radicale did not start on three free ports; it said: {said}");
    }

    /// The URL of the user's collection `name`.
    pub fn url(&self, name: &str) -> String {
        format!("http://127.0.0.1:{}/{USER}/{name}/", self.port)
    }

    /// Makes the calendar collection `name`.
    pub fn make_calendar(&self, name: &str) {
        let code = self.curl(&["-X", "MKCALENDAR", &self.url(name)], None);
        assert_eq!(code, "201", "MKCALENDAR {name}");
    }

    /// Puts (creates or replaces) the event resource `uid` in `calendar`: `ics` is a whole
    /// VCALENDAR with one event (and its overrides).
    pub fn put(&self, calendar: &str, uid: &str, ics: &str) {
        let url = format!("{}{uid}.ics", self.url(calendar));
        let code = self.curl(
            &["-X", "PUT", "-H", "Content-Type: text/calendar", "--data-binary", "@-", &url],
            Some(ics),
        );
        assert!(code == "201" || code == "204", "PUT {uid}: HTTP {code}");
    }

    /// `curl` as the user, with `stdin` on its standard input; the HTTP status it got.
    fn curl(&self, args: &[&str], stdin: Option<&str>) -> String {
        use std::io::Write as _;
        let mut child = Command::new("curl")
            .args(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", &format!("{USER}:{PASSWORD}")])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("curl runs");
        if let Some(mut pipe) = child.stdin.take() {
            pipe.write_all(stdin.unwrap_or_default().as_bytes()).expect("curl reads the body");
        }
        let out = child.wait_with_output().expect("curl ends");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Where its collections are (for a failure's message).
    pub fn folder(&self) -> std::path::PathBuf {
        self.dir.path().join("collections")
    }
}

/// Whether an HTTP server answers on `port` (Radicale answers `/` with a redirect to its web
/// page; another test's IMAP server would not answer in HTTP at all).
fn answers_http(port: u16) -> bool {
    use std::io::{Read as _, Write as _};
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream.write_all(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").is_err() {
        return false;
    }
    let mut head = [0; 5];
    stream.read_exact(&mut head).is_ok() && &head == b"HTTP/"
}

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}
