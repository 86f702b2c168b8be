-- agenda.set on the workshop stream: the whole agenda, replaced at once (edited live). The sequence
-- running stays in it, or the change is refused. The body is {"sequences":[...]}.
APPLY['agenda.set'] = function(ctx)
  local workshop = ctx.prefix .. 'workshop'
  local current = redis.call('HGET', workshop, 'sequence')
  if current then
    local kept = false
    for _, sequence in ipairs(ctx.event.sequences) do
      if sequence.id == current then kept = true end
    end
    if not kept then return 'sequence_in_progress' end
  end
  redis.call('HSET', workshop, 'agenda', string.match(ctx.body, '^{"sequences":(.*)}$'))
  return {type = 'agenda.changed', body = ctx.body}
end
