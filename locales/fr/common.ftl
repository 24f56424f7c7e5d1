# Answers every part of the bot gives: errors, notices, lists.

went-wrong = Un problème est survenu de notre côté et rien n’a été modifié. Veuillez réessayer ; si cela se reproduit, prévenez un animateur ou une animatrice.
form-too-slow = Cela a pris plus de temps que Discord ne l’autorise pour ouvrir un formulaire. Veuillez cliquer à nouveau sur le bouton.
command-form-too-slow = Cela a pris plus de temps que Discord ne l’autorise pour ouvrir un formulaire, et rien n’a été modifié. Veuillez relancer la commande.
too-long = Je ne peux pas afficher cette réponse ici : elle dépasse ce que Discord autorise dans un message. Si vous avez saisi un texte long, essayez une valeur plus courte.
form-not-recognised = Je ne reconnais pas ce formulaire.
button-not-recognised = Je ne reconnais pas ce bouton.
choice-not-offered = Ce choix ne faisait pas partie de ceux que je proposais.
button-old-version = Ce bouton provient d’une version antérieure de cohortbot et ne fonctionne plus. Lancez `/module` pour reprendre là où vous vous étiez arrêté.
button-malformed = Je ne reconnais pas ce bouton. Lancez `/module` pour reprendre là où vous vous étiez arrêté.
saved-but = { $saved }
    ⚠️ C’est enregistré, mais : { $what }
saved-but-discord = Discord n’a pas accepté l’étape suivante ; la cause figure dans le journal du bot.

# "a, b and c": the items before the last, joined with commas, then the last.
list-and = { $rest } et { $last }

# Refusals every service shares: which cohort the caller means.
cohort-none-yet = Vous ne faites encore partie d’aucune cohorte sur ce serveur. Demandez un code d’accès à un animateur ou une animatrice, puis utilisez `/cohort join`.
cohort-not-yours = Vous ne faites pas partie d’une cohorte nommée « { $name } » sur ce serveur.
cohort-several = Vous faites partie de plusieurs cohortes ({ $names }). Précisez-en une avec l’option `cohort` ; je retiendrai votre choix.
cohort-gone = Cette cohorte n’existe plus.
cohort-button-not-yours = Ce bouton appartient à une cohorte dont vous ne faites pas partie. Lancez `/module` pour ouvrir la vôtre.

# /help
help-about = Une formation en cohorte pour les organisateurs et organisatrices communautaires : suivez les modules de votre parcours dans l’ordre, répondez aux exercices, rédigez vos réflexions, rencontrez votre mentor et votre groupe d’apprentissage par l’action, et obtenez des badges en chemin.
help-role-everyone = Vous ne faites pas encore partie d’une cohorte ici : demandez un code d’accès à un animateur ou une animatrice.
help-role-trainee = Vous êtes stagiaire ici.
help-role-mentor = Vous êtes mentor ici.
help-role-facilitator = Vous animez ici.

# Un rendez-vous de mentorat confirmé par bouton, quand son fil a refusé l’annonce.

# Un titre cité dans une phrase.
quoted = « { $text } »

# Discord a refusé le bot faute de permissions : ce qu’il n’a pas pu faire, et les permissions
# à accorder, nommées comme dans les paramètres de Discord en français.
-perm-view-channel = Voir le salon
-perm-send-messages = Envoyer des messages
-perm-manage-messages = Gérer les messages
-perm-manage-channels = Gérer les salons
-perm-manage-roles = Gérer les rôles
-perm-manage-threads = Gérer les fils
-perm-create-private-threads = Créer des fils privés
-perm-send-in-threads = Envoyer des messages dans les fils
-perm-manage-events = Gérer les événements
-ask-a-manager = demandez-la à un gestionnaire du serveur, puis réessayez.
-ask-a-manager-plural = demandez-les à un gestionnaire du serveur, puis réessayez.
missing-perms-hub-forums = Discord ne m’a pas laissé créer les forums du hub. J’ai besoin de la permission « { -perm-manage-channels } » à cet endroit : { -ask-a-manager }
missing-perms-forum-tags = Discord ne m’a pas laissé ajouter des étiquettes à <#{ $forum }>. J’ai besoin de la permission « { -perm-manage-channels } » à cet endroit : { -ask-a-manager }
missing-perms-articles = Discord ne m’a pas laissé publier des articles dans <#{ $forum }>. J’ai besoin des permissions « { -perm-view-channel } », « { -perm-send-messages } » et « { -perm-manage-messages } » à cet endroit : { -ask-a-manager-plural }
missing-perms-question-post = Discord ne m’a pas laissé ouvrir une publication dans <#{ $forum }>. J’ai besoin des permissions « { -perm-view-channel } » et « { -perm-send-messages } » à cet endroit : { -ask-a-manager-plural }
missing-perms-answered-tag = Discord ne m’a pas laissé marquer <#{ $post }> comme résolue. J’ai besoin de la permission « { -perm-manage-threads } » à cet endroit : { -ask-a-manager }
missing-perms-pin-answer = Discord ne m’a pas laissé épingler la réponse. J’ai besoin de la permission « { -perm-manage-messages } » à cet endroit : { -ask-a-manager }
missing-perms-event-create = Discord ne m’a pas laissé créer l’événement du serveur. J’ai besoin de la permission « { -perm-manage-events } » : { -ask-a-manager }
missing-perms-event-change = Discord ne m’a pas laissé modifier l’événement du serveur. J’ai besoin de la permission « { -perm-manage-events } » : { -ask-a-manager }
missing-perms-set-thread = Discord ne m’a pas laissé ouvrir un fil privé dans le salon de la cohorte. J’ai besoin des permissions « { -perm-create-private-threads } », « { -perm-manage-threads } » et « { -perm-send-in-threads } » à cet endroit : { -ask-a-manager-plural }
missing-perms-thread-members = Discord ne m’a pas laissé ajouter des personnes au fil. J’ai besoin des permissions « { -perm-create-private-threads } », « { -perm-manage-threads } » et « { -perm-send-in-threads } » à cet endroit : { -ask-a-manager-plural }
forum-too-many-tags = <#{ $forum }> a { $has } étiquettes et il lui en faut { $needs } de plus ({ $missing }), mais Discord en autorise { $max }. Retirez des étiquettes dans les paramètres du forum, puis relancez `/hub setup`.

# /reminders et /language
reminders-muted = Rappels coupés : je ne vous relancerai plus ici pour le travail en cours. Utilisez `/reminders unmute` pour les réactiver.
reminders-on = Rappels activés : je vous relancerai quand votre module en cours n’aura pas avancé depuis une semaine.
language-set = Langue choisie : { $name }. Vous lisez votre parcours en { $name } là où il est traduit, et dans sa langue d’origine ailleurs.
language-set-automatic = Langue automatique : vous lisez votre parcours dans la langue de Discord là où il est traduit.
language-chosen = Vous avez choisi { $name }. Utilisez `/language set` pour en changer.
language-automatic = Automatique : vous lisez votre parcours dans la langue de Discord (actuellement `{ $locale }`) là où il est traduit. Utilisez `/language set` pour en choisir une.

# Les données d’un membre : /mydata et /cohort forget.
data-yours = Vos données
data-file-holds = Le fichier contient chaque ligne de la base de données du bot qui vous nomme, table par table : votre profil, votre progression et vos réponses, vos réflexions, les conversations que vous avez consignées, vos évaluations et propositions, et les messages en attente d’envoi. Vous seul voyez cette réponse.

    Pour effacer votre profil, lancez `/profile erase` ; pour effacer les conversations consignées, `/listen erase`. Un animateur ou une animatrice de votre cohorte peut tout effacer avec `/cohort forget`.
data-erase-button = Effacer ses données
data-erase-confirm = Effacer les données de <@{ $user }> ? Son profil, ses réflexions, ses conversations consignées, ses évaluations, ses propositions et ses réglages sont supprimés, et les messages qui ne lui ont pas encore été envoyés sont abandonnés. Sa progression, sa présence et ses votes restent dans les chiffres des cohortes, sans son nom. C’est irréversible.
data-forget-not-allowed = Seuls les animateurs et animatrices d’une cohorte dont <@{ $user }> a fait partie peuvent effacer ses données.
data-erased = Données de <@{ $user }> effacées. Supprimé : { $deleted_tables ->
        [0] rien
       *[other] { $deleted }
    }. Conservé sans son nom, pour que les chiffres des cohortes restent justes : { $kept_tables ->
        [0] rien
       *[other] { $kept }
    }.

# Ce que seule une commande slash peut faire, demandé autrement.
command-slash-only = Utilisez ceci comme commande slash.
