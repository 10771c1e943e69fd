-- One payment per order (the idempotency key of charge and refund).
--   AWAITING_STOCK  choreography: the intent from order.created, not to be charged before
--                   inventory.reserved
--   PENDING         the intent is recorded and the provider may have been called: its outcome
--                   is in doubt until SUCCEEDED or FAILED is written
--   VOIDED          refunded before any charge (a tombstone when it is the first row): a late
--                   charge never reaches the provider
CREATE TABLE payments (
  order_id text PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  user_id text,
  amount integer NOT NULL CHECK (amount >= 0),
  currency text NOT NULL DEFAULT 'USD',
  -- The test-card token, kept only while a charge may still be made.
  token text,
  status text NOT NULL
    CHECK (status IN ('AWAITING_STOCK', 'PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED', 'VOIDED')),
  provider_ref text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The simulated card provider's own ledger, one row per idempotency key (the order id). It
-- stands for a remote system: the provider writes it on its own connections, never inside
-- the payment service's transactions, so a charge made before a crash survives the crash.
-- A refund of a key never charged cancels it (canceled_at): a charge still on its way is
-- then declined, as a real provider declines confirming a canceled payment.
CREATE TABLE provider_charges (
  idempotency_key text PRIMARY KEY,
  provider_ref text NOT NULL UNIQUE,
  amount integer NOT NULL CHECK (amount >= 0),
  approved boolean NOT NULL,
  refunded_at timestamptz,
  canceled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT (approved AND canceled_at IS NOT NULL))
);
