//! Durable deliveries: schedules become deliveries, which are claimed, sent and acknowledged.
