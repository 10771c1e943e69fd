"""Shoppers for `make load`: weighted journeys through the gateway, as Online Boutique's
locustfile does for its shop. Each simulated user signs up on start, then browses, searches,
opens product pages, looks at its account home, logs in again now and then, and checks out
(POST /api/orders, then its live stream GET /api/orders/:id/events until the final state).

Names group URLs with ids (`/api/products/[id]`) so the report has one row per route. The
checkout's "order final" row is the time from the POST to the final event, per outcome.
"""

import json
import random
import time
import uuid

from locust import HttpUser, between, events, task

WORDS = ["kettle", "lamp", "mug", "tea", "desk", "chair", "coffee", "wool", "oak", "steel"]
PASSWORD = "locust-shopper-password"
CARDS = ["tok_visa"] * 9 + ["tok_chargeDeclined"]
STREAM_TIMEOUT_S = 30


class Shopper(HttpUser):
    wait_time = between(1, 5)
    product_ids: list = []

    def on_start(self):
        self.email = f"locust-{uuid.uuid4()}@load.test"
        self.token = None
        if not Shopper.product_ids:
            page = self.client.get("/api/products?pageSize=100", name="/api/products?pageSize=100")
            if page.ok:
                Shopper.product_ids = [p["id"] for p in page.json()["items"]]
        self.sign_up()

    def sign_up(self):
        body = {"name": "Locust Shopper", "email": self.email, "password": PASSWORD}
        with self.client.post("/api/auth/signup", json=body, catch_response=True) as res:
            if res.status_code == 201:
                self.token = res.json()["token"]
            elif res.status_code == 409:  # an earlier try went through after all
                res.success()
                self.log_in()
            else:
                res.failure(f"signup: {res.status_code}")

    def signed_in(self):
        """Whether the user has a token; a signup that failed is tried again here."""
        if not self.token:
            self.sign_up()
        return self.token is not None

    def auth(self):
        return {"authorization": f"Bearer {self.token}"}

    @task(1)
    def index(self):
        self.client.get("/", name="/ (storefront)")

    @task(10)
    def browse(self):
        page = random.randint(1, 2)
        self.client.get(f"/api/products?page={page}&pageSize=12", name="/api/products?page=[n]")

    @task(5)
    def search(self):
        self.client.get(f"/api/products?q={random.choice(WORDS)}", name="/api/products?q=[word]")

    @task(10)
    def product_page(self):
        if Shopper.product_ids:
            product = random.choice(Shopper.product_ids)
            self.client.get(f"/api/products/{product}", name="/api/products/[id]")

    @task(3)
    def dashboard(self):
        if self.signed_in():
            self.client.get("/api/dashboard", headers=self.auth())

    @task(2)
    def my_orders(self):
        if self.signed_in():
            self.client.get("/api/orders?page=1&pageSize=10", headers=self.auth(), name="/api/orders")

    @task(1)
    def log_in(self):
        if not self.token:
            return self.sign_up()
        body = {"email": self.email, "password": PASSWORD}
        res = self.client.post("/api/auth/login", json=body)
        if res.ok:
            self.token = res.json()["token"]

    @task(2)
    def checkout(self):
        if not (Shopper.product_ids and self.signed_in()):
            return
        items = [
            {"productId": product, "quantity": random.randint(1, 2)}
            for product in random.sample(Shopper.product_ids, k=min(2, len(Shopper.product_ids)))
        ]
        body = {"items": items, "payment": {"token": random.choice(CARDS)}}
        headers = {**self.auth(), "idempotency-key": str(uuid.uuid4())}
        sent = time.perf_counter()
        res = self.client.post("/api/orders", json=body, headers=headers)
        if res.status_code == 202:
            self.follow(res.json()["id"], sent)

    def follow(self, order_id, sent):
        """Reads the order's event stream to its end; reports POST -> final as its own row."""
        last, error = None, None
        try:
            res = self.client.get(
                f"/api/orders/{order_id}/events",
                headers={**self.auth(), "accept": "text/event-stream"},
                name="/api/orders/[id]/events",
                stream=True,
                timeout=STREAM_TIMEOUT_S,
            )
            try:
                res.raise_for_status()
                for line in res.iter_lines(decode_unicode=True):
                    if line and line.startswith("data:"):
                        last = json.loads(line[5:])
            finally:
                res.close()
        except Exception as err:  # a cut stream is a failed checkout, reported as such
            error = err
        status = last["status"] if last else "none"
        if error is None and status == "PENDING":
            error = RuntimeError("the stream ended before the final state")
        events.request.fire(
            request_type="ORDER",
            name=f"order final ({status})",
            response_time=(time.perf_counter() - sent) * 1000,
            response_length=0,
            exception=error,
            context={},
        )
