-- What the note functions share: who sees a note and who may change it. A note written while its
-- board is in private mode (set ':private') or hidden by an animator (set ':hidden') is seen by its
-- author and the animators only, by every event about it. A note revealed anonymously is stored
-- without its author, who is kept apart (hash ':authors') for its own rights. Deleted notes are
-- kept (hash ':deleted', newest ids first in list ':trash') for an animator to restore; a note pushed
-- out of the trash is gone for good, with its photo.
local TRASH_LENGTH = 200

-- The stored note as the sender may know it, or nil: {note, author, private, hidden, audience}.
local function noteView(ctx, board, id)
  local stored = redis.call('HGET', boardKey(ctx, board, ':notes'), id)
  if not stored then return nil end
  local note = cjson.decode(stored)
  local author = note.author
  if note.anonymous then author = redis.call('HGET', boardKey(ctx, board, ':authors'), id) or '' end
  local view = {note = note, author = author, audience = 'all',
                private = redis.call('SISMEMBER', boardKey(ctx, board, ':private'), id) == 1,
                hidden = redis.call('SISMEMBER', boardKey(ctx, board, ':hidden'), id) == 1}
  if view.private or view.hidden then
    if not ctx.rules.moderates and author ~= ctx.by then return nil end
    view.audience = 'p:' .. author .. '|animators'
  end
  return view
end

-- Its author, an animator, or anyone on a board that lets everyone edit everything.
local function mayChangeNote(ctx, board, view)
  return ctx.rules.moderates or view.author == ctx.by
      or redis.call('HGET', boardKey(ctx, board), 'anyoneEdits') == '1'
end

local function privateCount(ctx, board)
  return redis.call('SCARD', boardKey(ctx, board, ':private'))
end

-- An event about a note, with the note's audience; the others learn only how many notes are private.
local function noteEvent(ctx, board, view, type, body)
  local event = {type = type, body = body}
  if view.audience ~= 'all' then
    event.audience = view.audience
    if view.private then event.shadow = '{"privateCount":' .. privateCount(ctx, board) .. '}' end
  end
  -- Whoever changes an anonymous note it wrote stays anonymous: the envelope does not name it.
  if view.note.anonymous and view.author == ctx.by then event.by = '' end
  return event
end

-- Takes a note off the board into the trash, with who removed it and when.
local function trashNote(ctx, board, view)
  local id = view.note.id
  redis.call('HDEL', boardKey(ctx, board, ':notes'), id)
  redis.call('ZREM', boardKey(ctx, board, ':order'), id)
  redis.call('SREM', boardKey(ctx, board, ':private'), id)
  redis.call('SREM', boardKey(ctx, board, ':hidden'), id)
  redis.call('HDEL', boardKey(ctx, board, ':authors'), id)
  -- A deleted note leaves its cluster (cluster/cluster.lua); restored, it stands alone.
  redis.call('HDEL', boardKey(ctx, board, ':clusterOf'), id)
  -- The author of an anonymous note who deletes it stays anonymous in the trash too.
  local anonymousAuthor = view.note.anonymous and view.author == ctx.by
  local record = {note = view.note, author = view.author, private = view.private, at = ctx.at,
                  by = anonymousAuthor and '' or ctx.by, byName = anonymousAuthor and '' or ctx.rules.name}
  local trash = boardKey(ctx, board, ':trash')
  redis.call('HSET', boardKey(ctx, board, ':deleted'), id, cjson.encode(record))
  redis.call('LREM', trash, 0, id)
  redis.call('LPUSH', trash, id)
  while redis.call('LLEN', trash) > TRASH_LENGTH do
    local gone = redis.call('RPOP', trash)
    local deleted = redis.call('HGET', boardKey(ctx, board, ':deleted'), gone)
    if deleted then dropPhoto(ctx, cjson.decode(deleted).note) end
    redis.call('HDEL', boardKey(ctx, board, ':deleted'), gone)
  end
end

local function storeNote(ctx, board, note)
  note.updatedAt = ctx.at
  local stored = cjson.encode(note)
  redis.call('HSET', boardKey(ctx, board, ':notes'), note.id, stored)
  return stored
end

-- How many Unicode code points a UTF-8 text holds (every byte that does not continue a character).
local function codePoints(text)
  local _, count = string.gsub(text, '[^\128-\191]', '')
  return count
end
