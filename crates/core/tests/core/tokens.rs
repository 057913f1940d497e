//! Publish tokens in the core: made, found by their secret, revoked, kept across a restart with
//! only their hash stored; and their parsing fuzzed (names, topic patterns, secrets).

use lull_core::request::{NewToken, TokenName};
use lull_core::token::publish::{self, PublishToken};
use lull_core::{Change, ErrorCode};
use proptest::prelude::*;

use crate::support::Fixture;

fn new_token(name: &str) -> NewToken {
    NewToken { name: name.into(), ..NewToken::default() }
}

#[test]
fn a_token_is_made_found_by_its_secret_and_revoked_and_only_its_hash_is_stored() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let created =
        lull.create_token(NewToken { topics: vec!["ci-*".into()], ..new_token("CI") }).expect("made");
    assert_eq!(created.token.name, "CI");
    assert_eq!(created.token.created_at, fx.clock_now());
    let changes = lull.take_changes();
    assert_eq!(
        changes,
        vec![Change::TokensChanged { tokens: vec![created.token.clone()] }],
        "listeners hear of it"
    );
    assert_eq!(lull.grants().expect("grants").find(&created.secret), Some(&created.token));

    drop(lull);
    let bytes = std::fs::read(fx.db()).expect("the database file");
    let wal = std::fs::read(fx.db().with_extension("sqlite3-wal")).unwrap_or_default();
    let needle = created.secret.as_bytes();
    for (what, file) in [("database", &bytes), ("WAL", &wal)] {
        assert!(!file.windows(needle.len()).any(|w| w == needle), "the secret is nowhere in the {what}");
    }

    let mut lull = fx.lull();
    assert!(lull.grants().expect("grants").find(&created.secret).is_some(), "it still works after a restart");
    let revoked = lull.revoke_token(TokenName { name: "CI".into() }).expect("revoked");
    assert_eq!(revoked.revoked_at, Some(fx.clock_now()));
    assert!(lull.grants().expect("grants").is_empty(), "a revoked token is not granted");
    assert_eq!(lull.tokens().expect("list"), vec![revoked], "it stays in the list, revoked");
}

#[test]
fn names_are_unique_among_working_tokens_only() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    lull.create_token(new_token("backup")).expect("made");
    let err = lull.create_token(new_token("backup")).expect_err("taken");
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::TokenNameTaken, Some("name")));
    lull.revoke_token(TokenName { name: "backup".into() }).expect("revoked");
    lull.create_token(new_token("backup")).expect("the name is free again");
    let err = lull.revoke_token(TokenName { name: "nope".into() }).expect_err("unknown");
    assert_eq!(err.code, ErrorCode::UnknownToken);
    let names: Vec<(String, bool)> =
        lull.tokens().expect("list").into_iter().map(|t| (t.name, t.revoked_at.is_none())).collect();
    assert_eq!(names, [("backup".to_owned(), true), ("backup".to_owned(), false)], "working first");
}

/// The reference: `*` is any run, compared by brute force over every split.
fn reference_match(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => (0..=text.len()).any(|i| reference_match(rest, &text[i..])),
        Some((c, rest)) => text.first() == Some(c) && reference_match(rest, &text[1..]),
    }
}

fn scoped(topics: Vec<String>) -> PublishToken {
    PublishToken {
        id: 1,
        name: "t".into(),
        topics,
        max_priority: None,
        created_at: chrono::DateTime::UNIX_EPOCH,
        revoked_at: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn topic_patterns_match_exactly_as_the_reference_does(pattern in "[ab*]{1,8}", topic in "[ab]{0,10}") {
        let token = scoped(vec![pattern.clone()]);
        prop_assert_eq!(token.allows_topic(&topic), reference_match(pattern.as_bytes(), topic.as_bytes()), "{} vs {}", pattern, topic);
    }

    #[test]
    fn any_name_and_topics_are_judged_without_panicking(name in any::<String>(), topics in proptest::collection::vec(any::<String>(), 0..40), max in any::<Option<u8>>()) {
        match publish::validate(&name, &topics, max) {
            Ok((name, patterns)) => {
                prop_assert!(!name.is_empty() && name.chars().count() <= publish::MAX_NAME && !name.chars().any(char::is_control));
                prop_assert!(patterns.len() <= publish::MAX_TOPICS);
                prop_assert!(patterns.iter().all(|p| p.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_*".contains(&b))));
            }
            Err(err) => prop_assert_eq!(err.code, ErrorCode::InvalidToken),
        }
    }

    #[test]
    fn no_string_but_the_secret_itself_finds_a_token(guess in any::<String>(), suffix in "[0-9a-f]{64}") {
        let (secret, hash) = publish::generate().expect("random");
        let grants = publish::Grants::new([(hash, scoped(Vec::new()))]);
        prop_assert!(grants.find(&secret).is_some());
        prop_assert!(grants.find(&guess).is_none());
        let lookalike = format!("{}{suffix}", publish::PREFIX);
        prop_assert_eq!(grants.find(&lookalike).is_some(), lookalike == secret);
    }
}
