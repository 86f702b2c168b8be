-- A vote's ballots, read at one instant, for counting its results.
-- KEYS: 1 the vote's hash. ARGV: 1 the vote's key 'parvis:{w:<id>}:vote:<voteId>'.
-- Returns {status, version, settings JSON, {participantId, voter JSON, {item, n, ...}}...} or {}.
local vote = redis.call('HMGET', KEYS[1], 'status', 'version', 'settings')
if not vote[1] then return {} end
local ballots = {}
local voters = redis.call('HGETALL', ARGV[1] .. ':voters')
for i = 1, #voters, 2 do
  local dots = redis.call('HGETALL', ARGV[1] .. ':dots:' .. voters[i])
  if #dots > 0 then ballots[#ballots + 1] = {voters[i], voters[i + 1], dots} end
end
return {vote[1], vote[2], vote[3], ballots}
