// Runs the readers of Bahi's static/js/bahi-taskpane.js in Node on a fake workbook and prints what
// they read as JSON (tests/server/test_ribbon_js.py checks it).
//
// usage: node taskpane_harness.js path/to/bahi-taskpane.js
"use strict";

const fs = require("fs");
const vm = require("vm");

const sheets = {
  Issues: [
    ["Bahi — Issues", "", "", "", ""],
    ["Severity / गंभीरता", "Rule / नियम", "Sheet / शीट", "Cell / सेल", "Message / संदेश"],
    ["error", "unbalanced-voucher", "Journal", "B5", "Voucher V1 does not balance"],
    ["", "", "", "", ""],
  ],
  "Reconciliation Log": [
    ["Run / रन", "When / कब", "Status / स्थिति"],
    ["R1", "2026-04-01 10:00", "undone"],
    ["R2", "2026-04-02 11:00", "done"],
    ["note", "", ""],
  ],
};

const context = {
  sync: async () => {},
  workbook: {
    worksheets: {
      getItemOrNullObject: (name) => ({
        isNullObject: !(name in sheets),
        getUsedRangeOrNullObject: () => ({ isNullObject: false, values: sheets[name], load: () => {} }),
      }),
    },
  },
};

const sandbox = {
  console, Promise, String, JSON,
  document: { addEventListener: () => {} },
  Office: { onReady: () => {} },  // the pane is not started: only its readers are called
};
sandbox.globalThis = sandbox;
sandbox.window = sandbox;
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), sandbox, { filename: "bahi-taskpane.js" });
(async () => {
  const issues = await vm.runInContext("bahiReadIssues", sandbox)(context);
  const runs = await vm.runInContext("bahiReadRuns", sandbox)(context);
  delete sheets.Issues;
  const none = await vm.runInContext("bahiReadIssues", sandbox)(context);
  process.stdout.write(JSON.stringify({ issues, runs, none }));
})();
