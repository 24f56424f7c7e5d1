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
