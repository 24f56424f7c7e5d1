//! One token bucket for every outbound request, which also stops everyone after a 429.

use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use governor::clock::{Clock, Reference};
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};

/// Discord's limit for a bot: 50 requests per second (interaction responses excluded).
pub const DISCORD_REQUESTS_PER_SECOND: NonZeroU32 = match NonZeroU32::new(50) {
    Some(n) => n,
    None => unreachable!(),
};

/// The bot's pace for what the scheduler sends. Discord counts every request of the bot's
/// token, whichever process or task makes it, so the scheduler leaves a tenth of the limit to
/// the requests made outside it: a role given, an event or thread opened by a command, another
/// instance starting up. Interaction responses and follow-ups are not counted against the
/// global limit, so answering members takes none of it. Pacing at 49 a second left no room
/// for those, nor for serenity's own resends bunching with paced sends: `benches/chaos.rs`
/// drew 6 to 25 global 429s a run, each stopping every sender for a second; at 45, none.
pub const SCHEDULER_REQUESTS_PER_SECOND: NonZeroU32 = match NonZeroU32::new(45) {
    Some(n) => n,
    None => unreachable!(),
};

/// How much longer than `1 / per_second` the pacer waits between two requests: 2 %, so
/// 50 requests take 1.02 s instead of 1 s and network jitter of up to 20 ms per second
/// cannot push the 51st into Discord's one-second window.
pub const PACING_HEADROOM: f64 = 0.02;

/// Paces outbound requests so that no window of one second holds more than `per_second` of
/// them (Discord counts in such windows: a burst of `per_second` followed by a steady
/// `per_second` a second would put nearly twice as many into the first second), and none at
/// all while a rate limit reported by Discord lasts. Requests are evenly spaced with
/// [`PACING_HEADROOM`], so that requests that leave on time but arrive a little early are
/// not refused; the burst is what 20 ms of the rate allow (one request at Discord's 50/s),
/// so high test rates are not held to one request per timer tick. Clones share one bucket,
/// so the scheduler and the Discord notifier draw from the same budget.
#[derive(Clone)]
pub struct Pacer {
    bucket: Arc<Bucket<TokioClock>>,
}

impl Pacer {
    pub fn per_second(per_second: NonZeroU32) -> Pacer {
        Pacer {
            bucket: Arc::new(Bucket::new(per_second, TokioClock::new())),
        }
    }

    /// Waits for a token (and for any rate-limit pause to end), then takes it.
    pub async fn until_ready(&self) {
        while let Err(wait) = self.bucket.try_acquire() {
            tokio::time::sleep(wait).await;
        }
    }

    /// Holds back every sender for `retry_after` from now (a longer pause already in force
    /// stays): after a global 429, nobody sends until Discord's `retry_after` has passed.
    pub fn pause_for(&self, retry_after: Duration) {
        self.bucket.pause_for(retry_after);
    }

    /// Counts a request made outside the pacer `delay` from now: serenity resends a request
    /// refused with a 429, and sends one its route's bucket held back, on its own after the
    /// wait. When its time comes it takes the next token ahead of every sender, so the
    /// process's requests in any second stay under the limit.
    pub fn owe_after(&self, delay: Duration) {
        self.bucket.owe_after(delay);
    }
}

impl Default for Pacer {
    fn default() -> Pacer {
        Pacer::per_second(DISCORD_REQUESTS_PER_SECOND)
    }
}

/// A burst of `b` (20 ms worth of the rate, at least one) and one more request every
/// `(1 + headroom) / (per_second - b + 1)` seconds: any one second then holds at most
/// `b - 1 + (per_second - b + 1) / (1 + headroom)`, under `per_second`.
fn quota(per_second: NonZeroU32) -> Quota {
    let burst = NonZeroU32::new(per_second.get() / 50).unwrap_or(NonZeroU32::MIN);
    let steady = f64::from(per_second.get() - burst.get() + 1);
    let spacing = Duration::from_secs_f64((1.0 + PACING_HEADROOM) / steady);
    Quota::with_period(spacing)
        .map_or_else(|| Quota::per_second(per_second), |q| q.allow_burst(burst))
}

/// The bucket on any clock, so its arithmetic can be tested on a virtual one.
struct Bucket<C: Clock<Instant = Nanos>> {
    limiter: RateLimiter<NotKeyed, InMemoryState, C, NoOpMiddleware<Nanos>>,
    clock: C,
    paused_until: Mutex<Nanos>,
    /// When the requests made outside the pacer go out, each still to take its token.
    owed: Mutex<Vec<Nanos>>,
}

impl<C: Clock<Instant = Nanos> + Clone> Bucket<C> {
    fn new(per_second: NonZeroU32, clock: C) -> Self {
        Bucket {
            limiter: RateLimiter::direct_with_clock(quota(per_second), clock.clone()),
            paused_until: Mutex::new(clock.now()),
            owed: Mutex::new(Vec::new()),
            clock,
        }
    }

    /// Takes a token, or says how long to wait before asking again.
    fn try_acquire(&self) -> Result<(), Duration> {
        let now = self.clock.now();
        let paused_until = *self.paused_until.lock().unwrap_or_else(|e| e.into_inner());
        if paused_until > now {
            return Err(paused_until.duration_since(now).into());
        }
        self.settle_owed(now)?;
        self.limiter
            .check()
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }

    fn pause_for(&self, retry_after: Duration) {
        let until = self.clock.now() + Nanos::from(retry_after);
        let mut paused_until = self.paused_until.lock().unwrap_or_else(|e| e.into_inner());
        *paused_until = (*paused_until).max(until);
    }

    fn owe_after(&self, delay: Duration) {
        let due = self.clock.now() + Nanos::from(delay);
        self.owed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(due);
    }

    /// Takes the tokens of the requests made outside the pacer that have gone out, or says
    /// how long to wait for the next one. A request that went out more than a second ago no
    /// longer counts in Discord's window, so its token is forgiven.
    fn settle_owed(&self, now: Nanos) -> Result<(), Duration> {
        let mut owed = self.owed.lock().unwrap_or_else(|e| e.into_inner());
        let window = Nanos::from(Duration::from_secs(1));
        owed.retain(|due| *due + window > now);
        while let Some(gone_out) = owed.iter().position(|due| *due <= now) {
            self.limiter
                .check()
                .map_err(|not_until| not_until.wait_time_from(self.clock.now()))?;
            owed.swap_remove(gone_out);
        }
        Ok(())
    }
}

/// Tokio's clock, which tests can pause and move, in governor's terms.
#[derive(Clone, Copy)]
struct TokioClock {
    origin: tokio::time::Instant,
}

impl TokioClock {
    fn new() -> Self {
        TokioClock {
            origin: tokio::time::Instant::now(),
        }
    }
}

impl Clock for TokioClock {
    type Instant = Nanos;

    fn now(&self) -> Nanos {
        Nanos::from(self.origin.elapsed())
    }
}

#[cfg(test)]
mod tests {
    use governor::clock::FakeRelativeClock;

    use super::*;

    fn limit(n: u32) -> NonZeroU32 {
        NonZeroU32::new(n).unwrap()
    }

    /// Acquires `n` tokens, moving the virtual clock forward whenever the bucket says to wait;
    /// returns how far it moved.
    fn acquire(bucket: &Bucket<FakeRelativeClock>, clock: &FakeRelativeClock, n: u32) -> Duration {
        let start = clock.now();
        for _ in 0..n {
            while let Err(wait) = bucket.try_acquire() {
                assert!(wait > Duration::ZERO, "a refusal always names a wait");
                clock.advance(wait);
            }
        }
        clock.now().duration_since(start).into()
    }

    #[test]
    fn n_sends_at_limit_l_are_spaced_a_little_over_one_lth_of_a_second_apart() {
        for (n, l) in [(200_u32, 50_u32), (50, 50), (1000, 50), (35, 10)] {
            let clock = FakeRelativeClock::default();
            let bucket = Bucket::new(limit(l), clock.clone());
            let took = acquire(&bucket, &clock, n).as_secs_f64();
            let expected = f64::from(n - 1) * (1.0 + PACING_HEADROOM) / f64::from(l);
            assert!(
                (took - expected).abs() < 1e-6,
                "{n} at {l}/s took {took} s, not {expected} s"
            );
        }
    }

    #[test]
    fn no_second_holds_more_than_the_limit() {
        for l in [10, 50, 5000] {
            let clock = FakeRelativeClock::default();
            let bucket = Bucket::new(limit(l), clock.clone());
            let mut sent_at = Vec::new();
            for _ in 0..4 * l {
                acquire(&bucket, &clock, 1);
                sent_at.push(Duration::from(clock.now()));
            }
            assert_no_second_holds_more_than(l, &sent_at);
            let took = sent_at[sent_at.len() - 1].as_secs_f64();
            assert!(took < 4.0 * 1.05, "{} at {l}/s took {took} s", 4 * l);
        }
    }

    #[test]
    fn a_rate_limit_pauses_everyone_until_retry_after() {
        let clock = FakeRelativeClock::default();
        let bucket = Bucket::new(limit(50), clock.clone());
        bucket.pause_for(Duration::from_secs(2));
        bucket.pause_for(Duration::from_millis(500));
        assert_eq!(bucket.try_acquire(), Err(Duration::from_secs(2)));
        clock.advance(Duration::from_millis(1999));
        assert_eq!(bucket.try_acquire(), Err(Duration::from_millis(1)));
        clock.advance(Duration::from_millis(1));
        assert_eq!(acquire(&bucket, &clock, 1), Duration::ZERO);
    }

    /// The pacer on tokio's clock: each wait below is a lower bound, which a slow machine
    /// only lengthens.
    #[tokio::test]
    async fn the_pacer_spaces_senders_waits_out_a_pause_and_yields_to_a_resend() {
        let spacing = Duration::from_secs_f64((1.0 + PACING_HEADROOM) / 50.0);
        let pacer = Pacer::per_second(limit(50));
        let start = tokio::time::Instant::now();
        pacer.until_ready().await;
        pacer.until_ready().await;
        assert!(
            start.elapsed() >= spacing,
            "the second sender waits its turn"
        );

        let pacer = Pacer::per_second(limit(50));
        let start = tokio::time::Instant::now();
        pacer.pause_for(Duration::from_millis(60));
        pacer.until_ready().await;
        assert!(
            start.elapsed() >= Duration::from_millis(60),
            "nobody sends while paused"
        );

        let pacer = Pacer::per_second(limit(50));
        let start = tokio::time::Instant::now();
        pacer.owe_after(Duration::ZERO);
        pacer.until_ready().await;
        assert!(start.elapsed() >= spacing, "the resend went first");
    }

    #[test]
    fn a_request_resent_outside_the_pacer_takes_the_next_token_when_it_goes_out() {
        let clock = FakeRelativeClock::default();
        let bucket = Bucket::new(limit(50), clock.clone());
        let spacing = Duration::from_secs_f64((1.0 + PACING_HEADROOM) / 50.0);
        bucket.owe_after(Duration::from_millis(300));
        clock.advance(Duration::from_millis(299));
        assert_eq!(
            acquire(&bucket, &clock, 1),
            Duration::ZERO,
            "not gone out yet"
        );
        // The resend has gone out by the time the bucket holds a token again.
        clock.advance(spacing);
        assert_eq!(
            acquire(&bucket, &clock, 1),
            spacing,
            "the resend took the token"
        );
        assert_eq!(acquire(&bucket, &clock, 1), spacing, "owed once only");
    }

    #[test]
    fn a_resend_more_than_a_second_old_is_forgiven() {
        let clock = FakeRelativeClock::default();
        let bucket = Bucket::new(limit(50), clock.clone());
        bucket.owe_after(Duration::ZERO);
        clock.advance(Duration::from_secs(1));
        assert_eq!(acquire(&bucket, &clock, 1), Duration::ZERO);
    }

    #[test]
    fn no_second_holds_more_than_the_limit_with_resends_among_the_requests() {
        let l = 50;
        let clock = FakeRelativeClock::default();
        let bucket = Bucket::new(limit(l), clock.clone());
        let mut sent_at = Vec::new();
        for n in 0..4 * l {
            acquire(&bucket, &clock, 1);
            let now = Duration::from(clock.now());
            sent_at.push(now);
            // One request in ten is refused with a 429 and resent, unpaced, a while later.
            if n % 10 == 0 {
                let retry_after = Duration::from_millis(u64::from(7 + n % 13 * 50));
                bucket.owe_after(retry_after);
                sent_at.push(now + retry_after);
            }
        }
        sent_at.sort();
        assert_no_second_holds_more_than(l, &sent_at);
    }

    /// Checks every window of one second over `sent_at` (in order) against `limit`.
    fn assert_no_second_holds_more_than(limit: u32, sent_at: &[Duration]) {
        let mut first = 0;
        for (last, at) in sent_at.iter().enumerate() {
            while *at - sent_at[first] >= Duration::from_secs(1) {
                first += 1;
            }
            let in_window = last - first + 1;
            assert!(
                in_window <= limit as usize,
                "{in_window} requests within a second at {limit}/s"
            );
        }
    }
}
