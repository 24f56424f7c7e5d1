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

# Refusals of /listen; `what` is "stage" or "group".
listen-no-campaign = “{ $cohort }” follows a course without a listening campaign.
listen-form-stale = That form no longer fits the course: run `/listen log` again.
listen-record-gone = That conversation is no longer recorded: it may have been deleted.
listen-not-author = Only the person who logged a conversation can change or delete it.
listen-theme-unknown = No conversation is filed under “{ $theme }”.
listen-merge-same = Choose two different themes to merge.
listen-not-in-campaign = { $what ->
    [stage] “{ $typed }” is not a stage of this campaign. Choose one of: { $choices }.
   *[group] “{ $typed }” is not a group of this campaign. Choose one of: { $choices }.
}
# The DM on the follow-up day; `heard_on` is a date, `themes` a list already written.
listen-follow-up = Follow-up today: you wanted to go back to **{ $label }**, whom you listened to on { $heard_on } about { $themes }. Log what you hear with `/listen log`.

# What a logged conversation may hold; `what` is the field: "label", "place" or "energy".
listen-theme-too-long = A theme can have at most { $max } characters: “{ $theme }” is too long. Shorten it, or choose one of the cohort's themes.
listen-no-issue = Name at least one issue you heard, separated by commas: a conversation is filed under the issues it raised.
listen-too-many-issues = { $count } issues: file a conversation under at most { $max }, the ones that mattered most.
listen-heard-in-future = { $date } is in the future: log a conversation once it has happened.
listen-follow-up-passed = The follow-up date { $date } has passed: choose today or a later day.
listen-date-unreadable = “{ $text }” is not a date: write it as YYYY-MM-DD, e.g. 2026-10-03.
listen-field-empty = { $what ->
    [label] The label is empty.
    [place] Where is empty.
   *[energy] Their energy is empty.
}
listen-field-too-long = { $what ->
    [label] The label has { $count } characters; at most { $max } fit.
    [place] Where has { $count } characters; at most { $max } fit.
   *[energy] Their energy has { $count } characters; at most { $max } fit.
}
listen-field-contact = { $what ->
    [label] The label
    [place] Where
   *[energy] Their energy
} looks like an e-mail address or a phone number. Keep contact details in your own notes: the bot does not hold them.

# Campaigns on a theme the cohort heard: refusals of /campaign and its forms.
campaign-theme-unheard = “{ $theme }” is not a theme this cohort heard: pick one from `/listen issues`.
campaign-exists = There is already a campaign on “{ $theme }”: change its goal with `/campaign goal`.
campaign-too-many-holders = A power analysis lists at most { $max } holders: remove one first.
campaign-holder-unknown = “{ $name }” is not in the power analysis of “{ $theme }”.
campaign-turnout-zero = Set a turnout target of at least one person.
campaign-action-unknown = “{ $title }” is not an action of “{ $theme }”: see them with `/campaign show`.
campaign-action-cancelled = “{ $title }” was cancelled.
campaign-action-not-yet = “{ $title }” has not happened yet: record its turnout once it has started (<t:{ $start }:f>).
campaign-answer-length = { $part ->
    [evaluate] Answer “Evaluate” in 1 to { $max } characters.
    [celebrate] Answer “Celebrate” in 1 to { $max } characters.
   *[reflect] Answer “Reflect” in 1 to { $max } characters.
}
campaign-none-yet = This cohort has no campaign yet: a facilitator starts one with `/campaign start`.
campaign-unknown = There is no campaign on “{ $name }”. The cohort's campaigns: { $campaigns }.
campaign-gone = That campaign no longer exists.
campaign-members-only = Only members of “{ $cohort }” can see its campaigns.
campaign-action-gone = That action no longer exists.
campaign-evaluation-not-yours = This evaluation is for the trainees who took part in “{ $title }”.
campaign-already-evaluated = You already sent your evaluation of “{ $title }”; the facilitators have it.
# `field` is one of: specific, measurable, achievable, relevant.
campaign-goal-field-empty = { $field ->
    [specific] Say what makes the goal specific: that field is empty.
    [measurable] Say what makes the goal measurable: that field is empty.
    [achievable] Say what makes the goal achievable: that field is empty.
   *[relevant] Say what makes the goal relevant: that field is empty.
}
campaign-goal-field-too-long = { $field ->
    [specific] Keep the specific part to { $max } characters; it has { $length }.
    [measurable] Keep the measurable part to { $max } characters; it has { $length }.
    [achievable] Keep the achievable part to { $max } characters; it has { $length }.
   *[relevant] Keep the relevant part to { $max } characters; it has { $length }.
}
campaign-goal-no-number = Make the goal measurable with a number, e.g. “300 signatures” or “2 meetings with the council”.
campaign-holder-name-length = A power holder's name needs 1 to { $max } characters.
campaign-holder-note-too-long = Keep the note to { $max } characters; it has { $length }.
campaign-deadline-missing = A SMART goal needs a date: write the deadline as YYYY-MM-DD.
campaign-deadline-unreadable = “{ $text }” is not a date: write the deadline as YYYY-MM-DD.
campaign-deadline-passed = The deadline { $date } has passed: a goal's date is in the future.

listen-merged = Merged “{ $from }” into “{ $into }”: { $count } conversations are now filed under “{ $into }”.

# Notes of the /listen buttons and forms; `heard_on` is a date.
listen-deleted = Deleted your conversation with **{ $label }** on { $heard_on }.
listen-typed-back = Nothing was saved. What you typed:
    > Who: { $label }
    > Where: { $place }
    > Issues: { $issues }
    > Energy: { $energy }
# The form of a conversation, from `/listen log` or its Edit button.
listen-form-log-title = Log a conversation (private)
listen-form-edit-title = Change a conversation (private)
listen-form-who = Who: initials or a nickname
listen-form-where = Where you talked
listen-form-issues = Issues heard, separated by commas
listen-form-energy = What moves them, in a sentence
listen-privacy = Only you and your facilitators see this; others see totals only.
# A trainee's records as a facilitator reads them; `member` is a Discord user id.
listen-records-none = <@{ $member }> has logged no conversations yet.
listen-records-of = Conversations logged by <@{ $member }>:

# What a saved conversation says back; `heard_on` and `day` are dates, `summary` its group and themes.
listen-logged = Logged your conversation with **{ $label }** on { $heard_on }: { $summary }. { listen-privacy }
listen-saved = Saved your conversation with **{ $label }** on { $heard_on }: { $summary }. { listen-privacy }
listen-logged-follow-up = I will remind you by direct message on { $day } to follow up.
# /listen mine: one's own conversations, newest first, with buttons numbered `n`.
listen-mine-none = You have not logged a conversation yet. Use `/listen log` after a one-to-one.
listen-mine-none-now = You have no conversations logged now.
listen-mine-title = Your conversations
listen-mine-follow-up = follow up { $day }
listen-edit-button = Edit { $n }
listen-delete-button = Delete { $n }
# /listen erase and its button.
listen-erase-none = You have no conversations logged in this server.
listen-erase-confirm = { $count ->
    [one] This deletes the one conversation you logged in this server, and your dot-vote ballots here. It cannot be undone.
   *[other] This deletes all { $count } conversations you logged in this server, and your dot-vote ballots here. It cannot be undone.
}
listen-erase-button = Erase all my conversations
listen-erased = { $count ->
    [0] You had no conversations logged here: nothing to erase.
    [one] Erased the one conversation you had logged. Nothing of it is kept.
   *[other] Erased the { $count } conversations you had logged. Nothing of them is kept.
}
# /listen progress; `groups` is a list already written, `user` a Discord user id.
listen-progress-cohort-title = Listening: { $cohort }
listen-progress-own-title = Your listening
listen-progress-no-trainees = No trainees in this cohort yet.
listen-progress-stage = { $stage }: { $count }
listen-progress-stage-target = { $stage }: { $count }/{ $target }
listen-progress-groups = Groups reached: { $groups }
listen-progress-no-groups = none yet
listen-progress-no-excluded = ⚠️ No excluded group reached yet ({ $groups })
listen-progress-member = <@{ $user }> — { $count ->
    [one] { $count } conversation
   *[other] { $count } conversations
}
listen-progress-own = { $count ->
    [one] { $count } conversation
   *[other] { $count } conversations
}
# /listen issues; `origin` is "course" or "trainee", `monday` the first day of a week.
listen-issues-title = What people raised: { $cohort }
listen-issues-chart-caption = Themes (% of conversations)
listen-issues-none = No conversations logged yet.
listen-issues-summary = From { $count ->
    [one] { $count } conversation
   *[other] { $count } conversations
}. By week: { $weeks }.
listen-issues-theme = **{ $theme }** — { $origin ->
        [trainee] { $count } (added by a trainee)
       *[course] { $count }
    }
    -# by stage: { $stages }; by group: { $groups }; by week: { $weeks }
listen-issues-week = w/c { $monday } { $count }
listen-issues-more = …and { $count ->
    [one] { $count } more theme.
   *[other] { $count } more themes.
}
