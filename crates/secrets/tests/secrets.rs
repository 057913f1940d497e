//! The secrets against the real thing: a gnome-keyring daemon on a private session bus that each
//! test starts (no prompts: its login keyring is written unencrypted first), and the file that
//! stands in where no Secret Service runs.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use lull_secrets::{Backend, Error, FILE_NAME, Secret, Secrets};

/// A private session bus, and on it (once started) gnome-keyring's Secret Service.
struct Desktop {
    dir: tempfile::TempDir,
    bus: Child,
    address: String,
    keyring: Option<Child>,
}

impl Desktop {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a scratch directory");
        // The keyring's auth runs as the user; the directories only need to be ours.
        let keyrings = dir.path().join("data/keyrings");
        std::fs::create_dir_all(&keyrings).expect("the keyrings folder");
        std::fs::write(
            keyrings.join("login.keyring"),
            "[keyring]\ndisplay-name=login\nctime=0\nmtime=0\nlock-on-idle=false\nlock-after=false\n",
        )
        .expect("an unencrypted login keyring");
        std::fs::write(keyrings.join("default"), "login").expect("the default keyring's name");
        let run = dir.path().join("run");
        std::fs::create_dir_all(&run).expect("a runtime folder");
        std::fs::set_permissions(&run, std::fs::Permissions::from_mode(0o700)).expect("runtime folder mode");
        // No service directories: nothing is started by activation, so the test owns the keyring.
        let config = dir.path().join("bus.conf");
        let socket = dir.path().join("bus");
        std::fs::write(
            &config,
            format!(
                "<busconfig><type>session</type><listen>unix:path={}</listen>\
                 <policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>\
                 <allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>",
                socket.display()
            ),
        )
        .expect("the bus configuration");
        let bus = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .arg("--nofork")
            .stdout(Stdio::null())
            // It says it cannot raise its file limit when not started by the system's own bus.
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon (Debian's dbus package) starts");
        // The socket's file appears when dbus-daemon binds it, a moment before it listens: wait
        // for a connection to be taken, not for the file (a CI run was refused in between).
        wait_for("the private bus to listen", || std::os::unix::net::UnixStream::connect(&socket).is_ok());
        Self { address: format!("unix:path={}", socket.display()), dir, bus, keyring: None }
    }

    fn start_keyring(&mut self) {
        let keyring = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_RUNTIME_DIR", self.dir.path().join("run"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon (Debian's gnome-keyring package) starts");
        self.keyring = Some(keyring);
        let address = self.address.clone();
        wait_for("gnome-keyring on the private bus", || name_has_owner(&address, "org.freedesktop.secrets"));
    }

    fn stop_keyring(&mut self) {
        if let Some(mut keyring) = self.keyring.take() {
            let _ = keyring.kill();
            let _ = keyring.wait();
        }
        let address = self.address.clone();
        wait_for("gnome-keyring to leave the bus", || !name_has_owner(&address, "org.freedesktop.secrets"));
    }

    async fn connect(&self) -> zbus::Connection {
        zbus::connection::Builder::address(self.address.as_str())
            .build()
            .await
            .expect("a connection to the private bus")
    }

    fn data_files(&self) -> Vec<PathBuf> {
        walk(&self.dir.path().join("data"))
    }

    /// What libsecret's own `secret-tool` finds under the attributes Lull files a secret with.
    fn secret_tool_lookup(&self, profile: &Path, key: &str) -> String {
        let out = Command::new("secret-tool")
            .args(["lookup", "application", "app.lull.desktop", "key", key, "profile"])
            .arg(profile)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .output()
            .expect("secret-tool (libsecret-tools) runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        if let Some(mut keyring) = self.keyring.take() {
            let _ = keyring.kill();
            let _ = keyring.wait();
        }
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}

fn name_has_owner(address: &str, name: &str) -> bool {
    let out = Command::new("dbus-send")
        .args(["--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus"])
        .args(["org.freedesktop.DBus.NameHasOwner", &format!("string:{name}")])
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .output();
    out.is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("boolean true"))
}

fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < Duration::from_secs(20), "{what} within 20 s");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries.flatten().flat_map(|e| if e.path().is_dir() { walk(&e.path()) } else { vec![e.path()] }).collect()
}

#[tokio::test]
async fn a_secret_kept_in_the_keyring_reads_back_after_the_keyring_restarts() {
    let mut desktop = Desktop::new();
    desktop.start_keyring();
    let profile = desktop.dir.path().join("profile");
    let bus = desktop.connect().await;
    let secrets = Secrets::on_bus(&bus, &profile).await.expect("the Secret Service answers");
    assert_eq!(secrets.backend(), Backend::SecretService);

    let token = Secret::new("tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2");
    secrets.store("source/ntfy-home", "Lull: ntfy.sh access token", &token).await.expect("stored");
    assert_eq!(secrets.read("source/ntfy-home").await.expect("read"), Some(token.clone()));
    assert_eq!(
        desktop.secret_tool_lookup(&profile, "source/ntfy-home"),
        token.expose(),
        "libsecret's own client finds it where Lull filed it"
    );

    // Storing again replaces: one item, the new value.
    let replaced = Secret::new("tk_second");
    secrets.store("source/ntfy-home", "Lull: ntfy.sh access token", &replaced).await.expect("replaced");
    assert_eq!(secrets.read("source/ntfy-home").await.expect("read"), Some(replaced.clone()));

    drop(secrets);
    desktop.stop_keyring();
    desktop.start_keyring();
    let bus = desktop.connect().await;
    let secrets = Secrets::on_bus(&bus, &profile).await.expect("the restarted Secret Service answers");
    assert_eq!(
        secrets.read("source/ntfy-home").await.expect("read after the restart"),
        Some(replaced),
        "the keyring kept it across a restart"
    );

    assert!(secrets.delete("source/ntfy-home").await.expect("deleted"), "there was one to delete");
    assert_eq!(secrets.read("source/ntfy-home").await.expect("read"), None, "gone once deleted");
    assert!(!secrets.delete("source/ntfy-home").await.expect("deleting nothing"), "nothing left to delete");
    assert!(secrets.read("source/never-stored").await.expect("read").is_none());
}

#[tokio::test]
async fn two_profiles_never_read_each_others_secrets() {
    let mut desktop = Desktop::new();
    desktop.start_keyring();
    let bus = desktop.connect().await;
    let work = Secrets::on_bus(&bus, Path::new("/home/u/.local/share/lull")).await.expect("work profile");
    let test = Secrets::on_bus(&bus, Path::new("/tmp/lull-test")).await.expect("test profile");
    work.store("source/imap-work", "Lull: mail", &Secret::new("work-password")).await.expect("stored");
    assert_eq!(test.read("source/imap-work").await.expect("read"), None);
    assert!(!test.delete("source/imap-work").await.expect("delete"), "one profile cannot delete another's");
    assert_eq!(work.read("source/imap-work").await.expect("read"), Some(Secret::new("work-password")));
}

#[tokio::test]
async fn without_a_secret_service_secrets_go_to_a_file_only_its_owner_can_read() {
    // A session bus on which no Secret Service runs, as under a headless `lull serve`.
    let desktop = Desktop::new();
    let bus = desktop.connect().await;
    let config = desktop.dir.path().join("config");
    let profile = desktop.dir.path().join("profile");
    let secrets = Secrets::open_on(Ok(bus), &profile, &config).await;
    let path = config.join(FILE_NAME);
    assert_eq!(secrets.backend(), Backend::File { path: path.clone() }, "the status says where they are");

    secrets
        .store("source/gotify", "Lull: Gotify client token", &Secret::new("C0ffee"))
        .await
        .expect("stored");
    let mode = std::fs::metadata(&path).expect("the file exists").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "only its owner can read the file");
    assert_eq!(secrets.read("source/gotify").await.expect("read"), Some(Secret::new("C0ffee")));

    let again = Secrets::open_on(Err(Error::Dismissed), &profile, &config).await;
    assert_eq!(again.read("source/gotify").await.expect("read by a new start"), Some(Secret::new("C0ffee")));
    let other = Secrets::in_file(&path, Path::new("/elsewhere"));
    assert_eq!(
        other.read("source/gotify").await.expect("read"),
        None,
        "profiles are kept apart in the file too"
    );

    assert!(secrets.delete("source/gotify").await.expect("deleted"));
    assert_eq!(secrets.read("source/gotify").await.expect("read"), None);
    assert!(
        !std::fs::read_to_string(&path).expect("the file").contains("C0ffee"),
        "a deleted secret is gone from the file"
    );
    assert_eq!(
        desktop.data_files().len(),
        2,
        "no keyring was added beside the login one: {:?}",
        desktop.data_files()
    );
    let login = std::fs::read_to_string(desktop.dir.path().join("data/keyrings/login.keyring"))
        .expect("login keyring");
    assert!(!login.contains("C0ffee") && !login.contains("[1]"), "and nothing was written to it");
}

#[tokio::test]
async fn a_secrets_file_that_is_not_lulls_is_an_error_and_is_left_as_it_was() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let path = dir.path().join(FILE_NAME);
    for garbage in [&b"{ not json"[..], &b"\xff\xfe\x00binary"[..], &b"[1, 2, 3]"[..]] {
        std::fs::write(&path, garbage).expect("a file that is not Lull's");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("mode");
        let secrets = Secrets::in_file(&path, Path::new("/p"));
        let stored = secrets.store("source/x", "x", &Secret::new("s")).await;
        assert!(matches!(stored, Err(Error::Corrupt { .. })), "storing over garbage is refused: {stored:?}");
        assert!(
            matches!(secrets.read("source/x").await, Err(Error::Corrupt { .. })),
            "reading it is an error"
        );
        assert_eq!(std::fs::read(&path).expect("still there"), garbage, "and the file is left as it was");
    }
}

#[tokio::test]
async fn a_secrets_file_others_could_read_is_made_owner_only_before_it_is_read() {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let path = dir.path().join(FILE_NAME);
    let secrets = Secrets::in_file(&path, Path::new("/p"));
    secrets.store("source/x", "x", &Secret::new("s")).await.expect("stored");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("loosened");
    assert_eq!(secrets.read("source/x").await.expect("read"), Some(Secret::new("s")));
    let mode = std::fs::metadata(&path).expect("the file").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "tightened again");
}

#[test]
fn a_secret_never_shows_in_debug_output() {
    let secret = Secret::new("hunter2");
    assert!(!format!("{secret:?}").contains("hunter2"));
    assert_eq!(secret.expose(), "hunter2");
}
