// Runs Bahi's static/js/ribbon.js in Node with stand-ins for the browser, Office.js and xlwings'
// index.js, and prints what it did as JSON (tests/server/test_ribbon_js.py reads it).
//
// usage: node ribbon_harness.js path/to/ribbon.js
"use strict";

const fs = require("fs");
const vm = require("vm");

const source = fs.readFileSync(process.argv[2], "utf8");

// xlwings' own handler, as index.js registers it: what Bahi's must replace.
async function builtInAddHyperlink() {
  throw new Error("xlwings' built-in addHyperlink ran");
}

// What templates/taskpane.html renders for ribbon.js: each <FunctionName> with its script.
const BUTTONS = JSON.parse(process.argv[3] || "{}");

// A workbook whose Journal is too big to send inline: 3 columns, 40,001 rows (120,003 cells).
function bigJournalExcel() {
  const rows = 40001;
  const range = (rowIndex, rowCount, columnCount) => ({
    load() {
      const values = [];
      for (let r = 0; r < rowCount; r++) {
        values.push(rowIndex + r === 0 ? ["Date", "Account", "Debit"] : [45748, "Bank", rowIndex + r]);
      }
      this.values = values;
      this.numberFormat = [["dd-mm-yyyy", "General", "0.00"]];
      return this;
    },
  });
  const sheet = {
    isNullObject: false,
    getUsedRangeOrNullObject: () => ({
      load() {
        return { isNullObject: false, address: "Journal!A1:C40001", rowIndex: 0, rowCount: rows, columnIndex: 0, columnCount: 3 };
      },
    }),
    tables: { load: () => ({ items: [] }) },
    getRangeByIndexes: (rowIndex, _c, rowCount, columnCount) => range(rowIndex, rowCount, columnCount),
  };
  return {
    run: async (batch) =>
      batch({
        sync: async () => {},
        workbook: { worksheets: { getItemOrNullObject: (name) => (name === "Journal" ? sheet : { isNullObject: true }) } },
      }),
  };
}

function makeSandbox({ indexJsFirst, excel }) {
  const listeners = {};
  const events = [];
  const associated = [];
  const posted = [];
  const sandbox = {
    console,
    Promise,
    Object,
    String,
    Array,
    Error,
    JSON,
    Math,
    Date,
    crypto: { randomUUID: () => "00000000-0000-0000-0000-000000000000" },
    config: { appPath: "" },
    window: { location: { origin: "https://localhost:8000" } },
    document: {
      addEventListener: (name, fn) => (listeners[name] = listeners[name] || []).push(fn),
      dispatchEvent: (event) => events.push(event.type),
      getElementById: (id) => (id === "bahi-ribbon" ? { textContent: JSON.stringify(BUTTONS) } : null),
    },
    btoa: (text) => Buffer.from(text, "binary").toString("base64"),
    Uint8Array,
    Int32Array,
    Map,
    CustomEvent: class {
      constructor(type, init) {
        this.type = type;
        this.detail = init && init.detail;
      }
    },
    fetch: async (url, options) => {
      if (options && options.method === "POST") {
        posted.push({ url, headers: options.headers, bytes: options.body.length });
        const body = url.endsWith("/bahi/uploads") ? { upload: "S".repeat(32) } : { received: 1, count: 1 };
        return { ok: true, json: async () => body, text: async () => JSON.stringify(body) };
      }
      return { ok: true, json: async () => [] };
    },
    Office: { actions: { associate: (name) => associated.push(name) } },
    Excel: excel || {
      // bahiRun first looks for a big Journal to upload in blocks: there is none here.
      run: async (batch) =>
        batch({
          sync: async () => {},
          workbook: { worksheets: { getItemOrNullObject: () => ({ isNullObject: true }) } },
        }),
    },
  };
  sandbox.globalThis = sandbox;
  const installIndexJs = () => {
    // What index.js does on load: the callbacks registry with its built-in handlers, and xlwings.
    sandbox.callbacks = { addHyperlink: builtInAddHyperlink };
    sandbox.xlwings = {
      registerCallback: (fn) => {
        sandbox.callbacks[fn.name] = fn;
      },
      runPython: async (options) => {
        sandbox.handlerAtRun = sandbox.callbacks.addHyperlink;
        sandbox.ranWith = options;
      },
      showGlobalError: (message) => {
        throw new Error(message);
      },
    };
  };
  if (indexJsFirst) installIndexJs();
  vm.createContext(sandbox);
  vm.runInContext(source, sandbox, { filename: "ribbon.js" });
  return { sandbox, listeners, events, associated, posted, installIndexJs };
}

// A fake Excel.RequestContext: two worksheets; records the range asked for and what was set on it.
function fakeContext() {
  const seen = { syncs: 0, ranges: [] };
  const sheet = (name) => ({
    name,
    pageLayout: {
      setPrintTitleRows(rows) {
        this.printTitleRows = rows;
      },
    },
    getRangeByIndexes(row, column, rowCount, columnCount) {
      const range = { sheet: name, indexes: [row, column, rowCount, columnCount] };
      seen.ranges.push(range);
      return range;
    },
  });
  const items = [sheet("Journal"), sheet("Issues")];
  const context = {
    sync: async () => {
      seen.syncs += 1;
    },
    workbook: { worksheets: { load: (what) => ({ loaded: what, items }) } },
  };
  return { context, seen, items };
}

async function pageSetup(handler, setup, { refuse = false } = {}) {
  const { context, seen, items } = fakeContext();
  if (refuse) {
    context.sync = async () => {
      throw new Error("ExcelApi 1.9 is not supported");
    };
  }
  await handler(context, { func: "bahiPageSetup", args: [setup], sheet_position: 1 });
  const { setPrintTitleRows, ...layout } = items[1].pageLayout;
  return { layout, untouched: items[0].pageLayout.orientation === undefined, syncs: seen.syncs };
}

function action(address, text, tip) {
  return {
    func: "addHyperlink",
    args: [address, text, tip],
    sheet_position: 1,
    start_row: 4,
    start_column: 3,
    row_count: 1,
    column_count: 1,
  };
}

async function link(handler, ...args) {
  const { context, seen } = fakeContext();
  await handler(context, action(...args));
  const range = seen.ranges[0];
  return { sheet: range.sheet, indexes: range.indexes, hyperlink: range.hyperlink, syncs: seen.syncs };
}

async function main() {
  const out = {};

  // 1. The usual order: index.js (a module) has run before ribbon.js (deferred).
  const usual = makeSandbox({ indexJsFirst: true });
  const handler = usual.sandbox.callbacks.addHyperlink;
  out.registeredAtLoad = handler !== builtInAddHyperlink && handler.name === "addHyperlink";
  out.buttons = usual.associated;
  if (!out.registeredAtLoad) {
    process.stdout.write(JSON.stringify(out)); // nothing of Bahi's to call
    return;
  }
  out.inWorkbook = await link(handler, "#'Journal'!B5", "Row 5", "#'Journal'!B5");
  out.web = await link(handler, "https://example.com/help", "Help", "Open the help");
  out.noText = await link(handler, "#Issues!A1", null, null);
  const setup = { orientation: "landscape", fitToWidth: 1, printTitleRows: "$1:$2" };
  out.pageSetup = await pageSetup(usual.sandbox.callbacks.bahiPageSetup, setup);
  out.pageSetupRefused = await pageSetup(usual.sandbox.callbacks.bahiPageSetup, setup, { refuse: true });

  // 2. index.js (re)made the registry after ribbon.js ran: registered again once the page has
  //    loaded, and again right before a button's run.
  const late = makeSandbox({ indexJsFirst: false });
  out.lateWithoutRegistry = late.sandbox.callbacks === undefined;
  late.installIndexJs();
  for (const fn of late.listeners.DOMContentLoaded || []) fn();
  out.registeredOnDomContentLoaded = late.sandbox.callbacks.addHyperlink !== builtInAddHyperlink;
  late.installIndexJs();
  await late.sandbox.bahiRun("bahi_validate");
  out.registeredBeforeRun =
    late.sandbox.handlerAtRun !== undefined && late.sandbox.handlerAtRun !== builtInAddHyperlink;
  out.eventsAfterRun = late.events;

  // 3. A Journal too big to send inline: an upload opened, blocks posted with the server's id in
  //    the Bahi-Upload header (never in a URL), the script run with the same header and argument.
  const big = makeSandbox({ indexJsFirst: true, excel: bigJournalExcel() });
  await big.sandbox.bahiRun("bahi_validate");
  out.uploadPosts = big.posted.map((p) => ({ url: p.url, upload: p.headers["Bahi-Upload"] || null }));
  out.uploadRun = {
    args: big.sandbox.ranWith.args,
    upload: big.sandbox.ranWith.headers["Bahi-Upload"] || null,
    include: big.sandbox.ranWith.include,
  };

  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
