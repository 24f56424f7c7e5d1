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
