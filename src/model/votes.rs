//! Dot votes of a listening campaign: the cohort chooses among the themes it heard. Each
//! member holds one ballot per vote and spends a number of dots on the options, several on
//! one option if they like, until the vote closes.

use std::fmt;

use super::{CohortId, UnixMillis, UserId};

/// Discord's limit on a select menu's options, so on a vote's options.
pub const MAX_VOTE_OPTIONS: usize = 25;
/// The fewest options a vote can choose between.
pub const MIN_VOTE_OPTIONS: usize = 2;
/// The most dots a member may hold in one vote.
pub const MAX_DOTS: u32 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VoteId(pub i64);

impl fmt::Display for VoteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A vote to open: its options in the order shown, the dots each member holds, and when
/// it closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVote {
    pub cohort_id: CohortId,
    pub options: Vec<String>,
    pub dots: u32,
    pub closes_at: UnixMillis,
    pub created_by: UserId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub id: VoteId,
    pub cohort_id: CohortId,
    pub options: Vec<String>,
    pub dots: u32,
    pub closes_at: UnixMillis,
    pub created_by: UserId,
    pub created_at: UnixMillis,
}

/// One member's dots in one vote: a count per option, in the vote's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    pub vote_id: VoteId,
    pub member_id: UserId,
    pub counts: Vec<u32>,
    pub updated_at: UnixMillis,
}

/// One option's place in the results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub theme: String,
    pub dots: u32,
    /// 1 for the most dots; options with as many dots share a rank.
    pub rank: usize,
    /// Whether another option has as many dots.
    pub tied: bool,
}

impl Vote {
    pub fn is_open(&self, now: UnixMillis) -> bool {
        now < self.closes_at
    }

    /// The counts of a member who has not voted yet.
    pub fn empty_counts(&self) -> Vec<u32> {
        vec![0; self.options.len()]
    }
}

/// Dots spent in `counts`.
pub fn spent(counts: &[u32]) -> u32 {
    counts.iter().sum()
}

/// Why a dot cannot be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DotRefused {
    NotAnOption,
    AllSpent,
}

/// `counts` with one more dot on `option`, if one is left of `dots`.
pub fn add_dot(counts: &[u32], option: usize, dots: u32) -> Result<Vec<u32>, DotRefused> {
    if option >= counts.len() {
        return Err(DotRefused::NotAnOption);
    }
    if spent(counts) >= dots {
        return Err(DotRefused::AllSpent);
    }
    let mut counts = counts.to_vec();
    counts[option] += 1;
    Ok(counts)
}

/// The options by dots received, most first; equal counts share a rank and are marked as
/// ties, in the vote's order.
pub fn results(vote: &Vote, ballots: &[Ballot]) -> Vec<Standing> {
    let mut totals: Vec<(usize, u32)> = (0..vote.options.len())
        .map(|i| {
            let dots = ballots.iter().filter_map(|b| b.counts.get(i)).sum();
            (i, dots)
        })
        .collect();
    totals.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    totals
        .iter()
        .map(|&(i, dots)| Standing {
            theme: vote.options[i].clone(),
            dots,
            rank: 1 + totals.iter().filter(|(_, d)| *d > dots).count(),
            tied: totals.iter().filter(|(_, d)| *d == dots).count() > 1,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(options: &[&str]) -> Vote {
        Vote {
            id: VoteId(1),
            cohort_id: CohortId(1),
            options: options.iter().map(|o| o.to_string()).collect(),
            dots: 3,
            closes_at: 100,
            created_by: UserId(1),
            created_at: 0,
        }
    }

    fn ballot(member: u64, counts: &[u32]) -> Ballot {
        Ballot {
            vote_id: VoteId(1),
            member_id: UserId(member),
            counts: counts.to_vec(),
            updated_at: 0,
        }
    }

    #[test]
    fn dots_stack_on_one_option_until_none_is_left() {
        let counts = add_dot(&[0, 0], 1, 2).unwrap();
        let counts = add_dot(&counts, 1, 2).unwrap();
        assert_eq!(counts, [0, 2]);
        assert_eq!(add_dot(&counts, 0, 2), Err(DotRefused::AllSpent));
        assert_eq!(add_dot(&[0, 0], 2, 2), Err(DotRefused::NotAnOption));
    }

    #[test]
    fn equal_totals_share_a_rank_and_are_marked_as_ties() {
        let v = vote(&["Housing", "Bins", "Transport", "Parks"]);
        let ballots = [ballot(1, &[1, 2, 0, 0]), ballot(2, &[2, 0, 1, 0])];
        let shown: Vec<(String, u32, usize, bool)> = results(&v, &ballots)
            .into_iter()
            .map(|s| (s.theme, s.dots, s.rank, s.tied))
            .collect();
        assert_eq!(
            shown,
            [
                ("Housing".into(), 3, 1, false),
                ("Bins".into(), 2, 2, false),
                ("Transport".into(), 1, 3, false),
                ("Parks".into(), 0, 4, false),
            ]
        );
        let tied = results(&v, &[ballot(1, &[0, 2, 2, 0])]);
        assert_eq!((tied[0].rank, tied[0].tied), (1, true));
        assert_eq!((tied[1].rank, tied[1].tied), (1, true));
        assert_eq!(tied[1].theme, "Transport");
        assert_eq!((tied[2].rank, tied[3].rank), (3, 3));
        assert!(tied[2].tied && tied[3].tied);
        assert!(vote(&[]).is_open(99) && !vote(&[]).is_open(100));
    }
}
