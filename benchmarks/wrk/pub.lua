-- wrk script: POST a 200-byte message to nsqd's /pub (wrk -s benchmarks/wrk/pub.lua http://127.0.0.1:4151)
wrk.method = "POST"
wrk.path = "/pub?topic=load"
wrk.body = string.rep("x", 200)
