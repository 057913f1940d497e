//! `POST /v1/messages` bodies: any bytes must give a message or an error with a code, never a
//! panic; a message that comes out goes through the core's validation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match lull_api::parse_message(data) {
        Ok(message) => {
            let _ = message.validate();
        }
        Err(err) => assert!(!err.code.is_empty(), "every refusal has a code"),
    }
});
