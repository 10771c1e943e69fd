# The order placement saga: benchmark and invariant check (tools/shopctl).
.PHONY: bench-saga check-invariants

bench-saga: infra-up build ## Saga benchmark: N customers order through the gateway (SAGA_MODE=, BENCH_CUSTOMERS=32, BENCH_DURATION_S=30)
	@node tools/shopctl/dist/main.js bench-saga

check-invariants: build ## Check the saga invariants over the demo's stores (DATABASE_PREFIX=shop_)
	@node tools/shopctl/dist/main.js check-invariants --database-prefix $(or $(DATABASE_PREFIX),shop_)
