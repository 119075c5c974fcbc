'use strict'

// Usage: node prepare-suite.js [TARGET_DIR]   (default TARGET_DIR: node_modules/.squeaky-suite)
//
// Copies squeaky's published package (lib + tests) to TARGET_DIR and patches the copy's tests so that
// every address they use comes from the environment instead of being hard-coded:
//
//   SQUEAKY_NSQD_PORT      nsqd's TCP port on 127.0.0.1     (upstream hard-codes 4150)
//   SQUEAKY_LOOKUP_PORT_A  first fake lookupd port          (upstream hard-codes 41611)
//   SQUEAKY_LOOKUP_PORT_B  second fake lookupd port         (upstream hard-codes 41616)
//
// Why: the JUnit driver starts ringnsq's nsqd on an ephemeral port, so two builds in one checkout (or a
// stray nsqd on 4150) never collide. The fake lookupd that upstream binds on every interface
// (server.listen(41616)) is bound to 127.0.0.1 instead: tests here listen and connect on loopback only.
//
// Two edits are not about addresses. Both tests assume that a deferred message arrives well after it is due,
// which only upstream's coarse deferred-queue scan gives (100 ms ticks, and up to 5 s for a channel created
// less than 5 s ago); a broker that releases it on time fails them:
// - 'can dpublish' DPUBs with a 1 ms delay and waits for a delivery more than 50 ms after the publish: on time,
//   it hangs. The copy defers by 100 ms, so the test still proves that DPUB delays delivery by more than 50 ms.
// - 'can keep a message alive' DPUBs with 2000 ms and asserts (receipt - message timestamp) > 2000, both
//   truncated to whole ms: on time (2000.x ms), that is 2000 or 2001 by chance. The copy asserts > 1990, which
//   still tells receipt time (about 2000) from publication time (0), the point of the assertion.
//
// The installed node_modules/squeaky stays pristine; the copy is rebuilt from it on every run (see
// ../suite-copy.js). The JUnit driver puts the copy in its own build folder (parallel builds in one checkout each
// get their own) and runs tap with NODE_PATH=node_modules so the copied tests still find tap and debug. No
// hard-coded port may survive the edits.

const path = require('path')
const { fail, copySuite } = require('../suite-copy')

const EXPECTED_VERSION = '2.6.0'

// The default sits inside node_modules so that require('tap') and require('debug') resolve without NODE_PATH,
// and git ignores it.
const target = process.argv[2] ? path.resolve(process.argv[2]) : path.join(__dirname, 'node_modules', '.squeaky-suite')

const { version, patch } = copySuite(__dirname, 'squeaky', EXPECTED_VERSION, target)

patch('utils.js', [
  [
    "let subDebugger = 0\n",
    "let subDebugger = 0\n" +
    "\n" +
    "// ringnsq: ports from the environment (see interop/squeaky/prepare-suite.js); upstream's values are the defaults\n" +
    "const nsqdPort = Number(process.env.SQUEAKY_NSQD_PORT || 4150)\n" +
    "exports.nsqdPort = nsqdPort\n" +
    "exports.lookupPortA = Number(process.env.SQUEAKY_LOOKUP_PORT_A || 41611)\n" +
    "exports.lookupPortB = Number(process.env.SQUEAKY_LOOKUP_PORT_B || 41616)\n",
    1
  ],
  // Every publisher and subscriber built from these helpers connects to nsqd's port (the library's default is 4150).
  ["({ debug: debug(`publisher${++pubDebugger}`) })", "({ port: nsqdPort, debug: debug(`publisher${++pubDebugger}`) })", 1],
  ["({ debug: debug(`subscriber${++subDebugger}`) })", "({ port: nsqdPort, debug: debug(`subscriber${++subDebugger}`) })", 1]
])

const client = patch('client-test.js', [
  [
    "const { getTopic, getPubDebugger, getSubDebugger } = require('./utils')",
    "const { getTopic, getPubDebugger, getSubDebugger, nsqdPort } = require('./utils')",
    1
  ],
  // connection-map keys in single quotes become template literals
  ["'127.0.0.1:4150'", '`127.0.0.1:${nsqdPort}`', 3],
  // nsq:// URIs, already template literals
  ['nsq://127.0.0.1:4150/', 'nsq://127.0.0.1:${nsqdPort}/', 4],
  ['assert.equals(port, 4150)', 'assert.equals(port, nsqdPort)', 1],
  ['assert.equals(err.port, 4150)', 'assert.equals(err.port, nsqdPort)', 1],
  // 'can keep a message alive': see the header
  [
    'msg.connection.features.max_msg_timeout - now) > 2000,',
    'msg.connection.features.max_msg_timeout - now) > 1990, // ringnsq: not > 2000 (see interop/squeaky/prepare-suite.js)',
    1
  ],
  // 'can dpublish': see the header; the only DPUB of 1 ms in the file
  [
    "  const sent = Date.now()\n  await publisher.publish(topic, { some: 'object' }, 1)\n",
    "  const sent = Date.now()\n  // ringnsq: 100 ms, not 1 ms (see interop/squeaky/prepare-suite.js)\n  await publisher.publish(topic, { some: 'object' }, 100)\n",
    1
  ]
])

const discoverer = patch('discoverer-test.js', [
  [
    "const { getTopic, getSubDebugger } = require('./utils')",
    "const { getTopic, getSubDebugger, nsqdPort, lookupPortA, lookupPortB } = require('./utils')",
    1
  ],
  ['tcp_port: 4150', 'tcp_port: nsqdPort', 5],
  ['port === 4150', 'port === nsqdPort', 4],
  ['assert.equals(port, 4150)', 'assert.equals(port, nsqdPort)', 4],
  ["get('127.0.0.1:4150')", 'get(`127.0.0.1:${nsqdPort}`)', 2],
  ["get('localhost:4150')", 'get(`localhost:${nsqdPort}`)', 2],
  ["server.listen(41611, '127.0.0.1')", "server.listen(lookupPortA, '127.0.0.1')", 1],
  // upstream listens on every interface here; loopback is all the test needs
  ['server.listen(41616)', "server.listen(lookupPortB, '127.0.0.1')", 4],
  ["'http://127.0.0.1:41611'", '`http://127.0.0.1:${lookupPortA}`', 3],
  ['`nsqlookup://127.0.0.1:41611/', '`nsqlookup://127.0.0.1:${lookupPortA}/', 1],
  ["['127.0.0.1:41616']", '[`127.0.0.1:${lookupPortB}`]', 5],
  ["'http://127.0.0.1:41616'", '`http://127.0.0.1:${lookupPortB}`', 3]
])

for (const [file, text] of [['client-test.js', client], ['discoverer-test.js', discoverer]])
{
  const left = text.match(/\b(4150|41611|41616)\b/g)
  if (left)
  {
    fail(`${file}: hard-coded port(s) left after patching: ${left.join(', ')}`)
  }
}

console.log(`prepare-suite: squeaky ${version} tests patched in ${target}`)
