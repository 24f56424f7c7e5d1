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
