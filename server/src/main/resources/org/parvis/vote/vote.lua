-- The vote feature's apply functions, all on the workshop stream: a vote may span boards.
-- Keys: vote:<id> (settings, status, version, voters, dots, result), vote:<id>:items (set of
-- '<board>/<noteId>'), :dots:<participantId> (item -> n), :used (participant -> n), :tally
-- (item -> n), :voters (participant -> {name, category}); votes (ids, in opening order).

-- vote.open. rules: notes (note ids of rules.board, or empty for every note
-- of the scope), maxItems. The items are fixed now, with their text, so a phone can show a vote
-- on boards it does not follow, and the restitution keeps what was voted on; so are the clusters
-- they fall in (cluster/cluster.lua), each one line of the results.
local function voteKey(ctx, vote, suffix)
  return ctx.prefix .. 'vote:' .. vote .. (suffix or '')
end

APPLY['vote.open'] = function(ctx)
  local vote = ctx.event.vote
  local key = voteKey(ctx, vote.id)
  if redis.call('EXISTS', key) == 1 then return 'vote_exists' end
  local boards
  if vote.board then
    if redis.call('EXISTS', boardKey(ctx, vote.board)) == 0 then return 'unknown_board' end
    boards = {vote.board}
  else
    boards = cjson.decode(redis.call('HGET', ctx.prefix .. 'workshop', 'boards') or '[]')
  end
  -- A note still private (not revealed) or hidden by an animator is not everyone's to read: its
  -- text would reach every phone with the vote. Chosen, it is refused; in a scope, left out.
  local function public(board, noteId)
    return redis.call('SISMEMBER', boardKey(ctx, board, ':private'), noteId) == 0
        and redis.call('SISMEMBER', boardKey(ctx, board, ':hidden'), noteId) == 0
  end
  local items = {}
  if #ctx.rules.notes > 0 then
    local stored = redis.call('HMGET', boardKey(ctx, vote.board, ':notes'), unpack(ctx.rules.notes))
    for i, noteId in ipairs(ctx.rules.notes) do
      if not stored[i] then return 'unknown_note' end
      if not public(vote.board, noteId) then return 'note_not_public' end
      items[#items + 1] = {board = vote.board, noteId = noteId, text = cjson.decode(stored[i]).text}
    end
  else
    for _, board in ipairs(boards) do
      local ids = redis.call('ZRANGE', boardKey(ctx, board, ':order'), 0, -1)
      if #ids > 0 then
        local stored = redis.call('HMGET', boardKey(ctx, board, ':notes'), unpack(ids))
        for i, noteId in ipairs(ids) do
          local note = stored[i] and cjson.decode(stored[i])
          if note and (not vote.zone or note.zone == vote.zone) and public(board, noteId) then
            items[#items + 1] = {board = board, noteId = noteId, text = note.text}
          end
        end
      end
    end
  end
  if #items == 0 then return 'no_items' end
  if #items > ctx.rules.maxItems then return 'too_many_items' end
  local members = {}
  for i, item in ipairs(items) do members[i] = item.board .. '/' .. item.noteId end
  redis.call('SADD', voteKey(ctx, vote.id, ':items'), unpack(members))
  vote.items = items
  vote.clusters = votedClusters(ctx, items)
  vote.status = 'open'
  vote.openedAt = ctx.at
  vote.sequence = redis.call('HGET', ctx.prefix .. 'workshop', 'sequence') or nil
  local settings = cjson.encode(vote)
  redis.call('HSET', key, 'settings', settings, 'status', 'open', 'version', 0, 'voters', 0, 'dots', 0)
  redis.call('RPUSH', ctx.prefix .. 'votes', vote.id)
  return {type = 'vote.opened', body = '{"vote":' .. settings .. '}'}
end

-- One dot more (delta 1) or less (delta -1) on one item, for the voter only; everyone else learns
-- the progress (and, for a live vote, the item's count). Refusals leave everything as it was.
local function moveDot(ctx, delta, type)
  local e = ctx.event
  local key = voteKey(ctx, e.vote)
  local vote = redis.call('HMGET', key, 'status', 'settings')
  if not vote[1] then return 'unknown_vote' end
  if vote[1] ~= 'open' then return 'vote_closed' end
  local item = e.board .. '/' .. e.noteId
  if redis.call('SISMEMBER', voteKey(ctx, e.vote, ':items'), item) == 0 then return 'not_in_vote' end
  local settings = cjson.decode(vote[2])
  local dots = voteKey(ctx, e.vote, ':dots:' .. ctx.by)
  local used = tonumber(redis.call('HGET', voteKey(ctx, e.vote, ':used'), ctx.by) or '0')
  local mine = tonumber(redis.call('HGET', dots, item) or '0')
  if delta > 0 then
    if used >= settings.budget then return 'no_dots_left' end
    if mine >= settings.maxPerItem then return 'item_limit' end
  elseif mine == 0 then
    return 'no_dot_here'
  end
  mine = redis.call('HINCRBY', dots, item, delta)
  if mine == 0 then redis.call('HDEL', dots, item) end
  used = redis.call('HINCRBY', voteKey(ctx, e.vote, ':used'), ctx.by, delta)
  local count = redis.call('HINCRBY', voteKey(ctx, e.vote, ':tally'), item, delta)
  if used == 1 and delta > 0 then
    redis.call('HINCRBY', key, 'voters', 1)
    redis.call('HSET', voteKey(ctx, e.vote, ':voters'), ctx.by,
        cjson.encode({name = ctx.rules.name, category = ctx.rules.category}))
  elseif used == 0 then
    redis.call('HINCRBY', key, 'voters', -1)
    redis.call('HDEL', voteKey(ctx, e.vote, ':voters'), ctx.by)
    redis.call('HDEL', voteKey(ctx, e.vote, ':used'), ctx.by)
  end
  redis.call('HINCRBY', key, 'dots', delta)
  redis.call('HINCRBY', key, 'version', 1)
  local totals = redis.call('HMGET', key, 'voters', 'dots')
  local progress = '{"voters":' .. totals[1] .. ',"dots":' .. totals[2]
  if settings.live then progress = progress .. ',"item":' .. cjson.encode(item) .. ',"count":' .. count end
  progress = progress .. '}'
  local voteId = cjson.encode(e.vote)
  return {type = type, audience = 'p:' .. ctx.by,
          body = '{"vote":' .. voteId .. ',"board":' .. cjson.encode(e.board) .. ',"noteId":' .. cjson.encode(e.noteId)
              .. ',"mine":' .. mine .. ',"used":' .. used .. ',"progress":' .. progress .. '}',
          shadow = '{"vote":' .. voteId .. ',"progress":' .. progress .. '}'}
end

-- vote.cast: rules name, category (the voter's, recorded for the results by category).
APPLY['vote.cast'] = function(ctx)
  return moveDot(ctx, 1, 'vote.placed')
end

APPLY['vote.retract'] = function(ctx)
  return moveDot(ctx, -1, 'vote.retracted')
end

-- vote.close: rules version, the vote's version the results were counted at. A dot placed since
-- makes them stale: refused, and the server counts again.
APPLY['vote.close'] = function(ctx)
  local key = voteKey(ctx, ctx.event.vote)
  local vote = redis.call('HMGET', key, 'status', 'version')
  if not vote[1] then return 'unknown_vote' end
  if vote[1] ~= 'open' then return 'vote_closed' end
  if tonumber(vote[2]) ~= ctx.rules.version then return 'vote_changed' end
  redis.call('HSET', key, 'status', 'closed', 'closedAt', ctx.at,
      'result', string.match(ctx.body, ',"result":(.*)}$'))
  return {type = 'vote.closed', body = ctx.body}
end
