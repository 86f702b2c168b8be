-- note.delete on a board stream. rules: board, mayWriteLocked, moderates, name. The note goes to
-- the trash, from which an animator may restore it.
APPLY['note.delete'] = function(ctx)
  local board = ctx.rules.board
  local writable, refusal = boardWritable(ctx, board)
  if not writable then return refusal end
  local view = noteView(ctx, board, ctx.event.noteId)
  if not view then return 'unknown_note' end
  if not mayChangeNote(ctx, board, view) then return 'not_author' end
  trashNote(ctx, board, view)
  local body = ctx.body
  if view.private then body = '{"noteId":' .. cjson.encode(view.note.id) .. ',"privateCount":' .. privateCount(ctx, board) .. '}' end
  return noteEvent(ctx, board, view, 'note.deleted', body)
end
