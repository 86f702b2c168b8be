-- note.update on a board stream, field by field: last writer wins in the order Redis runs scripts.
-- rules: board, mayWriteLocked.
APPLY['note.update'] = function(ctx)
  local board = ctx.rules.board
  local writable, refusal = boardWritable(ctx, board)
  if not writable then return refusal end
  local notes = boardKey(ctx, board, ':notes')
  local stored = redis.call('HGET', notes, ctx.event.noteId)
  if not stored then return 'unknown_note' end
  local note = cjson.decode(stored)
  for name, value in pairs(ctx.event.fields) do note[name] = value end
  note.updatedAt = ctx.at
  redis.call('HSET', notes, ctx.event.noteId, cjson.encode(note))
  return {type = 'note.updated', body = ctx.body}
end
