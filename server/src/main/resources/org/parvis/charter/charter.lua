-- The charter of social vitality (atelier 4), on a charter board's stream. Its state: the hash
-- board:<id>:charter (frozen '0'/'1', frozenAt, order: the commitment ids JSON, document: the frozen
-- charter JSON) and board:<id>:commitments (commitment id -> {id, zone, text, category, at, edited,
-- signatures: [{id, name, category, at}]}). Signatures are public, by name: a charter is a public
-- commitment. Once frozen nothing changes until the lead animator unfreezes it.

-- A signature as JSON, its time as a whole number.
local function charterSignature(s)
  return '{"id":' .. cjson.encode(s.id) .. ',"name":' .. cjson.encode(s.name) .. ',"category":' .. cjson.encode(s.category)
      .. ',"at":' .. string.format('%d', s.at) .. '}'
end

-- A commitment as JSON, its signatures always an array (cjson writes an empty table as an object).
local function charterEncode(c)
  local signatures = {}
  for i, s in ipairs(c.signatures) do signatures[i] = charterSignature(s) end
  return '{"id":' .. cjson.encode(c.id) .. ',"zone":' .. cjson.encode(c.zone) .. ',"text":' .. cjson.encode(c.text)
      .. ',"category":' .. cjson.encode(c.category) .. ',"at":' .. string.format('%d', c.at) .. ',"edited":'
      .. tostring(c.edited == true) .. ',"signatures":[' .. table.concat(signatures, ',') .. ']}'
end

-- nil when the board's charter takes changes, else why not.
local function charterRefusal(ctx, board)
  local frozen = redis.call('HGET', boardKey(ctx, board, ':charter'), 'frozen')
  if not frozen then return 'not_a_charter' end
  if frozen == '1' then return 'charter_frozen' end
  return nil
end

local function charterGet(ctx, board, id)
  local stored = redis.call('HGET', boardKey(ctx, board, ':commitments'), id)
  return stored and cjson.decode(stored)
end

local function charterPut(ctx, board, c)
  local text = charterEncode(c)
  redis.call('HSET', boardKey(ctx, board, ':commitments'), c.id, text)
  return text
end

-- The board and the commitment the command names (event.commitmentId), or nil and why not.
local function charterTarget(ctx)
  local board = ctx.rules.board
  local refusal = charterRefusal(ctx, board)
  if refusal then return nil, nil, refusal end
  local c = charterGet(ctx, board, ctx.event.commitmentId)
  if not c then return nil, nil, 'unknown_commitment' end
  return board, c
end

local function charterOrder(ctx, board)
  return cjson.decode(redis.call('HGET', boardKey(ctx, board, ':charter'), 'order') or '[]')
end

local function charterSetOrder(ctx, board, order)
  redis.call('HSET', boardKey(ctx, board, ':charter'), 'order', #order == 0 and '[]' or cjson.encode(order))
end

local function charterWithout(order, id)
  local kept = {}
  for _, each in ipairs(order) do if each ~= id then kept[#kept + 1] = each end end
  return kept
end

-- commitment.create: rules: board, category (the author's), max, mayWriteLocked.
APPLY['commitment.create'] = function(ctx)
  local board = ctx.rules.board
  local refusal = charterRefusal(ctx, board)
  if refusal then return refusal end
  local writable, why = boardWritable(ctx, board)
  if not writable then return why end
  local e = ctx.event.commitment
  if redis.call('HEXISTS', boardKey(ctx, board, ':commitments'), e.id) == 1 then return 'commitment_exists' end
  if redis.call('HLEN', boardKey(ctx, board, ':commitments')) >= ctx.rules.max then return 'too_many_commitments' end
  local text = charterPut(ctx, board, {id = e.id, zone = e.zone, text = e.text, category = ctx.rules.category,
                                       at = ctx.at, edited = false, signatures = {}})
  local order = charterOrder(ctx, board)
  order[#order + 1] = e.id
  charterSetOrder(ctx, board, order)
  return {type = 'commitment.created', body = '{"commitment":' .. text .. '}'}
end

-- commitment.edit: an animator's new text and/or indicator; one moved to another indicator goes last there.
APPLY['commitment.edit'] = function(ctx)
  local board, c, refusal = charterTarget(ctx)
  if refusal then return refusal end
  local e = ctx.event
  if e.text and e.text ~= c.text then
    c.text = e.text
    c.edited = true
  end
  if e.zone and e.zone ~= c.zone then
    c.zone = e.zone
    local order = charterWithout(charterOrder(ctx, board), c.id)
    order[#order + 1] = c.id
    charterSetOrder(ctx, board, order)
  end
  charterPut(ctx, board, c)
  return {type = 'commitment.edited', body = ctx.body}
end

APPLY['commitment.delete'] = function(ctx)
  local board = ctx.rules.board
  local refusal = charterRefusal(ctx, board)
  if refusal then return refusal end
  local id = ctx.event.commitmentId
  if redis.call('HDEL', boardKey(ctx, board, ':commitments'), id) == 0 then return 'unknown_commitment' end
  charterSetOrder(ctx, board, charterWithout(charterOrder(ctx, board), id))
  return {type = 'commitment.deleted', body = ctx.body}
end

-- commitment.merge: commitmentId joins into, which takes the text and everyone's signature once.
APPLY['commitment.merge'] = function(ctx)
  local board = ctx.rules.board
  local refusal = charterRefusal(ctx, board)
  if refusal then return refusal end
  local e = ctx.event
  local gone = charterGet(ctx, board, e.commitmentId)
  local into = charterGet(ctx, board, e.into)
  if not gone or not into then return 'unknown_commitment' end
  local signed = {}
  for _, s in ipairs(into.signatures) do signed[s.id] = true end
  for _, s in ipairs(gone.signatures) do
    if not signed[s.id] then
      into.signatures[#into.signatures + 1] = s
      signed[s.id] = true
    end
  end
  into.text = e.text
  into.edited = true
  local text = charterPut(ctx, board, into)
  redis.call('HDEL', boardKey(ctx, board, ':commitments'), gone.id)
  charterSetOrder(ctx, board, charterWithout(charterOrder(ctx, board), gone.id))
  return {type = 'commitments.merged', body = '{"commitmentId":' .. cjson.encode(gone.id) .. ',"into":' .. cjson.encode(into.id)
      .. ',"text":' .. cjson.encode(into.text) .. ',"commitment":' .. text .. '}'}
end

-- commitment.reorder: the order must name exactly the indicator's commitments; the others keep their places.
APPLY['commitment.reorder'] = function(ctx)
  local board = ctx.rules.board
  local refusal = charterRefusal(ctx, board)
  if refusal then return refusal end
  local e = ctx.event
  local order = charterOrder(ctx, board)
  local stored = {}
  if #order > 0 then stored = redis.call('HMGET', boardKey(ctx, board, ':commitments'), unpack(order)) end
  local inZone = {}
  local count = 0
  for i, id in ipairs(order) do
    if stored[i] and cjson.decode(stored[i]).zone == e.zone then
      inZone[id] = true
      count = count + 1
    end
  end
  if count ~= #e.order then return 'order_mismatch' end
  for _, id in ipairs(e.order) do if not inZone[id] then return 'order_mismatch' end end
  local place = 1
  for i, id in ipairs(order) do
    if inZone[id] then
      order[i] = e.order[place]
      place = place + 1
    end
  end
  charterSetOrder(ctx, board, order)
  return {type = 'commitments.reordered', body = ctx.body}
end

-- commitment.sign: one signature per person per commitment, taken back as wished until frozen.
-- rules: board, name, category (the signer's).
APPLY['commitment.sign'] = function(ctx)
  local board, c, refusal = charterTarget(ctx)
  if refusal then return refusal end
  local e = ctx.event
  local found
  for i, s in ipairs(c.signatures) do if s.id == ctx.by then found = i end end
  local signature
  if e.signed then
    if found then return 'already_signed' end
    signature = {id = ctx.by, name = ctx.rules.name, category = ctx.rules.category, at = ctx.at}
    c.signatures[#c.signatures + 1] = signature
  else
    if not found then return 'not_signed' end
    signature = table.remove(c.signatures, found)
  end
  charterPut(ctx, board, c)
  return {type = 'commitment.signed', body = '{"commitmentId":' .. cjson.encode(c.id) .. ',"signed":' .. tostring(e.signed == true)
      .. ',"signature":' .. charterSignature(signature) .. ',"count":' .. #c.signatures .. '}'}
end

-- charter.freeze: frozen, the charter as it stands is kept with the workshop (document) for the
-- restitution; unfrozen (the lead animator only, checked before), it takes changes again and the
-- document is withdrawn until the next freeze. rules: board, name, zones [{id, title}], by (a name).
APPLY['charter.freeze'] = function(ctx)
  local board = ctx.rules.board
  local state = boardKey(ctx, board, ':charter')
  local frozen = redis.call('HGET', state, 'frozen')
  if not frozen then return 'not_a_charter' end
  if not ctx.event.frozen then
    if frozen ~= '1' then return 'charter_not_frozen' end
    redis.call('HSET', state, 'frozen', '0')
    redis.call('HDEL', state, 'frozenAt', 'document')
    return {type = 'charter.frozen', body = '{"frozen":false}'}
  end
  if frozen == '1' then return 'charter_frozen' end
  local order = charterOrder(ctx, board)
  local stored = {}
  if #order > 0 then stored = redis.call('HMGET', boardKey(ctx, board, ':commitments'), unpack(order)) end
  local byZone = {}
  for _, text in ipairs(stored) do
    if text then
      local c = cjson.decode(text)
      byZone[c.zone] = byZone[c.zone] or {}
      byZone[c.zone][#byZone[c.zone] + 1] = string.sub(text, 1, -2) .. ',"count":' .. #c.signatures .. '}'
    end
  end
  local indicators = {}
  for i, zone in ipairs(ctx.rules.zones) do
    indicators[i] = '{"zone":' .. cjson.encode(zone.id) .. ',"title":' .. cjson.encode(zone.title) .. ',"commitments":['
        .. table.concat(byZone[zone.id] or {}, ',') .. ']}'
  end
  local document = '{"board":' .. cjson.encode(board) .. ',"name":' .. cjson.encode(ctx.rules.name) .. ',"frozenAt":'
      .. string.format('%d', ctx.at) .. ',"frozenBy":' .. cjson.encode(ctx.rules.by) .. ',"indicators":['
      .. table.concat(indicators, ',') .. ']}'
  redis.call('HSET', state, 'frozen', '1', 'frozenAt', ctx.at, 'document', document)
  return {type = 'charter.frozen', body = '{"frozen":true,"frozenAt":' .. string.format('%d', ctx.at) .. '}'}
end
