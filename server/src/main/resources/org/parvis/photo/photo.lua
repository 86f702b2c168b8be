-- Photos of notes (PhotoStore): a note takes the photo it shows, so it no longer expires, and no
-- other note may show it; the photo goes when its note leaves for good (out of the trash) or
-- shows another photo.

local function photoKey(ctx, photo)
  return ctx.prefix .. 'photo:' .. photo
end

-- nil when the note may show the photo (now taken by it), else the refusal.
local function takePhoto(ctx, noteId, photo)
  local key = photoKey(ctx, photo)
  local owner = redis.call('HGET', key, 'note')
  if redis.call('EXISTS', key) == 0 or (owner and owner ~= noteId) then return 'unknown_photo' end
  redis.call('HSET', key, 'note', noteId)
  redis.call('PERSIST', key)
  return nil
end

local function dropPhoto(ctx, note)
  if note and note.photo then redis.call('UNLINK', photoKey(ctx, note.photo)) end
end
