-- Applies one change to a board, atomically: command id check, lock check, the change itself
-- (field by field: last writer wins in the order Redis runs scripts), revision bump, event log,
-- pub/sub. Returns {status, revision}.
-- KEYS: 1 meta hash, 2 notes hash, 3 event log list, 4 command-id marker
-- ARGV: 1 kind (create|update|delete|lock), 2 board id, 3 note id, 4 payload JSON,
--       5 command id, 6 author, 7 time (ms), 8 '1' if the author may write a locked board,
--       9 log length, 10 max notes, 11 command-id memory (s), 12 events channel
local meta, notes, log, command = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local kind, noteId, payload = ARGV[1], ARGV[3], ARGV[4]
local at = tonumber(ARGV[7])

local seen = redis.call('GET', command)
if seen then return {'duplicate', tonumber(seen)} end
if redis.call('EXISTS', meta) == 0 then return {'unknown_board', 0} end
if kind ~= 'lock' and ARGV[8] ~= '1' and redis.call('HGET', meta, 'locked') == '1' then
  return {'board_locked', 0}
end

local event = {board = ARGV[2], cmd = ARGV[5], by = ARGV[6], at = at}
if kind == 'create' then
  if redis.call('HEXISTS', notes, noteId) == 1 then return {'note_exists', 0} end
  if redis.call('HLEN', notes) >= tonumber(ARGV[10]) then return {'too_many_notes', 0} end
  local note = cjson.decode(payload)
  note.id = noteId
  note.createdAt = at
  note.updatedAt = at
  redis.call('HSET', notes, noteId, cjson.encode(note))
  event.type = 'note.created'
  event.note = note
elseif kind == 'update' then
  local stored = redis.call('HGET', notes, noteId)
  if not stored then return {'unknown_note', 0} end
  local note = cjson.decode(stored)
  local fields = cjson.decode(payload)
  for name, value in pairs(fields) do note[name] = value end
  note.updatedAt = at
  redis.call('HSET', notes, noteId, cjson.encode(note))
  event.type = 'note.updated'
  event.noteId = noteId
  event.fields = fields
elseif kind == 'delete' then
  if redis.call('HDEL', notes, noteId) == 0 then return {'unknown_note', 0} end
  event.type = 'note.deleted'
  event.noteId = noteId
elseif kind == 'lock' then
  local locked = payload == 'true'
  redis.call('HSET', meta, 'locked', locked and '1' or '0')
  event.type = 'board.locked'
  event.locked = locked
else
  return {'unknown_command', 0}
end

local rev = redis.call('HINCRBY', meta, 'rev', 1)
event.rev = rev
local encoded = cjson.encode(event)
redis.call('RPUSH', log, encoded)
redis.call('LTRIM', log, -tonumber(ARGV[9]), -1)
redis.call('SET', command, rev, 'EX', tonumber(ARGV[11]))
redis.call('PUBLISH', ARGV[12], encoded)
return {'ok', rev}
