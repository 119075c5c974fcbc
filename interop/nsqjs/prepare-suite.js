'use strict'

// Usage: node prepare-suite.js TARGET_DIR
//
// Copies nsqjs's published package (lib + tests + the test certificate) to TARGET_DIR and patches the copy's
// integration test (test/z_integration_test.js) so that the addresses of the nsqd processes it starts come
// from the environment instead of being hard-coded:
//
//   NSQJS_TCP_PORT   first nsqd's TCP port on 127.0.0.1    (upstream hard-codes 4150)
//   NSQJS_HTTP_PORT  first nsqd's HTTP port on 127.0.0.1   (upstream hard-codes 4151)
//
// and gives every nsqd it starts an HTTPS address on 127.0.0.1, one above the HTTP port. Upstream's suite starts
// nsqd with -tls-cert and -tls-key but no -https-address, so every nsqd it starts also listens for HTTPS on nsqd's
// default 0.0.0.0:4152: on every interface, and on one fixed port, so any other nsqd with TLS on the machine (another
// build, a benchmark) makes each start of the suite fail with "address already in use". The suite still moves its
// ports by +50 after each test, as upstream's does; HTTPS moves with the HTTP port.
//
// Nothing else is changed: the suite dials no address outside loopback (checked below: a literal IPv4 address other
// than 127.x in the copied tests fails the preparation), and every test, timeout and assertion stays as published.
// The installed node_modules/nsqjs stays pristine; the copy is rebuilt from it on every run (see ../suite-copy.js).
// The JUnit driver (NsqjsSuiteTest) runs mocha in the copy with NODE_PATH=node_modules, so the copied tests and lib
// still find their dependencies.

const fs = require('fs')
const path = require('path')
const { fail, copySuite } = require('../suite-copy')

const EXPECTED_VERSION = '0.13.0'

const target = process.argv[2] ? path.resolve(process.argv[2]) : null

if (!target)
{
  fail('usage: node prepare-suite.js TARGET_DIR')
}

const { version, patch } = copySuite(__dirname, 'nsqjs', EXPECTED_VERSION, target)

const integration = patch('z_integration_test.js', [
  [
    'let TCP_PORT = 4150\nlet HTTP_PORT = 4151\n',
    '// ringnsq: first ports from the environment (see interop/nsqjs/prepare-suite.js); upstream\'s values are the defaults\n' +
    'let TCP_PORT = Number(process.env.NSQJS_TCP_PORT || 4150)\n' +
    'let HTTP_PORT = Number(process.env.NSQJS_HTTP_PORT || 4151)\n',
    1
  ],
  [
    "    'tcp-address': `127.0.0.1:${TCP_PORT}`,\n",
    "    'tcp-address': `127.0.0.1:${TCP_PORT}`,\n" +
    '    // ringnsq: HTTPS on loopback, next to HTTP, not on the default HTTPS address on every interface (see interop/nsqjs/prepare-suite.js)\n' +
    "    'https-address': `127.0.0.1:${HTTP_PORT + 1}`,\n",
    1
  ]
])

const left = integration.match(/\b(4150|4151|4152)\b/g) || []
// the two defaults above stay, as in the squeaky preparation: nothing else may still name a fixed port
if (left.length !== 2)
{
  fail(`z_integration_test.js: hard-coded port(s) left after patching: ${left.join(', ')}`)
}

// every literal IPv4 address in the copied tests must be a loopback one
for (const file of fs.readdirSync(path.join(target, 'test')).filter((name) => name.endsWith('.js')))
{
  const text = fs.readFileSync(path.join(target, 'test', file), 'utf8')
  const outside = (text.match(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g) || []).filter((ip) => !ip.startsWith('127.'))
  if (outside.length > 0)
  {
    fail(`${file}: non-loopback address(es) ${outside.join(', ')}: point them at 127.0.0.x before running`)
  }
}

console.log(`prepare-suite: nsqjs ${version} tests patched in ${target}`)
