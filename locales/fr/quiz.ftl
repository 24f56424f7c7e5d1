# Les quiz en direct (/quiz) et les réponses.

quiz-no-such-module = Le parcours n’a pas de module `{ $module }`.
quiz-no-live-questions = « { $module } » n’a pas de question vrai/faux ou à choix à poser en direct.
quiz-already-running = Un quiz en direct est déjà en cours dans ce salon : arrêtez-le d’abord avec `/quiz stop`.
quiz-no-question-left = Ce quiz n’a plus de question.
quiz-members-only = Ce quiz est réservé aux membres de sa cohorte.
quiz-paused-answer-later = Le quiz est en pause ; répondez quand il reprendra.
quiz-time-up = Le temps est écoulé pour cette question.
quiz-no-such-question = Cette question n’existe pas.
quiz-answer-too-late = Le temps est écoulé pour cette question : votre réponse est arrivée après la clôture.
quiz-answer-does-not-fit = Cette réponse ne correspond pas à la question.
quiz-none-here = Il n’y a pas de quiz en direct dans ce salon.
quiz-not-running = Le quiz n’est pas en cours.
quiz-not-paused = Le quiz n’est pas en pause.
quiz-gone = Ce quiz n’existe plus.
quiz-answer-in = Votre réponse est enregistrée : **{ $answer }**. Vous pouvez la modifier jusqu’à la fin du temps imparti.

quiz-started = Le quiz est lancé. `/quiz skip` clôt une question plus tôt, `/quiz pause` arrête le chrono, `/quiz stop` y met fin avec les résultats obtenus.
quiz-closing = Clôture de cette question.
quiz-paused-reply = En pause. `/quiz resume` reprend avec le temps qui restait.
quiz-resumed = Le quiz reprend.
quiz-stopping = Arrêt du quiz.
quiz-stopped-by-facilitator = L’animateur ou l’animatrice a arrêté le quiz.
quiz-ended-restart = Le quiz s’est arrêté plus tôt parce que le bot a redémarré ; voici les résultats obtenus.
quiz-ended = Quiz en direct · terminé

# Ce que le quiz publie dans son salon.
quiz-question-title = Quiz en direct · question { $number } sur { $total }{ $closed ->
        [yes] {" "}· close
       *[no] {""}
    }
quiz-paused = ⏸ Mis en pause par l’animation.
quiz-closes = ⏱ Se termine <t:{ $at }:R>.
quiz-answered-changeable = { $count ->
        [one] { $count } réponse
       *[other] { $count } réponses
    } · vous pouvez modifier la vôtre jusqu’à la fin du temps imparti
quiz-answered = { $count ->
        [one] { $count } réponse
       *[other] { $count } réponses
    }
quiz-answer = **Réponse :** { $answer }
quiz-other-options = { $count ->
        [one] { $count } autre option
       *[other] { $count } autres options
    }
quiz-score = <@{ $user }> — { $score } sur { $total }
quiz-nobody-answered = Personne n’a répondu.
quiz-more-took-part = … et { $count } autres personnes ont participé.
quiz-leaderboard = Classement · { $module }
