-- board.configure on the workshop stream: the board's mode ('open' or 'private': notes written in
-- private mode wait for a reveal) and whether everyone may edit every note. The note functions
-- read both in the same slot, like the lock.
APPLY['board.configure'] = function(ctx)
  local board = boardKey(ctx, ctx.event.board)
  if redis.call('EXISTS', board) == 0 then return 'unknown_board' end
  redis.call('HSET', board, 'mode', ctx.event.mode, 'anyoneEdits', ctx.event.anyoneEdits and '1' or '0')
  return {type = 'board.configured', body = ctx.body}
end
