-- group.follow on the workshop stream: "bring everyone here". rules: group, the board of the
-- animator's group (absent: the lead animator brings every participant). The audience is the
-- participants of that group as stored now, moves included, and the animators.
APPLY['group.follow'] = function(ctx)
  local group = ctx.rules.group
  local audience = {}
  for _, stored in ipairs(redis.call('HVALS', ctx.prefix .. 'participants')) do
    local participant = cjson.decode(stored)
    if not group or participant.board == group then audience[#audience + 1] = 'p:' .. participant.id end
  end
  audience[#audience + 1] = 'animators'
  return {type = 'follow', body = ctx.body, audience = table.concat(audience, '|')}
end
