# /prompt: prompts posted now or scheduled, and the refusals.

prompt-posting = Posting “{ $title }” in <#{ $channel }> now.
prompt-scheduled = Scheduled: { $prompt }. Use `/prompt list` to see everything scheduled.
prompt-moved = Moved: { $prompt }. Use `/prompt list` to see everything scheduled.
prompt-cancelled = Cancelled #{ $number } “{ $title }”: nothing more of it will be sent.
prompt-none-scheduled = Nothing is scheduled. Add a prompt with `/prompt schedule`.
prompt-and-more = …and { $count } more.
prompt-list-title = Scheduled for “{ $cohort }”
prompt-milestone = (milestone reminder)
prompt-nudge = (nudge)
prompt-nothing-more = nothing more to send
prompt-until = until <t:{ $at }:F>
prompt-repeats = repeats `{ $rule }`

prompt-no-channel = “{ $cohort }” has no channel, so there is nowhere to post. Schedule the prompt instead: without a channel it goes to the facilitators.
prompt-never-again = `{ $rule }` never happens again.
prompt-move-needs-date = Move a prompt to a date and time, written as YYYY-MM-DD HH:MM. To repeat it on another rule, cancel it and schedule it again.
prompt-not-movable = #{ $number } is being sent right now or has nothing more to send; see `/prompt list`.
prompt-time-passed = { $typed } ({ $zone }) has already passed.
prompt-bad-when = Write a date and time as YYYY-MM-DD HH:MM (in { $zone }), e.g. 2026-10-07 18:00, or a repeating rule as five cron fields, e.g. `0 18 * * TUE`. ({ $problem })
prompt-no-such-prompt = The course has no prompt `{ $prompt }`. Pick one from the list.
prompt-either-or = Give either `prompt` (one of the course's) or `text` (your own), not both.
prompt-no-such-schedule = “{ $cohort }” has no scheduled prompt #{ $number } still to come. See `/prompt list`.

# Notes added to a message when it is sent; `at` is a Unix time in seconds, `id` a user's
# or a channel's id.
outbox-late = (late: this was due at <t:{ $at }:F>)
outbox-dm-refused = <@{ $id }>, I could not send you this as a direct message.
outbox-channel-refused = (This was meant for <#{ $id }>, where I cannot post.)

# A prompt for the cohort when the cohort has no channel, to its facilitators.
prompt-came-to-you = “{ $cohort }” has no channel, so this prompt for the cohort came to you: please share it with the trainees.

# A milestone reminder to the facilitators.
milestone-title = Milestone: { $title }
milestone-award = It is time to award **{ $badge }** in “{ $cohort }”.
milestone-nobody-ready = Nobody meets its requirements yet.
milestone-ready = Ready (every requirement met): { $members }
milestone-not-yet = Not yet:

# What the scheduled reminders are, as `/prompt list` names them.
prompt-title-nudge = Weekly nudge to trainees whose module has stalled
prompt-title-listening-digest = Weekly listening digest to facilitators
prompt-title-listening-nudge = Daily nudge to trainees whose listening has stalled

# To the creator of a cohort without a channel, in their language.
prompt-no-channel-yet = “{ $cohort }” has no channel, so its scheduled prompts for the cohort will come to its facilitators by direct message, to share with the trainees. If the cohort has a channel by the time a prompt is due, it is posted there instead.
