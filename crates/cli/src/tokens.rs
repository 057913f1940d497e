//! `lull token new|list|revoke`: the publish tokens, through the running instance's API or,
//! when none runs, through the core itself ([`crate::local`]).

use std::path::Path;

use chrono::{DateTime, Utc};
use lull_core::request::{NewToken, TokenName};
use lull_core::token::publish::{CreatedToken, PublishToken};
use serde_json::json;

use crate::client::{CliError, Result, refusal_line};
use crate::local::{Owner, open, owner, with_instance};
use crate::output::{Zone, clock};
use crate::{print_json, say};

pub fn create(data_dir: &Path, request: NewToken, json: bool) -> Result<()> {
    let created: CreatedToken = match owner(data_dir)? {
        Owner::Running { .. } => with_instance(data_dir, |client| client.post("/v1/tokens", &request))?,
        Owner::Nobody(_claim) => open(data_dir)?.create_token(request.clone()).map_err(refused)?,
    };
    if json {
        return print_json(&serde_json::to_value(&created).map_err(|err| CliError::Io(err.to_string()))?);
    }
    // The secret alone on stdout (`lull token new CI > ci.token`), the advice on stderr.
    eprintln!(
        "Publish token {:?} made. It is shown only now: give it to the tool (Bearer, ntfy's password \
         or ?token=, X-Gotify-Key). `lull token revoke {}` stops it.",
        created.token.name, created.token.name
    );
    say(&created.secret)
}

pub fn list<Z: Zone>(data_dir: &Path, json: bool, now: DateTime<Utc>, zone: &Z) -> Result<()> {
    let tokens: Vec<PublishToken> = match owner(data_dir)? {
        Owner::Running { .. } => with_instance(data_dir, |client| client.get("/v1/tokens", &json!({})))?,
        Owner::Nobody(_claim) => open(data_dir)?.tokens().map_err(refused)?,
    };
    if json {
        return print_json(&serde_json::to_value(&tokens).map_err(|err| CliError::Io(err.to_string()))?);
    }
    if tokens.is_empty() {
        return say("No publish tokens yet: `lull token new NAME` makes one.");
    }
    for token in &tokens {
        say(&line(token, now, zone))?;
    }
    Ok(())
}

pub fn revoke(data_dir: &Path, name: String) -> Result<()> {
    let request = TokenName { name };
    let token: PublishToken = match owner(data_dir)? {
        Owner::Running { .. } => {
            with_instance(data_dir, |client| client.post("/v1/tokens/revoke", &request))?
        }
        Owner::Nobody(_claim) => open(data_dir)?.revoke_token(request.clone()).map_err(refused)?,
    };
    say(&format!("Revoked {:?}: it is refused from now on; its messages stay.", token.name))
}

/// One token as a line: its name, what it may do, and since when.
fn line<Z: Zone>(token: &PublishToken, now: DateTime<Utc>, zone: &Z) -> String {
    let topics = match token.topics.as_slice() {
        [] => "any topic".to_owned(),
        topics => format!("topics {}", topics.join(", ")),
    };
    let priority = token.max_priority.map(|p| format!(", priority ≤ {p}")).unwrap_or_default();
    let state = match token.revoked_at {
        Some(at) => format!("revoked {}", clock(at, now, zone)),
        None => format!("made {}", clock(token.created_at, now, zone)),
    };
    format!("{}\t{topics}{priority}\t{state}", token.name)
}

fn refused(err: lull_core::Error) -> CliError {
    CliError::Io(refusal_line(&err.message, err.field.as_deref()))
}

#[cfg(test)]
mod tests {
    use chrono::FixedOffset;

    use super::*;

    #[test]
    fn a_token_line_says_what_it_may_do_and_since_when() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().expect("an instant");
        let zone = FixedOffset::east_opt(3600).expect("an offset");
        let mut token = PublishToken {
            id: 1,
            name: "backup".into(),
            topics: vec!["backups*".into(), "nas".into()],
            max_priority: Some(3),
            created_at: at("2026-11-24T08:00:00Z"),
            revoked_at: None,
        };
        let now = at("2026-11-24T12:00:00Z");
        assert_eq!(line(&token, now, &zone), "backup\ttopics backups*, nas, priority ≤ 3\tmade 09:00");
        token.topics.clear();
        token.max_priority = None;
        token.revoked_at = Some(at("2026-11-24T11:30:00Z"));
        assert_eq!(line(&token, now, &zone), "backup\tany topic\trevoked 12:30");
    }
}
