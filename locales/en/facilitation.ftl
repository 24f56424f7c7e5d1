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
