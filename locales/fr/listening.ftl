# listening: /listen, listening campaigns and their reminders.

# The nudge to a trainee who has logged no conversation for a while; `user` is a Discord user id.
listen-nudge = <@{ $user }>, vous n’avez enregistré aucun entretien individuel dans « { $cohort } » depuis { $days } jours. { $stage_line } Qui pourriez-vous écouter cette semaine ? Enregistrez-le avec `/listen log`. (Pour ne plus recevoir ces rappels, utilisez `/reminders mute`.)
listen-nudge-stage-target = Cette étape, « { $stage } », demande { $target } entretiens et vous en avez enregistré { $logged }.
listen-nudge-stage = L’étape en cours est « { $stage } ».
# The facilitators' weekly digest; `themes` and `groups` are lists already written.
listen-digest = **L’écoute cette semaine dans « { $cohort } »** (étape : { $stage })
    Entretiens enregistrés ces 7 derniers jours : { $count }
    Nouveaux thèmes : { $themes }
    Groupes pas encore atteints : { $groups }
listen-digest-no-themes = aucun
listen-digest-all-groups = aucun, chaque groupe a été entendu

# Refusals of /listen; `what` is "stage" or "group".
listen-no-campaign = « { $cohort } » suit un parcours sans campagne d’écoute.
listen-form-stale = Ce formulaire ne correspond plus au parcours : relancez `/listen log`.
listen-record-gone = Cet entretien n’est plus enregistré : il a peut-être été supprimé.
listen-not-author = Seule la personne qui a enregistré un entretien peut le modifier ou le supprimer.
listen-theme-unknown = Aucun entretien n’est classé sous « { $theme } ».
listen-merge-same = Choisissez deux thèmes différents à fusionner.
listen-not-in-campaign = { $what ->
    [stage] « { $typed } » n’est pas une étape de cette campagne. Choisissez parmi : { $choices }.
   *[group] « { $typed } » n’est pas un groupe de cette campagne. Choisissez parmi : { $choices }.
}
# The DM on the follow-up day; `heard_on` is a date, `themes` a list already written.
listen-follow-up = Suivi du jour : vous vouliez retourner voir **{ $label }**, que vous avez écouté le { $heard_on } au sujet de { $themes }. Notez ce que vous entendez avec `/listen log`.

# What a logged conversation may hold; `what` is the field: "label", "place" or "energy".
listen-theme-too-long = Un thème ne peut pas dépasser { $max } caractères : « { $theme } » est trop long. Raccourcissez-le, ou choisissez un des thèmes de la cohorte.
listen-no-issue = Indiquez au moins un sujet entendu, séparés par des virgules : un entretien est classé selon les sujets qu’il a soulevés.
listen-too-many-issues = { $count } sujets : classez un entretien sous { $max } sujets au plus, ceux qui comptaient le plus.
listen-heard-in-future = Le { $date } est dans le futur : enregistrez un entretien une fois qu’il a eu lieu.
listen-follow-up-passed = La date de suivi du { $date } est passée : choisissez aujourd’hui ou un jour suivant.
listen-date-unreadable = « { $text } » n’est pas une date : écrivez-la sous la forme AAAA-MM-JJ, par exemple 2026-10-03.
listen-field-empty = { $what ->
    [label] Le nom est vide.
    [place] Le lieu est vide.
   *[energy] Le champ « énergie » est vide.
}
listen-field-too-long = { $what ->
    [label] Le nom fait { $count } caractères ; { $max } au plus.
    [place] Le lieu fait { $count } caractères ; { $max } au plus.
   *[energy] Le champ « énergie » fait { $count } caractères ; { $max } au plus.
}
listen-field-contact = { $what ->
    [label] Le nom ressemble
    [place] Le lieu ressemble
   *[energy] Le champ « énergie » ressemble
} à une adresse e-mail ou à un numéro de téléphone. Gardez les coordonnées dans vos propres notes : le bot ne les conserve pas.

# Campaigns on a theme the cohort heard: refusals of /campaign and its forms.
campaign-theme-unheard = « { $theme } » n’est pas un thème entendu par cette cohorte : choisissez-en un dans `/listen issues`.
campaign-exists = Il y a déjà une campagne sur « { $theme } » : modifiez son objectif avec `/campaign goal`.
campaign-too-many-holders = Une analyse du pouvoir compte au plus { $max } acteurs : retirez-en un d’abord.
campaign-holder-unknown = « { $name } » ne figure pas dans l’analyse du pouvoir de « { $theme } ».
campaign-turnout-zero = Fixez un objectif de participation d’au moins une personne.
campaign-action-unknown = « { $title } » n’est pas une action de « { $theme } » : consultez-les avec `/campaign show`.
campaign-action-cancelled = « { $title } » a été annulée.
campaign-action-not-yet = « { $title } » n’a pas encore eu lieu : enregistrez la participation une fois l’action commencée (<t:{ $start }:f>).
campaign-answer-length = { $part ->
    [evaluate] Répondez à « Évaluer » en 1 à { $max } caractères.
    [celebrate] Répondez à « Célébrer » en 1 à { $max } caractères.
   *[reflect] Répondez à « Réfléchir » en 1 à { $max } caractères.
}
campaign-none-yet = Cette cohorte n’a pas encore de campagne : l’équipe d’animation en lance une avec `/campaign start`.
campaign-unknown = Il n’y a pas de campagne sur « { $name } ». Les campagnes de la cohorte : { $campaigns }.
campaign-gone = Cette campagne n’existe plus.
campaign-members-only = Seuls les membres de « { $cohort } » peuvent voir ses campagnes.
campaign-action-gone = Cette action n’existe plus.
campaign-evaluation-not-yours = Cette évaluation est réservée aux stagiaires qui ont participé à « { $title } ».
campaign-already-evaluated = Vous avez déjà envoyé votre évaluation de « { $title } » ; l’équipe d’animation l’a reçue.
# `field` is one of: specific, measurable, achievable, relevant.
campaign-goal-field-empty = { $field ->
    [specific] Dites ce qui rend l’objectif spécifique : ce champ est vide.
    [measurable] Dites ce qui rend l’objectif mesurable : ce champ est vide.
    [achievable] Dites ce qui rend l’objectif atteignable : ce champ est vide.
   *[relevant] Dites ce qui rend l’objectif pertinent : ce champ est vide.
}
campaign-goal-field-too-long = { $field ->
    [specific] Limitez la partie « spécifique » à { $max } caractères ; elle en compte { $length }.
    [measurable] Limitez la partie « mesurable » à { $max } caractères ; elle en compte { $length }.
    [achievable] Limitez la partie « atteignable » à { $max } caractères ; elle en compte { $length }.
   *[relevant] Limitez la partie « pertinent » à { $max } caractères ; elle en compte { $length }.
}
campaign-goal-no-number = Rendez l’objectif mesurable avec un nombre, par exemple « 300 signatures » ou « 2 rencontres avec le conseil municipal ».
campaign-holder-name-length = Le nom d’un acteur doit faire de 1 à { $max } caractères.
campaign-holder-note-too-long = Limitez la note à { $max } caractères ; elle en compte { $length }.
campaign-deadline-missing = Un objectif SMART a besoin d’une date : écrivez l’échéance sous la forme AAAA-MM-JJ.
campaign-deadline-unreadable = « { $text } » n’est pas une date : écrivez l’échéance sous la forme AAAA-MM-JJ.
campaign-deadline-passed = L’échéance du { $date } est passée : la date d’un objectif est dans le futur.

listen-merged = « { $from } » fusionné dans « { $into } » : { $count } entretiens sont désormais classés sous « { $into } ».

# Notes of the /listen buttons and forms; `heard_on` is a date.
listen-deleted = Votre conversation avec **{ $label }** du { $heard_on } a été supprimée.
listen-typed-back = Rien n’a été enregistré. Voici ce que vous aviez saisi :
    > Qui : { $label }
    > Où : { $place }
    > Sujets : { $issues }
    > Énergie : { $energy }
# The form of a conversation, from `/listen log` or its Edit button.
listen-form-log-title = Noter une conversation (privé)
listen-form-edit-title = Modifier une conversation (privé)
listen-form-who = Qui : initiales ou surnom
listen-form-where = Où vous avez parlé
listen-form-issues = Sujets entendus, séparés par des virgules
listen-form-energy = Ce qui l’anime, en une phrase
listen-privacy = Seuls vous et vos animateurs voyez ceci ; les autres ne voient que des totaux.
# A trainee’s records as a facilitator reads them; `member` is a Discord user id.
listen-records-none = <@{ $member }> n’a encore noté aucune conversation.
listen-records-of = Conversations notées par <@{ $member }> :

# What a saved conversation says back; `heard_on` and `day` are dates, `summary` its group and themes.
listen-logged = Votre conversation avec **{ $label }** du { $heard_on } est notée : { $summary }. { listen-privacy }
listen-saved = Votre conversation avec **{ $label }** du { $heard_on } est enregistrée : { $summary }. { listen-privacy }
listen-logged-follow-up = Je vous enverrai un rappel en message privé le { $day } pour faire le suivi.
# /listen mine: one's own conversations, newest first, with buttons numbered `n`.
listen-mine-none = Vous n’avez encore noté aucune conversation. Utilisez `/listen log` après un entretien individuel.
listen-mine-none-now = Vous n’avez plus aucune conversation notée.
listen-mine-title = Vos conversations
listen-mine-follow-up = à revoir le { $day }
listen-edit-button = Modifier { $n }
listen-delete-button = Supprimer { $n }
# /listen erase and its button.
listen-erase-none = Vous n’avez noté aucune conversation sur ce serveur.
listen-erase-confirm = { $count ->
    [one] Cela supprime la conversation que vous avez notée sur ce serveur, ainsi que vos bulletins de vote par gommettes ici. C’est irréversible.
   *[other] Cela supprime les { $count } conversations que vous avez notées sur ce serveur, ainsi que vos bulletins de vote par gommettes ici. C’est irréversible.
}
listen-erase-button = Effacer toutes mes conversations
listen-erased = { $count ->
    [0] Vous n’aviez noté aucune conversation ici : rien à effacer.
    [one] La conversation que vous aviez notée est effacée. Rien n’en est conservé.
   *[other] Les { $count } conversations que vous aviez notées sont effacées. Rien n’en est conservé.
}
# /listen progress; `groups` is a list already written, `user` a Discord user id.
listen-progress-cohort-title = Écoute : { $cohort }
listen-progress-own-title = Votre écoute
listen-progress-no-trainees = Pas encore de stagiaires dans cette cohorte.
listen-progress-stage = { $stage } : { $count }
listen-progress-stage-target = { $stage } : { $count }/{ $target }
listen-progress-groups = Groupes atteints : { $groups }
listen-progress-no-groups = aucun pour l’instant
listen-progress-no-excluded = ⚠️ Aucun groupe exclu atteint pour l’instant ({ $groups })
listen-progress-member = <@{ $user }> — { $count ->
    [one] { $count } conversation
   *[other] { $count } conversations
}
listen-progress-own = { $count ->
    [one] { $count } conversation
   *[other] { $count } conversations
}
# /listen issues; `origin` is "course" or "trainee", `monday` the first day of a week.
listen-issues-title = Ce que les gens ont soulevé : { $cohort }
listen-issues-chart-caption = Thèmes (% des conversations)
listen-issues-none = Aucune conversation notée pour l’instant.
listen-issues-summary = Sur { $count ->
    [one] { $count } conversation
   *[other] { $count } conversations
}. Par semaine : { $weeks }.
listen-issues-theme = **{ $theme }** — { $origin ->
        [trainee] { $count } (ajouté par un ou une stagiaire)
       *[course] { $count }
    }
    -# par étape : { $stages } ; par groupe : { $groups } ; par semaine : { $weeks }
listen-issues-week = sem. du { $monday } : { $count }
listen-issues-more = …et { $count ->
    [one] { $count } autre thème.
   *[other] { $count } autres thèmes.
}
