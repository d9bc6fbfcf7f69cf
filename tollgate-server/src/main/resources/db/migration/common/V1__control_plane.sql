-- Tollgate control-plane schema. Portable between H2 and PostgreSQL; vendor-specific tables live in V2.

create table users (
    username varchar(100) not null primary key,
    password varchar(500) not null,
    enabled boolean not null
);

create table authorities (
    username varchar(100) not null references users (username) on delete cascade,
    authority varchar(50) not null,
    primary key (username, authority)
);

create table throttle_policies (
    policy_id varchar(36) not null primary key,
    policy_level varchar(20) not null,
    name varchar(100) not null,
    display_name varchar(100) not null,
    description varchar(1000) not null,
    quota_type varchar(20) not null,
    quota_limit bigint not null,
    unit_time integer not null,
    time_unit varchar(10) not null,
    stop_on_quota_reach boolean not null,
    billing_plan varchar(20) not null,
    constraint uk_throttle_policies_name unique (policy_level, name)
);

create table apis (
    id varchar(36) not null primary key,
    name varchar(100) not null,
    context varchar(200) not null,
    version varchar(30) not null,
    version_key varchar(30) not null,
    description varchar(2000),
    provider varchar(100) not null,
    lifecycle_state varchar(20) not null,
    endpoint_url varchar(2000),
    endpoint_settings varchar(4000),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint uk_apis_context_version unique (context, version_key),
    constraint uk_apis_name_version unique (name, version_key)
);

create table api_policies (
    api_id varchar(36) not null references apis (id) on delete cascade,
    policy_name varchar(100) not null,
    position integer not null,
    primary key (api_id, policy_name)
);

create table api_lifecycle_history (
    id varchar(36) not null primary key,
    api_id varchar(36) not null references apis (id) on delete cascade,
    previous_state varchar(20),
    post_state varchar(20) not null,
    action varchar(40),
    updated_by varchar(100) not null,
    updated_at timestamp with time zone not null
);

create index ix_api_lifecycle_history_api on api_lifecycle_history (api_id, updated_at);

create table applications (
    id varchar(36) not null primary key,
    name varchar(100) not null,
    owner varchar(100) not null,
    throttling_policy varchar(100) not null,
    description varchar(2000),
    token_type varchar(10) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint uk_applications_owner_name unique (owner, name)
);

create table subscriptions (
    id varchar(36) not null primary key,
    application_id varchar(36) not null references applications (id) on delete cascade,
    api_id varchar(36) not null references apis (id),
    throttling_policy varchar(100) not null,
    status varchar(30) not null,
    created_at timestamp with time zone not null,
    constraint uk_subscriptions_app_api unique (application_id, api_id)
);

create table key_mappings (
    id varchar(36) not null primary key,
    application_id varchar(36) not null references applications (id) on delete cascade,
    key_type varchar(20) not null,
    consumer_key varchar(100) not null,
    key_manager varchar(50) not null,
    created_at timestamp with time zone not null,
    constraint uk_key_mappings_consumer_key unique (consumer_key),
    constraint uk_key_mappings_app_type unique (application_id, key_type)
);

create table signing_keys (
    kid varchar(100) not null primary key,
    private_jwk varchar(8000) not null,
    created_at timestamp with time zone not null
);

create table revoked_tokens (
    jti varchar(100) not null primary key,
    expires_at timestamp with time zone not null
);
