//! The close of a dot vote: the ballots as they stand when it is due, counted into results
//! with ties shown as ties, and a bar chart of them.

use crate::domain::outbox::{Chart, ChartBar, DeliveryPayload, Extra};
use crate::domain::DomainResult;
use crate::i18n::{tr, tr_args, Lang};
use crate::model::votes::{self, Standing, VoteId};
use crate::store::Store;

/// Bars drawn in the results chart: more would not be legible.
const OPTIONS_CHARTED: usize = 12;

/// A closed vote's results, counted once and written in whichever language reads them.
pub(super) struct VoteResults {
    standings: Vec<Standing>,
    voters: usize,
    spent: u32,
}

/// The results of `vote`; `None` when the vote is gone.
pub(super) async fn vote_results(store: &Store, id: VoteId) -> DomainResult<Option<VoteResults>> {
    let Some(vote) = store.vote(id).await? else {
        return Ok(None);
    };
    let ballots = store.ballots(id).await?;
    Ok(Some(VoteResults {
        standings: votes::results(&vote, &ballots),
        voters: ballots
            .iter()
            .filter(|b| votes::spent(&b.counts) > 0)
            .count(),
        spent: ballots.iter().map(|b| votes::spent(&b.counts)).sum(),
    }))
}

impl VoteResults {
    /// The results message in `lang`, with its chart when any dot was spent.
    pub(super) fn message(&self, lang: Lang) -> DeliveryPayload {
        let lines: Vec<String> = self.standings.iter().map(|s| line(s, lang)).collect();
        let content = tr_args(
            lang,
            "vote-results",
            &[
                ("voters", self.voters.into()),
                ("spent", self.spent.into()),
                ("lines", lines.join("\n").into()),
            ],
        );
        DeliveryPayload {
            content,
            extra: (self.spent > 0).then(|| self.chart(lang)),
            ..DeliveryPayload::default()
        }
    }

    fn chart(&self, lang: Lang) -> Extra {
        let most = self.standings.first().map_or(0, |s| s.dots);
        Extra::Chart(Chart {
            title: tr(lang, "vote-results-chart-title"),
            caption: tr(lang, "vote-results-chart-caption"),
            bars: self
                .standings
                .iter()
                .take(OPTIONS_CHARTED)
                .map(|s| ChartBar {
                    label: format!("{} {}", place(s), s.theme),
                    value: s.dots,
                    out_of: most,
                    figures: dots(s.dots, lang),
                })
                .collect(),
        })
    }
}

/// `1.`, or `=2.` for a place shared with another option.
fn place(standing: &Standing) -> String {
    let tie = if standing.tied { "=" } else { "" };
    format!("{tie}{}.", standing.rank)
}

fn line(standing: &Standing, lang: Lang) -> String {
    let tie = if standing.tied {
        format!(" {}", tr(lang, "vote-tie"))
    } else {
        String::new()
    };
    format!(
        "{} **{}** — {}{tie}",
        place(standing),
        standing.theme,
        dots(standing.dots, lang)
    )
}

fn dots(count: u32, lang: Lang) -> String {
    tr_args(lang, "vote-dots", &[("count", count.into())])
}
