APPLY['a'] = function(text)
  return 'a:' .. shout(text)
end
