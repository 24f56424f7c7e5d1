# listening: /listen, listening campaigns and their reminders.

# The nudge to a trainee who has logged no conversation for a while; `user` is a Discord user id.
listen-nudge = <@{ $user }>, you have not logged a one-to-one in “{ $cohort }” for { $days } days. { $stage_line } Who could you listen to this week? Log it with `/listen log`. (To stop these reminders, use `/reminders mute`.)
listen-nudge-stage-target = This stage, “{ $stage }”, asks for { $target } conversations and you have logged { $logged }.
listen-nudge-stage = This stage is “{ $stage }”.
# The facilitators' weekly digest; `themes` and `groups` are lists already written.
listen-digest = **Listening this week in “{ $cohort }”** (stage: { $stage })
    Conversations logged in the last 7 days: { $count }
    New themes: { $themes }
    Groups not yet reached: { $groups }
listen-digest-no-themes = none
listen-digest-all-groups = none, every group has been heard
