# The cohort report (/cohort report). Figures arrive formatted for the language.

report-title = Report: { $cohort }
report-trainees = { $count ->
    [one] { $n } trainee
   *[other] { $n } trainees
}
report-modules = Module completion
report-continued = … continued
report-no-modules = No modules.
report-module-line = **{ $module }** — { $done } of { $total } done ({ $share }){ $average }
report-average = { " " }· average best score { $score }
report-reflections = Reflections
report-reflections-figures = { $written } written, { $reviewed } reviewed
report-attendance = Attendance
report-badges = Badges awarded
report-meetings = Mentoring meetings attended: { $n }
report-sets = Action learning sets attended: { $n }
report-series-logged = { $series } logged: { $attended } (the course asks for { $per_trainee } per trainee, { $asked } in all)
report-series-attended = { $series } attended: { $attended } (the course asks for { $per_trainee } per trainee, { $asked } in all)
report-footer = { $file } has a row per trainee; on the server, cohortbot export { $cohort } writes it too.
report-chart-modules = Module completion (% of trainees)
report-chart-attendance = Attendance (% of what the course asks)
report-chart-empty = { $caption }: nothing to show
report-chart-out-of = { $part } of { $whole }
