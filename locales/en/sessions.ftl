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

# Refusals about sessions, sets, meetings and events; `user` is a Discord user id.
session-time-unreadable = `{ $text }` is not a date and time I can read. Write it as YYYY-MM-DD HH:MM, e.g. 2026-11-04 19:00 (in { $zone }).
session-invitation-not-yours = This invitation is for the members of that set or mentoring pair only.
session-cancelled = That session was cancelled.
session-already-started = That session has already started.
session-gone = That session no longer exists.
session-time-passed = That time has already passed: choose a time in the future.
set-only-facilitators-propose = Only the facilitators of “{ $cohort }” can propose action learning sets.
set-only-facilitators-form = Only the facilitators of “{ $cohort }” can form action learning sets.
set-only-facilitators-schedule = Only the facilitators of “{ $cohort }” can schedule set sessions.
set-only-facilitators-move = Only the facilitators of “{ $cohort }” can move set sessions.
set-no-channel = This cohort has no channel for the sets' threads. Create the cohort with a channel first.
set-everyone-placed = Every trainee is already in a set.
set-no-such-session = { $set } has no session { $number }.
set-move-past = Only sessions still to come can move, and only to a time in the future.
set-attendance-facilitators = Only the facilitators of “{ $cohort }” record attendance, because it counts toward badges. Tell them who came.
set-attendance-not-started = That session has not started yet: record attendance once it has.
set-no-sets-in-course = “{ $course }” has no action learning sets.
set-none-yet = There are no sets yet: form them with `/set form`.
set-unknown = There is no set called “{ $name }”. The sets are: { $sets }.
set-already-placed = <@{ $user }> is already in a set.
set-no-first-time = The course gives no time for the first session: give one with `at`.
set-no-spacing = The course gives no spacing between sessions: schedule them one by one with `at`.
set-series-complete = This set already has every session of the series ({ $count ->
    [one] { $count } session
   *[other] { $count } sessions
}).
meeting-only-facilitators-pair = Only the facilitators of “{ $cohort }” can pair mentors with trainees.
meeting-no-channel = This cohort has no channel for the pair's thread. Create the cohort with a channel first.
meeting-not-a-mentor = <@{ $user }> is not a mentor of “{ $cohort }”: enrol them with `/cohort enroll as:Mentor` first.
meeting-not-a-trainee = <@{ $user }> is not a trainee of “{ $cohort }”.
meeting-not-a-meeting = That is not a mentoring meeting.
meeting-pair-gone = That mentoring pair no longer exists.
meeting-confirm-not-yours = Only the mentor and the trainee of this pair can confirm its meetings.
meeting-confirm-own = You proposed this meeting: the other side confirms it.
meeting-already = { $status ->
    [proposed] This meeting is already proposed.
    [scheduled] This meeting is already scheduled.
    [held] This meeting is already held.
   *[cancelled] This meeting is already cancelled.
}
meeting-time-passed = That time has already passed: propose a new one with `/meeting propose`.
meeting-log-mentor-only = Only the mentor logs a meeting.
meeting-notes-too-long = Notes can be at most { $max } characters.
meeting-list-own-only = You can see only your own mentoring meetings.
meeting-no-mentoring = “{ $course }” has no mentoring.
meeting-not-paired-with = You are not paired with <@{ $user }> for mentoring.
meeting-no-pair = You are not in a mentoring pair in this cohort. A facilitator pairs mentors and trainees with `/mentor pair`.
meeting-several-pairs = You are in several mentoring pairs: name the person with the `with` option.
meeting-none-to-log = There is no meeting to log: it must have been proposed and have started.
meeting-not-started = That meeting has not started yet: log it once it has happened.
meeting-logged-already = That meeting is logged already.
# The mentor's DM after weeks without a meeting.
meeting-nudge = 👋 <@{ $mentor }>, your trainee <@{ $trainee }> has not had a mentoring meeting for { $weeks ->
    [one] { $weeks } week
   *[other] { $weeks } weeks
}. Propose one with `/meeting propose`.
event-only-facilitators-manage = Only the facilitators of “{ $cohort }” can manage events.
event-only-facilitators-create = Only the facilitators of “{ $cohort }” can create events.
event-only-facilitators-move = Only the facilitators of “{ $cohort }” can move events.
event-only-facilitators-cancel = Only the facilitators of “{ $cohort }” can cancel events.
event-duration-unreadable = `{ $text }` is not a duration. Write it as 2h, 90m or 1h30m.
event-title-length = An event title needs 1 to { $max } characters.
event-no-duration = An event needs a duration, e.g. 2h or 90m.
event-unknown = There is no event “{ $name }”. Events: { $count ->
    [0] none yet
   *[other] { $events }
}.
event-text-too-long = { $what ->
    [location] An event location can be at most { $max } characters.
   *[description] An event description can be at most { $max } characters.
}

# Set, meeting and event screens; `thread` is a Discord channel id, `time` a <t:…> mark-up.
set-proposal-title = Proposed: { $series }
set-proposal-line = **Set { $number }** — { $members }
set-proposal-left-out = { $count ->
    [one] { $count } trainee is
   *[other] { $count } trainees are
} already in a set and left out.
set-proposal-footer = Groups of about { $size }. Run /set form to create them, or /set form members:… to name a set yourself.
set-formed-line = **{ $set }** in <#{ $thread }>: { $members }
set-formed = Formed { $count ->
    [one] { $count } set
   *[other] { $count } sets
}:{"\u000A"}{ $sets }
set-welcome = Welcome to **{ $set }**: { $members }. Your sessions, reminders and invitations come here.
set-list-title = Action learning sets
set-list-empty = No sets yet.
set-in-thread = { " " }in <#{ $thread }>
session-status = { $status ->
    [proposed] proposed
    [scheduled] scheduled
    [held] held
   *[cancelled] cancelled
}
set-scheduled = Scheduled for **{ $set }**, with reminders in its thread:
    { $sessions }
set-session-moved = **{ $title }** moved to { $time }; its reminders follow it.
set-session-post = 📅 **{ $title }** — { $time }{ $presentations }
    Will you come?
set-session-presentations = This session has presentations: come ready to present your work.
rsvp-yes = Yes
rsvp-maybe = Maybe
rsvp-no = No
rsvp-noted = Noted: you said **{ $answer ->
    [yes] yes
    [maybe] maybe
   *[no] no
}** to { $title } on { $time }.
set-attendance = Attendance for { $title }: present { $present }{ $absentees ->
    [0] {""}
   *[other] ; absent { $absent }
}.
session-badges-earned = 🎉 <@{ $user }> earned { $badges }.
session-and-more = { $shown } and { $count } more
session-more-lines = …and { $count } more.
meeting-confirm = Confirm
meeting-proposal = <@{ $other }>, <@{ $proposer }> proposes **{ $title }** on { $time }. Confirm if that suits you, or propose another time with `/meeting propose`.
meeting-proposed = Proposed **{ $title }** on { $time }{ $thread }; it is booked once the other side confirms.
meeting-proposal-confirmed = ✅ **{ $title }** on { $time } is confirmed by <@{ $by }>. Reminders will come before it.
meeting-confirmed = <@{ $proposer }>: ✅ **{ $title }** is confirmed for { $time }. Reminders will come before it.
meeting-logged = Logged **{ $title }** with <@{ $trainee }>: { $held } of { $required ->
    [one] { $required } meeting
   *[other] { $required } meetings
} so far.
meeting-line = **{ $title }** — <@{ $mentor }> with <@{ $trainee }>, { $time } ({ $status })
meeting-notes-line = {""}
    {"  "}Notes: { $notes }
meeting-list-title = Mentoring meetings
meeting-list-empty = No meetings yet.
meeting-pair-welcome = <@{ $mentor }> is mentoring <@{ $trainee }>. Propose a meeting with `/meeting propose`; the other confirms it here, and the mentor logs it with `/meeting log` afterwards.
event-cancelled-mark = { " " }— **cancelled**
event-list-title = Events
event-list-empty = No events yet.
event-list-footer = Each event is also in the server's Events list, where people can mark themselves interested.
event-scheduled = **{ $title }** is scheduled: { $time }.
event-moved = **{ $title }** moved to: { $time }.
event-cancelled = **{ $title }** is cancelled; it was on: { $time }.
event-interested = { $count ->
    [0] Nobody has marked **{ $title }** as interested yet.
   *[other] { $count } interested in **{ $title }**: { $people }
}

# Replies of /set, /mentor and /event after a Discord step failed.
set-formed-partly = Formed { $count ->
    [one] { $count } set
   *[other] { $count } sets
}, { $threads } with its thread so far.
meeting-paired = Paired <@{ $mentor }> with <@{ $trainee }> in <#{ $thread }>.
meeting-paired-no-thread = Paired <@{ $mentor }> with <@{ $trainee }>, without their thread yet.
meeting-proposer-not-told = I could not post in this thread to tell <@{ $user }>: please let them know.
event-saved-unpublished = { $scheduled } Any `/event` command adds it to the server's Events list once Discord lets me.

# Refusals of /language.
language-not-offered = I do not offer the language `{ $wanted }`; choose among { $offered } or automatic.
language-no-cohort = There is no cohort in this server yet, so nothing to read in a language.

# Titles and places the bot gives on its own, in the server's language.
meeting-title = Mentoring meeting { $seq }
event-default-location = See the cohort channel
