-- note.create on a board stream. rules: board, maxNotes, mayWriteLocked, and speaker (scribe mode:
-- the roster participant whose stored name and category the note takes). The note gets its
-- stream order: the revision that creates it, by which every client stacks overlapping notes.
-- On a board in private mode the note is its author's and the animators' until revealed; the
-- others learn only how many notes are private. A note with a photo takes it (photo.lua).
APPLY['note.create'] = function(ctx)
  local board = ctx.rules.board
  local writable, refusal = boardWritable(ctx, board)
  if not writable then return refusal end
  local notes = boardKey(ctx, board, ':notes')
  local note = ctx.event.note
  if redis.call('HEXISTS', notes, note.id) == 1 then return 'note_exists' end
  if redis.call('HLEN', notes) >= ctx.rules.maxNotes then return 'too_many_notes' end
  if ctx.rules.speaker then
    local speaker = redis.call('HGET', ctx.prefix .. 'participants', ctx.rules.speaker)
    if not speaker then return 'unknown_participant' end
    speaker = cjson.decode(speaker)
    note.authorName, note.authorCategory = speaker.name, speaker.category
  end
  if note.photo then
    local refused = takePhoto(ctx, note.id, note.photo)
    if refused then return refused end
  end
  local private = redis.call('HGET', boardKey(ctx, board), 'mode') == 'private'
  if private then note.unrevealed = true end
  note.createdAt = ctx.at
  note.updatedAt = ctx.at
  note.order = ctx.rev
  local stored = cjson.encode(note)
  redis.call('HSET', notes, note.id, stored)
  redis.call('ZADD', boardKey(ctx, board, ':order'), ctx.rev, note.id)
  if not private then return {type = 'note.created', body = '{"note":' .. stored .. '}'} end
  redis.call('SADD', boardKey(ctx, board, ':private'), note.id)
  local count = privateCount(ctx, board)
  return {type = 'note.created', body = '{"note":' .. stored .. ',"privateCount":' .. count .. '}',
          audience = 'p:' .. note.author .. '|animators', shadow = '{"privateCount":' .. count .. '}'}
end
