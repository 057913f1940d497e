//! ntfy publishing: any topic, headers, query and body must give a message or an error, never a
//! panic, and every message that comes out must pass (or be refused by) the core's validation.
#![no_main]

use axum::http::{HeaderMap, HeaderName, HeaderValue};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Layout: topic \0 (name \0 value \0)* \x01 query-pairs as name=value&… \x01 body
    let mut parts = data.splitn(3, |&b| b == 1);
    let (head, query, body) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    let mut fields = head.split(|&b| b == 0);
    let topic = String::from_utf8_lossy(fields.next().unwrap_or_default()).into_owned();
    let mut headers = HeaderMap::new();
    while let (Some(name), Some(value)) = (fields.next(), fields.next()) {
        if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name), HeaderValue::from_bytes(value)) {
            headers.append(name, value);
        }
    }
    let query: Vec<(String, String)> = String::from_utf8_lossy(query)
        .split('&')
        .filter_map(|pair| pair.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
        .collect();
    let body = String::from_utf8_lossy(body);
    if let Ok(message) = lull_api::ntfy::from_publish(&topic, &headers, &query, &body) {
        let _ = message.validate();
    }
});
