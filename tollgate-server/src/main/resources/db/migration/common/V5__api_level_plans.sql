-- API-level plans (WSO2's "advanced" throttling policies): one per API, shared by all its subscribers.

alter table apis add column api_policy varchar(100);

insert into throttle_policies (policy_id, policy_level, name, display_name, description, quota_type, quota_limit, unit_time, time_unit, stop_on_quota_reach, billing_plan) values
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0201', 'api', '50KPerMin', '50KPerMin', 'Allows 50000 requests per minute', 'REQUEST_COUNT', 50000, 1, 'min', true, 'FREE'),
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0202', 'api', '20KPerMin', '20KPerMin', 'Allows 20000 requests per minute', 'REQUEST_COUNT', 20000, 1, 'min', true, 'FREE'),
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0203', 'api', '10KPerMin', '10KPerMin', 'Allows 10000 requests per minute', 'REQUEST_COUNT', 10000, 1, 'min', true, 'FREE'),
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0204', 'api', 'Unlimited', 'Unlimited', 'Allows unlimited requests', 'UNLIMITED', 0, 1, 'min', true, 'FREE');
