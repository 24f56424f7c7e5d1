//! The close of a dot vote: the ballots as they stand when it is due, counted into results
//! with ties shown as ties, and a bar chart of them.

use crate::domain::outbox::{Chart, ChartBar, DeliveryPayload, Extra};
use crate::domain::DomainResult;
use crate::model::votes::{self, Standing, VoteId};
use crate::store::Store;

/// Bars drawn in the results chart: more would not be legible.
const OPTIONS_CHARTED: usize = 12;

/// The results message of `vote`; `None` when the vote is gone.
pub(super) async fn vote_results(
    store: &Store,
    id: VoteId,
) -> DomainResult<Option<DeliveryPayload>> {
    let Some(vote) = store.vote(id).await? else {
        return Ok(None);
    };
    let ballots = store.ballots(id).await?;
    let standings = votes::results(&vote, &ballots);
    let spent: u32 = ballots.iter().map(|b| votes::spent(&b.counts)).sum();
    let voters = ballots
        .iter()
        .filter(|b| votes::spent(&b.counts) > 0)
        .count();
    let lines: Vec<String> = standings.iter().map(line).collect();
    let content = format!(
        "**The dot vote has closed.** {voters} members spent {spent} dots.\n{}",
        lines.join("\n")
    );
    let chart = (spent > 0).then(|| {
        let most = standings.first().map_or(0, |s| s.dots);
        Extra::Chart(Chart {
            title: "Dot vote results".into(),
            caption: "Dots received".into(),
            bars: standings
                .iter()
                .take(OPTIONS_CHARTED)
                .map(|s| ChartBar {
                    label: format!("{} {}", place(s), s.theme),
                    value: s.dots,
                    out_of: most,
                    figures: dots(s.dots),
                })
                .collect(),
        })
    });
    Ok(Some(DeliveryPayload {
        content,
        extra: chart,
        ..DeliveryPayload::default()
    }))
}

/// `1.`, or `=2.` for a place shared with another option.
fn place(standing: &Standing) -> String {
    let tie = if standing.tied { "=" } else { "" };
    format!("{tie}{}.", standing.rank)
}

fn line(standing: &Standing) -> String {
    let tie = if standing.tied { " (tie)" } else { "" };
    format!(
        "{} **{}** — {}{tie}",
        place(standing),
        standing.theme,
        dots(standing.dots)
    )
}

fn dots(count: u32) -> String {
    match count {
        1 => "1 dot".into(),
        n => format!("{n} dots"),
    }
}
