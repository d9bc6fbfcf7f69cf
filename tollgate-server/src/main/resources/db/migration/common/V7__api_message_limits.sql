-- An API's own frame and message limits, in bytes; null leaves the gateway's default in force.

alter table apis add column max_frame_size integer;
alter table apis add column max_message_size integer;
