//! Hooks: the user's commands, run when a block starts or ends and when the mode changes.
//!
//! They run beside the engine, never in it: each in its own task with `sh -c`, the details in
//! `LULL_*` environment variables, killed after the time limit. A slow or failing hook costs the
//! engine nothing and is only reported on stderr.

#[cfg(feature = "testing")]
#[doc(hidden)]
pub mod testing;

use std::time::Duration;

use lull_core::settings::{HOOK_TIMEOUT_SECS, HookEvent};
use lull_core::{Change, Engine, FocusBlock};
use tokio::process::Command;

/// Subscribes now (so that what the engine says at start, such as the end of a block that ran
/// out while Lull was down, is not missed) and runs the matching hooks until the engine stops.
/// Hooks follow the engine, not the API: they run even when the API cannot listen.
pub fn start(engine: &Engine) {
    let changes = engine.subscribe_transitions();
    tokio::spawn(run(engine.clone(), changes));
}

async fn run(engine: Engine, mut changes: tokio::sync::broadcast::Receiver<Change>) {
    loop {
        let Some(change) = lull_core::engine::next_change(&mut changes, "hooks").await else { return };
        let Some((event, vars)) = describe(&change) else { continue };
        let Ok(settings) = engine.settings().await else { return };
        for hook in settings.hooks.into_iter().filter(|h| h.on == event) {
            let vars = vars.clone();
            tokio::spawn(async move { run_one(event, &hook.command, vars).await });
        }
    }
}

/// The event a change is for, and its details as environment variables.
fn describe(change: &Change) -> Option<(HookEvent, Vec<(&'static str, String)>)> {
    let block_vars = |block: &FocusBlock| {
        vec![
            ("LULL_BLOCK_ID", block.id.to_string()),
            ("LULL_INTENT", block.intent.clone().unwrap_or_default()),
            ("LULL_STARTED_AT", block.started_at.to_rfc3339()),
            ("LULL_DEADLINE", block.deadline.to_rfc3339()),
            ("LULL_PLANNED_SECS", block.planned_secs.to_string()),
        ]
    };
    match change {
        Change::Started { block } => Some((HookEvent::FocusStart, block_vars(block))),
        Change::Ended { block, .. } => {
            let mut vars = block_vars(block);
            let outcome = block.outcome.map(|o| o.as_str().to_owned()).unwrap_or_default();
            vars.push(("LULL_OUTCOME", outcome));
            vars.push(("LULL_ENDED_AT", block.ended_at.map(|t| t.to_rfc3339()).unwrap_or_default()));
            Some((HookEvent::FocusEnd, vars))
        }
        Change::ModeChanged { from, to } => Some((
            HookEvent::ModeChange,
            vec![("LULL_FROM", mode_name(*from)), ("LULL_TO", mode_name(*to)), ("LULL_MODE", mode_name(*to))],
        )),
        _ => None,
    }
}

fn mode_name(mode: lull_core::Mode) -> String {
    format!("{mode:?}").to_lowercase()
}

async fn run_one(event: HookEvent, command: &str, vars: Vec<(&'static str, String)>) {
    tracing::debug!("hook for {}: running `{command}`", event.as_str());
    let mut child = match Command::new("sh")
        .arg("-c")
        .arg(command)
        .env("LULL_EVENT", event.as_str())
        .envs(vars)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
    {
        Ok(child) => child,
        Err(err) => {
            tracing::warn!("hook for {}: cannot start `{command}`: {err}", event.as_str());
            return;
        }
    };
    match tokio::time::timeout(Duration::from_secs(HOOK_TIMEOUT_SECS), child.wait()).await {
        Ok(Ok(status)) if status.success() => {}
        Ok(Ok(status)) => tracing::warn!("hook for {} `{command}` failed: {status}", event.as_str()),
        Ok(Err(err)) => tracing::warn!("hook for {} `{command}`: {err}", event.as_str()),
        Err(_) => {
            let _ = child.kill().await;
            tracing::warn!(
                "hook for {} `{command}` ran over {HOOK_TIMEOUT_SECS} s and was stopped",
                event.as_str()
            );
        }
    }
}
