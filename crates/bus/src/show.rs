//! Sending one notification to the desktop's notification daemon: the lowest layer of the bus,
//! used by [`crate::dnd`] (breakthroughs past do-not-disturb) and [`crate::notify`] (everything
//! else). notify-rust's `show()` waits for the daemon's reply, so it runs on a blocking thread,
//! never on the async runtime. Every notification carries the hint `x-lull`, so that capturing
//! never records Lull's own again.
//!
//! The body is what publishers wrote, so it is never markup: where the daemon announces
//! `body-markup` (dunst, GNOME, KDE, mako, swaync do), `&`, `<` and `>` are escaped first, so a
//! `<b>`, `<a href>` or `<img>` shows as written, and so do `R&D` and `exit <1>`. The summary is
//! plain text by the specification; daemons escape it themselves.

use std::sync::Arc;

use notify_rust::{Notification, Urgency};

/// What a notification's *Open* action does: the desktop app has one, `lull serve` has no window.
pub trait Open: Send + Sync {
    /// The user clicked *Open* (or the notification): show `view` (`"inbox"`).
    fn open(&self, view: &str);

    /// A notification that offers `view` was just shown: the user is likely to click it, so the
    /// window may get ready for it. Nothing by default.
    fn expect(&self, _view: &str) {}
}

/// The opener the notifications share.
pub type Opener = Arc<dyn Open>;

/// Summary, body, urgency, and the view of the window its "Open" action shows.
pub type Notice = (String, String, Urgency, Option<&'static str>);

/// Shows a notice that has no view to open.
pub fn show(summary: String, body: String, urgency: Urgency) {
    show_with((summary, body, urgency, None), None);
}

/// Shows a notice; with an opener and a view, its "Open" action (or a click) opens that view.
pub fn show_with(notice: Notice, opener: Option<Opener>) {
    drop(show_until_closed(notice, opener));
}

/// Shows a notice; resolves once the daemon has taken it (or refused it), not when it closes.
pub async fn show_and_confirm(notice: Notice, opener: Option<Opener>) {
    let (taken, confirmed) = tokio::sync::oneshot::channel();
    drop(show_inner(notice, opener, Some(taken)));
    let _ = confirmed.await;
}

/// Shows a notice and returns a future that ends when the notification is closed (or could not
/// be shown). notify-rust blocks while it waits, so the waiting happens on a blocking thread.
pub fn show_until_closed(
    notice: Notice,
    opener: Option<Opener>,
) -> impl std::future::Future<Output = ()> + Send + 'static {
    show_inner(notice, opener, None)
}

fn show_inner(
    (summary, body, urgency, view): Notice,
    opener: Option<Opener>,
    taken: Option<tokio::sync::oneshot::Sender<()>>,
) -> impl std::future::Future<Output = ()> + Send + 'static {
    let task = tokio::task::spawn_blocking(move || {
        let body = if reads_body_markup() { escape_markup(&body) } else { body };
        let mut notification = Notification::new();
        notification
            .appname("Lull")
            .summary(&summary)
            .body(&body)
            .icon("lull")
            .urgency(urgency)
            // Marks Lull's own notifications, so that capturing never records them again.
            .hint(notify_rust::Hint::Custom("x-lull".into(), "1".into()));
        let open = opener.zip(view);
        if open.is_some() {
            notification.action("default", "Open");
        }
        // Said once, not for every message, when there is no notification daemon (a server).
        static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        let shown = notification.show();
        if let Some(taken) = taken {
            let _ = taken.send(());
        }
        match shown {
            Ok(handle) => {
                SAID.store(false, std::sync::atomic::Ordering::Relaxed);
                if let Some((opener, view)) = &open {
                    opener.expect(view);
                }
                // Returns when an action is taken or the notification is closed.
                handle.wait_for_action(|action| {
                    if action == "default"
                        && let Some((opener, view)) = &open
                    {
                        opener.open(view);
                    }
                });
            }
            Err(err) if !SAID.swap(true, std::sync::atomic::Ordering::Relaxed) => {
                tracing::warn!("cannot show notifications ({summary}): {err}");
            }
            Err(_) => {}
        }
    });
    async move {
        let _ = task.await;
    }
}

/// Whether the running daemon reads the body as markup. Asked each time (a daemon can be
/// replaced by another); one round trip on the session bus beside the notification's own.
fn reads_body_markup() -> bool {
    notify_rust::get_capabilities().is_ok_and(|caps| caps.iter().any(|c| c == "body-markup"))
}

/// `text` as markup that shows exactly `text`.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_markup;

    #[test]
    fn markup_in_a_body_is_escaped_to_show_as_written() {
        assert_eq!(
            escape_markup(r#"<b>bold</b> <a href="https://x">x</a> <img src="x"/> R&D exit <1>"#),
            r#"&lt;b&gt;bold&lt;/b&gt; &lt;a href="https://x"&gt;x&lt;/a&gt; &lt;img src="x"/&gt; R&amp;D exit &lt;1&gt;"#
        );
        assert_eq!(escape_markup("plain — ü"), "plain — ü");
    }
}
