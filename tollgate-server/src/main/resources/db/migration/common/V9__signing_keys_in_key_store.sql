-- Token signing keys moved to a key store file in the data directory (keys/signing.p12, owner-only).
drop table signing_keys;
