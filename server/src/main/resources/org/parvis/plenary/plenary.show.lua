-- plenary.show on the workshop stream: what the plenary screen shows, stored and announced in one
-- step, so every screen ends on what Redis holds. The body is {"plenary":{"boards":[...]}}.
APPLY['plenary.show'] = function(ctx)
  redis.call('HSET', ctx.prefix .. 'workshop', 'plenary', string.match(ctx.body, '^{"plenary":(.*)}$'))
  return {type = 'plenary.changed', body = ctx.body}
end
