# Facilitation: badges by hand, reflections, pathways.

facil-no-such-badge = The course has no badge `{ $badge }`.
facil-award-missing = <@{ $user }> has not yet met what “{ $badge }” requires: { $missing }. Award it anyway with `despite_missing: True` if you have checked this another way.
facil-already-holds = <@{ $user }> already holds “{ $badge }”.
facil-revoke-needs-reason = Say why the badge is revoked: the reason is kept in the record.
facil-does-not-hold = <@{ $user }> does not hold “{ $badge }”.
facil-no-such-reflection = There is no reflection with that number that you may read.
facil-not-in-cohort = <@{ $user }> is not in “{ $cohort }”.
facil-no-such-pathway = This course has no such pathway.
facil-no-such-option = “{ $pathway }” has no such option.

facil-awarded = Awarded { $badge } to <@{ $user }>. Their role follows in a moment.
facil-revoked = Revoked { $badge } from <@{ $user }>; the reason is on record and the role is being removed.
facil-reviewed = Reflection #{ $number } is marked reviewed.{ $told ->
        [yes] {" "}The trainee is being told.
       *[no] {""}
    }

facil-reflections-title = Reflections
facil-no-reflections = No reflections to show.
facil-reflection-reviewed = reviewed
facil-reflection-new = new
facil-reflection-title = Reflection #{ $number } · { $module }
facil-reflection-by = By <@{ $user }>, <t:{ $at }:F>, { $shared ->
        [cohort] shared with the cohort
       *[facilitators] for facilitators
    }
facil-reflection-reply = Reply

facil-audit-title = Audit log · { $cohort }
facil-audit-empty = Nothing recorded yet: enrolments, badges awarded or revoked and reviewed reflections appear here.
facil-audit-latest = The latest { $shown } of { $total } entries; ask for more with latest: (at most { $max }).
facil-audit-all = All { $count ->
        [one] { $count } entry
       *[other] { $count } entries
    }.
facil-audit-enrol = <@{ $actor }> enrolled <@{ $subject }> as { $detail }
facil-audit-award = <@{ $actor }> awarded <@{ $subject }> { $detail }
facil-audit-revoke = <@{ $actor }> revoked { $detail } from <@{ $subject }>
facil-audit-review = <@{ $actor }> reviewed <@{ $subject }>'s { $detail }

facil-pathway-choices = Pathway choices
facil-nobody-chose = Nobody has chosen yet.
facil-choose-route = Choose your route
facil-choose-route-of = { $pathway }: choose your route
facil-no-routes = This course offers no routes to choose.
facil-you-chose = You chose “{ $route }”.
facil-now-open = Now open for you: { $modules }. Run `/module` to start.
facil-audit-range = Ask for between 1 and { $max } of the latest entries.

# A facilitator's reply to a reflection, sent to its author; a reflection shared with the
# cohort, posted in its channel with a thread for replies.
facil-reflection-replied = <@{ $author }>, <@{ $facilitator }> replied to your reflection:
facil-reflection-reply-title = Reflection #{ $number }
facil-reflection-shared = <@{ $author }> shared a reflection on “{ $module }”.
facil-reflection-thread = Reflection on { $module }
