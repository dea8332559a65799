-- Credits reserved by turns in progress. A row lives from the reservation to the settlement, which removes
-- it in the same transaction as the refund; a row whose lease ran out is refunded in full by a sweeper.
-- Idempotent, so a database put back to an earlier migration (as the schema upgrade test does) can replay it.
CREATE TABLE IF NOT EXISTS credit_reservations (
    id           text PRIMARY KEY,
    workspace_id text NOT NULL,
    amount_milli bigint NOT NULL,
    lease_until  bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS credit_reservations_by_lease ON credit_reservations (lease_until);
