-- The origin allow-list of an API's WebSocket handshakes (WSO2's corsConfiguration): whether it applies, and the
-- allowed origins (scheme://host[:port] or *), separated by spaces.

alter table apis add column cors_enabled boolean default false not null;
alter table apis add column cors_allowed_origins varchar(4000) default '' not null;
