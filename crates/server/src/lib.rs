//! Lull's local HTTP API. Skeleton: being written.

use std::path::PathBuf;

/// What `lull serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub data_dir: PathBuf,
    /// 0 picks any free port.
    pub port: u16,
}

/// The default port.
pub const DEFAULT_PORT: u16 = 8737;

/// Runs the engine and the API with no window until SIGINT or SIGTERM. Errors are sentences for
/// the user (the data directory is in use, the database is refused, the port is taken, …).
pub fn serve_blocking(options: ServeOptions) -> Result<(), String> {
    Err(format!("lull serve is not built yet ({})", options.data_dir.display()))
}
