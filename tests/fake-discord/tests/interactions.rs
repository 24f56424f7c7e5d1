//! Interactions end to end with the real serenity client: a scripted user acts, the bot
//! answers, and the reply reads like the conversation a user would see.

mod common;

use fake_discord::{CallbackType, FakeDiscord, ViolationKind};
use serenity::all::MessageFlags;

#[tokio::test]
async fn a_slash_command_reaches_the_bot_and_its_answer_comes_back() {
    let (fake, bot) = common::start().await;
    let alice = fake.add_member("alice");

    let reply = alice.slash("help", []).await;

    bot.seen.wait_for("INTERACTION_CREATE /help").await;
    assert_eq!(reply.callback(), Some(CallbackType::Message));
    assert!(reply.is_ephemeral());
    assert!(reply.text().contains("/course"), "{}", reply.text());
    assert_eq!(reply.message().channel_id, fake.general_channel());
}

#[tokio::test]
async fn buttons_and_selects_can_be_found_and_used() {
    let (fake, _bot) = common::start().await;
    let alice = fake.add_member("alice");

    let menu = alice.slash("menu", []).await;
    assert!(!menu.is_ephemeral());
    assert_eq!(menu.embeds()[0].title.as_deref(), Some("Menu"));
    assert_eq!(
        menu.embeds()[0].field("Week").map(|f| f.value.as_str()),
        Some("2")
    );
    assert!(menu.text().contains("Choose below"));
    assert!(menu.button("Locked").is_some_and(|b| b.disabled));
    let select = menu.select("Pick a track").expect("the select menu");
    assert_eq!(select.custom_id.as_deref(), Some("track"));
    assert_eq!(select.options.len(), 2);

    let chosen = alice.select(&menu, "track", ["Rust"]).await;
    assert_eq!(chosen.callback(), Some(CallbackType::DeferredUpdate));
    assert_eq!(chosen.message().content, "Track: rs");
    assert_eq!(
        chosen.message().id,
        menu.message().id,
        "the select's message was edited"
    );
    assert_eq!(
        chosen.embeds().len(),
        1,
        "an edit keeps what it does not set"
    );
    assert!(chosen.buttons().is_empty());

    let again = alice.slash("menu", []).await;
    let next = alice.click(&again, "Next").await;
    assert_eq!(next.callback(), Some(CallbackType::UpdateMessage));
    assert!(next.text().starts_with("Page 2\nMenu"), "{}", next.text());
    assert_eq!(
        fake.message(again.message().id).map(|m| m.content),
        Some("Page 2".to_owned())
    );
}

#[tokio::test]
#[should_panic(expected = "the button `Locked` is disabled")]
async fn a_disabled_button_cannot_be_clicked() {
    let (fake, _bot) = common::start().await;
    let alice = fake.add_member("alice");
    let menu = alice.slash("menu", []).await;
    alice.click(&menu, "Locked").await;
}

#[tokio::test]
async fn subcommands_typed_options_and_autocomplete() {
    let (fake, _bot) = common::start().await;
    let alice = fake.add_member("alice");

    let suggestions = alice.autocomplete("course join", [("code", "PY")]).await;
    assert_eq!(suggestions.callback(), Some(CallbackType::Autocomplete));
    let names: Vec<&str> = suggestions
        .choices()
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["PY-101", "PY-201"]);

    let joined = alice
        .slash("course join", [("code", "PY-101"), ("count", "2")])
        .await;
    assert_eq!(joined.text(), "Joined PY-101 with 2 seat(s)");
}

#[tokio::test]
#[should_panic(
    expected = "option `count` of /course join wants a number within its bounds, not `9`"
)]
async fn a_value_discord_would_not_accept_is_a_mistake_in_the_test() {
    let (fake, _bot) = common::start().await;
    let alice = fake.add_member("alice");
    alice
        .slash("course join", [("code", "PY-101"), ("count", "9")])
        .await;
}

#[tokio::test]
async fn a_deferred_answer_is_completed_by_its_first_follow_up() {
    let (fake, _bot) = common::start().await;
    let alice = fake.add_member("alice");

    let reply = alice.slash("think", []).await;

    assert_eq!(reply.callback(), Some(CallbackType::DeferredMessage));
    assert!(reply.is_ephemeral());
    assert_eq!(reply.text(), "Done thinking");
    assert!(
        reply.followups().is_empty(),
        "the follow-up replaced the thinking message"
    );
    assert!(!reply.message().flags.contains(MessageFlags::LOADING));
}

#[tokio::test]
async fn a_modal_opens_and_its_submission_is_answered() {
    let (fake, _bot) = common::start().await;
    let alice = fake.add_member("alice");

    let opened = alice.slash("reflect", []).await;
    let modal = opened.modal().expect("a modal");
    assert_eq!(modal.title, "Weekly reflection");
    assert_eq!(
        modal.text_inputs()[0].label.as_deref(),
        Some("What did you learn?")
    );

    let thanks = alice
        .submit(
            &opened,
            [("What did you learn?", "ownership and borrowing")],
        )
        .await;
    assert!(thanks.is_ephemeral());
    assert_eq!(
        thanks.text(),
        "Thanks for reflecting: ownership and borrowing"
    );
}

#[tokio::test]
async fn files_in_an_interaction_response_can_be_read_back() {
    let (fake, _bot) = common::start().await;
    let alice = fake.add_member("alice");

    let reply = alice.slash("report", []).await;

    let chart = reply.attachment("chart.png").expect("the PNG");
    assert_eq!(chart.data, common::PNG);
    assert_eq!(chart.content_type.as_deref(), Some("image/png"));
    assert_eq!(
        reply.attachment("scores.csv").expect("the CSV").text(),
        common::CSV
    );
    let seen_by_serenity = fake
        .http()
        .get_message(reply.message().channel_id, reply.message().id)
        .await
        .expect("message");
    let downloaded = seen_by_serenity.attachments[0]
        .download()
        .await
        .expect("download");
    assert_eq!(downloaded, common::PNG);
}

#[tokio::test]
async fn commands_work_in_dms_and_threads() {
    let (fake, _bot) = common::start().await;
    let alice = fake.add_member("alice");

    let in_dm = alice.in_dm().slash("help", []).await;
    assert_eq!(in_dm.message().guild_id, None);
    assert_eq!(alice.dms().len(), 1);

    let thread = fake.add_channel(fake_discord::ChannelSpec::thread(
        fake.general_channel(),
        "Week 1",
    ));
    let in_thread = alice.in_channel(thread).slash("help", []).await;
    assert_eq!(in_thread.message().channel_id, thread);
}

#[tokio::test]
#[should_panic(expected = "interaction not answered in time")]
async fn an_interaction_not_answered_in_three_seconds_fails_the_test() {
    let (fake, _bot) = common::start().await;
    let alice = fake.add_member("alice");
    alice.slash("slow", []).await;
}

#[tokio::test]
async fn a_late_answer_gets_unknown_interaction_and_the_violation_is_recorded() {
    let (fake, _bot) = common::start_with(FakeDiscord::builder().expect_violations()).await;
    let alice = fake.add_member("alice");

    let reply = alice.slash("slow", []).await;

    assert_eq!(reply.callback(), None);
    let violations = fake.take_violations();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].kind, ViolationKind::InteractionNotAnswered);
    assert!(
        violations[0].problems[0].contains("3s"),
        "{:?}",
        violations[0].problems
    );

    // The bot answers after 3.5 s; Discord says the interaction is unknown.
    let late = fake
        .wait_for_request(|r| r.path.ends_with("/callback"))
        .await
        .expect("the bot's late callback");
    assert_eq!(late.status, 404);
    assert_eq!(late.response.expect("an error body")["code"], 10062);
    assert!(
        fake.take_violations().is_empty(),
        "the late callback is not a second violation"
    );
}
