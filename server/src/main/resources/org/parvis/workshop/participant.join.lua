-- participant.join on the workshop stream, applied by the server when someone joins by HTTP.
-- Animators see who joined; everyone else gets the shadow, so revisions stay gap-free.
APPLY['participant.join'] = function(ctx)
  local participant = ctx.event.participant
  redis.call('HSET', ctx.prefix .. 'participants', participant.id, cjson.encode(participant))
  return {type = 'participant.joined', body = ctx.body, audience = 'animators'}
end
