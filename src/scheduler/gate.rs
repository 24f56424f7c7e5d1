//! Tests of the send-time check a delivery can ask for ([`crate::domain::outbox::DeliveryGate`]).

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use crate::domain::outbox::*;
    use crate::domain::SystemClock;
    use crate::model::Delivery;
    use crate::model::{DeliveryState, MessageId, NewDelivery, TargetKind};
    use crate::scheduler::{
        Notifier, OutboundMessage, Pacer, Scheduler, SchedulerConfig, SendError, Sent,
    };
    use crate::store::Store;

    /// Skips what asks for `"skip"`, sends one copy to each of users 1 and 2 for `"expand"`.
    struct TestGate;

    impl DeliveryGate for TestGate {
        fn decide<'a>(
            &'a self,
            _: &'a Delivery,
            payload: &'a DeliveryPayload,
        ) -> BoxFuture<'a, anyhow::Result<Decision>> {
            let condition = payload.condition.clone().unwrap_or_default();
            Box::pin(async move {
                Ok(match condition.as_str() {
                    Some("skip") => Decision::Skip("the work is done".into()),
                    Some("expand") => Decision::Expand(
                        [1, 2]
                            .map(|user| Addressed {
                                target: Target {
                                    kind: TargetKind::Dm,
                                    id: user,
                                },
                                fallback_channel_id: None,
                                message: DeliveryPayload {
                                    content: format!("for {user}"),
                                    ..DeliveryPayload::default()
                                },
                            })
                            .into(),
                    ),
                    _ => Decision::Send,
                })
            })
        }
    }

    #[derive(Default)]
    struct Posted(Mutex<Vec<OutboundMessage>>);

    impl Notifier for Posted {
        fn send<'a>(
            &'a self,
            message: &'a OutboundMessage,
        ) -> BoxFuture<'a, Result<Sent, SendError>> {
            let mut posted = self.0.lock().unwrap();
            posted.push(message.clone());
            let message_id = MessageId(posted.len() as u64);
            Box::pin(async move { Ok(Sent { message_id }) })
        }
    }

    #[tokio::test]
    async fn the_gate_skips_expands_or_lets_through_and_the_scheduler_records_which() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("gate.db").display());
        let store = Store::connect(&url).await.unwrap();
        store.migrate().await.unwrap();
        let posted = Arc::new(Posted::default());
        let scheduler = Scheduler::with_gate(
            store.clone(),
            posted.clone(),
            Arc::new(SystemClock),
            Pacer::default(),
            SchedulerConfig::default(),
            Arc::new(TestGate),
        );
        let mut ids = Vec::new();
        for condition in ["skip", "expand", "send"] {
            let payload = DeliveryPayload {
                content: condition.into(),
                condition: Some(condition.into()),
                ..DeliveryPayload::default()
            };
            let new = NewDelivery {
                schedule_id: None,
                dedupe_key: format!("gate:{condition}"),
                cohort_id: None,
                target_kind: TargetKind::Channel,
                target_id: 7,
                fallback_channel_id: None,
                payload: payload.to_json(),
                due_at: 0,
                expires_at: None,
            };
            ids.push(store.enqueue_delivery(&new).await.unwrap().unwrap());
        }

        let report = scheduler.run_due_once().await.unwrap();

        assert_eq!((report.skipped, report.expanded, report.sent), (1, 1, 3));
        let mut contents: Vec<String> = posted
            .0
            .lock()
            .unwrap()
            .iter()
            .map(|m| m.content.clone())
            .collect();
        contents.sort();
        assert_eq!(contents, ["for 1", "for 2", "send"]);
        let skipped = store.delivery(ids[0]).await.unwrap().unwrap();
        assert_eq!(skipped.state, DeliveryState::Dead);
        assert_eq!(
            skipped.last_error.as_deref(),
            Some("skipped: the work is done")
        );
        let expanded = store.delivery(ids[1]).await.unwrap().unwrap();
        assert!(expanded.last_error.unwrap().starts_with("expanded:"));
        assert!(expanded.message_id.is_none());
    }
}
