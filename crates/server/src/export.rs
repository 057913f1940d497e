//! Export formats: CSV of the messages and blocks, and a Markdown day summary for a check-in post.

use std::fmt::Write as _;

use chrono::Local;
use lull_core::export::Export;
use lull_core::focus::human_secs;
use lull_core::{Decision, Outcome, Status};

/// One CSV with a `kind` column (`message` or `block`), RFC 4180 quoting.
pub fn csv(data: &Export) -> String {
    let mut out = String::from(
        "kind,id,time,source,sender,title,body,priority,state,decision,ended_at,outcome,intent\n",
    );
    for m in &data.messages {
        let row = [
            "message".to_owned(),
            m.id.to_string(),
            m.received_at.to_rfc3339(),
            m.source.as_str().to_owned(),
            m.sender.clone().or_else(|| m.source_detail.clone()).unwrap_or_default(),
            m.title.clone().unwrap_or_default(),
            m.body.clone(),
            m.priority.to_string(),
            m.state.as_str().to_owned(),
            m.decision.as_str().to_owned(),
            String::new(),
            String::new(),
            String::new(),
        ];
        push_row(&mut out, &row);
    }
    for b in &data.blocks {
        let row = [
            "block".to_owned(),
            b.id.to_string(),
            b.started_at.to_rfc3339(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            b.ended_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            b.outcome.map_or("running", |o| o.as_str()).to_owned(),
            b.intent.clone().unwrap_or_default(),
        ];
        push_row(&mut out, &row);
    }
    out
}

fn push_row(out: &mut String, fields: &[String]) {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            // A leading =, +, - or @ would be a formula in a spreadsheet: quote it as text.
            let f = if f.starts_with(['=', '+', '-', '@']) { format!("'{f}") } else { f.clone() };
            if f.contains([',', '"', '\n', '\r']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f }
        })
        .collect();
    out.push_str(&quoted.join(","));
    out.push('\n');
}

/// A day in Markdown: focus time, blocks, and what came in.
pub fn markdown(data: &Export, status: &Status) -> String {
    let mut out = String::new();
    let day = data.date.map(|d| d.format("%A %-d %B %Y").to_string()).unwrap_or_else(|| "All time".into());
    let _ = writeln!(out, "# {day}\n");
    let focus: i64 = data.blocks.iter().map(|b| b.focused_secs(b.ended_at.unwrap_or(b.deadline))).sum();
    let completed = data.blocks.iter().filter(|b| b.outcome == Some(Outcome::Completed)).count();
    let _ = writeln!(
        out,
        "**Focus:** {} in {} block(s), {completed} completed.\n",
        human_secs(focus),
        data.blocks.len()
    );
    if !data.blocks.is_empty() {
        out.push_str("## Focus blocks\n\n");
        for b in &data.blocks {
            let start = b.started_at.with_timezone(&Local).format("%H:%M");
            let end = b.ended_at.unwrap_or(b.deadline).with_timezone(&Local).format("%H:%M");
            let how = match b.outcome {
                Some(Outcome::Completed) => "completed",
                Some(Outcome::Cancelled) => "stopped early",
                None => "running",
            };
            let intent = b.intent.as_deref().map(escape).unwrap_or_else(|| "(no intent)".into());
            let _ = writeln!(out, "- {start}–{end} {intent} ({how})");
        }
        out.push('\n');
    }
    let held = data.messages.iter().filter(|m| m.decision == Decision::Held).count();
    let broke = data.messages.iter().filter(|m| m.decision == Decision::BrokeThrough).count();
    let _ = writeln!(
        out,
        "## Messages\n\n{} received, {held} held, {broke} broke through; {} held now.\n",
        data.messages.len(),
        status.held
    );
    let pinned: Vec<_> = data.messages.iter().filter(|m| m.pinned).collect();
    if !pinned.is_empty() {
        out.push_str("### Pinned\n\n");
        for m in pinned {
            let what =
                m.title.clone().unwrap_or_else(|| m.body.lines().next().unwrap_or_default().to_owned());
            let _ = writeln!(out, "- {}", escape(&what));
        }
    }
    out
}

/// Markdown that a message cannot break: its text is shown, never interpreted.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|c| !c.is_control()) {
        if "\\`*_{}[]()#+-.!|<>".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
