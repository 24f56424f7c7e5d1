# campaigns: what /campaign, its buttons and its forms show (its refusals are in listening).

campaign-started = Campagne sur **{ $theme }** ouverte. Prochaine étape, son objectif SMART : ce qui va changer, comment vous le mesurerez, pourquoi c’est gagnable, pour qui c’est important, et pour quand.
campaign-goal-button = Fixer l’objectif SMART
# The form of the SMART goal; its title is cut to Discord's 45 characters.
campaign-goal-form-title = Objectif SMART : { $theme }
campaign-goal-specific = Spécifique : qu’est-ce qui va changer ?
campaign-goal-measurable = Mesurable : combien ?
campaign-goal-achievable = Atteignable : pourquoi pouvons-nous gagner ?
campaign-goal-relevant = Pertinent : pour qui est-ce important ?
campaign-goal-deadline = Temporel : pour quand ? (AAAA-MM-JJ)
campaign-goal-saved = L’objectif de la campagne sur **{ $theme }** est enregistré.
campaign-goal-typed-back = Rien n’a été enregistré. Voici ce que vous aviez saisi :
    > Spécifique : { $specific }
    > Mesurable : { $measurable }
    > Atteignable : { $achievable }
    > Pertinent : { $relevant }
    > Temporel : { $deadline }
# A goal as the card shows it, a line per `part`; the deadline's `text` is a date.
campaign-goal-line = { $part ->
    [specific] **Spécifique :** { $text }
    [measurable] **Mesurable :** { $text }
    [achievable] **Atteignable :** { $text }
    [relevant] **Pertinent :** { $text }
   *[deadline] **Temporel :** d’ici le { $text }
}

# The campaign's card; `influence` and `interest` are "low", "medium" or "high".
campaign-card-title = Campagne : { $theme }
campaign-no-goal = Pas encore d’objectif SMART : l’équipe d’animation le fixe avec `/campaign goal`.
campaign-power = Analyse du pouvoir
campaign-power-none = Personne pour l’instant : `/campaign power`.
campaign-holder = **{ $name }** · influence { $influence ->
        [high] forte
        [medium] moyenne
       *[low] faible
    } · intérêt { $interest ->
        [high] fort
        [medium] moyen
       *[low] faible
    }
campaign-actions = Actions
campaign-actions-none = Aucune action prévue pour l’instant : `/campaign action`.
campaign-action-line-cancelled = ~~{ $title }~~ · annulée
campaign-turnout = { $attended ->
    [one] { $attended } personne venue
   *[other] { $attended } personnes venues
} sur { $target } espérées ({ $interested ->
    [one] { $interested } intéressée
   *[other] { $interested } intéressées
} sur Discord)
campaign-turnout-aim = objectif : { $target }
campaign-continued = { $name } (suite)
# The cohort's campaigns, a line each; `deadline` is a date.
campaign-list = Les campagnes de la cohorte (affichez-en une avec `/campaign show`) :
campaign-list-item = • **{ $theme }**, d’ici le { $deadline }
campaign-list-item-no-goal = • **{ $theme }** (pas encore d’objectif)

# What the facilitator is told; `start` is a moment already written for Discord.
campaign-action-planned = **{ $title }** est prévue pour la campagne sur **{ $theme }** : { $start }, avec un objectif de { $target ->
    [one] { $target } personne
   *[other] { $target } personnes
}. Elle figure dans les événements du serveur, où chacun peut se déclarer intéressé.
campaign-action-unpublished = { $planned } N’importe quelle commande `/event` l’ajoutera à la liste des événements du serveur dès que Discord me le permettra.
campaign-action-event-description = Une action de la campagne sur { $theme }.
campaign-turnout-recorded = Enregistré pour **{ $title }** : { $turnout }.
campaign-turnout-nobody = Aucun stagiaire de la cohorte ne s’est déclaré intéressé : je n’ai demandé à personne de l’évaluer.
campaign-turnout-asked = { $count ->
    [one] J’ai demandé à la personne qui y a participé de l’évaluer dans le salon de la cohorte ; les évaluations arrivent dans `/reflections`.
   *[other] J’ai demandé aux { $count } stagiaires qui y ont participé de l’évaluer dans le salon de la cohorte ; les évaluations arrivent dans `/reflections`.
}
campaign-turnout-already-asked = Les stagiaires qui y ont participé ont déjà été invités à l’évaluer.

# The request in the cohort channel to evaluate an action; `mentions` are the participants.
campaign-evaluation-request = **Comment s’est passée « { $title } » ?** { $mentions } : vous y avez participé. Évaluez-la au regard de l’objectif, célébrez ce qui a bien marché et réfléchissez à la suite. Seule l’équipe d’animation lit ce que vous écrivez.
campaign-evaluate-button = Évaluer l’action
campaign-evaluate-form-title = Évaluer : { $title }
campaign-evaluate = Évaluer : qu’a-t-elle permis ?
campaign-celebrate = Célébrer : qu’est-ce qui a bien marché ?
campaign-reflect = Réfléchir : que ferez-vous ensuite ?
campaign-evaluation-saved = Merci : votre évaluation de **{ $title }** est transmise à l’équipe d’animation, et à elle seule.
campaign-evaluation-typed-back = Rien n’a été enregistré. Voici ce que vous aviez saisi :
    > Évaluer : { $evaluate }
    > Célébrer : { $celebrate }
    > Réfléchir : { $reflect }
# An evaluation as the facilitators read it among the reflections: a heading, then a line
# per `part` of the form.
campaign-evaluation-module = Évaluation d’une action
campaign-evaluation-heading = Évaluation de « { $title } »
campaign-evaluation-answer = { $part ->
    [evaluate] **Évaluer :** { $text }
    [celebrate] **Célébrer :** { $text }
   *[reflect] **Réfléchir :** { $text }
}
