-- Where the consumer stands in the order stream. `last_offset` is written in the same
-- transaction as the aggregates each message changes, so a restart resumes at last_offset + 1
-- and counts nothing twice. A replay bumps `epoch` and clears `last_offset` (NULL: start at
-- the stream's first offset); a consumer still reading under the old epoch re-subscribes.
CREATE TABLE stream_position (
  stream text PRIMARY KEY,
  epoch integer NOT NULL DEFAULT 1,
  last_offset bigint,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO stream_position (stream) VALUES ('orders');

-- Aggregates, built only from the order stream and rebuilt by a replay.
-- One row per order seen: its status decides which counters an event may still move.
CREATE TABLE order_facts (
  order_id text PRIMARY KEY,
  user_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED')),
  total bigint NOT NULL
);

CREATE TABLE order_totals (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  orders bigint NOT NULL DEFAULT 0,
  confirmed bigint NOT NULL DEFAULT 0,
  cancelled bigint NOT NULL DEFAULT 0,
  revenue bigint NOT NULL DEFAULT 0
);
INSERT INTO order_totals DEFAULT VALUES;

-- Confirmed quantities: the best sellers, overall and per buyer.
CREATE TABLE product_sales (
  product_id text PRIMARY KEY,
  quantity bigint NOT NULL
);
CREATE INDEX product_sales_rank ON product_sales (quantity DESC, product_id);

CREATE TABLE user_purchases (
  user_id text NOT NULL,
  product_id text NOT NULL,
  quantity bigint NOT NULL,
  PRIMARY KEY (user_id, product_id)
);

-- Each product's category, from product.created / product.updated (a classic queue, not the
-- stream: a replay of the order stream leaves it alone). The highest version wins.
CREATE TABLE product_categories (
  product_id text PRIMARY KEY,
  category text NOT NULL,
  version integer NOT NULL
);
CREATE INDEX product_categories_category ON product_categories (category);
