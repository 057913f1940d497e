//! The desktop bus: what Lull says to the session's notification daemon. Three layers, each using
//! only the ones below it:
//!
//! - [`show`]: sending one notification (on a blocking thread; every one marked `x-lull`);
//! - [`dnd`]: the daemon's do-not-disturb, switched with Lull's mode and restored after, and
//!   breakthroughs shown past it;
//! - [`notify`]: following the engine and showing what it decided (delivered messages, one
//!   notification per digest, the review reminder, the block-complete notice).
//!
//! Beside them, [`presence`] follows the screen lock, sleep and idleness and tells the engine;
//! [`tray`] asks whether the desktop shows tray icons at all.
//!
//! Reading what *other* apps show is a message source, not this crate: `lull-sources`.
//! Nothing here knows of a window: an *Open* action calls the [`show::Opener`] it is given.

pub mod dnd;
pub mod notify;
pub mod presence;
pub mod show;
pub mod tray;

pub use dnd::{Dnd, DndStatus};
pub use show::{Notice, Open, Opener};
