//! Breakthrough rules: which messages may interrupt a focus block or quiet hours.
//!
//! Rules are tried in order and the first one that matches decides, so a rule that lets nothing
//! through placed early shadows broader rules after it. Conditions within a rule must all hold.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};
use crate::message::{NewMessage, Source};

pub const MAX_RULES: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct BreakthroughRule {
    #[serde(default)]
    pub source: Option<Source>,
    /// Matches the sender, ignoring case.
    #[serde(default)]
    pub sender: Option<String>,
    /// Matches the source detail (app name, topic, account), ignoring case.
    #[serde(default)]
    pub app: Option<String>,
    #[serde(default)]
    pub min_priority: Option<u8>,
    /// Found in the title or the body, ignoring case.
    #[serde(default)]
    pub keyword: Option<String>,
    /// One of the message's tags, ignoring case.
    #[serde(default)]
    pub tag: Option<String>,
    /// Whether a match breaks through a focus block.
    pub focus: bool,
    /// Whether a match breaks through quiet hours.
    pub quiet: bool,
}

impl BreakthroughRule {
    /// The default rule: priority 5 breaks through focus, not quiet hours.
    pub fn urgent() -> Self {
        Self {
            source: None,
            sender: None,
            app: None,
            min_priority: Some(5),
            keyword: None,
            tag: None,
            focus: true,
            quiet: false,
        }
    }

    /// The rule's conditions as a person reads them: "priority 5", "from Alice and tagged
    /// “prod”". What the inbox says about a message this rule let through.
    pub fn describe(&self) -> String {
        let quoted = |s: &str| format!("\u{201c}{s}\u{201d}");
        let mut parts = Vec::new();
        if let Some(source) = self.source {
            parts.push(format!("sent by {}", source.as_str()));
        }
        if let Some(sender) = &self.sender {
            parts.push(format!("from {sender}"));
        }
        if let Some(app) = &self.app {
            parts.push(format!("from {}", quoted(app)));
        }
        match self.min_priority {
            Some(5) => parts.push("priority 5".into()),
            Some(p) => parts.push(format!("priority {p} or higher")),
            None => {}
        }
        if let Some(keyword) = &self.keyword {
            parts.push(format!("mentions {}", quoted(keyword)));
        }
        if let Some(tag) = &self.tag {
            parts.push(format!("tagged {}", quoted(tag)));
        }
        parts.join(" and ")
    }

    pub fn matches(&self, message: &NewMessage) -> bool {
        let eq = |want: &Option<String>, have: &Option<String>| match want {
            None => true,
            Some(want) => have.as_deref().is_some_and(|have| have.to_lowercase() == want.to_lowercase()),
        };
        self.source.is_none_or(|source| source == message.source())
            && eq(&self.sender, &message.sender)
            && eq(&self.app, &message.source_detail)
            && self.min_priority.is_none_or(|min| message.priority() >= min)
            && self.keyword.as_ref().is_none_or(|keyword| {
                let keyword = keyword.to_lowercase();
                message.title.as_ref().is_some_and(|t| t.to_lowercase().contains(&keyword))
                    || message.body.to_lowercase().contains(&keyword)
            })
            && self
                .tag
                .as_ref()
                .is_none_or(|tag| message.tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()))
    }

    fn validate(mut self, index: usize) -> Result<Self> {
        let n = index + 1;
        let trim = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        self.sender = trim(self.sender);
        self.app = trim(self.app);
        self.keyword = trim(self.keyword);
        self.tag = trim(self.tag);
        if let Some(p) = self.min_priority
            && !(1..=5).contains(&p)
        {
            return Err(invalid(format!("rule {n}: the minimum priority is 1 to 5 (got {p})")));
        }
        let conditions = [
            self.source.is_some(),
            self.sender.is_some(),
            self.app.is_some(),
            self.min_priority.is_some(),
            self.keyword.is_some(),
            self.tag.is_some(),
        ];
        if !conditions.contains(&true) {
            return Err(invalid(format!("rule {n} has no condition: it would match every message")));
        }
        for text in [&self.sender, &self.app, &self.keyword, &self.tag].into_iter().flatten() {
            if text.chars().count() > 256 {
                return Err(invalid(format!("rule {n}: conditions are at most 256 characters")));
            }
        }
        Ok(self)
    }
}

/// Validates a whole list of rules.
pub fn validate_rules(rules: Vec<BreakthroughRule>) -> Result<Vec<BreakthroughRule>> {
    if rules.len() > MAX_RULES {
        return Err(invalid(format!("at most {MAX_RULES} rules")));
    }
    rules
        .into_iter()
        .enumerate()
        .map(|(i, rule)| rule.validate(i).map_err(|err| err.in_field(format!("rules[{i}]"))))
        .collect()
}

/// The first rule that matches `message`, if any.
pub fn first_match<'r>(rules: &'r [BreakthroughRule], message: &NewMessage) -> Option<&'r BreakthroughRule> {
    rules.iter().find(|rule| rule.matches(message))
}

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::InvalidRule, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(priority: u8) -> NewMessage {
        NewMessage { priority: Some(priority), ..NewMessage::new(Source::Api, "build failed") }
    }

    #[test]
    fn a_rule_describes_its_conditions_as_a_person_reads_them() {
        assert_eq!(BreakthroughRule::urgent().describe(), "priority 5");
        let rule = BreakthroughRule {
            sender: Some("Alice".into()),
            tag: Some("prod".into()),
            min_priority: Some(4),
            ..BreakthroughRule::urgent()
        };
        assert_eq!(rule.describe(), "from Alice and priority 4 or higher and tagged \u{201c}prod\u{201d}");
    }

    #[test]
    fn the_default_rule_matches_priority_five_only() {
        assert!(BreakthroughRule::urgent().matches(&message(5)));
        assert!(!BreakthroughRule::urgent().matches(&message(4)));
    }

    #[test]
    fn every_condition_of_a_rule_must_hold_and_case_is_ignored() {
        let rule = BreakthroughRule {
            sender: Some("alice".into()),
            keyword: Some("LUNCH".into()),
            ..BreakthroughRule { focus: true, quiet: false, ..BreakthroughRule::urgent() }
        };
        let rule = BreakthroughRule { min_priority: None, ..rule };
        let mut m = NewMessage::new(Source::Desktop, "lunch at noon?");
        assert!(!rule.matches(&m), "no sender");
        m.sender = Some("Alice".into());
        assert!(rule.matches(&m));
        m.body = "dinner?".into();
        assert!(!rule.matches(&m), "keyword missing");
    }

    #[test]
    fn a_rule_without_conditions_or_with_a_bad_priority_is_refused() {
        let empty = BreakthroughRule { min_priority: None, ..BreakthroughRule::urgent() };
        assert_eq!(validate_rules(vec![empty]).expect_err("refused").code, ErrorCode::InvalidRule);
        let bad = BreakthroughRule { min_priority: Some(6), ..BreakthroughRule::urgent() };
        assert_eq!(validate_rules(vec![bad]).expect_err("refused").code, ErrorCode::InvalidRule);
    }
}
