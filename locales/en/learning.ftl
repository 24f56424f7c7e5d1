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

progress-title = Your progress: { $course }
progress-modules = Modules complete
progress-of = { $done } of { $total }
progress-next = Next step

badges-title = Badges
badges-none = This course has no badges.
badge-earned = 🏅 { $badge } — earned <t:{ $at }:D>
badge-by-hand = ▫️ { $badge } — awarded by a facilitator
badge-to-do = ▫️ { $badge } — still to do: { $missing }

module-not-in-course = That module is not part of your course.
module-still-locked = “{ $module }” is still locked: finish { $before } first.
