//! Export formats: CSV of the messages and blocks, and a Markdown day summary for a check-in post.

use std::fmt::Write as _;

use futures_util::StreamExt;

use chrono::Local;
use lull_core::block::human_secs;
use lull_core::export::Export;
use lull_core::{Decision, FocusBlock, Message, Outcome, Status};

/// One CSV with a `kind` column (`message` or `block`), RFC 4180 quoting.
pub fn csv(data: &Export) -> String {
    let mut out = String::from(CSV_HEADER);
    csv_messages(&mut out, &data.messages);
    csv_blocks(&mut out, &data.blocks);
    out
}

pub const CSV_HEADER: &str =
    "kind,id,time,source,sender,title,body,priority,state,decision,ended_at,outcome,intent\n";

/// The CSV rows of `messages`.
pub fn csv_messages(out: &mut String, messages: &[Message]) {
    for m in messages {
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
        push_row(out, &row);
    }
}

/// The CSV rows of `blocks`.
pub fn csv_blocks(out: &mut String, blocks: &[FocusBlock]) {
    for b in blocks {
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
        push_row(out, &row);
    }
}

/// What a spreadsheet may read as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn push_row(out: &mut String, fields: &[String]) {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            // A leading =, +, - or @ would be a formula in a spreadsheet, and a leading tab or
            // carriage return hides one from the eye (OWASP's CSV injection list): mark it as text.
            let f = if f.starts_with(FORMULA_STARTS) { format!("'{f}") } else { f.clone() };
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

/// Messages per page of a streamed export.
const PAGE: usize = 500;

/// Everything, as JSON (the same document as a dated export) or CSV, streamed a page of
/// messages at a time: a years-long inbox is never built in memory. A read that fails part-way
/// ends the stream early, so the client sees a cut-off body rather than a wrong one.
pub async fn stream(
    engine: lull_core::Engine,
    csv: bool,
) -> crate::error::ApiResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let head = engine.export_head(None).await?;
    let (from, to) = (head.from, head.to);
    let opening = if csv {
        CSV_HEADER.to_owned()
    } else {
        // The document's last field is `messages`: write everything before its items.
        let json = serde_json::to_string(&head).map_err(|err| crate::ApiError::internal(err.to_string()))?;
        json.strip_suffix("]}").map(str::to_owned).ok_or_else(|| crate::ApiError::internal("export shape"))?
    };
    let closing = if csv {
        let mut out = String::new();
        csv_blocks(&mut out, &head.blocks);
        out
    } else {
        "]}".to_owned()
    };
    struct Cursor {
        engine: lull_core::Engine,
        after: Option<(chrono::DateTime<chrono::Utc>, lull_core::MessageId)>,
        first: bool,
        done: bool,
    }
    let cursor = Cursor { engine, after: None, first: true, done: false };
    let pages = futures_util::stream::unfold(cursor, move |mut cursor| async move {
        if cursor.done {
            return None;
        }
        let page = match cursor.engine.export_messages(from, to, cursor.after, PAGE).await {
            Ok(page) => page,
            Err(err) => {
                return Some((Err(std::io::Error::other(err.message)), Cursor { done: true, ..cursor }));
            }
        };
        cursor.done = page.len() < PAGE;
        cursor.after = page.last().map(|m| (m.received_at, m.id));
        let mut chunk = String::new();
        if csv {
            csv_messages(&mut chunk, &page);
        } else {
            for message in &page {
                if !cursor.first {
                    chunk.push(',');
                }
                cursor.first = false;
                // A message always serialises (plain data); an empty object would be a bug's trace.
                chunk.push_str(&serde_json::to_string(message).unwrap_or_else(|_| "{}".into()));
            }
        }
        Some((Ok(axum::body::Bytes::from(chunk)), cursor))
    });
    let body = futures_util::stream::once(async move { Ok(axum::body::Bytes::from(opening)) })
        .chain(pages)
        .chain(futures_util::stream::once(async move { Ok(axum::body::Bytes::from(closing)) }));
    let content_type = if csv { "text/csv; charset=utf-8" } else { "application/json" };
    Ok(([(axum::http::header::CONTENT_TYPE, content_type)], axum::body::Body::from_stream(body))
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_marked_as_text() {
        let cells: Vec<String> = ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\r=1", "plain", "a=b", "R&D"]
            .map(str::to_owned)
            .into();
        let mut out = String::new();
        push_row(&mut out, &cells);
        assert_eq!(out, "'=1+1,'+cmd,'-2,'@SUM(A1),'\tx,\"'\r=1\",plain,a=b,R&D\n");
    }
}
