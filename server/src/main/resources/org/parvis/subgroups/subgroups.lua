-- Boards made while the workshop runs (atelier.deepen, axes.set), on the workshop stream. The
-- server has made each board's hash and stream; here they join the workshop's list, once: the
-- marker (rules.marker, a field of the workshop hash) refuses a second time with rules.already.
-- rules.boards: the new board ids, in order.
local function addBoards(ctx)
  local workshop = ctx.prefix .. 'workshop'
  if redis.call('HEXISTS', workshop, ctx.rules.marker) == 1 then return ctx.rules.already end
  local boards = cjson.decode(redis.call('HGET', workshop, 'boards') or '[]')
  for _, id in ipairs(ctx.rules.boards) do
    if redis.call('EXISTS', boardKey(ctx, id)) == 0 then return 'unknown_board' end
    for _, listed in ipairs(boards) do
      if listed == id then return ctx.rules.already end
    end
    boards[#boards + 1] = id
  end
  redis.call('HSET', workshop, 'boards', cjson.encode(boards), ctx.rules.marker, cjson.encode(ctx.rules.boards))
  return {type = 'boards.added', body = ctx.body}
end

-- atelier.deepen: rules.vote, which must be closed (its ranking gave the kept actions).
APPLY['atelier.deepen'] = function(ctx)
  local status = redis.call('HGET', ctx.prefix .. 'vote:' .. ctx.rules.vote, 'status')
  if not status then return 'unknown_vote' end
  if status ~= 'closed' then return 'vote_not_closed' end
  return addBoards(ctx)
end

APPLY['axes.set'] = function(ctx)
  return addBoards(ctx)
end

-- axis.choose: the participant moves itself to one of the axes' boards, as participant.move would
-- move it (its function does the move), while the group menu is open.
APPLY['axis.choose'] = function(ctx)
  local workshop = ctx.prefix .. 'workshop'
  local axes = redis.call('HGET', workshop, 'axes')
  if not axes then return 'no_axes' end
  local found = false
  for _, id in ipairs(cjson.decode(axes)) do
    if id == ctx.event.board then found = true end
  end
  if not found then return 'not_an_axis' end
  if redis.call('HGET', workshop, 'groupsLocked') == '1' then return 'groups_locked' end
  return APPLY['participant.move'](ctx)
end
