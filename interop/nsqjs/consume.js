'use strict'
// Consumes N messages from one topic/channel with nsqjs's Reader, FINs each, and prints one JSON line per
// message: {"body":..., "attempts":...}. Exits 0 after N, 1 on an error or after the timeout.
// Usage: node consume.js <source> <topic> <channel> <n> [timeoutMs], where <source> is an nsqd's TCP host:port,
// or lookupd=<host:port>[,<host:port>...] to find the nsqds through those nsqlookupd HTTP addresses (asked every second).
const nsq = require('nsqjs')

const [address, topic, channel, countArg, timeoutArg] = process.argv.slice(2)
const expected = parseInt(countArg, 10)
const timer = setTimeout(() => {
  console.error(`timed out after ${received} of ${expected} messages`)
  process.exit(1)
}, parseInt(timeoutArg || '30000', 10))

let received = 0
const source = address.startsWith('lookupd=')
  ? { lookupdHTTPAddresses: address.slice('lookupd='.length).split(','), lookupdPollInterval: 1 }
  : { nsqdTCPAddresses: [address] }
const reader = new nsq.Reader(topic, channel, { ...source, maxInFlight: 10 })
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
