-- join.display on the workshop stream: how the projector shows the join code and its QR code
-- (large, corner, hidden), chosen by an animator instead of guessed by the projector.
APPLY['join.display'] = function(ctx)
  redis.call('HSET', ctx.prefix .. 'workshop', 'joinDisplay', ctx.event.mode)
  return {type = 'join.displayed', body = ctx.body}
end
