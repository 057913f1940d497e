//! Publish tokens: one per tool or service the user lets send messages ("CI", "backup"), named,
//! revocable, and able to do nothing but publish.
//!
//! The one decision a newcomer must know: the database keeps only a token's SHA-256, never the
//! token. The secret is shown once, when it is made (as GitHub and ntfy do with theirs), so a
//! copy of the database, a backup or an export does not let anyone publish. Tokens are 32
//! random bytes, so a plain hash cannot be reversed by guessing.
//!
//! A token may be narrowed to ntfy topics (`backups`, `ci-*`) and to a highest priority, so a
//! chatty tool cannot mark everything urgent to break through a block.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};

/// Every publish token starts with this, so that it is told apart from the control token at a
/// glance and secret scanners can find one pasted where it should not be.
pub const PREFIX: &str = "lullp_";

/// The most topic patterns on one token.
pub const MAX_TOPICS: usize = 32;

/// The longest token name.
pub const MAX_NAME: usize = 64;

/// A publish token as Lull keeps it: everything but the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PublishToken {
    pub id: i64,
    /// What the user called it ("CI"); unique among the tokens not revoked.
    pub name: String,
    /// ntfy topic patterns it may publish to (`*` matches any run of characters); empty: any
    /// topic, and Lull's own and Gotify's endpoints too.
    pub topics: Vec<String>,
    /// The highest priority (1–5) its messages keep; a higher one is lowered to it.
    pub max_priority: Option<u8>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A token just made: the only time its secret is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CreatedToken {
    pub token: PublishToken,
    /// `lullp_` and 64 hex digits. Not stored: copy it now.
    pub secret: String,
}

impl PublishToken {
    /// Whether this token may publish to the ntfy topic `topic`.
    pub fn allows_topic(&self, topic: &str) -> bool {
        self.topics.is_empty() || self.topics.iter().any(|pattern| glob_matches(pattern, topic))
    }

    /// Whether this token may publish where there is no topic (`POST /v1/messages`, Gotify's
    /// `POST /message`): only when it is not narrowed to topics.
    pub fn allows_untopiced(&self) -> bool {
        self.topics.is_empty()
    }

    /// `priority` as this token may send it.
    pub fn cap_priority(&self, priority: Option<u8>) -> Option<u8> {
        match (priority, self.max_priority) {
            (Some(p), Some(max)) => Some(p.min(max)),
            (None, Some(max)) if max < 3 => Some(max), // the default, 3, is over the cap too
            (p, _) => p,
        }
    }
}

/// Checks and normalises what the user asked for; the name is trimmed.
pub fn validate(name: &str, topics: &[String], max_priority: Option<u8>) -> Result<(String, Vec<String>)> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(Error::new(
            ErrorCode::InvalidToken,
            format!("a token's name is 1 to {MAX_NAME} characters, without control characters"),
        )
        .in_field("name"));
    }
    if topics.len() > MAX_TOPICS {
        return Err(
            Error::new(ErrorCode::InvalidToken, format!("at most {MAX_TOPICS} topics")).in_field("topics")
        );
    }
    let mut patterns = Vec::with_capacity(topics.len());
    for (i, topic) in topics.iter().enumerate() {
        let topic = topic.trim();
        let valid = (1..=64).contains(&topic.len())
            && topic.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'*'));
        if !valid {
            return Err(Error::new(
                ErrorCode::InvalidToken,
                format!(
                    "{topic:?} is not a topic pattern: 1 to 64 of A–Z, a–z, 0–9, '-' and '_', with '*' for any run of them"
                ),
            )
            .in_field(format!("topics[{i}]")));
        }
        if !patterns.iter().any(|p| p == topic) {
            patterns.push(topic.to_owned());
        }
    }
    if let Some(p) = max_priority
        && !(1..=5).contains(&p)
    {
        return Err(
            Error::new(ErrorCode::InvalidToken, "the highest priority is 1 to 5").in_field("max_priority")
        );
    }
    Ok((name.to_owned(), patterns))
}

/// A fresh secret and the hash to store for it.
pub fn generate() -> Result<(String, [u8; 32])> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|err| Error::new(ErrorCode::Internal, format!("no randomness: {err}")))?;
    let secret: String =
        std::iter::once(PREFIX.to_owned()).chain(bytes.iter().map(|b| format!("{b:02x}"))).collect();
    let hash = hash(&secret);
    Ok((secret, hash))
}

/// What the database keeps of a secret.
pub fn hash(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

/// The tokens that work now, by hash: what the API checks a request's credential against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grants {
    by_hash: HashMap<[u8; 32], PublishToken>,
}

impl Grants {
    pub fn new(active: impl IntoIterator<Item = ([u8; 32], PublishToken)>) -> Self {
        Self { by_hash: active.into_iter().collect() }
    }

    /// The token `secret` is, if it is one that works. A lookup by hash: how long it takes
    /// does not depend on how much of a secret is right.
    pub fn find(&self, secret: &str) -> Option<&PublishToken> {
        if !secret.starts_with(PREFIX) {
            return None;
        }
        self.by_hash.get(&hash(secret))
    }

    pub fn len(&self) -> usize {
        self.by_hash.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_hash.is_empty()
    }
}

/// `*` matches any run of characters (none included); everything else matches itself.
fn glob_matches(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    // The classic two-pointer match with one backtrack point: linear in practice, no recursion.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&b| b == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(topics: &[&str], max_priority: Option<u8>) -> PublishToken {
        PublishToken {
            id: 1,
            name: "CI".into(),
            topics: topics.iter().map(|t| (*t).to_owned()).collect(),
            max_priority,
            created_at: DateTime::UNIX_EPOCH,
            revoked_at: None,
        }
    }

    #[test]
    fn topic_patterns_match_whole_names_with_stars_for_any_run() {
        let t = token(&["backups", "ci-*"], None);
        assert!(t.allows_topic("backups"));
        assert!(!t.allows_topic("backups2"), "a pattern without a star is the whole name");
        assert!(t.allows_topic("ci-"), "a star matches nothing too");
        assert!(t.allows_topic("ci-main-nightly"));
        assert!(!t.allows_topic("myci-main"));
        assert!(!t.allows_untopiced(), "a token narrowed to topics cannot publish without one");
        assert!(token(&[], None).allows_topic("anything"));
        assert!(glob_matches("*a*b*", "xxaxxbxx"));
        assert!(!glob_matches("*a*b", "xxaxxbxx"));
        assert!(glob_matches("**", ""));
    }

    #[test]
    fn the_priority_cap_lowers_and_never_raises() {
        let t = token(&[], Some(3));
        assert_eq!(t.cap_priority(Some(5)), Some(3));
        assert_eq!(t.cap_priority(Some(2)), Some(2));
        assert_eq!(t.cap_priority(None), None, "the default (3) is within the cap");
        assert_eq!(token(&[], Some(2)).cap_priority(None), Some(2), "the default is over a cap of 2");
        assert_eq!(token(&[], None).cap_priority(Some(5)), Some(5));
    }

    #[test]
    fn names_topics_and_priorities_are_checked_and_normalised() {
        let (name, topics) = validate("  CI  ", &["ci-*".into(), "ci-*".into()], Some(4)).expect("valid");
        assert_eq!((name.as_str(), topics), ("CI", vec!["ci-*".to_owned()]), "trimmed, duplicates once");
        for (name, topics, max, field) in [
            ("", vec![], None, "name"),
            ("a\u{7}b", vec![], None, "name"),
            (&*"x".repeat(65), vec![], None, "name"),
            ("CI", vec!["a/b".to_owned()], None, "topics[0]"),
            ("CI", vec!["ok".to_owned(), String::new()], None, "topics[1]"),
            ("CI", vec![], Some(0), "max_priority"),
            ("CI", vec![], Some(6), "max_priority"),
        ] {
            let err = validate(name, &topics, max).expect_err("refused");
            assert_eq!(
                (err.code, err.field.as_deref()),
                (ErrorCode::InvalidToken, Some(field)),
                "{name:?} {topics:?}"
            );
        }
    }

    #[test]
    fn a_secret_is_found_by_its_hash_and_nothing_else_is() {
        let (secret, hash) = generate().expect("random");
        assert!(secret.starts_with(PREFIX) && secret.len() == PREFIX.len() + 64, "{secret}");
        let grants = Grants::new([(hash, token(&[], None))]);
        assert_eq!(grants.find(&secret).map(|t| t.name.as_str()), Some("CI"));
        assert!(grants.find(&secret[..secret.len() - 1]).is_none());
        assert!(grants.find(&secret.to_uppercase()).is_none());
        assert!(grants.find("").is_none());
        let (other, _) = generate().expect("random");
        assert_ne!(secret, other, "each secret is new");
    }
}
