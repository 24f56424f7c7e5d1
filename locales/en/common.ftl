# Answers every part of the bot gives: errors, notices, lists.

went-wrong = Something went wrong on our side and nothing was changed. Please try again; if it keeps happening, tell a facilitator.
form-too-slow = That took longer than Discord allows for opening a form. Please click the button again.
command-form-too-slow = That took longer than Discord allows for opening a form, and nothing was changed. Please run the command again.
too-long = I cannot show that answer here: it is longer than Discord allows in one message. If you typed something long, try a shorter value.
form-not-recognised = That form is not one I recognise.
button-not-recognised = That button is not one I recognise.
choice-not-offered = That choice is not one I offered.
button-old-version = This button comes from an older version of cohortbot and no longer works. Run `/module` to carry on where you left off.
button-malformed = I do not recognise this button. Run `/module` to carry on where you left off.
saved-but = { $saved }
    ⚠️ That is saved, but: { $what }
saved-but-discord = Discord did not accept the next step; the cause is in the bot's log.

# "a, b and c": the items before the last, joined with commas, then the last.
list-and = { $rest } and { $last }

# Refusals every service shares: which cohort the caller means.
cohort-none-yet = You are not in a cohort in this server yet. Ask a facilitator for a join code, then use `/cohort join`.
cohort-not-yours = You are not in a cohort called “{ $name }” in this server.
cohort-several = You are in several cohorts ({ $names }). Name one with the `cohort` option; I will remember your choice.
cohort-gone = That cohort no longer exists.
cohort-button-not-yours = This button belongs to a cohort you are not in. Run `/module` to open your own.

# /help
help-about = Cohort-based training for community organisers: work through your course's modules in order, answer the exercises, write reflections, meet your mentor and your action learning set, and earn badges along the way.
help-role-everyone = You are not in a cohort here yet: ask a facilitator for a join code.
help-role-trainee = You are a trainee here.
help-role-mentor = You are a mentor here.
help-role-facilitator = You facilitate here.

# A mentoring meeting confirmed by button, when its thread refused the notice.

# A title quoted in a sentence.
quoted = “{ $text }”

# Discord refused the bot for lack of permissions: what it could not do, and the permissions
# to grant, named as Discord's settings name them.
-perm-view-channel = View Channel
-perm-send-messages = Send Messages
-perm-manage-messages = Manage Messages
-perm-manage-channels = Manage Channels
-perm-manage-roles = Manage Roles
-perm-manage-threads = Manage Threads
-perm-create-private-threads = Create Private Threads
-perm-send-in-threads = Send Messages in Threads
-perm-manage-events = Manage Events
-ask-a-manager = ask a server manager, then try again.
missing-perms-hub-forums = Discord did not let me create the hub's forums. I need the { -perm-manage-channels } permission there; { -ask-a-manager }
missing-perms-forum-tags = Discord did not let me add tags to <#{ $forum }>. I need the { -perm-manage-channels } permission there; { -ask-a-manager }
missing-perms-articles = Discord did not let me publish articles in <#{ $forum }>. I need the { -perm-view-channel }, { -perm-send-messages } and { -perm-manage-messages } permissions there; { -ask-a-manager }
missing-perms-question-post = Discord did not let me open a post in <#{ $forum }>. I need the { -perm-view-channel } and { -perm-send-messages } permissions there; { -ask-a-manager }
missing-perms-answered-tag = Discord did not let me tag <#{ $post }> answered. I need the { -perm-manage-threads } permission there; { -ask-a-manager }
missing-perms-pin-answer = Discord did not let me pin the answer. I need the { -perm-manage-messages } permission there; { -ask-a-manager }
missing-perms-event-create = Discord did not let me create the server event. I need the { -perm-manage-events } permission; { -ask-a-manager }
missing-perms-event-change = Discord did not let me change the server event. I need the { -perm-manage-events } permission; { -ask-a-manager }
missing-perms-set-thread = Discord did not let me open a private thread in the cohort channel. I need the { -perm-create-private-threads }, { -perm-manage-threads } and { -perm-send-in-threads } permissions there; { -ask-a-manager }
missing-perms-thread-members = Discord did not let me add people to the thread. I need the { -perm-create-private-threads }, { -perm-manage-threads } and { -perm-send-in-threads } permissions there; { -ask-a-manager }
forum-too-many-tags = <#{ $forum }> has { $has } tags and needs { $needs } more ({ $missing }), but Discord allows { $max }. Remove some tags in the forum's settings, then run `/hub setup` again.

# /reminders and /language
reminders-muted = Reminders muted: I will not nudge you about unfinished work here. Use `/reminders unmute` to have them back.
reminders-on = Reminders are on: I will nudge you when your current module has not moved for a week.
language-set = Language set to { $name }: you read your course in { $name } where it has that translation, and in its own language elsewhere.
language-set-automatic = Language set to automatic: you read your course in your Discord language where it has that translation.
language-chosen = You chose { $name }. Use `/language set` to change it.
language-automatic = Automatic: you read your course in your Discord language (now `{ $locale }`) where it has that translation. Use `/language set` to choose one.

# A member's data: /mydata and /cohort forget.
data-yours = Your data
data-file-holds = The file holds every row of the bot's database that names you, table by table: your profile, your progress and answers, your reflections, the conversations you logged, your ratings and proposals, and messages waiting to be sent to you. Only you see this reply.

    To erase your profile run `/profile erase`; to erase the conversations you logged, `/listen erase`. A facilitator of your cohort can erase everything with `/cohort forget`.
data-erase-button = Erase their data
data-erase-confirm = Erase the data of <@{ $user }>? Their profile, reflections, logged conversations, ratings given, proposals and settings are deleted, and messages not yet sent to them dropped. Their progress, attendance and votes stay in the cohorts' figures without their name. This cannot be undone.
data-forget-not-allowed = Only the facilitators of a cohort <@{ $user }> was in can erase their data.
data-erased = Erased the data of <@{ $user }>. Deleted: { $deleted_tables ->
        [0] nothing
       *[other] { $deleted }
    }. Kept without their name, so the cohorts' figures stay right: { $kept_tables ->
        [0] nothing
       *[other] { $kept }
    }.

# Something only a slash command can do, asked another way.
command-slash-only = Use this as a slash command.
