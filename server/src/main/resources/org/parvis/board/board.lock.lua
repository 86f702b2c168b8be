-- board.lock on the workshop stream: the lock is workshop-wide news (the plenary, the animator's
-- console), and the board's note functions read it in the same slot.
APPLY['board.lock'] = function(ctx)
  local board = boardKey(ctx, ctx.event.board)
  if redis.call('EXISTS', board) == 0 then return 'unknown_board' end
  redis.call('HSET', board, 'locked', ctx.event.locked and '1' or '0')
  return {type = 'board.locked', body = ctx.body}
end
