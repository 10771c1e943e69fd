# Schemathesis (PyPI) over the served OpenAPI document, from a virtualenv of the project's own.
FUZZ_VENV := fuzz/.venv
FUZZ_MAX_EXAMPLES ?= 200

.PHONY: fuzz fuzz-tools

$(FUZZ_VENV)/.install-stamp: fuzz/requirements.txt
	@echo "fuzz: schemathesis into $(FUZZ_VENV) (pinned in fuzz/requirements.txt)"
	@python3 -m venv $(FUZZ_VENV)
	@$(FUZZ_VENV)/bin/pip install --quiet --disable-pip-version-check -r fuzz/requirements.txt
	@touch $@

fuzz-tools: $(FUZZ_VENV)/.install-stamp ## Install schemathesis into fuzz/.venv (skipped when up to date)

fuzz: infra-up build fuzz-tools ## Fuzz the API longer than make test does: make fuzz FUZZ_MAX_EXAMPLES=500 FUZZ_SEED=1
	@FUZZ_MAX_EXAMPLES=$(FUZZ_MAX_EXAMPLES) FUZZ_SEED=$${FUZZ_SEED:-$$RANDOM} jest --ci fuzz
