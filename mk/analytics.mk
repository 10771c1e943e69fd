# Analytics: the order log (a RabbitMQ stream queue or, with EVENT_STREAM=kafka, a Kafka topic) and its replay. See docs/analytics.md.

.PHONY: analytics-replay

analytics-replay: infra-up $(IF_KAFKA) build ## Wipe the analytics store and rebuild it from the first offset of the order log (EVENT_STREAM)
	@DATABASE_URL=$(DATABASE_ADMIN_URL)/$(DATABASE_PREFIX)analytics node services/analytics/dist/replay.js
