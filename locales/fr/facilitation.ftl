# L’animation : badges attribués à la main, réflexions, parcours au choix.

facil-no-such-badge = Le parcours n’a pas de badge `{ $badge }`.
facil-award-missing = <@{ $user }> ne remplit pas encore les conditions de « { $badge } » : { $missing }. Attribuez-le quand même avec `despite_missing: True` si vous l’avez vérifié autrement.
facil-already-holds = <@{ $user }> a déjà « { $badge } ».
facil-revoke-needs-reason = Dites pourquoi le badge est retiré : la raison est conservée dans l’historique.
facil-does-not-hold = <@{ $user }> n’a pas « { $badge } ».
facil-no-such-reflection = Aucune réflexion portant ce numéro ne vous est accessible.
facil-not-in-cohort = <@{ $user }> n’est pas dans « { $cohort } ».
facil-no-such-pathway = Ce parcours n’a pas de tel itinéraire.
facil-no-such-option = « { $pathway } » n’a pas de telle option.
