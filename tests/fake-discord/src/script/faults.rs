//! Faults a test asks for on one route: a server error, a lost answer, a late answer; and
//! waiting for the acknowledgement a slow bot gives a user.

use std::time::Duration;

use super::reply::CallbackType;
use super::user::FakeUser;
use crate::server::FakeDiscord;
use crate::state::Late;

impl FakeDiscord {
    /// The next request to `method` `template` (as Discord's docs name the route, e.g.
    /// `POST /interactions/{interaction_id}/{interaction_token}/callback`) fails with `status`
    /// (a 5xx), unprocessed, as Discord does now and then.
    pub fn fail_next(&self, method: &'static str, template: &'static str, status: u16) {
        self.shared.lock().faults.push(crate::state::Fault {
            method,
            template,
            status,
            carried_out: false,
        });
    }

    /// The next request to `method` `template` is carried out, but its answer is lost: the bot
    /// gets `status` (a 5xx, as from a gateway timing out behind Discord) and cannot tell that
    /// the message, say, was created.
    pub fn lose_next_answer(&self, method: &'static str, template: &'static str, status: u16) {
        self.shared.lock().faults.push(crate::state::Fault {
            method,
            template,
            status,
            carried_out: true,
        });
    }

    /// The next request to `method` `template` is carried out at once but answered only
    /// after `by`, as over a slow network: the bot cannot tell yet that it arrived.
    pub fn answer_next_late(&self, method: &'static str, template: &'static str, by: Duration) {
        self.shared.lock().late.push(Late {
            method,
            template,
            by,
        });
    }
}

impl FakeUser {
    /// Waits, at most the reply timeout, until the bot has acknowledged an interaction of the
    /// user's with a deferred reply; `false` if it never did.
    pub async fn wait_for_deferred_reply(&self) -> bool {
        let user = self.id;
        self.shared
            .wait_until(|s| {
                s.interactions.values().any(|i| {
                    i.user_id == user
                        && i.callback.map(CallbackType::from) == Some(CallbackType::DeferredMessage)
                })
            })
            .await
    }
}
