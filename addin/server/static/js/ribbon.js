// Bahi ribbon: each button of the "Bahi" tab (manifest.xml, <FunctionName>) runs one Python
// script of addin/scripts.py through xlwings.runPython. This file replaces xlwings-server's
// own static/js/ribbon.js (project static files are served first); base.html loads it.
//
// The include list (which sheets' values are sent) is read from /xlwings/custom-scripts-meta,
// i.e. from each script's @script(include=[...]) -- one place decides it, as for task pane buttons.
//
// It also replaces one of xlwings' action handlers, addHyperlink, and adds one, bahiPageSetup
// (see bahiCallbacks below).

// Each ribbon button's <FunctionName> with the script it runs: the page carries the table
// (templates/taskpane.html renders it from addin/server/ribbon.py, which the manifest is made from).
function bahiButtons() {
  const data = document.getElementById("bahi-ribbon");
  try {
    return data ? JSON.parse(data.textContent) : {};
  } catch (error) {
    console.error("Bahi: the ribbon's button table could not be read", error);
    return {};
  }
}

// -- action handlers --------------------------------------------------------------------------
// A script's changes come back as actions ({func, args, sheet_position, start_row, ...}) that
// xlwings' index.js applies with the handler of that name in globalThis.callbacks;
// xlwings.registerCallback(fn) puts fn there under fn.name, replacing a built-in one.
//
// addHyperlink: the Issues and report sheets link cells to cells of the workbook, e.g.
// "#'Journal'!B5" (addin/books/xlwings_book.py). xlwings' own handler sets every target as the
// hyperlink's `address`, which Excel may open as a web address; an in-workbook target belongs in
// Excel.RangeHyperlink's `documentReference` ("'Journal'!B5", without the "#").
const bahiCallbacks = {
  async addHyperlink(context, action) {
    // The range as index.js's getRange finds it: the sheet by position, then by indexes.
    const sheets = context.workbook.worksheets.load("items");
    await context.sync();
    const range = sheets.items[action.sheet_position].getRangeByIndexes(
      action.start_row,
      action.start_column,
      action.row_count,
      action.column_count,
    );
    const [target, text, tip] = action.args;
    const link = String(target ?? "");
    const hyperlink = link.startsWith("#") ? { documentReference: link.slice(1) } : { address: link };
    if (text != null) hyperlink.textToDisplay = String(text);
    if (tip != null) hyperlink.screenTip = String(tip);
    range.hyperlink = hyperlink;
    await context.sync();
  },

  // bahiPageSetup: an owned sheet prints landscape, every column on one page wide, its heading rows
  // on top of every page (addin/books/xlwings_book.py: xlwings has no action for page layout).
  // Page layout needs ExcelApi 1.9; where it is missing or refused, the sheet is left as it was.
  async bahiPageSetup(context, action) {
    const [setup] = action.args;
    try {
      const sheets = context.workbook.worksheets.load("items");
      await context.sync();
      const layout = sheets.items[action.sheet_position].pageLayout;
      layout.orientation = setup.orientation === "landscape" ? "Landscape" : "Portrait";
      layout.zoom = { horizontalFitToPages: setup.fitToWidth, verticalFitToPages: 0 };
      if (setup.printTitleRows) layout.setPrintTitleRows(setup.printTitleRows);
      await context.sync();
    } catch (error) {
      console.warn("Bahi: print setup not applied", error);
    }
  },
};

function bahiRegisterCallbacks() {
  // Needs index.js (a module script, which runs before this deferred one) to have made
  // globalThis.callbacks; called at load, once the page has loaded, and before every run.
  if (!globalThis.callbacks) return false;
  for (const callback of Object.values(bahiCallbacks)) {
    if (globalThis.xlwings && typeof globalThis.xlwings.registerCallback === "function") {
      globalThis.xlwings.registerCallback(callback);
    } else {
      globalThis.callbacks[callback.name] = callback;
    }
  }
  return true;
}
globalThis.bahiCallbacks = bahiCallbacks;
bahiRegisterCallbacks();
// Sheet buttons and follow-up scripts run actions without bahiRun: by DOMContentLoaded every
// module and deferred script has run, whatever their order.
document.addEventListener("DOMContentLoaded", bahiRegisterCallbacks);

let bahiScriptsMeta = null;

async function bahiScriptMeta(scriptName) {
  if (bahiScriptsMeta === null) {
    try {
      const url = window.location.origin + config.appPath + "/xlwings/custom-scripts-meta.json";
      const response = await fetch(url);
      bahiScriptsMeta = response.ok ? await response.json() : [];
    } catch (error) {
      console.error("Bahi: could not load the scripts' metadata", error);
      bahiScriptsMeta = [];
    }
  }
  return bahiScriptsMeta.find((meta) => meta.function_name === scriptName) || {};
}

// Above this many cells the Journal is not sent inline (Excel on the web refuses more than 5 MB
// in one Office.js request) but read and posted in blocks of BAHI_BLOCK_CELLS (see uploads.py).
// 100,000 cells of a ledger are about 1.8 MB of JSON (English text), under 4 MB with Hindi text.
const BAHI_INLINE_CELLS = 100000;
const BAHI_BLOCK_CELLS = 100000;
const BAHI_BIG_SHEETS = ["Journal"];

function bahiIsDateFormat(format) {
  // Date-like number formats (d, m, y outside quotes and brackets), as xlwings treats them.
  const plain = String(format || "").replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[dy]/i.test(plain) || /(^|[^h:])m{1,4}([^:s]|$)/i.test(plain) && /[dy]/i.test(plain);
}

function bahiIso(serial) {
  return new Date(Math.round((serial - 25569) * 86400 * 1000)).toISOString();
}

// A block's cells column by column, each column dictionary-encoded: its distinct cells once, then
// one int32 code a row (base64, little-endian like every Office host). A ledger's dates, accounts
// and narrations repeat, so this is about a third of the JSON of the rows, and the server parses
// each distinct cell once (addin/server/blocks.py, columns_grid). 1 and "1" stay distinct.
function bahiColumns(values) {
  const rows = values.length;
  const width = values.reduce((most, row) => Math.max(most, row.length), 0);
  const columns = [];
  for (let c = 0; c < width; c++) {
    const seen = new Map();
    const distinct = [];
    const codes = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      const cell = values[r][c] === undefined ? "" : values[r][c];
      const key = typeof cell + ":" + String(cell);
      let code = seen.get(key);
      if (code === undefined) {
        code = distinct.length;
        seen.set(key, code);
        distinct.push(cell);
      }
      codes[r] = code;
    }
    columns.push({ values: distinct, codes: bahiBase64(codes) });
  }
  return columns;
}

function bahiBase64(codes) {
  const bytes = new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength);
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

// The server makes the upload's id (random, kept for this user and this computer); it travels in
// the Bahi-Upload header, never in a URL, so it stays out of access logs.
const BAHI_UPLOAD_HEADER = "Bahi-Upload";

async function bahiPost(path, headers, body) {
  const response = await fetch(window.location.origin + config.appPath + path, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: body,
  });
  if (!response.ok) {
    let detail = await response.text();
    try {
      detail = JSON.parse(detail).detail || detail;
    } catch (_) {
      // not JSON: the text as it is
    }
    throw new Error(`Bahi upload failed (${response.status}): ${detail}`);
  }
  return await response.json();
}

async function bahiUploadBigSheets(headers) {
  // Returns {uploadId, sheets} when a big sheet was uploaded in blocks, else null.
  return await Excel.run(async (context) => {
    let uploadId = null;
    const sent = [];
    for (const name of BAHI_BIG_SHEETS) {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      await context.sync();
      if (sheet.isNullObject) continue;
      const used = sheet.getUsedRangeOrNullObject(true).load("address,rowIndex,rowCount,columnIndex,columnCount");
      await context.sync();
      if (used.isNullObject) continue;
      const lastRow = used.rowIndex + used.rowCount;
      const lastCol = used.columnIndex + used.columnCount;
      if (lastRow * lastCol <= BAHI_INLINE_CELLS) continue;
      // Table metadata, in the shape getBookData sends it.
      const tables = sheet.tables.load("items/name,items/showHeaders,items/showTotals");
      await context.sync();
      const loaded = tables.items.map((t) => ({
        t,
        range: t.getRange().load("address,rowCount,columnCount"),
        body: t.getDataBodyRange().load("address"),
        header: t.showHeaders ? t.getHeaderRowRange().load("address") : null,
        total: t.showTotals ? t.getTotalRowRange().load("address") : null,
        columns: t.columns.load("items/name"),
      }));
      const formats = sheet.getRangeByIndexes(1, 0, 1, lastCol).load("numberFormat");
      await context.sync();
      const strip = (r) => (r ? r.address.split("!").pop() : null);
      const tableMeta = loaded.map((x) => ({
        name: x.t.name, range_address: strip(x.range), row_count: x.range.rowCount,
        column_count: x.range.columnCount, columns: x.columns.items.map((c) => c.name),
        header_row_range_address: strip(x.header), data_body_range_address: strip(x.body),
        total_row_range_address: strip(x.total), show_headers: x.t.showHeaders, show_totals: x.t.showTotals,
      }));
      const isDate = formats.numberFormat[0].map(bahiIsDateFormat);
      if (uploadId === null) uploadId = (await bahiPost("/bahi/uploads", headers, "{}")).upload;
      const rowsPerBlock = Math.max(1, Math.floor(BAHI_BLOCK_CELLS / lastCol));
      const count = Math.ceil(lastRow / rowsPerBlock);
      for (let index = 0; index < count; index++) {
        const start = index * rowsPerBlock;
        const block = sheet.getRangeByIndexes(start, 0, Math.min(rowsPerBlock, lastRow - start), lastCol).load("values");
        await context.sync();
        const values = block.values;
        values.forEach((row, i) => {
          if (start + i === 0) return; // the header row
          row.forEach((v, c) => { if (isDate[c] && typeof v === "number") row[c] = bahiIso(v); });
        });
        await bahiPost("/bahi/uploads/blocks", { ...headers, [BAHI_UPLOAD_HEADER]: uploadId }, JSON.stringify({
          sheet: name, index, count, start_row: start + 1,
          rows: values.length, columns: bahiColumns(values),
          tables: index === 0 ? tableMeta : null,
          used_range_address: index === 0 ? strip(used) : null,
        }));
      }
      sent.push(name);
    }
    return sent.length ? { uploadId, sheets: sent } : null;
  });
}

async function bahiRun(scriptName, args = []) {
  const meta = await bahiScriptMeta(scriptName);
  const authResult =
    typeof globalThis.getAuth === "function"
      ? await globalThis.getAuth()
      : { token: "", provider: "" };
  const headers = authResult.provider ? { "Auth-Provider": authResult.provider } : {};
  if (authResult.token) headers["Authorization"] = authResult.token;
  let include = meta.include || "";
  const runArgs = [...args];
  try {
    const upload = await bahiUploadBigSheets(headers);
    if (upload) {
      include = include.split(",").filter((s) => !upload.sheets.includes(s.trim())).join(",");
      // the script's last parameter is `upload`; fill the ones before it with their defaults
      const withArgument = [
        "bahi_account_statement",
        "bahi_undo_reconciliation",
        "bahi_statements",
        "bahi_print_invoice",
        "bahi_close_month",
        "bahi_gst_returns",
      ];
      const positional = withArgument.includes(scriptName) ? 1 : 0;
      while (runArgs.length < positional) runArgs.push("");
      runArgs.push(upload.uploadId);
      headers[BAHI_UPLOAD_HEADER] = upload.uploadId;
    }
  } catch (error) {
    console.error(error);
    xlwings.showGlobalError(String(error.message || error));
    return;
  }
  bahiRegisterCallbacks(); // our action handlers, before any action of this run is applied
  await xlwings.runPython({
    scriptName: scriptName,
    include: include,
    exclude: meta.exclude || "",
    lazy: meta.lazy || false,
    auth: authResult.token,
    headers: headers,
    args: runArgs,
  });
  // Tell an open task pane to refresh its last run and issue list.
  document.dispatchEvent(new CustomEvent("bahi:ran", { detail: { scriptName } }));
}
globalThis.bahiRun = bahiRun;

for (const [functionName, scriptName] of Object.entries(bahiButtons())) {
  Office.actions.associate(functionName, async (event) => {
    try {
      await bahiRun(scriptName);
    } finally {
      event.completed();
    }
  });
}
