-- What a client needs to catch up on a stream, atomically: the log entries after its revision
-- when the log still holds them and the client's chain hash at that revision is the server's,
-- otherwise a snapshot (the history the client saw is not the one stored: restored storage).
-- KEYS: 1 the stream's head hash (rev, h, h0)
-- ARGV: 1 stream id, 2 key prefix 'parvis:{w:<id>}:', 3 revision the client has, or '',
--       4 the client's h at that revision, or '', 5 the reader's role (animator, participant or
--       observer), 6 the reader's participant id or ''
-- Returns {'events', rev, h, {entry...}}, {'snapshot', rev, h, ...what the stream kind holds}
-- or {'unknown_stream'}. A log entry is '<audience>\n<event json>\n<shadow json or empty>'.
local SNAPSHOT = {}

-- Notes in stream order (the revision that created each), then the board's state: its lock, mode,
-- anyoneEdits, and how many of its notes are private. A note that is private (not revealed yet) or
-- hidden reaches only its author and the animators; an anonymous note's author is given back to
-- that author only. Stored notes are cjson's, where a quote inside a text is escaped: '"author":"'
-- can only start the author field, so it is found and filled in without decoding the note.
SNAPSHOT['board'] = function(prefix, id, reader)
  local board = prefix .. 'board:' .. id
  local ids = redis.call('ZRANGE', board .. ':order', 0, -1)
  local notes = {}
  if #ids > 0 then notes = redis.call('HMGET', board .. ':notes', unpack(ids)) end
  local animator = reader.role == 'animator'
  local restricted = {}
  for _, set in ipairs({':private', ':hidden'}) do
    for _, note in ipairs(redis.call('SMEMBERS', board .. set)) do restricted[note] = true end
  end
  local own = {}
  local anonymous = redis.call('HGETALL', board .. ':authors')
  for index = 1, #anonymous, 2 do
    if anonymous[index + 1] == reader.id then own[anonymous[index]] = true end
  end
  local readerField = '"author":"' .. reader.id .. '"'
  local visible = {}
  for index, note in ipairs(notes) do
    local noteId = ids[index]
    if note and own[noteId] then
      visible[#visible + 1] = string.gsub(note, '"author":""', readerField, 1)
    elseif note and (animator or not restricted[noteId] or string.find(note, readerField, 1, true)) then
      visible[#visible + 1] = note
    end
  end
  local state = redis.call('HMGET', board, 'locked', 'mode', 'anyoneEdits')
  return {visible, {state[1] or '0', state[2] or 'open', state[3] or '0', redis.call('SCARD', board .. ':private')}}
end

-- The workshop's fields, then each of its boards' lock, mode and anyoneEdits, in the order of its board list.
SNAPSHOT['workshop'] = function(prefix, id)
  local workshop = prefix .. 'workshop'
  local locks = {}
  for _, board in ipairs(cjson.decode(redis.call('HGET', workshop, 'boards') or '[]')) do
    locks[#locks + 1] = redis.call('HMGET', prefix .. 'board:' .. board, 'locked', 'mode', 'anyoneEdits')
  end
  return {redis.call('HGETALL', workshop), locks}
end

local head, stream, prefix = KEYS[1], ARGV[1], ARGV[2]
local current = redis.call('HMGET', head, 'rev', 'h', 'h0')
if not current[1] then return {'unknown_stream'} end
local rev = tonumber(current[1])
local since = tonumber(ARGV[3])
local log = prefix .. 's:' .. stream .. ':log'
if since and since >= 0 and since <= rev and ARGV[4] ~= '' then
  local first = rev - redis.call('LLEN', log) + 1
  local known
  if since == rev then
    known = current[2]
  elseif since >= first then
    known = string.match(redis.call('LINDEX', log, since - first), '"h":"(%x+)"')
  elseif since == 0 and first == 1 then
    known = current[3]
  end
  if known == ARGV[4] then
    return {'events', rev, current[2], redis.call('LRANGE', log, since - first + 1, -1)}
  end
end
local kind, id = string.match(stream, '^(%a+):(.+)$')
local state = SNAPSHOT[kind](prefix, id, {role = ARGV[5], id = ARGV[6]})
return {'snapshot', rev, current[2], state[1], state[2]}
