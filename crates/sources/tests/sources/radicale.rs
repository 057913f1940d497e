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
    pub fn start() -> Self {
        let dir = tempfile::tempdir().expect("a scratch dir");
        let users = dir.path().join("users");
        std::fs::write(&users, format!("{USER}:{PASSWORD}\n")).expect("the users file");
        let port = free_port();
        let child = Command::new("radicale")
            .args(["--config", "", "--server-hosts", &format!("127.0.0.1:{port}")])
            .args(["--auth-type", "htpasswd", "--auth-htpasswd-encryption", "plain", "--auth-delay", "0"])
            .arg("--auth-htpasswd-filename")
            .arg(&users)
            .arg("--storage-filesystem-folder")
            .arg(dir.path().join("collections"))
            .args(["--rights-type", "owner_only"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("radicale runs (scripts/setup.sh --test installs it)");
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < Duration::from_secs(10), "radicale listens within 10 s");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { dir, port, child }
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

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}
