-- One pass of scripts/bench.sh's reconnect storm (bench/WrkPass.java), run by wrk with one thread:
-- STORM_PATH /mqtt/auth: logins of the devices listed in STORM_DEVICES (one id a line) in turn,
-- with the body EMQX's HTTP authenticator posts; any other path: GETs of it (the baseline). Prints
-- "STORM begin" as the first request goes out and "STORM end ..." at the STORM_COUNT-th answer,
-- when WrkPass stops wrk (wrk itself runs on to its -d duration).
local count = tonumber(os.getenv("STORM_COUNT"))
local path = os.getenv("STORM_PATH")
local token = os.getenv("STORM_TOKEN") or ""
local secret = os.getenv("STORM_SECRET") or ""
local secretHeader = os.getenv("STORM_SECRET_HEADER") or ""
function init(args)
  devices = {}
  if path == "/mqtt/auth" then
    for line in io.lines(os.getenv("STORM_DEVICES")) do
      devices[#devices + 1] = line
    end
  end
  headers = {["Content-Type"] = "application/json"}
  if secret ~= "" then
    headers[secretHeader] = secret
  end
  sent, answered, refused = 0, 0, 0
end

function request()
  if sent == 0 then
    io.write("STORM begin\n")
    io.flush()
  end
  sent = sent + 1
  if path ~= "/mqtt/auth" then
    return wrk.format("GET", path)
  end
  local device = devices[(sent - 1) % #devices + 1]
  return wrk.format("POST", path, headers, '{"username":"device:' .. device .. '","password":"' .. token
      .. '","clientid":"bench-' .. device .. '","peerhost":"127.0.0.1"}')
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 200 or (path == "/mqtt/auth" and not body:find('"result"%s*:%s*"allow"')) then
    refused = refused + 1
  end
  if answered == count then
    io.write(string.format("STORM end answered=%d refused=%d\n", answered, refused))
    io.flush()
    wrk.thread:stop()
  end
end
