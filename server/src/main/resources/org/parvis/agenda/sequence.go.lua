-- sequence.go on the workshop stream: the next sequence, a given one, or the end of the agenda.
-- The sequence that ends leaves a snapshot of its boards (every board when it names none), copied
-- in the same step: parvis:{w:<id>}:seq:<n> (what ended, when) and seq:<n>:board:<board>:notes
-- and :order, copies of the board's notes hash and order, and the ids of the votes opened during
-- it ('votes', their results stay on the votes). Every participant's "j'ai fini" is reset: it was
-- about the sequence that ends.
APPLY['sequence.go'] = function(ctx)
  local workshop = ctx.prefix .. 'workshop'
  local fields = redis.call('HMGET', workshop, 'agenda', 'sequence', 'boards')
  local sequences = cjson.decode(fields[1] or '[]')
  local index
  for i, sequence in ipairs(sequences) do
    if sequence.id == fields[2] then index = i end
  end
  local to, target = ctx.rules.to, nil
  if to == 'next' then
    target = (index or 0) + 1
    if target > #sequences then return 'no_next_sequence' end
  elseif to == 'end' then
    if not index then return 'no_next_sequence' end
  else
    for i, sequence in ipairs(sequences) do
      if sequence.id == to then target = i end
    end
    if not target then return 'unknown_sequence' end
  end

  local body = {}
  if index then
    local ended = sequences[index]
    local boards = ended.boards
    if #boards == 0 then boards = cjson.decode(fields[3]) end
    local snapshot = redis.call('HINCRBY', workshop, 'snapshots', 1)
    body[#body + 1] = '"snapshot":' .. snapshot
    local seq = ctx.prefix .. 'seq:' .. snapshot
    for _, board in ipairs(boards) do
      for _, part in ipairs({':notes', ':order'}) do
        redis.call('COPY', boardKey(ctx, board, part), seq .. ':board:' .. board .. part, 'REPLACE')
      end
    end
    local votes = {}
    for _, vote in ipairs(redis.call('LRANGE', ctx.prefix .. 'votes', 0, -1)) do
      local settings = redis.call('HGET', ctx.prefix .. 'vote:' .. vote, 'settings')
      if settings and cjson.decode(settings).sequence == ended.id then votes[#votes + 1] = vote end
    end
    redis.call('HSET', seq, 'sequence', ended.id, 'title', ended.title, 'kind', ended.kind,
        'startedAt', redis.call('HGET', workshop, 'sequenceStartedAt') or ctx.at, 'endedAt', ctx.at,
        'boards', cjson.encode(boards), 'votes', #votes > 0 and cjson.encode(votes) or '[]')
  end

  local participants = redis.call('HGETALL', ctx.prefix .. 'participants')
  for i = 1, #participants, 2 do
    if string.find(participants[i + 1], '"done":true', 1, true) then
      local participant = cjson.decode(participants[i + 1])
      participant.done = false
      redis.call('HSET', ctx.prefix .. 'participants', participants[i], cjson.encode(participant))
    end
  end

  if target then
    local id = sequences[target].id
    redis.call('HSET', workshop, 'sequence', id, 'sequenceStartedAt', ctx.at)
    body[#body + 1] = '"current":' .. cjson.encode(id) .. ',"startedAt":' .. ctx.at
  else
    redis.call('HDEL', workshop, 'sequence', 'sequenceStartedAt')
  end
  return {type = 'sequence.changed', body = '{' .. table.concat(body, ',') .. '}'}
end
