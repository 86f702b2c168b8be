-- participant.done on the workshop stream: a participant's "j'ai fini", kept on the roster entry.
-- Only the animators (and the participant itself) are told: others do not count who is done.
APPLY['participant.done'] = function(ctx)
  local participants = ctx.prefix .. 'participants'
  local stored = redis.call('HGET', participants, ctx.by)
  if not stored then return 'unknown_participant' end
  local participant = cjson.decode(stored)
  participant.done = ctx.event.done
  redis.call('HSET', participants, ctx.by, cjson.encode(participant))
  return {type = 'participant.finished', body = ctx.body, audience = 'p:' .. ctx.by .. '|animators'}
end
