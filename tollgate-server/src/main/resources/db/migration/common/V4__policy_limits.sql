-- Business plans beyond a plain quota: WSO2's burst control ("rate limit" per second or minute), bandwidth quotas
-- (quota_limit in data_unit), and what the gateway does with a frame over the quota.

alter table throttle_policies add column rate_limit_count integer default 0 not null;
alter table throttle_policies add column rate_limit_time_unit varchar(10);
alter table throttle_policies add column data_unit varchar(4);
alter table throttle_policies add column on_quota_exceeded varchar(20) default 'DROP_FRAME' not null;
