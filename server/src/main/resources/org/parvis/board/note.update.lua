-- note.update on a board stream, field by field: last writer wins in the order Redis runs scripts.
-- rules: board, mayWriteLocked, moderates, name. An animator's change to another's note marks it
-- (moderatedBy), so its author sees that the animation changed it. A new photo replaces the old
-- one, which is deleted; photo '' takes the photo off the note.
APPLY['note.update'] = function(ctx)
  local board = ctx.rules.board
  local writable, refusal = boardWritable(ctx, board)
  if not writable then return refusal end
  local view = noteView(ctx, board, ctx.event.noteId)
  if not view then return 'unknown_note' end
  if not mayChangeNote(ctx, board, view) then return 'not_author' end
  local note = view.note
  local photo = ctx.event.fields.photo
  if photo and photo ~= (note.photo or '') then
    if photo ~= '' then
      local refused = takePhoto(ctx, note.id, photo)
      if refused then return refused end
    end
    dropPhoto(ctx, note)
  end
  for name, value in pairs(ctx.event.fields) do note[name] = value end
  if note.photo == '' then note.photo = nil end
  local body = ctx.body
  if ctx.rules.moderates and view.author ~= ctx.by then
    note.moderatedBy = ctx.rules.name
    body = string.sub(body, 1, -2) .. ',"moderatedBy":' .. cjson.encode(ctx.rules.name) .. '}'
  end
  storeNote(ctx, board, note)
  return noteEvent(ctx, board, view, 'note.updated', body)
end
