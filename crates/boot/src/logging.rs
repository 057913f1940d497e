//! Where Lull's own messages go: stderr, and a log file in the data directory
//! (`<data dir>/logs/lull.log.YYYY-MM-DD`, one a day, the last 7 kept), so a tray app started at
//! login leaves something to read. `info` and above by default; `--verbose` adds `debug`, and
//! `LULL_LOG` (a `tracing` filter such as `lull_bus=debug`) overrides both.

use std::path::Path;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, fmt};

/// Keeps the log file's writer running; drop it last (it flushes what is buffered).
#[must_use = "the log file stops being written when this is dropped"]
#[derive(Debug)]
pub struct LogGuard(
    #[allow(dead_code, reason = "held for its Drop, which flushes the file")]
    Option<tracing_appender::non_blocking::WorkerGuard>,
);

/// The log file's folder for a data directory.
pub fn log_dir(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join("logs")
}

/// Sends Lull's log to stderr and, when `data_dir` is given and writable, to its log file.
/// Calling it twice keeps the first set-up (a test harness, a second call): it never panics.
pub fn init(data_dir: Option<&Path>, verbose: bool) -> LogGuard {
    let level = if verbose { "debug" } else { "info" };
    let filter = || EnvFilter::try_from_env("LULL_LOG").unwrap_or_else(|_| EnvFilter::new(level));
    let stderr = fmt::layer().with_writer(std::io::stderr).with_target(false).with_filter(filter());
    let (file, guard) = match data_dir.and_then(|dir| file_writer(&log_dir(dir))) {
        Some((writer, guard)) => {
            let layer = fmt::layer().with_writer(writer).with_ansi(false).with_filter(filter());
            (Some(layer), Some(guard))
        }
        None => (None, None),
    };
    let _ = tracing_subscriber::registry().with(stderr).with(file).try_init();
    LogGuard(guard)
}

fn file_writer(
    dir: &Path,
) -> Option<(tracing_appender::non_blocking::NonBlocking, tracing_appender::non_blocking::WorkerGuard)> {
    std::fs::create_dir_all(dir).ok()?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("lull.log")
        .max_log_files(7)
        .build(dir)
        .ok()?;
    Some(tracing_appender::non_blocking(appender))
}
