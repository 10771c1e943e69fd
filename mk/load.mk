# Locust (PyPI) from a virtualenv of the project's own: weighted shopper journeys (load/locustfile.py)
# against a running shop, headless, with its HTML report under load/reports/ (ignored by git).
LOAD_VENV := load/.venv
USERS ?= 10
SPAWN_RATE ?= 1
DURATION ?= 60s
HOST ?= http://127.0.0.1:8080

.PHONY: load load-tools

$(LOAD_VENV)/.install-stamp: load/requirements.txt
	@echo "load: locust into $(LOAD_VENV) (pinned in load/requirements.txt)"
	@python3 -m venv $(LOAD_VENV)
	@$(LOAD_VENV)/bin/pip install --quiet --disable-pip-version-check -r load/requirements.txt
	@touch $@

load-tools: $(LOAD_VENV)/.install-stamp ## Install Locust into load/.venv (skipped when up to date)

load: load-tools ## Shoppers against a running shop (make demo, or HOST=<cluster URL>): make load USERS=10 SPAWN_RATE=1 DURATION=60s HOST=http://127.0.0.1:8080
	@mkdir -p load/reports
	@report=load/reports/locust-$$(date +%Y%m%d-%H%M%S).html; \
	  $(LOAD_VENV)/bin/locust -f load/locustfile.py --headless --host $(HOST) \
	    --users $(USERS) --spawn-rate $(SPAWN_RATE) --run-time $(DURATION) \
	    --html $$report --exit-code-on-error 1 || status=$$?; \
	  echo "load: report $$report"; exit $${status:-0}
