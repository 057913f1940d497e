//! Where a profile keeps its files. Everything lives under one data directory so that
//! `--data-dir` gives tests and second profiles a world of their own.

use std::path::{Path, PathBuf};

/// The database file inside a data directory.
pub fn database(data_dir: &Path) -> PathBuf {
    data_dir.join("lull.sqlite3")
}

/// The user's data directory for Lull (`$XDG_DATA_HOME/lull`, usually `~/.local/share/lull`).
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("lull"))
}
