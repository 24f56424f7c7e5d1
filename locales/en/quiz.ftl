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
