// The Bahi task pane (templates/taskpane.html): last run, issues with links to their cells,
// the Settings table. Reads the workbook directly through Office.js; never renders workbook
// text as HTML (textContent only).

const BAHI_ISSUES_SHEET = "Issues";
const BAHI_LAST_RUN_NAME = "BahiLastRun";
const BAHI_MAX_ISSUES_SHOWN = 300;
const BAHI_LOG_SHEET = "Reconciliation Log";
const BAHI_UNDONE = "undone";
// Scripts whose first argument comes from a field of the task pane.
const BAHI_ARGUMENT_FIELDS = {
  bahi_account_statement: "bahi-account",
  bahi_undo_reconciliation: "bahi-undo-run",
};

function bahiEnglish(heading) {
  return String(heading || "").split("/")[0].trim().toLowerCase();
}

function bahiText(element, text) {
  element.textContent = text == null ? "" : String(text);
  return element;
}

async function bahiGoTo(sheetName, address) {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(address).select();
    await context.sync();
  });
}

async function bahiTableOnSheet(context, sheetName, isHeader) {
  // The rows below the first row whose English headings pass isHeader, with those headings
  // (folded by bahiEnglish); null when the sheet, its values or such a row are missing.
  const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
  await context.sync();
  if (sheet.isNullObject) return null;
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("values");
  await context.sync();
  if (used.isNullObject) return null;
  const rows = used.values;
  const headerIndex = rows.findIndex((row) => isHeader(row.map(bahiEnglish)));
  if (headerIndex < 0) return null;
  return { header: rows[headerIndex].map(bahiEnglish), rows: rows.slice(headerIndex + 1) };
}

async function bahiReadIssues(context) {
  const found = await bahiTableOnSheet(
    context, BAHI_ISSUES_SHEET, (folded) => folded.includes("sheet") && folded.includes("cell"),
  );
  if (found === null) return [];
  const header = found.header;
  const col = (name) => header.indexOf(name);
  const [cSheet, cCell, cSeverity] = [col("sheet"), col("cell"), col("severity")];
  const cMessage = header.findIndex((h) => h.startsWith("message") || h === "issue");
  return found.rows
    .filter((row) => row[cSheet] !== "" || (cMessage >= 0 && row[cMessage] !== ""))
    .map((row) => ({
      sheet: row[cSheet],
      cell: row[cCell],
      severity: cSeverity >= 0 ? row[cSeverity] : "",
      message: cMessage >= 0 ? row[cMessage] : "",
    }));
}

async function bahiReadSettings(context) {
  const table = context.workbook.tables.getItemOrNullObject("Settings");
  await context.sync();
  if (table.isNullObject) return [];
  const body = table.getDataBodyRange().load("values");
  await context.sync();
  return body.values;
}

async function bahiReadLastRun(context) {
  const name = context.workbook.names.getItemOrNullObject(BAHI_LAST_RUN_NAME);
  name.load("value");
  await context.sync();
  return name.isNullObject ? "" : String(name.value || "").replace(/^="?|"$/g, "");
}

async function bahiReadRuns(context) {
  // The runs of the Reconciliation Log that can still be undone, latest first: [{run, when}].
  const found = await bahiTableOnSheet(context, BAHI_LOG_SHEET, (folded) => folded.includes("run"));
  if (found === null) return [];
  const header = found.header;
  const cRun = header.indexOf("run");
  const cStatus = header.findIndex((h) => h.startsWith("status"));
  const cWhen = header.findIndex((h) => h.startsWith("when") || h.startsWith("date") || h.startsWith("time"));
  return found.rows
    .filter((row) => /^R\d+$/i.test(String(row[cRun]).trim()))
    .filter((row) => cStatus < 0 || !String(row[cStatus]).toLowerCase().includes(BAHI_UNDONE))
    .map((row) => ({ run: String(row[cRun]).trim(), when: cWhen >= 0 ? String(row[cWhen]) : "" }))
    .reverse();
}

async function bahiRefresh() {
  try {
    await Excel.run(async (context) => {
      const [lastRun, issues, settings, runs] = [
        await bahiReadLastRun(context),
        await bahiReadIssues(context),
        await bahiReadSettings(context),
        await bahiReadRuns(context),
      ];
      const runList = document.getElementById("bahi-undo-runs");
      runList.replaceChildren();
      for (const { run, when } of runs) {
        const option = document.createElement("option");
        option.value = run;
        if (when) option.label = `${run} · ${when}`;
        runList.appendChild(option);
      }
      if (lastRun) bahiText(document.getElementById("bahi-last-run"), lastRun.split("|").join(" · "));
      bahiText(document.getElementById("bahi-issue-count"), issues.length);
      const tbody = document.getElementById("bahi-issues");
      tbody.replaceChildren();
      for (const issue of issues.slice(0, BAHI_MAX_ISSUES_SHOWN)) {
        const tr = document.createElement("tr");
        tr.className = "bahi-issue";
        if (String(issue.severity).toLowerCase().startsWith("warn")) tr.classList.add("table-warning");
        else tr.classList.add("table-danger");
        const where = issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet;
        tr.appendChild(bahiText(document.createElement("td"), where)).className = "bahi-cell";
        tr.appendChild(bahiText(document.createElement("td"), issue.message));
        if (issue.sheet && issue.cell) {
          tr.addEventListener("click", () => bahiGoTo(issue.sheet, issue.cell));
        }
        tbody.appendChild(tr);
      }
      const settingsBody = document.getElementById("bahi-settings");
      settingsBody.replaceChildren();
      for (const [setting, value] of settings) {
        const tr = document.createElement("tr");
        tr.appendChild(bahiText(document.createElement("th"), setting));
        tr.appendChild(bahiText(document.createElement("td"), value));
        settingsBody.appendChild(tr);
      }
    });
  } catch (error) {
    console.error("Bahi: could not read the workbook", error);
  }
}

function bahiSetUpToken() {
  if (!globalThis.config || !config.authProviders.includes("custom")) return;
  document.getElementById("bahi-token-section").classList.remove("d-none");
  const input = document.getElementById("bahi-token");
  input.value = localStorage.getItem("bahi-token") || "";
  document.getElementById("bahi-token-save").addEventListener("click", () => {
    localStorage.setItem("bahi-token", input.value.trim());
  });
}

function bahiSetUpButtons() {
  // Every button runs its script through bahiRun (ribbon.js): same include list, same auth,
  // and a big Journal is uploaded in blocks. The statement button passes the typed account, the
  // undo button the run chosen from the Reconciliation Log.
  document.querySelectorAll("[data-bahi-script]").forEach((button) => {
    button.addEventListener("click", async () => {
      const script = button.getAttribute("data-bahi-script");
      const field = BAHI_ARGUMENT_FIELDS[script];
      const args = field ? [document.getElementById(field).value.trim()] : [];
      button.setAttribute("disabled", "true");
      try {
        await globalThis.bahiRun(script, args);
      } catch (error) {
        console.error(error);
      } finally {
        button.removeAttribute("disabled");
      }
    });
  });
}

Office.onReady(() => {
  bahiSetUpToken();
  bahiSetUpButtons();
  document.getElementById("bahi-refresh").addEventListener("click", bahiRefresh);
  document.addEventListener("bahi:ran", bahiRefresh);
  bahiRefresh();
});
