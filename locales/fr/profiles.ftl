# Profiles: /profile, the View profile menu, the card and the form.

profile-not-in-cohort = Vous n’êtes dans aucune cohorte de ce serveur, et les profils sont réservés à ses membres : rejoignez-en une avec `/cohort join`.
profile-subject-not-in-cohort = <@{ $subject }> n’est dans aucune cohorte de ce serveur, et n’a donc pas de profil ici.
profile-area-too-long = Limitez votre établissement ou domaine à { $max } caractères.
profile-bio-too-long = Limitez votre bio à { $max } caractères.
profile-too-many-links = Un profil affiche { $max } liens au plus.
profile-link-too-long = « { $link }… » dépasse { $max } caractères.
profile-link-not-secure = « { $link } » n’est pas sécurisé : utilisez son adresse en https://.
profile-link-not-web = « { $link } » n’est pas une adresse web : les liens commencent par https://.
profile-progress-shown = Les membres de vos cohortes voient désormais votre progression sur votre profil.
profile-progress-hidden = Seuls vous et vos animateurs ou animatrices voyez désormais votre progression.
profile-erased = Votre profil sur ce serveur est supprimé : ce que vous aviez écrit et votre choix sur la progression.
profile-nothing-to-erase = Vous n’avez pas de profil sur ce serveur : il n’y avait rien à supprimer.
profile-saved = Profil enregistré. Voici comment il apparaît :
profile-no-bio = Vous n’avez encore rien écrit sur vous : `/profile edit`.
profile-role = { $role ->
    [facilitator] animation
    [mentor] mentor
   *[trainee] stagiaire
}
profile-cohort = { $cohort } ({ $role })
profile-title = Profil
profile-cohorts = Cohortes
profile-links = Liens
profile-hub = Dans le hub de connaissances
profile-progress-in = Progression dans { $cohort }
profile-progress = Progression
profile-progress-private = Réservée à la personne et à ses animateurs ou animatrices.
profile-footer-shown = Les membres de vos cohortes voient votre progression ; `/profile progress` la masque.
profile-footer-hidden = Seuls vous et vos animateurs ou animatrices voyez votre progression ; `/profile progress` la montre aux membres.
profile-form-area = Établissement ou domaine
profile-form-bio = Une courte bio
profile-form-link = Lien { $n } (https://…)
profile-form = Votre profil
profile-typed-back = { $message }
    Rien n’a été enregistré. Voici ce que vous avez saisi :
    > Établissement ou domaine : { $area }
    > Bio : { $bio }
    > Liens : { $links }
profile-modules-done = Modules terminés : { $done } sur { $total }
profile-badges = Badges : { $badges }
profile-pathway = Itinéraire : { $routes }
profile-one-to-ones = Entretiens individuels notés : { $n }
