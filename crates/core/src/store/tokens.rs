//! The publish_tokens table: a row per token ever made, revoked ones kept (their messages still
//! say which token sent them). Only a token's hash is stored (see `token::publish`).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{from_millis, millis};
use crate::error::Result;
use crate::token::publish::PublishToken;

const COLUMNS: &str = "id, name, topics, max_priority, created_at, revoked_at";

pub(crate) fn insert(
    conn: &Connection,
    name: &str,
    hash: &[u8; 32],
    topics: &[String],
    max_priority: Option<u8>,
    at: DateTime<Utc>,
) -> Result<i64> {
    // A list of strings always serialises.
    let topics = serde_json::to_string(topics).unwrap_or_else(|_| "[]".to_owned());
    conn.execute(
        "INSERT INTO publish_tokens (name, hash, topics, max_priority, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, &hash[..], topics, max_priority, millis(at)],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The token not revoked that is called `name`.
pub(crate) fn active_named(conn: &Connection, name: &str) -> Result<Option<PublishToken>> {
    let sql = format!("SELECT {COLUMNS} FROM publish_tokens WHERE name = ?1 AND revoked_at IS NULL");
    Ok(conn.prepare_cached(&sql)?.query_row([name], from_row).optional()?)
}

pub(crate) fn by_id(conn: &Connection, id: i64) -> Result<Option<PublishToken>> {
    let sql = format!("SELECT {COLUMNS} FROM publish_tokens WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], from_row).optional()?)
}

/// Every token, the working ones first, then newest first.
pub(crate) fn list(conn: &Connection) -> Result<Vec<PublishToken>> {
    let sql = format!("SELECT {COLUMNS} FROM publish_tokens ORDER BY revoked_at IS NOT NULL, id DESC");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The working tokens with their hashes.
pub(crate) fn active_with_hashes(conn: &Connection) -> Result<Vec<([u8; 32], PublishToken)>> {
    let sql = format!("SELECT {COLUMNS}, hash FROM publish_tokens WHERE revoked_at IS NULL");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], |row| {
        let hash: Vec<u8> = row.get(6)?;
        // The table's CHECK keeps every hash 32 bytes long.
        let hash: [u8; 32] = hash.try_into().unwrap_or([0; 32]);
        Ok((hash, from_row(row)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn revoke(conn: &Connection, id: i64, at: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE publish_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
        params![id, millis(at)],
    )?;
    Ok(())
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<PublishToken> {
    let topics: String = row.get(2)?;
    Ok(PublishToken {
        id: row.get(0)?,
        name: row.get(1)?,
        // Only this module writes the column, always a JSON list of strings.
        topics: serde_json::from_str(&topics).unwrap_or_default(),
        max_priority: row.get(3)?,
        created_at: from_millis(row.get(4)?),
        revoked_at: row.get::<_, Option<i64>>(5)?.map(from_millis),
    })
}
