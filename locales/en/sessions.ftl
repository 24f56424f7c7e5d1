# sessions

# Reminders before a set session or a mentoring meeting; `start` is a Unix time in seconds.
reminder-session = ⏰ Reminder: **{ $title }** starts in { $in }: <t:{ $start }:F> (<t:{ $start }:R>).
duration-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
duration-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}

# Reminders the scheduler sends to one member; `user` is a Discord user id.
reminders-mute-not-in-cohort = You are not in a cohort in this server, so there is nothing to mute.
nudge-module-stalled = <@{ $user }>, your module “{ $module }” in “{ $cohort }” has not moved for a week or more. Pick it up again with `/module`. (To stop these reminders, use `/reminders mute`.)
