//! Lull's local HTTP API: Lull's own JSON, ntfy- and Gotify-compatible publishing, triage, the
//! event stream, export. The desktop app and headless `lull serve` start the same server around
//! the same engine.
//!
//! Loopback only (127.0.0.1 and ::1), a token on every request, a Host allow-list, no `Origin`,
//! no CORS, bodies capped at 2 MiB: see `guard.rs` and `docs/api.md`.

mod body;
mod error;
mod events;
mod export;
mod guard;
pub mod ntfy;
mod routes;
#[cfg(feature = "testing")]
#[doc(hidden)]
pub mod testing;

use std::io::ErrorKind;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::routing::{get, post};
use lull_core::{DesktopReport, Engine, paths};
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;

pub use error::ApiError;
pub use routes::parse_message;

/// The default port.
pub const DEFAULT_PORT: u16 = 8737;

/// What `<data dir>/api.json` says: where the running instance listens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiAddress {
    pub url: String,
    pub port: u16,
    pub pid: u32,
}

/// A running server: its address; it stops when the runtime stops.
#[derive(Debug)]
pub struct Running {
    pub address: ApiAddress,
    /// Set when the machine has an IPv6 loopback but `[::1]:<port>` could not be bound (another
    /// program holds it): a client that tries `localhost` over IPv6 first would reach that
    /// program, not Lull. The sentence to show (Settings, the log).
    pub ipv6_warning: Option<String>,
    api_file: PathBuf,
}

impl Running {
    /// Removes the address file (call when the instance stops).
    pub fn retire(&self) {
        let _ = std::fs::remove_file(&self.api_file);
    }
}

/// Asks the instance's followers how the desktop integration is doing, for `GET /v1/status`.
/// `lull-boot` hands one over; a router without one reports `"desktop": null`.
pub type DesktopProbe = Arc<dyn Fn() -> DesktopReport + Send + Sync>;

/// What the handlers share: the engine, and the probe where there is one.
#[derive(Clone)]
pub(crate) struct AppState {
    engine: Engine,
    desktop: Option<DesktopProbe>,
}

impl FromRef<AppState> for Engine {
    fn from_ref(state: &AppState) -> Engine {
        state.engine.clone()
    }
}

impl AppState {
    pub(crate) fn desktop(&self) -> Option<DesktopReport> {
        self.desktop.as_ref().map(|probe| probe())
    }
}

/// The router, for the engine and a token file.
pub fn router(
    engine: Engine,
    desktop: Option<DesktopProbe>,
    port: u16,
    token_file: PathBuf,
    token: String,
) -> Router {
    let guard = Arc::new(guard::Guard::new(port, token_file, token, engine.clone()));
    // What a publish token may call; everything else is the control token's.
    let publishing = Router::new()
        .route("/v1/messages", post(routes::post_message))
        .route("/message", post(routes::gotify))
        .route("/", post(routes::ntfy_json))
        .route("/{topic}", post(routes::ntfy_publish).put(routes::ntfy_publish));
    Router::new()
        .route("/v1/status", get(routes::status))
        .route("/v1/focus/start", post(routes::focus_start))
        .route("/v1/focus/extend", post(routes::focus_extend))
        .route("/v1/focus/stop", post(routes::focus_stop))
        .route("/v1/focus/proposals", get(routes::focus_proposals))
        .route("/v1/focus/proposals/accept", post(routes::accept_proposal))
        .route("/v1/focus/proposals/skip", post(routes::skip_proposal))
        .route("/v1/focus/proposals/move", post(routes::move_proposal))
        .route("/v1/mode/working-late", post(routes::working_late))
        .route("/v1/mode/done-for-today", post(routes::done_for_today))
        .route("/v1/mode/resume", post(routes::resume))
        .route("/v1/inbox", get(routes::inbox))
        .route("/v1/inbox/groups", get(routes::inbox_groups))
        .route("/v1/inbox/group", get(routes::inbox_group))
        .route("/v1/stats", get(routes::stats))
        // GET: one message by id; POST: an action on many (`/v1/inbox/done` with `{"ids": …}`).
        .route("/v1/inbox/done-all", post(routes::done_all))
        .route("/v1/inbox/reviewed", post(routes::mark_reviewed))
        .route("/v1/inbox/{key}", get(routes::message).post(routes::triage_bulk))
        // GET: a part of one message (`/v1/inbox/7/story`); POST: an action on it.
        .route("/v1/inbox/{id}/{action}", get(routes::message_part).post(routes::triage_one))
        .route("/v1/snooze-choices", get(routes::snooze_choices))
        .route("/v1/when", post(routes::parse_when))
        .route("/v1/search", get(routes::search))
        .route("/v1/settings", get(routes::get_settings).put(routes::put_settings))
        .route("/v1/events", get(events::events))
        .route("/v1/export", get(routes::export))
        .route("/v1/first-run/finish", post(routes::finish_first_run))
        .route("/v1/tokens", get(routes::tokens).post(routes::create_token))
        .route("/v1/tokens/revoke", post(routes::revoke_token))
        .route_layer(axum::middleware::from_fn(guard::control_only))
        .merge(publishing)
        .fallback(routes::fallback)
        .method_not_allowed_fallback(routes::method_not_allowed)
        .layer(DefaultBodyLimit::max(body::MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(guard, guard::middleware))
        .with_state(AppState { engine, desktop })
}

/// Why the API did not start, as a sentence for the user; the OS error is kept as the source.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot read or create the API token at {}: {source}", path.display())]
    Token { path: PathBuf, source: std::io::Error },
    #[error(
        "cannot listen on 127.0.0.1:{port} ({source}); pick another port with --port, or 0 for any free one"
    )]
    Listen { port: u16, source: std::io::Error },
    #[error("cannot write {}: {source}", path.display())]
    ApiFile { path: PathBuf, source: std::io::Error },
}

/// Binds loopback (IPv4, and IPv6 when the machine has it) on `port`, serves the API on the
/// current tokio runtime, and publishes the address in the data directory.
pub async fn start(
    engine: Engine,
    desktop: Option<DesktopProbe>,
    data_dir: &Path,
    port: u16,
) -> Result<Running, StartError> {
    let token_file = paths::token(data_dir);
    let token = lull_core::token::load_or_create(&token_file)
        .map_err(|source| StartError::Token { path: token_file.clone(), source })?;
    let listen = |source| StartError::Listen { port, source };
    let v4 = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await.map_err(listen)?;
    let port = v4.local_addr().map_err(listen)?.port();
    let app = router(engine, desktop, port, token_file, token);
    let mut ipv6_warning = None;
    match TcpListener::bind(SocketAddr::from((Ipv6Addr::LOCALHOST, port))).await {
        Ok(v6) => {
            let app = app.clone();
            tokio::spawn(async move {
                if let Err(err) = axum::serve(v6, app).await {
                    tracing::warn!("API on [::1]: {err}");
                }
            });
        }
        // No IPv6 loopback on this machine (or no IPv6 at all): nothing can squat on it either.
        Err(err) if !matches!(err.kind(), ErrorKind::AddrInUse | ErrorKind::PermissionDenied) => {
            tracing::debug!("no IPv6 loopback here ({err}); serving on 127.0.0.1 only");
        }
        Err(err) => {
            let warning = format!(
                "cannot listen on [::1]:{port} ({err}): another program may answer there, so use \
                 http://127.0.0.1:{port} (as Lull's examples do), never http://localhost:{port}"
            );
            tracing::warn!("{warning}");
            ipv6_warning = Some(warning);
        }
    }
    tokio::spawn(async move {
        if let Err(err) = axum::serve(v4, app).await {
            tracing::warn!("API on 127.0.0.1: {err}");
        }
    });
    let address = ApiAddress { url: format!("http://127.0.0.1:{port}"), port, pid: std::process::id() };
    let api_file = paths::api_file(data_dir);
    // A struct of a string and two integers always serialises.
    let json = serde_json::to_string(&address).unwrap_or_default();
    paths::write_atomically(&api_file, json.as_bytes())
        .map_err(|source| StartError::ApiFile { path: api_file.clone(), source })?;
    Ok(Running { address, ipv6_warning, api_file })
}
