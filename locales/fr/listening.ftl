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
