//! Lull's one start-up order, which the desktop app and `lull serve` both follow:
//!
//! 1. [`open`]: claim the data directory (one instance per profile), open the core, build the
//!    engine (not yet running);
//! 2. [`Opened::start`]: start the followers (the desktop bus: notifications, do-not-disturb and
//!    presence; the message sources; the hooks; `focus.ics`), each subscribed *before* the engine's task runs, so none
//!    misses what it says at start (a digest owed since a crash, a block that ended while Lull was
//!    down); then the engine's task on its own thread;
//! 3. [`Started::serve_api`]: the local HTTP API. Nothing before it depends on it: with the port
//!    taken, blocks, notifications, capture and hooks still work (the desktop app says the API
//!    is off; `lull serve`, which is nothing but the API, stops).
//!
//! Each step takes what the one before returned, so the order cannot be got wrong.

pub mod focus_ics;
pub mod logging;

use std::collections::BTreeMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

use lull_bus::{Dnd, DndStatus, Opener};
use lull_core::instance::Ask;
use lull_core::report::{SecretsReport, SubscriptionStatus};
use lull_core::{DesktopReport, Engine, ErrorBody, ErrorCode, Lull, Settings, SystemClock, instance, paths};
use lull_secrets::Secrets;
use lull_sources::SourceStatus;
use lull_sources::Statuses;
use lull_sources::calendar::Calendars;
use lull_sources::gotify::Gotify;
use lull_sources::imap::Imap;
use lull_sources::ntfy::Ntfy;

/// Why Lull did not start, as a sentence for the user.
#[derive(Debug, thiserror::Error)]
pub enum BootError {
    #[error("cannot use the data directory {}: {source}", dir.display())]
    DataDir { dir: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Database(lull_core::Error),
    #[error("cannot start the engine: {0}")]
    Engine(lull_core::Error),
    #[error("cannot start the engine's thread: {0}")]
    Thread(std::io::Error),
    #[error("Lull is already running for {} (the desktop app or another `lull serve`)", dir.display())]
    AlreadyRunning { dir: PathBuf },
    #[error("cannot start the runtime: {0}")]
    Runtime(std::io::Error),
    #[error(transparent)]
    Api(#[from] lull_api::StartError),
}

/// The engine's task, built but not yet running.
type Task = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Step 1 done: the data directory is ours and the core is open.
pub struct Opened {
    pub guard: instance::Guard,
    pub engine: Engine,
    data_dir: PathBuf,
    task: Task,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened").field("data_dir", &self.data_dir).finish_non_exhaustive()
    }
}

/// What [`open`] found.
#[derive(Debug)]
pub enum Claimed {
    First(Opened),
    /// Another instance runs for this data directory; `socket` reaches it
    /// ([`instance::ask_to_show`]).
    Second {
        socket: PathBuf,
    },
}

/// Step 1: claims `data_dir` and opens the core on the system clock.
pub fn open(data_dir: &Path) -> Result<Claimed, BootError> {
    let guard = match instance::claim(data_dir) {
        Ok(instance::Claim::First(guard)) => guard,
        Ok(instance::Claim::Second { socket }) => return Ok(Claimed::Second { socket }),
        Err(source) => return Err(BootError::DataDir { dir: data_dir.to_owned(), source }),
    };
    let database = paths::database(data_dir);
    // A database this start creates is a first run: Lull holds nothing and leaves the desktop
    // alone until the user has finished (or skipped) the first-run flow.
    let fresh = !database.exists();
    let (mut lull, pending) = Lull::open(&database, Arc::new(SystemClock)).map_err(BootError::Database)?;
    if fresh {
        lull.begin_first_run().map_err(BootError::Database)?;
    }
    let (engine, task) = Engine::new(lull, pending).map_err(BootError::Engine)?;
    Ok(Claimed::First(Opened { guard, engine, data_dir: data_dir.to_owned(), task: Box::pin(task) }))
}

impl Opened {
    /// Step 2: the followers, then the engine's task. Call it on the tokio runtime the followers
    /// are to run on. `opener` opens a view of the window from a notification's *Open* action
    /// (the desktop app has one; `lull serve` has none).
    pub fn start(self, opener: Option<Opener>) -> Result<Started, BootError> {
        let Self { guard, engine, data_dir, task } = self;
        let dnd = Dnd::start(engine.clone(), &data_dir, opener.clone());
        tokio::spawn(lull_bus::notify::run(
            engine.clone(),
            lull_bus::notify::Streams::subscribe(&engine),
            dnd.clone(),
            opener,
        ));
        let desktop =
            lull_sources::start(Box::new(lull_sources::desktop::Desktop { dnd: dnd.clone() }), &engine);
        let ntfy_statuses = Statuses::default();
        let profile = data_dir.clone();
        let secrets_backend = Arc::new(std::sync::Mutex::new(None));
        let backend = secrets_backend.clone();
        // Opened when a source first needs a credential; where they are is then reported.
        let secrets = move || {
            let (profile, backend) = (profile.clone(), backend.clone());
            async move {
                let secrets = open_secrets(&profile).await;
                if let Ok(mut seen) = backend.lock() {
                    *seen = Some(secrets.backend());
                }
                secrets
            }
        };
        let ntfy = Ntfy::new(secrets.clone(), Arc::new(SystemClock), ntfy_statuses.clone());
        let ntfy = lull_sources::start(Box::new(ntfy), &engine);
        let gotify_statuses = Statuses::default();
        let gotify = Gotify::new(secrets.clone(), Arc::new(SystemClock), gotify_statuses.clone());
        let gotify = lull_sources::start(Box::new(gotify), &engine);
        let imap_statuses = Statuses::default();
        let imap = Imap::new(secrets.clone(), Arc::new(SystemClock), imap_statuses.clone());
        let imap = lull_sources::start(Box::new(imap), &engine);
        let calendar_statuses = Statuses::default();
        let calendars = Calendars::new(secrets, Arc::new(SystemClock), calendar_statuses.clone());
        let calendars = lull_sources::start(Box::new(calendars), &engine);
        let presence = lull_bus::presence::start(&engine);
        lull_hooks::start(&engine);
        let focus_calendar = focus_ics::start(&engine, &data_dir);
        lull_core::engine::spawn_task(task).map_err(BootError::Thread)?;
        let followers = Followers {
            dnd,
            desktop,
            ntfy,
            ntfy_statuses,
            gotify,
            gotify_statuses,
            imap,
            imap_statuses,
            calendars,
            calendar_statuses,
            secrets: secrets_backend,
            presence,
            focus_calendar,
        };
        Ok(Started { guard, engine, data_dir, followers })
    }
}

/// The profile's secrets: the Secret Service, or without one the file beside the API token (in
/// `~/.config/lull` for the default profile, in the data directory for any other). The app, its
/// window and `lull secret` all open them here.
pub async fn open_secrets(data_dir: &Path) -> Secrets {
    let file = paths::secrets_file(data_dir);
    let config_dir = file.parent().map_or_else(|| data_dir.to_owned(), Path::to_path_buf);
    Secrets::open(data_dir, &config_dir).await
}

/// Step 2 done: everything runs but the API.
#[derive(Debug)]
pub struct Started {
    pub guard: instance::Guard,
    pub engine: Engine,
    pub followers: Followers,
    data_dir: PathBuf,
}

impl Started {
    /// Answers other processes on the instance socket: `show` calls `show` (the desktop app's
    /// window; `lull serve` has none), `settings` replaces the settings, hooks included, which
    /// only this channel and the window may change (`lull settings import` uses it). Call it on
    /// the tokio runtime the engine's callers run on.
    pub fn serve_instance(&mut self, show: Option<Box<dyn Fn() + Send>>) {
        let engine = self.engine.clone();
        let runtime = tokio::runtime::Handle::current();
        self.guard.serve(move |ask| match ask {
            Ask::Show => {
                if let Some(show) = &show {
                    show();
                }
                None
            }
            Ask::Settings(document) => {
                let applied = match serde_json::from_str::<Settings>(&document) {
                    Ok(settings) => {
                        runtime.block_on(engine.update_settings(settings)).map_err(ErrorBody::from)
                    }
                    Err(err) => Err(ErrorBody::from(lull_core::Error::new(
                        ErrorCode::InvalidSettings,
                        format!("not a Lull settings document: {err}"),
                    ))),
                };
                // A settings document or an error body always serialises.
                Some(serde_json::to_string(&applied).unwrap_or_default())
            }
        });
    }

    /// Step 3: the local API on `port` (0: any free one), on the runtime that polls it.
    pub fn serve_api(
        &self,
        port: u16,
    ) -> impl Future<Output = Result<lull_api::Running, lull_api::StartError>> + Send + 'static {
        let (engine, data_dir) = (self.engine.clone(), self.data_dir.clone());
        let followers = self.followers.clone();
        let desktop: lull_api::DesktopProbe = Arc::new(move || followers.report());
        async move { lull_api::start(engine, Some(desktop), &data_dir, port).await }
    }
}

/// How the followers are doing, for the settings view.
#[derive(Debug, Clone)]
pub struct Followers {
    dnd: Dnd,
    desktop: lull_sources::Running,
    ntfy: lull_sources::Running,
    ntfy_statuses: Statuses,
    gotify: lull_sources::Running,
    gotify_statuses: Statuses,
    imap: lull_sources::Running,
    imap_statuses: Statuses,
    calendars: lull_sources::Running,
    calendar_statuses: Statuses,
    /// Where the sources' secrets are, once a source opened them.
    secrets: Arc<std::sync::Mutex<Option<lull_secrets::Backend>>>,
    presence: lull_bus::presence::Watch,
    focus_calendar: focus_ics::Written,
}

impl Followers {
    /// The capture of other apps' notifications.
    pub fn capture(&self) -> SourceStatus {
        self.desktop.status()
    }

    pub fn dnd(&self) -> DndStatus {
        self.dnd.status()
    }

    /// What tells Lull that the user is away.
    pub fn presence(&self) -> lull_core::PresenceReport {
        self.presence.report()
    }

    /// The ntfy subscriptions: one line for them all, and each by its id.
    pub fn ntfy(&self) -> (SourceStatus, BTreeMap<String, SourceStatus>) {
        (self.ntfy.status(), self.ntfy_statuses.snapshot())
    }

    /// The Gotify servers: one line for them all, and each by its id.
    pub fn gotify(&self) -> (SourceStatus, BTreeMap<String, SourceStatus>) {
        (self.gotify.status(), self.gotify_statuses.snapshot())
    }

    /// The mail folders: one line for them all, and each by `<account>/<folder>`.
    pub fn imap(&self) -> (SourceStatus, BTreeMap<String, SourceStatus>) {
        (self.imap.status(), self.imap_statuses.snapshot())
    }

    /// The calendars: one line for them all, and each by its id.
    pub fn calendars(&self) -> (SourceStatus, BTreeMap<String, SourceStatus>) {
        (self.calendars.status(), self.calendar_statuses.snapshot())
    }

    /// All of them, as `GET /v1/status` carries them.
    pub fn report(&self) -> DesktopReport {
        let list = |statuses: &Statuses| -> Vec<SubscriptionStatus> {
            statuses.snapshot().into_iter().map(|(id, status)| SubscriptionStatus { id, status }).collect()
        };
        DesktopReport {
            capture: self.capture(),
            dnd: self.dnd(),
            ntfy: list(&self.ntfy_statuses),
            gotify: list(&self.gotify_statuses),
            imap: list(&self.imap_statuses),
            calendars: list(&self.calendar_statuses),
            secrets: self.secrets.lock().ok().and_then(|backend| backend.clone()).map(
                |backend| match backend {
                    lull_secrets::Backend::SecretService => SecretsReport::SecretService,
                    lull_secrets::Backend::File { path } => {
                        SecretsReport::File { path: path.display().to_string() }
                    }
                },
            ),
            presence: self.presence(),
            focus_calendar: self.focus_calendar.path().map(|path| path.display().to_string()),
        }
    }
}

/// What `lull serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub data_dir: PathBuf,
    /// 0 picks any free port.
    pub port: u16,
    /// Log `debug` too.
    pub verbose: bool,
}

/// `lull serve`: the engine, the followers and the API with no window, until SIGINT or SIGTERM.
/// Errors are sentences for the user (the data directory is in use, the database is refused, the
/// port is taken, …).
pub fn serve_blocking(options: ServeOptions) -> Result<(), BootError> {
    let _log = logging::init(Some(&options.data_dir), options.verbose);
    let opened = match open(&options.data_dir)? {
        Claimed::First(opened) => opened,
        Claimed::Second { .. } => return Err(BootError::AlreadyRunning { dir: options.data_dir }),
    };
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(BootError::Runtime)?;
    runtime.block_on(async {
        let mut started = opened.start(None)?;
        started.serve_instance(None);
        let running = started.serve_api(options.port).await?;
        tracing::info!("serving {} for {}", running.address.url, options.data_dir.display());
        if started.engine.status().first_run {
            tracing::info!(
                "a new profile: Lull holds nothing and leaves the desktop's notifications alone until \
                 its first run is finished; run `lull setup` (or open the desktop app)"
            );
        }
        wait_for_shutdown().await;
        running.retire();
        Ok(())
    })
}

async fn wait_for_shutdown() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
}
