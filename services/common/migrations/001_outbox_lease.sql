-- A relay leases the rows it is publishing instead of holding them locked in a transaction
-- while it waits for the broker's confirms; a lease left by a crash runs out and another
-- round (or replica) publishes the rows again (at least once).
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS leased_until timestamptz;
