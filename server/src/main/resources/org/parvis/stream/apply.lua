-- The one entry point that changes a stream, atomically: command-id check, the stream's existence,
-- the command type's own function (rules that need stored state, and the change), revision bump,
-- chain hash, event log, command-id marker, publish, the workshop's last activity.
-- KEYS: 1 the stream's head hash (rev, h). Every other key is built from ARGV[3], which carries
--       the same {w:<workshopId>} hash tag, so the script stays in one Redis Cluster slot.
-- ARGV: 1 command type, 2 stream id, 3 key prefix 'parvis:{w:<id>}:', 4 command id, 5 by,
--       6 time (ms), 7 event body JSON, 8 rule parameters JSON, 9 log length,
--       10 command-id memory (s), 11 events channel
-- Returns {'ok', rev, h}, {'duplicate', rev} or {refusal code, 0}.
local APPLY = {}

-- Keys of the workshop, shared by the type functions.
local function boardKey(ctx, board, suffix)
  return ctx.prefix .. 'board:' .. board .. (suffix or '')
end

-- A timer (agenda/timer.set.lua) with freezeAtZero that reached zero, by the script's time.
local function timerAtZero(stored, at)
  if not stored then return false end
  local timer = cjson.decode(stored)
  if not timer.freezeAtZero then return false end
  if timer.endsAt then return at >= timer.endsAt end
  return timer.remainingMs == 0
end

-- Only animators write a locked board, or one whose timer (the workshop's or its group's) froze
-- input at zero: they record ideas for people who do not type. Answers true, or false and why.
local function boardWritable(ctx, board)
  if ctx.rules.mayWriteLocked then return true end
  if redis.call('HGET', boardKey(ctx, board), 'locked') == '1' then return false, 'board_locked' end
  local timers = redis.call('HMGET', ctx.prefix .. 'workshop', 'timer', 'timer:' .. board)
  if timerAtZero(timers[1], ctx.at) or timerAtZero(timers[2], ctx.at) then return false, 'input_frozen' end
  return true
end

-- '{"a":1}' -> ',"a":1}' and '{}' -> '}': the tail of an object spliced after an envelope.
local function tail(body)
  if body == '{}' then return '}' end
  return ',' .. string.sub(body, 2)
end

-- The type of this run: a type file no other file builds on is put inside 'if CALLED == ... then'
-- (LuaScript.assembleByType), so a run defines only the functions it may call.
local CALLED = ARGV[1]

--@types@

local head, stream, prefix, cmd = KEYS[1], ARGV[2], ARGV[3], ARGV[4]
local streamKey = prefix .. 's:' .. stream
local marker = streamKey .. ':cmd:' .. cmd
local seen = redis.call('GET', marker)
if seen then return {'duplicate', tonumber(seen)} end
local current = redis.call('HMGET', head, 'rev', 'h')
if not current[1] then return {'unknown_stream', 0} end
local apply = APPLY[ARGV[1]]
if not apply then return {'unknown_command', 0} end

local rev = tonumber(current[1]) + 1
local ctx = {stream = stream, prefix = prefix, cmd = cmd, by = ARGV[5], at = tonumber(ARGV[6]), rev = rev,
             body = ARGV[7], event = cjson.decode(ARGV[7]), rules = cjson.decode(ARGV[8])}
local result = apply(ctx)
if type(result) == 'string' then return {result, 0} end

local h = string.sub(redis.sha1hex(current[2] .. ':' .. cmd .. ':' .. rev), 1, 16)
redis.call('HSET', head, 'rev', rev, 'h', h)
-- The retention sweeper deletes a workshop idle for too long (README, "Security and privacy").
redis.call('HSET', prefix .. 'workshop', 'lastActivity', ARGV[6])
local envelope = '"stream":"' .. stream .. '","rev":' .. rev .. ',"h":"' .. h .. '"'
-- A function may withhold who made the change (an anonymous note changed by its author): by = ''.
local event = '{"type":"' .. result.type .. '",' .. envelope .. ',"cmd":"' .. cmd .. '","by":"' .. (result.by or ARGV[5])
    .. '","at":' .. ARGV[6] .. tail(result.body)
local audience = result.audience or 'all'
local shadow = ''
if audience ~= 'all' then
  shadow = '{"type":"hidden",' .. envelope .. ',"at":' .. ARGV[6] .. tail(result.shadow or '{}')
end
local entry = audience .. '\n' .. event .. '\n' .. shadow
local log = streamKey .. ':log'
redis.call('RPUSH', log, entry)
redis.call('LTRIM', log, -tonumber(ARGV[9]), -1)
redis.call('SET', marker, rev, 'EX', tonumber(ARGV[10]))
redis.call('PUBLISH', ARGV[11], stream .. '\n' .. entry)
return {'ok', rev, h}
