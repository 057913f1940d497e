//! Lull's core: focus blocks, the store and the engine, with no window-system dependency.
//!
//! Open it with [`Lull::open`] (a database path and a [`Clock`]), hand it to [`Engine::new`], and
//! spawn the returned task on a tokio runtime. The desktop app, the CLI and the tests all start
//! Lull this way. The core never reads the system time itself: time comes from the clock.

pub mod clock;
pub mod engine;
pub mod error;
pub mod focus;
mod lull;
pub mod paths;
pub mod status;
pub mod store;
mod wall_timer;

pub use clock::{Clock, ManualClock, SystemClock};
pub use engine::{Engine, Event};
pub use error::{Error, ErrorBody, ErrorCode, Result};
pub use focus::{FocusBlock, Outcome};
pub use lull::{Change, Lull};
pub use status::{Status, TodaySummary};
