-- Emails are stored lower-cased, so the unique constraint makes them unique case-insensitively.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  password_hash text NOT NULL,
  role text NOT NULL DEFAULT 'customer' CHECK (role IN ('customer', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Keyset pagination of ListUsers.
CREATE INDEX users_created_at_id ON users (created_at, id);
