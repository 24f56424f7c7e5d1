# The cohort report (/cohort report). Figures arrive formatted for the language.

report-title = Rapport : { $cohort }
report-trainees = { $count ->
    [one] { $n } stagiaire
   *[other] { $n } stagiaires
}
report-modules = Modules terminés
report-continued = … suite
report-no-modules = Aucun module.
report-module-line = **{ $module }** — { $done } sur { $total } l’ont terminé ({ $share }){ $average }
report-average = { " " }· meilleur score moyen { $score }
report-reflections = Réflexions
report-reflections-figures = { $written } rédigées, { $reviewed } relues
report-attendance = Présence
report-badges = Badges décernés
report-meetings = Rencontres de mentorat tenues : { $n }
report-sets = Séances de groupe d’apprentissage suivies : { $n }
report-series-logged = { $series }, rencontres notées : { $attended } (le parcours en demande { $per_trainee } par stagiaire, { $asked } en tout)
report-series-attended = { $series }, présences : { $attended } (le parcours en demande { $per_trainee } par stagiaire, { $asked } en tout)
report-footer = { $file } compte une ligne par stagiaire ; sur le serveur, cohortbot export { $cohort } l’écrit aussi.
report-chart-modules = Modules terminés (% des stagiaires)
report-chart-attendance = Présences (% de ce que demande le parcours)
report-chart-empty = { $caption } : rien à montrer
report-chart-out-of = { $part } sur { $whole }
