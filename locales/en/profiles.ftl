# Profiles: /profile, the View profile menu, the card and the form.

profile-not-in-cohort = You are not in a cohort of this server, and profiles are for its members: join one with `/cohort join`.
profile-subject-not-in-cohort = <@{ $subject }> is in no cohort of this server, so has no profile here.
profile-area-too-long = Keep your institution or area to { $max } characters.
profile-bio-too-long = Keep your bio to { $max } characters.
profile-too-many-links = A profile shows at most { $max } links.
profile-link-too-long = “{ $link }…” is longer than { $max } characters.
profile-link-not-secure = “{ $link }” is not secure: use its https:// address.
profile-link-not-web = “{ $link }” is not a web address: links start with https://.
profile-progress-shown = Members of your cohorts now see your progress on your profile.
profile-progress-hidden = Only you and your facilitators see your progress now.
profile-erased = Deleted your profile in this server: what you wrote and your choice about progress.
profile-nothing-to-erase = You have no profile in this server: there was nothing to delete.
profile-saved = Saved your profile. This is how it looks:
profile-no-bio = You have not written about yourself yet: `/profile edit`.
profile-role = { $role ->
    [facilitator] facilitator
    [mentor] mentor
   *[trainee] trainee
}
profile-cohort = { $cohort } ({ $role })
profile-title = Profile
profile-cohorts = Cohorts
profile-links = Links
profile-hub = In the knowledge hub
profile-progress-in = Progress in { $cohort }
profile-progress = Progress
profile-progress-private = Kept between them and their facilitators.
profile-footer-shown = Members of your cohorts see your progress; `/profile progress` hides it.
profile-footer-hidden = Only you and your facilitators see your progress; `/profile progress` shows it to members.
profile-form-area = Institution or area
profile-form-bio = A short bio
profile-form-link = Link { $n } (https://…)
profile-form = Your profile
profile-typed-back = { $message }
    Nothing was saved. What you typed:
    > Institution or area: { $area }
    > Bio: { $bio }
    > Links: { $links }
profile-modules-done = Modules done: { $done } of { $total }
profile-badges = Badges: { $badges }
profile-pathway = Pathway: { $routes }
profile-one-to-ones = One-to-ones logged: { $n }
