-- timer.set on the workshop stream, with Redis's time (ctx.at) so every node agrees. A timer is
-- stored in the workshop hash (field 'timer', or 'timer:<board>' for a group's) as
-- {durationMs, endsAt (running) or remainingMs (paused), freezeAtZero}. rules: action, group,
-- durationMs, deltaMs, freezeAtZero. The note functions read it (inputFrozen in apply.lua).
APPLY['timer.set'] = function(ctx)
  local rules, at = ctx.rules, ctx.at
  local workshop = ctx.prefix .. 'workshop'
  local field = 'timer'
  if rules.group then field = 'timer:' .. rules.group end
  local stored = redis.call('HGET', workshop, field)
  local timer = stored and cjson.decode(stored)
  local action = rules.action
  if action == 'start' then
    timer = {durationMs = rules.durationMs, endsAt = at + rules.durationMs, freezeAtZero = rules.freezeAtZero}
  elseif action == 'stop' then
    timer = nil
  elseif not timer then
    return 'timer_not_running'
  elseif action == 'pause' then
    if not timer.endsAt then return 'timer_not_running' end
    timer.remainingMs = math.max(0, timer.endsAt - at)
    timer.endsAt = nil
  elseif action == 'resume' then
    if not timer.remainingMs then return 'timer_not_paused' end
    timer.endsAt = at + timer.remainingMs
    timer.remainingMs = nil
  elseif timer.endsAt then
    timer.endsAt = math.max(math.max(timer.endsAt, at) + rules.deltaMs, at)
  else
    timer.remainingMs = math.max(0, timer.remainingMs + rules.deltaMs)
  end
  local body = {}
  if rules.group then body[#body + 1] = '"group":' .. cjson.encode(rules.group) end
  if timer then
    local encoded = cjson.encode(timer)
    redis.call('HSET', workshop, field, encoded)
    body[#body + 1] = '"timer":' .. encoded
  else
    redis.call('HDEL', workshop, field)
  end
  return {type = 'timer.changed', body = '{' .. table.concat(body, ',') .. '}'}
end
