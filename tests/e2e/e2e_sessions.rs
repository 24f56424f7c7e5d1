//! Action learning sets, mentoring and events end to end, through the Discord stand-in, on
//! a clock the test moves: sets and their threads, reminders in the right thread at the
//! right time (and never after the start), RSVPs, attendance and badges; mentoring pairs
//! that propose, confirm and log meetings, with DM reminders falling back to the pair's
//! thread; the course's events as Discord scheduled events that move and cancel.

use std::sync::Arc;

use crate::bot::{TestBot, TestClock};
use crate::learning;
use crate::learning::CohortSpec;
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use cohortbot::course::time::local_to_utc;
use cohortbot::domain::Clock;
use cohortbot::model::{Cohort, Rsvp, Session, SessionKind, SessionStatus, UserId};
use fake_discord::{FakeDiscord, FakeUser, MemberSpec, Message};
use serenity::all::{ChannelId, Permissions, ScheduledEventStatus, ScheduledEventType};

const ZONE: &str = "Europe/London";

struct World {
    bot: TestBot,
    clock: Arc<TestClock>,
    facilitator: FakeUser,
    channel: ChannelId,
    cohort: Cohort,
}

impl World {
    fn tz(&self) -> Tz {
        ZONE.parse().unwrap()
    }

    async fn trainee(&self, spec: MemberSpec) -> FakeUser {
        let user = self.bot.fake.add_member(spec);
        let reply = user
            .slash("cohort join", [("code", &self.cohort.join_code)])
            .await;
        assert!(reply.text().contains("Welcome"), "{}", reply.text());
        user
    }

    async fn mentor(&self, name: &str) -> FakeUser {
        let user = self.bot.fake.add_member(MemberSpec::new(name));
        let reply = self
            .facilitator
            .slash(
                "cohort enroll",
                [("as", "Mentor"), ("member", &user.mention())],
            )
            .await;
        assert!(reply.text().contains("Enrolled 1"), "{}", reply.text());
        user
    }

    async fn sessions(&self) -> Vec<Session> {
        self.bot.store.list_sessions(self.cohort.id).await.unwrap()
    }

    /// `at` written as a person types it in the cohort's time zone.
    fn local(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.tz())
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }
}

/// A `two-day-training` cohort starting a week from today, on a clock set to now.
async fn world() -> World {
    let clock = TestClock::at(Utc::now());
    let spec = CohortSpec {
        starts: (Utc::now() + Duration::days(7)).date_naive().to_string(),
        time_zone: ZONE,
        ..CohortSpec::new("prompts", "two-day-training")
    };
    let built = learning::world_of(spec, clock.clone()).await;
    World {
        bot: built.bot,
        clock,
        facilitator: built.facilitator,
        channel: built.channel,
        cohort: built.cohort,
    }
}

fn user_id(user: &FakeUser) -> UserId {
    UserId(user.id().get())
}

fn at_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).unwrap()
}

fn reminders(fake: &FakeDiscord, channel: ChannelId) -> Vec<Message> {
    fake.messages(channel)
        .into_iter()
        .filter(|m| m.content.contains("⏰ Reminder"))
        .collect()
}

/// Steps the workers, then finds the message in `channel` containing every one of `parts`.
async fn step_then_message(bot: &TestBot, channel: ChannelId, parts: &[&str]) -> Message {
    bot.step().await;
    let fake = &bot.fake;
    let found = fake
        .messages(channel)
        .into_iter()
        .find(|m| parts.iter().all(|p| m.content.contains(p)));
    if let Some(message) = found {
        return message;
    }
    panic!(
        "no message with {parts:?} in {channel}: {:#?}",
        fake.messages(channel)
            .iter()
            .map(|m| &m.content)
            .collect::<Vec<_>>()
    );
}

/// Steps the workers, then checks that `user` has a DM containing `part`.
async fn step_then_dm(bot: &TestBot, user: &FakeUser, part: &str) {
    bot.step().await;
    assert!(
        user.dms().iter().any(|m| m.content.contains(part)),
        "{} has no DM with {part:?}: {:?}",
        user.name(),
        user.dms()
    );
}

fn assert_role_on(fake: &FakeDiscord, user: &FakeUser, name: &str) {
    let role = fake.role_named(fake.guild_id(), name);
    assert!(
        role.is_some_and(|role| user.has_role(role.id)),
        "{} does not hold the role {name}",
        user.name()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sets_get_threads_reminders_rsvps_attendance_and_the_badge() {
    let world = world().await;
    let fake = &world.bot.fake;
    let mut trainees = Vec::new();
    for name in ["ann", "ben", "cat", "dan", "eve", "fay"] {
        trainees.push(world.trainee(MemberSpec::new(name)).await);
    }

    let refused = trainees[0].slash("set form", []).await;
    assert!(refused.is_ephemeral());
    assert!(
        refused.text().contains("Only the facilitators"),
        "{}",
        refused.text()
    );
    assert!(world
        .bot
        .store
        .list_groups(world.cohort.id)
        .await
        .unwrap()
        .is_empty());

    let proposal = world.facilitator.slash("set propose", []).await;
    assert!(proposal.is_ephemeral());
    assert!(
        proposal.text().contains("Set 1") && proposal.text().contains("Set 2"),
        "{}",
        proposal.text()
    );
    let formed = world.facilitator.slash("set form", []).await;
    assert!(
        formed.text().contains("Formed 2 sets:"),
        "{}",
        formed.text()
    );
    let groups = world.bot.store.list_groups(world.cohort.id).await.unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(
        groups.iter().map(|g| g.members.len()).collect::<Vec<_>>(),
        vec![3, 3]
    );
    let thread_a = ChannelId::new(groups[0].thread_id.expect("set 1 has a thread").0);
    let thread_b = ChannelId::new(groups[1].thread_id.expect("set 2 has a thread").0);
    assert_eq!(fake.threads(world.channel).len(), 2);
    for (group, thread) in [(&groups[0], thread_a), (&groups[1], thread_b)] {
        let members = fake.channel(thread).unwrap().members;
        for member in &group.members {
            assert!(
                members.iter().any(|m| m.get() == member.0),
                "{member} is in its set's thread"
            );
        }
    }
    let member_of = |group: usize, i: usize| {
        trainees
            .iter()
            .find(|t| user_id(t) == groups[group].members[i])
            .unwrap()
    };

    // Set 1 takes the course's series; set 2 is scheduled one session at a time.
    let series = world
        .facilitator
        .slash("set schedule", [("set", "Set 1")])
        .await;
    assert!(
        series.text().contains("session 3 of 3"),
        "{}",
        series.text()
    );
    let a1 = world
        .sessions()
        .await
        .into_iter()
        .find(|s| s.kind != SessionKind::Event)
        .expect("the set's first session");
    assert_eq!(a1.group_id, Some(groups[0].id));
    let expected_first = local_to_utc(
        (world.cohort.starts_on + Duration::weeks(9))
            .iter_days()
            .find(|d| d.format("%a").to_string() == "Wed")
            .unwrap()
            .and_time(NaiveTime::from_hms_opt(19, 0, 0).unwrap()),
        world.tz(),
    );
    assert_eq!(
        a1.starts_at,
        expected_first.timestamp_millis(),
        "week 10, Wednesday 19:00"
    );
    for day in [7, 8, 9] {
        let at = world.local(at_ms(a1.starts_at) + Duration::days(day));
        let one = world
            .facilitator
            .slash("set schedule", [("set", "Set 2"), ("at", &at)])
            .await;
        assert!(
            one.text().contains("Scheduled for **Set 2**"),
            "{}",
            one.text()
        );
    }
    let sessions = world.sessions().await;
    let of = |group: usize| -> Vec<Session> {
        sessions
            .iter()
            .filter(|s| s.group_id == Some(groups[group].id))
            .cloned()
            .collect()
    };
    let (set_a, set_b) = (of(0), of(1));
    assert_eq!((set_a.len(), set_b.len()), (3, 3));
    assert!(set_a[2].presentations && !set_a[0].presentations);
    let local = |ms: i64| at_ms(ms).with_timezone(&world.tz()).naive_local();
    assert_eq!(
        local(set_a[1].starts_at) - local(set_a[0].starts_at),
        Duration::weeks(14),
        "every 14 weeks, at the same local time after any change of clocks"
    );

    // Set 2's last session moves a day later; its reminders follow it.
    let moved_to = at_ms(set_b[2].starts_at) + Duration::days(1);
    let moved = world
        .facilitator
        .slash(
            "set move",
            [
                ("set", "Set 2"),
                ("session", "3"),
                ("at", &world.local(moved_to)),
            ],
        )
        .await;
    assert!(moved.text().contains("moved to"), "{}", moved.text());
    let b3 = world.bot.store.session(set_b[2].id).await.unwrap().unwrap();
    assert_eq!(world.local(at_ms(b3.starts_at)), world.local(moved_to));
    assert_eq!(
        b3.ends_at - b3.starts_at,
        set_b[2].ends_at - set_b[2].starts_at
    );

    // A member answers the first session's invitation; someone from the other set may not.
    let post = step_then_message(&world.bot, thread_a, &["session 1 of 3", "Will you come?"]).await;
    let yes = member_of(0, 0)
        .in_channel(thread_a)
        .click(&post, "Yes")
        .await;
    assert!(yes.is_ephemeral());
    assert!(yes.text().contains("you said **yes**"), "{}", yes.text());
    let outsider = member_of(1, 0)
        .in_channel(thread_a)
        .click(&post, "No")
        .await;
    assert!(
        outsider.text().contains("members of that set"),
        "{}",
        outsider.text()
    );
    let answers = world.bot.store.session_attendance(a1.id).await.unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].rsvp, Some(Rsvp::Yes));
    assert_eq!(answers[0].user_id, groups[0].members[0]);

    // The reminders arrive in set 1's thread when they are due to the second, and nowhere
    // else.
    let start = at_ms(a1.starts_at);
    let day_before = start - Duration::hours(24);
    world.clock.set(day_before - Duration::seconds(1));
    step_then_message(
        &world.bot,
        thread_a,
        &["starts in 3 days", "session 1 of 3"],
    )
    .await;
    assert!(!reminders(fake, thread_a)
        .iter()
        .any(|m| m.content.contains("24 hours")));
    world.clock.set(day_before);
    step_then_message(
        &world.bot,
        thread_a,
        &["starts in 24 hours", "session 1 of 3"],
    )
    .await;
    let hour_before = start - Duration::hours(1);
    world.clock.set(hour_before - Duration::seconds(1));
    world.bot.step().await;
    assert_eq!(
        reminders(fake, thread_a).len(),
        2,
        "the hour's reminder waits"
    );
    world.clock.set(hour_before);
    step_then_message(
        &world.bot,
        thread_a,
        &["starts in 1 hour", "session 1 of 3"],
    )
    .await;
    assert_eq!(reminders(fake, thread_a).len(), 3);
    assert!(
        reminders(fake, thread_b).is_empty(),
        "nothing for set 2 yet"
    );
    assert!(reminders(fake, world.channel).is_empty());

    // Set 2's first session starts while the bot sees no time pass: its reminders are
    // never sent late, while those of its later sessions that are due arrive.
    world
        .clock
        .set(at_ms(set_b[0].starts_at) + Duration::minutes(1));
    step_then_message(
        &world.bot,
        thread_b,
        &["Set 2 · session 2 of 3", "starts in 24 hours"],
    )
    .await;
    world.bot.step().await;
    let late = reminders(fake, thread_b);
    assert!(
        !late.iter().any(|m| m.content.contains("session 1 of 3")),
        "{late:?}"
    );
    assert!(late.iter().all(|m| m.content.contains("Set 2")));
    let last_session: Vec<&Message> = late
        .iter()
        .filter(|m| m.content.contains("session 3 of 3"))
        .collect();
    assert_eq!(
        last_session.len(),
        1,
        "only the moved time's reminder: {late:?}"
    );
    assert!(last_session[0]
        .content
        .contains(&format!("<t:{}:F>", b3.starts_at / 1000)));

    // Attendance of all three sessions earns the set's members the badge.
    let early = world
        .facilitator
        .slash("set attendance", [("set", "Set 1"), ("session", "2")])
        .await;
    assert!(early.text().contains("has not started"), "{}", early.text());
    world
        .clock
        .set(at_ms(set_a[2].ends_at) + Duration::hours(1));
    let absent = member_of(0, 2).mention();
    let mut last = None;
    for session in ["1", "2", "3"] {
        last = Some(
            world
                .facilitator
                .slash(
                    "set attendance",
                    [("set", "Set 1"), ("session", session), ("absent", &absent)],
                )
                .await,
        );
    }
    let last = last.unwrap();
    assert!(last.text().contains("Action Learner"), "{}", last.text());
    assert_role_on(fake, member_of(0, 0), "Action Learner");
    assert_role_on(fake, member_of(0, 1), "Action Learner");
    let role = fake.role_named(fake.guild_id(), "Action Learner").unwrap();
    assert!(
        !member_of(0, 2).has_role(role.id),
        "the absent member has not earned it"
    );
    assert!(!member_of(1, 0).has_role(role.id));
    let stranger = member_of(1, 0)
        .slash("set attendance", [("set", "Set 1"), ("session", "1")])
        .await;
    assert!(
        stranger
            .text()
            .contains("Only the facilitators of “Autumn” record attendance"),
        "{}",
        stranger.text()
    );
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_of_one_read_in_the_singular() {
    let world = world().await;
    let ann = world.trainee(MemberSpec::new("ann")).await;
    world.trainee(MemberSpec::new("ben")).await;

    let info = ann.slash("cohort info", []).await;
    assert!(
        info.text().contains("2 trainees, 0 mentors, 1 facilitator")
            && !info.text().contains("1 facilitators"),
        "{}",
        info.text()
    );
    let formed = world.facilitator.slash("set form", []).await;
    assert!(
        formed.text().contains("Formed 1 set:") && !formed.text().contains("(s)"),
        "{}",
        formed.text()
    );
    let enrolled = world
        .facilitator
        .slash(
            "cohort enroll",
            [("as", "Mentor"), ("member", &ann.mention())],
        )
        .await;
    assert!(
        enrolled.text().contains("Enrolled 1 person"),
        "{}",
        enrolled.text()
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentoring_pairs_meet_four_times_with_reminders_and_private_notes() {
    let world = world().await;
    let fake = &world.bot.fake;
    let tara = world.trainee(MemberSpec::new("tara").dms_closed()).await;
    let tom = world.trainee(MemberSpec::new("tom")).await;
    let mo = world.mentor("mo").await;
    let mia = world.mentor("mia").await;

    let refused = tara
        .slash(
            "mentor pair",
            [("mentor", &mo.mention()), ("trainee", &tom.mention())],
        )
        .await;
    assert!(
        refused.text().contains("Only the facilitators"),
        "{}",
        refused.text()
    );
    for (mentor, trainee) in [(&mo, &tara), (&mia, &tom)] {
        let paired = world
            .facilitator
            .slash(
                "mentor pair",
                [
                    ("mentor", &mentor.mention()),
                    ("trainee", &trainee.mention()),
                ],
            )
            .await;
        assert!(paired.text().contains("Paired"), "{}", paired.text());
    }
    let pair = world
        .bot
        .store
        .pairs_of_mentor(world.cohort.id, user_id(&mo))
        .await
        .unwrap()
        .remove(0);
    let thread = ChannelId::new(pair.thread_id.expect("the pair has a thread").0);
    let members = fake.channel(thread).unwrap().members;
    assert!(members.contains(&mo.id()) && members.contains(&tara.id()));
    assert!(!members.contains(&tom.id()));

    for n in 1..=4 {
        let start = world.clock.now_ms() + Duration::days(3).num_milliseconds();
        let at = world.local(at_ms(start));
        let proposed = tara.slash("meeting propose", [("at", &at)]).await;
        assert!(
            proposed.text().contains("once the other side confirms"),
            "{}",
            proposed.text()
        );
        let title = format!("Mentoring meeting {n}");
        let proposal = step_then_message(&world.bot, thread, &[&title, "proposes"]).await;
        let own = tara.in_channel(thread).click(&proposal, "Confirm").await;
        assert!(
            own.text().contains("the other side confirms it"),
            "{}",
            own.text()
        );
        let confirmed = mo.in_channel(thread).click(&proposal, "Confirm").await;
        assert!(
            confirmed.text().contains("is confirmed"),
            "{}",
            confirmed.text()
        );
        // The proposal itself now says it is settled, with no button left to press.
        let settled = fake
            .messages(thread)
            .into_iter()
            .find(|m| m.id == proposal.id)
            .unwrap();
        assert!(
            settled.buttons().is_empty()
                && !settled.text().contains("Confirm if that suits you")
                && settled.text().contains("is confirmed"),
            "{}",
            settled.text()
        );
        // Tara proposed and is waiting: she is the one told, not Mo who pressed Confirm.
        // It is posted before the click is answered.
        let news = fake
            .messages(thread)
            .into_iter()
            .rfind(|m| {
                m.id != proposal.id && m.content.contains(&title) && m.content.contains("✅")
            })
            .expect("the proposer is told in the thread");
        assert!(
            news.content.starts_with(&tara.mention()) && !news.content.contains(&mo.mention()),
            "{}",
            news.content
        );
        let meeting = world
            .sessions()
            .await
            .into_iter()
            .find(|s| s.title == title && s.pair_id == Some(pair.id))
            .unwrap();
        assert_eq!(meeting.status, SessionStatus::Scheduled);
        let begins = at_ms(meeting.starts_at);
        if n == 1 {
            world
                .clock
                .set(begins - Duration::hours(24) + Duration::minutes(1));
            let fallback =
                step_then_message(&world.bot, thread, &["starts in 24 hours", &tara.mention()])
                    .await;
            assert!(
                fallback
                    .content
                    .contains("could not send you this as a direct message"),
                "{}",
                fallback.content
            );
            step_then_dm(&world.bot, &mo, "starts in 24 hours").await;
            let not_yet = mo.slash("meeting log", []).await;
            assert!(
                not_yet.text().contains("no meeting to log"),
                "{}",
                not_yet.text()
            );
        }
        world.clock.set(begins + Duration::hours(1));
        let notes = format!("Private notes on meeting {n}");
        let logged = mo.slash("meeting log", [("notes", &notes)]).await;
        assert!(logged.is_ephemeral());
        assert!(
            logged.text().contains(&format!("{n} of 4 meetings")),
            "{}",
            logged.text()
        );
        if n == 4 {
            assert!(
                logged.text().contains("Mentored Leader"),
                "{}",
                logged.text()
            );
        }
    }
    assert_role_on(fake, &tara, "Mentored Leader");
    assert_eq!(
        world
            .bot
            .store
            .count_attended(world.cohort.id, user_id(&tara), "mentoring")
            .await
            .unwrap(),
        4
    );

    // Six weeks (the default) without a meeting nudge a mentor whose series is not
    // complete; the fourth meeting of four withdrew mo's nudge and queued none.
    let last_log = world.clock.now();
    world
        .clock
        .set(last_log + Duration::weeks(6) + Duration::minutes(1));
    let nudge = "has not had a mentoring meeting for 6 weeks";
    step_then_dm(&world.bot, &mia, nudge).await;
    let nudges = mo
        .dms()
        .iter()
        .filter(|m| m.content.contains(nudge))
        .count();
    assert_eq!(nudges, 0, "the series is complete: {:?}", mo.dms());

    let trainee_logs = tara.slash("meeting log", []).await;
    assert!(
        trainee_logs.text().contains("Only the mentor"),
        "{}",
        trainee_logs.text()
    );
    let own = mo.slash("meeting list", []).await;
    assert!(
        own.text().contains("Private notes on meeting 4"),
        "{}",
        own.text()
    );
    let trainee_view = tara.slash("meeting list", []).await;
    assert!(trainee_view.text().contains("Mentoring meeting 4"));
    assert!(
        !trainee_view.text().contains("Private notes"),
        "{}",
        trainee_view.text()
    );
    let other_mentor = mia.slash("meeting list", [("mentor", &mo.mention())]).await;
    assert!(
        other_mentor.text().contains("only your own"),
        "{}",
        other_mentor.text()
    );
    let mias = mia.slash("meeting list", []).await;
    assert!(!mias.text().contains(&tara.mention()), "{}", mias.text());
    assert!(!mias.text().contains("Private notes"), "{}", mias.text());
    let facilitator = world
        .facilitator
        .slash("meeting list", [("mentor", &mo.mention())])
        .await;
    assert!(facilitator.text().contains("Private notes on meeting 1"));
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn course_events_are_discord_events_that_move_cancel_and_count_interest() {
    let world = world().await;
    let fake = &world.bot.fake;
    let tess = world.trainee(MemberSpec::new("tess")).await;
    let refused = tess.slash("event list", []).await;
    assert!(
        refused.text().contains("Only the facilitators"),
        "{}",
        refused.text()
    );
    let published = fake.scheduled_events(fake.guild_id());
    assert_eq!(
        published.len(),
        3,
        "both training days and graduation, published when the cohort was created"
    );

    let listed = world.facilitator.slash("event list", []).await;
    assert!(listed.text().contains("Graduation"), "{}", listed.text());
    let graduation = published
        .iter()
        .find(|e| e.name == "Graduation")
        .unwrap()
        .clone();
    assert_eq!(graduation.kind, ScheduledEventType::External);
    assert!(graduation.location.as_deref().unwrap().contains("hall"));
    assert_eq!(
        graduation.end.unwrap() - graduation.start,
        Duration::hours(3)
    );
    let stored = world
        .sessions()
        .await
        .into_iter()
        .find(|s| s.kind == SessionKind::Event && s.title == "Graduation")
        .unwrap();
    assert_eq!(
        stored.discord_event_id.map(|e| e.0),
        Some(graduation.id.get())
    );
    assert_eq!(graduation.start.timestamp_millis(), stored.starts_at);
    let again = world.facilitator.slash("event list", []).await;
    assert!(again.text().contains("Graduation"));
    assert_eq!(
        fake.scheduled_events(fake.guild_id()).len(),
        3,
        "published once"
    );

    let camp_at = world.local(at_ms(stored.starts_at) - Duration::days(30));
    let camp = world
        .facilitator
        .slash(
            "event create",
            [
                ("title", "Action camp"),
                ("at", &camp_at),
                ("duration", "2h30m"),
                ("location", "Riverside park"),
            ],
        )
        .await;
    assert!(camp.text().contains("is scheduled"), "{}", camp.text());
    let published = fake.scheduled_events(fake.guild_id());
    let camp = published.iter().find(|e| e.name == "Action camp").unwrap();
    assert_eq!(camp.location.as_deref(), Some("Riverside park"));
    assert_eq!(camp.end.unwrap() - camp.start, Duration::minutes(150));
    assert_eq!(world.local(camp.start), camp_at);

    tess.subscribe(graduation.id).await;
    let rsvps = world
        .facilitator
        .slash("event rsvps", [("event", "Graduation")])
        .await;
    assert!(rsvps.text().contains(&tess.mention()), "{}", rsvps.text());
    let answers = world.bot.store.session_attendance(stored.id).await.unwrap();
    assert_eq!(answers[0].rsvp, Some(Rsvp::Yes));

    let later = at_ms(stored.starts_at) + Duration::days(7);
    let moved = world
        .facilitator
        .slash(
            "event move",
            [("event", "Graduation"), ("at", &world.local(later))],
        )
        .await;
    assert!(moved.text().contains("moved to"), "{}", moved.text());
    let now_on = fake.scheduled_event(graduation.id).unwrap();
    assert_eq!(world.local(now_on.start), world.local(later));
    assert_eq!(now_on.end.unwrap() - now_on.start, Duration::hours(3));

    let cancelled = world
        .facilitator
        .slash("event cancel", [("event", "Graduation")])
        .await;
    assert!(
        cancelled.text().contains("cancelled"),
        "{}",
        cancelled.text()
    );
    assert_eq!(
        fake.scheduled_event(graduation.id).unwrap().status,
        ScheduledEventStatus::Canceled
    );
    let gone = world
        .facilitator
        .slash(
            "event move",
            [("event", "Graduation"), ("at", &world.local(later))],
        )
        .await;
    assert!(gone.text().contains("There is no event"), "{}", gone.text());
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_change_saved_before_discord_refused_says_what_was_saved() {
    let world = world().await;
    let fake = &world.bot.fake;
    let listed = world.facilitator.slash("event list", []).await;
    assert!(listed.text().contains("Graduation"), "{}", listed.text());
    let graduation = world
        .sessions()
        .await
        .into_iter()
        .find(|s| s.title.contains("Graduation"))
        .unwrap();
    let bot_role = fake.bot_role(fake.guild_id());
    let granted = fake.role(bot_role).unwrap().permissions;
    fake.set_role_permissions(bot_role, granted - Permissions::MANAGE_EVENTS);

    let camp_at = world.local(at_ms(graduation.starts_at) - Duration::days(30));
    let later = world.local(at_ms(graduation.starts_at) + Duration::days(7));
    // Moved and cancelled first: while Action camp waits to be published, every `/event`
    // command asks for the permission before doing anything.
    let replies = [
        (
            world
                .facilitator
                .slash("event move", [("event", "Graduation"), ("at", &later)])
                .await,
            "moved to",
        ),
        (
            world
                .facilitator
                .slash("event cancel", [("event", "Graduation")])
                .await,
            "is cancelled",
        ),
        (
            world
                .facilitator
                .slash(
                    "event create",
                    [
                        ("title", "Action camp"),
                        ("at", &camp_at),
                        ("duration", "2h"),
                    ],
                )
                .await,
            "**Action camp** is scheduled",
        ),
    ];
    for (reply, saved) in &replies {
        let text = reply.text();
        assert!(
            text.contains(saved)
                && text.contains("That is saved, but")
                && text.contains("Manage Events")
                && !text.contains("nothing was changed"),
            "{text}"
        );
    }
    let sessions = world.sessions().await;
    assert!(sessions.iter().any(|s| s.title == "Action camp"));
    let graduation = sessions.iter().find(|s| s.id == graduation.id).unwrap();
    assert_eq!(graduation.status, SessionStatus::Cancelled);

    fake.set_role_permissions(bot_role, granted);
    world.facilitator.slash("event list", []).await;
    assert!(
        fake.scheduled_events(fake.guild_id())
            .iter()
            .any(|e| e.name == "Action camp"),
        "published by the next /event, as the reply said"
    );
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sets_formed_without_a_thread_say_they_were_formed() {
    let world = world().await;
    let fake = &world.bot.fake;
    world.trainee(MemberSpec::new("ann")).await;
    world.trainee(MemberSpec::new("ben")).await;
    let bot_role = fake.bot_role(fake.guild_id());
    let granted = fake.role(bot_role).unwrap().permissions;
    fake.set_role_permissions(bot_role, granted - Permissions::CREATE_PRIVATE_THREADS);

    let formed = world.facilitator.slash("set form", []).await;
    let text = formed.text();
    assert!(
        text.contains("Formed 1 set, 0 with its thread so far.")
            && text.contains("That is saved, but")
            && !text.contains("nothing was changed"),
        "{text}"
    );
    let groups = world.bot.store.list_groups(world.cohort.id).await.unwrap();
    assert_eq!(groups.len(), 1);
    fake.assert_no_violations();
}
