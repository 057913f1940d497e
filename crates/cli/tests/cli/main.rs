//! The `lull` binary driven from outside, as a user or a script would: each test gets its own
//! data directory, and the end-to-end tests run a real `lull serve` (no fake server). One binary,
//! a module per topic; `support.rs` runs `lull` and `lull serve`.

mod durability;
mod end_to_end;
mod offline;
mod proposals;
mod settings;
mod support;
