-- participant.move on the workshop stream: the participant's group, stored where the server reads
-- it whenever it matters (the group menu, "bring everyone here", the session), so a moved
-- participant needs no new token. Told to that participant and to the animators.
APPLY['participant.move'] = function(ctx)
  local participants = ctx.prefix .. 'participants'
  local stored = redis.call('HGET', participants, ctx.event.participant)
  if not stored then return 'unknown_participant' end
  local participant = cjson.decode(stored)
  participant.board = ctx.event.board
  redis.call('HSET', participants, ctx.event.participant, cjson.encode(participant))
  return {type = 'participant.moved', body = ctx.body, audience = 'p:' .. ctx.event.participant .. '|animators'}
end
