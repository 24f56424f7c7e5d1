# L’animation : badges attribués à la main, réflexions, parcours au choix.

facil-no-such-badge = Le parcours n’a pas de badge `{ $badge }`.
facil-award-missing = <@{ $user }> ne remplit pas encore les conditions de « { $badge } » : { $missing }. Attribuez-le quand même avec `despite_missing: True` si vous l’avez vérifié autrement.
facil-already-holds = <@{ $user }> a déjà « { $badge } ».
facil-revoke-needs-reason = Dites pourquoi le badge est retiré : la raison est conservée dans l’historique.
facil-does-not-hold = <@{ $user }> n’a pas « { $badge } ».
facil-no-such-reflection = Aucune réflexion portant ce numéro ne vous est accessible.
facil-not-in-cohort = <@{ $user }> n’est pas dans « { $cohort } ».
facil-no-such-pathway = Ce parcours n’a pas de tel itinéraire.
facil-no-such-option = « { $pathway } » n’a pas de telle option.

facil-awarded = { $badge } attribué à <@{ $user }>. Son rôle suit dans un instant.
facil-revoked = { $badge } retiré à <@{ $user }> ; la raison est conservée et le rôle est en cours de retrait.
facil-reviewed = La réflexion n° { $number } est marquée comme relue.{ $told ->
        [yes] {" "}La personne stagiaire en est informée.
       *[no] {""}
    }

facil-reflections-title = Réflexions
facil-no-reflections = Aucune réflexion à afficher.
facil-reflection-reviewed = relue
facil-reflection-new = nouvelle
facil-reflection-title = Réflexion n° { $number } · { $module }
facil-reflection-by = Par <@{ $user }>, <t:{ $at }:F>, { $shared ->
        [cohort] partagée avec la cohorte
       *[facilitators] pour l’équipe d’animation
    }
facil-reflection-reply = Réponse

facil-audit-title = Historique · { $cohort }
facil-audit-empty = Rien d’enregistré pour l’instant : les inscriptions, les badges attribués ou retirés et les réflexions relues apparaîtront ici.
facil-audit-latest = Les { $shown } dernières entrées sur { $total } ; pour en voir plus, utilisez latest: (au plus { $max }).
facil-audit-all = { $count ->
        [one] L’unique entrée
       *[other] Les { $count } entrées
    }.
facil-audit-enrol = <@{ $actor }> a inscrit <@{ $subject }> comme { $detail }
facil-audit-award = <@{ $actor }> a attribué à <@{ $subject }> : { $detail }
facil-audit-revoke = <@{ $actor }> a retiré { $detail } à <@{ $subject }>
facil-audit-review = <@{ $actor }> a relu chez <@{ $subject }> : { $detail }

facil-pathway-choices = Choix d’itinéraire
facil-nobody-chose = Personne n’a encore choisi.
facil-choose-route = Choisissez votre itinéraire
facil-choose-route-of = { $pathway } : choisissez votre itinéraire
facil-no-routes = Ce parcours ne propose pas d’itinéraire à choisir.
facil-you-chose = Vous avez choisi « { $route } ».
facil-now-open = Maintenant ouverts pour vous : { $modules }. Lancez `/module` pour commencer.
facil-audit-range = Demandez entre 1 et { $max } des dernières entrées.

# La réponse d’un animateur ou d’une animatrice à une réflexion, envoyée à son auteur ou
# autrice ; une réflexion partagée avec la cohorte, publiée dans son salon avec un fil.
facil-reflection-replied = <@{ $author }>, <@{ $facilitator }> a répondu à votre réflexion :
facil-reflection-reply-title = Réflexion n° { $number }
facil-reflection-shared = <@{ $author }> a partagé une réflexion sur « { $module } ».
facil-reflection-thread = Réflexion sur { $module }
