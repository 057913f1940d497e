//! The instance socket: a second launch's `show`, `lull settings import`'s `settings`, and a
//! client that connects and never writes, which must not hold up the next one.

use std::os::unix::net::UnixStream;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use lull_core::instance::{self, Ask, Claim};

#[test]
fn the_instance_answers_show_and_settings_and_a_silent_client_does_not_block_the_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let Claim::First(mut guard) = instance::claim(dir.path()).expect("claims") else {
        panic!("the directory is ours");
    };
    let (asked, asks) = mpsc::channel();
    guard.serve(move |ask| {
        let answer = match &ask {
            Ask::Show => None,
            Ask::Settings(document) => Some(format!("got {} bytes", document.len())),
        };
        let _ = asked.send(ask);
        answer
    });
    let Claim::Second { socket } = instance::claim(dir.path()).expect("claims") else {
        panic!("the first claim holds");
    };

    let _silent = UnixStream::connect(&socket).expect("connects");
    let started = Instant::now();
    let answer = instance::ask_settings(&socket, r#"{"focus_presets": [20]}"#).expect("answered");
    assert_eq!(answer, "got 23 bytes", "the whole document reached the instance");
    assert!(
        started.elapsed() < instance::READ_TIMEOUT + Duration::from_secs(3),
        "the silent client was dropped after its timeout, not waited for: {:?}",
        started.elapsed()
    );
    assert_eq!(
        asks.recv_timeout(Duration::from_secs(1)),
        Ok(Ask::Settings(r#"{"focus_presets": [20]}"#.into()))
    );

    instance::ask_to_show(&socket).expect("asked");
    assert_eq!(asks.recv_timeout(Duration::from_secs(5)), Ok(Ask::Show));
    assert!(asks.try_recv().is_err(), "the silent client asked nothing");
}
