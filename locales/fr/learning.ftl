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

progress-title = Votre progression : { $course }
progress-modules = Modules terminés
progress-of = { $done } sur { $total }
progress-next = Étape suivante

badges-title = Badges
badges-none = Ce parcours n’a pas de badges.
badge-earned = 🏅 { $badge } — obtenu le <t:{ $at }:D>
badge-by-hand = ▫️ { $badge } — décerné par l’équipe d’animation
badge-to-do = ▫️ { $badge } — reste à faire : { $missing }

module-not-in-course = Ce module ne fait pas partie de votre parcours.
module-still-locked = « { $module } » est encore verrouillé : terminez d’abord { $before }.
