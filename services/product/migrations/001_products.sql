-- Command side (write model). The query side never reads this table.
CREATE TABLE products (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL,
  category text NOT NULL,
  price integer NOT NULL CHECK (price >= 0),
  initial_stock integer NOT NULL CHECK (initial_stock >= 0),
  version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
