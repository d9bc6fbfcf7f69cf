-- WSO2 API Manager's default throttling policies, with its numbers, so that the tutorial's Gold and Silver exist.

insert into throttle_policies (policy_id, policy_level, name, display_name, description, quota_type, quota_limit, unit_time, time_unit, stop_on_quota_reach, billing_plan) values
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0001', 'subscription', 'Gold', 'Gold', 'Allows 5000 requests per minute', 'REQUEST_COUNT', 5000, 1, 'min', true, 'FREE'),
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0002', 'subscription', 'Silver', 'Silver', 'Allows 2000 requests per minute', 'REQUEST_COUNT', 2000, 1, 'min', true, 'FREE'),
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0003', 'subscription', 'Bronze', 'Bronze', 'Allows 1000 requests per minute', 'REQUEST_COUNT', 1000, 1, 'min', true, 'FREE'),
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0004', 'subscription', 'Unlimited', 'Unlimited', 'Allows unlimited requests', 'UNLIMITED', 0, 1, 'min', true, 'FREE'),
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0005', 'subscription', 'AsyncGold', 'AsyncGold', 'Allows 50000 events per day', 'EVENT_COUNT', 50000, 1, 'day', true, 'FREE'),
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0006', 'subscription', 'AsyncSilver', 'AsyncSilver', 'Allows 10000 events per day', 'EVENT_COUNT', 10000, 1, 'day', true, 'FREE'),
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0007', 'subscription', 'AsyncBronze', 'AsyncBronze', 'Allows 5000 events per day', 'EVENT_COUNT', 5000, 1, 'day', true, 'FREE'),
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0008', 'subscription', 'AsyncUnlimited', 'AsyncUnlimited', 'Allows unlimited events', 'UNLIMITED', 0, 1, 'min', true, 'FREE'),
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0101', 'application', '10PerMin', '10PerMin', 'Allows 10 requests per minute', 'REQUEST_COUNT', 10, 1, 'min', true, 'FREE'),
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0102', 'application', '20PerMin', '20PerMin', 'Allows 20 requests per minute', 'REQUEST_COUNT', 20, 1, 'min', true, 'FREE'),
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0103', 'application', '50PerMin', '50PerMin', 'Allows 50 requests per minute', 'REQUEST_COUNT', 50, 1, 'min', true, 'FREE'),
('0b6a7b5e-9c52-4f0a-9d27-6f1bde2d0104', 'application', 'Unlimited', 'Unlimited', 'Allows unlimited requests', 'UNLIMITED', 0, 1, 'min', true, 'FREE');
