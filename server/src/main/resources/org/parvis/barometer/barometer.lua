-- The barometer of a barometer board, on the board's stream. Its state: the hash
-- board:<id>:barometer (indicators JSON, tallies JSON, closed '0'/'1', split JSON once closed,
-- scale 'steps' (none: steps) or 'continuous'), each indicator's answers
-- board:<id>:answers:<index> (participant -> '1'..'7', or '0'..'100' on a continuous scale, or
-- 'unknown'), and board:<id>:answerers (participant -> category) for the split by category.
-- A tally counts each place of the scale: 7 steps, or the 101 places 0..100 of a continuous one.

local function barometerEmptyTally(steps)
  local tally = {steps = {}, unknown = 0}
  for step = 1, steps do tally.steps[step] = 0 end
  return tally
end

-- Where a value is counted in a tally: steps '1'..'7' at 1..7, continuous '0'..'100' at 1..101.
local function barometerPlace(scale, continuous, value)
  return tonumber(value) + (scale == continuous and 1 or 0)
end

-- Adds delta to the place of value (nothing for no value).
local function barometerCount(tally, value, delta, unknown, scale, continuous)
  if not value then return end
  if value == unknown then
    tally.unknown = tally.unknown + delta
  else
    local place = barometerPlace(scale, continuous, value)
    tally.steps[place] = tally.steps[place] + delta
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
local function barometerSplit(ctx, board, count, places, scale)
  local pairs_ = redis.call('HGETALL', boardKey(ctx, board, ':answerers'))
  local categoryOf = {}
  for k = 1, #pairs_, 2 do categoryOf[pairs_[k]] = pairs_[k + 1] end
  local rows = {}
  for index = 0, count - 1 do
    local byCategory = {}
    local answers = redis.call('HGETALL', boardKey(ctx, board, ':answers:' .. index))
    for k = 1, #answers, 2 do
      local category = categoryOf[answers[k]] or 'autre'
      byCategory[category] = byCategory[category] or barometerEmptyTally(places)
      barometerCount(byCategory[category], answers[k + 1], 1, ctx.rules.unknown, scale, ctx.rules.continuous)
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

-- barometer.set: the animator's scales, and the kind of scale. rules: board, places (scale -> how
-- many places it counts). Removing an indicator someone answered is refused, so no answer is lost by
-- a slip; so is changing the kind of scale once anyone answered (the answers would mean nothing).
APPLY['barometer.set'] = function(ctx)
  local board = ctx.rules.board
  local state = boardKey(ctx, board, ':barometer')
  local stored = redis.call('HMGET', state, 'tallies', 'scale')
  if not stored[1] then return 'not_a_barometer' end
  local tallies = cjson.decode(stored[1])
  local scale = stored[2] or 'steps'
  local wanted = ctx.event.scale
  if type(wanted) ~= 'string' then wanted = scale end
  local count = #ctx.event.indicators
  for index = 0, #tallies - 1 do
    local answered = redis.call('HLEN', boardKey(ctx, board, ':answers:' .. index)) > 0
    if answered and index >= count then return 'indicator_answered' end
    if answered and wanted ~= scale then return 'barometer_answered' end
  end
  local resized = {}
  for index = 1, count do
    resized[index] = (wanted == scale and tallies[index]) or barometerEmptyTally(ctx.rules.places[wanted])
  end
  redis.call('HSET', state, 'indicators', cjson.encode(ctx.event.indicators), 'tallies', cjson.encode(resized), 'scale', wanted)
  return {type = 'barometer.changed', body = '{"indicators":' .. cjson.encode(ctx.event.indicators) .. ',"scale":' .. cjson.encode(wanted) .. '}'}
end

-- barometer.answer: a participant's place on one scale, changeable until the barometer closes.
-- rules: board, unknown, continuous, category. The author gets its answer; the others the new tally only.
APPLY['barometer.answer'] = function(ctx)
  local board = ctx.rules.board
  local state = boardKey(ctx, board, ':barometer')
  local stored = redis.call('HMGET', state, 'tallies', 'closed', 'scale')
  if not stored[1] then return 'not_a_barometer' end
  if stored[2] == '1' then return 'barometer_closed' end
  local index, value = ctx.event.indicator, ctx.event.value
  local tallies = cjson.decode(stored[1])
  local tally = tallies[index + 1]
  if not tally then return 'unknown_indicator' end
  local scale, continuous, unknown = stored[3] or 'steps', ctx.rules.continuous, ctx.rules.unknown
  if value ~= unknown then
    local place = barometerPlace(scale, continuous, value)
    if place < 1 or place > #tally.steps then return 'off_scale' end
  end
  local answers = boardKey(ctx, board, ':answers:' .. index)
  barometerCount(tally, redis.call('HGET', answers, ctx.by), -1, unknown, scale, continuous)
  barometerCount(tally, value, 1, unknown, scale, continuous)
  redis.call('HSET', answers, ctx.by, value)
  redis.call('HSET', boardKey(ctx, board, ':answerers'), ctx.by, ctx.rules.category)
  redis.call('HSET', state, 'tallies', cjson.encode(tallies))
  local public = '"indicator":' .. index .. ',"tally":' .. cjson.encode(tally) .. '}'
  return {type = 'barometer.answered', body = '{"value":' .. cjson.encode(value) .. ',' .. public,
          audience = 'p:' .. ctx.by, shadow = '{' .. public}
end

-- barometer.close: closed, the split by category is computed once and published to all; reopened,
-- answers are changeable again and the split is withdrawn. rules: board, unknown, continuous,
-- minAnswers, categories.
APPLY['barometer.close'] = function(ctx)
  local board = ctx.rules.board
  local state = boardKey(ctx, board, ':barometer')
  local fields = redis.call('HMGET', state, 'tallies', 'scale')
  local stored = fields[1]
  if not stored then return 'not_a_barometer' end
  if not ctx.event.closed then
    redis.call('HSET', state, 'closed', '0')
    redis.call('HDEL', state, 'split')
    return {type = 'barometer.closed', body = '{"closed":false,"split":[]}'}
  end
  local tallies = cjson.decode(stored)
  local split = barometerSplit(ctx, board, #tallies, tallies[1] and #tallies[1].steps or 0, fields[2] or 'steps')
  redis.call('HSET', state, 'closed', '1', 'split', split)
  return {type = 'barometer.closed', body = '{"closed":true,"split":' .. split .. '}'}
end
