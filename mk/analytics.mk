# Analytics: the order stream (a RabbitMQ stream queue) and its replay. See docs/analytics.md.

.PHONY: analytics-replay

analytics-replay: infra-up build ## Wipe the analytics store and rebuild it from the first offset of the order stream
	@DATABASE_URL=$(DATABASE_ADMIN_URL)/$(DATABASE_PREFIX)analytics node services/analytics/dist/replay.js
