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
