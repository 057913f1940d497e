//! Hooks: the user's commands, run when a block starts or ends and when the mode changes.
//!
//! They run beside the engine, never in it: each in its own task with `sh -c`, the details in
//! `LULL_*` environment variables, in a process group of its own that is killed whole after the
//! time limit (so `sh -c 'sleep 600 &'` leaves nothing behind), at most [`MAX_RUNNING`] at once.
//! A slow or failing hook costs the engine nothing and is only reported on stderr.

#[cfg(feature = "testing")]
#[doc(hidden)]
pub mod testing;

use std::sync::Arc;
use std::time::Duration;

use lull_core::settings::{HOOK_TIMEOUT_SECS, HookEvent};
use lull_core::{Change, Engine, FocusBlock};
use tokio::process::Command;
use tokio::sync::Semaphore;

/// The most hooks running at once; more wait their turn (a burst of mode changes must not fork
/// a shell per change).
pub const MAX_RUNNING: usize = 8;

/// Subscribes now (so that what the engine says at start, such as the end of a block that ran
/// out while Lull was down, is not missed) and runs the matching hooks until the engine stops.
/// Hooks follow the engine, not the API: they run even when the API cannot listen.
pub fn start(engine: &Engine) {
    let changes = engine.subscribe_transitions();
    tokio::spawn(run(engine.clone(), changes));
}

async fn run(engine: Engine, mut changes: tokio::sync::broadcast::Receiver<Change>) {
    let slots = Arc::new(Semaphore::new(MAX_RUNNING));
    loop {
        let Some(change) = lull_core::engine::next_change(&mut changes, "hooks").await else { return };
        let Some((event, vars)) = describe(&change) else { continue };
        let Ok(settings) = engine.settings().await else { return };
        for hook in settings.hooks.into_iter().filter(|h| h.on == event) {
            spawn_hook(&slots, event, hook.command, vars.clone(), Duration::from_secs(HOOK_TIMEOUT_SECS));
        }
    }
}

/// Runs one hook on its own task once one of `slots` is free.
fn spawn_hook(
    slots: &Arc<Semaphore>,
    event: HookEvent,
    command: String,
    vars: Vec<(&'static str, String)>,
    limit: Duration,
) -> tokio::task::JoinHandle<()> {
    let slots = slots.clone();
    tokio::spawn(async move {
        let Ok(_slot) = slots.acquire().await else { return };
        run_one(event, &command, vars, limit).await;
    })
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

async fn run_one(event: HookEvent, command: &str, vars: Vec<(&'static str, String)>, limit: Duration) {
    tracing::debug!("hook for {}: running `{command}`", event.as_str());
    let mut child = match Command::new("sh")
        .arg("-c")
        .arg(command)
        .env("LULL_EVENT", event.as_str())
        .envs(vars)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .process_group(0)
        .spawn()
    {
        Ok(child) => child,
        Err(err) => {
            tracing::warn!("hook for {}: cannot start `{command}`: {err}", event.as_str());
            return;
        }
    };
    match tokio::time::timeout(limit, child.wait()).await {
        Ok(Ok(status)) if status.success() => {}
        Ok(Ok(status)) => tracing::warn!("hook for {} `{command}` failed: {status}", event.as_str()),
        Ok(Err(err)) => tracing::warn!("hook for {} `{command}`: {err}", event.as_str()),
        Err(_) => {
            if let Some(pid) = child.id().and_then(|pid| i32::try_from(pid).ok()) {
                // SAFETY: kill(2) with a negative pid signals the process group the child leads
                // (`process_group(0)` made it the leader); it touches no memory of ours.
                unsafe { libc::kill(-pid, libc::SIGKILL) };
            }
            let _ = child.kill().await;
            tracing::warn!(
                "hook for {} `{command}` ran over {} s and was stopped",
                event.as_str(),
                limit.as_secs()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn at_most_max_running_hooks_run_at_once_and_the_others_wait_their_turn() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (running, log) = (dir.path().join("running"), dir.path().join("counts"));
        std::fs::create_dir(&running).expect("dir");
        // Each hook marks itself running, writes how many are, waits a little, and unmarks.
        let command = format!(
            "mkdir '{r}/'$$; ls '{r}' | wc -l >> '{l}'; sleep 0.3; rmdir '{r}/'$$",
            r = running.display(),
            l = log.display()
        );
        let slots = Arc::new(Semaphore::new(MAX_RUNNING));
        let hooks: Vec<_> = (0..3 * MAX_RUNNING)
            .map(|_| {
                spawn_hook(
                    &slots,
                    HookEvent::ModeChange,
                    command.clone(),
                    Vec::new(),
                    Duration::from_secs(30),
                )
            })
            .collect();
        for hook in hooks {
            hook.await.expect("the hook's task ends");
        }
        let counts: Vec<usize> = std::fs::read_to_string(&log)
            .expect("the hooks wrote")
            .lines()
            .map(|l| l.trim().parse().expect("a count"))
            .collect();
        assert_eq!(counts.len(), 3 * MAX_RUNNING, "every hook ran once");
        let most = counts.iter().copied().max().unwrap_or(0);
        assert!(most <= MAX_RUNNING, "at most {MAX_RUNNING} at once, saw {most}: {counts:?}");
    }

    #[tokio::test]
    async fn a_hook_over_its_time_is_killed_with_everything_it_started() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pid_file = dir.path().join("child.pid");
        // The shell starts a grandchild in the background and waits: killing the shell alone
        // would leave the sleep running for five minutes.
        let command = format!("sleep 300 & echo $! > '{}'; wait", pid_file.display());
        run_one(HookEvent::FocusStart, &command, Vec::new(), Duration::from_millis(500)).await;
        let pid: i32 = std::fs::read_to_string(&pid_file)
            .expect("the hook wrote its child's pid")
            .trim()
            .parse()
            .expect("a pid");
        let gone = (0..50).any(|_| {
            std::thread::sleep(Duration::from_millis(20));
            // A killed child of a dead shell is reaped by init; until then it is a zombie.
            std::fs::read_to_string(format!("/proc/{pid}/stat")).map_or(true, |stat| stat.contains(") Z "))
        });
        assert!(gone, "the background sleep {pid} was killed with its hook's process group");
    }
}
