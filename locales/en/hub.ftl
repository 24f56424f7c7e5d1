# The knowledge hub: /hub, /ask, the questions forum, answers, ratings, reputations and the
# articles members propose. `hub-…` for the hub, `ask-…` for /ask and its questions.

## Forums
hub-not-set-up = The knowledge hub is not set up in this server yet: a facilitator runs `/hub setup` first.
hub-forum-gone = The { $kind ->
    [articles] articles
   *[questions] questions
} forum (<#{ $forum }>) is gone: it was deleted after the hub was set up. Ask a facilitator to run `/hub setup` again, then try once more.
hub-no-answered-tag = the forum of <#{ $post }> has no “{ $tag }” tag: a facilitator runs `/hub setup` again to add it.

## /hub setup
hub-set-up = 📚 The knowledge hub is set up.
hub-set-up-forum = • { $kind ->
    [articles] Articles
   *[questions] Questions
}: <#{ $forum }>, { $done ->
    [created-again] created again: the one recorded before was gone
    [created] created
    [adopted-again] adopted in place of the one that was gone
   *[adopted] adopted
}; { $tag_count ->
    [0] no tags
   *[other] tags: { $tags }
}{ $added_count ->
    [0] {""}
   *[other] {" "}(added: { $added })
}.
hub-set-up-no-articles = • The course ships no articles.
hub-set-up-articles = • The course's articles: { $published } published, { $updated } updated, { $unchanged } unchanged.
# The topics of the forums set-up creates, in the server's language.
hub-topic-articles = Articles for organisers: read, discuss in each post's thread, propose one with /hub propose.
hub-topic-questions = Ask with /ask. Right-click an answer: Apps → Accept answer or Rate answer.
hub-not-a-forum = <#{ $forum }> is not a forum: run `/hub setup` again.
hub-article-no-body = “{ $title }” has no body.

## Questions
ask-no-title = A question needs a title: say in a few words what you want to know.
ask-no-details = A question needs some details: what you tried, and where you are stuck.
ask-details-too-long = The details hold at most { $max } characters (a post's first message is limited by Discord); yours have { $count }. Shorten them, and add the rest as a reply in your post once it is open.
hub-title-too-long = A title holds at most { $max } characters (Discord's limit for a post's name); yours has { $count }.
hub-unknown-tag = The { $forum ->
    [articles] articles forum
   *[questions] questions forum
} has no tag “{ $tag }”. Choose among: { $choices }.
hub-too-many-tags = A post takes at most { $max } tags; you chose { $count }.
ask-already-posted = This question is already posted (or being posted).
ask-nothing-to-cancel = This question is already posted, so there is nothing to cancel.
ask-not-yours = Only the member who asked this question can post or cancel it.
ask-cancelled-already = This question was cancelled; run `/ask` again to ask it.
ask-accept-not-allowed = Only the member who asked this question, or a facilitator, can accept an answer.
ask-this-accepted = “{ $title }” has this answer already accepted.
ask-other-accepted = “{ $title }” has another answer accepted.
ask-not-an-answer = That is not an answer in the knowledge hub: use this on a reply in a question's post in the questions forum.
ask-the-question-itself = That is the question itself: use this on a reply to it.
ask-own-answer = You cannot rate your own answer.
ask-answer-too-new = This answer is only { $seconds } seconds old: give it a minute, then rate it.
ask-rating-removed = A facilitator removed your rating of this answer, so you cannot rate it again.
ask-comment-too-long = A comment is one line of at most { $max } characters; yours has { $count }.
hub-search-empty-query = Search for at least one word.
ask-asked-by = — asked by <@{ $asker }>
ask-similar = Before you post “{ $title }”, these answered questions look alike:
ask-similar-none-fits = If none of them answers it, post your question.
ask-post-button = Post my question
ask-cancel-button = Cancel
ask-posted = ❓ Your question is posted: <#{ $post }>. Members answer in the post; when a reply answers it, right-click that reply → Apps → **Accept answer**.
ask-cancelled = Cancelled: your question was not posted.
ask-accepted = ✅ Accepted <@{ $author }>'s [answer]({ $link }) to “{ $title }”: the post is tagged answered and the answer pinned.

## Ratings and reputation
hub-rating-value = { $value ->
    [positive] positive
    [negative] negative
   *[neutral] neutral
}
hub-rate-question = How helpful was <@{ $author }>'s answer?
hub-rate-before = { " " }You rated it { $value } before; choose again to change that.
hub-rate-positive = 👍 Positive
hub-rate-neutral = 😐 Neutral
hub-rate-negative = 👎 Negative
hub-rate-comment = A one-line comment (optional)
hub-rate-title = Rate this answer { $value }
hub-rated = Thank you: you rated this answer { $value }. You can change it the same way.
hub-rating-changed = Thank you: you changed your rating to { $value }. You can change it the same way.
hub-reputation = ⭐ <@{ $member }> in the knowledge hub
    Feedback score: **{ $score }** (members who rated their answers positive, minus those who rated them negative)
    Last 12 months: { $percent } ({ $positive } positive, { $neutral } neutral, { $negative } negative)
    Answers: { $given } given, { $accepted } accepted
hub-reputation-percent = **{ $percent }** positive
hub-reputation-no-ratings = no positive or negative ratings
hub-reputation-line = Feedback score { $score } · { $percent } · answers: { $given } given, { $accepted } accepted
hub-reputation-line-percent = { $percent } positive over 12 months
hub-reputation-line-none = no ratings for or against over 12 months
hub-search-nothing = Nothing answered or published in the hub matches “{ $query }” yet. Ask it with `/ask`.
hub-search-questions = 🔎 Answered questions matching “{ $query }”, best first:
hub-search-articles = 📚 Articles matching “{ $query }”, best first:
hub-rating-removed = Removed <@{ $rater }>'s rating of <@{ $answerer }>'s answer; it no longer counts. Reason kept: { $reason }
hub-remove-not-facilitator = Only facilitators can remove a rating.
hub-remove-no-reason = Give the reason for removing the rating, in at most { $max } characters: it is kept with it.
hub-remove-not-a-link = That is not a link to a message in this server: right-click the answer, choose Copy Message Link, and paste it.
hub-remove-not-rated = That message is not an answer anyone has rated in the knowledge hub.
hub-remove-no-rating = <@{ $rater }> has no rating of that answer to remove (or it was removed already).

## Proposed articles
hub-proposal-no-title = An article needs a title.
hub-proposal-no-body = An article needs a body: write what you want members to know.
hub-proposal-too-long = An article holds at most { $max } characters; yours has { $count }.
hub-proposal-too-many = You have { $max } proposals waiting for the facilitators already: wait for their answer before proposing another.
hub-proposal-no-comment = Say why you return it: the author needs your comment to improve it.
hub-proposal-comment-too-long = A comment holds at most { $max } characters; yours has { $count }.
hub-proposal-gone = This proposal no longer exists in this server.
hub-proposal-not-facilitator = Only the facilitators review the articles members propose.
hub-proposal-no-longer-exists = This proposal no longer exists.
hub-proposal-still-waiting = “{ $title }” is still waiting: try again.
hub-proposal-being-posted = “{ $title }” was approved{ $reviewer ->
    [none] { "" }
   *[other] { " " }by <@{ $reviewer }>
} and is being posted.
hub-proposal-already-published = “{ $title }” was already approved{ $reviewer ->
    [none] { "" }
   *[other] { " " }by <@{ $reviewer }>
} and published.
hub-proposal-already-returned = “{ $title }” was already returned{ $reviewer ->
    [none] { "" }
   *[other] { " " }by <@{ $reviewer }>
} to its author.
hub-proposal-published-dm = Your article “{ $title }” is published in the knowledge hub, under your name: <#{ $post }>. Members discuss it in its post.
hub-proposal-returned-dm = <@{ $reviewer }> returned your proposed article “{ $title }” with this comment:
    > { $comment }
    Your text is below: edit it and propose it again with `/hub propose`.
hub-proposal-review-dm = <@{ $author }> proposed an article for the knowledge hub.{ $tags } Approve it to post it in the articles forum under their name, or return it with a comment.
hub-proposal-review-tags = { " " }Tags: { $tags }.
hub-proposal-none-waiting = No proposed article is waiting for a decision.
hub-propose-title = Title
hub-propose-body = The article (Markdown)
hub-propose-tags = Tags of the articles forum, commas between
hub-propose-form = Propose an article
hub-propose-tags-typed = Tags: { $tags }
hub-propose-typed-back = { $message }
    Nothing was sent. What you typed is below: copy it, then run `/hub propose` again.{ $tags }
hub-proposed = Thank you: “{ $title }” is with the facilitators. I will tell you by direct message when one of them approves it (it is then posted in the articles forum under your name) or returns it with a comment.
hub-review-no-tags = none
hub-review-by = By
hub-review-tags = Tags
hub-review-proposed = Proposed
hub-review-waiting = The oldest of { $count ->
    [one] { $n } proposed article
   *[other] { $n } proposed articles
} waiting:
hub-review-approve = Approve and publish
hub-review-return = Return with a comment
hub-return-comment = What should the author change?
hub-return-title = Return “{ $title }”
hub-approved-post = : <#{ $post }>
hub-article-by = *An article by <@{ $author }>*
hub-approved = Approved and published “{ $title }” under <@{ $author }>'s name{ $post }. They are being told.
hub-returned = Returned “{ $title }” to <@{ $author }> with your comment; they are being sent it with their text.
