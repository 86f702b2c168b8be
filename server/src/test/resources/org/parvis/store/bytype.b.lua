-- Its own local, named nowhere else, and a call to another part's function.
local function twice(text)
  return text .. text
end
APPLY['b'] = function(text)
  return 'b:' .. APPLY['a'](twice(text))
end
APPLY['b2'] = function(text)
  return 'b2:' .. twice(text)
end
