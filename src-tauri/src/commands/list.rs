// The window's commands, named once. `build.rs` includes this file to generate an `allow-…`
// permission per command, `lib.rs` builds the invoke handler from it, and the unit tests check it
// against `capabilities/main.json` and the core's table of commands
// (`lull_core::command::COMMANDS`). Adding a command here without the rest fails a unit test.
//
// (A plain `//` comment: `build.rs` includes this file, where inner doc comments cannot go.)

/// Calls `$then!` with every window command as `module::name`.
macro_rules! with_commands {
    ($then:ident) => {
        $then! {
            focus::status,
            focus::start_focus,
            focus::extend_focus,
            focus::stop_focus,
            focus::focus_proposals,
            focus::accept_proposal,
            focus::skip_proposal,
            focus::move_proposal,
            inbox::inbox,
            inbox::inbox_overview,
            inbox::inbox_start,
            inbox::inbox_group,
            inbox::message,
            inbox::search,
            inbox::done,
            inbox::undone,
            inbox::snooze,
            inbox::unsnooze,
            inbox::done_all,
            inbox::message_story,
            inbox::mark_reviewed,
            inbox::snooze_choices,
            inbox::parse_when,
            inbox::pin,
            inbox::unpin,
            inbox::open_link,
            inbox::message_app,
            inbox::open_app,
            settings::settings,
            settings::update_settings,
            settings::stats,
            settings::working_late,
            settings::done_for_today,
            settings::clear_overrides,
            desktop::desktop,
            desktop::set_autostart,
            desktop::sources,
            desktop::store_secret,
            desktop::rotate_token,
            first_run::finish_first_run,
            tokens::tokens,
            tokens::create_token,
            tokens::revoke_token,
            desktop::close_window,
        }
    };
}
