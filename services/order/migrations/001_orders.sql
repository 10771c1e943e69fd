-- One row per order. `document` holds the public order and its saga state ({order, saga});
-- the columns beside it are what queries filter and sort on. Outgoing events go to the kit's
-- outbox and handled event ids to processed_events, in the same transaction as the row.
CREATE TABLE IF NOT EXISTS orders (
  id uuid PRIMARY KEY,
  user_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED')),
  total bigint NOT NULL,
  version integer NOT NULL,
  document jsonb NOT NULL,
  -- The saga step deadline while PENDING; NULL once final.
  deadline timestamptz,
  -- The caller's Idempotency-Key (NULL without one; NULLs never collide) and its body hash.
  idempotency_key text,
  request_hash text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT orders_idempotency_key UNIQUE (user_id, idempotency_key)
);
CREATE INDEX IF NOT EXISTS orders_by_user ON orders (user_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS orders_overdue ON orders (deadline) WHERE deadline IS NOT NULL;
