#!/usr/bin/env node
// A command-line front for solc-js (the official compiler built to WebAssembly) that answers the
// two calls py-solc-x and forge make of a native solc: `--version` and `--standard-json`.
// Imports are resolved against --base-path, then each --include-path, then the current folder.
'use strict';
const fs = require('fs');
const path = require('path');

const projectRoot = path.resolve(__dirname, '..', '..');
const solc = require(path.join(projectRoot, 'node_modules', 'solc'));

function parseArgs(argv) {
  const opts = { basePath: null, includePaths: [], standardJson: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`option ${a} needs a value`);
      return argv[++i];
    };
    if (a === '--version') opts.version = true;
    else if (a === '--standard-json') opts.standardJson = true;
    else if (a === '--base-path') opts.basePath = value();
    else if (a.startsWith('--base-path=')) opts.basePath = a.slice('--base-path='.length);
    else if (a === '--include-path') opts.includePaths.push(value());
    else if (a.startsWith('--include-path=')) opts.includePaths.push(a.slice('--include-path='.length));
    else if (a === '--allow-paths') value(); // solc-js reads files only through our callback
    else if (a.startsWith('--allow-paths=')) continue;
    else if (a === '--no-color' || a === '--pretty-json') continue;
    else fail(`unsupported option: ${a} (this shim answers --version and --standard-json only)`);
  }
  return opts;
}

function fail(message) {
  process.stderr.write(`solc-shim: ${message}\n`);
  process.exit(2);
}

function makeImportCallback(opts) {
  const roots = [opts.basePath, ...opts.includePaths, process.cwd()].filter(Boolean);
  return function findImport(importPath) {
    const candidates = path.isAbsolute(importPath)
      ? [importPath]
      : roots.map((root) => path.resolve(root, importPath));
    for (const candidate of candidates) {
      try {
        return { contents: fs.readFileSync(candidate, 'utf8') };
      } catch (_) {
        // try the next root
      }
    }
    return { error: `File not found: ${importPath} (looked in ${roots.join(', ')})` };
  };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.version) {
    process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
    return;
  }
  if (!opts.standardJson) fail('nothing to do: pass --version or --standard-json');
  const input = fs.readFileSync(0, 'utf8');
  const output = solc.compile(input, { import: makeImportCallback(opts) });
  process.stdout.write(output);
}

main();
