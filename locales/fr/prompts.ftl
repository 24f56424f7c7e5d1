# /prompt : messages d’animation publiés tout de suite ou programmés, et les refus.

prompt-posting = Publication de « { $title } » dans <#{ $channel }> maintenant.
prompt-scheduled = Programmé : { $prompt }. Utilisez `/prompt list` pour voir tout ce qui est programmé.
prompt-moved = Déplacé : { $prompt }. Utilisez `/prompt list` pour voir tout ce qui est programmé.
prompt-cancelled = N° { $number } « { $title } » annulé : plus rien n’en sera envoyé.
prompt-none-scheduled = Rien n’est programmé. Ajoutez un message avec `/prompt schedule`.
prompt-and-more = … et { $count } de plus.
prompt-list-title = Programmé pour « { $cohort } »
prompt-milestone = (rappel d’étape)
prompt-nudge = (relance)
prompt-nothing-more = plus rien à envoyer
prompt-until = jusqu’au <t:{ $at }:F>
prompt-repeats = se répète `{ $rule }`

prompt-no-channel = « { $cohort } » n’a pas de salon, il n’y a donc nulle part où publier. Programmez plutôt le message : sans salon, il est envoyé à l’équipe d’animation.
prompt-never-again = `{ $rule }` ne se reproduit plus jamais.
prompt-move-needs-date = Déplacez un message à une date et une heure, au format AAAA-MM-JJ HH:MM. Pour le répéter selon une autre règle, annulez-le et programmez-le à nouveau.
prompt-not-movable = Le n° { $number } est en cours d’envoi ou n’a plus rien à envoyer ; voir `/prompt list`.
prompt-time-passed = { $typed } ({ $zone }) est déjà passé.
prompt-bad-when = Écrivez une date et une heure au format AAAA-MM-JJ HH:MM (fuseau { $zone }), par exemple 2026-10-07 18:00, ou une règle de répétition en cinq champs cron, par exemple `0 18 * * TUE`. ({ $problem })
prompt-no-such-prompt = Le parcours n’a pas de message `{ $prompt }`. Choisissez-en un dans la liste.
prompt-either-or = Indiquez soit `prompt` (un message du parcours), soit `text` (le vôtre), pas les deux.
prompt-no-such-schedule = « { $cohort } » n’a pas de message programmé n° { $number } encore à venir. Voir `/prompt list`.

# Notes ajoutées à un message au moment de l’envoyer ; `at` est une heure Unix en secondes,
# `id` celui d’une personne ou d’un salon.
outbox-late = (en retard : ce message était prévu le <t:{ $at }:F>)
outbox-dm-refused = <@{ $id }>, je n’ai pas pu vous envoyer ceci en message privé.
outbox-channel-refused = (Ce message était destiné à <#{ $id }>, où je ne peux pas publier.)

# Un message pour la cohorte quand elle n’a pas de salon, envoyé à l’équipe d’animation.
prompt-came-to-you = « { $cohort } » n’a pas de salon : ce message destiné à la cohorte vous est donc parvenu. Merci de le transmettre aux stagiaires.

# Le rappel d’une étape à l’équipe d’animation.
milestone-title = Étape : { $title }
milestone-award = C’est le moment de décerner **{ $badge }** dans « { $cohort } ».
milestone-nobody-ready = Personne ne remplit encore ses conditions.
milestone-ready = Toutes les conditions remplies : { $members }
milestone-not-yet = Pas encore :

# Les rappels programmés, tels que `/prompt list` les nomme.
prompt-title-nudge = Relance hebdomadaire des stagiaires dont le module n’avance plus
prompt-title-listening-digest = Bilan hebdomadaire de l’écoute pour l’équipe d’animation
prompt-title-listening-nudge = Relance quotidienne des stagiaires dont l’écoute n’avance plus

# À la personne qui crée une cohorte sans salon, dans sa langue.
prompt-no-channel-yet = « { $cohort } » n’a pas de salon : ses messages programmés pour la cohorte parviendront donc à l’équipe d’animation par message privé, à transmettre aux stagiaires. Si la cohorte a un salon au moment où un message est prévu, il y est publié à la place.
