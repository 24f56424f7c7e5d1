# The knowledge hub: /hub, /ask, the questions forum, answers, ratings, reputations and the
# articles members propose. `hub-…` for the hub, `ask-…` for /ask and its questions.

## Forums
hub-not-set-up = Le hub de connaissances n’est pas encore installé sur ce serveur : un animateur ou une animatrice doit d’abord lancer `/hub setup`.
hub-forum-gone = Le forum des { $kind ->
    [articles] articles
   *[questions] questions
} (<#{ $forum }>) n’existe plus : il a été supprimé après l’installation du hub. Demandez à un animateur ou une animatrice de relancer `/hub setup`, puis réessayez.
hub-no-answered-tag = le forum de <#{ $post }> n’a pas d’étiquette « { $tag } » : un animateur ou une animatrice doit relancer `/hub setup` pour l’ajouter.

## /hub setup
hub-set-up = 📚 Le hub de connaissances est installé.
hub-set-up-forum = • { $kind ->
    [articles] Articles
   *[questions] Questions
} : <#{ $forum }>, { $done ->
    [created-again] recréé : celui enregistré auparavant avait disparu
    [created] créé
    [adopted-again] adopté à la place de celui qui avait disparu
   *[adopted] adopté
} ; { $tag_count ->
    [0] aucune étiquette
   *[other] étiquettes : { $tags }
}{ $added_count ->
    [0] {""}
   *[other] {" "}(ajoutées : { $added })
}.
hub-set-up-no-articles = • Le parcours ne contient aucun article.
hub-set-up-articles = • Articles du parcours : { $published } { $published ->
    [one] publié
   *[other] publiés
}, { $updated } mis à jour, { $unchanged } { $unchanged ->
    [one] inchangé
   *[other] inchangés
}.
# Les sujets des forums que l’installation crée, dans la langue du serveur.
hub-topic-articles = Articles pour les organisateurs et organisatrices : lisez-les, discutez dans le fil de chaque publication, proposez-en un avec /hub propose.
hub-topic-questions = Posez vos questions avec /ask. Clic droit sur une réponse : Applications → Accepter la réponse ou Noter la réponse.
hub-not-a-forum = <#{ $forum }> n’est pas un forum : relancez `/hub setup`.
hub-article-no-body = « { $title } » n’a pas de contenu.

## Questions
ask-no-title = Une question a besoin d’un titre : dites en quelques mots ce que vous voulez savoir.
ask-no-details = Une question a besoin de détails : ce que vous avez essayé, et où vous bloquez.
ask-details-too-long = Les détails tiennent en { $max } caractères au plus (Discord limite le premier message d’une publication) ; les vôtres en font { $count }. Raccourcissez-les, et ajoutez le reste en réponse dans votre publication une fois ouverte.
hub-title-too-long = Un titre tient en { $max } caractères au plus (la limite de Discord pour le nom d’une publication) ; le vôtre en fait { $count }.
hub-unknown-tag = Le forum des { $forum ->
    [articles] articles
   *[questions] questions
} n’a pas d’étiquette « { $tag } ». Choisissez parmi : { $choices }.
hub-too-many-tags = Une publication prend { $max } étiquettes au plus ; vous en avez choisi { $count }.
ask-already-posted = Cette question est déjà publiée (ou en cours de publication).
ask-nothing-to-cancel = Cette question est déjà publiée : il n’y a rien à annuler.
ask-not-yours = Seule la personne qui a posé cette question peut la publier ou l’annuler.
ask-cancelled-already = Cette question a été annulée ; relancez `/ask` pour la poser.
ask-accept-not-allowed = Seule la personne qui a posé cette question, ou un animateur ou une animatrice, peut accepter une réponse.
ask-this-accepted = « { $title } » a déjà cette réponse acceptée.
ask-other-accepted = « { $title } » a déjà une autre réponse acceptée.
ask-not-an-answer = Ce n’est pas une réponse du hub de connaissances : utilisez ceci sur une réponse dans la publication d’une question du forum des questions.
ask-the-question-itself = C’est la question elle-même : utilisez ceci sur une réponse à la question.
ask-own-answer = Vous ne pouvez pas évaluer votre propre réponse.
ask-answer-too-new = Cette réponse n’a que { $seconds } secondes : laissez passer une minute, puis évaluez-la.
ask-rating-removed = Un animateur ou une animatrice a retiré votre évaluation de cette réponse : vous ne pouvez plus l’évaluer.
ask-comment-too-long = Un commentaire tient sur une ligne de { $max } caractères au plus ; le vôtre en fait { $count }.
hub-search-empty-query = Cherchez au moins un mot.
ask-asked-by = — question de <@{ $asker }>
ask-similar = Avant de publier « { $title } », voici des questions déjà résolues qui y ressemblent :
ask-similar-none-fits = Si aucune n’y répond, publiez votre question.
ask-post-button = Publier ma question
ask-cancel-button = Annuler
ask-posted = ❓ Votre question est publiée : <#{ $post }>. Les membres répondent dans la publication ; quand une réponse vous convient, faites un clic droit dessus → Applications → **Accepter la réponse**.
ask-cancelled = Annulé : votre question n’a pas été publiée.
ask-accepted = ✅ [Réponse]({ $link }) de <@{ $author }> acceptée pour « { $title } » : la publication est marquée résolue et la réponse épinglée.

## Ratings and reputation
hub-rating-value = { $value ->
    [positive] positive
    [negative] négative
   *[neutral] neutre
}
hub-rate-question = La réponse de <@{ $author }> vous a-t-elle aidé ?
hub-rate-before = { " " }Vous l’avez évaluée { $value } auparavant ; choisissez à nouveau pour changer.
hub-rate-positive = 👍 Positive
hub-rate-neutral = 😐 Neutre
hub-rate-negative = 👎 Négative
hub-rate-comment = Un commentaire d’une ligne (facultatif)
hub-rate-title = Évaluer cette réponse : { $value }
hub-rated = Merci : vous avez évalué cette réponse { $value }. Vous pouvez changer d’avis de la même façon.
hub-rating-changed = Merci : votre évaluation est désormais { $value }. Vous pouvez changer d’avis de la même façon.
hub-reputation = ⭐ <@{ $member }> dans le hub de connaissances
    Score de retours : **{ $score }** (les membres qui ont jugé ses réponses positives, moins ceux qui les ont jugées négatives)
    12 derniers mois : { $percent } ({ $positive } positives, { $neutral } neutres, { $negative } négatives)
    Réponses : { $given } données, { $accepted } acceptées
hub-reputation-percent = **{ $percent }** positives
hub-reputation-no-ratings = aucune évaluation positive ou négative
hub-reputation-line = Score de retours { $score } · { $percent } · réponses : { $given } données, { $accepted } acceptées
hub-reputation-line-percent = { $percent } positives sur 12 mois
hub-reputation-line-none = aucune évaluation pour ou contre sur 12 mois
hub-search-nothing = Rien de résolu ni de publié dans le hub ne correspond encore à « { $query } ». Posez la question avec `/ask`.
hub-search-questions = 🔎 Questions résolues correspondant à « { $query } », les meilleures d’abord :
hub-search-articles = 📚 Articles correspondant à « { $query } », les meilleurs d’abord :
hub-rating-removed = Évaluation de <@{ $rater }> sur la réponse de <@{ $answerer }> retirée ; elle ne compte plus. Motif conservé : { $reason }
hub-remove-not-facilitator = Seuls les animateurs et animatrices peuvent retirer une évaluation.
hub-remove-no-reason = Donnez le motif du retrait de l’évaluation, en { $max } caractères au plus : il est conservé avec elle.
hub-remove-not-a-link = Ce n’est pas le lien d’un message de ce serveur : faites un clic droit sur la réponse, choisissez Copier le lien du message, puis collez-le.
hub-remove-not-rated = Ce message n’est pas une réponse que quelqu’un a évaluée dans le hub de connaissances.
hub-remove-no-rating = <@{ $rater }> n’a pas d’évaluation de cette réponse à retirer (ou elle a déjà été retirée).

## Proposed articles
hub-proposal-no-title = Un article a besoin d’un titre.
hub-proposal-no-body = Un article a besoin d’un contenu : écrivez ce que vous voulez faire savoir aux membres.
hub-proposal-too-long = Un article tient en { $max } caractères au plus ; le vôtre en fait { $count }.
hub-proposal-too-many = Vous avez déjà { $max } propositions en attente auprès des animateurs et animatrices : attendez leur réponse avant d’en proposer une autre.
hub-proposal-no-comment = Dites pourquoi vous le renvoyez : l’auteur ou l’autrice a besoin de votre commentaire pour l’améliorer.
hub-proposal-comment-too-long = Un commentaire tient en { $max } caractères au plus ; le vôtre en fait { $count }.
hub-proposal-gone = Cette proposition n’existe plus sur ce serveur.
hub-proposal-not-facilitator = Seuls les animateurs et animatrices examinent les articles proposés par les membres.
hub-proposal-no-longer-exists = Cette proposition n’existe plus.
hub-proposal-still-waiting = « { $title } » est toujours en attente : réessayez.
hub-proposal-being-posted = « { $title } » a été approuvé{ $reviewer ->
    [none] { "" }
   *[other] { " " }par <@{ $reviewer }>
} et est en cours de publication.
hub-proposal-already-published = « { $title } » a déjà été approuvé{ $reviewer ->
    [none] { "" }
   *[other] { " " }par <@{ $reviewer }>
} et publié.
hub-proposal-already-returned = « { $title } » a déjà été renvoyé{ $reviewer ->
    [none] { "" }
   *[other] { " " }par <@{ $reviewer }>
} à son auteur ou autrice.
hub-proposal-published-dm = Votre article « { $title } » est publié dans le hub de connaissances, sous votre nom : <#{ $post }>. Les membres en discutent dans sa publication.
hub-proposal-returned-dm = <@{ $reviewer }> vous a renvoyé votre proposition d’article « { $title } » avec ce commentaire :
    > { $comment }
    Votre texte est ci-dessous : modifiez-le et proposez-le à nouveau avec `/hub propose`.
hub-proposal-review-dm = <@{ $author }> a proposé un article pour le hub de connaissances.{ $tags } Approuvez-le pour le publier dans le forum des articles sous son nom, ou renvoyez-le avec un commentaire.
hub-proposal-review-tags = { " " }Étiquettes : { $tags }.
hub-proposal-none-waiting = Aucun article proposé n’attend de décision.
hub-propose-title = Titre
hub-propose-body = L’article (Markdown)
hub-propose-tags = Étiquettes du forum des articles, séparées par des virgules
hub-propose-form = Proposer un article
hub-propose-tags-typed = Étiquettes : { $tags }
hub-propose-typed-back = { $message }
    Rien n’a été envoyé. Voici ce que vous avez saisi : copiez-le, puis relancez `/hub propose`.{ $tags }
hub-proposed = Merci : « { $title } » est entre les mains des animateurs et animatrices. Je vous préviendrai par message privé quand l’un d’eux l’approuvera (il sera alors publié dans le forum des articles sous votre nom) ou vous le renverra avec un commentaire.
hub-review-no-tags = aucune
hub-review-by = Par
hub-review-tags = Étiquettes
hub-review-proposed = Proposé
hub-review-waiting = { $count ->
    [one] Le seul article proposé en attente :
   *[other] Le plus ancien des { $n } articles proposés en attente :
}
hub-review-approve = Approuver et publier
hub-review-return = Renvoyer avec un commentaire
hub-return-comment = Que doit changer l’auteur ou l’autrice ?
hub-return-title = Renvoyer « { $title } »
hub-approved-post = { " " }: <#{ $post }>
hub-article-by = *Un article de <@{ $author }>*
hub-approved = « { $title } » approuvé et publié sous le nom de <@{ $author }>{ $post }. La personne en est informée.
hub-returned = « { $title } » renvoyé à <@{ $author }> avec votre commentaire ; la personne le reçoit avec son texte.
