-- Who an email goes to, by user id: fed by user.registered (and filled from the user service
-- when an order's buyer is not here yet), so an email needs no call to the user service.
-- A user's name and email never change after sign-up.
CREATE TABLE recipients (
  user_id text PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);
