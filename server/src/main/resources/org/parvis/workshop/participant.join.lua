-- participant.join on the workshop stream, applied by the server when someone joins by HTTP.
-- Animators see who joined; everyone else gets the shadow, so revisions stay gap-free.
-- The join is one round trip: the code typed must still be the workshop's, joining open, and the
-- new token (rules.token, its SHA-256) is listed among the workshop's tokens, so that a revocation
-- or a deletion finds it; the token's own key is global and written by the server after this.
APPLY['participant.join'] = function(ctx)
  local participant = ctx.event.participant
  local rules = ctx.rules
  if rules.code then
    local workshop = redis.call('HMGET', ctx.prefix .. 'workshop', 'code', 'joiningClosed')
    if workshop[1] ~= rules.code then return 'unknown_code' end
    if workshop[2] == '1' then return 'joining_closed' end
  end
  if rules.token then
    redis.call('HSET', ctx.prefix .. 'tokens', rules.token, participant.id)
  end
  redis.call('HSET', ctx.prefix .. 'participants', participant.id, cjson.encode(participant))
  return {type = 'participant.joined', body = ctx.body, audience = 'animators'}
end
