'use strict'

// Shared by nsqjs/prepare-suite.js and squeaky/prepare-suite.js: copies an installed npm package's published files
// (lib + tests) to a folder of the build and patches the copy's tests. The installed package stays pristine; the
// copy is rebuilt from it on every run. Each edit must match the expected number of times: a different version of
// the package fails here, loudly, instead of running half-patched.

const fs = require('fs')
const path = require('path')

function fail (message)
{
  console.error('prepare-suite: ' + message)
  process.exit(1)
}

function replaceCounted (text, from, to, expected, file)
{
  const count = text.split(from).length - 1
  if (count !== expected)
  {
    fail(`${file}: expected ${expected} occurrence(s) of ${JSON.stringify(from)}, found ${count}`)
  }
  return text.split(from).join(to)
}

// Copies package `name`, as installed in `root`'s node_modules, to `target`, once its version is checked. Returns
// the version and patch(file, edits): applies each [from, to, expected count] edit to test/<file> of the copy and
// returns the patched text.
function copySuite (root, name, expectedVersion, target)
{
  const source = path.dirname(require.resolve(name + '/package.json', { paths: [root] }))
  const version = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')).version
  if (version !== expectedVersion)
  {
    fail(`${name} ${version} is installed, the patches are written for ${expectedVersion}`)
  }

  fs.rmSync(target, { recursive: true, force: true })
  fs.cpSync(source, target, { recursive: true })

  function patch (file, edits)
  {
    const full = path.join(target, 'test', file)
    let text = fs.readFileSync(full, 'utf8')
    for (const [from, to, expected] of edits)
    {
      text = replaceCounted(text, from, to, expected, file)
    }
    fs.writeFileSync(full, text)
    return text
  }

  return { version, patch }
}

module.exports = { fail, copySuite }
