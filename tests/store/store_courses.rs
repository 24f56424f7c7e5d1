//! Course snapshots in the store, on SQLite and on PostgreSQL (when
//! `COHORTBOT_TEST_POSTGRES_URL` is set, see `tests/common/store_backends.rs`): parsed once and
//! shared, translated once and shared, another version read as itself, the cache bounded, a
//! broken snapshot reported.

use std::path::Path;
use std::sync::Arc;

use crate::store_backends::TestDb;
use cohortbot::course::{load_pack, Course};
use cohortbot::model::CourseVersionId;
use cohortbot::store::{Store, StoreError, SNAPSHOT_CACHE_CAPACITY};

store_tests!(
    a_snapshot_is_parsed_once_and_shared,
    a_translation_is_applied_once_and_shared,
    the_least_recently_used_snapshot_leaves_a_full_cache,
    a_broken_snapshot_is_reported_not_parsed_into_a_course,
);

const T0: i64 = 1_790_000_000_000;

fn pack() -> Course {
    load_pack(Path::new("prompts/two-day-training")).expect("the shipped pack loads")
}

async fn save(store: &Store, course: &Course, hash: &str) -> CourseVersionId {
    let json = serde_json::to_string(course).unwrap();
    store
        .save_course_version(&course.id, &course.version, hash, &json, T0)
        .await
        .unwrap()
}

async fn snapshot(store: &Store, id: CourseVersionId) -> Arc<Course> {
    store
        .course_snapshot(id)
        .await
        .unwrap()
        .expect("the version exists")
}

async fn a_snapshot_is_parsed_once_and_shared(db: &TestDb) {
    let store = &db.store;
    let course = pack();
    let first = save(store, &course, "first").await;
    let read = snapshot(store, first).await;
    assert_eq!(*read, course);
    assert!(Arc::ptr_eq(&read, &snapshot(store, first).await), "shared");
    assert!(
        Arc::ptr_eq(&read, &snapshot(&store.clone(), first).await),
        "shared by the store's clones"
    );

    let renamed = Course {
        title: "Two-day training, second edition".into(),
        ..course
    };
    let second = save(store, &renamed, "second").await;
    assert_eq!(snapshot(store, second).await.title, renamed.title);
    assert!(Arc::ptr_eq(&read, &snapshot(store, first).await));
    assert_eq!(
        store.course_snapshot(CourseVersionId(999)).await.unwrap(),
        None
    );
}

async fn a_translation_is_applied_once_and_shared(db: &TestDb) {
    let store = &db.store;
    let course = load_pack(Path::new("prompts/msf-urban-spaces")).expect("the shipped pack loads");
    let id = save(store, &course, "translated").await;
    let in_locale = |locale: &'static str| async move {
        store
            .course_snapshot_in(id, Some(locale))
            .await
            .unwrap()
            .expect("the version exists")
    };
    let french = in_locale("fr").await;
    assert_eq!(*french, course.localized("fr"), "as translated on the spot");
    assert_ne!(french.title, course.title);
    assert!(Arc::ptr_eq(&french, &in_locale("fr").await), "shared");
    assert!(
        Arc::ptr_eq(&french, &in_locale("fr-CA").await),
        "another French locale reads the same translation"
    );
    let original = snapshot(store, id).await;
    for untranslated in [in_locale("en-GB").await, in_locale("pt-BR").await] {
        assert!(Arc::ptr_eq(&original, &untranslated), "read as written");
    }
    let unasked = store.course_snapshot_in(id, None).await.unwrap();
    assert!(Arc::ptr_eq(&original, &unasked.unwrap()));
    assert_eq!(
        store
            .course_snapshot_in(CourseVersionId(999), Some("fr"))
            .await
            .unwrap(),
        None
    );
}

async fn the_least_recently_used_snapshot_leaves_a_full_cache(db: &TestDb) {
    let store = &db.store;
    let course = pack();
    let mut versions = Vec::new();
    for n in 0..=SNAPSHOT_CACHE_CAPACITY {
        versions.push(save(store, &course, &format!("hash{n}")).await);
    }
    let oldest = snapshot(store, versions[0]).await;
    let kept = snapshot(store, versions[1]).await;
    for &version in &versions[2..SNAPSHOT_CACHE_CAPACITY] {
        snapshot(store, version).await;
    }
    assert!(
        Arc::ptr_eq(&oldest, &snapshot(store, versions[0]).await),
        "still there"
    );
    // Full now; one more pushes out the least recently used: version 1, as 0 was just read.
    snapshot(store, versions[SNAPSHOT_CACHE_CAPACITY]).await;
    assert!(Arc::ptr_eq(&oldest, &snapshot(store, versions[0]).await));
    let again = snapshot(store, versions[1]).await;
    assert!(!Arc::ptr_eq(&kept, &again), "parsed anew after it left");
    assert_eq!(*kept, *again);
}

async fn a_broken_snapshot_is_reported_not_parsed_into_a_course(db: &TestDb) {
    let store = &db.store;
    let id = store
        .save_course_version("broken", "1", "hash", "{\"id\": \"broken\"", T0)
        .await
        .unwrap();
    let read = store.course_snapshot(id).await;
    assert!(
        matches!(
            read,
            Err(StoreError::Corrupt {
                column: "course_versions.snapshot",
                ..
            })
        ),
        "{read:?}"
    );
}
