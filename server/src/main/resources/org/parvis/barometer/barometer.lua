-- The barometer of a barometer board, on the board's stream. Its state: the hash
-- board:<id>:barometer (indicators JSON, tallies JSON, closed '0'/'1', split JSON once closed),
-- each indicator's answers board:<id>:answers:<index> (participant -> '1'..'7' or 'unknown'),
-- and board:<id>:answerers (participant -> category) for the split by category.

local function barometerEmptyTally(steps)
  local tally = {steps = {}, unknown = 0}
  for step = 1, steps do tally.steps[step] = 0 end
  return tally
end

-- Adds delta to the step of value (nothing for no value).
local function barometerCount(tally, value, delta, unknown)
  if not value then return end
  if value == unknown then
    tally.unknown = tally.unknown + delta
  else
    local step = tonumber(value)
    tally.steps[step] = tally.steps[step] + delta
  end
end

local function barometerTotal(tally)
  local total = tally.unknown
  for _, count in ipairs(tally.steps) do total = total + count end
  return total
end

-- Each indicator's answers by category, in the rules' category order, keeping only categories with
-- at least rules.minAnswers answers on that indicator ("je ne sais pas" counts): fewer would tell
-- who answered what.
local function barometerSplit(ctx, board, count)
  local pairs_ = redis.call('HGETALL', boardKey(ctx, board, ':answerers'))
  local categoryOf = {}
  for k = 1, #pairs_, 2 do categoryOf[pairs_[k]] = pairs_[k + 1] end
  local rows = {}
  for index = 0, count - 1 do
    local byCategory = {}
    local answers = redis.call('HGETALL', boardKey(ctx, board, ':answers:' .. index))
    for k = 1, #answers, 2 do
      local category = categoryOf[answers[k]] or 'autre'
      byCategory[category] = byCategory[category] or barometerEmptyTally(ctx.rules.steps)
      barometerCount(byCategory[category], answers[k + 1], 1, ctx.rules.unknown)
    end
    for _, category in ipairs(ctx.rules.categories) do
      local tally = byCategory[category]
      if tally and barometerTotal(tally) >= ctx.rules.minAnswers then
        rows[#rows + 1] = cjson.encode({indicator = index, category = category, steps = tally.steps, unknown = tally.unknown})
      end
    end
  end
  return '[' .. table.concat(rows, ',') .. ']'
end

-- barometer.set: the animator's scales. rules: board, steps. Removing an indicator someone answered
-- is refused, so no answer is lost by a slip.
APPLY['barometer.set'] = function(ctx)
  local board = ctx.rules.board
  local state = boardKey(ctx, board, ':barometer')
  local stored = redis.call('HGET', state, 'tallies')
  if not stored then return 'not_a_barometer' end
  local tallies = cjson.decode(stored)
  local count = #ctx.event.indicators
  for index = count, #tallies - 1 do
    if redis.call('HLEN', boardKey(ctx, board, ':answers:' .. index)) > 0 then return 'indicator_answered' end
  end
  local resized = {}
  for index = 1, count do resized[index] = tallies[index] or barometerEmptyTally(ctx.rules.steps) end
  redis.call('HSET', state, 'indicators', cjson.encode(ctx.event.indicators), 'tallies', cjson.encode(resized))
  return {type = 'barometer.changed', body = ctx.body}
end

-- barometer.answer: a participant's place on one scale, changeable until the barometer closes.
-- rules: board, unknown, category. The author gets its answer; the others the new tally only.
APPLY['barometer.answer'] = function(ctx)
  local board = ctx.rules.board
  local state = boardKey(ctx, board, ':barometer')
  local stored = redis.call('HMGET', state, 'tallies', 'closed')
  if not stored[1] then return 'not_a_barometer' end
  if stored[2] == '1' then return 'barometer_closed' end
  local index, value = ctx.event.indicator, ctx.event.value
  local tallies = cjson.decode(stored[1])
  local tally = tallies[index + 1]
  if not tally then return 'unknown_indicator' end
  local answers = boardKey(ctx, board, ':answers:' .. index)
  barometerCount(tally, redis.call('HGET', answers, ctx.by), -1, ctx.rules.unknown)
  barometerCount(tally, value, 1, ctx.rules.unknown)
  redis.call('HSET', answers, ctx.by, value)
  redis.call('HSET', boardKey(ctx, board, ':answerers'), ctx.by, ctx.rules.category)
  redis.call('HSET', state, 'tallies', cjson.encode(tallies))
  local public = '"indicator":' .. index .. ',"tally":' .. cjson.encode(tally) .. '}'
  return {type = 'barometer.answered', body = '{"value":' .. cjson.encode(value) .. ',' .. public,
          audience = 'p:' .. ctx.by, shadow = '{' .. public}
end

-- barometer.close: closed, the split by category is computed once and published to all; reopened,
-- answers are changeable again and the split is withdrawn. rules: board, unknown, steps,
-- minAnswers, categories.
APPLY['barometer.close'] = function(ctx)
  local board = ctx.rules.board
  local state = boardKey(ctx, board, ':barometer')
  local stored = redis.call('HGET', state, 'tallies')
  if not stored then return 'not_a_barometer' end
  if not ctx.event.closed then
    redis.call('HSET', state, 'closed', '0')
    redis.call('HDEL', state, 'split')
    return {type = 'barometer.closed', body = '{"closed":false,"split":[]}'}
  end
  local split = barometerSplit(ctx, board, #cjson.decode(stored))
  redis.call('HSET', state, 'closed', '1', 'split', split)
  return {type = 'barometer.closed', body = '{"closed":true,"split":' .. split .. '}'}
end
