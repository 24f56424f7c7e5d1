# Dot votes: the ballot and the refusals.

vote-spend-dots = Spend your dots
vote-dot-menu = Put a dot on…
vote-take-back = Take my dots back
vote-your-dots = **Your dots**: { $left } of { $dots } left. You can change your mind until <t:{ $closes }:f>; only you see this.

vote-not-an-option = That option is not on this vote.
vote-all-dots-spent = You have spent all { $dots } of your dots. Take them back to spend them differently.
vote-no-channel = “{ $cohort }” has no channel to vote in: set one with `/cohort channel` first.
vote-dots-range = Give each member between 1 and { $max } dots, not { $dots }.
vote-gone = That vote no longer exists.
vote-members-only = Only members of the cohort vote in its dot vote. Nothing was recorded.
vote-closed = The dot vote of “{ $cohort }” has closed: dots can no longer be placed or taken back.
vote-not-a-time = “{ $typed }” is not a time: write when the vote closes as YYYY-MM-DD HH:MM, e.g. 2026-10-12 18:00.
vote-time-passed = { $typed } has passed: choose a closing time in the future.
vote-too-few-themes = A vote needs at least { $min } themes to choose between, and this one has { $count }. Name more themes, or log more conversations first.
vote-too-many-themes = A vote can offer at most { $max } themes, and { $count } were named.
vote-unknown-theme = “{ $theme }” is not one of the cohort's themes. Choose from: { $known }.

# The vote's post in the cohort channel; `closes` is a Unix time in seconds, `options` one
# theme a line.
vote-post = **Dot vote: which issues should we work on?**
    Each member of “{ $cohort }” has { $dots ->
        [one] { $dots } dot
       *[other] { $dots } dots
    } to spend on these themes, several on one if it matters most. You can change your mind until <t:{ $closes }:f>.
    { $options }
# What the facilitator is told once the vote is queued.
vote-opened = Dot vote opened over { $themes } themes, { $dots ->
        [one] { $dots } dot
       *[other] { $dots } dots
    } each: it appears in <#{ $channel }> in a moment, and its results there when it closes at <t:{ $closes }:f>.

# The results, posted when the vote closes; `lines` holds one option a line.
vote-results = **The dot vote has closed.** { $voters ->
        [one] { $voters } member
       *[other] { $voters } members
    } spent { $spent ->
        [one] { $spent } dot
       *[other] { $spent } dots
    }.
    { $lines }
vote-results-chart-title = Dot vote results
vote-results-chart-caption = Dots received
vote-dots = { $count ->
        [one] { $count } dot
       *[other] { $count } dots
    }
vote-tie = (tie)
