-- groups.lock on the workshop stream: the group menu closed (or open again). The server reads the
-- flag where a participant follows or syncs a board.
APPLY['groups.lock'] = function(ctx)
  redis.call('HSET', ctx.prefix .. 'workshop', 'groupsLocked', ctx.event.locked and '1' or '0')
  return {type = 'groups.locked', body = ctx.body}
end
