# Les cohortes : création, inscription, arrivée, départ ; qui peut faire quoi.

cohort-create-not-allowed = Seuls les animateurs et animatrices et les gestionnaires du serveur peuvent créer des cohortes.
cohort-name-length = Le nom d’une cohorte doit compter de 1 à { $max } caractères.
cohort-no-such-course = Il n’y a pas de parcours `{ $course }`. Parcours disponibles : { $available }.
cohort-name-taken = Ce serveur a déjà une cohorte nommée « { $name } ». Choisissez un autre nom.
cohort-try-again = Réessayez.
cohort-nobody-to-enrol = Personne à inscrire : indiquez un membre, ou un rôle qui a des membres.
cohort-bad-join-code = Ce code ne correspond à aucune cohorte de ce serveur. Vérifiez-le auprès de votre animateur ou animatrice.
cohort-already-in = Vous êtes déjà dans « { $cohort } » en tant que { $role ->
        [trainee] stagiaire
        [mentor] mentor
        [facilitator] animateur ou animatrice
       *[other] { $role }
    }.
cohort-not-in = Vous n’êtes pas dans « { $cohort } ».

access-enrol-facilitators-only = Seuls les animateurs et animatrices de « { $cohort } » inscrivent stagiaires et mentors. En tant que gestionnaire du serveur, vous pouvez inscrire des animateurs et animatrices.
access-facilitators-only = Seuls les animateurs et animatrices de « { $cohort } » peuvent faire cela.
