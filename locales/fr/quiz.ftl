# Les quiz en direct (/quiz) et les réponses.

quiz-no-such-module = Le parcours n’a pas de module `{ $module }`.
quiz-no-live-questions = « { $module } » n’a pas de question vrai/faux ou à choix à poser en direct.
quiz-already-running = Un quiz en direct est déjà en cours dans ce salon : arrêtez-le d’abord avec `/quiz stop`.
quiz-no-question-left = Ce quiz n’a plus de question.
quiz-members-only = Ce quiz est réservé aux membres de sa cohorte.
quiz-paused-answer-later = Le quiz est en pause ; répondez quand il reprendra.
quiz-time-up = Le temps est écoulé pour cette question.
quiz-no-such-question = Cette question n’existe pas.
quiz-answer-too-late = Le temps est écoulé pour cette question : votre réponse est arrivée après la clôture.
quiz-answer-does-not-fit = Cette réponse ne correspond pas à la question.
quiz-none-here = Il n’y a pas de quiz en direct dans ce salon.
quiz-not-running = Le quiz n’est pas en cours.
quiz-not-paused = Le quiz n’est pas en pause.
quiz-gone = Ce quiz n’existe plus.
quiz-answer-in = Votre réponse est enregistrée : **{ $answer }**. Vous pouvez la modifier jusqu’à la fin du temps imparti.
