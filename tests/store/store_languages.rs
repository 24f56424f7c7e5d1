//! A member's language in the store, on SQLite and on PostgreSQL (when
//! `COHORTBOT_TEST_POSTGRES_URL` is set, see `tests/common/store_backends.rs`): the choice and the
//! last locale seen are kept apart, shown in the member's data and forgotten with it; a
//! translated pack's snapshot keeps its translations; a server's preferred locale is recorded
//! (the server added if new) and written again only when it changes.

use std::path::Path;

use crate::store_backends::TestDb;
use cohortbot::course::load_pack;
use cohortbot::model::{GuildId, UserId};

store_tests!(
    a_members_language_and_last_locale_are_kept_shown_and_forgotten,
    a_translated_snapshot_keeps_its_translations,
    a_servers_locale_is_recorded_once_and_updated_when_it_changes,
);

const T0: i64 = 1_790_000_000_000;
const GUILD: GuildId = GuildId(10);
const ALICE: UserId = UserId(1001);
const BOB: UserId = UserId(1002);

async fn a_members_language_and_last_locale_are_kept_shown_and_forgotten(db: &TestDb) {
    let store = &db.store;
    store.upsert_guild(GUILD, "Server", T0).await.unwrap();
    let fresh = store.member_settings(GUILD, ALICE).await.unwrap();
    assert_eq!((fresh.language, fresh.last_locale), (None, None));

    store
        .record_member_locale(GUILD, ALICE, "fr")
        .await
        .unwrap();
    let chosen = store
        .set_member_language(GUILD, ALICE, Some("en"))
        .await
        .unwrap();
    assert_eq!(chosen.language.as_deref(), Some("en"));
    assert_eq!(chosen.last_locale.as_deref(), Some("fr"), "kept apart");
    store.set_reminders_muted(GUILD, ALICE, true).await.unwrap();
    let read = store.member_settings(GUILD, ALICE).await.unwrap();
    assert_eq!(
        (read.language.as_deref(), read.last_locale.as_deref()),
        (Some("en"), Some("fr")),
        "muting keeps the language"
    );
    assert!(read.reminders_muted);

    let automatic = store.set_member_language(GUILD, ALICE, None).await.unwrap();
    assert_eq!(automatic.language, None);
    store
        .record_member_locale(GUILD, ALICE, "de")
        .await
        .unwrap();
    assert_eq!(
        store
            .member_settings(GUILD, ALICE)
            .await
            .unwrap()
            .last_locale
            .as_deref(),
        Some("de")
    );
    store
        .record_member_locale(GUILD, BOB, "pt-BR")
        .await
        .unwrap();

    let data = store.member_data(ALICE).await.unwrap();
    let rows = data["member_settings"].as_array().expect("their settings");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["last_locale"], "de");
    assert!(rows[0]["language"].is_null());

    store.forget_member(ALICE, -77, T0 + 1).await.unwrap();
    let forgotten = store.member_settings(GUILD, ALICE).await.unwrap();
    assert_eq!((forgotten.language, forgotten.last_locale), (None, None));
    assert!(!store
        .member_data(ALICE)
        .await
        .unwrap()
        .contains_key("member_settings"));
    assert_eq!(
        store
            .member_settings(GUILD, BOB)
            .await
            .unwrap()
            .last_locale
            .as_deref(),
        Some("pt-BR"),
        "another member's locale stays"
    );

    let unknown_server = store.record_member_locale(GuildId(99), ALICE, "fr").await;
    assert!(unknown_server.is_err(), "{unknown_server:?}");
}

async fn a_translated_snapshot_keeps_its_translations(db: &TestDb) {
    let store = &db.store;
    let course = load_pack(Path::new(
        "tests/fixtures/packs/translated/bilingual-course",
    ))
    .unwrap();
    let json = serde_json::to_string(&course).unwrap();
    let id = store
        .save_course_version(&course.id, &course.version, "hash", &json, T0)
        .await
        .unwrap();
    let read = store.course_snapshot(id).await.unwrap().unwrap();
    assert_eq!(*read, course);
    assert_eq!(read.localized("fr").modules[0].title, "L'écoute");
}

async fn a_servers_locale_is_recorded_once_and_updated_when_it_changes(db: &TestDb) {
    let store = &db.store;
    let other = GuildId(11);
    assert_eq!(store.guild_locale(GUILD).await.unwrap(), None);

    assert!(store
        .record_guild_locale(GUILD, "Serveur", "fr", T0)
        .await
        .unwrap());
    let guild = store
        .guild(GUILD)
        .await
        .unwrap()
        .expect("the server is added");
    assert_eq!((guild.name.as_str(), guild.created_at), ("Serveur", T0));
    assert_eq!(
        store.guild_locale(GUILD).await.unwrap().as_deref(),
        Some("fr")
    );
    assert!(
        !store
            .record_guild_locale(GUILD, "Serveur", "fr", T0 + 1)
            .await
            .unwrap(),
        "nothing written when nothing changed"
    );

    assert!(store
        .record_guild_locale(GUILD, "Serveur", "en-GB", T0 + 2)
        .await
        .unwrap());
    assert_eq!(
        store.guild_locale(GUILD).await.unwrap().as_deref(),
        Some("en-GB")
    );
    store.upsert_guild(GUILD, "Renamed", T0 + 3).await.unwrap();
    assert_eq!(
        store.guild_locale(GUILD).await.unwrap().as_deref(),
        Some("en-GB"),
        "a cohort's creation keeps the locale"
    );
    assert!(store
        .record_guild_locale(GUILD, "Serveur", "en-GB", T0 + 4)
        .await
        .unwrap());
    let guild = store.guild(GUILD).await.unwrap().expect("the server");
    assert_eq!((guild.name.as_str(), guild.created_at), ("Serveur", T0));

    store.upsert_guild(other, "Older", T0).await.unwrap();
    assert_eq!(store.guild_locale(other).await.unwrap(), None);
    assert!(store
        .record_guild_locale(other, "Older", "de", T0 + 5)
        .await
        .unwrap());
    assert_eq!(
        store.guild_locale(other).await.unwrap().as_deref(),
        Some("de")
    );
    assert_eq!(
        store.guild_locale(GUILD).await.unwrap().as_deref(),
        Some("en-GB")
    );
}
