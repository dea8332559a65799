-- Credits reserved by turns in progress. A row lives from the reservation to the settlement, which removes
-- it in the same transaction as the refund; a row whose lease ran out is refunded in full by a sweeper.
CREATE TABLE credit_reservations (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    amount_milli INTEGER NOT NULL,
    lease_until  INTEGER NOT NULL
);
CREATE INDEX credit_reservations_by_lease ON credit_reservations (lease_until);
