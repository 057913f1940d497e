//! The core's integration tests: one binary, a module per concern. Every test uses a real SQLite
//! file in a temporary directory and a manual clock; none of them sleeps.

mod away;
mod changes;
mod days_off;
mod engine;
mod faults;
mod first_run;
mod focus;
mod inbox;
mod instance;
mod meetings;
mod modes;
mod presenting;
mod proposals;
mod review;
mod settings;
mod store;
mod support;
mod tokens;
mod triage;
mod views;
mod work_hours;
