# The order placement saga: benchmark and invariant check (tools/shopctl).
.PHONY: bench-saga check-invariants chaos

bench-saga: infra-up build ## Saga benchmark: N customers order through the gateway (SAGA_MODE=, BENCH_CUSTOMERS=32, BENCH_DURATION_S=30)
	@node tools/shopctl/dist/main.js bench-saga

check-invariants: build ## Check the saga invariants over the demo's stores (DATABASE_PREFIX=shop_)
	@node tools/shopctl/dist/main.js check-invariants --database-prefix $(or $(DATABASE_PREFIX),shop_)

# Chaos under load: kill -9 a random service every CHAOS_KILL_EVERY_S, RabbitMQ and PostgreSQL cut
# once each through TCP proxies (never the shared servers); make test runs a short one.
CHAOS_DURATION_S ?= 60
CHAOS_KILL_EVERY_S ?= 4

chaos: infra-up build ## Checkout load under kill -9 and broker/database outages; every accepted order final, invariants, no DLQ (CHAOS_DURATION_S=60)
	@node tools/shopctl/dist/main.js chaos --duration $(CHAOS_DURATION_S) --kill-every $(CHAOS_KILL_EVERY_S)
