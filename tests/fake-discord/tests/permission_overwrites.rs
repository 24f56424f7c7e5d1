//! Channel permission overwrites as Discord applies them: their order, what they take away
//! from the bot (50001, 50013), what they hide from members, and channels created or changed
//! with them.

mod common;

use fake_discord::{ChannelSpec, FakeDiscord, MemberSpec, Overwrite, OverwriteTarget, RoleSpec};
use serenity::all::{
    ChannelType, CreateChannel, CreateMessage, CreateThread, GetMessages, PermissionOverwrite,
    PermissionOverwriteType, Permissions,
};

const VIEW: Permissions = Permissions::VIEW_CHANNEL;

async fn fake_with(bot_permissions: Permissions) -> FakeDiscord {
    FakeDiscord::builder()
        .mentions_optional()
        .bot_permissions(bot_permissions)
        .start()
        .await
}

#[tokio::test]
async fn overwrites_apply_everyone_then_roles_combined_then_the_member() {
    let fake = FakeDiscord::builder().mentions_optional().start().await;
    let guild = fake.guild_id();
    let mentors = fake.add_role("Mentors");
    let muted = fake.add_role("Muted");
    let admins = fake.add_role(RoleSpec::new("Admins").permissions(Permissions::ADMINISTRATOR));
    let alice = fake.add_member(MemberSpec::new("alice").roles([mentors]));
    let bob = fake.add_member(MemberSpec::new("bob").roles([mentors, muted]));
    let carol = fake.add_member("carol");
    let dave = fake.add_member(MemberSpec::new("dave").roles([mentors]));
    let erin = fake.add_member(MemberSpec::new("erin").roles([muted]));
    let frank = fake.add_member(MemberSpec::new("frank").roles([admins]));
    let gina = fake.add_member("gina");
    let room = fake.add_channel(
        ChannelSpec::text("mentors")
            .overwrite(Overwrite::everyone(guild).deny(VIEW))
            .overwrite(Overwrite::role(mentors).allow(VIEW))
            .overwrite(Overwrite::role(muted).deny(VIEW | Permissions::SEND_MESSAGES))
            .overwrite(Overwrite::member(dave.id()).deny(VIEW))
            .overwrite(Overwrite::member(gina.id()).allow(VIEW)),
    );

    let sees = |user: &fake_discord::FakeUser| user.can_see(room);
    assert!(
        sees(&alice),
        "a role overwrite allows over @everyone's deny"
    );
    assert!(
        sees(&bob),
        "among roles, an allow wins over another role's deny"
    );
    assert!(!sees(&carol), "@everyone's deny");
    assert!(!sees(&dave), "the member's own deny comes last");
    assert!(!sees(&erin), "a role's deny");
    assert!(sees(&frank), "administrators bypass overwrites");
    assert!(sees(&gina), "the member's own allow comes last");
    assert!(sees(&fake.owner()), "the owner bypasses overwrites");
    assert!(
        !fake
            .permissions_in(room, bob.id())
            .contains(Permissions::SEND_MESSAGES),
        "Muted's deny of Send Messages stays: Mentors allow only View Channel"
    );
    assert_eq!(fake.permissions_in(room, carol.id()), Permissions::empty());
}

#[tokio::test]
async fn a_text_channel_without_send_messages_also_takes_files_embeds_and_mentions() {
    let fake = FakeDiscord::builder().mentions_optional().start().await;
    let alice = fake.add_member("alice");
    let announcements = fake.add_channel(
        ChannelSpec::text("announcements")
            .overwrite(Overwrite::member(alice.id()).deny(Permissions::SEND_MESSAGES)),
    );

    let permissions = fake.permissions_in(announcements, alice.id());

    assert!(permissions.contains(VIEW));
    for implied in [
        Permissions::SEND_MESSAGES,
        Permissions::ATTACH_FILES,
        Permissions::EMBED_LINKS,
        Permissions::MENTION_EVERYONE,
    ] {
        assert!(!permissions.contains(implied), "{implied:?}");
    }
    let general = fake.permissions_in(fake.general_channel(), alice.id());
    assert!(general.contains(Permissions::SEND_MESSAGES | Permissions::EMBED_LINKS));
}

#[tokio::test]
async fn the_bot_gets_missing_access_where_an_overwrite_hides_the_channel() {
    let fake = FakeDiscord::builder().mentions_optional().start().await;
    let http = fake.http();
    let bot_role = fake.bot_role(fake.guild_id());
    let hidden = fake
        .add_channel(ChannelSpec::text("staff").overwrite(Overwrite::role(bot_role).deny(VIEW)));

    let posting = hidden.say(&http, "hello").await.expect_err("hidden");
    let reading = hidden
        .messages(&http, GetMessages::new())
        .await
        .expect_err("hidden");
    let fetching = http.get_channel(hidden).await.expect_err("hidden");

    assert_eq!(common::error_code(&posting), "403 50001");
    assert_eq!(common::error_code(&reading), "403 50001");
    assert_eq!(common::error_code(&fetching), "403 50001");
    assert!(fake.messages(hidden).is_empty());
    fake.set_overwrite(hidden, Overwrite::role(bot_role).allow(VIEW));
    hidden
        .say(&http, "hello")
        .await
        .expect("the overwrite now allows it");
    assert_eq!(fake.messages(hidden)[0].content, "hello");
}

#[tokio::test]
async fn the_bot_gets_missing_permissions_where_an_overwrite_denies_sending() {
    let fake = FakeDiscord::builder().mentions_optional().start().await;
    let http = fake.http();
    let bot = fake.permissions_in(fake.general_channel(), fake.bot_id());
    assert!(bot.contains(Permissions::SEND_MESSAGES));
    let read_only = fake.add_channel(
        ChannelSpec::text("read-only")
            .overwrite(Overwrite::member(fake.bot_id()).deny(Permissions::SEND_MESSAGES)),
    );
    let no_threads = fake.add_channel(ChannelSpec::text("no-threads").overwrite(
        Overwrite::everyone(fake.guild_id()).deny(Permissions::SEND_MESSAGES_IN_THREADS),
    ));
    let prompt = no_threads
        .say(&http, "prompt")
        .await
        .expect("channel posts");
    let thread = no_threads
        .create_thread_from_message(&http, prompt.id, CreateThread::new("Week 1"))
        .await
        .expect("creating a public thread needs no Send Messages in Threads");

    let in_channel = read_only.say(&http, "hello").await.expect_err("denied");
    let in_thread = thread.id.say(&http, "hello").await.expect_err("denied");

    assert_eq!(common::error_code(&in_channel), "403 50013");
    assert_eq!(common::error_code(&in_thread), "403 50013");
    assert!(fake.messages(read_only).is_empty());
    assert!(fake.messages(thread.id).is_empty());
    let open_thread = fake.add_channel(ChannelSpec::thread(read_only, "open"));
    open_thread
        .say(
            &http,
            "threads need Send Messages in Threads, not Send Messages",
        )
        .await
        .expect("allowed");
}

#[tokio::test]
async fn the_bot_cannot_open_a_private_thread_where_an_overwrite_denies_it() {
    let fake = FakeDiscord::builder().mentions_optional().start().await;
    let http = fake.http();
    let cohort = fake.add_channel(ChannelSpec::text("cohort").overwrite(
        Overwrite::role(fake.bot_role(fake.guild_id())).deny(Permissions::CREATE_PRIVATE_THREADS),
    ));

    let refused = cohort
        .create_thread(
            &http,
            CreateThread::new("Set 1").kind(ChannelType::PrivateThread),
        )
        .await
        .expect_err("denied");

    assert_eq!(common::error_code(&refused), "403 50013");
    assert!(fake.threads(cohort).is_empty());
}

#[tokio::test]
async fn a_private_thread_hides_its_messages_from_members_outside_it() {
    let fake = FakeDiscord::builder().mentions_optional().start().await;
    let http = fake.http();
    let moderators =
        fake.add_role(RoleSpec::new("Moderators").permissions(Permissions::MANAGE_THREADS));
    let alice = fake.add_member("alice");
    let bob = fake.add_member("bob");
    let mod_member = fake.add_member(MemberSpec::new("mo").roles([moderators]));
    let general = fake.general_channel();
    let thread = general
        .create_thread(
            &http,
            CreateThread::new("Set 1").kind(ChannelType::PrivateThread),
        )
        .await
        .expect("private thread");
    http.add_thread_channel_member(thread.id, alice.id())
        .await
        .expect("add alice");
    thread.id.say(&http, "Welcome, set 1").await.expect("post");

    let seen = alice.visible_messages(thread.id);
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].content, "Welcome, set 1");
    assert!(bob.can_see(general));
    assert!(!bob.can_see(thread.id));
    assert!(bob.visible_messages(thread.id).is_empty());
    assert_eq!(fake.messages(thread.id).len(), 1, "the message exists");
    assert!(
        mod_member.can_see(thread.id),
        "Manage Threads sees every thread"
    );
}

#[tokio::test]
async fn a_thread_of_a_private_channel_is_hidden_with_its_parent() {
    let fake = FakeDiscord::builder().mentions_optional().start().await;
    let http = fake.http();
    let staff = fake.add_role("Staff");
    let alice = fake.add_member(MemberSpec::new("alice").roles([staff]));
    let bob = fake.add_member("bob");
    let private = fake.add_channel(
        ChannelSpec::text("staff")
            .overwrite(Overwrite::everyone(fake.guild_id()).deny(VIEW))
            .overwrite(Overwrite::role(staff).allow(VIEW)),
    );
    let hidden = private
        .say(&http, "Agenda")
        .await
        .expect_err("@everyone's deny");
    assert_eq!(common::error_code(&hidden), "403 50001");
    fake.set_overwrite(
        private,
        Overwrite::role(fake.bot_role(fake.guild_id())).allow(VIEW),
    );
    let prompt = private.say(&http, "Agenda").await.expect("the bot sees it");
    let thread = private
        .create_thread_from_message(&http, prompt.id, CreateThread::new("Agenda"))
        .await
        .expect("public thread");
    thread.id.say(&http, "Item 1").await.expect("post");

    assert_eq!(alice.visible_messages(private).len(), 1);
    assert_eq!(alice.visible_messages(thread.id)[0].content, "Item 1");
    assert!(bob.visible_messages(private).is_empty());
    assert!(bob.visible_messages(thread.id).is_empty());
}

#[tokio::test]
async fn a_channel_is_created_with_its_overwrites() {
    let fake = fake_with(bot_with(Permissions::MANAGE_CHANNELS)).await;
    let http = fake.http();
    let guild = fake.guild_id();
    let alice = fake.add_member("alice");
    let bob = fake.add_member("bob");

    let created = guild
        .create_channel(
            &http,
            CreateChannel::new("set-1").permissions([
                PermissionOverwrite {
                    allow: Permissions::empty(),
                    deny: VIEW,
                    kind: PermissionOverwriteType::Role(guild.everyone_role()),
                },
                PermissionOverwrite {
                    allow: VIEW | Permissions::SEND_MESSAGES,
                    deny: Permissions::empty(),
                    kind: PermissionOverwriteType::Member(alice.id()),
                },
                PermissionOverwrite {
                    allow: VIEW,
                    deny: Permissions::empty(),
                    kind: PermissionOverwriteType::Member(fake.bot_id()),
                },
            ]),
        )
        .await
        .expect("created");

    assert_eq!(created.permission_overwrites.len(), 3);
    let stored = fake.channel(created.id).expect("stored").overwrites;
    assert_eq!(
        stored,
        [
            Overwrite::everyone(guild).deny(VIEW),
            Overwrite::member(alice.id()).allow(VIEW | Permissions::SEND_MESSAGES),
            Overwrite::member(fake.bot_id()).allow(VIEW),
        ]
    );
    assert!(alice.can_see(created.id));
    assert!(!bob.can_see(created.id));
    let read_back = http.get_channel(created.id).await.expect("read back");
    let read_back = read_back.guild().expect("a guild channel");
    assert_eq!(
        read_back.permission_overwrites,
        created.permission_overwrites
    );
}

#[tokio::test]
async fn the_bot_cannot_grant_in_an_overwrite_what_it_lacks() {
    let fake = fake_with(bot_with(Permissions::MANAGE_CHANNELS)).await;
    let http = fake.http();
    let guild = fake.guild_id();
    let alice = fake.add_member("alice");
    let granting = |allow| {
        CreateChannel::new("set-1").permissions([PermissionOverwrite {
            allow,
            deny: Permissions::empty(),
            kind: PermissionOverwriteType::Member(alice.id()),
        }])
    };

    let lacked = guild
        .create_channel(&http, granting(Permissions::MANAGE_GUILD))
        .await
        .expect_err("the bot lacks Manage Server");
    let manage_roles = guild
        .create_channel(&http, granting(Permissions::MANAGE_ROLES))
        .await
        .expect_err("only administrators may put Manage Roles in an overwrite");

    assert_eq!(common::error_code(&lacked), "403 50013");
    assert_eq!(common::error_code(&manage_roles), "403 50013");
    assert!(guild
        .channels(&http)
        .await
        .expect("channels")
        .values()
        .all(|c| c.name != "set-1"));
    let without = fake_with(bot_with(Permissions::empty())).await;
    let refused = without
        .guild_id()
        .create_channel(&without.http(), CreateChannel::new("set-1"))
        .await
        .expect_err("no Manage Channels");
    assert_eq!(common::error_code(&refused), "403 50013");
}

#[tokio::test]
async fn an_overwrite_set_by_the_bot_replaces_the_one_for_the_same_member() {
    let fake = FakeDiscord::builder().mentions_optional().start().await;
    let http = fake.http();
    let alice = fake.add_member("alice");
    let room = fake
        .add_channel(ChannelSpec::text("room").overwrite(Overwrite::member(alice.id()).deny(VIEW)));
    assert!(!alice.can_see(room));

    room.create_permission(
        &http,
        PermissionOverwrite {
            allow: VIEW,
            deny: Permissions::SEND_MESSAGES,
            kind: PermissionOverwriteType::Member(alice.id()),
        },
    )
    .await
    .expect("set");

    let stored = fake.channel(room).expect("room").overwrites;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].target, OverwriteTarget::Member(alice.id()));
    assert!(alice.can_see(room));
    assert!(!fake
        .permissions_in(room, alice.id())
        .contains(Permissions::SEND_MESSAGES));
    let refused = room
        .create_permission(
            &http,
            PermissionOverwrite {
                allow: Permissions::MANAGE_GUILD,
                deny: Permissions::empty(),
                kind: PermissionOverwriteType::Member(alice.id()),
            },
        )
        .await
        .expect_err("the bot lacks Manage Server");
    assert_eq!(common::error_code(&refused), "403 50013");
    room.send_message(&http, CreateMessage::new().content("still posts"))
        .await
        .expect("the bot's own permissions are untouched");
}

/// The fake's default bot permissions plus `extra`.
fn bot_with(extra: Permissions) -> Permissions {
    let fake_default = Permissions::VIEW_CHANNEL
        | Permissions::SEND_MESSAGES
        | Permissions::READ_MESSAGE_HISTORY
        | Permissions::MANAGE_ROLES
        | Permissions::CREATE_PUBLIC_THREADS
        | Permissions::CREATE_PRIVATE_THREADS
        | Permissions::SEND_MESSAGES_IN_THREADS;
    fake_default | extra
}
