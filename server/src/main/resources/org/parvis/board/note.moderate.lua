-- The animators' moderation of a board's notes. rules: board, moderates (always true: the server
-- lets animators only send these), name.

-- note.hide: the note leaves every screen but its author's (marked hidden) and the animators'.
APPLY['note.hide'] = function(ctx)
  local board = ctx.rules.board
  local view = noteView(ctx, board, ctx.event.noteId)
  if not view then return 'unknown_note' end
  local note = view.note
  note.hiddenBy = ctx.rules.name
  storeNote(ctx, board, note)
  local wasSeenByAll = view.audience == 'all'
  redis.call('SADD', boardKey(ctx, board, ':hidden'), note.id)
  view.hidden = true
  view.audience = 'p:' .. view.author .. '|animators'
  local event = noteEvent(ctx, board, view, 'note.hidden',
      '{"noteId":' .. cjson.encode(note.id) .. ',"hiddenBy":' .. cjson.encode(ctx.rules.name) .. '}')
  if wasSeenByAll then event.shadow = '{"withdrawn":' .. cjson.encode(note.id) .. '}' end
  return event
end

-- note.restore: a hidden note shown again, or a deleted one put back from the trash as it was.
APPLY['note.restore'] = function(ctx)
  local board = ctx.rules.board
  local id = ctx.event.note.id
  local view = noteView(ctx, board, id)
  if view then
    if not view.hidden then return 'unknown_note' end
    redis.call('SREM', boardKey(ctx, board, ':hidden'), id)
    view.note.hiddenBy = nil
  else
    local record = redis.call('HGET', boardKey(ctx, board, ':deleted'), id)
    if not record then return 'unknown_note' end
    if redis.call('HLEN', boardKey(ctx, board, ':notes')) >= ctx.rules.maxNotes then return 'too_many_notes' end
    record = cjson.decode(record)
    view = {note = record.note, author = record.author, private = record.private}
    redis.call('HDEL', boardKey(ctx, board, ':deleted'), id)
    redis.call('LREM', boardKey(ctx, board, ':trash'), 0, id)
    redis.call('ZADD', boardKey(ctx, board, ':order'), string.format('%d', view.note.order), id)
    if view.note.anonymous then redis.call('HSET', boardKey(ctx, board, ':authors'), id, view.author) end
    if view.private then redis.call('SADD', boardKey(ctx, board, ':private'), id) end
    view.note.hiddenBy = nil
  end
  view.hidden = false
  view.audience = view.private and ('p:' .. view.author .. '|animators') or 'all'
  local stored = storeNote(ctx, board, view.note)
  local body = '{"note":' .. stored
  if view.private then body = body .. ',"privateCount":' .. privateCount(ctx, board) end
  return noteEvent(ctx, board, view, 'note.restored', body .. '}')
end

-- note.merge: the other note's text joins the kept note's, the other goes to the trash. Both must
-- be seen by everyone: a private or hidden note is revealed or restored first.
APPLY['note.merge'] = function(ctx)
  local board = ctx.rules.board
  local kept = noteView(ctx, board, ctx.event.noteId)
  local other = noteView(ctx, board, ctx.event.otherId)
  if not kept or not other then return 'unknown_note' end
  if kept.audience ~= 'all' or other.audience ~= 'all' then return 'note_not_public' end
  local text = kept.note.text
  if text ~= '' and other.note.text ~= '' then text = text .. '\n' end
  text = text .. other.note.text
  if codePoints(text) > ctx.rules.maxText then return 'text_too_long' end
  kept.note.text = text
  kept.note.moderatedBy = ctx.rules.name
  storeNote(ctx, board, kept.note)
  trashNote(ctx, board, other)
  return {type = 'notes.merged', body = cjson.encode({noteId = kept.note.id, otherId = other.note.id, text = text,
                                                        moderatedBy = ctx.rules.name})}
end

-- board.reveal: every private note of the board to everyone at once, in one event; anonymous when
-- the animator chose so (the author kept apart, for its own rights only). Hidden notes stay hidden.
APPLY['board.reveal'] = function(ctx)
  local board = ctx.rules.board
  local private = boardKey(ctx, board, ':private')
  local ids = redis.call('SMEMBERS', private)
  local revealed = {}
  for _, id in ipairs(ids) do
    local note = cjson.decode(redis.call('HGET', boardKey(ctx, board, ':notes'), id))
    note.unrevealed = nil
    if ctx.event.anonymous then
      redis.call('HSET', boardKey(ctx, board, ':authors'), id, note.author)
      note.author = ''
      note.authorName = ''
      note.anonymous = true
    end
    local stored = cjson.encode(note)
    redis.call('HSET', boardKey(ctx, board, ':notes'), id, stored)
    if redis.call('SISMEMBER', boardKey(ctx, board, ':hidden'), id) == 0 then
      revealed[#revealed + 1] = {order = note.order, json = stored}
    end
  end
  redis.call('DEL', private)
  table.sort(revealed, function(a, b) return a.order < b.order end)
  local notes = {}
  for index, note in ipairs(revealed) do notes[index] = note.json end
  return {type = 'notes.revealed', body = '{"board":' .. cjson.encode(board) .. ',"anonymous":'
      .. tostring(ctx.event.anonymous == true) .. ',"notes":[' .. table.concat(notes, ',') .. ']}'}
end
