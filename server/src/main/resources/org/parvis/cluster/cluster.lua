-- Clusters of a board's notes, on the board stream. Keys: board:<id>:clusters (cluster id ->
-- {id, title, x, y, order}) and board:<id>:clusterOf (note id -> cluster id), so a note is in one
-- cluster at most; a cluster's notes are those that name it, in stream order. Only a note everyone
-- sees joins a cluster, so no cluster event names a private or hidden note; a note hidden later
-- stays in its cluster, and the snapshot gives a reader only the members it may see.
-- rules: board, mayWriteLocked, moderates, maxClusters, maxCoordinate.

local function clusterStore(ctx, board)
  return boardKey(ctx, board, ':clusters'), boardKey(ctx, board, ':clusterOf')
end

local function storedCluster(ctx, board, id)
  local stored = redis.call('HGET', boardKey(ctx, board, ':clusters'), id)
  return stored and cjson.decode(stored)
end

-- The note as everyone sees it, or the refusal: unknown to the sender, or not seen by everyone.
local function publicNote(ctx, board, noteId)
  local view = noteView(ctx, board, noteId)
  if not view then return nil, 'unknown_note' end
  if view.audience ~= 'all' then return nil, 'note_not_public' end
  return view.note
end

local function onBoard(ctx, value)
  return math.max(0, math.min(ctx.rules.maxCoordinate, value))
end

-- A dropped note takes its new place in the same change.
local function place(ctx, board, note)
  local e = ctx.event
  if e.x == nil and e.y == nil then return end
  note.x, note.y = e.x or note.x, e.y or note.y
  storeNote(ctx, board, note)
end

-- cluster.create: the cluster, with its first notes taken out of any cluster they were in.
APPLY['cluster.create'] = function(ctx)
  local board = ctx.rules.board
  local writable, refusal = boardWritable(ctx, board)
  if not writable then return refusal end
  local clusters, clusterOf = clusterStore(ctx, board)
  local cluster = ctx.event.cluster
  if redis.call('HEXISTS', clusters, cluster.id) == 1 then return 'cluster_exists' end
  if redis.call('HLEN', clusters) >= ctx.rules.maxClusters then return 'too_many_clusters' end
  local ids = {}
  for index, noteId in ipairs(cluster.notes) do
    local note, refused = publicNote(ctx, board, noteId)
    if not note then return refused end
    if index == 1 and cluster.x == nil then cluster.x, cluster.y = note.x, note.y end
    ids[index] = cjson.encode(noteId)
  end
  for _, noteId in ipairs(cluster.notes) do redis.call('HSET', clusterOf, noteId, cluster.id) end
  local stored = cjson.encode({id = cluster.id, title = cluster.title, x = cluster.x or 0, y = cluster.y or 0, order = ctx.rev})
  redis.call('HSET', clusters, cluster.id, stored)
  return {type = 'cluster.created', body = '{"cluster":' .. string.sub(stored, 1, -2) .. ',"notes":[' .. table.concat(ids, ',') .. ']}}'}
end

-- cluster.join: the note into the cluster (out of the one it was in), where it was dropped.
APPLY['cluster.join'] = function(ctx)
  local board = ctx.rules.board
  local writable, refusal = boardWritable(ctx, board)
  if not writable then return refusal end
  if not storedCluster(ctx, board, ctx.event.cluster) then return 'unknown_cluster' end
  local note, refused = publicNote(ctx, board, ctx.event.noteId)
  if not note then return refused end
  local _, clusterOf = clusterStore(ctx, board)
  redis.call('HSET', clusterOf, note.id, ctx.event.cluster)
  place(ctx, board, note)
  return {type = 'cluster.joined', body = ctx.body}
end

-- cluster.leave: the note out of its cluster, where it was dropped; the cluster stays, even empty.
APPLY['cluster.leave'] = function(ctx)
  local board = ctx.rules.board
  local writable, refusal = boardWritable(ctx, board)
  if not writable then return refusal end
  local note, refused = publicNote(ctx, board, ctx.event.noteId)
  if not note then return refused end
  local _, clusterOf = clusterStore(ctx, board)
  local cluster = redis.call('HGET', clusterOf, note.id)
  if not cluster then return 'not_in_cluster' end
  redis.call('HDEL', clusterOf, note.id)
  place(ctx, board, note)
  local event = ctx.event
  event.cluster = cluster
  return {type = 'cluster.left', body = cjson.encode(event)}
end

APPLY['cluster.rename'] = function(ctx)
  local board = ctx.rules.board
  local writable, refusal = boardWritable(ctx, board)
  if not writable then return refusal end
  local cluster = storedCluster(ctx, board, ctx.event.cluster)
  if not cluster then return 'unknown_cluster' end
  cluster.title = ctx.event.title
  redis.call('HSET', boardKey(ctx, board, ':clusters'), cluster.id, cjson.encode(cluster))
  return {type = 'cluster.renamed', body = ctx.body}
end

-- cluster.move: the cluster and every note in it (those some readers do not see too), each kept
-- on the board; one event, so every screen moves them together. Clients clamp the same way.
APPLY['cluster.move'] = function(ctx)
  local board = ctx.rules.board
  local writable, refusal = boardWritable(ctx, board)
  if not writable then return refusal end
  local cluster = storedCluster(ctx, board, ctx.event.cluster)
  if not cluster then return 'unknown_cluster' end
  local dx, dy = ctx.event.dx, ctx.event.dy
  cluster.x, cluster.y = onBoard(ctx, cluster.x + dx), onBoard(ctx, cluster.y + dy)
  local clusters, clusterOf = clusterStore(ctx, board)
  redis.call('HSET', clusters, cluster.id, cjson.encode(cluster))
  local members = redis.call('HGETALL', clusterOf)
  local notes = boardKey(ctx, board, ':notes')
  for index = 1, #members, 2 do
    if members[index + 1] == cluster.id then
      local stored = redis.call('HGET', notes, members[index])
      if stored then
        local note = cjson.decode(stored)
        note.x, note.y = onBoard(ctx, note.x + dx), onBoard(ctx, note.y + dy)
        storeNote(ctx, board, note)
      end
    end
  end
  return {type = 'cluster.moved', body = ctx.body}
end

-- cluster.dissolve: the cluster goes, its notes stay where they are.
APPLY['cluster.dissolve'] = function(ctx)
  local board = ctx.rules.board
  local writable, refusal = boardWritable(ctx, board)
  if not writable then return refusal end
  local clusters, clusterOf = clusterStore(ctx, board)
  if redis.call('HDEL', clusters, ctx.event.cluster) == 0 then return 'unknown_cluster' end
  local members = redis.call('HGETALL', clusterOf)
  for index = 1, #members, 2 do
    if members[index + 1] == ctx.event.cluster then redis.call('HDEL', clusterOf, members[index]) end
  end
  return {type = 'cluster.dissolved', body = ctx.body}
end

-- For vote.open (vote/vote.lua): the clusters the vote's items fall in, each with those of its
-- notes that are items, in cluster order per board; nil when none, so the vote's JSON has no empty list.
local function votedClusters(ctx, items)
  local byBoard, found = {}, {}
  for _, item in ipairs(items) do
    local board = byBoard[item.board]
    if not board then
      board = {of = {}, clusters = {}}
      local members = redis.call('HGETALL', boardKey(ctx, item.board, ':clusterOf'))
      for index = 1, #members, 2 do board.of[members[index]] = members[index + 1] end
      byBoard[item.board] = board
    end
    local clusterId = board.of[item.noteId]
    if clusterId then
      local cluster = board.clusters[clusterId]
      if not cluster then
        local stored = cjson.decode(redis.call('HGET', boardKey(ctx, item.board, ':clusters'), clusterId))
        cluster = {board = item.board, cluster = clusterId, title = stored.title, notes = {}, order = stored.order}
        board.clusters[clusterId] = cluster
        found[#found + 1] = cluster
      end
      cluster.notes[#cluster.notes + 1] = item.noteId
    end
  end
  if #found == 0 then return nil end
  table.sort(found, function(a, b)
    if a.board ~= b.board then return a.board < b.board end
    return a.order < b.order
  end)
  for _, cluster in ipairs(found) do cluster.order = nil end
  return found
end
