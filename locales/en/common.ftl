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
meeting-could-not-tell = I could not post in this thread to tell <@{ $user }>: please let them know.

# A title quoted in a sentence.
quoted = “{ $text }”
