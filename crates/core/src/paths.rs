//! Where a profile keeps its files. Everything lives under one data directory so that
//! `--data-dir` gives tests and second profiles a world of their own.

use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` so that a reader finds the old file or the new one, never half of
/// one: into `<name>.new` beside it, flushed to disk, then renamed over it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".new");
    let fresh = path.with_file_name(name);
    let mut file = std::fs::File::create(&fresh)?;
    std::io::Write::write_all(&mut file, bytes)?;
    file.sync_all()?;
    std::fs::rename(fresh, path)
}

/// The database file inside a data directory.
pub fn database(data_dir: &Path) -> PathBuf {
    data_dir.join("lull.sqlite3")
}

/// The user's data directory for Lull (`$XDG_DATA_HOME/lull`, usually `~/.local/share/lull`).
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("lull"))
}

/// Where the API token is kept: `~/.config/lull/token` for the default data directory, inside
/// the data directory for any other (so a test or a second profile has its own).
pub fn token(data_dir: &Path) -> PathBuf {
    match (default_data_dir(), dirs::config_dir()) {
        (Some(default), Some(config)) if default == data_dir => config.join("lull").join("token"),
        _ => data_dir.join("token"),
    }
}

/// Where the sources' tokens and passwords are kept when no Secret Service runs: beside the API
/// token (`~/.config/lull/secrets.json`, or inside any other data directory).
pub fn secrets_file(data_dir: &Path) -> PathBuf {
    token(data_dir).with_file_name("secrets.json")
}

/// The file in which a running instance publishes its API address.
pub fn api_file(data_dir: &Path) -> PathBuf {
    data_dir.join("api.json")
}
