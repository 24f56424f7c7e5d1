# Cohorts: creating, enrolling, joining, leaving; who may do what.

cohort-create-not-allowed = Only facilitators and server managers can create cohorts.
cohort-name-length = A cohort name needs 1 to { $max } characters.
cohort-no-such-course = There is no course `{ $course }`. Available: { $available }.
cohort-name-taken = This server already has a cohort called “{ $name }”. Choose another name.
cohort-try-again = Try again.
cohort-nobody-to-enrol = Nobody to enrol: name a member, or a role that has members.
cohort-bad-join-code = That join code does not match a cohort in this server. Check it with your facilitator.
cohort-already-in = You are already in “{ $cohort }” as a { $role }.
cohort-not-in = You are not in “{ $cohort }”.

access-enrol-facilitators-only = Only the facilitators of “{ $cohort }” enrol trainees and mentors. As a server manager you may enrol facilitators.
access-facilitators-only = Only the facilitators of “{ $cohort }” can do that.

cohort-unknown-time-zone = `{ $zone }` is not a time zone I know. Pick one from the list, e.g. Europe/London.
cohort-not-a-date = `{ $date }` is not a date. Write it as YYYY-MM-DD, e.g. 2026-09-07.
cohort-created = Cohort created. Share the join code with your trainees, or enrol them with `/cohort enroll`.
cohort-events-discord-refused = Discord did not accept them just now.
cohort-events-not-published = The course's events are not on the server's events yet: { $reason } `/event list` publishes them.
cohort-prompt-late = “{ $title }” was due <t:{ $due }:F>, before the cohort was created: it is posted now, marked late.
cohort-and-more = and { $count } more
cohort-prompts-skipped = Skipped, as their time had passed too: { $titles }. Post any of them with `/prompt now`.
cohort-enrolled = Enrolled { $count ->
        [one] { $count } person
       *[other] { $count } people
    } in “{ $cohort }” as { $role }.
cohort-welcome = Welcome to “{ $cohort }”! Use `/course` to see your modules and `/module` to start.
cohort-left = You have left “{ $cohort }”. Your progress is kept if you rejoin.
cohort-posts-in = “{ $cohort }” now posts in <#{ $channel }>.

# /cohort info
cohort-course-version = { $course } (version { $version })
cohort-starts = Starts
cohort-time-zone = Time zone
cohort-people = People
cohort-people-count = { $trainees ->
        [one] { $trainees } trainee
       *[other] { $trainees } trainees
    }, { $mentors ->
        [one] { $mentors } mentor
       *[other] { $mentors } mentors
    }, { $facilitators ->
        [one] { $facilitators } facilitator
       *[other] { $facilitators } facilitators
    }
cohort-channel = Channel
cohort-you-are = You are
cohort-role = { $role }
cohort-join-code = Join code
cohort-join-code-how = `{ $code }` — trainees use `/cohort join { $code }`
