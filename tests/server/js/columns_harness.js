// Runs bahiColumns from Bahi's static/js/ribbon.js in Node on the rows given as JSON on stdin and
// prints the encoded columns as JSON (tests/server/test_ribbon_js.py decodes them in Python).
//
// usage: node columns_harness.js path/to/ribbon.js < rows.json
"use strict";

const fs = require("fs");
const vm = require("vm");

const sandbox = {
  console, Map, Math, String, Int32Array, Uint8Array, btoa, Promise, Object, Array, Error, JSON, Date,
  crypto: { randomUUID: () => "00000000-0000-0000-0000-000000000000" },
  config: { appPath: "" },
  window: { location: { origin: "https://localhost:8000" } },
  document: { addEventListener: () => {}, dispatchEvent: () => {}, getElementById: () => null },
  Office: { actions: { associate: () => {} } },
};
sandbox.globalThis = sandbox;
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), sandbox, { filename: "ribbon.js" });
const rows = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(vm.runInContext("bahiColumns", sandbox)(rows)));
