# Les votes par gommettes : le bulletin et les refus.

vote-spend-dots = Placer vos gommettes
vote-dot-menu = Mettre une gommette sur…
vote-take-back = Reprendre mes gommettes
vote-your-dots = **Vos gommettes** : il vous en reste { $left } sur { $dots }. Vous pouvez changer d’avis jusqu’au <t:{ $closes }:f> ; ce message n’est visible que par vous.

vote-not-an-option = Cette option ne fait pas partie du vote.
vote-all-dots-spent = Vous avez placé vos { $dots } gommettes. Reprenez-les pour les répartir autrement.
vote-no-channel = « { $cohort } » n’a pas de salon où voter : choisissez-en un d’abord avec `/cohort channel`.
vote-dots-range = Donnez à chaque membre entre 1 et { $max } gommettes, pas { $dots }.
vote-gone = Ce vote n’existe plus.
vote-members-only = Seuls les membres de la cohorte participent à son vote. Rien n’a été enregistré.
vote-closed = Le vote de « { $cohort } » est clos : on ne peut plus placer ni reprendre de gommettes.
vote-not-a-time = « { $typed } » n’est pas une heure : indiquez la clôture du vote au format AAAA-MM-JJ HH:MM, par exemple 2026-10-12 18:00.
vote-time-passed = { $typed } est déjà passé : choisissez une heure de clôture à venir.
vote-too-few-themes = Un vote demande au moins { $min } thèmes entre lesquels choisir, et celui-ci en a { $count }. Nommez d’autres thèmes, ou consignez d’abord d’autres conversations.
vote-too-many-themes = Un vote peut proposer au plus { $max } thèmes, et { $count } ont été nommés.
vote-unknown-theme = « { $theme } » ne fait pas partie des thèmes de la cohorte. Choisissez parmi : { $known }.

# Le message du vote dans le salon de la cohorte ; `closes` est une heure Unix en secondes,
# `options` un thème par ligne.
vote-post = **Vote par gommettes : sur quels sujets travailler ?**
    Chaque membre de « { $cohort } » dispose de { $dots ->
        [one] { $dots } gommette
       *[other] { $dots } gommettes
    } à répartir entre ces thèmes, plusieurs sur un même thème s’il compte davantage. Vous pouvez changer d’avis jusqu’au <t:{ $closes }:f>.
    { $options }
# Ce que l’on répond à l’animateur ou l’animatrice une fois le vote programmé.
vote-opened = Vote par gommettes ouvert sur { $themes } thèmes, { $dots ->
        [one] { $dots } gommette
       *[other] { $dots } gommettes
    } par personne : il apparaît dans <#{ $channel }> dans un instant, et ses résultats au même endroit à sa clôture, le <t:{ $closes }:f>.

# Les résultats, publiés à la clôture du vote ; `lines` contient une option par ligne.
vote-results = **Le vote par gommettes est clos.** { $voters ->
        [one] { $voters } membre a placé
       *[other] { $voters } membres ont placé
    } { $spent ->
        [one] { $spent } gommette
       *[other] { $spent } gommettes
    }.
    { $lines }
vote-results-chart-title = Résultats du vote par gommettes
vote-results-chart-caption = Gommettes reçues
vote-dots = { $count ->
        [one] { $count } gommette
       *[other] { $count } gommettes
    }
vote-tie = (ex æquo)
