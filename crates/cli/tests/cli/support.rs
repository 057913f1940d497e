//! Running `lull` as a user would, and a `lull serve` that dies with the test.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub fn lull(data_dir: &Path, args: &[&str]) -> Output {
    lull_in(data_dir, &[], args)
}

/// Runs `lull` with `env` set (a `TZ` the test chose).
pub fn lull_in(data_dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lull"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("LULL_DATA_DIR")
        .env_remove("LULL_PORT")
        .envs(env.iter().copied())
        .output()
        .expect("lull runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `lull` and insists that it succeeded.
pub fn ok(data_dir: &Path, args: &[&str]) -> String {
    let output = lull(data_dir, args);
    assert!(output.status.success(), "lull {args:?} failed: {output:?}");
    stdout(&output)
}

pub fn json(data_dir: &Path, args: &[&str]) -> Value {
    let out = ok(data_dir, args);
    serde_json::from_str(&out).unwrap_or_else(|err| panic!("lull {args:?} printed no JSON ({err}): {out}"))
}

/// Runs `lull` with `input` on stdin.
pub fn lull_with_stdin(data_dir: &Path, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_lull"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("LULL_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("lull runs");
    child.stdin.take().expect("a pipe").write_all(input.as_bytes()).expect("stdin written");
    child.wait_with_output().expect("lull ends")
}

/// A fresh data directory that does not exist yet (Lull creates it), inside a temp dir that
/// also holds the server's log.
pub fn data_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("profile");
    (dir, path)
}

/// A `lull serve` child that is killed when the test ends, pass or fail.
pub struct Server {
    child: Child,
}

impl Server {
    /// Starts `lull serve` for `data_dir` as [`Server::start_new`] does, and finishes the first
    /// run of a profile it created (`lull setup --yes`), as a user would before relying on it.
    pub fn start(data_dir: &Path, log: &Path) -> Self {
        Self::start_in(data_dir, log, &[])
    }

    /// Starts `lull serve` for `data_dir`, its stderr going to `log` (a file, not a pipe that
    /// nobody reads and that could fill up), and waits until it publishes its address. A data
    /// directory it creates is in its first run.
    pub fn start_new(data_dir: &Path, log: &Path) -> Self {
        Self::start_new_in(data_dir, log, &[])
    }

    /// Starts `lull serve` as [`Server::start`] does, with `env` set (a `TZ` the test chose).
    pub fn start_in(data_dir: &Path, log: &Path, env: &[(&str, &str)]) -> Self {
        let server = Self::start_new_in(data_dir, log, env);
        let setup = lull_in(data_dir, env, &["setup", "--yes"]);
        assert!(setup.status.success(), "lull setup --yes: {setup:?}");
        server
    }

    fn start_new_in(data_dir: &Path, log: &Path, env: &[(&str, &str)]) -> Self {
        let log_file = std::fs::File::create(log).expect("a log file");
        let child = Command::new(env!("CARGO_BIN_EXE_lull"))
            .args(["serve", "--port", "0", "--data-dir"])
            .arg(data_dir)
            .env_remove("LULL_PORT")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .expect("lull serve starts");
        let mut server = Self { child };
        let api = data_dir.join("api.json");
        let started = Instant::now();
        while !api.exists() {
            if let Ok(Some(status)) = server.child.try_wait() {
                let err = std::fs::read_to_string(log).unwrap_or_default();
                panic!("lull serve exited with {status} before it was ready: {err}");
            }
            assert!(started.elapsed() < Duration::from_secs(30), "lull serve wrote no api.json in 30 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn port_of(dir: &Path) -> u16 {
    let api: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("api.json")).expect("api.json"))
        .expect("json");
    api["port"].as_u64().expect("port") as u16
}
