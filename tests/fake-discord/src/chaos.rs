//! Faults on a share of the bot's requests, as a busy Discord gives them now and then: a 500
//! with nothing done, a request carried out whose answer is lost (a 502 from behind Discord,
//! so the bot cannot tell it worked), a 429 on the request's bucket with a `retry_after` the
//! bot could not have foreseen, and answers that come late. Interaction callbacks are left
//! alone (tests fail those one at a time with `fail_next`). The draws come from a seeded
//! generator, so a run can be repeated.

use std::time::Duration;

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

/// The shares (0.0 to 1.0) of requests that meet each fault.
#[derive(Clone, Debug)]
pub struct Chaos {
    /// Refused with a 500, not carried out.
    pub server_errors: f64,
    /// Carried out, then answered 502.
    pub lost_answers: f64,
    /// Refused 429 on their bucket, `retry_after` drawn up to `longest_retry_after`.
    pub rate_limited: f64,
    pub longest_retry_after: Duration,
    /// Answered only after `slow_by` (whatever else befalls them).
    pub slow: f64,
    pub slow_by: Duration,
    pub seed: u64,
}

/// What befalls one request.
pub(crate) struct Draw {
    pub fault: Option<Fault>,
    pub delay: Option<Duration>,
}

pub(crate) enum Fault {
    ServerError,
    LostAnswer,
    RateLimited(Duration),
}

/// The faults under way, with their generator.
#[derive(Debug)]
pub(crate) struct Dice {
    chaos: Chaos,
    rng: SmallRng,
}

impl Dice {
    pub fn new(chaos: Chaos) -> Self {
        let rng = SmallRng::seed_from_u64(chaos.seed);
        Self { chaos, rng }
    }

    pub fn draw(&mut self) -> Draw {
        let chaos = &self.chaos;
        let roll: f64 = self.rng.random();
        let fault = if roll < chaos.server_errors {
            Some(Fault::ServerError)
        } else if roll < chaos.server_errors + chaos.lost_answers {
            Some(Fault::LostAnswer)
        } else if roll < chaos.server_errors + chaos.lost_answers + chaos.rate_limited {
            let longest = chaos.longest_retry_after.as_millis().max(1) as u64;
            let wait = self.rng.random_range(1..=longest);
            Some(Fault::RateLimited(Duration::from_millis(wait)))
        } else {
            None
        };
        let delay = (self.rng.random::<f64>() < self.chaos.slow).then_some(self.chaos.slow_by);
        Draw { fault, delay }
    }
}
