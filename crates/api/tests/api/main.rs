//! The API over real loopback connections: the server as `lull serve` runs it (real TCP, a real
//! SQLite file in a temp dir), a manual clock (Wednesday 10:00 in Berlin: Open), and a raw
//! HTTP/1.1 client so that every header is exactly what the test says.

mod client;
mod listen;
mod messages;
mod security;
mod surfaces;
mod tokens;
mod triage;
