-- participant.remove on the workshop stream, applied by the server when an animator removes someone.
-- The roster loses the person; the notes they wrote stay on their boards.
APPLY['participant.remove'] = function(ctx)
  if redis.call('HDEL', ctx.prefix .. 'participants', ctx.event.participant) == 0 then return 'unknown_participant' end
  return {type = 'participant.removed', body = ctx.body, audience = 'animators'}
end
