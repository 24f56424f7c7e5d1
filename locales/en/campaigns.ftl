# campaigns: what /campaign, its buttons and its forms show (its refusals are in listening).

campaign-started = Campaign on **{ $theme }** opened. Next, its SMART goal: what will change, how you will measure it, why it is winnable, who it matters to, and by when.
campaign-goal-button = Set the SMART goal
# The form of the SMART goal; its title is cut to Discord's 45 characters.
campaign-goal-form-title = SMART goal: { $theme }
campaign-goal-specific = Specific: what will change?
campaign-goal-measurable = Measurable: how many, how much?
campaign-goal-achievable = Achievable: why can we win it?
campaign-goal-relevant = Relevant: whom does it matter to?
campaign-goal-deadline = Time-bound: by when? (YYYY-MM-DD)
campaign-goal-saved = Saved the goal of the campaign on **{ $theme }**.
campaign-goal-typed-back = Nothing was saved. What you typed:
    > Specific: { $specific }
    > Measurable: { $measurable }
    > Achievable: { $achievable }
    > Relevant: { $relevant }
    > Time-bound: { $deadline }
# A goal as the card shows it, a line per `part`; the deadline's `text` is a date.
campaign-goal-line = { $part ->
    [specific] **Specific:** { $text }
    [measurable] **Measurable:** { $text }
    [achievable] **Achievable:** { $text }
    [relevant] **Relevant:** { $text }
   *[deadline] **Time-bound:** by { $text }
}

# The campaign's card; `influence` and `interest` are "low", "medium" or "high".
campaign-card-title = Campaign: { $theme }
campaign-no-goal = No SMART goal yet: a facilitator sets it with `/campaign goal`.
campaign-power = Power analysis
campaign-power-none = Nobody listed yet: `/campaign power`.
campaign-holder = **{ $name }** · influence { $influence ->
        [high] high
        [medium] medium
       *[low] low
    } · interest { $interest ->
        [high] high
        [medium] medium
       *[low] low
    }
campaign-actions = Actions
campaign-actions-none = None planned yet: `/campaign action`.
campaign-action-line-cancelled = ~~{ $title }~~ · cancelled
campaign-turnout = { $attended } came of { $target } hoped for ({ $interested } interested on Discord)
campaign-turnout-aim = aiming for { $target }
campaign-continued = { $name } (continued)
# The cohort's campaigns, a line each; `deadline` is a date.
campaign-list = The cohort's campaigns (see one with `/campaign show`):
campaign-list-item = • **{ $theme }**, by { $deadline }
campaign-list-item-no-goal = • **{ $theme }** (no goal yet)

# What the facilitator is told; `start` is a moment already written for Discord.
campaign-action-planned = **{ $title }** is planned for the campaign on **{ $theme }**: { $start }, aiming for { $target ->
    [one] { $target } person
   *[other] { $target } people
}. It is in the server's Events, where people can mark themselves interested.
campaign-action-unpublished = { $planned } Any `/event` command adds it to the server's Events list once Discord lets me.
campaign-action-event-description = An action of the campaign on { $theme }.
campaign-turnout-recorded = Recorded for **{ $title }**: { $turnout }.
campaign-turnout-nobody = No trainee of the cohort marked it as interested, so I asked nobody to evaluate it.
campaign-turnout-asked = { $count ->
    [one] I asked the trainee who took part to evaluate it in the cohort channel; their evaluations come to `/reflections`.
   *[other] I asked the { $count } trainees who took part to evaluate it in the cohort channel; their evaluations come to `/reflections`.
}
campaign-turnout-already-asked = The trainees who took part were already asked to evaluate it.

# The request in the cohort channel to evaluate an action; `mentions` are the participants.
campaign-evaluation-request = **How did “{ $title }” go?** { $mentions }: you took part. Evaluate it against the goal, celebrate what went well, and reflect on what to do next. Only the facilitators read what you write.
campaign-evaluate-button = Evaluate the action
campaign-evaluate-form-title = Evaluate: { $title }
campaign-evaluate = Evaluate: what did it achieve?
campaign-celebrate = Celebrate: what went well?
campaign-reflect = Reflect: what will you do next?
campaign-evaluation-saved = Thank you: your evaluation of **{ $title }** is with the facilitators, and only them.
campaign-evaluation-typed-back = Nothing was saved. What you typed:
    > Evaluate: { $evaluate }
    > Celebrate: { $celebrate }
    > Reflect: { $reflect }
# An evaluation as the facilitators read it among the reflections: a heading, then a line
# per `part` of the form.
campaign-evaluation-module = Action evaluation
campaign-evaluation-heading = Evaluation of “{ $title }”
campaign-evaluation-answer = { $part ->
    [evaluate] **Evaluate:** { $text }
    [celebrate] **Celebrate:** { $text }
   *[reflect] **Reflect:** { $text }
}
