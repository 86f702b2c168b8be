-- note.delete on a board stream. rules: board, mayWriteLocked.
APPLY['note.delete'] = function(ctx)
  local board = ctx.rules.board
  local writable, refusal = boardWritable(ctx, board)
  if not writable then return refusal end
  if redis.call('HDEL', boardKey(ctx, board, ':notes'), ctx.event.noteId) == 0 then return 'unknown_note' end
  redis.call('ZREM', boardKey(ctx, board, ':order'), ctx.event.noteId)
  return {type = 'note.deleted', body = ctx.body}
end
