# Shop: the verbs people type. `make help` lists them.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# Node >= 22 (Node 24 LTS from the npm registry when the system one is older), then ./bin tools.
NODE_BIN := $(shell scripts/ensure-node.sh)
export PATH := $(NODE_BIN):$(CURDIR)/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export npm_config_fund := false
export npm_config_audit := false
export npm_config_update_notifier := false

SAGA_MODE ?= orchestration
export SAGA_MODE
# The replayable log analytics reads (rabbitmq or kafka); with kafka the verbs start Kafka first.
EVENT_STREAM ?= rabbitmq
export EVENT_STREAM
IF_KAFKA := $(if $(filter kafka,$(EVENT_STREAM)),kafka-up)

.PHONY: help install shopctl mailpit ferretdb build lint test bench demo demo-reset infra-up infra-down mongo-up browser clean dlq-list dlq-replay catalog-rebuild

help: ## List the verbs
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | sort -u | \
	  awk 'BEGIN {FS = ":.*## "} {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

node_modules/.install-stamp: package.json package-lock.json $(wildcard topology/package.json contracts/*/package.json services/*/package.json tools/*/package.json cdk8s/package.json cdk8s/imports/package.json mesh/package.json)
	@echo "install: npm ci (node $$(node -v))"
	@npm ci --no-fund --no-audit --loglevel=error
	@touch $@

install: node_modules/.install-stamp ## Install npm dependencies (npm ci, skipped when up to date)

build: install ## Compile every workspace (tsc --build) and bundle the storefront's web app (esbuild)
	@echo "build: tsc --build"
	@tsc --build
	@npm run --silent bundle --workspace services/storefront

lint: build ## ESLint, Prettier, and a type check of the tests (after the build: shopctl's bench reads analytics' compiled stream consumer)
	@tsc -p tsconfig.test.json
	@eslint --max-warnings=0 .
	@prettier --check --log-level=warn .

# shopctl runs the local servers (tools/shopctl/src/infra), so it is built before them.
SHOPCTL := node tools/shopctl/dist/main.js
FERRETDB_VERSION := v1.24.2

shopctl: install
	@tsc --build tools/shopctl

infra-up: shopctl ## Start local PostgreSQL and RabbitMQ (installs them through apt when root and missing)
	@$(SHOPCTL) infra up

infra-down: shopctl ## Stop the local PostgreSQL and RabbitMQ that infra-up started
	@$(SHOPCTL) infra down

# Mailpit (SMTP 1025, UI and API 8025) receives the demo's emails: the Go module at this version,
# its web UI bundled first (scripts/go-tools/mailpit.sh). Each Go tool is built into ./bin once
# by scripts/build-go-tool.sh; the stamp bin/.<tool>-<version> names the version.
MAILPIT_VERSION := v1.33.1

bin/.mailpit-$(MAILPIT_VERSION):
	@scripts/build-go-tool.sh mailpit github.com/axllent/mailpit $(MAILPIT_VERSION) . \
	  '-X github.com/axllent/mailpit/config.Version=$(MAILPIT_VERSION)'

mailpit: bin/.mailpit-$(MAILPIT_VERSION) ## Build the pinned Mailpit into ./bin (skipped when present)

# FerretDB: its version file is written into the module first (scripts/go-tools/ferretdb.sh).
bin/.ferretdb-$(FERRETDB_VERSION):
	@scripts/build-go-tool.sh ferretdb github.com/FerretDB/FerretDB $(FERRETDB_VERSION) ./cmd/ferretdb

ferretdb: bin/.ferretdb-$(FERRETDB_VERSION) ## Build the pinned FerretDB into ./bin (skipped when present)

mongo-up: shopctl ferretdb ## Start FerretDB (MongoDB wire protocol on the local PostgreSQL) for the Mongo adapter tests
	@$(SHOPCTL) infra up mongo

browser: ## Make Debian's Chromium available for the storefront's browser test
	@scripts/ensure-chromium.sh >/dev/null

test: infra-up mongo-up kafka-up browser mailpit fuzz-tools build ## Run every test (unit, integration against real PostgreSQL, RabbitMQ, FerretDB and Kafka; fuzzing; manifests)
	@echo "test: jest (node $$(node -v))"
	@MONGO_URL=$${MONGO_URL:-mongodb://127.0.0.1:27017/} jest --ci $(JEST_ARGS)

demo: infra-up $(IF_KAFKA) build mailpit ## Run the whole shop locally with seeded data, Mailpit and the RabbitMQ UI; TRACING=on adds Jaeger, EVENT_STREAM=kafka feeds analytics from Kafka (Ctrl-C stops it)
	@node tools/shopctl/dist/main.js demo

demo-reset: infra-up build ## Drop the demo's databases, queues and exchanges, and its Kafka topic when Kafka runs (the next make demo starts empty)
	@node tools/shopctl/dist/main.js demo-reset

dlq-list: build ## List dead-lettered messages: make dlq-list QUEUE=product.query
	@node tools/shopctl/dist/main.js dlq list $(QUEUE)

dlq-replay: build ## Put dead-lettered messages back on their queue: make dlq-replay QUEUE=product.query
	@node tools/shopctl/dist/main.js dlq replay $(QUEUE)

# The demo's databases are shop_<service>; a stack of its own (the tour's test) names its prefix.
DATABASE_ADMIN_URL ?= postgres://postgres@127.0.0.1:5432
DATABASE_PREFIX ?= shop_

catalog-rebuild: infra-up build ## Rebuild the catalog read model (product_view) from its event journal
	@DATABASE_URL=$(DATABASE_ADMIN_URL)/$(DATABASE_PREFIX)product node services/product/dist/rebuild.js

bench: infra-up build ## One run, one report under bench/results/: edge, checkout both saga modes and traced, idle RSS, single-process baseline, Kafka vs stream queue (BENCH_SAGA_S=30 BENCH_TRACING=on BENCH_STREAMS=on)
	@node tools/shopctl/dist/main.js bench

clean: ## Remove build output
	@rm -rf topology/dist contracts/*/dist services/*/dist tools/*/dist cdk8s/dist cdk8s/imports/dist mesh/dist \
	  observability/dist observability/out **/*.tsbuildinfo

-include mk/*.mk
