'use strict'
// Consumes N messages from one topic/channel of an nsqd with nsqjs's Reader (TCP, direct address),
// FINs each, and prints one JSON line per message: {"body":..., "attempts":...}. Exits 0 after N,
// 1 on an error or after the timeout. Usage: node consume.js <host:port> <topic> <channel> <n> [timeoutMs]
const nsq = require('nsqjs')

const [address, topic, channel, countArg, timeoutArg] = process.argv.slice(2)
const expected = parseInt(countArg, 10)
const timer = setTimeout(() => {
  console.error(`timed out after ${received} of ${expected} messages`)
  process.exit(1)
}, parseInt(timeoutArg || '30000', 10))

let received = 0
const reader = new nsq.Reader(topic, channel, { nsqdTCPAddresses: [address], maxInFlight: 10 })
reader.on('error', (err) => {
  console.error(`reader error: ${err}`)
  process.exit(1)
})
reader.on('message', (msg) => {
  console.log(JSON.stringify({ body: msg.body.toString(), attempts: msg.attempts }))
  msg.finish()
  received += 1
  if (received === expected) {
    clearTimeout(timer)
    // let the last FIN leave before closing
    setTimeout(() => { reader.close(); process.exit(0) }, 100)
  }
})
reader.on('nsqd_connected', () => console.error('connected'))
reader.connect()
