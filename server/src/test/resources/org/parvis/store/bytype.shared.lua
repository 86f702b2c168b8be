-- A part others build on: its local is named in another part, so it stays outside any 'if'.
local function shout(text)
  return string.upper(text)
end
