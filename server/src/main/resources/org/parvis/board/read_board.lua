-- Reads what a client needs to catch up, atomically: the events after its revision when the log
-- still holds them, otherwise a snapshot.
-- KEYS: 1 meta hash, 2 notes hash, 3 event log list
-- ARGV: 1 last revision the client saw, or '' for a snapshot
-- Returns {'events', rev, {event...}} or {'snapshot', rev, {note...}, locked} or {'unknown_board'}
if redis.call('EXISTS', KEYS[1]) == 0 then return {'unknown_board'} end
local rev = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0')
local since = tonumber(ARGV[1])
if since and since >= 0 and since <= rev then
  local length = redis.call('LLEN', KEYS[3])
  local first = rev - length + 1
  if since >= first - 1 then
    return {'events', rev, redis.call('LRANGE', KEYS[3], since - first + 1, -1)}
  end
end
return {'snapshot', rev, redis.call('HVALS', KEYS[2]), redis.call('HGET', KEYS[1], 'locked') or '0'}
