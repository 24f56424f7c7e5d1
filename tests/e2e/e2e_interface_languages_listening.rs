//! Listening and campaigns in French, end to end through the Discord stand-in: a trainee
//! whose client is in French logs a conversation, reads, deletes and erases theirs, and gets
//! the follow-up DM with the day written in French; a facilitator in French opens a
//! campaign, sets its goal and plans an action; the trainees who took part, all French,
//! are asked in French to evaluate it, and the evaluation form and its thanks are French.
//! Participants of two languages are asked in the server's language.

use std::sync::Arc;

use crate::bot::{Backend, TestClock};
use crate::campaigns::{evaluation_posts, goal_fields, plan_handover};
use crate::learning;
use crate::learning::{log_conversation, trainee, World};
use chrono::{Duration, TimeZone, Utc};
use fake_discord::FakeUser;

e2e_tests!(
    a_french_trainee_logs_reads_deletes_and_erases_conversations_in_french,
    a_french_facilitator_runs_a_campaign_and_french_participants_evaluate_it_in_french,
    participants_of_two_languages_are_asked_in_the_servers,
);

/// The action's title, which its evaluation request names (in the channel, nothing else does).
const EVALUATION: &str = "Petition handover";
const GROUP: &str = "Neighbours around the institution";
const PRIVACY: &str =
    "Seuls vous et vos animateurs voyez ceci\u{a0}; les autres ne voient que des totaux.";

/// Monday 5 October 2026, 10:00 in London.
fn monday() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 5, 9, 0, 0).unwrap()
}

async fn world(backend: Backend) -> (World, Arc<TestClock>) {
    let clock = TestClock::at(monday());
    let world = learning::world_on("prompts", "two-day-training", clock.clone(), backend).await;
    (world, clock)
}

/// A trainee of the cohort whose Discord client is in French, which the bot remembers
/// once they read the course.
async fn french_trainee(world: &World, name: &str) -> FakeUser {
    let user = trainee(world, name).await;
    user.set_locale("fr");
    user.slash("course", []).await;
    user
}

async fn a_french_trainee_logs_reads_deletes_and_erases_conversations_in_french(backend: Backend) {
    let (world, clock) = world(backend).await;
    let amelie = french_trainee(&world, "amelie").await;

    let logged = log_conversation(
        &amelie,
        &[
            ("group", GROUP),
            ("issues", "Housing, Bins"),
            ("date", "2026-10-01"),
            ("follow_up", "2026-10-07"),
        ],
        "JB",
    )
    .await;
    assert_eq!(
        logged.text(),
        format!(
            "Votre conversation avec **JB** du 1er octobre 2026 est notée\u{a0}: {GROUP} · \
             Housing, Bins. {PRIVACY}\nJe vous enverrai un rappel en message privé le \
             7 octobre 2026 pour faire le suivi."
        )
    );
    log_conversation(&amelie, &[("group", GROUP), ("issues", "Transport")], "MK").await;

    let mine = amelie.slash("listen mine", []).await;
    let embed = mine.embeds()[0];
    assert_eq!(embed.title.as_deref(), Some("Vos conversations"));
    assert_eq!(
        embed.description.as_deref(),
        Some(
            format!(
                "**1.** 5 octobre 2026 · **MK** · {GROUP} · Transport\n\n> Wants the evening \
                 bus back for her shifts.\n**2.** 1er octobre 2026 · **JB** · {GROUP} · Housing, Bins · à revoir \
                 le 7 octobre\n> Wants the evening bus back for her shifts."
            )
            .as_str()
        )
    );
    assert_eq!(
        embed.footer.as_ref().map(|f| f.text.as_str()),
        Some(PRIVACY)
    );
    let labels: Vec<&str> = mine
        .buttons()
        .iter()
        .filter_map(|b| b.label.as_deref())
        .collect();
    assert_eq!(
        labels,
        ["Modifier 1", "Supprimer 1", "Modifier 2", "Supprimer 2"]
    );
    let deleted = amelie.click(&mine, "Supprimer 1").await;
    assert!(
        deleted.text().starts_with(
            "Votre conversation avec **MK** du 5 octobre 2026 a été supprimée.\nVos conversations"
        ),
        "{}",
        deleted.text()
    );

    let progress = amelie.slash("listen progress", []).await;
    let embed = progress.embeds()[0];
    assert_eq!(embed.title.as_deref(), Some("Votre écoute"));
    assert_eq!(embed.fields[0].name, "1 conversation");
    assert!(
        embed.fields[0]
            .value
            .contains(&format!("Groupes atteints\u{a0}: {GROUP}")),
        "{}",
        embed.fields[0].value
    );
    let issues = amelie.slash("listen issues", []).await;
    let text = issues.text();
    assert!(
        text.contains("Sur 1 conversation. Par semaine\u{a0}: sem. du 28 septembre\u{a0}: 1.\n"),
        "{text}"
    );
    assert!(
        text.contains("**Housing** — 1\n-# par étape\u{a0}: Core team"),
        "{text}"
    );

    // 9:00 in London on 7 October (BST): the follow-up, in French.
    clock.set(Utc.with_ymd_and_hms(2026, 10, 7, 8, 0, 0).unwrap());
    world.bot.step().await;
    let dms: Vec<String> = amelie.dms().into_iter().map(|m| m.content).collect();
    assert_eq!(
        dms,
        [
            "Suivi du jour\u{a0}: vous vouliez retourner voir **JB**, que vous avez écouté le \
          1er octobre 2026 au sujet de Housing, Bins. Notez ce que vous entendez avec \
          `/listen log`."
        ]
    );

    let ask = amelie.slash("listen erase", []).await;
    assert_eq!(
        ask.text(),
        "Cela supprime la conversation que vous avez notée sur ce serveur, ainsi que vos \
         bulletins de vote par gommettes ici. C’est irréversible."
    );
    let done = amelie.click(&ask, "Effacer toutes mes conversations").await;
    assert_eq!(
        done.text(),
        "La conversation que vous aviez notée est effacée. Rien n’en est conservé."
    );
    let again = amelie.slash("listen erase", []).await;
    assert_eq!(
        again.text(),
        "Vous n’avez noté aucune conversation sur ce serveur."
    );
    let none = amelie.slash("listen mine", []).await;
    assert_eq!(
        none.text(),
        "Vous n’avez encore noté aucune conversation. Utilisez `/listen log` après un \
         entretien individuel."
    );
    world.bot.fake.assert_no_violations();
}

async fn a_french_facilitator_runs_a_campaign_and_french_participants_evaluate_it_in_french(
    backend: Backend,
) {
    let (world, clock) = world(backend).await;
    learning::heard(&world, &[&["Housing", "Bins"], &["Housing"]]).await;
    let fake = &world.bot.fake;
    let fran = &world.facilitator;
    fran.set_locale("fr");
    let amelie = french_trainee(&world, "amelie").await;
    let bruno = french_trainee(&world, "bruno").await;

    let started = fran.slash("campaign start", [("theme", "housing")]).await;
    assert_eq!(
        started.text(),
        "Campagne sur **Housing** ouverte. Prochaine étape, son objectif SMART\u{a0}: ce qui \
         va changer, comment vous le mesurerez, pourquoi c’est gagnable, pour qui c’est \
         important, et pour quand."
    );
    let form = fran.click(&started, "Fixer l’objectif SMART").await;
    let modal = form.modal().expect("the goal's form opens");
    assert_eq!(modal.title, "Objectif SMART\u{a0}: Housing");
    let labels = modal.labels();
    assert_eq!(
        labels[0],
        "Spécifique\u{a0}: qu’est-ce qui va changer\u{a0}?"
    );
    let vague = fran
        .submit(&form, goal_fields("lots of support", "2027-03-31"))
        .await;
    assert!(
        vague.text().contains(
            "Rien n’a été enregistré. Voici ce que vous aviez saisi\u{a0}:\n\
             > Spécifique\u{a0}: The council repairs the damp flats on Elm Street\n"
        ),
        "{}",
        vague.text()
    );
    let saved = fran
        .submit(&form, goal_fields("300 signatures", "2027-03-31"))
        .await;
    assert_eq!(
        saved.text(),
        "L’objectif de la campagne sur **Housing** est enregistré.\n\
         **Spécifique\u{a0}:** The council repairs the damp flats on Elm Street\n\
         **Mesurable\u{a0}:** 300 signatures\n\
         **Atteignable\u{a0}:** Forty tenants already signed; the councillor is up for election\n\
         **Pertinent\u{a0}:** Families living with mould, many of them new arrivals\n\
         **Temporel\u{a0}:** d’ici le 31 mars 2027"
    );

    let card = fran
        .slash(
            "campaign power",
            [
                ("campaign", "Housing"),
                ("name", "Housing committee"),
                ("influence", "High"),
                ("interest", "Low"),
            ],
        )
        .await;
    assert!(
        card.text()
            .contains("**Housing committee** · influence forte · intérêt faible"),
        "{}",
        card.text()
    );
    let planned = plan_handover(fran).await;
    assert!(
        planned.text().starts_with(
            "**Petition handover** est prévue pour la campagne sur **Housing**\u{a0}: <t:"
        ) && planned
            .text()
            .contains("avec un objectif de 50 personnes. Elle figure dans les événements"),
        "{}",
        planned.text()
    );
    let listed = amelie.slash("campaign show", []).await;
    assert_eq!(
        listed.text(),
        "Les campagnes de la cohorte (affichez-en une avec `/campaign show`)\u{a0}:\n\
         • **Housing**, d’ici le 31 mars 2027"
    );
    let shown = amelie
        .slash("campaign show", [("campaign", "Housing")])
        .await;
    let embed = shown.embeds()[0];
    assert_eq!(embed.title.as_deref(), Some("Campagne\u{a0}: Housing"));
    let names: Vec<&str> = embed.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Analyse du pouvoir", "Actions"]);
    assert!(
        embed.fields[1].value.ends_with(" · objectif\u{a0}: 50"),
        "{}",
        embed.fields[1].value
    );

    let handover = fake
        .scheduled_events(fake.guild_id())
        .into_iter()
        .find(|e| e.name == "Petition handover")
        .unwrap();
    assert_eq!(
        handover.description.as_deref(),
        Some("Une action de la campagne sur Housing.")
    );
    amelie.subscribe(handover.id).await;
    bruno.subscribe(handover.id).await;
    clock.set(Utc.with_ymd_and_hms(2026, 10, 10, 15, 0, 0).unwrap() + Duration::minutes(1));
    let recorded = fran
        .slash(
            "campaign turnout",
            [
                ("campaign", "Housing"),
                ("action", "Petition handover"),
                ("attended", "38"),
            ],
        )
        .await;
    assert_eq!(
        recorded.text(),
        "Enregistré pour **Petition handover**\u{a0}: 38 personnes venues sur 50 espérées \
         (2 intéressées sur Discord).\nJ’ai demandé aux 2 stagiaires qui y ont participé de \
         l’évaluer dans le salon de la cohorte\u{a0}; les évaluations arrivent dans \
         `/reflections`."
    );

    world.bot.step().await;
    let [post] = &evaluation_posts(&world, EVALUATION)[..] else {
        panic!("one request: {:?}", fake.messages(world.channel));
    };
    let mentions = [amelie.mention(), bruno.mention()];
    assert!(
        post.content == french_request(&mentions[0], &mentions[1])
            || post.content == french_request(&mentions[1], &mentions[0]),
        "{}",
        post.content
    );
    let form = amelie.click(post, "Évaluer l’action").await;
    let modal = form.modal().expect("the evaluation form opens");
    assert_eq!(modal.title, "Évaluer\u{a0}: Petition handover");
    let labels = modal.labels();
    assert_eq!(
        labels,
        [
            "Évaluer\u{a0}: qu’a-t-elle permis\u{a0}?",
            "Célébrer\u{a0}: qu’est-ce qui a bien marché\u{a0}?",
            "Réfléchir\u{a0}: que ferez-vous ensuite\u{a0}?",
        ]
    );
    let thanks = amelie
        .submit(
            &form,
            [
                ("evaluate", "312 signatures remises."),
                ("celebrate", "Douze locataires ont parlé."),
                ("reflect", "Réserver la salle plus tôt."),
            ],
        )
        .await;
    assert_eq!(
        thanks.text(),
        "Merci\u{a0}: votre évaluation de **Petition handover** est transmise à l’équipe \
         d’animation, et à elle seule."
    );
    let reflections = world
        .bot
        .store
        .list_reflections(world.cohort.id, false)
        .await
        .unwrap();
    assert_eq!(
        reflections[0].body,
        "Évaluation de «\u{a0}Petition handover\u{a0}»\n\
         **Évaluer\u{a0}:** 312 signatures remises.\n\
         **Célébrer\u{a0}:** Douze locataires ont parlé.\n\
         **Réfléchir\u{a0}:** Réserver la salle plus tôt."
    );
    let review = world.facilitator.slash("reflections list", []).await;
    assert!(
        review.text().contains(" · Évaluation d’une action · "),
        "{}",
        review.text()
    );
    fake.assert_no_violations();
}

fn french_request(first: &str, second: &str) -> String {
    format!(
        "**Comment s’est passée «\u{a0}Petition handover\u{a0}»\u{a0}?** {first} {second}\u{a0}: \
         vous y avez participé. Évaluez-la au regard de l’objectif, célébrez ce qui a bien \
         marché et réfléchissez à la suite. Seule l’équipe d’animation lit ce que vous écrivez."
    )
}

async fn participants_of_two_languages_are_asked_in_the_servers(backend: Backend) {
    let (world, clock) = world(backend).await;
    learning::heard(&world, &[&["Housing"]]).await;
    let fake = &world.bot.fake;
    let fran = &world.facilitator;
    let amelie = french_trainee(&world, "amelie").await;
    let tom = trainee(&world, "tom").await;
    tom.slash("course", []).await;

    let started = fran.slash("campaign start", [("theme", "Housing")]).await;
    let form = fran.click(&started, "Set the SMART goal").await;
    fran.submit(&form, goal_fields("300 signatures", "2027-03-31"))
        .await;
    plan_handover(fran).await;
    let handover = fake
        .scheduled_events(fake.guild_id())
        .into_iter()
        .find(|e| e.name == "Petition handover")
        .unwrap();
    amelie.subscribe(handover.id).await;
    tom.subscribe(handover.id).await;
    clock.set(Utc.with_ymd_and_hms(2026, 10, 10, 15, 0, 0).unwrap());
    fake.set_guild_locale(fake.guild_id(), "fr");
    fran.slash(
        "campaign turnout",
        [
            ("campaign", "Housing"),
            ("action", "Petition handover"),
            ("attended", "12"),
        ],
    )
    .await;
    world.bot.step().await;
    let [post] = &evaluation_posts(&world, EVALUATION)[..] else {
        panic!("one request: {:?}", fake.messages(world.channel));
    };
    assert!(
        post.content
            .starts_with("**Comment s’est passée «\u{a0}Petition handover\u{a0}»\u{a0}?**"),
        "{}",
        post.content
    );
    assert!(post.button("Évaluer l’action").is_some());
    fake.assert_no_violations();
}
