-- Stock per product. `version` increases by one with every change, so readers of
-- inventory.stock_changed keep the newest level whatever the delivery order.
CREATE TABLE stock (
  product_id text PRIMARY KEY,
  available integer NOT NULL CHECK (available >= 0),
  reserved integer NOT NULL CHECK (reserved >= 0),
  -- Every unit ever made available (initial stock plus restocks): sold = received - available - reserved.
  received bigint NOT NULL CHECK (received >= available + reserved),
  version integer NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One reservation per order (the idempotency key of reserve, release and commit).
-- A RELEASED row without lines is a tombstone: the release came before the reserve.
CREATE TABLE reservations (
  order_id text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('RESERVED', 'COMMITTED', 'RELEASED', 'REJECTED')),
  lines jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
