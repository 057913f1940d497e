//! Where each remote source is in its stream: the last ntfy message id, a mailbox's UIDVALIDITY
//! and last UID. A source reads its cursor when it (re)connects and asks the server only for
//! what came after it, so what was sent while Lull was down or offline is caught up once. The
//! cursor is saved after the messages it covers are stored; a crash in between fetches them again,
//! and their dedupe keys make the second copy a no-op.

use super::Lull;
use crate::error::{Error, ErrorCode, Result};
use crate::store::state;

/// The longest cursor key and value: ids and a few numbers, never a document.
const MAX_CURSOR: usize = 512;

fn key_of(source_key: &str) -> Result<String> {
    if source_key.is_empty() || source_key.len() > MAX_CURSOR {
        return Err(Error::new(ErrorCode::InvalidRequest, "a cursor key is 1 to 512 bytes"));
    }
    Ok(format!("cursor/{source_key}"))
}

impl Lull {
    /// The cursor saved under `key`, if the source has one yet.
    pub fn source_cursor(&self, key: &str) -> Result<Option<String>> {
        state::load(self.store.conn(), &key_of(key)?)
    }

    /// Saves where the source under `key` is; `None` forgets it (a subscription removed or
    /// reset, a mailbox whose UIDVALIDITY changed).
    pub fn save_source_cursor(&mut self, key: &str, cursor: Option<&str>) -> Result<()> {
        let key = key_of(key)?;
        if cursor.is_some_and(|c| c.len() > MAX_CURSOR) {
            return Err(Error::new(ErrorCode::InvalidRequest, "a cursor is at most 512 bytes"));
        }
        self.store.write(|tx| match cursor {
            Some(cursor) => state::save(tx, &key, &cursor),
            None => state::delete(tx, &key),
        })
    }
}
