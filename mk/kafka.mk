# Kafka: a single-node KRaft broker for the event stream (issue 14). tools/shopctl/src/kafka.

.PHONY: kafka-up kafka-down

kafka-up: shopctl ## Start a local Kafka 4.1.1 on 127.0.0.1:9092 (jars from Maven Central once; needs Java 17 and Maven)
	@$(SHOPCTL) kafka up

kafka-down: shopctl ## Stop the local Kafka that kafka-up started
	@$(SHOPCTL) kafka down
