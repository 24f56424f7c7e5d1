//! Discord's rules as the bot meets them through serenity: body validation with recorded
//! violations, the rate limit, role hierarchy, closed DMs, unknown ids, nonce deduplication,
//! files, threads and scheduled events.

mod common;

use std::time::Duration;

use chrono::Utc;
use fake_discord::{FakeDiscord, MemberSpec, RoleSpec, ViolationKind};
use serenity::all::{
    ChannelId, CreateActionRow, CreateAttachment, CreateButton, CreateMessage,
    CreateScheduledEvent, CreateThread, MessageId, Nonce, RoleId, ScheduledEventType, UserId,
};

#[tokio::test]
async fn an_over_long_message_is_refused_and_recorded_with_its_body() {
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .expect_violations()
        .start()
        .await;
    let http = fake.http();
    let general = fake.general_channel();
    // serenity's builders check the length themselves, so send the body as a bot that builds
    // its own JSON would.
    let body = serde_json::json!({ "content": "x".repeat(2001) });

    let error = http
        .send_message(general, vec![], &body)
        .await
        .expect_err("too long");

    assert_eq!(common::error_code(&error), "400 50035");
    assert_eq!(
        common::json_errors(&error),
        [("content".to_owned(), "BASE_TYPE_MAX_LENGTH".to_owned())]
    );
    let violations = fake.take_violations();
    assert_eq!(violations.len(), 1);
    assert_eq!(violations[0].kind, ViolationKind::InvalidBody);
    assert_eq!(violations[0].path, format!("/channels/{general}/messages"));
    assert_eq!(
        violations[0]
            .body
            .as_ref()
            .map(|b| b["content"].as_str().map(str::len)),
        Some(Some(2001))
    );
    assert!(violations[0]
        .to_string()
        .contains("content: Must be 2000 or fewer in length."));
    assert!(fake.messages(general).is_empty());
    general
        .say(&http, "x".repeat(2000))
        .await
        .expect("2000 characters are fine");
}

#[tokio::test]
async fn a_row_with_six_buttons_is_refused() {
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .expect_violations()
        .start()
        .await;
    let buttons = (0..6)
        .map(|i| CreateButton::new(format!("b{i}")).label(format!("B{i}")))
        .collect();
    let message = CreateMessage::new()
        .content("Pick")
        .components(vec![CreateActionRow::Buttons(buttons)]);

    let error = fake
        .general_channel()
        .send_message(&fake.http(), message)
        .await
        .expect_err("six buttons");

    assert_eq!(common::error_code(&error), "400 50035");
    let violations = fake.take_violations();
    assert_eq!(violations.len(), 1);
    assert_eq!(
        violations[0].problems,
        ["components.0.components: Must be 5 or fewer in length."]
    );
    assert_eq!(
        violations[0]
            .body
            .as_ref()
            .map(|b| b["components"][0]["components"].as_array().map(Vec::len)),
        Some(Some(6))
    );
}

#[tokio::test]
#[should_panic(expected = "data.components.0.components: Must be 5 or fewer in length.")]
async fn an_invalid_interaction_response_fails_the_test() {
    let (fake, _bot) = common::start().await;
    let alice = fake.add_member("alice");
    alice.slash("wide", []).await;
}

#[tokio::test]
#[should_panic(expected = "fake-discord recorded 1 violation(s)")]
async fn an_unread_violation_fails_the_test_when_the_fake_is_dropped() {
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .expect_violations()
        .start()
        .await;
    let _ = fake.general_channel().say(&fake.http(), "").await;
}

#[tokio::test]
async fn more_than_fifty_requests_a_second_get_429_with_retry_after() {
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .without_route_rate_limit()
        .start()
        .await;
    let http = std::sync::Arc::new(fake.http());

    let calls = (0..60).map(|_| {
        let http = http.clone();
        tokio::spawn(async move { http.get_current_user().await })
    });
    let mut statuses = vec![];
    for call in calls.collect::<Vec<_>>() {
        statuses.push(match call.await.expect("no panic") {
            Ok(_) => "ok".to_owned(),
            Err(error) => common::error_code(&error),
        });
    }
    let refused: Vec<&String> = statuses.iter().filter(|s| *s != "ok").collect();
    assert!(!refused.is_empty(), "60 requests at once were all accepted");
    assert!(refused.iter().all(|s| s.starts_with("429")), "{statuses:?}");
    // The first refusal came when 50 requests had been accepted within the second before it.
    let log = fake.requests();
    let first_refusal = log.iter().find(|r| r.status == 429).expect("a 429").at;
    let window = first_refusal - Duration::from_secs(1);
    let accepted = log
        .iter()
        .filter(|r| r.status == 200 && r.at > window && r.at <= first_refusal)
        .count();
    assert_eq!(accepted, 50);

    let raw = reqwest::Client::new()
        .get(format!("{}/api/v10/users/@me", fake.url()))
        .header("Authorization", format!("Bot {}", fake.token()))
        .send()
        .await
        .expect("request");
    assert_eq!(raw.status(), 429);
    assert_eq!(raw.headers()["x-ratelimit-global"], "true");
    assert_eq!(raw.headers()["x-ratelimit-scope"], "global");
    assert!(raw.headers().contains_key("retry-after"));
    let body: serde_json::Value = raw.json().await.expect("json");
    assert_eq!(body["global"], true);
    let retry_after = body["retry_after"].as_f64().expect("retry_after");
    assert!(retry_after > 0.0 && retry_after <= 1.0, "{retry_after}");

    tokio::time::sleep(Duration::from_secs_f64(retry_after)).await;
    http.get_current_user()
        .await
        .expect("allowed again after retry_after");
}

#[tokio::test]
async fn the_global_limit_is_configurable() {
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .rate_limit(5)
        .start()
        .await;
    let http = fake.http();

    for _ in 0..5 {
        http.get_current_user()
            .await
            .expect("within the limit of 5");
    }
    let error = http
        .get_current_user()
        .await
        .expect_err("the sixth request in a second");

    // Discord's 429 body has no `code`, so serenity reports -1 with the status.
    assert_eq!(common::error_code(&error), "429 -1");
    assert_eq!(
        fake.requests().iter().filter(|r| r.status == 429).count(),
        1
    );
}

#[tokio::test]
async fn a_route_limit_answers_a_non_global_429() {
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .route_rate_limit(2, Duration::from_secs(5))
        .start()
        .await;
    let http = fake.http();
    let general = fake.general_channel();

    general.say(&http, "one").await.expect("first");
    general.say(&http, "two").await.expect("second");
    let raw = reqwest::Client::new()
        .post(format!(
            "{}/api/v10/channels/{general}/messages",
            fake.url()
        ))
        .header("Authorization", format!("Bot {}", fake.token()))
        .json(&serde_json::json!({ "content": "three" }))
        .send()
        .await
        .expect("request");

    assert_eq!(raw.status(), 429);
    assert_eq!(raw.headers()["x-ratelimit-scope"], "user");
    assert_eq!(raw.headers()["x-ratelimit-remaining"], "0");
    assert_eq!(raw.headers()["x-ratelimit-limit"], "2");
    assert!(!raw.headers().contains_key("x-ratelimit-global"));
    let body: serde_json::Value = raw.json().await.expect("json");
    assert_eq!(body["global"], false);
    assert!(
        body["retry_after"]
            .as_f64()
            .is_some_and(|s| s > 4.0 && s <= 5.0),
        "{body}"
    );
    assert_eq!(fake.messages(general).len(), 2);
    http.get_current_user()
        .await
        .expect("another route has its own bucket");
}

#[tokio::test]
async fn every_answer_on_a_limited_route_says_where_its_bucket_stands() {
    let fake = FakeDiscord::start().await;
    let general = fake.general_channel();
    let post = || {
        reqwest::Client::new()
            .post(format!(
                "{}/api/v10/channels/{general}/messages",
                fake.url()
            ))
            .header("Authorization", format!("Bot {}", fake.token()))
            .json(&serde_json::json!({ "content": "hello", "allowed_mentions": { "parse": [] } }))
            .send()
    };

    let first = post().await.expect("request");
    let second = post().await.expect("request");

    assert_eq!(first.status(), 200);
    assert_eq!(
        first.headers()["x-ratelimit-limit"],
        "5",
        "Discord's 5 per 5 s by default"
    );
    assert_eq!(first.headers()["x-ratelimit-remaining"], "4");
    assert_eq!(second.headers()["x-ratelimit-remaining"], "3");
    assert_eq!(
        first.headers()["x-ratelimit-bucket"],
        second.headers()["x-ratelimit-bucket"]
    );
    let reset_after: f64 = second.headers()["x-ratelimit-reset-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(reset_after > 4.0 && reset_after <= 5.0, "{reset_after}");
}

#[tokio::test]
async fn through_its_proxy_the_fake_is_discord_com_and_serenity_keeps_its_limits() {
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .route_rate_limit(2, Duration::from_millis(300))
        .start()
        .await;
    let http = fake.rate_limited_http();
    let general = fake.general_channel();

    for n in 0..5 {
        general
            .say(&http, format!("message {n}"))
            .await
            .expect("sent");
    }

    assert_eq!(fake.messages(general).len(), 5);
    assert!(
        fake.requests().iter().all(|r| r.status != 429),
        "serenity read the bucket's headers and waited before Discord had to refuse"
    );
    let refused = reqwest::Client::builder()
        .proxy(reqwest::Proxy::https(fake.proxy_url()).unwrap())
        .build()
        .unwrap()
        .get("https://discord.com/api/v10/users/@me")
        .send()
        .await;
    assert!(
        refused.is_err(),
        "a client that does not trust the test authority cannot be fooled"
    );
}

#[tokio::test]
async fn a_role_at_or_above_the_bots_highest_cannot_be_assigned() {
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .bot_role_position(10)
        .start()
        .await;
    let facilitator = fake.add_role(RoleSpec::new("Facilitator").position(12));
    let badge = fake.add_role(RoleSpec::new("Badge: Week 1").position(2));
    let alice = fake.add_member("alice");
    let http = fake.http();

    let refused = http
        .add_member_role(fake.guild_id(), alice.id(), facilitator, None)
        .await
        .expect_err("above the bot");
    assert_eq!(common::error_code(&refused), "403 50013");
    let bot_role = fake.bot_role(fake.guild_id());
    let own = http
        .add_member_role(fake.guild_id(), alice.id(), bot_role, None)
        .await
        .expect_err("the bot's own role");
    assert_eq!(common::error_code(&own), "403 50013");
    http.add_member_role(fake.guild_id(), alice.id(), badge, None)
        .await
        .expect("below the bot");
    assert_eq!(alice.roles(), [badge]);

    fake.set_role_position(badge, 11);
    let moved = http
        .remove_member_role(fake.guild_id(), alice.id(), badge, None)
        .await
        .expect_err("moved above the bot");
    assert_eq!(common::error_code(&moved), "403 50013");
    assert!(alice.has_role(badge));
}

#[tokio::test]
async fn the_bot_sees_missing_permissions_when_a_user_asks_for_a_role_above_it() {
    let (fake, _bot) = common::start().await;
    let facilitator = fake.add_role(RoleSpec::new("Facilitator").position(12));
    let alice = fake.add_member("alice");

    let reply = fake
        .owner()
        .slash(
            "grant",
            [
                ("role", &facilitator.to_string()),
                ("member", &alice.mention()),
            ],
        )
        .await;

    assert_eq!(reply.text(), "Could not grant: 403 50013");
    assert!(!alice.has_role(facilitator));
}

#[tokio::test]
async fn a_dm_to_a_member_with_closed_dms_gets_50007() {
    let (fake, _bot) = common::start().await;
    let alice = fake.add_member("alice");
    let bob = fake.add_member(MemberSpec::new("bob").dms_closed());

    let refused = alice.slash("dm", [("member", &bob.mention())]).await;
    assert_eq!(refused.text(), "Could not DM: 400 50007");
    assert!(bob.dms().is_empty());

    let sent = alice.slash("dm", [("member", &alice.mention())]).await;
    assert_eq!(sent.text(), "DM sent");
    assert_eq!(alice.dms()[0].content, "Hello from the bot");

    alice.set_dms_open(false);
    let closed_later = alice.slash("dm", [("member", &alice.mention())]).await;
    assert_eq!(closed_later.text(), "Could not DM: 400 50007");
}

#[tokio::test]
async fn unknown_ids_get_discords_error_codes() {
    let fake = FakeDiscord::builder().mentions_optional().start().await;
    let http = fake.http();
    let guild = fake.guild_id();
    let alice = fake.add_member("alice");
    let nowhere = ChannelId::new(4242);

    assert_eq!(
        common::error_code(&nowhere.say(&http, "hello").await.expect_err("channel")),
        "404 10003"
    );
    let role = http
        .add_member_role(guild, alice.id(), RoleId::new(4242), None)
        .await
        .expect_err("role");
    assert_eq!(common::error_code(&role), "404 10011");
    let member = http
        .get_member(guild, UserId::new(4242))
        .await
        .expect_err("member");
    assert_eq!(common::error_code(&member), "404 10007");
    let message = http
        .get_message(fake.general_channel(), MessageId::new(4242))
        .await
        .expect_err("message");
    assert_eq!(common::error_code(&message), "404 10008");
}

#[tokio::test]
async fn a_repeated_nonce_returns_the_first_message() {
    let fake = FakeDiscord::builder().mentions_optional().start().await;
    let http = fake.http();
    let general = fake.general_channel();
    let reminder = || {
        CreateMessage::new()
            .content("Set 3 starts soon")
            .nonce(Nonce::String("delivery-42".into()))
            .enforce_nonce(true)
    };

    let first = general
        .send_message(&http, reminder())
        .await
        .expect("first");
    let retry = general
        .send_message(&http, reminder())
        .await
        .expect("retry");

    assert_eq!(first.id, retry.id);
    assert_eq!(fake.messages_with_nonce("delivery-42").len(), 1);
    let sends = fake
        .requests()
        .into_iter()
        .filter(|r| r.body.as_ref().is_some_and(|b| b["nonce"] == "delivery-42"))
        .count();
    assert_eq!(sends, 2);

    let unenforced = || {
        CreateMessage::new()
            .content("No dedupe")
            .nonce(Nonce::String("plain".into()))
    };
    general
        .send_message(&http, unenforced())
        .await
        .expect("first");
    general
        .send_message(&http, unenforced())
        .await
        .expect("second");
    assert_eq!(fake.messages_with_nonce("plain").len(), 2);
}

#[tokio::test]
async fn files_sent_to_a_channel_can_be_read_back() {
    let fake = FakeDiscord::builder().mentions_optional().start().await;
    let http = fake.http();
    let files = vec![
        CreateAttachment::bytes(common::CSV, "progress.csv"),
        CreateAttachment::bytes(common::PNG, "chart.png"),
    ];

    // Without an `attachments` list: serenity's builders number new attachments with
    // integers, which Discord's API description (and so the fake) refuses.
    let sent = http
        .send_message(
            fake.general_channel(),
            files,
            &serde_json::json!({ "content": "Weekly export" }),
        )
        .await
        .expect("sent");

    let stored = fake.message(sent.id).expect("stored");
    assert_eq!(
        stored.attachment("progress.csv").map(|a| a.text()),
        Some(common::CSV.to_owned())
    );
    assert_eq!(
        stored.attachment("chart.png").map(|a| a.data.clone()),
        Some(common::PNG.to_vec())
    );
    assert_eq!(
        sent.attachments[1].download().await.expect("download"),
        common::PNG
    );
}

#[tokio::test]
async fn threads_are_created_and_members_added() {
    let fake = FakeDiscord::builder().mentions_optional().start().await;
    let http = fake.http();
    let general = fake.general_channel();
    let alice = fake.add_member("alice");

    let prompt = general.say(&http, "Week 1 prompt").await.expect("prompt");
    let public = general
        .create_thread_from_message(&http, prompt.id, CreateThread::new("Week 1"))
        .await
        .expect("thread");
    let private = general
        .create_thread(
            &http,
            CreateThread::new("Mentoring: alice").kind(serenity::all::ChannelType::PrivateThread),
        )
        .await
        .expect("private thread");
    http.add_thread_channel_member(private.id, alice.id())
        .await
        .expect("add alice");
    private
        .id
        .say(&http, "Welcome")
        .await
        .expect("post in the thread");

    assert_eq!(
        public.id.get(),
        prompt.id.get(),
        "a thread from a message takes its id"
    );
    let threads = fake.threads(general);
    assert_eq!(
        threads.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["Week 1", "Mentoring: alice"]
    );
    assert!(threads[1].members.contains(&alice.id()));
    assert_eq!(fake.messages(private.id)[0].content, "Welcome");
    let stranger = http
        .add_thread_channel_member(private.id, UserId::new(4242))
        .await
        .expect_err("not a member");
    assert_eq!(common::error_code(&stranger), "404 10007");
}

#[tokio::test]
async fn scheduled_events_are_kept_and_an_event_in_the_past_is_refused() {
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .expect_violations()
        .start()
        .await;
    let http = fake.http();
    let guild = fake.guild_id();
    let start = Utc::now() + chrono::Duration::days(3);
    let create = |at| {
        CreateScheduledEvent::new(ScheduledEventType::External, "Action learning set 1", at)
            .end_time(at + chrono::Duration::hours(1))
            .location("Room 4")
    };

    let event = guild
        .create_scheduled_event(&http, create(start))
        .await
        .expect("created");
    let alice = fake.add_member("alice");
    alice.subscribe(event.id).await;

    let stored = fake.scheduled_event(event.id).expect("stored");
    assert_eq!(stored.location.as_deref(), Some("Room 4"));
    let users = http
        .get_scheduled_event_users(guild, event.id, None, None, None)
        .await
        .expect("users");
    assert_eq!(
        users.iter().map(|u| u.user.id).collect::<Vec<_>>(),
        [alice.id()]
    );

    let past = Utc::now() - chrono::Duration::hours(1);
    let error = guild
        .create_scheduled_event(&http, create(past))
        .await
        .expect_err("in the past");
    assert_eq!(common::error_code(&error), "400 50035");
    let violations = fake.take_violations();
    assert!(
        violations[0].problems[0].contains("Cannot schedule event in the past"),
        "{violations:?}"
    );
    assert_eq!(fake.scheduled_events(guild).len(), 1);
}

#[tokio::test]
async fn a_message_without_allowed_mentions_is_a_violation_and_pings_everything() {
    let fake = FakeDiscord::builder().expect_violations().start().await;
    let http = fake.http();
    let general = fake.general_channel();
    let member = fake.add_member(MemberSpec::new("mia"));
    let content = format!("@everyone {} <@&77>", member.mention());

    let bare = http
        .send_message(general, vec![], &serde_json::json!({ "content": content }))
        .await
        .expect("Discord accepts it");
    let stated = serde_json::json!({
        "content": content,
        "allowed_mentions": { "parse": [], "users": [member.id().to_string()] }
    });
    let careful = http
        .send_message(general, vec![], &stated)
        .await
        .expect("sent");

    let pings = |id| fake.message(id).expect("stored").pings;
    let everything = pings(bare.id);
    assert!(everything.everyone);
    assert_eq!(everything.users, [member.id()]);
    assert_eq!(everything.roles, [RoleId::new(77)]);
    let only_mia = pings(careful.id);
    assert!(!only_mia.everyone && only_mia.roles.is_empty());
    assert_eq!(only_mia.users, [member.id()]);
    let violations = fake.take_violations();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].kind, ViolationKind::MentionsNotStated);
    assert_eq!(violations[0].path, format!("/channels/{general}/messages"));
}
