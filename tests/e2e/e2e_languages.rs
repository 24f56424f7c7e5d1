//! End to end through the Discord stand-in: a member reads the course in their language
//! (their Discord locale, or the one chosen with `/language`), where the pack has it, and is
//! graded exactly as a member reading it in English.

use crate::bot::TestClock;
use crate::learning::{answer, guild, london, start_label, trainee, world, world_on_clock, World};
use cohortbot::course::{Course, Module};
use cohortbot::model::{Cohort, UserId};
use fake_discord::{FakeUser, Reply};

const PACKS: &str = "tests/fixtures/packs/translated";
const COURSE: &str = "bilingual-course";

async fn course(world: &World) -> Course {
    let cohort: &Cohort = &world.cohort;
    (*cohortbot::domain::snapshots::course_of(&world.bot.store, cohort)
        .await
        .unwrap())
    .clone()
}

/// Opens the module, reads both pages, and starts the exercises, with the buttons in the
/// reader's interface language; returns the first question and what the two pages showed.
async fn read_module(user: &FakeUser, module: &Module, french: bool) -> (Reply, String, String) {
    let first = user.slash("module", [("module", "listening")]).await;
    assert!(first.is_ephemeral());
    let (next, start) = if french {
        let start = format!("Commencer les exercices ({})", module.exercises.len());
        ("Suivant ▶", start)
    } else {
        ("Next ▶", start_label(module))
    };
    let second = user.click(&first, next).await;
    let question = user.click(&second, &start).await;
    (question, first.text(), second.text())
}

/// Answers the questions right, wrong, right; returns every reply in order.
async fn answer_right_wrong_right(
    user: &FakeUser,
    mut reply: Reply,
    module: &Module,
    french: bool,
) -> Vec<Reply> {
    let mut seen = vec![];
    let total = module.exercises.len();
    for (i, exercise) in module.exercises.iter().enumerate() {
        reply = answer(user, reply, &exercise.kind, i != 1).await;
        seen.push(reply.clone());
        if i + 1 < total {
            let next = if french {
                format!("Question suivante ({} sur {total})", i + 2)
            } else {
                format!("Next question ({} of {total})", i + 2)
            };

            reply = user.click(&reply, &next).await;
            seen.push(reply.clone());
        }
    }
    seen
}

async fn best_score(world: &World, user: &FakeUser) -> Option<u8> {
    let progress = world
        .bot
        .store
        .progress_of_member(world.cohort.id, UserId(user.id().get()))
        .await
        .unwrap();
    progress[0].best_score
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_french_member_reads_french_and_is_graded_as_in_english() {
    let world = world(PACKS, COURSE).await;
    let original = course(&world).await;
    let english = &original.modules[0];
    let french_course = original.localized("fr");
    let french = &french_course.modules[0];

    let amelie = trainee(&world, "amelie").await.with_locale("fr");
    let (question, page1, page2) = read_module(&amelie, french, true).await;
    assert!(page1.contains("Commencez ici"), "{page1}");
    assert!(
        page1.contains("Les organisateurs écoutent avant d'agir"),
        "{page1}"
    );
    assert!(page2.contains("Pour aller plus loin"), "{page2}");
    assert!(
        page2.contains("House meetings bring neighbours together"),
        "no French file for this page: the English one shows. {page2}"
    );
    let text = question.text();
    assert!(text.contains("Qu'est-ce qui vient en premier ?"), "{text}");
    let options: Vec<String> = question
        .message()
        .all_components()
        .into_iter()
        .flat_map(|c| {
            c.options
                .iter()
                .map(|o| o.label.clone())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(options, ["L'écoute", "L'action", "Les tracts"]);
    let french_replies = answer_right_wrong_right(&amelie, question, french, true).await;
    let feedback = french_replies[0].text();
    assert!(
        feedback.contains("Exact : l'écoute vient d'abord."),
        "{feedback}"
    );
    assert!(
        feedback.contains("On apprend ce qui compte pour les gens avant d'agir avec eux."),
        "{feedback}"
    );
    assert!(
        french_replies[1]
            .text()
            .contains("Remettez les étapes dans l'ordre."),
        "{}",
        french_replies[1].text()
    );

    let bob = trainee(&world, "bob").await;
    let (question, page1, _) = read_module(&bob, english, false).await;
    assert!(
        page1.contains("Start here") && !page1.contains("Commencez"),
        "{page1}"
    );
    assert!(
        question.text().contains("Which comes first?"),
        "{}",
        question.text()
    );
    let english_replies = answer_right_wrong_right(&bob, question, english, false).await;
    assert!(
        english_replies[0]
            .text()
            .contains("Right: listening comes first."),
        "{}",
        english_replies[0].text()
    );

    let (french_score, english_score) = (
        best_score(&world, &amelie).await,
        best_score(&world, &bob).await,
    );
    assert_eq!(
        french_score, english_score,
        "the same answers, the same grade"
    );
    assert!(
        french_score.is_some_and(|s| s > 0 && s < 100),
        "{french_score:?}"
    );

    let settings = world
        .bot
        .store
        .member_settings(guild(&world.bot), UserId(amelie.id().get()))
        .await
        .unwrap();
    assert_eq!(settings.last_locale.as_deref(), Some("fr"));
    assert_eq!(settings.language, None);
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_set_chooses_the_course_language_whatever_discord_says() {
    let world = world(PACKS, COURSE).await;
    let chloe = trainee(&world, "chloe").await;

    let shown = chloe.slash("language show", []).await;
    assert!(shown.is_ephemeral());
    assert!(shown.text().contains("Automatic"), "{}", shown.text());

    let set = chloe.slash("language set", [("choice", "Français")]).await;
    assert!(set.is_ephemeral());
    assert!(
        set.text().contains("Language set to Français"),
        "{}",
        set.text()
    );
    let page = chloe
        .slash("module", [("module", "listening")])
        .await
        .text();
    assert!(page.contains("Commencez ici"), "{page}");
    let shown = chloe.slash("language show", []).await.text();
    assert!(shown.contains("You chose Français"), "{shown}");
    let listed = chloe.slash("course", []).await.text();
    assert!(
        listed.contains("L'écoute d'abord") && listed.contains("L'écoute"),
        "{listed}"
    );

    let english = chloe.with_locale("fr");
    english.slash("language set", [("choice", "English")]).await;
    let page = english
        .slash("module", [("module", "listening")])
        .await
        .text();
    assert!(
        page.contains("Start here"),
        "the choice wins over a French Discord: {page}"
    );

    english
        .slash(
            "language set",
            [("choice", "Automatic (Discord's language)")],
        )
        .await;
    let page = english
        .slash("module", [("module", "listening")])
        .await
        .text();
    assert!(
        page.contains("Commencez ici"),
        "automatic follows Discord: {page}"
    );
    world.bot.fake.assert_no_violations();
}

/// The text of `user`'s direct messages that mention `text`.
fn dms_about(user: &FakeUser, text: &str) -> Vec<String> {
    user.dms()
        .into_iter()
        .map(|m| m.text())
        .filter(|t| t.contains(text))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nudge_by_direct_message_names_the_module_in_the_members_language() {
    let clock = TestClock::at(london(2026, 9, 6, 12));
    let world = world_on_clock(PACKS, COURSE, clock.clone()).await;
    let amelie = trainee(&world, "amelie").await;
    let set = amelie.slash("language set", [("choice", "Français")]).await;
    assert!(set.text().contains("Français"), "{}", set.text());
    let bob = trainee(&world, "bob").await;

    clock.set(london(2026, 9, 14, 10) + chrono::Duration::seconds(1));
    world.bot.step().await;
    // The whole nudge is in her language, not only the module's name.
    let to_amelie = dms_about(&amelie, "n’a pas avancé");
    assert_eq!(to_amelie.len(), 1, "{to_amelie:?}");
    assert!(
        to_amelie[0].contains("votre module «\u{a0}L'écoute\u{a0}»"),
        "{}",
        to_amelie[0]
    );
    let to_bob = dms_about(&bob, "has not moved");
    assert_eq!(to_bob.len(), 1, "{to_bob:?}");
    assert!(to_bob[0].contains("“Listening”"), "{}", to_bob[0]);
    world.bot.fake.assert_no_violations();
}
