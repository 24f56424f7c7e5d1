# Live quizzes (/quiz) and the answers to them.

quiz-no-such-module = The course has no module `{ $module }`.
quiz-no-live-questions = “{ $module }” has no true/false or choice questions to ask live.
quiz-already-running = A live quiz is already running in this channel: stop it with `/quiz stop` first.
quiz-no-question-left = This quiz has no question left.
quiz-members-only = This quiz is for the members of its cohort.
quiz-paused-answer-later = The quiz is paused; answer when it carries on.
quiz-time-up = Time is up for that question.
quiz-no-such-question = That question does not exist.
quiz-answer-too-late = Time is up for that question: your answer came after it closed.
quiz-answer-does-not-fit = That answer does not fit this question.
quiz-none-here = There is no live quiz in this channel.
quiz-not-running = The quiz is not running.
quiz-not-paused = The quiz is not paused.
quiz-gone = That quiz no longer exists.
quiz-answer-in = Your answer is in: **{ $answer }**. You can change it until time is up.

quiz-started = The quiz is on. `/quiz skip` closes a question early, `/quiz pause` stops the clock, `/quiz stop` ends it with the results so far.
quiz-closing = Closing this question.
quiz-paused-reply = Paused. `/quiz resume` carries on with the time that was left.
quiz-resumed = The quiz carries on.
quiz-stopping = Stopping the quiz.
quiz-stopped-by-facilitator = The facilitator stopped the quiz.
quiz-ended-restart = The quiz ended early because the bot restarted; here are the results so far.
quiz-ended = Live quiz · ended

# What the quiz posts in its channel.
quiz-question-title = Live quiz · question { $number } of { $total }{ $closed ->
        [yes] {" "}· closed
       *[no] {""}
    }
quiz-paused = ⏸ Paused by the facilitator.
quiz-closes = ⏱ Closes <t:{ $at }:R>.
quiz-answered-changeable = { $count } answered · you can change your answer until time is up
quiz-answered = { $count } answered
quiz-answer = **Answer:** { $answer }
quiz-other-options = { $count ->
        [one] { $count } other option
       *[other] { $count } other options
    }
quiz-score = <@{ $user }> — { $score } of { $total }
quiz-nobody-answered = Nobody answered.
quiz-more-took-part = …and { $count } more took part.
quiz-leaderboard = Leaderboard · { $module }
