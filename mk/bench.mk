# make bench's extra parts and make bench-streams (tools/shopctl/src/bench). See docs/benchmarks.md.
.PHONY: bench-streams

# The traced checkout needs Jaeger (BENCH_TRACING=off skips it); the event logs need Kafka.
bench: $(if $(filter off,$(BENCH_TRACING)),,jaeger) $(if $(filter off,$(BENCH_STREAMS)),,kafka-up)

bench-streams: infra-up kafka-up build ## Order events/s into and out of the Kafka topic and the RabbitMQ stream queue, one run, one report (BENCH_STREAM_EVENTS=20000 BENCH_STREAM_BATCH=200)
	@node tools/shopctl/dist/main.js bench-streams
