//! The durable scheduler on both backends: DST, catch-up after downtime, crashes at every
//! point of a send, concurrent instances, failures, expiry, and the run loop. Discord is an
//! in-memory notifier that honours `enforce_nonce` the way Discord does.

use std::num::NonZeroU32;
use std::time::Duration;

use crate::bench::*;
use crate::store_backends::TestDb;
use chrono_tz::Tz;
use cohortbot::domain::Clock;
use cohortbot::model::*;
use cohortbot::scheduler::*;
use tokio::sync::watch;

store_tests!(
    london_weekly_rule_fires_late_in_the_spring_gap,
    london_weekly_rule_fires_once_in_the_repeated_autumn_hour,
    sao_paulo_daily_rule_fires_late_in_the_spring_gap,
    sao_paulo_daily_rule_fires_once_in_the_repeated_autumn_hour,
    after_downtime_only_the_latest_occurrence_is_sent_and_marked_late,
    an_occurrence_is_marked_late_only_past_the_late_after_bound,
    after_downtime_beyond_the_grace_window_nothing_is_sent,
    a_one_off_schedule_fires_once_and_switches_off,
    a_repeating_rule_stops_after_its_end_and_switches_off,
    an_unreadable_schedule_is_switched_off_and_the_others_still_fire,
    two_instances_materialise_a_due_schedule_once,
    a_crash_between_claim_and_send_loses_nothing,
    a_crash_between_send_and_acknowledge_sends_one_message,
    two_instances_send_ten_thousand_deliveries_exactly_once,
    a_refused_message_goes_to_the_fallback_channel,
    a_refused_message_without_fallback_is_dead_with_the_reason,
    transient_failures_back_off_then_give_up,
    a_retry_goes_ahead_of_work_that_became_due_after_it,
    expired_deliveries_are_not_sent,
    next_due_is_the_soonest_pending_delivery,
    an_idle_loop_sleeps_past_work_not_yet_due_and_wakes_for_new_work,
    the_run_loop_sends_until_shut_down,
);

// ---------------------------------------------------------------------------------------
// DST: occurrences land on the instants `course::time` documents.

async fn london_weekly_rule_fires_late_in_the_spring_gap(db: &TestDb) {
    // Clocks went from 01:00 GMT to 02:00 BST on Sunday 2026-03-29: 01:30 did not exist
    // and moves forward to 02:30 BST (01:30Z). The next Sunday's 01:30 is BST (00:30Z).
    let case = DstCase {
        rule: "30 1 * * SUN",
        tz: chrono_tz::Europe::London,
        from: "2026-03-22T12:00:00Z",
        fires: ["2026-03-29T01:30:00Z", "2026-04-05T00:30:00Z"],
        repeat: None,
    };
    case.check(db).await;
}

async fn london_weekly_rule_fires_once_in_the_repeated_autumn_hour(db: &TestDb) {
    // 01:30 happened twice on Sunday 2026-10-25: at 00:30Z (BST) and 01:30Z (GMT).
    let case = DstCase {
        rule: "30 1 * * SUN",
        tz: chrono_tz::Europe::London,
        from: "2026-10-18T12:00:00Z",
        fires: ["2026-10-25T00:30:00Z", "2026-11-01T01:30:00Z"],
        repeat: Some("2026-10-25T01:30:00Z"),
    };
    case.check(db).await;
}

async fn sao_paulo_daily_rule_fires_late_in_the_spring_gap(db: &TestDb) {
    // On 2018-11-04 midnight jumped to 01:00 (-03 to -02): 00:30 moves to 01:30 -02 (03:30Z).
    let case = DstCase {
        rule: "30 0 * * *",
        tz: chrono_tz::America::Sao_Paulo,
        from: "2018-11-03T12:00:00Z",
        fires: ["2018-11-04T03:30:00Z", "2018-11-05T02:30:00Z"],
        repeat: None,
    };
    case.check(db).await;
}

async fn sao_paulo_daily_rule_fires_once_in_the_repeated_autumn_hour(db: &TestDb) {
    // On 2019-02-16 midnight went back to 23:00: 23:30 happened at 01:30Z (-02) and 02:30Z (-03).
    let case = DstCase {
        rule: "30 23 * * *",
        tz: chrono_tz::America::Sao_Paulo,
        from: "2019-02-16T12:00:00Z",
        fires: ["2019-02-17T01:30:00Z", "2019-02-18T02:30:00Z"],
        repeat: Some("2019-02-17T02:30:00Z"),
    };
    case.check(db).await;
}

/// A rule, where its first occurrence is looked for, the two instants it must fire at, and
/// the repeat of the first one's wall-clock time that must stay quiet.
struct DstCase {
    rule: &'static str,
    tz: Tz,
    from: &'static str,
    fires: [&'static str; 2],
    repeat: Option<&'static str>,
}

impl DstCase {
    async fn check(&self, db: &TestDb) {
        let env = Env::new(db, utc(self.from)).await;
        let schedule = env.schedule(self.rule, self.tz, None).await;
        assert_eq!(schedule.next_fire_at, Some(utc(self.fires[0])));
        let scheduler = env.scheduler("a");
        let [first, second] = self.fires.map(utc);
        let mut steps = vec![(first - SECOND, 0), (first, 1)];
        steps.extend(self.repeat.map(|repeat| (utc(repeat), 0)));
        steps.extend([(second - SECOND, 0), (second, 1)]);
        for (at, expected) in steps {
            env.clock.set(at);
            let report = scheduler.run_due_once().await.unwrap();
            assert_eq!(report.sent, expected, "at {}", iso(at));
        }
        let posted = env.discord.messages();
        let expected: Vec<String> = [first, second]
            .map(|at| nonce_for(&occurrence_key(schedule.id, at)))
            .into();
        let nonces: Vec<String> = posted.iter().map(|m| m.nonce.clone()).collect();
        assert_eq!(
            nonces, expected,
            "one message per occurrence, at its instant"
        );
        assert!(
            posted.iter().all(|m| !m.content.contains("late")),
            "{posted:?}"
        );
        let after = env.store().schedule(schedule.id).await.unwrap().unwrap();
        assert!(after.next_fire_at > Some(second));
    }
}

// ---------------------------------------------------------------------------------------
// Downtime: the latest missed occurrence within the grace window, marked late; never a flood.

async fn after_downtime_only_the_latest_occurrence_is_sent_and_marked_late(db: &TestDb) {
    let start = utc("2026-06-01T00:00:00Z");
    let env = Env::new(db, start).await;
    let schedule = env
        .schedule("0 9 * * *", chrono_tz::Europe::London, None)
        .await;
    let first = utc("2026-06-01T08:00:00Z");
    assert_eq!(schedule.next_fire_at, Some(first));

    env.clock.set(first + 5 * DAY + 30 * MINUTE);
    let report = env.scheduler("a").run_due_once().await.unwrap();

    assert_eq!(report.enqueued.len(), 1);
    assert_eq!(report.sent, 1);
    let delivery = env.delivery(report.enqueued[0]).await;
    assert_eq!(delivery.due_at, first + 5 * DAY);
    assert_eq!(delivery.state, DeliveryState::Sent);
    let posted = env.discord.messages();
    assert_eq!(posted.len(), 1, "none for the older days");
    let due_secs = (first + 5 * DAY) / 1000;
    assert!(
        posted[0]
            .content
            .starts_with(&format!("(late: this was due at <t:{due_secs}:F>)\n")),
        "{:?}",
        posted[0].content
    );
    let after = env.store().schedule(schedule.id).await.unwrap().unwrap();
    assert_eq!(after.next_fire_at, Some(first + 6 * DAY));
}

/// `late_after` behind is still on time; a millisecond more is late.
async fn an_occurrence_is_marked_late_only_past_the_late_after_bound(db: &TestDb) {
    let env = Env::new(db, utc("2026-06-01T00:00:00Z")).await;
    env.schedule("0 9 * * *", chrono_tz::Europe::London, None)
        .await;
    let first = utc("2026-06-01T08:00:00Z");
    let late_after = i64::try_from(SchedulerConfig::default().late_after.as_millis()).unwrap();
    let scheduler = env.scheduler("a");

    env.clock.set(first + late_after);
    assert_eq!(scheduler.run_due_once().await.unwrap().sent, 1);
    env.clock.set(first + DAY + late_after + 1);
    assert_eq!(scheduler.run_due_once().await.unwrap().sent, 1);

    let posted = env.discord.messages();
    let late: Vec<bool> = posted
        .iter()
        .map(|m| m.content.starts_with("(late"))
        .collect();
    assert_eq!(late, [false, true], "{posted:?}");
}

async fn after_downtime_beyond_the_grace_window_nothing_is_sent(db: &TestDb) {
    let env = Env::new(db, utc("2026-06-01T00:00:00Z")).await;
    let schedule = env
        .schedule("0 9 * * *", chrono_tz::Europe::London, None)
        .await;
    let first = utc("2026-06-01T08:00:00Z");

    let now = first + 5 * DAY + 2 * HOUR;
    env.clock.set(now);
    let report = env.scheduler("a").run_due_once().await.unwrap();

    assert!(report.enqueued.is_empty());
    assert!(env.discord.messages().is_empty());
    let after = env.store().schedule(schedule.id).await.unwrap().unwrap();
    assert_eq!(after.next_fire_at, Some(first + 6 * DAY));
    assert!(after.next_fire_at > Some(now));
    assert!(after.active);
}

async fn a_one_off_schedule_fires_once_and_switches_off(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let message = DeliveryPayload {
        content: "Welcome to week 1".into(),
        embed: Some(Embed {
            title: Some("Week 1".into()),
            description: Some("Read the first module".into()),
            colour: Some(0x2e86c1),
        }),
        thread_name: Some("Week 1 questions".into()),
        ..DeliveryPayload::default()
    };
    let schedule = env.schedule("once", Tz::UTC, Some(message)).await;
    assert_eq!(schedule.next_fire_at, Some(T0 + MINUTE));

    let scheduler = env.scheduler("a");
    env.clock.set(T0 + MINUTE);
    assert_eq!(scheduler.run_due_once().await.unwrap().sent, 1);
    env.clock.set(T0 + DAY);
    assert_eq!(scheduler.run_due_once().await.unwrap().sent, 0);

    let after = env.store().schedule(schedule.id).await.unwrap().unwrap();
    assert!(!after.active);
    assert_eq!(after.next_fire_at, None);
    let posted = env.discord.messages();
    assert_eq!(posted.len(), 1);
    assert_eq!(posted[0].content, "Welcome to week 1");
    assert_eq!(posted[0].thread_name.as_deref(), Some("Week 1 questions"));
    assert_eq!(posted[0].embed.as_ref().unwrap().colour, Some(0x2e86c1));
}

/// A schedule whose rule cannot be read (written by an older version, say) would fail every
/// step: it is switched off and sends nothing, and the step goes on with the others.
async fn an_unreadable_schedule_is_switched_off_and_the_others_still_fire(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let unreadable = env
        .store()
        .create_schedule(&NewSchedule {
            cohort_id: env.cohort,
            kind: "prompt".into(),
            rule: "every blue moon".into(),
            time_zone: Tz::UTC,
            next_fire_at: Some(T0 + MINUTE),
            payload: "{}".into(),
            created_at: T0,
        })
        .await
        .unwrap();
    let readable = env.schedule("once", Tz::UTC, None).await;

    env.clock.set(T0 + MINUTE);
    let report = env.scheduler("a").run_due_once().await.unwrap();

    assert_eq!(report.sent, 1);
    let store = env.store();
    assert!(!store.schedule(unreadable.id).await.unwrap().unwrap().active);
    assert!(!store.schedule(readable.id).await.unwrap().unwrap().active);
    assert_eq!(env.discord.messages().len(), 1);
}

async fn a_repeating_rule_stops_after_its_end_and_switches_off(db: &TestDb) {
    // Daily at 09:00 UTC for three days: the count a pack gave is stored as the last
    // occurrence's instant.
    let env = Env::new(db, utc("2026-06-01T00:00:00Z")).await;
    let rule = "0 9 * * * until 2026-06-03T09:00:00Z";
    let schedule = env.schedule(rule, Tz::UTC, None).await;
    let scheduler = env.scheduler("a");
    let mut sent = Vec::new();
    for day in 1..=6 {
        env.clock.set(utc(&format!("2026-06-0{day}T09:00:00Z")));
        sent.push(scheduler.run_due_once().await.unwrap().sent);
    }
    assert_eq!(sent, [1, 1, 1, 0, 0, 0]);
    assert_eq!(env.discord.messages().len(), 3);
    let after = env.store().schedule(schedule.id).await.unwrap().unwrap();
    assert!(!after.active);
    assert_eq!(after.next_fire_at, None);
}

async fn two_instances_materialise_a_due_schedule_once(db: &TestDb) {
    let env = Env::new(db, utc("2026-06-01T00:00:00Z")).await;
    env.schedule("*/5 * * * *", Tz::UTC, None).await;
    let (a, b) = (env.scheduler("a"), env.scheduler("b"));
    for step in 1..=20 {
        env.clock
            .set(utc("2026-06-01T00:00:00Z") + step * 5 * MINUTE);
        let (ra, rb) = tokio::join!(a.run_due_once(), b.run_due_once());
        let (ra, rb) = (ra.unwrap(), rb.unwrap());
        assert_eq!(ra.sent + rb.sent, 1, "step {step}");
    }
    assert_all_once(&env.discord, 20);
}

// ---------------------------------------------------------------------------------------
// Crashes: nothing is lost and nothing is posted twice.

async fn a_crash_between_claim_and_send_loses_nothing(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let id = env.enqueue("reminder:1", T0, None, None).await;
    env.discord.stall_next(Stall::BeforePosting);

    let crashed = env.scheduler("crashed");
    tokio::select! {
        _ = crashed.run_due_once() => panic!("the send should have stalled"),
        _ = env.discord.stalled() => {}
    }
    drop(crashed);
    let held = env.delivery(id).await;
    assert_eq!(held.state, DeliveryState::Running);
    assert_eq!(held.locked_by.as_deref(), Some("crashed"));
    assert!(env.discord.messages().is_empty());

    let survivor = env.scheduler("survivor");
    assert_eq!(
        survivor.run_due_once().await.unwrap().sent,
        0,
        "the lease holds"
    );
    env.clock.advance(LEASE);
    assert_eq!(survivor.run_due_once().await.unwrap().sent, 1);

    let sent = env.delivery(id).await;
    assert_eq!(sent.state, DeliveryState::Sent);
    assert_eq!(sent.locked_by.as_deref(), Some("survivor"));
    assert_all_once(&env.discord, 1);
}

async fn a_crash_between_send_and_acknowledge_sends_one_message(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let id = env.enqueue("reminder:2", T0, None, None).await;
    env.discord.stall_next(Stall::AfterPosting);

    let crashed = env.scheduler("crashed");
    tokio::select! {
        _ = crashed.run_due_once() => panic!("the acknowledgement should not have happened"),
        _ = env.discord.stalled() => {}
    }
    drop(crashed);
    let posted = env.discord.messages();
    assert_eq!(posted.len(), 1, "Discord has the message");
    assert_eq!(
        env.delivery(id).await.state,
        DeliveryState::Running,
        "but it is not marked sent"
    );

    env.clock.advance(LEASE);
    let survivor = env.scheduler("survivor");
    assert_eq!(survivor.run_due_once().await.unwrap().sent, 1);

    let nonce = nonce_for("reminder:2");
    assert_eq!(
        env.discord.requests_per_nonce()[&nonce],
        2,
        "sent twice, same nonce"
    );
    assert_all_once(&env.discord, 1);
    let sent = env.delivery(id).await;
    assert_eq!(sent.state, DeliveryState::Sent);
    assert_eq!(
        sent.message_id,
        Some(MessageId(posted[0].id)),
        "the first message's id"
    );
}

// ---------------------------------------------------------------------------------------
// Two instances on one database.

async fn two_instances_send_ten_thousand_deliveries_exactly_once(db: &TestDb) {
    const COUNT: usize = 10_000;
    let env = Env::new(db, T0).await;
    let ids = env.enqueue_many(COUNT).await;
    let pacer = Pacer::per_second(NonZeroU32::new(1_000_000).unwrap());
    let config = |owner: &str| SchedulerConfig {
        batch_size: 100,
        ..env.config(owner)
    };
    let a = env.scheduler_with(config("a"), pacer.clone());
    let b = env.scheduler_with(config("b"), pacer);

    let (ra, rb) = tokio::join!(a.run_due_once(), b.run_due_once());
    let (ra, rb) = (ra.unwrap(), rb.unwrap());

    assert_eq!(ra.sent as usize + rb.sent as usize, COUNT);
    assert_eq!(
        ra.unrecorded + rb.unrecorded + ra.lost_lease + rb.lost_lease,
        0
    );
    let requests = env.discord.requests_per_nonce();
    assert_eq!(requests.len(), COUNT);
    assert!(
        requests.values().all(|&n| n == 1),
        "no delivery was sent twice"
    );
    assert_all_once(&env.discord, COUNT);
    for id in ids {
        assert_eq!(env.delivery(id).await.state, DeliveryState::Sent);
    }
}

// ---------------------------------------------------------------------------------------
// Failures, retries and expiry.

async fn a_refused_message_goes_to_the_fallback_channel(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let reason = "403 Forbidden (50007: Cannot send messages to this user)";
    env.discord.refuse(ALICE, reason);
    let id = env
        .enqueue_to(
            Target {
                kind: TargetKind::Dm,
                id: ALICE,
            },
            "mentoring:3:alice",
            Some(ChannelId(FALLBACK)),
        )
        .await;

    let report = env.scheduler("a").run_due_once().await.unwrap();

    assert_eq!((report.fell_back, report.sent, report.dead), (1, 1, 0));
    let refused = env.delivery(id).await;
    assert_eq!(refused.state, DeliveryState::Dead);
    let error = refused.last_error.unwrap();
    assert!(error.starts_with(reason), "{error}");
    assert!(
        error.contains(&format!("fell back to channel {FALLBACK}")),
        "{error}"
    );
    let posted = env.discord.messages();
    assert_eq!(posted.len(), 1);
    assert_eq!(
        posted[0].target,
        Target {
            kind: TargetKind::Channel,
            id: FALLBACK
        }
    );
    assert!(
        posted[0].content.starts_with(&format!("<@{ALICE}>")),
        "{}",
        posted[0].content
    );
    assert!(
        posted[0].content.ends_with("hello"),
        "{}",
        posted[0].content
    );
    assert_eq!(posted[0].nonce, nonce_for("mentoring:3:alice:fallback"));
}

async fn a_refused_message_without_fallback_is_dead_with_the_reason(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let reason = "404 Not Found (10003: Unknown Channel)";
    env.discord.refuse(CHANNEL, reason);
    let id = env.enqueue("prompt:gone", T0, None, None).await;

    let report = env.scheduler("a").run_due_once().await.unwrap();

    assert_eq!((report.dead, report.sent), (1, 0));
    let dead = env.delivery(id).await;
    assert_eq!(dead.state, DeliveryState::Dead);
    assert_eq!(dead.last_error.as_deref(), Some(reason));
    assert!(env.discord.messages().is_empty());
}

async fn transient_failures_back_off_then_give_up(db: &TestDb) {
    let env = Env::new(db, T0).await;
    env.discord.refuse_for_now(CHANNEL, "502 Bad Gateway");
    let id = env.enqueue("prompt:flaky", T0, None, None).await;
    let config = SchedulerConfig {
        max_attempts: 3,
        ..env.config("a")
    };
    let scheduler = env.scheduler_with(config, Pacer::default());

    assert_eq!(scheduler.run_due_once().await.unwrap().retrying, 1);
    assert_eq!(env.delivery(id).await.retry_at, Some(T0 + 5 * SECOND));
    env.clock.set(T0 + 5 * SECOND - 1);
    assert_eq!(
        scheduler.run_due_once().await.unwrap().retrying,
        0,
        "not before"
    );
    env.clock.set(T0 + 5 * SECOND);
    assert_eq!(scheduler.run_due_once().await.unwrap().retrying, 1);
    assert_eq!(
        env.delivery(id).await.retry_at,
        Some(T0 + 15 * SECOND),
        "twice as long"
    );
    env.clock.set(T0 + 15 * SECOND);
    assert_eq!(scheduler.run_due_once().await.unwrap().dead, 1);

    let dead = env.delivery(id).await;
    assert_eq!(dead.state, DeliveryState::Dead);
    assert_eq!(dead.attempts, 3);
    assert_eq!(
        dead.last_error.as_deref(),
        Some("gave up after 3 attempts: 502 Bad Gateway")
    );
}

async fn a_retry_goes_ahead_of_work_that_became_due_after_it(db: &TestDb) {
    let env = Env::new(db, T0).await;
    env.discord.refuse_for_now(CHANNEL, "502 Bad Gateway");
    let first = env.enqueue("prompt:first", T0, None, None).await;
    let scheduler = env.scheduler("a");
    assert_eq!(scheduler.run_due_once().await.unwrap().retrying, 1);
    env.discord.accept_again(CHANNEL);
    for n in 1..=3 {
        env.enqueue(&format!("prompt:later:{n}"), T0 + n * SECOND, None, None)
            .await;
    }

    env.clock.set(T0 + 5 * SECOND);
    let claimed = env
        .store()
        .claim_due_deliveries("b", env.clock.now_ms(), 60_000, 1)
        .await
        .unwrap();

    assert_eq!(
        claimed.iter().map(|d| d.id).collect::<Vec<_>>(),
        vec![first],
        "the retry, first due, is claimed before the three due since"
    );
}

async fn expired_deliveries_are_not_sent(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let meeting = T0 + HOUR;
    let id = env
        .enqueue("reminder:meeting", T0, Some(meeting), None)
        .await;

    env.clock.set(meeting);
    let report = env.scheduler("a").run_due_once().await.unwrap();

    assert_eq!((report.expired, report.sent), (1, 0));
    assert_eq!(env.delivery(id).await.state, DeliveryState::Expired);
    assert!(env.discord.messages().is_empty());
}

async fn next_due_is_the_soonest_pending_delivery(db: &TestDb) {
    let env = Env::new(db, T0).await;
    assert_eq!(env.store().next_due_at().await.unwrap(), None);
    env.enqueue("prompt:in-five", T0 + 5 * 60_000, None, None)
        .await;
    env.enqueue("prompt:in-one", T0 + 60_000, None, None).await;

    assert_eq!(env.store().next_due_at().await.unwrap(), Some(T0 + 60_000));
    env.scheduler("a").run_due_once().await.unwrap();
    assert_eq!(
        env.store().next_due_at().await.unwrap(),
        Some(T0 + 60_000),
        "nothing was due yet"
    );
}

async fn an_idle_loop_sleeps_past_work_not_yet_due_and_wakes_for_new_work(db: &TestDb) {
    let env = Env::new(db, T0).await;
    env.enqueue("prompt:later", T0 + 10 * 60_000, None, None)
        .await;
    let config = SchedulerConfig {
        idle: Duration::from_secs(3600),
        ..env.config("idle")
    };
    let (shutdown, stop) = watch::channel(false);
    let running = tokio::spawn(env.scheduler_with(config, Pacer::default()).run(stop));

    env.enqueue("prompt:now", T0, None, None).await;
    env.discord.wait_for_messages(1).await;
    shutdown.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("the loop stops when asked")
        .unwrap();

    let sent = env.discord.messages();
    assert_eq!(sent.len(), 1, "only what was due by the clock: {sent:?}");
    assert_all_once(&env.discord, 1);
}

async fn the_run_loop_sends_until_shut_down(db: &TestDb) {
    let env = Env::new(db, T0).await;
    env.enqueue("prompt:loop", T0, None, None).await;
    let config = SchedulerConfig {
        tick: Duration::from_millis(20),
        ..env.config("loop")
    };
    let (shutdown, stop) = watch::channel(false);
    let running = tokio::spawn(env.scheduler_with(config, Pacer::default()).run(stop));

    env.discord.wait_for_messages(1).await;
    env.enqueue("prompt:loop-2", T0, None, None).await;
    env.discord.wait_for_messages(2).await;
    shutdown.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("the loop stops when asked")
        .unwrap();
    assert_all_once(&env.discord, 2);
}

// ---------------------------------------------------------------------------------------
// `DiscordNotifier` through serenity against the Discord stand-in (no database needed).

mod through_serenity {
    use std::sync::Arc;

    use cohortbot::discord::notifier::DiscordNotifier;
    use cohortbot::i18n::Lang;
    use cohortbot::model::TargetKind;
    use cohortbot::scheduler::{
        nonce_for, Embed, Notifier, OutboundMessage, Pacer, SendError, Target,
    };
    use fake_discord::{FakeDiscord, MemberSpec};

    fn notifier(fake: &FakeDiscord) -> DiscordNotifier {
        DiscordNotifier::new(Arc::new(fake.http()), Pacer::default())
    }

    fn message(kind: TargetKind, id: u64, key: &str) -> OutboundMessage {
        OutboundMessage {
            target: Target { kind, id },
            content: "Week 2 starts today".into(),
            embed: None,
            thread_name: None,
            extra: None,
            lang: Lang::En,
            nonce: nonce_for(key),
            tried_since: None,
        }
    }

    #[tokio::test]
    async fn a_resend_with_the_same_nonce_returns_the_first_message_and_thread() {
        let fake = FakeDiscord::start().await;
        let channel = fake.general_channel();
        let post = OutboundMessage {
            embed: Some(Embed {
                title: Some("Week 2".into()),
                description: Some("Read the module, then post a reflection.".into()),
                colour: Some(0x2e86c1),
            }),
            thread_name: Some("Week 2 questions".into()),
            ..message(TargetKind::Channel, channel.get(), "schedule:1:1")
        };
        let discord = notifier(&fake);

        let first = discord.send(&post).await.unwrap();
        let again = discord.send(&post).await.unwrap();

        assert_eq!(first, again);
        let posted = fake.messages_with_nonce(&post.nonce);
        assert_eq!(posted.len(), 1);
        assert_eq!(posted[0].content, "Week 2 starts today");
        assert_eq!(posted[0].embeds.len(), 1);
        assert_eq!(fake.threads(channel).len(), 1);
        fake.assert_no_violations();
    }

    #[tokio::test]
    async fn direct_messages_arrive_and_closed_ones_are_refused_for_good() {
        let fake = FakeDiscord::start().await;
        let alice = fake.add_member(MemberSpec::new("alice"));
        let bob = fake.add_member(MemberSpec::new("bob").dms_closed());
        let discord = notifier(&fake);

        discord
            .send(&message(TargetKind::Dm, alice.id().get(), "dm:alice"))
            .await
            .unwrap();
        let refused = discord
            .send(&message(TargetKind::Dm, bob.id().get(), "dm:bob"))
            .await;

        assert_eq!(alice.dms().len(), 1);
        assert!(
            matches!(&refused, Err(SendError::Permanent(reason)) if reason.contains("50007")),
            "{refused:?}"
        );
        fake.assert_no_violations();
    }

    #[tokio::test]
    async fn an_unknown_channel_is_refused_for_good() {
        let fake = FakeDiscord::start().await;
        let refused = notifier(&fake)
            .send(&message(TargetKind::Channel, 123_456_789, "gone"))
            .await;
        assert!(
            matches!(&refused, Err(SendError::Permanent(reason)) if reason.contains("10003")),
            "{refused:?}"
        );
    }

    #[tokio::test]
    async fn long_content_goes_out_in_parts_within_the_limit() {
        let fake = FakeDiscord::start().await;
        let channel = fake.general_channel();
        let paragraph = "word ".repeat(300);
        let post = OutboundMessage {
            content: format!("{paragraph}\n{paragraph}"),
            ..message(TargetKind::Channel, channel.get(), "long")
        };

        notifier(&fake).send(&post).await.unwrap();

        let posted = fake.messages(channel);
        assert_eq!(posted.len(), 2);
        assert!(posted.iter().all(|m| m.content.chars().count() <= 2000));
        fake.assert_no_violations();
    }

    #[tokio::test]
    async fn a_full_route_bucket_is_waited_out_before_discord_refuses() {
        let fake = FakeDiscord::builder()
            .route_rate_limit(2, std::time::Duration::from_millis(500))
            .start()
            .await;
        let general = fake.general_channel();
        let channel = general.get();
        let discord = DiscordNotifier::new(Arc::new(fake.rate_limited_http()), Pacer::default());

        for n in 0..5 {
            let key = format!("burst:{n}");
            let sent = discord
                .send(&message(TargetKind::Channel, channel, &key))
                .await;
            assert!(sent.is_ok(), "message {n}: {sent:?}");
        }

        assert_eq!(fake.messages(general).len(), 5);
        let refused = fake.requests().iter().filter(|r| r.status == 429).count();
        assert_eq!(refused, 0, "the bucket's headers were kept to");
    }

    #[tokio::test]
    async fn a_global_429_is_waited_out_and_each_message_posted_once() {
        let fake = FakeDiscord::builder()
            .rate_limit(2)
            .without_route_rate_limit()
            .start()
            .await;
        let general = fake.general_channel();
        let channel = general.get();
        let discord = Arc::new(DiscordNotifier::new(
            Arc::new(fake.rate_limited_http()),
            Pacer::default(),
        ));

        let mut sends = tokio::task::JoinSet::new();
        for n in 0..4 {
            let discord = Arc::clone(&discord);
            sends.spawn(async move {
                let key = format!("global:{n}");
                discord
                    .send(&message(TargetKind::Channel, channel, &key))
                    .await
            });
        }
        while let Some(sent) = sends.join_next().await {
            assert!(sent.unwrap().is_ok());
        }

        assert_eq!(fake.messages(general).len(), 4);
        assert!(
            fake.requests().iter().any(|r| r.status == 429),
            "the test must meet the global limit"
        );
    }
}
