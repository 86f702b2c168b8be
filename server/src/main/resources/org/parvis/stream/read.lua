-- What a client needs to catch up on a stream, atomically: the log entries after its revision
-- when the log still holds them and the client's chain hash at that revision is the server's,
-- otherwise a snapshot (the history the client saw is not the one stored: restored storage).
-- KEYS: 1 the stream's head hash (rev, h, h0)
-- ARGV: 1 stream id, 2 key prefix 'parvis:{w:<id>}:', 3 revision the client has, or '',
--       4 the client's h at that revision, or '', 5 the reader's role (animator, participant,
--       observer), 6 the reader's participant id, or ''
-- Returns {'events', rev, h, {entry...}}, {'snapshot', rev, h, ...what the stream kind holds}
-- or {'unknown_stream'}. A log entry is '<audience>\n<event json>\n<shadow json or empty>'.
local SNAPSHOT = {}

-- A barometer board's barometer as the reader may see it: the scales, the public tallies, the split
-- once closed, and the reader's own answers only ('' where none); '' for a board without one.
local function barometerFor(board, reader)
  local stored = redis.call('HMGET', board .. ':barometer', 'indicators', 'tallies', 'closed', 'split', 'scale')
  if not stored[1] then return '' end
  local mine = {}
  for index = 0, #cjson.decode(stored[2]) - 1 do
    mine[index + 1] = reader.role == 'participant' and redis.call('HGET', board .. ':answers:' .. index, reader.id) or ''
  end
  local closed = stored[3] == '1'
  return '{"indicators":' .. stored[1] .. ',"scale":' .. cjson.encode(stored[5] or 'steps') .. ',"tallies":' .. stored[2] .. ',"closed":' .. tostring(closed)
      .. ',"split":' .. (closed and stored[4] or '[]') .. ',"mine":' .. cjson.encode(mine) .. '}'
end

-- A charter board's charter: whether it is frozen (and when), its commitments in order, each with
-- its public signatures; '' for a board without one. Everything in it is public.
local function charterFor(board)
  local state = redis.call('HMGET', board .. ':charter', 'frozen', 'frozenAt', 'order')
  if not state[1] then return '' end
  local order = cjson.decode(state[3] or '[]')
  local commitments = {}
  if #order > 0 then
    for _, text in ipairs(redis.call('HMGET', board .. ':commitments', unpack(order))) do
      if text then commitments[#commitments + 1] = text end
    end
  end
  return '{"frozen":' .. tostring(state[1] == '1') .. (state[2] and (',"frozenAt":' .. state[2]) or '')
      .. ',"commitments":[' .. table.concat(commitments, ',') .. ']}'
end


-- The board's clusters in creation order, each with the members the reader sees (visible: note id ->
-- true), in stream order (ids): a private or hidden note in a cluster is left out of it, as it is
-- left out of the notes.
local function clustersFor(board, ids, visible)
  local stored = redis.call('HVALS', board .. ':clusters')
  if #stored == 0 then return '[]' end
  local clusterOf = {}
  local members = redis.call('HGETALL', board .. ':clusterOf')
  for index = 1, #members, 2 do clusterOf[members[index]] = members[index + 1] end
  local notes = {}
  for _, noteId in ipairs(ids) do
    local cluster = clusterOf[noteId]
    if cluster and visible[noteId] then
      notes[cluster] = notes[cluster] or {}
      notes[cluster][#notes[cluster] + 1] = cjson.encode(noteId)
    end
  end
  local clusters = {}
  for index, json in ipairs(stored) do
    local cluster = cjson.decode(json)
    clusters[index] = {order = cluster.order,
                       json = string.sub(json, 1, -2) .. ',"notes":[' .. table.concat(notes[cluster.id] or {}, ',') .. ']}'}
  end
  table.sort(clusters, function(a, b) return a.order < b.order end)
  local texts = {}
  for index, cluster in ipairs(clusters) do texts[index] = cluster.json end
  return '[' .. table.concat(texts, ',') .. ']'
end

-- Notes in stream order (the revision that created each), then the board's state: its lock, mode,
-- anyoneEdits, and how many of its notes are private, then its barometer for this reader, then its charter, then its
-- clusters, then '1' when this snapshot is the same for every reader (the node may share it: setup/SnapshotCache).
-- A note that is private (not revealed yet) or
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
  local seen = {}
  for index, note in ipairs(notes) do
    local noteId = ids[index]
    if note and own[noteId] then
      visible[#visible + 1] = string.gsub(note, '"author":""', readerField, 1)
      seen[noteId] = true
    elseif note and (animator or not restricted[noteId] or string.find(note, readerField, 1, true)) then
      visible[#visible + 1] = note
      seen[noteId] = true
    end
  end
  local state = redis.call('HMGET', board, 'locked', 'mode', 'anyoneEdits')
  local barometer = barometerFor(board, reader)
  -- The same for every reader: nothing restricted, no anonymous author, no barometer (answers are each reader's own).
  local sameForAll = next(restricted) == nil and #anonymous == 0 and barometer == ''
  return {visible, {state[1] or '0', state[2] or 'open', state[3] or '0', redis.call('SCARD', board .. ':private')},
    barometer, charterFor(board), clustersFor(board, ids, seen), sameForAll and '1' or '0'}
end

-- Each vote as this reader may see it, in opening order: its settings and progress, the reader's
-- own dots, the tally only when the vote is live, the result only once it is closed.
local function votes(prefix, reader)
  local seen = {}
  for _, voteId in ipairs(redis.call('LRANGE', prefix .. 'votes', 0, -1)) do
    local key = prefix .. 'vote:' .. voteId
    local vote = redis.call('HMGET', key, 'settings', 'status', 'voters', 'dots', 'result')
    local settings = cjson.decode(vote[1])
    local mine = {}
    if reader.role == 'participant' then
      local dots = redis.call('HGETALL', key .. ':dots:' .. reader.id)
      for i = 1, #dots, 2 do mine[dots[i]] = tonumber(dots[i + 1]) end
    end
    settings.status = vote[2]
    local text = '{"vote":' .. cjson.encode(settings) .. ',"progress":{"voters":' .. vote[3] .. ',"dots":' .. vote[4]
        .. '},"mine":' .. cjson.encode(mine)
    if settings.live then
      local tally = {}
      local counts = redis.call('HGETALL', key .. ':tally')
      for i = 1, #counts, 2 do tally[counts[i]] = tonumber(counts[i + 1]) end
      text = text .. ',"tally":' .. cjson.encode(tally)
    end
    if vote[5] then text = text .. ',"result":' .. vote[5] end
    seen[#seen + 1] = text .. '}'
  end
  return seen
end

-- The workshop's fields, then each of its boards' lock, mode and anyoneEdits, in the order of its board list, then the
-- roster (each participant's stored JSON) for animators only, then its votes.
SNAPSHOT['workshop'] = function(prefix, id, reader)
  local workshop = prefix .. 'workshop'
  local locks = {}
  for _, board in ipairs(cjson.decode(redis.call('HGET', workshop, 'boards') or '[]')) do
    locks[#locks + 1] = redis.call('HMGET', prefix .. 'board:' .. board, 'locked', 'mode', 'anyoneEdits')
  end
  local roster = {}
  if reader.role == 'animator' then roster = redis.call('HVALS', prefix .. 'participants') end
  return {redis.call('HGETALL', workshop), locks, roster, votes(prefix, reader)}
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
local reader = {role = ARGV[5], id = ARGV[6]}
local snapshot = {'snapshot', rev, current[2]}
for _, part in ipairs(SNAPSHOT[kind](prefix, id, reader)) do snapshot[#snapshot + 1] = part end
return snapshot
