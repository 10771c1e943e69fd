-- One row per email: written with the processed-event record of the event that caused it,
-- then delivered by the sender (PENDING -> SENT, LOGGED without SMTP, FAILED when refused).
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('welcome', 'order_confirmed', 'order_cancelled')),
  user_id text NOT NULL,
  recipient text NOT NULL,
  subject text NOT NULL,
  order_id text,
  body_text text NOT NULL,
  body_html text NOT NULL,
  status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'LOGGED', 'FAILED')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  CHECK ((kind = 'welcome') = (order_id IS NULL))
);

-- One email per final state of an order and one welcome per user, even if the same fact
-- were published twice under two event ids.
CREATE UNIQUE INDEX notifications_one_per_order_state ON notifications (order_id, kind)
  WHERE order_id IS NOT NULL;
CREATE UNIQUE INDEX notifications_one_welcome ON notifications (user_id) WHERE kind = 'welcome';

CREATE INDEX notifications_due ON notifications (next_attempt_at, created_at)
  WHERE status = 'PENDING';
CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC);
