//! Focus time booked for you, as properties over any work hours, zone, day and calendar: a
//! proposal is always work time to come, never touches a meeting's margin, a block or skipped
//! time, never overlaps another (a break between them), is never shorter than the minimum, and
//! the proposals never add up to more than the goal needs (give or take one minimum block).

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use lull_core::calendar::proposals::{BREAK, Day, GOAL_SLACK, MEETING_MARGIN, MIN_BLOCK, plan};
use lull_core::work_hours::{Interval, WorkHours};
use proptest::prelude::*;

use crate::work_hours::{ZONES, instant, work_hours};

/// Up to six spans starting within a day of `t`'s offset, 5 to 120 minutes long.
fn spans() -> impl Strategy<Value = Vec<(i64, i64)>> {
    prop::collection::vec((0i64..24 * 60, 5i64..120), 0..6)
}

fn around(now: DateTime<Utc>, spans: &[(i64, i64)]) -> Vec<Interval> {
    let start_of = now - TimeDelta::hours(2);
    spans
        .iter()
        .map(|&(from, len)| (start_of + TimeDelta::minutes(from), start_of + TimeDelta::minutes(from + len)))
        .collect()
}

fn overlaps(a: Interval, b: Interval) -> bool {
    a.0 < b.1 && b.0 < a.1
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    // The case that found the break missing across two gaps (a 5-minute block between them).
    #[test]
    fn proposals_keep_every_rule(
        hours in work_hours(),
        zone in prop::sample::select(ZONES.to_vec()),
        now in instant(),
        meetings in spans(),
        blocks in spans(),
        skipped in spans(),
        focused in 0i64..300,
        goal in 0i64..480,
        block in 0i64..180,
    ) {
        let zone: Tz = zone;
        let hours: WorkHours = hours;
        let today = now.with_timezone(&zone).date_naive();
        let work = hours.intervals(zone, today, today);
        let (meetings, blocks, skipped) = (around(now, &meetings), around(now, &blocks), around(now, &skipped));
        let day = Day { work: &work, meetings: &meetings, blocks: &blocks, skipped: &skipped };
        let proposals = plan(now, day, TimeDelta::minutes(focused), TimeDelta::minutes(goal), TimeDelta::minutes(block));
        for (i, p) in proposals.iter().enumerate() {
            let p = (p.start, p.end);
            prop_assert!(p.0 >= now, "{p:?} starts in the past");
            prop_assert!(p.1 - p.0 >= MIN_BLOCK, "{p:?} is shorter than the minimum");
            prop_assert!(work.iter().any(|w| w.0 <= p.0 && p.1 <= w.1), "{p:?} is not inside one work interval of {work:?}");
            for m in &meetings {
                prop_assert!(!overlaps(p, (m.0 - MEETING_MARGIN, m.1 + MEETING_MARGIN)), "{p:?} is in meeting {m:?}'s margin");
            }
            for b in blocks.iter().chain(&skipped) {
                prop_assert!(!overlaps(p, *b), "{p:?} overlaps {b:?}");
            }
            if let Some(next) = proposals.get(i + 1) {
                prop_assert!(next.start >= p.1 + BREAK, "no break between {p:?} and {next:?}");
            }
        }
        let to_come: TimeDelta = blocks.iter().filter(|b| b.1 > now).map(|b| b.1 - b.0.max(now)).sum();
        let need = TimeDelta::minutes(goal - focused) - to_come;
        let proposed: TimeDelta = proposals.iter().map(|p| p.end - p.start).sum();
        prop_assert!(proposed < need.max(TimeDelta::zero()) + MIN_BLOCK, "{proposed} proposed for {need} needed");
        if need < GOAL_SLACK {
            prop_assert!(proposals.is_empty(), "the goal is met, yet {proposals:?}");
        }
    }
}

mod lull {
    //! The proposals as Lull makes them from its settings, and the user's answers.

    use lull_core::calendar::proposals::FocusTime;
    use lull_core::{Change, ErrorCode, Lull, Settings};

    use crate::support::{Fixture, block_changes, tick, utc};

    /// Wednesday 25 November 2026, 10:00 in Berlin, in the default work hours.
    fn morning() -> Fixture {
        Fixture::at(utc(2026, 11, 25, 9, 0, 0))
    }

    fn with_goal(fx: &Fixture, daily_minutes: u32) -> Lull {
        let mut lull = fx.lull();
        let focus_time = FocusTime { daily_minutes, block_minutes: 50, ics_file: false };
        lull.update_settings(Settings { focus_time, ..Settings::default() }).expect("valid settings");
        lull
    }

    fn spans(lull: &Lull) -> Vec<String> {
        let berlin = chrono_tz::Europe::Berlin;
        lull.focus_proposals()
            .expect("proposals")
            .iter()
            .map(|p| {
                let hm =
                    |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&berlin).format("%H:%M").to_string();
                format!("{}-{}{}", hm(p.start), hm(p.end), if p.accepted { " accepted" } else { "" })
            })
            .collect()
    }

    #[test]
    fn nothing_is_proposed_without_a_goal() {
        let fx = morning();
        assert!(fx.lull().focus_proposals().expect("proposals").is_empty(), "the default is off");
    }

    #[test]
    fn an_accepted_proposal_starts_a_block_at_its_time_once() {
        let fx = morning();
        let mut lull = with_goal(&fx, 100);
        assert_eq!(spans(&lull), ["10:00-10:50", "11:00-11:50"]);
        let second = lull.focus_proposals().expect("proposals")[1];
        let accepted = lull.accept_proposal(second.start).expect("accepted");
        assert!(accepted.accepted);
        assert_eq!(
            spans(&lull),
            ["10:00-10:50", "11:00-11:50 accepted"],
            "the rest of the goal is still proposed"
        );
        assert_eq!(block_changes(tick(&mut lull)), vec![], "nothing starts before its time");

        fx.clock.set(second.start);
        let started = block_changes(tick(&mut lull));
        let [Change::Started { block }] = started.as_slice() else { panic!("one block starts: {started:?}") };
        assert_eq!(block.deadline, second.end);
        lull.stop_focus().expect("stopped early");
        fx.clock.advance(chrono::TimeDelta::seconds(5));
        assert_eq!(block_changes(tick(&mut lull)), vec![], "a stopped block does not start again");
    }

    #[test]
    fn a_skipped_proposal_is_not_made_again_and_the_goal_goes_elsewhere() {
        let fx = morning();
        let mut lull = with_goal(&fx, 50);
        assert_eq!(spans(&lull), ["10:00-10:50"]);
        let first = lull.focus_proposals().expect("proposals")[0];
        lull.skip_proposal(first.start).expect("skipped");
        assert_eq!(spans(&lull), ["10:50-11:40"], "the next free time");
        let again = lull.accept_proposal(first.start).expect_err("skipped time is no proposal");
        assert_eq!(again.code, ErrorCode::UnknownProposal);
    }

    #[test]
    fn a_goal_or_a_block_out_of_range_is_refused_and_names_its_field() {
        let fx = morning();
        let mut lull = fx.lull();
        for (focus_time, field) in [
            (FocusTime { daily_minutes: 601, ..FocusTime::default() }, "focus_time.daily_minutes"),
            (
                FocusTime { daily_minutes: 60, block_minutes: 20, ..FocusTime::default() },
                "focus_time.block_minutes",
            ),
        ] {
            let err =
                lull.update_settings(Settings { focus_time, ..Settings::default() }).expect_err("refused");
            assert_eq!(err.code, ErrorCode::InvalidSettings);
            assert_eq!(err.field.as_deref(), Some(field));
        }
    }

    fn hm(t: chrono::DateTime<chrono::Utc>) -> String {
        t.with_timezone(&chrono_tz::Europe::Berlin).format("%H:%M").to_string()
    }

    /// 25 November 2026 at `h:m` in Berlin (UTC+1).
    fn berlin(h: u32, m: u32) -> chrono::DateTime<chrono::Utc> {
        utc(2026, 11, 25, h - 1, m, 0)
    }

    #[test]
    fn the_status_carries_the_proposals_and_an_answer_says_the_new_list() {
        let fx = morning();
        let mut lull = with_goal(&fx, 50);
        let proposals = lull.status().expect("status").proposals;
        assert_eq!(proposals.iter().map(|p| hm(p.start)).collect::<Vec<_>>(), ["10:00"]);
        let _ = lull.take_changes();
        lull.accept_proposal(proposals[0].start).expect("accepted");
        let changes = lull.take_changes();
        let [Change::ProposalsChanged { proposals }] = changes.as_slice() else {
            panic!("one change: {changes:?}")
        };
        assert!(proposals[0].accepted);
        assert_eq!(lull.status().expect("status").proposals, *proposals);
    }

    #[test]
    fn a_proposal_shown_before_its_start_can_be_accepted_after_it_and_starts_at_once_until_its_end() {
        let fx = morning();
        let mut lull = with_goal(&fx, 50);
        let shown = lull.focus_proposals().expect("proposals")[0];
        fx.clock.set(berlin(10, 12));
        assert_eq!(spans(&lull), ["10:15-11:05"], "the plan moved on meanwhile");
        lull.accept_proposal(shown.start).expect("the one the user saw is still accepted");
        let started = block_changes(tick(&mut lull));
        let [Change::Started { block }] = started.as_slice() else {
            panic!("a block starts now: {started:?}")
        };
        assert_eq!((block.started_at, block.deadline), (berlin(10, 12), shown.end));
        fx.clock.set(berlin(11, 0));
        let err = lull.accept_proposal(shown.start).expect_err("ended");
        assert_eq!(err.code, ErrorCode::UnknownProposal);
    }

    #[test]
    fn an_accepted_block_that_has_begun_is_neither_moved_nor_skipped() {
        let fx = morning();
        let mut lull = with_goal(&fx, 50);
        let first = lull.focus_proposals().expect("proposals")[0];
        lull.accept_proposal(first.start).expect("accepted");
        let started = block_changes(tick(&mut lull));
        assert!(matches!(started.as_slice(), [Change::Started { .. }]), "it starts: {started:?}");
        fx.clock.set(berlin(10, 5));
        let moved = lull.move_proposal(first.start, berlin(14, 0)).map(|_| ()).expect_err("begun");
        let skipped = lull.skip_proposal(first.start).expect_err("begun");
        for err in [moved, skipped] {
            assert_eq!(
                (err.code, err.message.as_str()),
                (ErrorCode::ProposalConflict, "that block has begun; stop it instead")
            );
        }
        assert_eq!(spans(&lull), ["10:00-10:50 accepted"], "the answer stands");
    }

    #[test]
    fn a_moved_proposal_is_accepted_at_its_new_time_if_that_is_free() {
        let fx = morning();
        let mut lull = with_goal(&fx, 100);
        let first = lull.focus_proposals().expect("proposals")[0];
        let moved = lull.move_proposal(first.start, berlin(14, 0)).expect("moved");
        assert_eq!((hm(moved.start), hm(moved.end), moved.accepted), ("14:00".into(), "14:50".into(), true));
        assert_eq!(spans(&lull), ["10:00-10:50", "14:00-14:50 accepted"], "the rest of the goal is proposed");
        lull.move_proposal(moved.start, berlin(15, 0)).expect("moved again");
        assert_eq!(spans(&lull), ["10:00-10:50", "15:00-15:50 accepted"], "it left 14:00");
        lull.accept_proposal(berlin(10, 0)).expect("accepted");

        for (to, why) in [
            (berlin(9, 0), "that time has passed"),
            (berlin(11, 30), "a block goes inside today's work hours"),
            (berlin(17, 0), "a block goes inside today's work hours"),
            (berlin(10, 30), "another block is at that time"),
        ] {
            let err = lull.move_proposal(berlin(15, 0), to).map(|_| ()).expect_err(why);
            assert_eq!((err.code, err.message.as_str()), (ErrorCode::ProposalConflict, why), "to {}", hm(to));
        }
        let err = lull.move_proposal(berlin(13, 0), berlin(16, 0)).expect_err("nothing starts at 13:00");
        assert_eq!(err.code, ErrorCode::UnknownProposal);
        assert_eq!(
            spans(&lull),
            ["10:00-10:50 accepted", "15:00-15:50 accepted"],
            "a refused move changes nothing"
        );
    }

    #[test]
    fn the_focus_calendar_lists_the_accepted_blocks_only_when_asked_and_answers_are_kept_two_weeks() {
        let fx = morning();
        let mut lull = with_goal(&fx, 100);
        assert_eq!(lull.focus_calendar().expect("read"), None, "the file is off by default");
        let mut settings = lull.settings().clone();
        settings.focus_time.ics_file = true;
        lull.update_settings(settings).expect("valid");
        let second = lull.focus_proposals().expect("proposals")[1];
        lull.accept_proposal(second.start).expect("accepted");
        let ics = lull.focus_calendar().expect("read").expect("asked for");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"), "{ics}");
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "only the accepted one: {ics}");
        assert!(ics.contains("DTSTART:20261125T100000Z\r\nDTEND:20261125T105000Z\r\n"), "{ics}");
        assert!(ics.contains("@focus.lull.app\r\n"), "{ics}");
        // Lull reads its own file back as no meeting and no second booking.
        let parsed = lull_core::calendar::parse(&ics).expect("Lull reads what it writes");
        assert_eq!(parsed.events.len(), 1);
        let mut settings = lull.settings().clone();
        settings.calendars = vec![lull_core::calendar::CalendarSource {
            id: "mine".into(),
            url: "/home/me/.local/share/lull/focus.ics".into(),
            kind: lull_core::calendar::CalendarKind::Ics,
            user: None,
            poll_minutes: 15,
            enabled: true,
        }];
        lull.update_settings(settings).expect("valid");
        lull.set_calendar("mine", parsed.events).expect("read");
        fx.clock.set(berlin(11, 5));
        let status = lull.status().expect("status");
        assert_eq!(status.meeting, None, "its own block is no meeting");
        let started = block_changes(tick(&mut lull));
        assert_eq!(started.len(), 1, "one block starts, not two: {started:?}");
        fx.clock.set(berlin(11, 10));
        lull.stop_focus().expect("stopped");
        assert_eq!(block_changes(tick(&mut lull)), vec![], "and nothing starts again");

        fx.clock.set(utc(2026, 12, 8, 9, 0, 0));
        let _ = tick(&mut lull);
        assert_eq!(
            lull.focus_calendar().expect("read").expect("asked for").matches("BEGIN:VEVENT").count(),
            1,
            "13 days on"
        );
        fx.clock.set(utc(2026, 12, 10, 9, 0, 0));
        let _ = tick(&mut lull);
        assert_eq!(
            lull.focus_calendar().expect("read").expect("asked for").matches("BEGIN:VEVENT").count(),
            0,
            "15 days on"
        );
    }
}
