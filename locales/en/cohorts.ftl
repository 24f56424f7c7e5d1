# Cohorts: creating, enrolling, joining, leaving; who may do what.

cohort-create-not-allowed = Only facilitators and server managers can create cohorts.
cohort-name-length = A cohort name needs 1 to { $max } characters.
cohort-no-such-course = There is no course `{ $course }`. Available: { $available }.
cohort-name-taken = This server already has a cohort called “{ $name }”. Choose another name.
cohort-try-again = Try again.
cohort-nobody-to-enrol = Nobody to enrol: name a member, or a role that has members.
cohort-bad-join-code = That join code does not match a cohort in this server. Check it with your facilitator.
cohort-already-in = You are already in “{ $cohort }” as a { $role }.
cohort-not-in = You are not in “{ $cohort }”.

access-enrol-facilitators-only = Only the facilitators of “{ $cohort }” enrol trainees and mentors. As a server manager you may enrol facilitators.
access-facilitators-only = Only the facilitators of “{ $cohort }” can do that.
