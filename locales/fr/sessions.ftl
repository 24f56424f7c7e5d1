# sessions

# Reminders before a set session or a mentoring meeting; `start` is a Unix time in seconds.
reminder-session = ⏰ Rappel : **{ $title }** commence dans { $in } : <t:{ $start }:F> (<t:{ $start }:R>).
duration-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
duration-hours = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}

# Reminders the scheduler sends to one member; `user` is a Discord user id.
reminders-mute-not-in-cohort = Vous ne faites partie d’aucune cohorte sur ce serveur : il n’y a rien à mettre en sourdine.
nudge-module-stalled = <@{ $user }>, votre module « { $module } » dans « { $cohort } » n’a pas avancé depuis une semaine ou plus. Reprenez-le avec `/module`. (Pour ne plus recevoir ces rappels, utilisez `/reminders mute`.)

# Refusals about sessions, sets, meetings and events; `user` is a Discord user id.
session-time-unreadable = Je ne sais pas lire `{ $text }` comme une date et une heure. Écrivez-la sous la forme AAAA-MM-JJ HH:MM, par exemple 2026-11-04 19:00 (heure de { $zone }).
session-invitation-not-yours = Cette invitation est réservée aux membres de ce groupe ou de ce binôme de mentorat.
session-cancelled = Cette séance a été annulée.
session-already-started = Cette séance a déjà commencé.
session-gone = Cette séance n’existe plus.
session-time-passed = Cette heure est déjà passée : choisissez une heure à venir.
set-only-facilitators-propose = Seule l’équipe d’animation de « { $cohort } » peut proposer des groupes d’apprentissage par l’action.
set-only-facilitators-form = Seule l’équipe d’animation de « { $cohort } » peut former des groupes d’apprentissage par l’action.
set-only-facilitators-schedule = Seule l’équipe d’animation de « { $cohort } » peut programmer les séances des groupes.
set-only-facilitators-move = Seule l’équipe d’animation de « { $cohort } » peut déplacer les séances des groupes.
set-no-channel = Cette cohorte n’a pas de salon pour les fils des groupes. Créez d’abord la cohorte avec un salon.
set-everyone-placed = Chaque stagiaire fait déjà partie d’un groupe.
set-no-such-session = { $set } n’a pas de séance { $number }.
set-move-past = Seules les séances à venir peuvent être déplacées, et seulement vers une heure à venir.
set-attendance-facilitators = Seule l’équipe d’animation de « { $cohort } » enregistre les présences, car elles comptent pour les badges. Dites-lui qui était là.
set-attendance-not-started = Cette séance n’a pas encore commencé : enregistrez les présences une fois qu’elle aura eu lieu.
set-no-sets-in-course = « { $course } » n’a pas de groupes d’apprentissage par l’action.
set-none-yet = Il n’y a pas encore de groupes : formez-les avec `/set form`.
set-unknown = Il n’y a pas de groupe nommé « { $name } ». Les groupes sont : { $sets }.
set-already-placed = <@{ $user }> fait déjà partie d’un groupe.
set-no-first-time = Le parcours ne donne pas d’heure pour la première séance : indiquez-en une avec `at`.
set-no-spacing = Le parcours ne donne pas d’intervalle entre les séances : programmez-les une à une avec `at`.
set-series-complete = Ce groupe a déjà toutes les séances de la série ({ $count ->
    [one] { $count } séance
   *[other] { $count } séances
}).
meeting-only-facilitators-pair = Seule l’équipe d’animation de « { $cohort } » peut former des binômes de mentorat.
meeting-no-channel = Cette cohorte n’a pas de salon pour le fil du binôme. Créez d’abord la cohorte avec un salon.
meeting-not-a-mentor = <@{ $user }> n’est pas mentor dans « { $cohort } » : inscrivez cette personne avec `/cohort enroll as:Mentor` d’abord.
meeting-not-a-trainee = <@{ $user }> n’est pas stagiaire dans « { $cohort } ».
meeting-not-a-meeting = Ce n’est pas une rencontre de mentorat.
meeting-pair-gone = Ce binôme de mentorat n’existe plus.
meeting-confirm-not-yours = Seuls le ou la mentor et le ou la stagiaire de ce binôme peuvent confirmer ses rencontres.
meeting-confirm-own = Vous avez proposé cette rencontre : c’est l’autre personne qui la confirme.
meeting-already = { $status ->
    [proposed] Cette rencontre est déjà proposée.
    [scheduled] Cette rencontre est déjà programmée.
    [held] Cette rencontre a déjà eu lieu.
   *[cancelled] Cette rencontre est déjà annulée.
}
meeting-time-passed = Cette heure est déjà passée : proposez-en une nouvelle avec `/meeting propose`.
meeting-log-mentor-only = Seul le ou la mentor enregistre une rencontre.
meeting-notes-too-long = Les notes ne peuvent pas dépasser { $max } caractères.
meeting-list-own-only = Vous ne pouvez voir que vos propres rencontres de mentorat.
meeting-no-mentoring = « { $course } » ne comporte pas de mentorat.
meeting-not-paired-with = Vous n’êtes pas en binôme de mentorat avec <@{ $user }>.
meeting-no-pair = Vous n’êtes dans aucun binôme de mentorat de cette cohorte. L’équipe d’animation forme les binômes avec `/mentor pair`.
meeting-several-pairs = Vous faites partie de plusieurs binômes : nommez la personne avec l’option `with`.
meeting-none-to-log = Il n’y a pas de rencontre à enregistrer : elle doit avoir été proposée et avoir commencé.
meeting-not-started = Cette rencontre n’a pas encore commencé : enregistrez-la une fois qu’elle aura eu lieu.
meeting-logged-already = Cette rencontre est déjà enregistrée.
# The mentor's DM after weeks without a meeting.
meeting-nudge = 👋 <@{ $mentor }>, votre stagiaire <@{ $trainee }> n’a pas eu de rencontre de mentorat depuis { $weeks ->
    [one] { $weeks } semaine
   *[other] { $weeks } semaines
}. Proposez-en une avec `/meeting propose`.
event-only-facilitators-manage = Seule l’équipe d’animation de « { $cohort } » peut gérer les événements.
event-only-facilitators-create = Seule l’équipe d’animation de « { $cohort } » peut créer des événements.
event-only-facilitators-move = Seule l’équipe d’animation de « { $cohort } » peut déplacer des événements.
event-only-facilitators-cancel = Seule l’équipe d’animation de « { $cohort } » peut annuler des événements.
event-duration-unreadable = `{ $text }` n’est pas une durée. Écrivez-la sous la forme 2h, 90m ou 1h30m.
event-title-length = Le titre d’un événement doit faire de 1 à { $max } caractères.
event-no-duration = Un événement a besoin d’une durée, par exemple 2h ou 90m.
event-unknown = Il n’y a pas d’événement « { $name } ». Événements : { $count ->
    [0] aucun pour l’instant
   *[other] { $events }
}.
event-text-too-long = { $what ->
    [location] Le lieu d’un événement ne peut pas dépasser { $max } caractères.
   *[description] La description d’un événement ne peut pas dépasser { $max } caractères.
}

# Set, meeting and event screens; `thread` is a Discord channel id, `time` a <t:…> mark-up.
set-proposal-title = Proposition : { $series }
set-proposal-line = **Groupe { $number }** — { $members }
set-proposal-left-out = { $count ->
    [one] { $count } stagiaire est déjà dans un groupe et n’est pas compté.
   *[other] { $count } stagiaires sont déjà dans un groupe et ne sont pas comptés.
}
set-proposal-footer = Groupes d’environ { $size } personnes. Lancez /set form pour les créer, ou /set form members:… pour composer un groupe vous-même.
set-formed-line = **{ $set }** dans <#{ $thread }> : { $members }
set-formed = { $count ->
    [one] { $count } groupe formé
   *[other] { $count } groupes formés
} :{"\u000A"}{ $sets }
set-welcome = Bienvenue dans **{ $set }** : { $members }. Vos séances, rappels et invitations arriveront ici.
set-list-title = Groupes d’apprentissage par l’action
set-list-empty = Pas encore de groupes.
set-in-thread = { " " }dans <#{ $thread }>
session-status = { $status ->
    [proposed] proposée
    [scheduled] programmée
    [held] tenue
   *[cancelled] annulée
}
set-scheduled = Séances programmées pour **{ $set }**, avec des rappels dans son fil :
    { $sessions }
set-session-moved = **{ $title }** est déplacée au { $time } ; ses rappels suivent.
set-session-post = 📅 **{ $title }** — { $time }{ $presentations }
    Serez-vous là ?
set-session-presentations = Cette séance comporte des présentations : venez prêt ou prête à présenter votre travail.
rsvp-yes = Oui
rsvp-maybe = Peut-être
rsvp-no = Non
rsvp-noted = C’est noté : vous avez répondu **{ $answer ->
    [yes] oui
    [maybe] peut-être
   *[no] non
}** pour { $title } le { $time }.
set-attendance = Présences pour { $title } : présents { $present }{ $absentees ->
    [0] {""}
   *[other] ; absents { $absent }
}.
session-badges-earned = 🎉 <@{ $user }> a obtenu { $badges }.
session-and-more = { $shown } et { $count } de plus
session-more-lines = …et { $count } de plus.
meeting-confirm = Confirmer
meeting-proposal = <@{ $other }>, <@{ $proposer }> propose **{ $title }** le { $time }. Confirmez si cela vous convient, ou proposez un autre moment avec `/meeting propose`.
meeting-proposed = **{ $title }** proposée le { $time }{ $thread } ; elle sera réservée quand l’autre personne aura confirmé.
meeting-proposal-confirmed = ✅ **{ $title }** le { $time } est confirmée par <@{ $by }>. Des rappels arriveront avant.
meeting-confirmed = <@{ $proposer }> : ✅ **{ $title }** est confirmée pour le { $time }. Des rappels arriveront avant.
meeting-logged = **{ $title }** avec <@{ $trainee }> est enregistrée : { $held } sur { $required ->
    [one] { $required } rencontre
   *[other] { $required } rencontres
} jusqu’ici.
meeting-line = **{ $title }** — <@{ $mentor }> avec <@{ $trainee }>, { $time } ({ $status })
meeting-notes-line = {""}
    {"  "}Notes : { $notes }
meeting-list-title = Rencontres de mentorat
meeting-list-empty = Pas encore de rencontres.
meeting-pair-welcome = <@{ $mentor }> accompagne <@{ $trainee }> en mentorat. Proposez une rencontre avec `/meeting propose` ; l’autre personne la confirme ici, et le ou la mentor l’enregistre ensuite avec `/meeting log`.
event-cancelled-mark = { " " }— **annulé**
event-list-title = Événements
event-list-empty = Pas encore d’événements.
event-list-footer = Chaque événement figure aussi dans la liste des événements du serveur, où chacun peut indiquer son intérêt.
event-scheduled = **{ $title }** est programmé : { $time }.
event-moved = **{ $title }** est déplacé au : { $time }.
event-cancelled = **{ $title }** est annulé ; il devait avoir lieu le : { $time }.
event-interested = { $count ->
    [0] Personne n’a encore indiqué d’intérêt pour **{ $title }**.
   *[other] { $count } personnes intéressées par **{ $title }** : { $people }
}

# Replies of /set, /mentor and /event after a Discord step failed.
set-formed-partly = { $count ->
    [one] { $count } groupe formé
   *[other] { $count } groupes formés
}, dont { $threads } avec leur fil pour l’instant.
meeting-paired = <@{ $mentor }> et <@{ $trainee }> forment un binôme dans <#{ $thread }>.
meeting-paired-no-thread = <@{ $mentor }> et <@{ $trainee }> forment un binôme, sans leur fil pour l’instant.
meeting-proposer-not-told = Je n’ai pas pu écrire dans ce fil pour prévenir <@{ $user }> : merci de lui transmettre.
event-saved-unpublished = { $scheduled } N’importe quelle commande `/event` l’ajoutera à la liste des événements du serveur dès que Discord me le permettra.

# Refusals of /language.
language-not-offered = Je ne propose pas la langue `{ $wanted }` ; choisissez parmi { $offered } ou automatique.
language-no-cohort = Il n’y a pas encore de cohorte sur ce serveur, donc rien à lire dans une langue.

# Titres et lieux que le bot donne lui-même, dans la langue du serveur.
meeting-title = Rencontre de mentorat { $seq }
event-default-location = Voir le salon de la cohorte
