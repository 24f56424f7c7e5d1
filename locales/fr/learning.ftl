# The learning path: /course, /module, /progress, /badges show.

module-locked = verrouillé
module-open = ouvert
module-in-progress = en cours
module-done = terminé
module-best-score = , meilleur score { $score }
course-footer = Chaque module s’ouvre quand le précédent est terminé.
course-footer-carry-on = Chaque module s’ouvre quand le précédent est terminé. Utilisez /module pour continuer.

next-question = Répondez à la question { $number } sur { $total } de « { $module } » : lancez `/module`.
next-carry-on = Continuez « { $module } » : lancez `/module`.
next-start = Commencez « { $module } » : lancez `/module`.
next-choose-route = Choisissez votre voie « { $pathway } » : lancez `/pathway choose`.
next-await-award = Vous avez fait tout ce que demande « { $badge } » : une personne de l’équipe d’animation le décerne, rien de plus à faire pour l’instant.
next-finished = Vous avez terminé le parcours : tous les modules sont faits et tous les badges obtenus. Bravo !

# Ce qui manque encore à un membre pour un badge, comme proposition d’une phrase ou d’une liste.
lack-module = terminer le module « { $module } »
lack-route = choisir une voie « { $pathway } » et en terminer les modules
lack-sessions = assister à encore { $more } { $more ->
    [one] séance
   *[other] séances
} de « { $series } » ({ $attended } sur { $count } jusqu’ici)
lack-badge = obtenir le badge « { $badge } »
lack-conversations = enregistrer encore { $more } { $more ->
    [one] entretien
   *[other] entretiens
}{ $excluded ->
    [yes] {" "}avec des personnes des groupes rarement entendus
   *[no] {""}
} ({ $logged } sur { $count } jusqu’ici)
# L’étape suivante quand il manque encore quelque chose pour un badge.
next-for-badge = Pour le badge « { $badge } » : { $lack }.{ $how ->
    [route] {" "}Lancez `/pathway choose`.
    [mentoring] {" "}Convenez d’un horaire avec votre mentor : `/meeting propose`.
    [sessions] {" "}L’équipe d’animation planifie les séances et le bot vous rappelle chacune d’elles.
    [conversations] {" "}Lancez `/listen log` après chaque entretien individuel.
   *[none] {""}
}

progress-title = Votre progression : { $course }
progress-modules = Modules terminés
progress-of = { $done } sur { $total }
progress-next = Étape suivante

badges-title = Badges
badges-none = Ce parcours n’a pas de badges.
badge-earned = 🏅 { $badge } — obtenu le <t:{ $at }:D>
badge-by-hand = ▫️ { $badge } — décerné par l’équipe d’animation
badge-to-do = ▫️ { $badge } — reste à faire : { $missing }

# /badges export
credentials-none = Vous n’avez encore aucun badge dans cette cohorte : il n’y a donc rien à exporter. `/badges show` indique ce qu’il reste à faire pour chacun.
credentials-title = { $count ->
    [one] Votre attestation de badge
   *[other] Vos { $count } attestations de badges
}
credentials-exported = { $badges }

    Chaque fichier est une attestation Open Badges 3.0 signée par le bot de ce serveur : conservez-la, ajoutez-la à un portefeuille numérique ou à un profil qui accepte les Open Badges, ou envoyez-la à qui vous la demande. Les badges retirés par l’équipe d’animation n’y figurent pas.

# Les badges comme rôles Discord : ce que l’équipe d’animation apprend quand un rôle ne peut pas suivre une attribution.
badge-role-missing-permission = Je n’ai pas pu donner le rôle « { $role } » à <@{ $user }> : j’ai besoin de la permission « { -perm-manage-roles } », et mon propre rôle doit se trouver au-dessus de « { $role } » dans Paramètres du serveur → Rôles. Le badge est enregistré ; je donnerai le rôle dès que ce sera corrigé.
badge-role-member-left = <@{ $user }> a quitté le serveur : le rôle « { $role } » n’a donc pas pu être donné. Le badge reste enregistré.
badge-role-failed = Je n’ai pas pu mettre à jour le rôle « { $role } » de <@{ $user }> ({ $error }). Je réessaierai.
badge-congratulations = 🎉 Félicitations <@{ $user }> : vous avez obtenu { $badges } !

module-not-in-course = Ce module ne fait pas partie de votre parcours.
module-still-locked = « { $module } » est encore verrouillé : terminez d’abord { $before }.

# Les écrans d’un module (/module et ses boutons).
page-reading = Lecture
page-video = Vidéo
page-case-study = Étude de cas
screen-footer = { $kind } · écran { $screen } sur { $screens }{ $done ->
        [yes] {" "}· terminé
       *[no] {""}
    }
screen-previous = ◀ Précédent
screen-next = Suivant ▶
screen-open-link = Ouvrir le lien
screen-continue = Reprendre : question { $number } sur { $total }
screen-finish = Terminer le module
screen-start-exercises = Commencer les exercices ({ $count })

# Les exercices : questions, retours, résultats.
question-footer = { $module } · question { $number } sur { $total } · tentative { $attempt }
question-true-or-false = Vrai ou faux ?
quiz-true = Vrai
quiz-false = Faux
question-choose-all = Choisissez toutes les bonnes réponses
question-choose-one = Choisissez une réponse
question-which-comes = Lequel vient { $position ->
        [1] en premier
       *[other] en { $position }e position
    } ?
question-order-so-far = Votre ordre jusqu’ici
question-put-in-order = Remettez dans l’ordre
question-choose-category = Choisissez sa catégorie
question-sorted-so-far = Déjà classés
question-sort-items = Classez chaque élément ({ $number } sur { $total })
question-where-belong = Où va « { $item } » ?
question-reflection = Réflexion
question-reflection-length = De { $min } à { $max } caractères. Prenez votre temps : la zone de saisie s’ouvre quand vous appuyez sur le bouton.
question-write-reflection = Écrire votre réflexion
question-read-again = Relire les pages
question-already-answered = Vous avez déjà répondu à cette question. Lancez `/module` pour continuer.
question-answer-does-not-fit = Cette réponse ne correspond pas à la question. Lancez `/module` pour continuer.
exercises-gone = Ces exercices n’existent plus. Lancez `/module` pour continuer.
reflection-yours = Votre réflexion
reflection-placeholder = Écrivez avec vos propres mots. Seules les personnes prévues par le cours la liront.
reflection-modal-title = Réflexion : { $module }
reflection-your-text = Votre texte

feedback-right = Juste !
feedback-partly-right = En partie juste
feedback-wrong = Pas tout à fait
feedback-reflection-saved = Réflexion enregistrée
feedback-share = Vous obtenez { $share } des points de cette question.
feedback-answer = La réponse
feedback-why = Pourquoi
feedback-next-question = Question suivante ({ $number } sur { $total })
feedback-try-again = Réessayer

result-title = Résultat : { $module }
result-score = Votre score : **{ $score }** (seuil de réussite { $pass }).
result-complete = « { $module } » est terminé. 🎉
result-next-open = « { $module } » est maintenant ouvert : lancez `/module` pour le commencer.
result-last-module = C’était le dernier module qui vous est ouvert. Voir `/progress`.
result-no-attempts-left = Vous n’avez plus de tentative ; un animateur ou une animatrice vous aidera pour la suite.
result-attempts-left = Pas réussi cette fois. Il vous reste { $count ->
        [one] { $count } tentative
       *[other] { $count } tentatives
    } : relisez les pages, puis réessayez.
result-not-passed = Pas réussi cette fois. Relisez les pages avec `/module`, puis réessayez.
result-badge = Vous avez obtenu le badge { $badge }

module-all-done = Vous avez terminé tous les modules qui vous sont ouverts. Bravo ! Voir `/progress` et `/badges show`.
module-no-pages = Ce module n’a pas encore de pages.
module-not-opened = Vous n’avez pas encore ouvert « { $module } » : ouvrez-le d’abord avec `/module`.
page-not-remembered = Cette page s’affiche, mais votre place dans le module n’a pas pu être enregistrée : `/module` pourrait rouvrir une page précédente. Tournez la page à nouveau ; si cela se reproduit, prévenez un animateur ou une animatrice.
exercise-already-complete = Vous avez déjà terminé « { $module } ».
exercise-no-attempts-left = Vous avez utilisé toutes vos tentatives pour « { $module } » ({ $count ->
        [one] { $count } tentative
       *[other] { $count } tentatives
    }). Un animateur ou une animatrice peut vous aider pour la suite.
exercise-already-answered = Vous avez déjà répondu à cette question. Utilisez les boutons de votre dernier message, ou lancez `/module` pour continuer.
exercise-no-such-question = Cette question n’existe pas.
exercises-not-yours = Ces exercices appartiennent à quelqu’un d’autre. Lancez `/module` pour ouvrir les vôtres.
exercise-attempt-finished = Cette tentative est terminée. Lancez `/module` pour voir où vous en êtes.
exercise-order-every-item = Remettez chaque élément dans l’ordre avant de répondre.
exercise-sort-every-item = Classez chaque élément dans une catégorie avant de répondre.
exercise-reflection-length = Votre réflexion compte { $count ->
        [one] { $count } caractère
       *[other] { $count } caractères
    } ; celle-ci en demande de { $min } à { $max }. Rien n’a encore été enregistré : votre texte est ci-dessous pour que vous puissiez le copier et l’ajuster.
exercise-no-question-left = Cette tentative n’a plus de question. Lancez `/module` pour continuer.
