//! End to end through the Discord stand-in with the real serenity client: cohorts, the
//! learning path in order, every exercise type, badges as roles.

use std::path::Path;

use crate::learning::{
    answer_every_question, guild, read_every_page, role_named, start_label, trainee, world,
};
use cohortbot::course::load_pack;
use cohortbot::model::{CohortRole, UserId};
use fake_discord::MemberSpec;

const MINI: &str = "tests/fixtures/packs/valid";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_are_registered_and_help_lists_what_each_person_may_use() {
    let world = world(MINI, "mini-course").await;
    let names: Vec<String> = world
        .bot
        .fake
        .commands()
        .into_iter()
        .map(|c| c.name)
        .collect();
    for name in ["help", "cohort", "course", "module", "progress", "badges"] {
        assert!(
            names.contains(&name.to_string()),
            "/{name} is not registered: {names:?}"
        );
    }

    let stranger = world.bot.fake.add_member(MemberSpec::new("sam"));
    let help = stranger.slash("help", []).await;
    assert!(help.is_ephemeral());
    let text = help.text();
    assert!(
        text.contains("/cohort join") && text.contains("/help"),
        "{text}"
    );
    assert!(
        !text.contains("/module") && !text.contains("/cohort create"),
        "{text}"
    );

    let alice = trainee(&world, "alice").await;
    let text = alice.slash("help", []).await.text();
    assert!(
        text.contains("/module")
            && text.contains("/progress")
            && text.contains("You are a trainee"),
        "{text}"
    );
    assert!(
        !text.contains("/cohort create") && !text.contains("/cohort enroll"),
        "{text}"
    );

    let text = world.facilitator.slash("help", []).await.text();
    assert!(
        text.contains("/cohort create")
            && text.contains("/cohort enroll")
            && text.contains("You facilitate"),
        "{text}"
    );
    let again = stranger.slash("help", []).await.text();
    assert!(
        !again.contains("/module") && !again.contains("/cohort create"),
        "each access has its own help: {again}"
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trainee_cannot_run_facilitator_commands() {
    let world = world(MINI, "mini-course").await;
    let alice = trainee(&world, "alice").await;
    let bob = world.bot.fake.add_member(MemberSpec::new("bob"));
    let reply = alice
        .slash(
            "cohort enroll",
            [("as", "Mentor"), ("member", &bob.mention())],
        )
        .await;
    assert!(reply.is_ephemeral());
    assert!(
        reply.text().contains("Only the facilitators of “Autumn”"),
        "{}",
        reply.text()
    );
    let cohort = world
        .bot
        .store
        .list_cohorts(guild(&world.bot), false)
        .await
        .unwrap()
        .remove(0);
    assert!(world
        .bot
        .store
        .member(cohort.id, UserId(bob.id().get()))
        .await
        .unwrap()
        .is_none());

    let reply = alice
        .slash(
            "cohort create",
            [("course", "mini-course"), ("name", "Mine")],
        )
        .await;
    assert!(
        reply
            .text()
            .contains("Only facilitators and server managers"),
        "{}",
        reply.text()
    );
    assert_eq!(
        world
            .bot
            .store
            .list_cohorts(guild(&world.bot), true)
            .await
            .unwrap()
            .len(),
        1
    );

    let reply = world
        .facilitator
        .slash(
            "cohort enroll",
            [("as", "Mentor"), ("member", &bob.mention())],
        )
        .await;
    assert!(
        reply
            .text()
            .contains("Enrolled 1 person in “Autumn” as mentor"),
        "{}",
        reply.text()
    );
    let member = world
        .bot
        .store
        .member(cohort.id, UserId(bob.id().get()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(member.role, CohortRole::Mentor);
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trainee_walks_the_whole_msf_course_and_gets_the_badge_role() {
    let world = world("prompts", "msf-urban-spaces").await;
    let course = load_pack(Path::new("prompts/msf-urban-spaces")).unwrap();
    let alice = trainee(&world, "alice").await;

    let overview = alice.slash("course", []).await.text();
    assert!(
        overview.contains("▶️") && overview.contains("🔒"),
        "first open, the rest locked: {overview}"
    );
    let second = &course.path[1];
    let locked = alice.slash("module", [("module", second.as_str())]).await;
    assert!(locked.text().contains("still locked"), "{}", locked.text());

    for (n, id) in course.path.iter().enumerate() {
        let module = course.module(id).unwrap();
        let end = read_every_page(&alice, module).await;
        let mut reply = alice.click(&end, &start_label(module)).await;
        if n == 0 {
            reply = answer_every_question(&alice, reply, module, false).await;
            assert!(
                reply.text().contains("Not passed this time"),
                "{}",
                reply.text()
            );
            reply = alice.click(&reply, "Try again").await;
        }
        let result = answer_every_question(&alice, reply, module, true).await;
        assert!(
            result
                .text()
                .contains(&format!("“{}” is complete", module.title)),
            "{}",
            result.text()
        );
    }

    let badge = &course.badges[0];
    let role = role_named(&world.bot.fake, &badge.name);
    assert_eq!(role.color, badge.colour, "the role has the badge's colour");
    let channel = world.channel;
    let congratulated = |fake: &fake_discord::FakeDiscord| {
        fake.messages(channel)
            .iter()
            .any(|m| m.content.contains("Congratulations") && m.content.contains(&alice.mention()))
    };
    assert!(alice.has_role(role.id), "the trainee holds the badge role");
    assert!(
        congratulated(&world.bot.fake),
        "congratulated in the cohort channel"
    );
    let badges = alice.slash("badges show", []).await.text();
    assert!(
        badges.contains(&badge.name) && badges.contains("earned"),
        "{badges}"
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn facilitators_enrol_a_whole_role_and_members_see_info_progress_and_can_leave() {
    let world = world(MINI, "mini-course").await;
    let fake = &world.bot.fake;
    let organisers = fake.add_role(fake_discord::RoleSpec::new("Organisers"));
    let amy = fake.add_member(MemberSpec::new("amy").roles([organisers]));
    let ben = fake.add_member(MemberSpec::new("ben").roles([organisers]));
    fake.add_member(MemberSpec::new("cat"));
    let role_option = format!("<@&{organisers}>");
    let reply = world
        .facilitator
        .slash("cohort enroll", [("as", "Trainee"), ("role", &role_option)])
        .await;
    assert!(
        reply
            .text()
            .contains("Enrolled 2 people in “Autumn” as trainee"),
        "{}",
        reply.text()
    );

    let info = amy.slash("cohort info", []).await;
    let text = info.text();
    assert!(
        text.contains("Autumn")
            && text.contains("A small course for tests")
            && text.contains("2 trainees"),
        "{text}"
    );
    assert!(
        !text.contains(&world.join_code),
        "only facilitators see the join code: {text}"
    );
    assert!(world
        .facilitator
        .slash("cohort info", [])
        .await
        .text()
        .contains(&world.join_code));

    let progress = ben.slash("progress", []).await.text();
    assert!(
        progress.contains("0 of 2") && progress.contains("Start “Basics”"),
        "{progress}"
    );

    let left = ben.slash("cohort leave", []).await;
    assert!(
        left.text().contains("You have left “Autumn”"),
        "{}",
        left.text()
    );
    let after = ben.slash("progress", []).await;
    assert!(after.text().contains("not in a cohort"), "{}", after.text());
    let cohort = world
        .bot
        .store
        .list_cohorts(guild(&world.bot), false)
        .await
        .unwrap()
        .remove(0);
    let trainees = world
        .bot
        .store
        .list_members(cohort.id, Some(CohortRole::Trainee))
        .await
        .unwrap();
    assert_eq!(
        trainees.iter().map(|m| m.user_id).collect::<Vec<_>>(),
        [UserId(amy.id().get())]
    );
    world.bot.fake.assert_no_violations();
}
