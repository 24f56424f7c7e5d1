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

cohort-unknown-time-zone = Je ne connais pas le fuseau horaire `{ $zone }`. Choisissez-en un dans la liste, par exemple Europe/Paris.
cohort-not-a-date = `{ $date }` n’est pas une date. Écrivez-la au format AAAA-MM-JJ, par exemple 2026-09-07.
cohort-created = Cohorte créée. Partagez le code d’accès avec vos stagiaires, ou inscrivez-les avec `/cohort enroll`.
cohort-events-discord-refused = Discord ne les a pas acceptés pour l’instant.
cohort-events-not-published = Les événements du parcours ne figurent pas encore parmi ceux du serveur : { $reason } `/event list` les publie.
cohort-prompt-late = « { $title } » était prévu le <t:{ $due }:F>, avant la création de la cohorte : il est publié maintenant, signalé en retard.
cohort-and-more = et { $count } de plus
cohort-prompts-skipped = Non publiés, leur heure étant passée aussi : { $titles }. Publiez ceux que vous voulez avec `/prompt now`.
cohort-enrolled = { $count ->
        [one] { $count } personne inscrite
       *[other] { $count } personnes inscrites
    } dans « { $cohort } » comme { $role ->
        [trainee] stagiaires
        [mentor] mentors
        [facilitator] animateurs ou animatrices
       *[other] { $role }
    }.
cohort-welcome = Bienvenue dans « { $cohort } » ! Utilisez `/course` pour voir vos modules et `/module` pour commencer.
cohort-left = Vous avez quitté « { $cohort } ». Votre progression est conservée si vous revenez.
cohort-posts-in = « { $cohort } » publie désormais dans <#{ $channel }>.

# /cohort info
cohort-course-version = { $course } (version { $version })
cohort-starts = Début
cohort-time-zone = Fuseau horaire
cohort-people = Participants
cohort-people-count = { $trainees ->
        [one] { $trainees } stagiaire
       *[other] { $trainees } stagiaires
    }, { $mentors ->
        [one] { $mentors } mentor
       *[other] { $mentors } mentors
    }, { $facilitators ->
        [one] { $facilitators } animateur ou animatrice
       *[other] { $facilitators } animateurs et animatrices
    }
cohort-channel = Salon
cohort-you-are = Vous êtes
cohort-role = { $role ->
        [trainee] stagiaire
        [mentor] mentor
        [facilitator] animateur ou animatrice
       *[other] { $role }
    }
cohort-join-code = Code d’accès
cohort-join-code-how = `{ $code }` — les stagiaires utilisent `/cohort join { $code }`
