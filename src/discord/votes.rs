//! The buttons and select of a dot vote: opening one's ballot, placing a dot, taking the
//! dots back. The `custom_id` names the vote; the domain checks the clicker may vote.

use super::answer::Answer;
use super::custom_id::Action;
use super::render::votes as view;
use super::{Data, Error};
use crate::domain::access::Caller;
use crate::domain::votes;
use crate::domain::DomainError;
use crate::i18n::{Lang, Message};

/// A click or pick on a dot vote; `picks` are the select's values.
pub async fn on_click(
    data: &Data,
    caller: Caller,
    action: Action,
    picks: &[String],
    lang: Lang,
) -> Result<Answer, Error> {
    let store = &data.store;
    let now = data.clock.now_ms();
    match action {
        Action::VoteOpen { vote } => {
            let ballot = votes::ballot(store, caller, vote, now).await?;
            Ok(Answer::Ephemeral(view::ballot(&ballot, lang)))
        }
        Action::VoteDot { vote } => {
            // Anything but one offered option is refused by the domain, once it has
            // checked that the clicker may vote at all.
            let option = match picks {
                [pick] => pick.parse::<usize>().unwrap_or(usize::MAX),
                _ => usize::MAX,
            };
            let ballot = votes::add_dot(store, caller, vote, option, now).await?;
            Ok(Answer::Update(view::ballot(&ballot, lang)))
        }
        Action::VoteClear { vote } => {
            let ballot = votes::clear(store, caller, vote, now).await?;
            Ok(Answer::Update(view::ballot(&ballot, lang)))
        }
        _ => Err(DomainError::Refused(Message::new("button-not-recognised").into()).into()),
    }
}
