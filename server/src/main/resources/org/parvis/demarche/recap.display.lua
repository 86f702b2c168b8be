-- recap.display on the workshop stream: whether the projector shows the recap of the démarche's
-- previous atelier (an atelier prepared from another opens with it shown).
APPLY['recap.display'] = function(ctx)
  redis.call('HSET', ctx.prefix .. 'workshop', 'recapShown', ctx.event.shown and '1' or '0')
  return {type = 'recap.displayed', body = ctx.body}
end
