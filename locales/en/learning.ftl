# The learning path: /course, /module, /progress, /badges show.

module-locked = locked
module-open = open
module-in-progress = in progress
module-done = done
module-best-score = , best score { $score }
course-footer = Each module opens when the one before it is complete.
course-footer-carry-on = Each module opens when the one before it is complete. Use /module to carry on.

next-question = Answer question { $number } of { $total } in “{ $module }”: run `/module`.
next-carry-on = Carry on with “{ $module }”: run `/module`.
next-start = Start “{ $module }”: run `/module`.
next-choose-route = Choose your “{ $pathway }” route: run `/pathway choose`.
next-await-award = You have done everything “{ $badge }” requires: a facilitator awards it, nothing more to do for now.
next-finished = You have finished the course: every module done and every badge earned. Well done!

# What a member still lacks for a badge, as a clause for a sentence or a list.
lack-module = complete the module “{ $module }”
lack-route = choose a “{ $pathway }” route and complete its modules
lack-sessions = attend { $more } more of “{ $series }” ({ $attended } of { $count } so far)
lack-badge = earn the “{ $badge }” badge
lack-conversations = log { $more } more { $more ->
    [one] conversation
   *[other] conversations
}{ $excluded ->
    [yes] {" "}with people from the groups rarely heard
   *[no] {""}
} ({ $logged } of { $count } so far)
# The next step when a badge still lacks something; the first letter is made a capital.
next-for-badge = { $lack } for the badge “{ $badge }”.{ $how ->
    [route] {" "}Run `/pathway choose`.
    [mentoring] {" "}Agree a time with your mentor: `/meeting propose`.
    [sessions] {" "}Your facilitators schedule the sessions and the bot reminds you of each.
    [conversations] {" "}Run `/listen log` after each one-to-one.
   *[none] {""}
}

progress-title = Your progress: { $course }
progress-modules = Modules complete
progress-of = { $done } of { $total }
progress-next = Next step

badges-title = Badges
badges-none = This course has no badges.
badge-earned = 🏅 { $badge } — earned <t:{ $at }:D>
badge-by-hand = ▫️ { $badge } — awarded by a facilitator
badge-to-do = ▫️ { $badge } — still to do: { $missing }

# /badges export
credentials-none = You hold no badges in this cohort yet, so there is nothing to export. `/badges show` says what is still to do for each.
credentials-title = Your { $count } { $count ->
    [one] badge credential
   *[other] badge credentials
}
credentials-exported = { $badges }

    Each file is an Open Badges 3.0 credential signed by this server's bot: keep it, add it to a digital wallet or a profile that takes Open Badges, or send it to whoever asks. Badges revoked by a facilitator are not included.

# Badges as Discord roles: what the facilitators are told when a role cannot follow an award.
badge-role-missing-permission = I could not give <@{ $user }> the “{ $role }” role: I need the { -perm-manage-roles } permission, and my own role must sit above “{ $role }” in Server Settings → Roles. The badge is recorded; I will give the role as soon as that is fixed.
badge-role-member-left = <@{ $user }> has left the server, so the “{ $role }” role could not be given. The badge stays on record.
badge-role-failed = I could not update the “{ $role }” role for <@{ $user }> ({ $error }). I will try again.
badge-congratulations = 🎉 Congratulations <@{ $user }>: you earned { $badges }!

module-not-in-course = That module is not part of your course.
module-still-locked = “{ $module }” is still locked: finish { $before } first.

# A module's screens (/module and its buttons).
page-reading = Reading
page-video = Video
page-case-study = Case study
screen-footer = { $kind } · screen { $screen } of { $screens }{ $done ->
        [yes] {" "}· completed
       *[no] {""}
    }
screen-previous = ◀ Previous
screen-next = Next ▶
screen-open-link = Open the link
screen-continue = Continue: question { $number } of { $total }
screen-finish = Finish the module
screen-start-exercises = Start the exercises ({ $count })

# Exercises: questions, feedback, results.
question-footer = { $module } · question { $number } of { $total } · attempt { $attempt }
question-true-or-false = True or false?
quiz-true = True
quiz-false = False
question-choose-all = Choose all that apply
question-choose-one = Choose one
question-which-comes = Which comes { $position ->
        [1] first
        [2] second
        [3] third
       *[other] { $position }th
    }?
question-order-so-far = Your order so far
question-put-in-order = Put these in order
question-choose-category = Choose its category
question-sorted-so-far = Sorted so far
question-sort-items = Sort each item ({ $number } of { $total })
question-where-belong = Where does “{ $item }” belong?
question-reflection = Reflection
question-reflection-length = { $min } to { $max } characters. Take your time: the box opens when you press the button.
question-write-reflection = Write your reflection
question-read-again = Read the pages again
question-already-answered = That question has already been answered. Run `/module` to continue.
question-answer-does-not-fit = That answer does not fit this question. Run `/module` to continue.
exercises-gone = Those exercises no longer exist. Run `/module` to continue.
reflection-yours = Your reflection
reflection-placeholder = Write in your own words. Only the people the course names will read it.
reflection-modal-title = Reflection: { $module }
reflection-your-text = Your text

feedback-right = Right!
feedback-partly-right = Partly right
feedback-wrong = Not quite
feedback-reflection-saved = Reflection saved
feedback-share = You earned { $share } of this question's points.
feedback-answer = The answer
feedback-why = Why
feedback-next-question = Next question ({ $number } of { $total })
feedback-try-again = Try again

result-title = Result: { $module }
result-score = You scored **{ $score }** (pass mark { $pass }).
result-complete = “{ $module }” is complete. 🎉
result-next-open = “{ $module }” is now open: run `/module` to start it.
result-last-module = That was the last module open to you. See `/progress`.
result-no-attempts-left = You have no attempts left; a facilitator will help you with what to do next.
result-attempts-left = Not passed this time. You have { $count ->
        [one] { $count } attempt
       *[other] { $count } attempts
    } left: look back over the pages, then try again.
result-not-passed = Not passed this time. Look back over the pages with `/module`, then try again.
result-badge = You earned the badge { $badge }

module-all-done = You have completed every module open to you. Well done! See `/progress` and `/badges show`.
module-no-pages = This module has no pages yet.
module-not-opened = You have not opened “{ $module }” yet: open it with `/module` first.
page-not-remembered = This page is shown, but your place in the module could not be saved: `/module` may open an earlier page. Please turn the page again; if it keeps happening, tell a facilitator.
exercise-already-complete = You have already completed “{ $module }”.
exercise-no-attempts-left = You have used every attempt you had at “{ $module }” ({ $count ->
        [one] { $count } attempt
       *[other] { $count } attempts
    }). A facilitator can help you with what to do next.
exercise-already-answered = That question has already been answered. Use the buttons on your latest message, or run `/module` to continue.
exercise-no-such-question = That question does not exist.
exercises-not-yours = These exercises belong to someone else. Run `/module` to open your own.
exercise-attempt-finished = That attempt is finished. Run `/module` to see where you are.
exercise-order-every-item = Put every item in order before answering.
exercise-sort-every-item = Sort every item into a category before answering.
exercise-reflection-length = Your reflection has { $count ->
        [one] { $count } character
       *[other] { $count } characters
    }; this one needs { $min } to { $max }. Nothing was saved yet: your text is below so you can copy and adjust it.
exercise-no-question-left = That attempt has no question left. Run `/module` to continue.
