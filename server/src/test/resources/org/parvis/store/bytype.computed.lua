APPLY['c'] = function(text)
  return APPLY[text](text)
end
