//! The control token: 32 random bytes as hex, in a file only the user can read. The CLI and the
//! desktop app use it; tools that only send messages get a [`publish`] token instead.

pub mod publish;

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Reads the token at `path`, creating one if there is none.
pub fn load_or_create(path: &Path) -> io::Result<String> {
    match read(path) {
        Ok(token) => Ok(token),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            match write(path, &generate()?, false) {
                // Another process may have won the race to create it: use whatever is there.
                Ok(()) => {}
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {}
                Err(err) => return Err(err),
            }
            read(path)
        }
        Err(err) => Err(err),
    }
}

/// Replaces the token with a new one and returns it.
pub fn rotate(path: &Path) -> io::Result<String> {
    let token = generate()?;
    write(path, &token, true)?;
    Ok(token)
}

pub fn read(path: &Path) -> io::Result<String> {
    let token = fs::read_to_string(path)?.trim().to_owned();
    if token.len() < 32 || !token.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{} does not hold a valid token", path.display()),
        ));
    }
    Ok(token)
}

fn generate() -> io::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|err| io::Error::other(err.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn write(path: &Path, token: &str, replace: bool) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    }
    if replace {
        // Write beside and rename, so a reader never sees half a token.
        let fresh = path.with_extension("new");
        let mut file = OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&fresh)?;
        file.write_all(token.as_bytes())?;
        file.sync_all()?;
        fs::rename(&fresh, path)?;
    } else {
        let mut file = OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
        file.write_all(token.as_bytes())?;
        file.sync_all()?;
    }
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))
}

/// Compares two tokens in time that does not depend on where they differ.
pub fn matches(expected: &str, given: &str) -> bool {
    let (a, b) = (expected.as_bytes(), given.as_bytes());
    let mut diff = a.len() ^ b.len();
    for (i, x) in a.iter().enumerate() {
        diff |= usize::from(x ^ b.get(i).copied().unwrap_or(0));
    }
    diff == 0
}
