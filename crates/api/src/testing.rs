//! What the tests that speak raw HTTP/1.1 to the API share, here and in `lull-cli`. Behind the
//! `testing` feature, so the apps never build it.

/// The body of a chunked HTTP/1.1 answer (a streamed export), put back together.
pub fn dechunk(mut raw: &str) -> String {
    let mut body = String::new();
    while let Some((size, rest)) = raw.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else { break };
        if size == 0 || rest.len() < size {
            break;
        }
        body.push_str(&rest[..size]);
        raw = rest[size..].trim_start_matches("\r\n");
    }
    body
}
