-- A main file as apply.lua: the type of this run, the parts, then the dispatch.
local APPLY = {}
local CALLED = ARGV[1]
--@types@
local apply = APPLY[CALLED]
if not apply then return 'unknown' end
return apply(ARGV[2])
