//! Sets, meetings, events and listening in French, end to end through the Discord stand-in:
//! a French client reads the screens, replies and refusals in French; and what the bot sends
//! a member on its own (meeting reminders) is in that member's language — the one chosen
//! with `/language`, else the locale their client sent last — while an English member of the
//! same pair keeps English.

use crate::bot::TestClock;
use crate::learning;
use crate::learning::{trainee, CohortSpec, World};
use chrono::{Duration, TimeZone, Utc};
use cohortbot::domain::Clock;
use cohortbot::model::UserId;
use fake_discord::{FakeUser, MemberSpec};
use serenity::all::ChannelId;
use std::sync::Arc;

const ZONE: &str = "Europe/London";

/// A `two-day-training` cohort starting a week from today, on a clock set to now.
async fn world() -> (World, Arc<TestClock>) {
    let clock = TestClock::at(Utc::now());
    let spec = CohortSpec {
        starts: (Utc::now() + Duration::days(7)).date_naive().to_string(),
        time_zone: ZONE,
        ..CohortSpec::new("prompts", "two-day-training")
    };
    (learning::world_of(spec, clock.clone()).await, clock)
}

async fn mentor(world: &World, name: &str) -> FakeUser {
    let user = world.bot.fake.add_member(MemberSpec::new(name));
    let reply = world
        .facilitator
        .slash(
            "cohort enroll",
            [("as", "Mentor"), ("member", &user.mention())],
        )
        .await;
    assert!(reply.text().contains("Enrolled 1"), "{}", reply.text());
    user
}

async fn pair(world: &World, mentor: &FakeUser, trainee: &FakeUser) -> ChannelId {
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
    let pair = world
        .bot
        .store
        .pairs_of_mentor(world.cohort.id, UserId(mentor.id().get()))
        .await
        .unwrap()
        .remove(0);
    ChannelId::new(pair.thread_id.expect("the pair has a thread").0)
}

/// `proposer` proposes a meeting three days ahead and `confirmer` confirms it; returns its
/// start in Unix milliseconds.
async fn meeting(
    world: &World,
    clock: &TestClock,
    thread: ChannelId,
    proposer: &FakeUser,
    confirmer: &FakeUser,
) -> i64 {
    let start = clock.now_ms() + Duration::days(3).num_milliseconds();
    let tz: chrono_tz::Tz = ZONE.parse().unwrap();
    let at = Utc
        .timestamp_millis_opt(start)
        .unwrap()
        .with_timezone(&tz)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let proposed = proposer.slash("meeting propose", [("at", &at)]).await;
    assert!(
        proposed.text().contains("once the other side confirms"),
        "{}",
        proposed.text()
    );
    world.bot.step().await;
    let proposal = world
        .bot
        .fake
        .messages(thread)
        .into_iter()
        .find(|m| m.content.contains("proposes"))
        .expect("the proposal is in the pair's thread");
    let confirmed = confirmer
        .in_channel(thread)
        .click(&proposal, "Confirm")
        .await;
    assert!(
        confirmed.text().contains("is confirmed"),
        "{}",
        confirmed.text()
    );
    // Whole minutes: the meeting's start as the bot stored it.
    start - start.rem_euclid(60_000)
}

/// Asserts that `user` got `expected` by DM.
fn assert_dm(user: &FakeUser, expected: &str) {
    let dms: Vec<String> = user.dms().into_iter().map(|m| m.content).collect();
    assert!(
        dms.iter().any(|c| c == expected),
        "{} has no DM {expected:?}: {dms:#?}",
        user.name()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meeting_reminders_reach_each_member_in_their_own_language() {
    let (world, clock) = world().await;
    let fake = &world.bot.fake;
    let tara = trainee(&world, "tara").await;
    let tom = trainee(&world, "tom").await;
    let mo = mentor(&world, "mo").await;
    let mia = mentor(&world, "mia").await;

    // Tara's client is in French: the bot remembers it when she reads the course.
    tara.set_locale("fr");
    tara.slash("course", []).await;
    // Mia's client is in English, and she chose French with /language.
    let chosen = mia.slash("language set", [("choice", "Français")]).await;
    assert!(chosen.text().contains("Français"), "{}", chosen.text());

    let with_tara = pair(&world, &mo, &tara).await;
    let with_tom = pair(&world, &mia, &tom).await;
    let first = meeting(&world, &clock, with_tara, &mo, &tara).await;
    let second = meeting(&world, &clock, with_tom, &tom, &mia).await;
    assert_eq!(first, second, "both meetings start at the same minute");

    // Tara reads her screens and refusals in French.
    let listed = tara.slash("meeting list", []).await.text();
    assert!(
        listed.contains("Rencontres de mentorat")
            && listed.contains("**Mentoring meeting 1** — ")
            && listed.contains(" avec ")
            && listed.contains("(programmée)"),
        "{listed}"
    );
    let refused = tara.slash("meeting log", []).await;
    assert!(refused.is_ephemeral());
    assert_eq!(
        refused.text(),
        "Seul le ou la mentor enregistre une rencontre."
    );
    let sets = world
        .facilitator
        .with_locale("fr")
        .slash("set list", [])
        .await
        .text();
    assert!(
        sets.contains("Groupes d’apprentissage par l’action")
            && sets.contains("Pas encore de groupes."),
        "{sets}"
    );

    clock.set(Utc.timestamp_millis_opt(first).unwrap() - Duration::hours(1));
    world.bot.step().await;
    let start = first / 1000;
    let french = format!(
        "⏰ Rappel\u{a0}: **Mentoring meeting 1** commence dans 1 heure\u{a0}: <t:{start}:F> (<t:{start}:R>)."
    );
    let english = format!(
        "⏰ Reminder: **Mentoring meeting 1** starts in 1 hour: <t:{start}:F> (<t:{start}:R>)."
    );
    // Tara's last locale was French; Mia chose French.
    assert_dm(&tara, &french);
    assert_dm(&mia, &french);
    assert_dm(&mo, &english);
    assert_dm(&tom, &english);
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_reminder_falls_back_with_its_note_in_the_members_language() {
    let (world, clock) = world().await;
    let fake = &world.bot.fake;
    let tara = fake.add_member(MemberSpec::new("tara").dms_closed());
    tara.set_locale("fr");
    let joined = tara
        .slash("cohort join", [("code", &world.join_code)])
        .await;
    assert!(joined.text().contains("Bienvenue"), "{}", joined.text());
    // The bot remembers her client's French as she reads the course.
    tara.slash("course", []).await;
    let mo = mentor(&world, "mo").await;
    let with_tara = pair(&world, &mo, &tara).await;
    let start = meeting(&world, &clock, with_tara, &mo, &tara).await;

    // Past the one-hour reminder's time: it goes now, and Tara's DMs refuse it.
    clock.set(Utc.timestamp_millis_opt(start).unwrap() - Duration::minutes(30));
    world.bot.step().await;
    world.bot.step().await;
    let at = start / 1000;
    let expected = format!(
        "<@{}>, je n’ai pas pu vous envoyer ceci en message privé.\n\
         ⏰ Rappel\u{a0}: **Mentoring meeting 1** commence dans 1 heure\u{a0}: \
         <t:{at}:F> (<t:{at}:R>).",
        tara.id()
    );
    let posted: Vec<String> = fake
        .messages(with_tara)
        .into_iter()
        .map(|m| m.content)
        .collect();
    assert!(posted.contains(&expected), "{posted:#?}");
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listening_and_campaign_refusals_read_in_french() {
    let (world, _) = world().await;
    let alice = trainee(&world, "alice").await;
    alice.set_locale("fr");
    let group = "Neighbours around the institution";
    let cases: [(&[(&str, &str)], &str); 3] = [
        (
            &[
                ("group", group),
                ("issues", "Housing"),
                ("date", "5/10/2026"),
            ],
            "«\u{a0}5/10/2026\u{a0}» n’est pas une date\u{a0}: écrivez-la sous la forme \
             AAAA-MM-JJ, par exemple 2026-10-03.",
        ),
        (
            &[("group", "Nobody"), ("issues", "Housing")],
            "«\u{a0}Nobody\u{a0}» n’est pas un groupe de cette campagne. Choisissez parmi\u{a0}: ",
        ),
        (
            &[("group", group), ("issues", " , ")],
            "Indiquez au moins un sujet entendu, séparés par des virgules\u{a0}: un entretien \
             est classé selon les sujets qu’il a soulevés.",
        ),
    ];
    for (options, refusal) in cases {
        let reply = alice.slash_with("listen log", options).await;
        assert!(reply.modal().is_none(), "{options:?}");
        assert!(reply.is_ephemeral());
        assert!(
            reply.text().starts_with(refusal),
            "{options:?}: {}",
            reply.text()
        );
    }
    let unheard = world
        .facilitator
        .with_locale("fr")
        .slash("campaign start", [("theme", "Parking")])
        .await;
    assert_eq!(
        unheard.text(),
        "«\u{a0}Parking\u{a0}» n’est pas un thème entendu par cette cohorte\u{a0}: \
         choisissez-en un dans `/listen issues`."
    );
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_listen_log_form_reads_in_french() {
    let (world, _) = world().await;
    let alice = trainee(&world, "alice").await;
    alice.set_locale("fr");
    let form = alice
        .slash_with(
            "listen log",
            &[
                ("group", "Neighbours around the institution"),
                ("issues", "Housing"),
            ],
        )
        .await;
    let modal = form.modal().expect("a form opens");
    assert_eq!(modal.title, "Noter une conversation (privé)");
    let inputs = modal.text_inputs();
    assert_eq!(
        inputs[0].label.as_deref(),
        Some("Qui\u{a0}: initiales ou surnom")
    );
    assert_eq!(
        inputs[0].placeholder.as_deref(),
        Some("Seuls vous et vos animateurs voyez ceci\u{a0}; les autres ne voient que des totaux.")
    );
    assert_eq!(inputs[1].label.as_deref(), Some("Où vous avez parlé"));
    world.bot.fake.assert_no_violations();
}
