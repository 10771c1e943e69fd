-- Query side (read model), built only from events and rebuildable from its journal.
CREATE TABLE product_view (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL,
  category text NOT NULL,
  price integer NOT NULL,
  currency text NOT NULL,
  initial_stock integer NOT NULL DEFAULT 0,
  version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', name), 'A') ||
    setweight(to_tsvector('english', description), 'B')
  ) STORED
);
CREATE INDEX product_view_search ON product_view USING gin (search);
CREATE INDEX product_view_category ON product_view (category, created_at DESC);
CREATE INDEX product_view_recent ON product_view (created_at DESC, id);

-- Stock levels from inventory.stock_changed; kept apart so they may arrive before the product.
CREATE TABLE product_view_stock (
  product_id uuid PRIMARY KEY,
  available integer NOT NULL,
  version integer NOT NULL
);

-- Every event the read side consumed, in arrival order: the source of a rebuild.
CREATE TABLE product_view_journal (
  seq bigserial PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  envelope jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
